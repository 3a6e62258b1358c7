"""Reads of the warehouse the stages need: what is pending, a batch at a time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import duckdb

from extract.coding.models import Article, CleanArticle


def _records(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=False)) for row in cursor.fetchall()]


_PENDING_CLEANING = """from raw.articles r
    left join clean.articles c on c.content_hash = r.content_hash and c.rules_fingerprint = ?
    where c.content_hash is null"""

_PENDING_EXTRACTION = """from clean.articles c
    left join extracted.article_status s on s.content_hash = c.content_hash and s.rules_fingerprint = ?
    where s.content_hash is null"""


def count_to_clean(con: duckdb.DuckDBPyConnection, fingerprint: str) -> int:
    """How many raw articles are not yet cleaned with the current rules."""
    return int(con.execute(f"select count(*) {_PENDING_CLEANING}", [fingerprint]).fetchall()[0][0])


def _stream(
    con: duckdb.DuckDBPyConnection, sql: str, fingerprint: str, batch_size: int
) -> Iterator[list[dict[str, Any]]]:
    """Rows of ``sql`` a batch at a time, read in one pass through a cursor of their own, so the
    caller's connection stays free to write each batch's results meanwhile (the cursor reads
    the snapshot of when it started)."""
    reader = con.cursor()
    try:
        reader.execute(sql, [fingerprint])
        names = [d[0] for d in reader.description]
        while rows := reader.fetchmany(batch_size):
            yield [dict(zip(names, row, strict=False)) for row in rows]
    finally:
        reader.close()


def articles_to_clean(con: duckdb.DuckDBPyConnection, fingerprint: str, batch_size: int) -> Iterator[list[Article]]:
    """The raw articles not yet cleaned with the current rules, a batch at a time."""
    for rows in _stream(con, f"select r.* {_PENDING_CLEANING}", fingerprint, batch_size):
        yield [
            Article(
                content_hash=r["content_hash"],
                doc_id=r["doc_id"],
                text=r["text"],
                format=r["format"],
                title=r["title"],
                published_at=r["published_at"],
                url=r["url"],
                source=r["source"],
            )
            for r in rows
        ]


def count_to_extract(con: duckdb.DuckDBPyConnection, fingerprint: str) -> int:
    """How many cleaned articles were not yet extracted with the current rules."""
    return int(con.execute(f"select count(*) {_PENDING_EXTRACTION}", [fingerprint]).fetchall()[0][0])


def _clean_article(row: dict[str, Any]) -> CleanArticle:
    fields = CleanArticle.__dataclass_fields__
    return CleanArticle(**{**{k: row[k] for k in fields}, "removed": json.loads(row["removed"] or "[]")})


def articles_to_extract(
    con: duckdb.DuckDBPyConnection, fingerprint: str, batch_size: int
) -> Iterator[list[CleanArticle]]:
    """The cleaned articles not yet extracted with the current rules, a batch at a time."""
    for rows in _stream(con, f"select c.* {_PENDING_EXTRACTION}", fingerprint, batch_size):
        yield [_clean_article(r) for r in rows]


def sample_clean_articles(con: duckdb.DuckDBPyConnection, limit: int) -> list[CleanArticle]:
    """The first ``limit`` cleaned articles by hash (a fixed sample, e.g. for the benchmark)."""
    return [
        _clean_article(r)
        for r in _records(con.execute("select * from clean.articles order by content_hash limit ?", [limit]))
    ]
