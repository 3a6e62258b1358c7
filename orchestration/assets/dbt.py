"""Warehouse group: every dbt model and seed is an asset; dbt tests are asset checks."""


import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets

from orchestration.dbt_project import dbt_project


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, pool="duckdb_writer")
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """``dbt build``: seeds, staging views, marts and their tests, in dependency order."""
    yield from dbt.cli(["build"], context=context).stream()
