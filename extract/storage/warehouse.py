"""The warehouse file: where it is, opening it with errors that say what to do, and
:func:`transaction`, the one way the writers group their statements."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from extract import settings


class WarehouseError(RuntimeError):
    """A problem with the warehouse file, phrased as what the user should do."""


def warehouse_path() -> Path:
    """The warehouse file: ``CONFLICT_WAREHOUSE`` or ``warehouse/conflict.duckdb``, absolute."""
    return settings.current().warehouse


def memory_limit() -> str:
    """DuckDB's memory limit for the warehouse (``CONFLICT_DUCKDB_MEMORY``, default 512MB).

    DuckDB's own default is 80% of the machine, which it fills with cached pages on a large
    warehouse; the pipeline streams, so a modest limit costs little speed and keeps the whole
    pipeline (workers, dbt) within the memory budget of docs/scaling.md."""
    return settings.current().duckdb_memory


def connect(path: Path | str | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse with a clear message when the file is locked, corrupt or unwritable."""
    target = Path(path) if path else warehouse_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WarehouseError(
            f"cannot create warehouse folder {target.parent} ({error.strerror}): set CONFLICT_WAREHOUSE to a writable path"
        ) from None
    try:
        return duckdb.connect(str(target), read_only=read_only, config={"memory_limit": memory_limit()})
    except duckdb.Error as error:
        raise explain(target, error) from None


def explain(target: Path, error: Exception) -> WarehouseError:
    """One line saying what went wrong with the warehouse file and what to do about it."""
    message = str(error).replace("\n", " ")
    plain = message.replace(str(target), "<file>").lower()
    locked = bool(re.search(r"conflicting lock|could not set lock|lock on file", plain))
    holder = re.search(r"PID (\d+)", message)
    if locked and holder:
        pid = int(holder.group(1))
        return WarehouseError(
            f"warehouse {target} is open in another program ({_process(pid)}): close it, or point BI tools at the published copy"
        )
    if locked:
        return WarehouseError(
            f"warehouse {target} is locked by another program: close the program that has it open and run again"
        )
    if (
        isinstance(error, duckdb.PermissionException)
        or "permission denied" in plain
        or "read-only file system" in plain
    ):
        return WarehouseError(
            f"cannot write warehouse {target}: the folder is not writable; set CONFLICT_WAREHOUSE to a writable path"
        )
    if "not a valid duckdb database" in plain or "corrupt" in plain or "magic bytes" in plain:
        return WarehouseError(
            f"warehouse {target} is not a readable DuckDB file (corrupt or another format): move it aside and run again to rebuild it"
        )
    return WarehouseError(f"cannot open warehouse {target}: {message[:200]}")


def _process(pid: int) -> str:
    """'python3 (PID 123): dagster dev ...' for the process holding the lock, as far as known."""
    try:
        import psutil

        proc = psutil.Process(pid)
        command = " ".join(proc.cmdline()[:4])
        return f"{proc.name()} (PID {pid}): {command[:80]}"
    except Exception:
        return f"PID {pid}"


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """``begin`` … ``commit``, or ``rollback`` and the error again: a write either happens whole
    or not at all."""
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")
