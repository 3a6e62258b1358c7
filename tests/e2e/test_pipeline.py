"""The Dagster definitions, and a real run of every asset (Python and dbt) into a temporary
DuckDB file."""

import os

import dagster as dg
import duckdb
import pytest
from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from orchestration.batches import ALL, batch_files, ensure_partition
from orchestration.dbt_project import dbt_project
from orchestration.definitions import defs
from orchestration.resources import dbt_executable
from orchestration.sensor import new_article_files
from tests.support.paths import SAMPLES


def test_definitions_load_with_a_connected_graph():
    keys = {k.to_user_string() for k in defs.resolve_all_asset_keys()}
    assert {
        "raw/articles",
        "clean/articles",
        "extracted/events",
        "marts/fct_events",
        "marts/events_by_province",
    } <= keys
    graph = defs.resolve_asset_graph()
    staging = graph.get(dg.AssetKey(["staging", "stg_extracted__events"]))
    assert dg.AssetKey(["extracted", "events"]) in staging.parent_keys
    assert defs.resolve_job_def("conflict_pipeline") is not None
    assert defs.resolve_schedule_def("daily_refresh").default_status == dg.DefaultScheduleStatus.RUNNING
    assert defs.resolve_sensor_def("new_article_files") is not None


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("warehouse") / "conflict.duckdb"
    previous = os.environ.get("CONFLICT_WAREHOUSE")
    os.environ["CONFLICT_WAREHOUSE"] = str(path)  # the dbt profile reads it
    resources = {
        "duckdb": DuckDBResource(database=str(path)),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
    }
    assets = list(defs.assets)
    config = {"ops": {"raw_articles": {"config": {"input_dir": str(SAMPLES)}}}}
    instance = dg.DagsterInstance.ephemeral()
    ensure_partition(instance, ALL)
    first = dg.materialize(assets, resources=resources, run_config=config, instance=instance, partition_key=ALL)
    assert first.success
    with duckdb.connect(str(path), read_only=True) as con:
        before = {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("raw.articles", "extracted.events", "marts.fct_events")
        }
        ids = con.execute("select event_id from extracted.events order by 1").fetchall()
    second = dg.materialize(assets, resources=resources, run_config=config, instance=instance, partition_key=ALL)
    assert second.success
    yield {"path": path, "before": before, "ids": ids, "first": first}
    if previous is None:
        os.environ.pop("CONFLICT_WAREHOUSE", None)
    else:
        os.environ["CONFLICT_WAREHOUSE"] = previous


def test_the_shelling_of_sousa_is_in_the_facts(warehouse):
    with duckdb.connect(str(warehouse["path"]), read_only=True) as con:
        rows = con.execute(
            """select actor1, actor2, sub_event_type, country, cross_border, origin_country
            from marts.fct_events where location = 'Sousa'"""
        ).fetchall()
    assert rows == [
        ("Popular Mobilization Forces", "Islamic State", "Shelling/artillery/missile attack", "Syria", True, "IQ")
    ]


def test_marts_answer_the_questions_analysts_ask(warehouse):
    with duckdb.connect(str(warehouse["path"]), read_only=True) as con:
        nineveh = con.execute("select sum(events) from marts.events_by_province where admin1 = 'Nineveh'").fetchone()[0]
        crossings = con.execute(
            "select count(*) from marts.border_crossing_incidents where origin_country = 'IQ' and target_country = 'SY'"
        ).fetchone()[0]
        pmf = con.execute(
            "select sum(events_as_actor1) from marts.actor_activity where actor = 'Popular Mobilization Forces'"
        ).fetchone()[0]
    assert nineveh >= 3  # Baaj twice, Qairawan, the Al-Khatheer desert
    assert crossings >= 2  # Sousa and Albu Kamal at least
    assert pmf >= 3


@pytest.mark.xfail(
    strict=True,
    reason="known limitation of the engine: the act the toll belongs to (Badr's nine villages northwest of Baaj) is "
    "not found, and the toll is told three sentences after the Baaj act that is",
)
def test_the_toll_of_baaj_is_in_the_facts(warehouse):
    with duckdb.connect(str(warehouse["path"]), read_only=True) as con:
        baaj_dead = con.execute("select max(fatalities) from marts.fct_events where location = 'Baaj'").fetchone()[0]
    assert baaj_dead == 45  # "more than 45 IS members dead"


def test_a_second_run_on_the_same_input_changes_nothing(warehouse):
    with duckdb.connect(str(warehouse["path"]), read_only=True) as con:
        after = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in warehouse["before"]}
        ids = con.execute("select event_id from extracted.events order by 1").fetchall()
    assert after == warehouse["before"]
    assert ids == warehouse["ids"]


