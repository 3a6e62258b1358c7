"""What the warehouse holds after a run: articles, events and rows per mart, as ``make run``
prints them."""

from __future__ import annotations

from extract.publishing.publish import published_path
from extract.publishing.report import report_path
from extract.settings import LOCAL_TARGET
from extract.storage.postgres import dbt_target
from extract.storage.warehouse import connect, warehouse_path

MARTS = [
    "fct_events",
    "fct_event_reports",
    "events_by_province",
    "actor_activity",
    "actor_dyads",
    "border_crossing_incidents",
    "daily_event_counts",
    "acled_compatible_events",
    "dim_actors",
    "dim_locations",
    "dim_articles",
    "dim_people",
    "people_activity",
    "event_sources",
    "candidate_actors",
    "candidate_places",
]


def summary() -> str:
    """Articles loaded, events found and rows per mart, as printed after a run. With another dbt
    target the marts are not in the DuckDB file: the summary says where they are."""
    target = dbt_target()
    con = connect(warehouse_path(), read_only=True)
    try:
        lines = [f"warehouse: {warehouse_path()}"]
        if target != LOCAL_TARGET:
            for label, sql in [
                ("articles loaded", "select count(*) from raw.articles"),
                ("inputs rejected", "select count(*) from raw.rejected_files"),
                ("events extracted", "select count(*) from extracted.events"),
            ]:
                lines.append(f"  {label:<36} {con.execute(sql).fetchone()[0]:>6}")
            lines.append(f"marts: built by dbt in the '{target}' target (CONFLICT_DBT_TARGET), not in this file")
            return "\n".join(lines)
        for label, sql in [
            ("articles loaded", "select count(*) from raw.articles"),
            ("inputs rejected", "select count(*) from raw.rejected_files"),
            ("events extracted", "select count(*) from extracted.events"),
            ("reports asserted (fct_event_reports)", "select count(*) from marts.fct_event_reports"),
            ("events asserted (marts.fct_events)", "select count(*) from marts.fct_events"),
            ("events reported by 2+ articles", "select count(*) from marts.fct_events where n_articles > 1"),
        ]:
            lines.append(f"  {label:<36} {con.execute(sql).fetchone()[0]:>6}")
        lines.append("rows per mart:")
        for mart in MARTS:
            lines.append(f"  marts.{mart:<29} {con.execute(f'select count(*) from marts.{mart}').fetchone()[0]:>6}")
        published, report = published_path(warehouse_path()), report_path(warehouse_path())
        lines.append(f"for BI tools (read-only): {published}" if published.exists() else "not published yet")
        if report.exists():
            lines.append(f"report: {report}")
        return "\n".join(lines)
    finally:
        con.close()
