"""Copy the source tables (``raw``, ``clean``, ``extracted``) from the DuckDB file into PostgreSQL.

Why this exists: the Python stages (load, clean, extract) write the DuckDB file only, while dbt
can build the warehouse on another target (``CONFLICT_DBT_TARGET=postgres``, see
``dbt_project/profiles.yml`` and docs/scaling_warehouse.md). dbt reads its sources from the
schemas ``raw``, ``clean`` and ``extracted`` of *its* database, so they must be copied there
before each ``dbt build``. The Dagster asset ``target/sources`` calls :func:`copy_sources`;
:func:`load_sources` does the same from a file path (tests, or by hand).

How: the whole copy is one PostgreSQL transaction (dbt never sees half of it) under an advisory
lock (two copies never interleave). It is incremental: every source table is keyed by
``content_hash``, so the copy keeps, in ``source_copy.digests``, an md5 of each article's rows as
last copied, and only deletes and re-inserts the rows of articles whose digest changed, appeared
or disappeared (new, re-cleaned, re-extracted or forgotten articles). A table without
``content_hash`` (``raw.rejected_files``), a table whose columns changed, a first copy, or a
table whose row count does not match DuckDB's afterwards (someone edited the copy) is copied in
full instead. Rows go in through ``COPY ... FROM STDIN``.

Settings come from the same ``CONFLICT_PG_*`` variables, with the same defaults, as the
``postgres`` output of the dbt profile, so dbt and the copy always talk to the same database.
"""

from __future__ import annotations

import io
import json
import math
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from extract import settings

SOURCE_SCHEMAS = ("raw", "clean", "extracted")
POSTGRES_TARGET = "postgres"
# where the copy remembers what it copied (one row per table and article)
STATE_SCHEMA = "source_copy"
# DuckDB column types of the source tables -> PostgreSQL (anything else becomes text)
PG_TYPES = {
    "VARCHAR": "text",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "SMALLINT": "smallint",
    "DOUBLE": "double precision",
    "FLOAT": "real",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
}
KEY = "content_hash"
ROWS_PER_COPY = 5000
# any constant: copies into the same database take turns on this advisory lock
LOCK_ID = 0x636F6E666C6963


class TargetSourcesError(RuntimeError):
    """A copy that cannot be made, phrased as one line saying what to do."""


def dbt_target(explicit: str | None = None) -> str:
    """The dbt output in use: ``explicit`` (a ``--target``), else ``CONFLICT_DBT_TARGET``, else
    ``dev``, which is exactly how the profile picks it (``target: env_var(..., 'dev')``)."""
    return explicit or settings.current().dbt_target


@dataclass(frozen=True)
class PostgresSettings:
    """Where the ``postgres`` output of the dbt profile connects; :meth:`from_env` reads the
    same variables with the same defaults, so the copy lands where dbt reads."""

    host: str = "localhost"
    port: int = 5432
    user: str = "conflict"
    password: str = ""
    dbname: str = "conflict_events"
    sslmode: str = "prefer"
    connect_timeout: int = 10

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> PostgresSettings:
        """The ``CONFLICT_PG_*`` settings of :mod:`extract.settings` (of ``env`` when given)."""
        try:
            pg = (settings.current() if env is None else settings.load(env)).postgres
        except settings.SettingsError as error:
            raise TargetSourcesError(str(error)) from None
        return cls(host=pg.host, port=pg.port, user=pg.user, password=pg.password, dbname=pg.dbname, sslmode=pg.sslmode)

    def describe(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.dbname}"

    def connect(self) -> Any:
        """A psycopg2 connection, or a :class:`TargetSourcesError` that says which setting to fix."""
        try:
            import psycopg2
        except ImportError:
            raise TargetSourcesError("psycopg2 is not installed: run make install (dbt-postgres brings it)") from None
        options: dict[str, Any] = {
            "host": self.host,
            "port": self.port,
            "user": self.user,
            "dbname": self.dbname,
            "sslmode": self.sslmode,
            "connect_timeout": self.connect_timeout,
        }
        if self.password:
            options["password"] = self.password
        try:
            return psycopg2.connect(**options)
        except psycopg2.Error as error:
            raise explain_connection_error(self, error) from None


