"""Warehouse group: every dbt model and seed is an asset; dbt tests are asset checks."""

import dagster as dg
import duckdb as duckdb_module
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets
from dagster_duckdb import DuckDBResource

from orchestration.checks import MART_FRESHNESS
from orchestration.dbt_project import dbt_project


class LayerGroups(DagsterDbtTranslator):
    """Groups dbt assets by layer (reference seeds, staging, intermediate, marts), so the asset
    graph reads raw -> cleaning -> extraction -> staging -> intermediate -> marts -> publishing."""

    def get_group_name(self, dbt_resource_props):
        if dbt_resource_props.get("resource_type") == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn") or []
        return fqn[1] if len(fqn) > 2 else "warehouse"

    def get_asset_spec(self, manifest, unique_id, project):
        """Marts carry a freshness policy: the daily schedule should rebuild them."""
        spec = super().get_asset_spec(manifest, unique_id, project)
        return dg.apply_freshness_policy(spec, MART_FRESHNESS) if spec.group_name == "marts" else spec


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, pool="duckdb_writer", dagster_dbt_translator=LayerGroups())
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, duckdb: DuckDBResource):
    """``dbt build``: seeds, staging views, marts and their tests, in dependency order.

    The events are held until dbt has finished and released the file; then each table's row
    count (and, for marts, a short preview) is added to its materialization.
    """
    invocation = dbt.cli(["build"], context=context, raise_on_error=False)
    events = list(invocation.stream())
    yield from with_table_metadata(events, duckdb)
    if not invocation.is_successful():
        raise dg.Failure(description=dbt_failure_summary(invocation), allow_retries=False)


def dbt_failure_summary(invocation) -> str:
    """One line naming what failed in dbt and where to read more."""
    failed = []
    for event in invocation.get_artifact("run_results.json").get("results", []):
        if event.get("status") in {"error", "fail"}:
            failed.append(event.get("unique_id", "?").split(".")[-1])
    names = ", ".join(failed[:5]) + (f" and {len(failed) - 5} more" if len(failed) > 5 else "")
    return (
        f"dbt build failed ({names or 'see the log'}): read the dbt output above or "
        f"{invocation.target_path}/dbt.log, fix the model or test, then run again"
    )


def with_table_metadata(events: list, duckdb: DuckDBResource) -> list:
    """dbt's events, with ``dagster/row_count`` and a Markdown preview of each table built.

    Asset keys are [schema, table], so each names its relation. One connection, closed before
    the next asset runs (an in-process connection left open would block the writers).
    """
    enriched = []
    try:
        with duckdb.get_connection() as con:
            for event in events:
                # a model's output is named "<schema>__<table>" (table names may hold "__" too)
                path = event.output_name.split("__", 1) if isinstance(event, dg.Output) else []
                if len(path) != 2:
                    enriched.append(event)
                    continue
                relation = f'"{path[0]}"."{path[1]}"'
                try:
                    rows = con.execute(f"select count(*) from {relation}").fetchone()[0]
                except duckdb_module.Error:
                    enriched.append(event)
                    continue
                metadata = {**event.metadata, "dagster/row_count": dg.MetadataValue.int(int(rows))}
                if path[0] == "marts":
                    preview = con.execute(f"select * from {relation} limit 5").df()
                    metadata["preview"] = dg.MetadataValue.md(preview.to_markdown(index=False) if not preview.empty else "(no rows)")
                enriched.append(event.with_metadata(metadata))
    except duckdb_module.Error as error:
        dg.get_dagster_logger().warning(f"row counts of the dbt tables were not added: {str(error).splitlines()[0]}")
        return events
    return enriched
