"""The job, its daily schedule, and a sensor that runs it when input files are new or changed."""

from __future__ import annotations

import hashlib
import json
import os

import dagster as dg

from orchestration.assets.ingestion import input_dir

conflict_pipeline = dg.define_asset_job(
    "conflict_pipeline",
    selection=dg.AssetSelection.all(),
    description="Load articles, clean them, extract events and rebuild the dbt warehouse.",
)

daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh",
    job=conflict_pipeline,
    cron_schedule=os.environ.get("CONFLICT_SCHEDULE_CRON", "0 6 * * *"),
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Runs the whole pipeline every day (cron from CONFLICT_SCHEDULE_CRON).",
)


def folder_fingerprints() -> dict[str, str]:
    """Size and modification time of every file in the input folder: cheap change detection."""
    folder = input_dir()
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): f"{p.stat().st_size}:{p.stat().st_mtime_ns}"
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


@dg.sensor(job=conflict_pipeline, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def new_article_files(context: dg.SensorEvaluationContext):
    """Start a run when files appear or change in the input folder (never for files already seen)."""
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    current = folder_fingerprints()
    changed = sorted(path for path, stamp in current.items() if seen.get(path) != stamp)
    if not changed:
        return dg.SkipReason(f"no new or changed files in {input_dir()}")
    key = hashlib.sha256(json.dumps({p: current[p] for p in changed}).encode()).hexdigest()[:16]
    context.update_cursor(json.dumps(current))
    return dg.RunRequest(run_key=key, tags={"conflict/changed_files": str(len(changed))})
