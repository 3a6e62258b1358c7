"""Tests are isolated from the user's data and settings (issue #14, item 10).

tests/conftest.py drops the inherited ``CONFLICT_*`` variables and points ``CONFLICT_WAREHOUSE``
and ``DAGSTER_HOME`` into a session folder; Dagster's programs, which read the ``.env`` of their
working directory over the environment, are started in a folder without one; and a session that
changed ``warehouse/`` fails."""

import os
import subprocess
import sys
from pathlib import Path

from extract import settings
from tests.support.isolation import USER_DATA, changes, snapshot
from tests.support.paths import ROOT

# a Dagster asset that writes the warehouse its process would use
PROBE = """
import dagster as dg
from extract import settings

@dg.asset
def probe() -> None:
    with open({out!r}, "w") as handle:
        handle.write(str(settings.current().warehouse))
"""


def test_the_session_uses_its_own_warehouse_and_dagster_home(isolation):
    assert settings.current().warehouse == isolation.warehouse
    assert not settings.current().warehouse.is_relative_to(ROOT)
    assert Path(os.environ["DAGSTER_HOME"]) == isolation.dagster_home
    assert not isolation.dagster_home.is_relative_to(ROOT)
    assert not (isolation.cwd / ".env").exists()
    assert Path.cwd() == isolation.cwd, "processes started without a folder do not start in the project root"


def materialized_warehouse(cwd: Path, work: Path) -> str:
    """The warehouse an asset run by ``dagster asset materialize`` started in ``cwd`` sees."""
    out = work / f"seen-{cwd.name}.txt"
    module = work / "probe_defs.py"
    module.write_text(PROBE.format(out=str(out)), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "dagster", "asset", "materialize", "-f", str(module), "--select", "probe"],
        cwd=cwd,
        env={**os.environ, "DAGSTER_HOME": str(work / f"home-{cwd.name}")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return out.read_text(encoding="utf-8")


def test_dagster_programs_read_the_env_file_of_their_folder_so_tests_start_them_elsewhere(isolation, tmp_path):
    user = tmp_path / "user_project"  # a copy of a project root where `make ui` wrote a .env
    user.mkdir()
    bogus = tmp_path / "the_users_warehouse.duckdb"
    (user / ".env").write_text(f"CONFLICT_WAREHOUSE={bogus}\n", encoding="utf-8")
    for home in ("home-user_project", "home-cwd"):
        (tmp_path / home).mkdir()
    assert materialized_warehouse(user, tmp_path) == str(bogus), "Dagster reads .env over the environment"
    assert materialized_warehouse(isolation.cwd, tmp_path) == str(isolation.warehouse)


def test_a_change_under_the_users_data_is_caught(tmp_path):
    folder = tmp_path / "warehouse"
    folder.mkdir()
    (folder / "conflict.duckdb").write_bytes(b"x")
    before = snapshot((folder,))
    assert changes(before, snapshot((folder,))) == []
    os.utime(folder / "conflict.duckdb", ns=(1, 1))
    (folder / "new.tmp").write_bytes(b"y")
    found = changes(before, snapshot((folder,)))
    assert any(line.startswith("created") and "new.tmp" in line for line in found)
    assert any(line.startswith("modified") and line.endswith("conflict.duckdb") for line in found)


def test_the_guard_watches_the_project_warehouse_folder():
    assert ROOT / "warehouse" in USER_DATA
