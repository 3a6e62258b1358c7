"""``python -m orchestration.run``: run the whole job headless (what ``make run`` does) and print
what the warehouse now holds.

The run is recorded in the Dagster instance of ``DAGSTER_HOME`` when it is set, so it shows in
the UI afterwards; without it, an ephemeral instance is used.
"""

from __future__ import annotations

import os
import sys

import dagster as dg

from extract.storage.postgres import LOCAL_TARGET, dbt_target
from extract.storage.warehouse import WarehouseError, connect, warehouse_path
from extract.publishing.publish import published_path
from extract.publishing.report import report_path

MARTS = [
    "fct_events", "fct_event_reports", "events_by_province", "actor_activity", "actor_dyads",
    "border_crossing_incidents", "daily_event_counts", "acled_compatible_events",
    "dim_actors", "dim_locations", "dim_articles",
    "dim_people", "people_activity", "event_sources", "candidate_actors", "candidate_places",
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


def main() -> int:
    from orchestration.definitions import defs

    from orchestration.batches import ALL, ensure_partition

    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    ensure_partition(instance, ALL)
    job = defs.resolve_job_def("conflict_pipeline")
    try:
        result = job.execute_in_process(instance=instance, partition_key=ALL, tags={"conflict/batch": ALL}, raise_on_error=False)
    except WarehouseError as error:
        print(f"run failed: {error}", file=sys.stderr)
        return 1
    if not result.success:
        failed = [e.step_key for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
        print(f"run {result.run_id} failed in {', '.join(failed) or 'a step'}: see the log above, or open it in the Dagster UI (make ui)", file=sys.stderr)
        return 1
    print(f"run {result.run_id} succeeded")
    print(summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
