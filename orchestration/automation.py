"""The job, its daily schedule, and a sensor that runs it for new or changed input files."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg

from extract.loading.files import input_files
from orchestration.assets.ingestion import input_dir
from orchestration.batches import ALL, input_batches, write_manifest
from orchestration.executors import executor_from_env

conflict_pipeline = dg.define_asset_job(
    "conflict_pipeline",
    selection=dg.AssetSelection.all(),
    description="Load a batch of articles (or 'all'), clean them, extract events, rebuild the dbt warehouse, publish.",
    executor_def=executor_from_env(),
)


@dg.schedule(
    job=conflict_pipeline,
    cron_schedule=os.environ.get("CONFLICT_SCHEDULE_CRON", "0 6 * * *"),
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Runs the whole pipeline on the whole input folder every day (cron from CONFLICT_SCHEDULE_CRON).",
)
def daily_refresh(context: dg.ScheduleEvaluationContext):
    """Daily run over partition ``all``: everything in the input folder (re-runs add nothing)."""
    if not context.instance.has_dynamic_partition(input_batches.name, ALL):
        context.instance.add_dynamic_partitions(input_batches.name, [ALL])
    stamp = context.scheduled_execution_time.strftime("%Y-%m-%d")
    return dg.RunRequest(run_key=f"daily-{stamp}", partition_key=ALL, tags={"conflict/batch": ALL})


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def scan(folder: Path, seen: dict[str, dict[str, str]]) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Current state of the folder and the files whose content is new or changed.

    A file is hashed only when its size or time differs from what the cursor holds, so an
    unchanged folder costs one stat per file; a file touched but not changed starts no run.
    """
    state: dict[str, dict[str, str]] = {}
    changed: list[str] = []
    if not folder.is_dir():
        return state, changed
    for path in input_files(folder):
        name = path.relative_to(folder).as_posix()
        stat = path.stat()
        stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
        before = seen.get(name)
        digest = before["sha"] if before and before["stamp"] == stamp else file_hash(path)
        state[name] = {"stamp": stamp, "sha": digest}
        if not before or before["sha"] != digest:
            changed.append(name)
    return state, changed


@dg.sensor(job=conflict_pipeline, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def new_article_files(context: dg.SensorEvaluationContext):
    """New or changed files become a batch (a partition of ``input_batches``) and start a run for
    it; files already loaded never start one again."""
    seen = json.loads(context.cursor) if context.cursor else {}
    folder = input_dir()
    state, changed = scan(folder, seen)
    if not changed:
        return dg.SensorResult(skip_reason=dg.SkipReason(f"no new or changed files in {folder}"), cursor=json.dumps(state))
    fingerprint = hashlib.sha256(json.dumps({n: state[n]["sha"] for n in changed}, sort_keys=True).encode()).hexdigest()[:8]
    key = f"{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S')}-{fingerprint}"
    write_manifest(key, changed)
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=key, partition_key=key, tags={"conflict/batch": key, "conflict/changed_files": str(len(changed))})],
        dynamic_partitions_requests=[input_batches.build_add_request([key])],
        cursor=json.dumps(state),
    )
