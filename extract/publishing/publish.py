"""Publish the warehouse for BI tools: a copy of the marts and reference tables in a DuckDB file
that DuckDB 1.x can open, swapped in atomically, plus one Parquet file per mart.

BI tools (Superset, Metabase, DBeaver, Evidence, the DuckDB CLI) open
``warehouse/conflict_published.duckdb``, never the live ``conflict.duckdb``. DuckDB lets one
process write a file, and a reader holding the live file would block the pipeline; the published
copy is replaced with ``os.replace`` (an atomic rename on the same file system), so a tool that
still holds the old copy open keeps reading it and never blocks anything. It sees the new data
when it opens a new connection.

The live file is attached read-only only while the tables are copied, then released; the
Parquet exports and the final checkpoint are written from the copy.

Temporary files (the new copy and each Parquet file before its rename) carry the writer's PID in
their names. A publish that fails removes its own; one that was killed (``kill -9``, a lost
machine) cannot, so each publish first removes those of writers that are no longer alive.

``python -m extract.publishing.publish`` publishes the current warehouse by hand (``make publish``).
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

# DuckDB storage format written into the published file: "v1.0.0" is storage version 64, the
# format every DuckDB from 0.10 to 2.x reads (DuckDB 1.2 introduced version 65, which DuckDB
# 1.0 and 1.1 cannot open). The format is chosen with ATTACH ... (STORAGE_VERSION 'v1.0.0').
STORAGE_VERSION = "v1.0.0"
STORAGE_VERSION_NUMBER = 64
# Schemas copied: the marts, and the reference seeds they are coded with (actors, event types,
# places, countries...), which BI users join to.
PUBLISHED_SCHEMAS = ("marts", "reference")
EXPORTED_SCHEMAS = ("marts",)


class PublishError(RuntimeError):
    """Publishing failed, phrased as what the user should do."""


@dataclass
class Publication:
    path: Path
    storage_version: str
    rows: dict[str, int] = field(default_factory=dict)
    exports: list[Path] = field(default_factory=list)
    seconds_reading_live: float = 0.0
    seconds_total: float = 0.0

    @property
    def size_bytes(self) -> int:
        return self.path.stat().st_size


def published_path(live: Path) -> Path:
    """``warehouse/conflict.duckdb`` -> ``warehouse/conflict_published.duckdb``."""
    return live.with_name(f"{live.stem}_published{live.suffix or '.duckdb'}")


def exports_dir(live: Path) -> Path:
    return live.parent / "exports"


def _literal(text: str) -> str:
    """A SQL string literal (ATTACH, COPY and COMMENT take no parameters)."""
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _attach_live(con: duckdb.DuckDBPyConnection, live: Path, attempts: int) -> None:
    """Attach the live warehouse read-only, waiting while another process writes it."""
    for attempt in range(attempts):
        try:
            con.execute(f"attach {_literal(str(live))} as live (read_only)")
            return
        except duckdb.IOException as error:
            if attempt == attempts - 1:
                first = str(error).splitlines()[0]
                raise PublishError(
                    f"cannot read the warehouse {live} to publish it ({first}): another program holds it "
                    "for writing; close it and publish again (make publish)"
                ) from None
            time.sleep(2**attempt)


def publish(
    live: Path, target: Path | None = None, exports: Path | None = None, *, run_id: str | None = None, attempts: int = 5
) -> Publication:
    """Copy the marts and reference tables of ``live`` into ``target`` (default: beside it,
    ``<name>_published.duckdb``) in DuckDB 1.0 storage format, swap it in atomically, and write
    one Parquet file per mart into ``exports`` (default ``<folder>/exports``; None to skip)."""
    started = time.perf_counter()
    live = Path(live).resolve()
    if not live.exists():
        raise PublishError(f"no warehouse at {live}: run the pipeline first (make run)")
    target = Path(target).resolve() if target else published_path(live)
    exports = exports_dir(live) if exports is None else Path(exports)
    target.parent.mkdir(parents=True, exist_ok=True)
    # the new copy is built beside the target, so that os.replace is a rename on one file system
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    _remove_temporaries(target.parent, exports, alive=_alive_other)

    publication = Publication(path=target, storage_version=STORAGE_VERSION)
    published_at = datetime.now(timezone.utc).replace(tzinfo=None)
    con = duckdb.connect()  # in memory: the only files touched are the ones attached below
    try:
        try:
            con.execute(f"attach {_literal(str(temporary))} as published (storage_version {_literal(STORAGE_VERSION)})")
            reading = time.perf_counter()
            _attach_live(con, live, attempts)
            tables = con.execute(
                f"""select schema_name, table_name, comment from duckdb_tables()
                where database_name = 'live' and schema_name in ({", ".join(_literal(s) for s in PUBLISHED_SCHEMAS)})
                order by schema_name, table_name"""
            ).fetchall()
            if not any(schema == "marts" for schema, _, _ in tables):
                raise PublishError(f"the warehouse {live} has no marts yet: run the pipeline first (make run)")
            columns = con.execute(
                """select schema_name, table_name, column_name, comment from duckdb_columns()
                where database_name = 'live' and comment is not null and comment <> ''"""
            ).fetchall()
            for schema, table, comment in tables:
                name = f"{_ident(schema)}.{_ident(table)}"
                con.execute(f"create schema if not exists published.{_ident(schema)}")
                con.execute(f"create table published.{name} as select * from live.{name}")
                if comment:
                    con.execute(f"comment on table published.{name} is {_literal(comment.strip())}")
                publication.rows[f"{schema}.{table}"] = con.execute(
                    f"select count(*) from published.{name}"
                ).fetchone()[0]
            published_tables = {(s, t) for s, t, _ in tables}
            for schema, table, column, comment in columns:
                if (schema, table) in published_tables:
                    con.execute(
                        f"comment on column published.{_ident(schema)}.{_ident(table)}.{_ident(column)} is {_literal(comment.strip())}"
                    )
            con.execute("detach live")  # the live warehouse is free again from here on
            publication.seconds_reading_live = time.perf_counter() - reading

            con.execute("create schema published.meta")
            con.execute(
                """create table published.meta.publication as
                select * from (values (?, ?, ?, ?)) as t(published_at, live_warehouse, storage_version, dagster_run_id)""",
                [published_at, str(live), STORAGE_VERSION, run_id],
            )
            con.execute(
                "comment on table published.meta.publication is 'When and from which warehouse this copy was published.'"
            )
            con.execute(
                "create table published.meta.published_tables as select * from (values "
                + ", ".join("(?, ?, ?)" for _ in publication.rows)
                + ") as t(schema_name, table_name, row_count)",
                [v for key, rows in publication.rows.items() for v in (*key.split(".", 1), rows)],
            )
            con.execute(
                "comment on table published.meta.published_tables is 'Every table of this copy with its number of rows.'"
            )

            if exports is not None:
                publication.exports = _export_parquet(
                    con, [(s, t) for s, t, _ in tables if s in EXPORTED_SCHEMAS], exports
                )
            con.execute("detach published")  # checkpoints: the file is complete, with no WAL beside it
        except duckdb.Error as error:
            raise PublishError(f"publishing {live} failed: {str(error).splitlines()[0]}") from error
        finally:
            con.close()
        os.replace(temporary, target)
    finally:  # what a failed publish wrote; after a success, nothing is left
        _remove_temporaries(target.parent, exports, alive=_alive_other)
    publication.seconds_total = time.perf_counter() - started
    return publication


# ".conflict_published.duckdb.1234.tmp" (and its ".wal"), ".fct_events.parquet.1234.tmp"
TEMPORARY = re.compile(r"^\..+\.(\d+)\.tmp(\.wal)?$")


def _remove_temporaries(folder: Path, exports: Path | None, alive: Callable[[int], bool]) -> list[Path]:
    """Remove the temporary files of publishers that are not ``alive`` (by the PID in the name),
    beside the published copy and among the exports; returns what was removed."""
    removed = []
    for where in (folder, exports):
        if where is None or not where.is_dir():
            continue
        for path in where.iterdir():
            match = TEMPORARY.match(path.name)
            if match and not alive(int(match.group(1))):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _alive_other(pid: int) -> bool:
    """True when ``pid`` is another process that exists: its temporaries may be in use (this
    process's own are never in use between two publishes)."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _export_parquet(con: duckdb.DuckDBPyConnection, tables: list[tuple[str, str]], folder: Path) -> list[Path]:
    """One Parquet file per table, each swapped in atomically; files of marts that no longer
    exist are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for schema, table in tables:
        final = folder / f"{table}.parquet"
        partial = folder / f".{table}.parquet.{os.getpid()}.tmp"
        con.execute(
            f"copy (select * from published.{_ident(schema)}.{_ident(table)}) to {_literal(str(partial))} "
            "(format parquet, compression zstd)"
        )
        os.replace(partial, final)
        written.append(final)
    for stale in folder.glob("*.parquet"):
        if stale not in written:
            stale.unlink()
    return written


def storage_version_number(path: Path) -> int:
    """The storage version number in a DuckDB file's header (64 = DuckDB 0.10 to 1.1 format,
    65 = 1.2 and later)."""
    with open(path, "rb") as handle:
        header = handle.read(20)
    if header[8:12] != b"DUCK":
        raise ValueError(f"{path} is not a DuckDB file")
    return int.from_bytes(header[12:20], "little")


READER_CHECK = """
import json, sys
import duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
tables = con.execute("select schema_name, table_name, row_count from meta.published_tables").fetchall()
counts = {f"{s}.{t}": (n, con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0]) for s, t, n in tables}
print(json.dumps({"duckdb": duckdb.__version__, "tables": counts}))
"""


def check_with_reader(published: Path, version: str, cache: Path) -> dict:
    """Open the published file with another DuckDB release (e.g. 1.1.3), downloaded once from
    PyPI as a wheel into ``cache`` and imported from there, in a separate Python process.
    Returns what that reader saw: its version and, per table, the expected and counted rows."""
    import json
    import subprocess
    import zipfile

    site = cache / f"duckdb-{version}"
    if not (site / "duckdb").is_dir():
        wheels = cache / "wheels"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--only-binary=:all:",
                f"duckdb=={version}",
                "-d",
                str(wheels),
            ],
            check=True,
        )
        wheel = next(wheels.glob(f"duckdb-{version}-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(site)
    done = subprocess.run(
        [sys.executable, "-s", "-c", READER_CHECK, str(published)],
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise PublishError(f"DuckDB {version} could not read {published}: {done.stderr.strip().splitlines()[-1]}")
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    import argparse

    from extract.storage.warehouse import warehouse_path

    parser = argparse.ArgumentParser(prog="python -m extract.publishing.publish", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check-reader",
        metavar="VERSION",
        help="do not publish: open the published file with this DuckDB release (e.g. 1.1.3) and count its rows",
    )
    args = parser.parse_args(argv)
    # a terminated publish (Ctrl-C, kill, a stopped container) unwinds and removes its temporaries
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    live = warehouse_path()
    if args.check_reader:
        published = published_path(live)
        if not published.exists():
            print(f"no published warehouse at {published}: run the pipeline first (make run)", file=sys.stderr)
            return 1
        try:
            cache = (
                Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "conflict-events" / "duckdb-readers"
            )
            seen = check_with_reader(published, args.check_reader, cache)
        except PublishError as error:
            print(error, file=sys.stderr)
            return 1
        wrong = {t: c for t, c in seen["tables"].items() if c[0] != c[1]}
        print(
            f"DuckDB {seen['duckdb']} opened {published} (storage version number {storage_version_number(published)}) "
            f"and read {len(seen['tables'])} tables"
            + (f"; row counts differ: {wrong}" if wrong else ", every row count as published")
        )
        return 1 if wrong else 0
    try:
        publication = publish(live)
    except PublishError as error:
        print(error, file=sys.stderr)
        return 1
    print(
        f"published {publication.path} (DuckDB storage {publication.storage_version}, {publication.size_bytes} bytes)"
    )
    for table, rows in publication.rows.items():
        print(f"  {table:<40} {rows:>8}")
    if publication.exports:
        print(f"parquet: {publication.exports[0].parent}/ ({len(publication.exports)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