def explain_connection_error(settings: PostgresSettings, error: Exception) -> TargetSourcesError:
    """One line: what failed when connecting, and which ``CONFLICT_PG_*`` variable to set."""
    first = next((line.strip() for line in str(error).splitlines() if line.strip()), type(error).__name__)
    plain = str(error).lower()
    where = f"{settings.host}:{settings.port}"
    if "password" in plain or "authentication failed" in plain or ("role" in plain and "does not exist" in plain):
        return TargetSourcesError(
            f"PostgreSQL at {where} refused user {settings.user!r} ({first}): set CONFLICT_PG_USER and CONFLICT_PG_PASSWORD"
        )
    if "database" in plain and "does not exist" in plain:
        return TargetSourcesError(
            f"database {settings.dbname!r} does not exist on {where}: create it "
            f"(createdb --template=template0 --encoding=UTF8 --locale=C {settings.dbname}) or set CONFLICT_PG_DATABASE"
        )
    if "ssl" in plain:
        return TargetSourcesError(
            f"SSL to PostgreSQL at {where} failed ({first}): set CONFLICT_PG_SSLMODE (e.g. require or disable)"
        )
    return TargetSourcesError(
        f"cannot reach PostgreSQL at {where} ({first}): start the server, or set CONFLICT_PG_HOST and CONFLICT_PG_PORT"
    )


@dataclass
class TableCopy:
    """What happened to one table: ``mode`` is ``full``, ``incremental`` or ``unchanged``."""

    mode: str
    rows: int  # rows the table holds in PostgreSQL afterwards (equal to DuckDB's)
    written: int = 0
    deleted: int = 0
    articles_changed: int = 0
    reason: str = ""


@dataclass
class CopyResult:
    """The outcome of one copy; :attr:`rows` maps ``schema.table`` to its rows in PostgreSQL."""

    target: str
    tables: dict[str, TableCopy] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rows(self) -> dict[str, int]:
        return {name: table.rows for name, table in self.tables.items()}

    @property
    def written(self) -> int:
        return sum(t.written for t in self.tables.values())

    @property
    def deleted(self) -> int:
        return sum(t.deleted for t in self.tables.values())

    @property
    def rows_per_second(self) -> float:
        return self.written / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        modes = {m: sum(1 for t in self.tables.values() if t.mode == m) for m in ("full", "incremental", "unchanged")}
        return (
            f"copied the sources into {self.target}: {self.written} rows written, {self.deleted} deleted in "
            f"{self.seconds:.2f} s ({self.rows_per_second:.0f} rows/s); tables: "
            + ", ".join(f"{n} {m}" for m, n in modes.items() if n)
        )


def load_sources(
    duckdb_file: Path | str, settings: PostgresSettings | None = None, *, full: bool = False
) -> CopyResult:
    """:func:`copy_sources` from a DuckDB file, opened read-only (no writer may hold it)."""
    try:
        source = duckdb.connect(str(duckdb_file), read_only=True)
    except duckdb.Error as error:
        first = str(error).splitlines()[0]
        raise TargetSourcesError(
            f"cannot read the DuckDB warehouse {duckdb_file} ({first}): close the program writing it and run again"
        ) from None
    try:
        return copy_sources(source, settings, full=full)
    finally:
        source.close()


