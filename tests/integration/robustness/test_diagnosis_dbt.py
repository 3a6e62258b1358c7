"""dbt failures name what failed: a test by its name, not by its hash; a corrupt warehouse as a
corrupt file, not as a model to fix (issue #14, item 9). Real dbt builds on small real
warehouses."""

import re
import shutil

import duckdb
import pytest
from dagster_dbt import DbtCliResource

from orchestration.dbt_project import dbt_project
from orchestration.errors import dbt_failure_summary, node_name
from orchestration.resources import dbt_executable
from tests.support.warehouses import build_warehouse, garble

BROKEN_TEST = "source_accepted_values_extracted_entity_mentions_entity_type__person__organisation__armed_group__place"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("dbt_names") / "built.duckdb"
    build_warehouse(path)
    return path


def dbt_build(warehouse, monkeypatch):
    monkeypatch.setenv("CONFLICT_WAREHOUSE", str(warehouse))  # the dbt profile reads it
    dbt = DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable(), target="dev")
    invocation = dbt.cli(["build"], raise_on_error=False)
    list(invocation.stream_raw_events())
    assert not invocation.is_successful()
    return invocation


def test_a_failing_dbt_test_is_named_with_its_failing_rows(built, tmp_path, monkeypatch):
    warehouse = shutil.copy(built, tmp_path / "conflict.duckdb")
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "update extracted.entity_mentions set entity_type = 'weather' "
            "where mention_id = (select min(mention_id) from extracted.entity_mentions)"
        )
    summary = dbt_failure_summary(dbt_build(warehouse, monkeypatch))
    assert f"test {BROKEN_TEST}: 1 failing row" in summary, summary
    assert not re.search(r"\b[0-9a-f]{10}\b", summary), f"no hash in {summary}"
    assert "fix the model or test" in summary


def test_a_corrupt_warehouse_is_reported_as_corrupt_not_as_a_model_to_fix(built, tmp_path, monkeypatch):
    warehouse = garble(built, tmp_path / "conflict.duckdb")
    summary = dbt_failure_summary(dbt_build(warehouse, monkeypatch))
    assert "corrupt" in summary and str(warehouse) in summary, summary
    assert "fix the model" not in summary and "move it aside" in summary


def test_node_names_drop_the_hash_of_tests_only():
    assert node_name("test.conflict_events.unique_fct_events_event_id.5c2e4f1a2b") == "unique_fct_events_event_id"
    assert node_name("model.conflict_events.fct_events") == "fct_events"
