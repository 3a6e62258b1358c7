"""Write loading, cleaning and extraction results into the DuckDB warehouse.

Every write is one transaction, so a run killed part-way leaves the previous state; and every
write is keyed (article hash, file and record), so running again on the same input adds nothing.
SQL takes values as parameters or registered data frames, never pasted into the statement.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

import duckdb
import pandas as pd

from extract.loading.files import LoadResult
from extract.coding.models import Article, CleanArticle, Event
from extract.coding.article import Processed

DDL = """
create schema if not exists raw;
create schema if not exists clean;
create schema if not exists extracted;
create table if not exists raw.articles (
    content_hash varchar primary key, doc_id varchar not null, title varchar, text varchar not null,
    published_at date, url varchar, source varchar, format varchar, first_loaded_at timestamp
);
create table if not exists raw.article_files (
    content_hash varchar not null, doc_id varchar not null, path varchar not null, line integer,
    source varchar, format varchar, loaded_at timestamp
);
create table if not exists raw.rejected_files (
    path varchar not null, line integer, reason varchar not null, first_bytes varchar, rejected_at timestamp
);
create table if not exists clean.articles (
    content_hash varchar primary key, doc_id varchar not null, title varchar, body varchar not null,
    published_at date, published_at_source varchar, date_confidence varchar, dateline_place varchar,
    dateline_date_text varchar, dateline_agency varchar, removed varchar, rules_fingerprint varchar
);
create table if not exists extracted.events (
    event_id varchar primary key, content_hash varchar not null, doc_id varchar not null,
    event_type varchar not null, sub_event_type varchar not null,
    actor1 varchar, actor1_parent varchar, actor1_type varchar,
    actor2 varchar, actor2_parent varchar, actor2_type varchar,
    location varchar, location_text varchar, admin1 varchar, admin1_code varchar,
    country varchar, country_code varchar, latitude double, longitude double, geo_precision integer,
    event_date date, date_text varchar, time_precision integer,
    fatalities integer, fatalities_low integer, fatalities_high integer, wounded integer, casualties_total integer,
    cross_border boolean, origin_country varchar, target_country varchar,
    negated boolean, hypothetical boolean, claimed boolean,
    evidence varchar, char_start integer, char_end integer, confidence double
);
create table if not exists extracted.actor_mentions (
    mention_id varchar primary key, content_hash varchar not null, doc_id varchar not null, event_id varchar,
    actor varchar not null, actor_parent varchar, actor_type varchar, text varchar,
    char_start integer, char_end integer, resolution varchar
);
create table if not exists extracted.place_mentions (
    mention_id varchar primary key, content_hash varchar not null, doc_id varchar not null, event_id varchar,
    place_id varchar, location varchar, text varchar, feature_kind varchar, admin1 varchar, admin1_code varchar,
    country varchar, country_code varchar, latitude double, longitude double, geo_precision integer,
    role varchar, char_start integer, char_end integer
);
create table if not exists extracted.entity_mentions (
    mention_id varchar primary key, content_hash varchar not null, doc_id varchar not null, event_id varchar,
    entity_type varchar not null, subtype varchar, text varchar, name varchar, entity_key varchar, canonical varchar,
    title varchar, role varchar, affiliation varchar, affiliation_text varchar, affiliation_source varchar,
    speech_role varchar, fate varchar, candidate varchar, evidence varchar, sentence varchar,
    char_start integer, char_end integer
);
create table if not exists extracted.article_status (
    content_hash varchar primary key, rules_fingerprint varchar not null, n_events integer, extracted_at timestamp
);
alter table raw.articles add column if not exists encoding varchar;
"""
ARTICLE_TABLES = (
    "extracted.events", "extracted.actor_mentions", "extracted.place_mentions", "extracted.entity_mentions", "extracted.article_status",
    "clean.articles", "raw.articles",
)

# the tables extraction replaces per article, in the order a part is loaded
EXTRACTED_TABLES = ("events", "actor_mentions", "place_mentions", "entity_mentions", "article_status")
EVENT_COLUMNS = [c for c in Event.__dataclass_fields__]
ACTOR_COLUMNS = ["mention_id", "content_hash", "doc_id", "event_id", "actor", "actor_parent", "actor_type", "text", "char_start", "char_end", "resolution"]
ENTITY_COLUMNS = [
    "mention_id", "content_hash", "doc_id", "event_id", "entity_type", "subtype", "text", "name", "entity_key", "canonical",
    "title", "role", "affiliation", "affiliation_text", "affiliation_source", "speech_role", "fate", "candidate", "evidence",
    "sentence", "char_start", "char_end",
]
PLACE_COLUMNS = [
    "mention_id", "content_hash", "doc_id", "event_id", "place_id", "location", "text", "feature_kind", "admin1", "admin1_code",
    "country", "country_code", "latitude", "longitude", "geo_precision", "role", "char_start", "char_end",
]


class WarehouseError(RuntimeError):
    """A problem with the warehouse file, phrased as what the user should do."""


def warehouse_path() -> Path:
    """The warehouse file: ``CONFLICT_WAREHOUSE`` or ``warehouse/conflict.duckdb``, made absolute
    and exported so that the dbt profile, which reads the same variable, sees the same file."""
    default = Path(__file__).resolve().parents[2] / "warehouse" / "conflict.duckdb"
    path = Path(os.environ.get("CONFLICT_WAREHOUSE") or default).expanduser().resolve()
    os.environ["CONFLICT_WAREHOUSE"] = str(path)
    return path


def memory_limit() -> str:
    """DuckDB's memory limit for the warehouse (``CONFLICT_DUCKDB_MEMORY``, default 512MB).

    DuckDB's own default is 80% of the machine, which it fills with cached pages on a large
    warehouse; the pipeline streams, so a modest limit costs little speed and keeps the whole
    pipeline (workers, dbt) within the memory budget of docs/scaling.md."""
    return os.environ.get("CONFLICT_DUCKDB_MEMORY") or "512MB"


def connect(path: Path | str | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse with a clear message when the file is locked, corrupt or unwritable."""
    target = Path(path) if path else warehouse_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WarehouseError(f"cannot create warehouse folder {target.parent} ({error.strerror}): set CONFLICT_WAREHOUSE to a writable path") from None
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
        return WarehouseError(f"warehouse {target} is open in another program ({_process(pid)}): close it, or point BI tools at the published copy")
    if locked:
        return WarehouseError(f"warehouse {target} is locked by another program: close the program that has it open and run again")
    if isinstance(error, duckdb.PermissionException) or "permission denied" in plain or "read-only file system" in plain:
        return WarehouseError(f"cannot write warehouse {target}: the folder is not writable; set CONFLICT_WAREHOUSE to a writable path")
    if "not a valid duckdb database" in plain or "corrupt" in plain or "magic bytes" in plain:
        return WarehouseError(f"warehouse {target} is not a readable DuckDB file (corrupt or another format): move it aside and run again to rebuild it")
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


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DDL)


