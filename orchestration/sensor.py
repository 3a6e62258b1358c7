"""The sensor that runs the job for new input files, and what it looks at: the regular files of
the input folder, and which of them the warehouse already holds.

The folder scan sits here rather than beside :func:`extract.loading.batches.scan` only because
that package belongs to the loading work in progress; it reuses its hashing and file listing.

- Only regular files are hashed: a dangling link, a link loop, a FIFO, a socket or a device in the
  input folder is passed over with a one-line reason (opening a FIFO would block the sensor for
  ever, and a failed ``stat`` would fail every tick), and the other files keep starting runs.
- A changed file whose articles (content hashes) are all in ``raw.articles`` already, or that was
  set aside before with the same path and is still set aside, starts nothing: so the first tick
  after ``make run`` requests no run for the files that run loaded.
"""

from __future__ import annotations

import json
import stat
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
import duckdb

from extract.loading.batches import batch_key, file_hash, input_dir, write_manifest
from extract.loading.files import input_files, load_listed, max_file_bytes
from extract.storage.warehouse import warehouse_path
from orchestration.automation import conflict_pipeline
from orchestration.batches import input_batches


class WarehouseBusy(RuntimeError):
    """The warehouse is locked by a writer (a run); the sensor looks again at its next tick."""


@dataclass
class Scan:
    """The folder's state for the sensor's cursor, the files new or changed since the cursor,
    and the entries passed over (name -> reason)."""

    state: dict[str, dict[str, str]] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    passed_over: dict[str, str] = field(default_factory=dict)


def scan(folder: Path, seen: dict[str, dict[str, str]]) -> Scan:
    """Like :func:`extract.loading.batches.scan` (a file is hashed only when its size or time
    changed), over regular files only."""
    result = Scan()
    if not folder.is_dir():
        return result
    for path in input_files(folder):
        name = path.relative_to(folder).as_posix()
        reason = _not_regular(path)
        if reason:
            result.passed_over[name] = reason
            continue
        info = path.stat()
        stamp = f"{info.st_size}:{info.st_mtime_ns}"
        before = seen.get(name)
        try:
            digest = before["sha"] if before and before["stamp"] == stamp else file_hash(path)
        except OSError as error:
            result.passed_over[name] = f"cannot be read ({error.strerror}): check its permissions"
            continue
        result.state[name] = {"stamp": stamp, "sha": digest}
        if not before or before["sha"] != digest:
            result.changed.append(name)
    return result


def _not_regular(path: Path) -> str | None:
    """Why ``path`` is not a file the loader can read, or None when it is one."""
    try:
        mode = path.stat().st_mode  # follows links
    except OSError as error:
        if path.is_symlink():
            return f"link that leads nowhere ({error.strerror}): remove it or point it at a file"
        return f"cannot be read ({error.strerror})"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file: write the article to a regular file instead"
    if not stat.S_ISREG(mode):
        return "not a regular file (socket or device): remove it from the input folder"
    return None


def not_yet_loaded(folder: Path, names: list[str], warehouse: Path) -> list[str]:
    """The files among ``names`` whose content the warehouse does not hold yet.

    A file counts as loaded when every article it holds has its content hash in ``raw.articles``,
    or when it yields no article and its path is in ``raw.rejected_files`` (it was set aside and
    would be again). Raises :class:`WarehouseBusy` while a run holds the file's lock.
    """
    if not names or not warehouse.exists():
        return list(names)
    parsed = load_listed(folder, names, max_bytes=max_file_bytes())  # as the load stage reads them
    hashes: dict[str, set[str]] = {name: set() for name in names}
    for digest, article in parsed.articles.items():
        for where in article.files:
            hashes.setdefault(where.path, set()).add(digest)
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except (duckdb.IOException, duckdb.ConnectionException) as error:  # another process, or this one, writes it
        raise WarehouseBusy(f"{warehouse} is in use ({str(error).splitlines()[0]})") from None
    try:
        known = _column(con, "select content_hash from raw.articles")
        rejected = _column(con, "select distinct path from raw.rejected_files")
    finally:
        con.close()
    fresh = []
    for name in names:
        held = hashes.get(name, set())
        loaded = held <= known if held else name in rejected
        if not loaded:
            fresh.append(name)
    return fresh


def _column(con: duckdb.DuckDBPyConnection, sql: str) -> set[str]:
    """One column as a set; empty when the table does not exist yet (a warehouse never loaded)."""
    try:
        return {row[0] for row in con.execute(sql).fetchall()}
    except duckdb.CatalogException:
        return set()


@dg.sensor(job=conflict_pipeline, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def new_article_files(context: dg.SensorEvaluationContext):
    """New or changed files whose content the warehouse does not hold yet become a batch (a
    partition of ``input_batches``) and start a run for it. Files already loaded, by this sensor
    or by ``make run``, start nothing, on the first tick too; entries that are not regular files
    (dangling links, loops, FIFOs) are passed over with a warning, and the rest keep running."""
    seen = json.loads(context.cursor) if context.cursor else {}
    folder = input_dir()
    found = scan(folder, seen)
    for name, reason in sorted(found.passed_over.items()):
        context.log.warning(f"sensor passed over {name}: {reason}")
    try:
        fresh = not_yet_loaded(folder, found.changed, warehouse_path())
    except WarehouseBusy as error:  # the cursor stays: the same files are looked at again
        return dg.SkipReason(f"{error}: looking again at the next tick")
    cursor = json.dumps(found.state)
    if not fresh:
        loaded = len(found.changed)
        reason = f"{loaded} changed files already in the warehouse" if loaded else "no new or changed files"
        return dg.SensorResult(skip_reason=dg.SkipReason(f"{reason} in {folder}"), cursor=cursor)
    key = f"{batch_key(found.state, fresh)}-{len(fresh)}{'file' if len(fresh) == 1 else 'files'}"
    write_manifest(key, fresh)
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=key,
                partition_key=key,
                tags={"conflict/batch": key, "conflict/changed_files": str(len(fresh))},
            )
        ],
        dynamic_partitions_requests=[input_batches.build_add_request([key])],
        cursor=cursor,
    )
