"""Writes of loading, cleaning and extraction results into the warehouse.

Every write is one :func:`~extract.storage.warehouse.transaction`, so a run killed part-way
leaves the previous state; and every write is keyed (article hash, file and record), so running
again on the same input adds nothing. SQL takes values as parameters or registered data frames,
never pasted into the statement. Column lists come from :mod:`extract.storage.schema`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Any

import duckdb
import pandas as pd

from extract.coding.article import ArticleRecord
from extract.coding.models import CleanArticle
from extract.loading.files import LoadResult
from extract.storage.schema import ARTICLE_TABLES, EXTRACTED_TABLES, columns
from extract.storage.warehouse import transaction


def _frame(rows: Iterable[Any], names: list[str]) -> pd.DataFrame:
    rows = list(rows)
    # columns straight from the attributes (dataclasses.asdict deep-copies every record, which
    # cost more than extracting them); object dtype keeps None as NULL and ints as ints (pandas
    # would turn them into NaN floats)
    data = {c: [r.get(c) if isinstance(r, dict) else getattr(r, c, None) for r in rows] for c in names}
    return pd.DataFrame(data, columns=names, dtype=object)


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("incoming", frame)
    try:
        con.execute(f"insert into {table} by name select * from incoming")
    finally:
        con.unregister("incoming")


def write_load(con: duckdb.DuckDBPyConnection, loaded: LoadResult) -> dict[str, int]:
    """Add new articles, every new name they were found under, and new rejections."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    articles = _frame(
        [{**_fields(a), "first_loaded_at": now} for a in loaded.articles.values()], columns("raw.articles")
    )
    files = _frame(
        [{**asdict(f), "content_hash": a.content_hash} for a in loaded.articles.values() for f in a.files],
        columns("raw.article_files"),
    )
    rejected = _frame(loaded.rejections, columns("raw.rejected_files"))
    before = _counts(con, ["raw.articles", "raw.article_files", "raw.rejected_files"])
    with transaction(con):
        if not articles.empty:
            con.register("incoming", articles)
            con.execute(
                "insert into raw.articles by name select * from incoming "
                "where content_hash not in (select content_hash from raw.articles)"
            )
            con.unregister("incoming")
        if not files.empty:
            con.register("incoming", files)
            # a file (or record) that now holds another text supersedes what it held before
            con.execute(
                """delete from raw.article_files f using incoming i
                where f.path = i.path and f.line is not distinct from i.line and f.content_hash <> i.content_hash"""
            )
            con.execute(
                """insert into raw.article_files by name
                select * from incoming i where not exists (
                    select 1 from raw.article_files f
                    where f.content_hash = i.content_hash and f.path = i.path and f.line is not distinct from i.line)"""
            )
            # a file that loads now is no longer rejected
            con.execute(
                """delete from raw.rejected_files r using incoming i
                where r.path = i.path and (r.line is null or r.line is not distinct from i.line)"""
            )
            con.unregister("incoming")
        if not rejected.empty:
            con.register("incoming", rejected)
            # a file (or record) that is bad now no longer holds the article it held
            con.execute(
                """delete from raw.article_files f using incoming i
                where f.path = i.path and (i.line is null or f.line is not distinct from i.line)"""
            )
            con.execute(
                """insert into raw.rejected_files by name
                select * from incoming i where not exists (
                    select 1 from raw.rejected_files r
                    where r.path = i.path and r.line is not distinct from i.line and r.reason = i.reason)"""
            )
            con.unregister("incoming")
        replaced = _drop_orphans(con)
    after = _counts(con, ["raw.articles", "raw.article_files", "raw.rejected_files"])
    return {
        "replaced_articles": replaced,
        "articles_in_input": len(loaded.articles),
        "new_articles": after["raw.articles"] - before["raw.articles"],
        "new_files": after["raw.article_files"] - before["raw.article_files"],
        "new_rejections": after["raw.rejected_files"] - before["raw.rejected_files"],
        "rejections_in_input": len(loaded.rejections),
    }


def _fields(record: Any) -> dict[str, Any]:
    """A record's attributes by name (not deep-copied, unlike ``dataclasses.asdict``)."""
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


