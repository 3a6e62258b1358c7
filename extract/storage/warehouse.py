"""The warehouse file: where it is, opening it with errors that say what to do, and
:func:`transaction`, the one way the writers group their statements.

DuckDB's messages are turned into one line each by :func:`explain`: a lock held by another
program (and which), a file that is corrupt, a folder that is not writable, a disk that is full.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
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
    locked = is_locked(target, error)
    holder = lock_holder(error)
    if locked and holder:
        return WarehouseError(
            f"warehouse {target} is open in another program ({holder}): close it, or point BI tools at the published copy"
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
    if is_disk_full(error):
        return WarehouseError(
            f"disk full: cannot write warehouse {target} ({_first_reason(message)}); free space on that disk "
            "(or raise the file-size limit, ulimit -f), or set CONFLICT_WAREHOUSE to a disk with room, then run again"
        )
    if is_corrupt(error):
        return WarehouseError(
            f"warehouse {target} is corrupt or not a DuckDB file ({_first_reason(message)}): the file, not a dbt model, "
            "is at fault; move it aside (keep it for recovery) and run again to rebuild it from the input folder"
        )
    return WarehouseError(f"cannot open warehouse {target}: {message[:200]}")


# ENOSPC ("No space left on device") and EFBIG ("File too large", a file-size limit such as
# ``ulimit -f``), as DuckDB words them in an IO error; both mean no more bytes can be written
DISK_FULL = re.compile(r"no space left on device|file too large|disk quota exceeded|not enough space", re.IGNORECASE)
CORRUPT = re.compile(
    r"not a valid duckdb database|corrupt|magic bytes|checksum|failed to read database header"
    r"|invalid (database|block|metadata)|could not read enough bytes",
    re.IGNORECASE,
)


def is_disk_full(error: BaseException) -> bool:
    """True when DuckDB failed because the disk (or the allowed file size) is full."""
    return bool(DISK_FULL.search(str(error)))


def is_corrupt(error: BaseException) -> bool:
    """True when DuckDB read bytes that are not a sound DuckDB file."""
    return bool(CORRUPT.search(str(error)))


def _first_reason(message: str) -> str:
    """DuckDB's own reason, without its error-class prefixes, at most a line."""
    reason = re.sub(r"^(\w+ Error: )+", "", message.strip())
    return reason[:300]


def is_locked(target: Path, error: BaseException) -> bool:
    """True when another process holds the warehouse file's lock."""
    plain = str(error).replace(str(target), "<file>").lower()
    return bool(re.search(r"conflicting lock|could not set lock|lock on file", plain))


def lock_holder(error: BaseException) -> str | None:
    """The process holding the lock, when DuckDB's message names its PID."""
    holder = re.search(r"PID (\d+)", str(error))
    return _process(int(holder.group(1))) if holder else None


def connect_waiting(
    path: Path | str,
    wait_s: float,
    log: Callable[[str], None],
    config: dict[str, str | bool | int | float | list[str]] | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse for writing, waiting up to ``wait_s`` seconds while another process
    holds its lock, and saying so at once (who holds it, how long this waits); any other
    problem (corrupt file, full disk, no permission) is raised at once, since waiting would
    not mend it."""
    target = Path(path)
    deadline = time.monotonic() + wait_s
    delay = 0.25
    waiting = False
    while True:
        try:
            return duckdb.connect(str(target), read_only=False, config=config or {})
        except duckdb.Error as error:
            if not is_locked(target, error):
                raise explain(target, error) from None
            left = deadline - time.monotonic()
            if left <= 0:
                reason = explain(target, error)
                raise WarehouseError(f"gave up after waiting {wait_s:.0f} s: {reason}") from None
            if not waiting:
                holder = lock_holder(error) or "another program"
                log(
                    f"warehouse {target} is locked by {holder}: waiting up to {wait_s:.0f} s for it to be "
                    "released (close that program to go on at once)"
                )
                waiting = True
            time.sleep(min(delay, left))
            delay = min(delay * 2, 5.0)


def _process(pid: int) -> str:
    """'python3 (PID 123): dagster dev ...' for the process holding the lock, as far as known."""
    try:
        import psutil

        proc = psutil.Process(pid)
        command = " ".join(" ".join(proc.cmdline()[:4]).split())  # one line, whatever the arguments
        return f"{proc.name()} (PID {pid}): {command[:80]}"
    except Exception:
        return f"PID {pid}"


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """``begin`` … ``commit``, or ``rollback`` and the error again: a write either happens whole
    or not at all.

    The error raised is always the first one: when DuckDB has already ended the transaction
    (a failed commit, a full disk), the rollback's own complaint ("no transaction is active")
    would otherwise hide it. A full disk becomes a :class:`WarehouseError` that says so."""
    path = _database_path(con)  # asked first: a failed commit may leave nothing to ask
    con.execute("begin transaction")
    try:
        yield con
        con.execute("commit")
    except BaseException as error:
        # DuckDB may have rolled back already; the first error is the one that matters
        with suppress(duckdb.Error):
            con.execute("rollback")
        if isinstance(error, duckdb.Error) and is_disk_full(error):
            raise explain(path, error) from error
        raise


def _database_path(con: duckdb.DuckDBPyConnection) -> Path:
    """The file ``con`` writes (the configured warehouse for an in-memory database or when it
    cannot be asked)."""
    try:
        row = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()
    except duckdb.Error:
        row = None
    return Path(row[0]) if row and row[0] else warehouse_path()
