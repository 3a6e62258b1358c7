"""The ingestion assets run unchanged under Dagster's multiprocess executor, one run per input
batch (partition), and give the warehouse a single process would; without run config the job
runs in process (the default executor)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from extract.loading.files import input_files
from extract.storage.stages import clean_stage, extract_stage, load_stage
from extract.tools.synthetic import write_corpus
from orchestration.batches import input_batches, write_manifest
from orchestration.definitions import pipeline_job
from tests.support.groups import DAGSTER_PROCESSES
from tests.support.paths import SAMPLES

pytestmark = DAGSTER_PROCESSES  # see tests/support/groups.py

INGESTION = [
    ["raw", "articles"],
    ["raw", "article_files"],
    ["raw", "rejected_files"],
    ["clean", "articles"],
    ["extracted", "events"],
    ["extracted", "actor_mentions"],
    ["extracted", "place_mentions"],
    ["extracted", "entity_mentions"],
    ["extracted", "article_status"],
]


@pytest.fixture()
def batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox / "samples")
    generated = write_corpus(tmp_path / "generated", 40, seed=11)  # its truth file stays outside the inbox
    shutil.copytree(generated.folder, inbox / "synthetic")
    names = [p.relative_to(inbox).as_posix() for p in input_files(inbox)]
    # environment, not run config: the step processes inherit it
    monkeypatch.setenv("CONFLICT_WAREHOUSE", str(tmp_path / "conflict.duckdb"))
    monkeypatch.setenv("CONFLICT_EXECUTOR", "multiprocess")
    monkeypatch.setenv("CONFLICT_INPUT_DIR", str(inbox))
    monkeypatch.setenv("CONFLICT_BATCH_DIR", str(tmp_path / "batches"))
    keys = [f"batch-{n}" for n in range(3)]
    for number, key in enumerate(keys):
        write_manifest(key, names[number::3])
    return {"inbox": inbox, "keys": keys, "names": names, "warehouse": tmp_path / "conflict.duckdb", "tmp": tmp_path}


def _rows(path: Path) -> dict[str, object]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {
            "files": sorted(r[0] for r in con.execute("select path from raw.article_files").fetchall()),
            "events": sorted(
                con.execute("select event_id, sub_event_type, actor1, location from extracted.events").fetchall()
            ),
            "unextracted": con.execute(
                "select count(*) from clean.articles where content_hash not in (select content_hash from extracted.article_status)"
            ).fetchall()[0][0],
        }


def test_partitions_under_the_multiprocess_executor_match_one_process(batches: dict[str, object]) -> None:
    selection = [dg.AssetKey(key) for key in INGESTION]
    home = batches["tmp"] / "dagster_home"
    home.mkdir()
    with dg.instance_for_test(temp_dir=str(home)) as instance:
        instance.add_dynamic_partitions(input_batches.name, batches["keys"])
        for key in batches["keys"]:
            with dg.execute_job(
                dg.reconstructable(pipeline_job),
                instance=instance,
                asset_selection=selection,
                run_config={"execution": {"config": {"multiprocess": {"max_concurrent": 2}}}},
                tags={"dagster/partition": key, "conflict/batch": key},
            ) as result:
                assert result.success, f"run of {key} failed"
                starts = [e for e in result.all_events if e.event_type_value == "STEP_START"]
                assert {"raw_articles", "clean__articles", "extracted_events"} <= {e.step_key for e in starts}
                # every step ran in a process of its own, none in this one
                pids = {e.pid for e in starts}
                assert os.getpid() not in pids and len(pids) == len(starts)

    partitioned = _rows(batches["warehouse"])
    assert partitioned["files"] == sorted(batches["names"])
    assert partitioned["unextracted"] == 0

    single = batches["tmp"] / "single.duckdb"
    with duckdb.connect(str(single)) as con:
        load_stage(con, batches["inbox"], log=lambda m: None, workers=1)
        clean_stage(con, workers=1)
        extract_stage(con, workers=1, log=lambda m: None)
    expected = _rows(single)
    assert len(expected["events"]) > 20
    assert partitioned["events"] == expected["events"]


def test_the_job_runs_in_process_by_default(batches: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    """No run config (a UI launch, the schedule, the sensor): every step in the run's own process,
    so a run pays the start-up of Python, spaCy and the definitions once, not once per step."""
    home = batches["tmp"] / "dagster_home"
    home.mkdir()
    key = batches["keys"][0]
    monkeypatch.delenv("CONFLICT_EXECUTOR")  # the default
    with dg.instance_for_test(temp_dir=str(home)) as instance:
        instance.add_dynamic_partitions(input_batches.name, [key])
        with dg.execute_job(
            dg.reconstructable(pipeline_job),
            instance=instance,
            asset_selection=[dg.AssetKey(k) for k in INGESTION[:4]],
            tags={"dagster/partition": key, "conflict/batch": key},
        ) as result:
            assert result.success
            starts = [e for e in result.all_events if e.event_type_value == "STEP_START"]
            assert {"raw_articles", "clean__articles"} <= {e.step_key for e in starts}
            assert {e.pid for e in starts} == {os.getpid()}


def test_the_job_runs_under_the_executor_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    from orchestration.automation import conflict_pipeline
    from orchestration.executors import executor_from_env

    assert conflict_pipeline.executor_def is dg.in_process_executor
    monkeypatch.setenv("CONFLICT_EXECUTOR", "multiprocess")
    assert executor_from_env() is dg.multi_or_in_process_executor
    monkeypatch.setenv("CONFLICT_EXECUTOR", "slurm")
    with pytest.raises(ValueError, match="in_process, multiprocess, k8s, celery"):
        executor_from_env()


@pytest.mark.parametrize("name", ["k8s", "celery"])
def test_documented_cluster_settings_are_valid_run_config(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/run_config/<executor>.yaml, which docs/scaling.md shows, fits the executor's schema."""
    import yaml

    from orchestration.definitions import defs
    from orchestration.executors import executor_from_env

    monkeypatch.setenv("CONFLICT_EXECUTOR", name)
    executor = executor_from_env()
    assert executor.name == name
    job = dg.define_asset_job("conflict_pipeline", selection=dg.AssetSelection.all(), executor_def=executor)
    resolved = dg.Definitions(
        assets=list(defs.assets), asset_checks=list(defs.asset_checks), jobs=[job], resources=defs.resources
    )
    run_config = yaml.safe_load(
        (Path(__file__).resolve().parents[2] / "docs" / "run_config" / f"{name}.yaml").read_text()
    )
    dg.validate_run_config(resolved.resolve_job_def("conflict_pipeline"), run_config)
    broken = {"execution": {"config": {**run_config["execution"]["config"], "no_such_setting": 1}}}
    with pytest.raises(dg.DagsterInvalidConfigError):
        dg.validate_run_config(resolved.resolve_job_def("conflict_pipeline"), broken)
