"""The one ``Definitions`` of the project."""

import dagster as dg

from orchestration.assets.dbt import target_sources, warehouse_models
from orchestration.assets.extraction import clean_articles, extracted_events
from orchestration.assets.ingestion import raw_articles
from orchestration.assets.publishing import published_warehouse
from orchestration.assets.reporting import conflict_report
from orchestration.automation import conflict_pipeline, daily_refresh
from orchestration.catalog import describe
from orchestration.checks import extraction_checks
from orchestration.executors import executor_from_env
from orchestration.progress import progress_logger
from orchestration.resources import build_resources
from orchestration.sensor import new_article_files

defs = dg.Definitions(
    # kinds and owners on every asset (orchestration/catalog.py)
    assets=dg.map_asset_specs(
        describe,
        [
            raw_articles,
            clean_articles,
            extracted_events,
            target_sources,
            warehouse_models,
            published_warehouse,
            conflict_report,
        ],
    ),
    jobs=[conflict_pipeline],
    schedules=[daily_refresh],
    asset_checks=extraction_checks,
    sensors=[new_article_files],
    resources=build_resources(),
    # only when run config names it (python -m orchestration.run); other runs use Dagster's console logger
    loggers={"progress": progress_logger},
)


def pipeline_job() -> dg.JobDefinition:
    """The job, for ``dg.reconstructable``: what runs it from Python under an executor that
    starts each step in its own process (each process rebuilds the job from this pointer). Its
    executor is the one ``CONFLICT_EXECUTOR`` names now, even when it was set after this module
    was imported."""
    job = defs.resolve_job_def("conflict_pipeline")
    executor = executor_from_env()
    return job if job.executor_def is executor else job.with_executor_def(executor)
