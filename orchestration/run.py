"""``python -m orchestration.run``: run the whole job headless (what ``make run`` does) and print
what the warehouse now holds.

The terminal shows the steps and their progress (:mod:`orchestration.progress`), then the
summary; every record of the run goes to ``logs/run-<time>.log`` beside the warehouse, named at
the start and the end. The run is recorded in the Dagster instance of ``DAGSTER_HOME`` when it is
set, so it shows in the UI afterwards (with its full log); without it, an ephemeral instance is
used.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from datetime import datetime
from pathlib import Path

import dagster as dg

from extract.publishing.summary import summary
from extract.storage.warehouse import WarehouseError, warehouse_path


def log_path() -> Path:
    """Where this run's full log goes: ``logs/`` beside the warehouse, one file per run."""
    return warehouse_path().parent / "logs" / f"run-{datetime.now().strftime('%Y%m%d-%H%M%S')}.log"


def main() -> int:
    from orchestration.batches import ALL, ensure_partition
    from orchestration.definitions import defs

    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    ensure_partition(instance, ALL)
    job = defs.resolve_job_def("conflict_pipeline")
    log = log_path()
    print(f"running the pipeline on partition {ALL!r} (full log: {log})", flush=True)
    started = time.perf_counter()
    log.parent.mkdir(parents=True, exist_ok=True)
    try:
        # dbt's own lines (which dagster-dbt writes to stdout) go to the log file too
        with log.open("a", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
            result = job.execute_in_process(
                instance=instance,
                partition_key=ALL,
                tags={"conflict/batch": ALL},
                run_config={"loggers": {"progress": {"config": {"log_file": str(log)}}}},
                raise_on_error=False,
            )
    except WarehouseError as error:
        print(f"run failed: {error}", file=sys.stderr)
        return 1
    if not result.success:
        failed = [e.step_key for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
        print(
            f"run {result.run_id} failed in {', '.join(failed) or 'a step'}: read {log}, or open the run in the Dagster UI (make ui)",
            file=sys.stderr,
        )
        return 1
    print(f"run {result.run_id} succeeded in {time.perf_counter() - started:.0f} s (full log: {log})")
    print(summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
