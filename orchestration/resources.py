"""Resources: one DuckDB file shared by the Python assets, and dbt on the target the environment
names (``CONFLICT_DBT_TARGET``: ``dev``, the same DuckDB file, when unset; ``postgres`` with the
``CONFLICT_PG_*`` settings; see docs/scaling_warehouse.md)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from extract.storage.postgres import dbt_target
from extract.storage.warehouse import memory_limit, warehouse_path
from orchestration.dbt_project import dbt_project


def build_resources() -> dict[str, object]:
    """Resources for the current environment (``CONFLICT_WAREHOUSE`` names the file,
    ``CONFLICT_DBT_TARGET`` the dbt output)."""
    database = warehouse_path()
    database.parent.mkdir(parents=True, exist_ok=True)
    return {
        "duckdb": DuckDBResource(database=str(database), connection_config={"memory_limit": memory_limit()}),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable(), target=dbt_target()),
    }


def dbt_executable() -> str:
    """The dbt installed beside this Python, so an unactivated virtualenv still finds it."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")
