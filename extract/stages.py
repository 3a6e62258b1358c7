"""The three Python stages of the pipeline, as the Dagster assets and ``conflict-events ingest``
run them: load the input folder, clean new articles, extract events from them.

Each stage writes in transactions of at most ``batch_size`` articles, so a run killed part-way
keeps every batch it finished and the next run picks up the rest.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Callable

import duckdb

from extract.cleaning import clean_article
from extract.loading import input_files, load_directory, load_listed, max_bytes_from_env
from extract.parallel import chunks, extract_many
from extract.pipeline import Processed
from extract.reference import Reference, load_reference
from extract.warehouse import (
    ensure_schema,
    pending_for_cleaning,
    pending_for_extraction,
    prune_missing,
    write_clean,
    write_extraction,
    write_load,
)

BATCH_SIZE = 500


def load_stage(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    rebuild: bool = False,
    log: Callable[[str], None] = print,
    files: list[str] | None = None,
) -> dict[str, object]:
    """Load the folder (or only ``files``, paths relative to it); with ``rebuild``, first forget
    files that are no longer in the folder."""
    ensure_schema(con)
    if files is None:
        loaded = load_directory(folder, max_bytes=max_bytes_from_env())
    else:
        loaded = load_listed(folder, files, max_bytes=max_bytes_from_env())
    for rejection in loaded.rejections:
        where = f"{rejection.path}:{rejection.line}" if rejection.line else rejection.path
        log(f"skipped {where}: {rejection.reason}")
    for name in loaded.missing:
        log(f"{name} is listed in this batch but no longer exists; its articles are kept")
    pruned = 0
    if rebuild:
        pruned = prune_missing(con, [p.relative_to(folder).as_posix() for p in input_files(folder)])
    stats = write_load(con, loaded)
    reasons = Counter(r.reason.split(":")[0] for r in loaded.rejections)
    return {**stats, "pruned_articles": pruned, "missing_files": len(loaded.missing), "rejection_reasons": dict(reasons)}


def clean_stage(con: duckdb.DuckDBPyConnection, reference: Reference | None = None, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Clean every raw article not yet cleaned with the current reference data."""
    ref = reference or load_reference()
    ensure_schema(con)
    pending = pending_for_cleaning(con, ref.fingerprint)
    removed = 0
    for batch in chunks(pending, batch_size):
        cleaned = [clean_article(article, ref) for article in batch]
        removed += sum(len(c.removed) for c in cleaned)
        write_clean(con, cleaned, ref.fingerprint)
    return {"cleaned": len(pending), "boilerplate_removed": removed}


def extract_stage(
    con: duckdb.DuckDBPyConnection,
    reference: Reference | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, float]:
    """Extract events from every cleaned article not yet extracted with the current rules."""
    ref = reference or load_reference()
    ensure_schema(con)
    pending = pending_for_extraction(con, ref.fingerprint)
    started = time.perf_counter()
    events = truncated = 0
    for number, batch in enumerate(chunks(pending, batch_size), start=1):
        results = extract_many(batch, workers)
        processed = Processed(
            clean=[],
            events=[e for r in results for e in r.events],
            actor_mentions=[a for r in results for a in r.actor_mentions],
            place_mentions=[p for r in results for p in r.place_mentions],
        )
        entities = [m for r in results for m in r.entity_mentions]
        write_extraction(con, processed, [a.content_hash for a in batch], ref.fingerprint, entities)
        events += len(processed.events)
        truncated += sum(r.truncated for r in results)
        log(f"batch {number}: {len(batch)} articles, {len(processed.events)} events written")
    seconds = time.perf_counter() - started
    return {
        "articles_extracted": len(pending),
        "events_this_run": events,
        "articles_over_time_budget": truncated,
        "articles_per_second": round(len(pending) / seconds, 1) if pending and seconds > 0 else 0.0,
    }