def _frame(rows: Iterable[Any], columns: list[str]) -> pd.DataFrame:
    rows = list(rows)
    # columns straight from the attributes (dataclasses.asdict deep-copies every record, which
    # cost more than extracting them); object dtype keeps None as NULL and ints as ints (pandas
    # would turn them into NaN floats)
    data = {
        c: [r.get(c) if isinstance(r, dict) else getattr(r, c, None) for r in rows]
        for c in columns
    }
    return pd.DataFrame(data, columns=columns, dtype=object)


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
        [
            {
                "content_hash": a.content_hash, "doc_id": a.doc_id, "title": a.title, "text": a.text,
                "published_at": a.published_at, "url": a.url, "source": a.source, "format": a.format, "first_loaded_at": now,
                "encoding": a.encoding,
            }
            for a in loaded.articles.values()
        ],
        ["content_hash", "doc_id", "title", "text", "published_at", "url", "source", "format", "first_loaded_at", "encoding"],
    )
    files = _frame([{**asdict(f), "content_hash": a.content_hash} for a in loaded.articles.values() for f in a.files],
                   ["content_hash", "doc_id", "path", "line", "source", "format", "loaded_at"])
    rejected = _frame(loaded.rejections, ["path", "line", "reason", "first_bytes", "rejected_at"])
    before = _counts(con, ["raw.articles", "raw.article_files", "raw.rejected_files"])
    con.execute("begin transaction")
    try:
        if not articles.empty:
            con.register("incoming", articles)
            con.execute("insert into raw.articles by name select * from incoming where content_hash not in (select content_hash from raw.articles)")
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
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    after = _counts(con, ["raw.articles", "raw.article_files", "raw.rejected_files"])
    return {
        "replaced_articles": replaced,
        "articles_in_input": len(loaded.articles),
        "new_articles": after["raw.articles"] - before["raw.articles"],
        "new_files": after["raw.article_files"] - before["raw.article_files"],
        "new_rejections": after["raw.rejected_files"] - before["raw.rejected_files"],
        "rejections_in_input": len(loaded.rejections),
    }


