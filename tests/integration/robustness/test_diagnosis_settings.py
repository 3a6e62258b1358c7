"""Settings errors name the variable (issue #14, item 9): a bad value stops at start-up with one
line naming the ``CONFLICT_*`` variable and what it expects, not later as a DuckDB, dbt or cron
error that names neither."""

import os
import subprocess
import sys

import duckdb
import pytest

from extract import settings
from tests.support.paths import SAMPLES


@pytest.mark.parametrize(
    ("name", "value", "expects"),
    [
        ("CONFLICT_DUCKDB_MEMORY", "lots", "expected a size with a unit, such as 512MB"),
        ("CONFLICT_DBT_TARGET", "snowflake", "is not an output of dbt_project/profiles.yml: set one of dev, postgres"),
        ("CONFLICT_REFERENCE_DIR", "/no/such/reference", "no such folder"),
        ("CONFLICT_SCHEDULE_CRON", "every morning", "expected a cron expression of five fields"),
    ],
)
def test_a_bad_value_is_refused_with_its_variable_named(name, value, expects):
    with pytest.raises(settings.SettingsError) as raised:
        settings.load({name: value})
    message = str(raised.value)
    assert message.startswith(f"{name}={value!r}") and expects in message, message


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CONFLICT_DUCKDB_MEMORY", "2GB"),
        ("CONFLICT_DUCKDB_MEMORY", "1.5 GiB"),
        ("CONFLICT_DBT_TARGET", "postgres"),
        ("CONFLICT_SCHEDULE_CRON", "*/15 6-18 * * MON-FRI"),
    ],
)
def test_good_values_pass(name, value):
    loaded = settings.load({name: value})
    if name == "CONFLICT_DUCKDB_MEMORY":  # and DuckDB takes what was let through
        duckdb.connect(config={"memory_limit": loaded.duckdb_memory}).close()


def test_the_profile_outputs_are_the_known_targets():
    assert set(settings.dbt_outputs()) >= {"dev", "postgres"}


def test_the_command_line_says_which_variable_is_wrong(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "extract.tools.cli", "ingest", "--input", str(SAMPLES)],
        env={**os.environ, "CONFLICT_WAREHOUSE": str(tmp_path / "w.duckdb"), "CONFLICT_DUCKDB_MEMORY": "lots"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert done.stderr.strip().splitlines()[-1].startswith("conflict-events: error: CONFLICT_DUCKDB_MEMORY='lots'")
    assert "Traceback" not in done.stderr
