"""The three Python stages of the pipeline, as the Dagster assets and ``conflict-events ingest``
run them: load the input folder, clean new articles, extract events from them.

Each stage streams: files and articles go to worker processes in batches, and every batch that
comes back is written in its own transaction (extraction through a Parquet part), so memory
stays flat whatever the input size, and a run killed part-way keeps every batch it finished for
the next run to build on.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from extract.coding.article import extraction_fingerprint
from extract.coding.reference import Reference, load_reference
from extract.loading.files import LoadResult, max_file_bytes, require_folder
from extract.loading.reading import display_name, input_files
from extract.storage.parallel import chunks, stream, workers_for
from extract.storage.parts import ExtractTask, LoadTask, PartFolder, clean_batch, extract_to_part, load_files, load_part
from extract.storage.reads import articles_to_clean, articles_to_extract, count_to_clean, count_to_extract
from extract.storage.schema import columns, ensure_schema
from extract.storage.warehouse import transaction
from extract.storage.writes import prune_missing, write_clean, write_load

BATCH_SIZE = 500
FILES_PER_BATCH = 500


def load_stage(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    rebuild: bool = False,
    log: Callable[[str], None] = print,
    files: list[str] | None = None,
    workers: int | None = None,
) -> dict[str, object]:
    """Load the folder (or only ``files``, paths relative to it); with ``rebuild``, first forget
    files that are no longer in the folder."""
    ensure_schema(con)
    folder = require_folder(folder)
    present = [p.relative_to(folder).as_posix() for p in input_files(folder)] if files is None or rebuild else []
    names = present if files is None else list(files)
    pruned = prune_missing(con, [display_name(n) for n in present]) if rebuild else 0
    totals: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    missing = warned = 0
    if files is None:  # the whole folder is read again: its warnings are found again
        con.execute("delete from raw.load_warnings")
    tasks = (LoadTask(str(folder), tuple(batch), max_file_bytes()) for batch in chunks(names, FILES_PER_BATCH))
    for loaded in stream(load_files, tasks, workers_for(len(names), workers)):
        for rejection in loaded.rejections:
            where = f"{rejection.path}:{rejection.line}" if rejection.line else rejection.path
            log(f"skipped {where}: {rejection.reason}")
        for name in loaded.missing:
            log(f"{name} is listed in this batch but no longer exists; its articles are kept")
        for warning in loaded.warnings:
            where = f"{warning.path}:{warning.line}" if warning.line else warning.path
            log(f"note {where}: {warning.reason}")
        missing += len(loaded.missing)
        warned += _write_warnings(con, loaded)
        reasons.update(r.reason.split(":")[0] for r in loaded.rejections)
        totals.update(write_load(con, loaded))
    keys = [
        "replaced_articles",
        "articles_in_input",
        "new_articles",
        "new_files",
        "new_rejections",
        "rejections_in_input",
    ]
    return {
        **{k: totals[k] for k in keys},
        "pruned_articles": pruned,
        "missing_files": missing,
        "load_warnings": warned,
        "rejection_reasons": dict(reasons),
    }


def _write_warnings(con: duckdb.DuckDBPyConnection, loaded: LoadResult) -> int:
    """Replace the warnings of the files this batch read with the ones found now."""
    paths = sorted({f.path for a in loaded.articles.values() for f in a.files} | {r.path for r in loaded.rejections})
    rows = pd.DataFrame(
        [(w.path, w.line, w.reason, w.rejected_at) for w in loaded.warnings],
        columns=columns("raw.load_warnings"),
        dtype=object,
    )
    with transaction(con):
        if paths:
            con.register("batch_paths", pd.DataFrame({"path": paths}, dtype=object))
            con.execute("delete from raw.load_warnings where path in (select path from batch_paths)")
            con.unregister("batch_paths")
        if not rows.empty:
            con.register("incoming", rows)
            con.execute("insert into raw.load_warnings by name select * from incoming")
            con.unregister("incoming")
    return len(rows)


def clean_stage(
    con: duckdb.DuckDBPyConnection,
    reference: Reference | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
) -> dict[str, int]:
    """Clean every raw article not yet cleaned with the current reference data."""
    ref = reference or load_reference()
    ensure_schema(con)
    pending = count_to_clean(con, ref.fingerprint)
    batches = articles_to_clean(con, ref.fingerprint, batch_size)
    removed = 0
    for cleaned in stream(clean_batch, batches, workers_for(pending, workers)):
        removed += sum(len(c.removed) for c in cleaned)
        write_clean(con, cleaned, ref.fingerprint)
    return {"cleaned": pending, "boilerplate_removed": removed}


def _database_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    rows = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchall()
    row = rows[0] if rows else None
    return Path(row[0]) if row and row[0] else None


def extract_stage(
    con: duckdb.DuckDBPyConnection,
    reference: Reference | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, float]:
    """Extract events from every cleaned article not yet extracted with the current rules: each
    batch becomes a Parquet part in a worker, and each part is loaded in one transaction."""
    ref = reference or load_reference()
    ensure_schema(con)
    fingerprint = extraction_fingerprint(ref)
    pending = count_to_extract(con, fingerprint)
    started = time.perf_counter()
    events = truncated = 0
    with PartFolder(_database_file(con)) as folder:
        tasks = (
            ExtractTask(str(folder), f"part-{number:06d}", tuple(batch), fingerprint)
            for number, batch in enumerate(articles_to_extract(con, fingerprint, batch_size), start=1)
        )
        for number, part in enumerate(stream(extract_to_part, tasks, workers_for(pending, workers)), start=1):
            load_part(con, folder, part.name)
            events += part.events
            truncated += part.truncated
            log(f"batch {number}: {part.articles} articles, {part.events} events written")
    seconds = time.perf_counter() - started
    return {
        "articles_extracted": pending,
        "events_this_run": events,
        "articles_over_time_budget": truncated,
        "articles_per_second": round(pending / seconds, 1) if pending and seconds > 0 else 0.0,
    }
