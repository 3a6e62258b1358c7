"""The job, its daily schedule, and a sensor that runs it for new or changed input files."""

from __future__ import annotations

import json

import dagster as dg

from extract import settings
from extract.loading.batches import ALL, batch_key, input_dir, scan, write_manifest
from orchestration.batches import input_batches
from orchestration.executors import executor_from_env

conflict_pipeline = dg.define_asset_job(
    "conflict_pipeline",
    selection=dg.AssetSelection.all(),
    description="Load a batch of articles (or 'all'), clean them, extract events, rebuild the dbt warehouse, publish.",
    executor_def=executor_from_env(),
)


@dg.schedule(
    job=conflict_pipeline,
    cron_schedule=settings.current().schedule_cron,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Runs the whole pipeline on the whole input folder every day (cron from CONFLICT_SCHEDULE_CRON).",
)
def daily_refresh(context: dg.ScheduleEvaluationContext):
    """Daily run over partition ``all``: everything in the input folder (re-runs add nothing)."""
    if not context.instance.has_dynamic_partition(input_batches.name, ALL):
        context.instance.add_dynamic_partitions(input_batches.name, [ALL])
    stamp = context.scheduled_execution_time.strftime("%Y-%m-%d")
    return dg.RunRequest(run_key=f"daily-{stamp}", partition_key=ALL, tags={"conflict/batch": ALL})


@dg.sensor(job=conflict_pipeline, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def new_article_files(context: dg.SensorEvaluationContext):
    """New or changed files become a batch (a partition of ``input_batches``) and start a run for
    it; files already loaded never start one again."""
    seen = json.loads(context.cursor) if context.cursor else {}
    folder = input_dir()
    state, changed = scan(folder, seen)
    if not changed:
        return dg.SensorResult(
            skip_reason=dg.SkipReason(f"no new or changed files in {folder}"), cursor=json.dumps(state)
        )
    key = batch_key(state, changed)
    write_manifest(key, changed)
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=key,
                partition_key=key,
                tags={"conflict/batch": key, "conflict/changed_files": str(len(changed))},
            )
        ],
        dynamic_partitions_requests=[input_batches.build_add_request([key])],
        cursor=json.dumps(state),
    )
