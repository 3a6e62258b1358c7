"""The job and its daily schedule (the sensor for new input files: :mod:`orchestration.sensor`)."""

from __future__ import annotations

import dagster as dg

from extract import settings
from extract.loading.batches import ALL
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