def test_sensor_makes_a_batch_of_new_or_changed_files_only(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICT_INPUT_DIR", str(tmp_path / "in"))
    monkeypatch.setenv("CONFLICT_BATCH_DIR", str(tmp_path / "batches"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.txt").write_text("Clashes near Mosul.", encoding="utf-8")
    instance = dg.DagsterInstance.ephemeral()
    first = new_article_files(dg.build_sensor_context(cursor=None, instance=instance))
    [request] = first.run_requests
    assert batch_files(request.partition_key) == ["one.txt"]
    assert first.dynamic_partitions_requests[0].partition_keys == [request.partition_key]
    quiet = new_article_files(dg.build_sensor_context(cursor=first.cursor, instance=instance))
    assert not quiet.run_requests
    (tmp_path / "in" / "one.txt").touch()  # touched, not changed: no new batch
    assert not new_article_files(dg.build_sensor_context(cursor=first.cursor, instance=instance)).run_requests
    (tmp_path / "in" / "two.txt").write_text("Shelling near Hit.", encoding="utf-8")
    (tmp_path / "in" / "one.txt").write_text("Clashes near Mosul and Tal Afar.", encoding="utf-8")
    again = new_article_files(dg.build_sensor_context(cursor=first.cursor, instance=instance))
    [second] = again.run_requests
    assert (
        batch_files(second.partition_key) == ["one.txt", "two.txt"]
        and second.tags["conflict/batch"] == second.partition_key
    )


def test_a_batch_loads_only_its_files(tmp_path, monkeypatch):
    from dagster_duckdb import DuckDBResource

    from orchestration.assets.ingestion import raw_articles
    from orchestration.batches import write_manifest

    monkeypatch.setenv("CONFLICT_BATCH_DIR", str(tmp_path / "batches"))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Iraqi forces recaptured Rawa on Friday.", encoding="utf-8")
    (folder / "b.txt").write_text("Shelling near Hit on Monday.", encoding="utf-8")
    write_manifest("batch-1", ["b.txt"])
    instance = dg.DagsterInstance.ephemeral()
    ensure_partition(instance, "batch-1")
    result = dg.materialize(
        [raw_articles],
        resources={"duckdb": DuckDBResource(database=str(tmp_path / "w.duckdb"))},
        run_config={"ops": {"raw_articles": {"config": {"input_dir": str(folder)}}}},
        instance=instance,
        partition_key="batch-1",
    )
    assert result.success
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("select doc_id from raw.articles").fetchall() == [("b",)]
    [loaded] = [
        e.materialization for e in result.get_asset_materialization_events() if e.asset_key.path == ["raw", "articles"]
    ]
    assert loaded.metadata["files_in_batch"].value == 1 and loaded.metadata["files"].value == "- `b.txt`"


def test_extraction_checks_pass_on_the_samples_and_fail_on_bad_events(warehouse, tmp_path):
    import shutil

    from orchestration.checks import casualty_figures_are_plausible, events_with_province, every_event_has_evidence

    copy = tmp_path / "copy.duckdb"
    shutil.copy(warehouse["path"], copy)
    resource = DuckDBResource(database=str(copy))
    for check in (every_event_has_evidence, casualty_figures_are_plausible, events_with_province):
        assert check(duckdb=resource).passed, repr(check)
    with duckdb.connect(str(copy)) as con:
        con.execute(
            """insert into extracted.events by name
            select * replace ('bad-1' as event_id, '' as evidence, -4 as fatalities) from extracted.events limit 1"""
        )
    assert not every_event_has_evidence(duckdb=resource).passed
    assert not casualty_figures_are_plausible(duckdb=resource).passed


def test_every_table_reports_its_row_count_and_marts_a_preview(warehouse):
    materialized = {
        e.materialization.asset_key.to_user_string(): e.materialization.metadata
        for e in warehouse["first"].get_asset_materialization_events()
    }
    with duckdb.connect(str(warehouse["path"]), read_only=True) as con:
        facts = con.execute("select count(*) from marts.fct_events").fetchone()[0]
    assert materialized["marts/fct_events"]["dagster/row_count"].value == facts
    assert "Sousa" in materialized["marts/fct_events"]["preview"].value or facts > 5
    for key in ("marts/fct_events", "extracted/events"):  # empty cells, never pandas' nan
        preview = materialized[key]["preview"].value
        assert not {"nan", "NaT", "None", "<NA>"} & {cell.strip() for cell in preview.split("|")}, key
    for key in (
        "raw/articles",
        "clean/articles",
        "extracted/events",
        "staging/stg_raw__articles",
        "marts/events_by_province",
    ):
        assert "dagster/row_count" in materialized[key], key


def test_the_first_tick_after_a_run_requests_nothing_and_new_files_still_run(warehouse, tmp_path, monkeypatch):
    """The sensor reads what the real run loaded: the same files (even under new names) start no
    run on its first tick, with no cursor; a new article does, alone in its batch."""
    import shutil

    inbox = tmp_path / "in"
    shutil.copytree(SAMPLES, inbox)
    shutil.copy(inbox / sorted(p.name for p in SAMPLES.iterdir())[0], inbox / "same_text_new_name.txt")
    monkeypatch.setenv("CONFLICT_INPUT_DIR", str(inbox))
    monkeypatch.setenv("CONFLICT_BATCH_DIR", str(tmp_path / "batches"))
    instance = dg.DagsterInstance.ephemeral()
    first = new_article_files(dg.build_sensor_context(cursor=None, instance=instance))
    assert not first.run_requests
    assert "6 changed files already in the warehouse" in first.skip_reason.skip_message
    (inbox / "new.txt").write_text("Iraqi forces shelled Rawa on Friday, killing two fighters.", encoding="utf-8")
    second = new_article_files(dg.build_sensor_context(cursor=first.cursor, instance=instance))
    [request] = second.run_requests
    assert batch_files(request.partition_key) == ["new.txt"]
    assert request.partition_key.endswith("-1file")
