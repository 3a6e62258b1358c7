"""``python -m orchestration.run``: run the whole job headless (what ``make run`` does) and print
what the warehouse now holds.

The run is recorded in the Dagster instance of ``DAGSTER_HOME`` when it is set, so it shows in
the UI afterwards; without it, an ephemeral instance is used.
"""

from __future__ import annotations

import os
import sys

import dagster as dg

from extract.publishing.summary import summary
from extract.storage.warehouse import WarehouseError


def main() -> int:
    from orchestration.batches import ALL, ensure_partition
    from orchestration.definitions import defs

    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    ensure_partition(instance, ALL)
    job = defs.resolve_job_def("conflict_pipeline")
    try:
        result = job.execute_in_process(
            instance=instance, partition_key=ALL, tags={"conflict/batch": ALL}, raise_on_error=False
        )
    except WarehouseError as error:
        print(f"run failed: {error}", file=sys.stderr)
        return 1
    if not result.success:
        failed = [e.step_key for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
        print(
            f"run {result.run_id} failed in {', '.join(failed) or 'a step'}: see the log above, or open it in the Dagster UI (make ui)",
            file=sys.stderr,
        )
        return 1
    print(f"run {result.run_id} succeeded")
    print(summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