def _drop_orphans(con: duckdb.DuckDBPyConnection) -> int:
    """Remove articles no file holds any more, with their cleaned text and events (inside the
    caller's transaction)."""
    orphans = con.execute(
        "select content_hash from raw.articles where content_hash not in (select content_hash from raw.article_files)"
    ).fetchall()
    if not orphans:
        return 0
    frame = pd.DataFrame({"content_hash": [o[0] for o in orphans]})
    con.register("orphans", frame)
    for table in ARTICLE_TABLES:
        con.execute(f"delete from {table} where content_hash in (select content_hash from orphans)")
    con.unregister("orphans")
    return len(orphans)


def prune_missing(con: duckdb.DuckDBPyConnection, present: list[str]) -> int:
    """Rebuild mode: forget files no longer in the input folder, and articles only they held."""
    with transaction(con):
        con.register("present", pd.DataFrame({"path": present}, dtype=object))
        con.execute("delete from raw.article_files where path not in (select path from present)")
        con.execute("delete from raw.rejected_files where path not in (select path from present)")
        con.unregister("present")
        return _drop_orphans(con)


def _counts(con: duckdb.DuckDBPyConnection, tables: list[str]) -> dict[str, int]:
    return {t: _scalar(con, f"select count(*) from {t}") for t in tables}


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, parameters: list[Any] | None = None) -> int:
    rows = con.execute(sql, parameters or []).fetchall()  # fetched to the end: the connection is free again
    return int(rows[0][0]) if rows else 0


def write_clean(con: duckdb.DuckDBPyConnection, cleaned: list[CleanArticle], fingerprint: str) -> None:
    """Replace the cleaned form of these articles, in one transaction."""
    frame = _frame(cleaned, columns("clean.articles"))
    if frame.empty:
        return
    frame["removed"] = [json.dumps(r, ensure_ascii=False) for r in frame["removed"]]
    frame["rules_fingerprint"] = fingerprint
    with transaction(con):
        con.register("incoming", frame)
        con.execute("delete from clean.articles where content_hash in (select content_hash from incoming)")
        con.execute("insert into clean.articles by name select * from incoming")
        con.unregister("incoming")


def write_extraction(con: duckdb.DuckDBPyConnection, records: list[ArticleRecord], fingerprint: str) -> None:
    """Replace the events and mentions (actor, place and entity) of these articles, and mark
    them extracted with ``fingerprint``, in one transaction."""
    if not records:
        return
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    hashes = [r.content_hash for r in records]
    status = pd.DataFrame(
        {
            "content_hash": hashes,
            "rules_fingerprint": fingerprint,
            "n_events": [len(r.events) for r in records],
            "extracted_at": now,
        }
    )
    rows: dict[str, list[Any]] = {
        "events": [e for r in records for e in r.events],
        "actor_mentions": [m for r in records for m in r.actor_mentions],
        "place_mentions": [m for r in records for m in r.place_mentions],
        "entity_mentions": [m for r in records for m in r.entity_mentions],
    }
    with transaction(con):
        con.register("done", pd.DataFrame({"content_hash": hashes}))
        for table in EXTRACTED_TABLES:
            con.execute(f"delete from extracted.{table} where content_hash in (select content_hash from done)")
        con.unregister("done")
        for table in EXTRACTED_TABLES:
            frame = status if table == "article_status" else _frame(rows[table], columns(f"extracted.{table}"))
            _insert(con, f"extracted.{table}", frame)


def replace_from_parts(con: duckdb.DuckDBPyConnection, parts: dict[str, str]) -> None:
    """Replace the extraction of the articles in a part (``parts``: extracted table to Parquet
    file, ``article_status`` among them) with the part's rows, in one transaction."""
    with transaction(con):
        done = con.execute("select content_hash from read_parquet(?)", [parts["article_status"]]).df()
        con.register("done", done)
        # articles extracted before (with other rules): only then is there anything to replace,
        # and only then are the big tables scanned
        again = _scalar(
            con, "select count(*) from extracted.article_status where content_hash in (select content_hash from done)"
        )
        if again:
            for table in EXTRACTED_TABLES:
                con.execute(f"delete from extracted.{table} where content_hash in (select content_hash from done)")
        con.unregister("done")
        for table in EXTRACTED_TABLES:
            con.execute(f"insert into extracted.{table} by name select * from read_parquet(?)", [parts[table]])
