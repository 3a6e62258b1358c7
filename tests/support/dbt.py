"""dbt runs of the tests, on a warehouse file of their own and with their own target folder."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from orchestration.resources import dbt_executable
from tests.support.paths import DBT_PROJECT_DIR


def dbt_run(warehouse: Path, *select: str, work: Path | None = None) -> None:
    """``dbt run --select ...`` (no tests) into ``warehouse`` on the local target; the target and
    log folders go to ``work`` (default: beside the warehouse), never the project's."""
    work = work or warehouse.parent
    done = subprocess.run(
        [
            dbt_executable(),
            "run",
            "--quiet",
            "--select",
            *select,
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(work / "dbt-target"),
            "--log-path",
            str(work / "dbt-logs"),
        ],
        env={**os.environ, "CONFLICT_WAREHOUSE": str(warehouse), "CONFLICT_DBT_TARGET": "dev"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