def copy_sources(
    source: duckdb.DuckDBPyConnection, settings: PostgresSettings | None = None, *, full: bool = False
) -> CopyResult:
    """Bring every table of ``raw``, ``clean`` and ``extracted`` in PostgreSQL up to date with
    the DuckDB connection ``source``: schemas, tables and new columns created when missing, then
    only the rows of changed articles replaced (``full=True``: every table emptied and refilled).

    One transaction: on any error nothing is changed and a :class:`TargetSourcesError` says what
    to do. ``settings`` defaults to :meth:`PostgresSettings.from_env`.
    """
    import psycopg2

    settings = settings or PostgresSettings.from_env()
    started = time.monotonic()
    result = CopyResult(target=settings.describe())
    tables = source.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_schema in ('raw', 'clean', 'extracted') and table_type = 'BASE TABLE' order by 1, 2"
    ).fetchall()
    if not tables:
        raise TargetSourcesError(
            "the DuckDB warehouse has no raw, clean or extracted tables: run the load, clean and extract stages first"
        )
    pg = settings.connect()
    try:
        with pg.cursor() as cur:
            cur.execute("select pg_advisory_xact_lock(%s)", [LOCK_ID])
            _create_state(cur)
            for schema in SOURCE_SCHEMAS:
                cur.execute(f"create schema if not exists {_ident(schema)}")
            for schema, table in tables:
                result.tables[f"{schema}.{table}"] = _copy_table(source, cur, schema, table, full=full)
        pg.commit()
    except psycopg2.Error as error:
        pg.rollback()
        raise _explain_copy_error(settings, error) from None
    finally:
        pg.close()
    result.seconds = time.monotonic() - started
    return result


def _explain_copy_error(settings: PostgresSettings, error: Exception) -> TargetSourcesError:
    first = next((line.strip() for line in str(error).splitlines() if line.strip()), type(error).__name__)
    if "permission denied" in first.lower():
        return TargetSourcesError(
            f"copying the sources into {settings.describe()} failed ({first}): "
            f"grant create on database {settings.dbname} to {settings.user}, or set CONFLICT_PG_USER to a role that may"
        )
    return TargetSourcesError(f"copying the sources into {settings.describe()} failed, nothing was changed: {first}")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create_state(cur) -> None:
    cur.execute(f"create schema if not exists {STATE_SCHEMA}")
    cur.execute(
        f"create table if not exists {STATE_SCHEMA}.tables (table_name text primary key, columns text not null, copied_at timestamp)"
    )
    cur.execute(
        f"create table if not exists {STATE_SCHEMA}.digests "
        "(table_name text not null, content_hash text not null, digest text not null, primary key (table_name, content_hash))"
    )


def _copy_table(source: duckdb.DuckDBPyConnection, cur, schema: str, table: str, *, full: bool) -> TableCopy:
    name, qualified = f"{schema}.{table}", f"{_ident(schema)}.{_ident(table)}"
    columns = source.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    column_names = [c for c, _ in columns]
    signature = json.dumps(columns)
    cur.execute(f"create table if not exists {qualified} ()")
    for column, data_type in columns:
        cur.execute(
            f"alter table {qualified} add column if not exists {_ident(column)} {PG_TYPES.get(data_type, 'text')}"
        )
    cur.execute(f"select columns from {STATE_SCHEMA}.tables where table_name = %s", [name])
    stored = cur.fetchone()
    keyed = KEY in column_names

    reason = ""
    if full:
        reason = "full copy requested"
    elif not keyed:
        reason = f"no {KEY} column"
    elif stored is None:
        reason = "first copy"
    elif stored[0] != signature:
        reason = "columns changed"

    digests = _duckdb_digests(source, schema, table) if keyed else {}
    copied = (
        _full_copy(source, cur, qualified, schema, table, column_names, reason)
        if reason
        else _incremental_copy(source, cur, name, qualified, schema, table, column_names, digests)
    )

    expected = source.execute(f"select count(*) from {qualified}").fetchone()[0]
    cur.execute(f"select count(*) from {qualified}")
    if cur.fetchone()[0] != expected:  # the copy was edited behind our back: start over
        copied = _full_copy(
            source, cur, qualified, schema, table, column_names, "row count differed after an incremental copy"
        )
    copied.rows = expected

    if copied.mode == "full":  # the digests now describe exactly what was copied
        cur.execute(f"delete from {STATE_SCHEMA}.digests where table_name = %s", [name])
        _write_digests(cur, name, digests.items())
    cur.execute(
        f"insert into {STATE_SCHEMA}.tables values (%s, %s, now()) "
        "on conflict (table_name) do update set columns = excluded.columns, copied_at = excluded.copied_at",
        [name, signature],
    )
    return copied


