"""Which Dagster executor runs the job's steps, chosen by configuration (``CONFLICT_EXECUTOR``).

- ``in_process`` (the default): every step of a run in the run's own process, one after the
  other (Dagster's ``in_process_executor``). A laptop run of the samples then pays Python's,
  spaCy's and the definitions' start-up once, not once per step (about 20 s each under
  ``multiprocess``), and the steps are serialised by the single DuckDB writer anyway.
- ``multiprocess``: every step in its own process on this machine (run config
  ``execution: {config: {multiprocess: {max_concurrent: N}}}`` or ``in_process: {}`` as usual).
- ``k8s``: every step in its own Kubernetes Job (``dagster-k8s``, the ``cluster`` extra).
- ``celery``: steps queued to Celery workers (``dagster-celery``, the ``cluster`` extra).

The assets are the same under each: batches of input files are partitions, so one run per batch
can be placed anywhere the executor puts its steps (docs/scaling.md).
"""

from __future__ import annotations

import importlib

import dagster as dg

from extract import settings

EXECUTORS = {
    "in_process": None,
    "multiprocess": None,  # Dagster's own, below
    "k8s": ("dagster_k8s", "k8s_job_executor", "dagster-k8s"),
    "celery": ("dagster_celery", "celery_executor", "dagster-celery"),
}


def executor_name() -> str:
    """``CONFLICT_EXECUTOR`` (checked by :mod:`extract.settings`), default ``in_process``."""
    return settings.current().executor


def executor_from_env() -> dg.ExecutorDefinition:
    """The executor ``CONFLICT_EXECUTOR`` names; a clear error for an unknown name or a missing
    library. (A job-level default run config choosing ``in_process`` of Dagster's
    ``multi_or_in_process_executor`` is not applied to runs that the sensor or the UI launch
    without run config, so the in-process executor is its own definition here.)"""
    name = executor_name()
    if name == "in_process":
        return dg.in_process_executor
    spec = EXECUTORS[name]
    if spec is None:
        return dg.multi_or_in_process_executor
    module, attribute, package = spec
    try:
        return getattr(importlib.import_module(module), attribute)
    except ImportError as error:
        raise ImportError(
            f"CONFLICT_EXECUTOR={name} needs {package}: pip install -e '.[cluster]' (or unset CONFLICT_EXECUTOR)"
        ) from error