def _drop_orphans(con: duckdb.DuckDBPyConnection) -> int:
    """Remove articles no file holds any more, with their cleaned text and events."""
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
    con.execute("begin transaction")
    try:
        con.register("present", pd.DataFrame({"path": present}, dtype=object))
        con.execute("delete from raw.article_files where path not in (select path from present)")
        con.execute("delete from raw.rejected_files where path not in (select path from present)")
        con.unregister("present")
        removed = _drop_orphans(con)
        con.execute("commit")
        return removed
    except Exception:
        con.execute("rollback")
        raise


def _counts(con: duckdb.DuckDBPyConnection, tables: list[str]) -> dict[str, int]:
    return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}


def _records(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


_PENDING_CLEANING = """from raw.articles r
    left join clean.articles c on c.content_hash = r.content_hash and c.rules_fingerprint = ?
    where c.content_hash is null"""

_PENDING_EXTRACTION = """from clean.articles c
    left join extracted.article_status s on s.content_hash = c.content_hash and s.rules_fingerprint = ?
    where s.content_hash is null"""


def count_to_clean(con: duckdb.DuckDBPyConnection, fingerprint: str) -> int:
    """How many raw articles are not yet cleaned with the current rules."""
    return int(con.execute(f"select count(*) {_PENDING_CLEANING}", [fingerprint]).fetchall()[0][0])


def _stream(con: duckdb.DuckDBPyConnection, sql: str, fingerprint: str, batch_size: int) -> Iterator[list[dict[str, Any]]]:
    """Rows of ``sql`` a batch at a time, read in one pass through a cursor of their own, so the
    caller's connection stays free to write each batch's results meanwhile (the cursor reads
    the snapshot of when it started)."""
    reader = con.cursor()
    try:
        reader.execute(sql, [fingerprint])
        names = [d[0] for d in reader.description]
        while rows := reader.fetchmany(batch_size):
            yield [dict(zip(names, row)) for row in rows]
    finally:
        reader.close()


def articles_to_clean(con: duckdb.DuckDBPyConnection, fingerprint: str, batch_size: int) -> Iterator[list[Article]]:
    """The raw articles not yet cleaned with the current rules, a batch at a time."""
    for rows in _stream(con, f"select r.* {_PENDING_CLEANING}", fingerprint, batch_size):
        yield [
            Article(
                content_hash=r["content_hash"], doc_id=r["doc_id"], text=r["text"], format=r["format"], title=r["title"],
                published_at=r["published_at"], url=r["url"], source=r["source"],
            )
            for r in rows
        ]


def write_clean(con: duckdb.DuckDBPyConnection, cleaned: list[CleanArticle], fingerprint: str) -> None:
    """Replace the cleaned form of these articles, in one transaction."""
    frame = _frame(cleaned, [c for c in CleanArticle.__dataclass_fields__])
    if frame.empty:
        return
    frame["removed"] = [json.dumps(r, ensure_ascii=False) for r in frame["removed"]]
    frame["rules_fingerprint"] = fingerprint
    con.execute("begin transaction")
    try:
        con.register("incoming", frame)
        con.execute("delete from clean.articles where content_hash in (select content_hash from incoming)")
        con.execute("insert into clean.articles by name select * from incoming")
        con.unregister("incoming")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def count_to_extract(con: duckdb.DuckDBPyConnection, fingerprint: str) -> int:
    """How many cleaned articles were not yet extracted with the current rules."""
    return int(con.execute(f"select count(*) {_PENDING_EXTRACTION}", [fingerprint]).fetchall()[0][0])


def _clean_article(row: dict[str, Any]) -> CleanArticle:
    fields = CleanArticle.__dataclass_fields__
    return CleanArticle(**{**{k: row[k] for k in fields}, "removed": json.loads(row["removed"] or "[]")})


def articles_to_extract(con: duckdb.DuckDBPyConnection, fingerprint: str, batch_size: int) -> Iterator[list[CleanArticle]]:
    """The cleaned articles not yet extracted with the current rules, a batch at a time."""
    for rows in _stream(con, f"select c.* {_PENDING_EXTRACTION}", fingerprint, batch_size):
        yield [_clean_article(r) for r in rows]


def sample_clean_articles(con: duckdb.DuckDBPyConnection, limit: int) -> list[CleanArticle]:
    """The first ``limit`` cleaned articles by hash (a fixed sample, e.g. for the benchmark)."""
    return [_clean_article(r) for r in _records(con.execute("select * from clean.articles order by content_hash limit ?", [limit]))]


def write_extraction(
    con: duckdb.DuckDBPyConnection, processed: Processed, hashes: list[str], fingerprint: str, entity_mentions: Iterable[Any] = (),
) -> None:
    """Replace the events and mentions (actor, place and entity) of these articles, in one
    transaction."""
    if not hashes:
        return
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    done = pd.DataFrame({"content_hash": hashes})
    counts = pd.Series([e.content_hash for e in processed.events], dtype="object").value_counts()
    status = pd.DataFrame(
        {"content_hash": hashes, "rules_fingerprint": fingerprint, "n_events": [int(counts.get(h, 0)) for h in hashes], "extracted_at": now}
    )
    con.execute("begin transaction")
    try:
        con.register("done", done)
        for table in EXTRACTED_TABLES:
            con.execute(f"delete from extracted.{table} where content_hash in (select content_hash from done)")
        con.unregister("done")
        _insert(con, "extracted.events", _frame(processed.events, EVENT_COLUMNS))
        _insert(con, "extracted.actor_mentions", _frame(processed.actor_mentions, ACTOR_COLUMNS))
        _insert(con, "extracted.place_mentions", _frame(processed.place_mentions, PLACE_COLUMNS))
        _insert(con, "extracted.entity_mentions", _frame(entity_mentions, ENTITY_COLUMNS))
        _insert(con, "extracted.article_status", status)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def replace_from_parts(con: duckdb.DuckDBPyConnection, parts: dict[str, str]) -> None:
    """Replace the extraction of the articles in a part (``parts``: extracted table to Parquet
    file, ``article_status`` among them) with the part's rows, in one transaction."""
    con.execute("begin transaction")
    try:
        done = con.execute("select content_hash from read_parquet(?)", [parts["article_status"]]).df()
        con.register("done", done)
        # articles extracted before (with other rules): only then is there anything to replace,
        # and only then are the big tables scanned
        again = con.execute("select count(*) from extracted.article_status where content_hash in (select content_hash from done)").fetchall()[0][0]
        if again:
            for table in EXTRACTED_TABLES:
                con.execute(f"delete from extracted.{table} where content_hash in (select content_hash from done)")
        con.unregister("done")
        for table in EXTRACTED_TABLES:
            con.execute(f"insert into extracted.{table} by name select * from read_parquet(?)", [parts[table]])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
