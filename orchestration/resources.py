"""Resources: one DuckDB file shared by the Python assets, and dbt on the target the environment
names (``CONFLICT_DBT_TARGET``: ``dev``, the same DuckDB file, when unset; ``postgres`` with the
``CONFLICT_PG_*`` settings; see docs/scaling_warehouse.md)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource
from pydantic import Field

from extract.storage.postgres import dbt_target
from extract.storage.warehouse import connect_waiting, memory_limit, warehouse_path
from orchestration.dbt_project import dbt_project

# how long an asset waits for another program to release the warehouse (dagster-duckdb's own
# retries waited about as long, but in silence and on every error, a corrupt file too)
LOCK_WAIT_S = 100.0


class WarehouseResource(DuckDBResource):
    """The DuckDB resource, but one that waits only for a lock, and says so at once.

    ``DuckDBResource.get_connection`` retries every IO error ten times with growing delays (about
    100 s) without a word, so a locked, corrupt or full warehouse all look like a hung run. This
    one logs at once which process holds the lock and how long it will wait, and raises any other
    problem at once, as one line that says what to do."""

    lock_wait_s: float = Field(default=LOCK_WAIT_S, description="seconds to wait for another program's lock")

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        log = dg.get_dagster_logger()
        config = {"custom_user_agent": "dagster", **self.connection_config}
        con = connect_waiting(self.database, self.lock_wait_s, log.warning, config=config)
        try:
            yield con
        finally:
            con.close()


def build_resources() -> dict[str, object]:
    """Resources for the current environment (``CONFLICT_WAREHOUSE`` names the file,
    ``CONFLICT_DBT_TARGET`` the dbt output)."""
    database = warehouse_path()
    database.parent.mkdir(parents=True, exist_ok=True)
    return {
        "duckdb": WarehouseResource(database=str(database), connection_config={"memory_limit": memory_limit()}),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable(), target=dbt_target()),
    }


def dbt_executable() -> str:
    """The dbt installed beside this Python, so an unactivated virtualenv still finds it."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")