def _duckdb_digests(source: duckdb.DuckDBPyConnection, schema: str, table: str) -> dict[str, str]:
    """md5 per article over its rows' JSON (the whole row, as a struct), independent of row order."""
    rows = source.execute(
        f"select {KEY}, md5(string_agg(row_digest, ',' order by row_digest)) from "
        f"(select {KEY}, md5(cast(to_json(copied_row__) as varchar)) as row_digest "
        f"from {_ident(schema)}.{_ident(table)} copied_row__ where {KEY} is not null) group by 1"
    ).fetchall()
    return dict(rows)


def _full_copy(source, cur, qualified: str, schema: str, table: str, columns: list[str], reason: str) -> TableCopy:
    cur.execute(f"select count(*) from {qualified}")
    before = cur.fetchone()[0]
    cur.execute(f"truncate {qualified}")
    written = _copy_rows(source, cur, qualified, schema, table, columns, hashes=None)
    return TableCopy(mode="full", rows=written, written=written, deleted=before, reason=reason)


def _incremental_copy(
    source, cur, name: str, qualified: str, schema: str, table: str, columns: list[str], digests: dict[str, str]
) -> TableCopy:
    cur.execute(f"select content_hash, digest from {STATE_SCHEMA}.digests where table_name = %s", [name])
    stored = dict(cur.fetchall())
    changed = sorted(h for h, d in digests.items() if stored.get(h) != d)
    gone = sorted(set(stored) - set(digests))
    if not changed and not gone:
        return TableCopy(mode="unchanged", rows=0)
    stale = changed + gone
    cur.execute(f"delete from {qualified} where {KEY} = any(%s)", [stale])
    deleted = cur.rowcount
    written = _copy_rows(source, cur, qualified, schema, table, columns, hashes=changed) if changed else 0
    cur.execute(f"delete from {STATE_SCHEMA}.digests where table_name = %s and content_hash = any(%s)", [name, stale])
    _write_digests(cur, name, ((h, digests[h]) for h in changed))
    return TableCopy(mode="incremental", rows=0, written=written, deleted=deleted, articles_changed=len(stale))


def _write_digests(cur, name: str, digests: Iterable[tuple[str, str]]) -> None:
    buffer = io.StringIO()
    for content_hash, digest in digests:
        buffer.write(f"{_text(name)}\t{_text(content_hash)}\t{digest}\n")
    buffer.seek(0)
    cur.copy_expert(f"copy {STATE_SCHEMA}.digests (table_name, content_hash, digest) from stdin", buffer)


def _copy_rows(
    source, cur, qualified: str, schema: str, table: str, columns: list[str], hashes: list[str] | None
) -> int:
    """Stream rows from DuckDB into ``COPY ... FROM STDIN`` (text format), a block at a time."""
    quoted = ", ".join(_ident(c) for c in columns)
    sql = f"select {quoted} from {_ident(schema)}.{_ident(table)}"
    result = (
        source.execute(sql + f" where {KEY} in (select unnest(?::varchar[]))", [hashes])
        if hashes is not None
        else source.execute(sql)
    )
    written = 0
    while rows := result.fetchmany(ROWS_PER_COPY):
        buffer = io.StringIO()
        buffer.writelines(_lines(rows))
        buffer.seek(0)
        cur.copy_expert(f"copy {qualified} ({quoted}) from stdin", buffer)
        written += len(rows)
    return written


def _lines(rows: list[tuple]) -> Iterator[str]:
    for row in rows:
        yield "\t".join(_text(value) for value in row) + "\n"


def _text(value: Any) -> str:
    """A value in COPY's text format. NUL characters are dropped: PostgreSQL text cannot hold
    them (``raw.rejected_files.first_bytes`` may)."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, float):
        return (
            "NaN"
            if math.isnan(value)
            else ("Infinity" if value > 0 else "-Infinity")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    text = value if isinstance(value, str) else str(value)
    return text.replace("\x00", "").replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
