"""Reporting: the static HTML report, rendered from the published copy (never the live file),
with its key charts attached to the materialization so they show in the Dagster UI.

Like the published copy, only when dbt builds on the local DuckDB file: on another target the
report is not rendered (an observation says why) rather than drawn from stale local marts.
"""

from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from extract.publishing.charts import data_uri
from extract.publishing.publish import published_path
from extract.publishing.report import render, report_path
from orchestration.assets.publishing import PUBLISHED_KEY, not_on_local_target

# the charts shown in the Dagster UI (all five are in the HTML file)
UI_CHARTS = {
    "events_by_province": "Events per province",
    "event_map": "Events by place",
    "monthly_events_by_type": "Events per month by type",
}


@dg.asset(
    key=["published", "report"],
    deps=[PUBLISHED_KEY],
    group_name="publishing",
    kinds={"html"},
    output_required=False,
    description=(
        "report/index.html: charts of events per province, on a map, per month and type, border crossings and top "
        "actors. Only when dbt builds on the local DuckDB file (CONFLICT_DBT_TARGET unset or dev)."
    ),
)
def conflict_report(context: dg.AssetExecutionContext, duckdb: DuckDBResource, dbt: DbtCliResource):
    skipped = not_on_local_target(context, dbt, "rendered")
    if skipped is not None:
        yield skipped
        return
    live = Path(duckdb.database)
    report = render(published_path(live), report_path(live))
    context.log.info(f"report written to {report.path} ({report.size_bytes} bytes)")
    charts = {
        f"chart_{name}": dg.MetadataValue.md(f"![{title}]({data_uri(report.charts[name])})")
        for name, title in UI_CHARTS.items()
    }
    yield dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(report.path)),
            "url": dg.MetadataValue.url(report.path.as_uri()),
            "size_bytes": report.size_bytes,
            "charts": len(report.charts),
            "events": int(report.summary["events"]),
            **charts,
        }
    )
