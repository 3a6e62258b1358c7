"""Warehouse group: every dbt model and seed is an asset; dbt tests are asset checks."""

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from orchestration.dbt_project import dbt_project


class LayerGroups(DagsterDbtTranslator):
    """Groups dbt assets by layer (reference seeds, staging, intermediate, marts), so the asset
    graph reads raw -> cleaning -> extraction -> staging -> intermediate -> marts -> publishing."""

    def get_group_name(self, dbt_resource_props):
        if dbt_resource_props.get("resource_type") == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn") or []
        return fqn[1] if len(fqn) > 2 else "warehouse"


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, pool="duckdb_writer", dagster_dbt_translator=LayerGroups())
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """``dbt build``: seeds, staging views, marts and their tests, in dependency order."""
    invocation = dbt.cli(["build"], context=context, raise_on_error=False)
    yield from invocation.stream()
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
