"""Issue #14's "done when", through Dagster: one run of every asset (Python and dbt) over the
five sample articles and several hostile inputs at once succeeds end to end, with the samples
in the marts and each hostile input loaded or listed with its reason."""

from __future__ import annotations

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from orchestration.batches import ALL, ensure_partition
from orchestration.dbt_project import dbt_project
from orchestration.definitions import defs
from orchestration.resources import dbt_executable
from tests.support.hostile_inputs import CASES, SAMPLE_NAMES, with_samples

HOSTILE = (
    "deep_json",
    "huge_number",
    "lone_surrogate",
    "non_utf8_name",
    "symlink_loop",
    "fifo",
    "dangling_link",
    "implausible_dates",
    "csv_unclosed_quote",
    "wide_encodings",
)


def test_a_dagster_run_over_hostile_inputs_succeeds_end_to_end(tmp_path, monkeypatch):
    folder = tmp_path / "input"
    expect = with_samples(folder, *(CASES[name] for name in HOSTILE))
    path = tmp_path / "conflict.duckdb"
    monkeypatch.setenv("CONFLICT_WAREHOUSE", str(path))  # the dbt profile reads it
    monkeypatch.setenv("CONFLICT_WORKERS", "1")
    resources = {
        "duckdb": DuckDBResource(database=str(path)),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
    }
    instance = dg.DagsterInstance.ephemeral()
    ensure_partition(instance, ALL)
    result = dg.materialize(
        list(defs.assets),
        resources=resources,
        run_config={"ops": {"raw_articles": {"config": {"input_dir": str(folder)}}}},
        instance=instance,
        partition_key=ALL,
        raise_on_error=False,
    )
    failures = [e.step_failure_data.error.message for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    assert result.success, failures
    with duckdb.connect(str(path), read_only=True) as con:
        loaded = {
            p if line is None else f"{p}:{line}"
            for p, line in con.execute("select path, line from raw.article_files").fetchall()
        }
        rejected = {
            p if line is None else f"{p}:{line}"
            for p, line in con.execute("select path, line from raw.rejected_files").fetchall()
        }
        sample_facts = con.execute(
            """select count(distinct e.content_hash) from marts.fct_events e
            join raw.article_files f using (content_hash) where f.path like '00%_%.txt'"""
        ).fetchone()[0]
        warnings = con.execute("select count(*) from raw.load_warnings").fetchone()[0]
        latest = con.execute("select max(published_at) from raw.articles").fetchone()[0]
    assert loaded >= SAMPLE_NAMES | expect.loaded, (SAMPLE_NAMES | expect.loaded) - loaded
    assert rejected >= set(expect.rejected), set(expect.rejected) - rejected
    assert sample_facts >= 4  # the samples' events reach the marts (one sample codes no event today)
    assert warnings == len(expect.warned) and (latest is None or latest.year < 2100)
