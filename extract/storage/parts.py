"""The units of work handed to worker processes, and the Parquet parts extraction leaves.

A worker loads a batch of files, cleans a batch of articles, or extracts events from one. An
extraction batch is written to its own Parquet part, one file per ``extracted`` table, by an
in-memory DuckDB inside the worker, with the warehouse's own table definitions, so the part has
exactly the warehouse's columns and types. One step, in the process that owns the warehouse,
loads each part in a single transaction and deletes it. Workers therefore never share a DuckDB
writer, and a part can as well be made on another machine and loaded here.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from extract.coding.article import code_articles
from extract.coding.cleaning import clean_article
from extract.coding.models import Article, CleanArticle
from extract.coding.reference import load_reference
from extract.loading.files import LoadResult, load_listed
from extract.storage.schema import EXTRACTED_TABLES, ensure_schema
from extract.storage.writes import replace_from_parts, write_extraction


@dataclass(frozen=True)
class LoadTask:
    folder: str
    files: tuple[str, ...]
    max_bytes: int


def load_files(task: LoadTask) -> LoadResult:
    """Read, decode, check and hash a batch of files (paths relative to the input folder)."""
    return load_listed(task.folder, list(task.files), max_bytes=task.max_bytes)


def clean_batch(batch: Sequence[Article]) -> list[CleanArticle]:
    reference = load_reference()
    return [clean_article(article, reference) for article in batch]


@dataclass(frozen=True)
class ExtractTask:
    folder: str
    name: str
    articles: tuple[CleanArticle, ...]
    fingerprint: str


@dataclass(frozen=True)
class PartSummary:
    name: str
    articles: int
    events: int
    truncated: int
    seconds: float


def extract_to_part(task: ExtractTask) -> PartSummary:
    """Extract a batch and write it as Parquet part ``name`` under ``folder``."""
    started = time.perf_counter()
    reference = load_reference()
    records = code_articles(list(task.articles), reference)
    con = duckdb.connect()
    try:
        ensure_schema(con)
        write_extraction(con, records, task.fingerprint)
        for table in EXTRACTED_TABLES:
            target = part_path(Path(task.folder), table, task.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            # COPY takes no bound parameter: the path is a quoted literal
            con.execute(f"copy (select * from extracted.{table}) to {_sql_literal(target)} (format parquet)")
    finally:
        con.close()
    events = sum(len(r.events) for r in records)
    return PartSummary(
        task.name, len(records), events, sum(r.truncated for r in records), time.perf_counter() - started
    )


def part_path(folder: Path, table: str, name: str) -> Path:
    return folder / table / f"{name}.parquet"


def _sql_literal(path: Path) -> str:
    """The path as a SQL string literal (quotes doubled), for statements that take no parameter."""
    return "'" + path.as_posix().replace("'", "''") + "'"


def load_part(con: duckdb.DuckDBPyConnection, folder: Path, name: str) -> None:
    """Replace the extraction of the part's articles with the part, in one transaction, then
    delete the part."""
    paths = {table: part_path(folder, table, name) for table in EXTRACTED_TABLES}
    # bound as parameters, so the paths go as they are: escaping them too would double a quote
    replace_from_parts(con, {table: path.as_posix() for table, path in paths.items()})
    for path in paths.values():
        path.unlink(missing_ok=True)


class PartFolder:
    """A private folder for one run's parts (beside the warehouse, so on the same disk),
    removed when the run ends; a run killed part-way leaves parts nobody loads, which the next
    run's extraction redoes because their articles were never marked extracted."""

    def __init__(self, warehouse: Path | None) -> None:
        self.root = warehouse.parent / "parts" if warehouse else Path(tempfile.gettempdir()) / "conflict-events-parts"
        self.path: Path | None = None

    def __enter__(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        for stale in self.root.iterdir():
            if stale.is_dir() and stale.name.startswith("run-") and _older_than(stale, 24 * 3600):
                shutil.rmtree(stale, ignore_errors=True)
        self.path = Path(tempfile.mkdtemp(prefix="run-", dir=self.root))
        return self.path

    def __exit__(self, *exc: object) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime > seconds
    except OSError:
        return False
