"""Which Dagster executor runs the job's steps, chosen by configuration (``CONFLICT_EXECUTOR``).

- ``multiprocess`` (the default): every step in its own process on this machine; run config
  ``execution: {config: {multiprocess: {max_concurrent: N}}}`` or ``in_process: {}`` as usual.
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
    "multiprocess": None,
    "k8s": ("dagster_k8s", "k8s_job_executor", "dagster-k8s"),
    "celery": ("dagster_celery", "celery_executor", "dagster-celery"),
}


def executor_name() -> str:
    """``CONFLICT_EXECUTOR`` (checked by :mod:`extract.settings`), default ``multiprocess``."""
    return settings.current().executor


def executor_from_env() -> dg.ExecutorDefinition:
    """The executor ``CONFLICT_EXECUTOR`` names; a clear error for an unknown name or a missing
    library."""
    name = executor_name()
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
