"""Known failures as one-line Dagster failures that say what to do, instead of tracebacks."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import dagster as dg
import duckdb

from extract.storage.warehouse import WarehouseError, explain, is_corrupt, is_disk_full, warehouse_path

SHOWN = 5


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a missing input folder or an unusable warehouse into a clear ``dg.Failure``."""
    try:
        yield
    except (FileNotFoundError, NotADirectoryError, WarehouseError) as error:
        raise dg.Failure(description=str(error), allow_retries=False) from None
    except duckdb.Error as error:
        raise dg.Failure(description=str(explain(warehouse_path(), error)), allow_retries=False) from None


def dbt_failure_summary(invocation: Any) -> str:
    """One line naming what failed in dbt and where to read more.

    A warehouse that is corrupt or on a full disk makes every model fail; that is said as such,
    not as models to fix. Otherwise each failed node is named (a test by its name, not by the
    hash dbt appends to its id), with the number of failing rows a test found."""
    results = _run_results(invocation)
    messages = [str(r.get("message") or "") for r in results if r.get("status") in {"error", "fail"}]
    error = invocation.get_error()
    messages.append(str(error) if error else "")
    for message in messages:
        if is_corrupt(Exception(message)) or is_disk_full(Exception(message)):
            return str(explain(warehouse_path(), Exception(_duckdb_line(message))))
    return failed_nodes_summary(results, str(invocation.target_path))


def failed_nodes_summary(results: Sequence[Mapping[str, Any]], target_path: str) -> str:
    """'dbt build failed (test not_null_fct_events_event_id: 3 failing rows, ...)' from the
    ``results`` of dbt's run_results.json."""
    failed = [_node(r) for r in results if r.get("status") in {"error", "fail"}]
    names = ", ".join(failed[:SHOWN]) + (f" and {len(failed) - SHOWN} more" if len(failed) > SHOWN else "")
    return (
        f"dbt build failed ({names or 'see the log'}): read the dbt output above or "
        f"{target_path}/dbt.log, fix the model or test, then run again"
    )


def node_name(unique_id: str) -> str:
    """A dbt node's name from its unique id: ``test.<project>.<name>.<hash>`` and
    ``model.<project>.<name>`` both give ``<name>``."""
    parts = unique_id.split(".")
    if parts[0] == "test" and len(parts) >= 4:
        return ".".join(parts[2:-1])
    return ".".join(parts[2:]) if len(parts) >= 3 else unique_id


def _node(result: Mapping[str, Any]) -> str:
    unique_id = str(result.get("unique_id") or "?")
    kind = unique_id.split(".")[0]
    text = f"{kind} {node_name(unique_id)}" if kind in {"test", "model", "seed", "snapshot"} else unique_id
    failures = result.get("failures")
    if result.get("status") == "fail" and failures:
        text += f": {failures} failing row{'s' if failures != 1 else ''}"
    return text


def _run_results(invocation: Any) -> list[dict[str, Any]]:
    """dbt's results, or none when dbt stopped before writing them (it could not even start)."""
    try:
        return list(invocation.get_artifact("run_results.json").get("results", []))
    except (OSError, ValueError):
        return []


def _duckdb_line(message: str) -> str:
    """The line of a dbt message that carries DuckDB's own error."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    for line in lines:
        if is_corrupt(Exception(line)) or is_disk_full(Exception(line)):
            return line
    return lines[0] if lines else message
