"""The published copy for BI tools: DuckDB 1.0 storage format, atomic swap, BI clients reading
it (SQLAlchemy + duckdb-engine, read-only) while a pipeline run writes the live warehouse, and
the Parquet exports. The runs are those of tests/support/analyst_warehouse.py."""

import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import sqlalchemy

from extract.publishing.publish import STORAGE_VERSION_NUMBER, PublishError, publish, storage_version_number
from tests.support import analyst_warehouse
from tests.support.groups import DAGSTER_PROCESSES

pytestmark = DAGSTER_PROCESSES  # the analyst warehouse is built once per worker (tests/support/groups.py)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return analyst_warehouse.build(tmp_path_factory)


def test_published_file_uses_the_storage_format_of_duckdb_1_0(built):
    published = built["published"]
    # 64 is the storage version of DuckDB 0.10 to 1.1; the live file is written by DuckDB 2
    assert STORAGE_VERSION_NUMBER == 64
    assert storage_version_number(published) == 64
    assert storage_version_number(built["live"]) != 64
    with duckdb.connect(str(published), read_only=True) as con:
        [(tags,)] = con.execute(
            "select tags from duckdb_databases() where database_name = 'conflict_published'"
        ).fetchall()
        assert tags["storage_version"].startswith("v1.0.0")
        assert con.execute("select storage_version from meta.publication").fetchone()[0] == "v1.0.0"


def test_published_copy_holds_every_mart_and_reference_table_with_their_rows(built):
    with analyst_warehouse.open_live(built["live"]) as live:
        tables = [
            t
            for (t,) in live.execute(
                """select schema_name || '.' || table_name from duckdb_tables()
            where database_name = 'live' and schema_name in ('marts', 'reference')"""
            ).fetchall()
        ]
        expected = {t: live.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
    with duckdb.connect(str(built["published"]), read_only=True) as con:
        published = {f"{s}.{t}": n for s, t, n in con.execute("select * from meta.published_tables").fetchall()}
        counted = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in published}
        comment = con.execute(
            "select comment from duckdb_columns() where table_name = 'fct_events' and column_name = 'n_reports'"
        ).fetchone()[0]
    assert "marts.fct_events" in expected and "reference.actors" in expected
    assert published == expected and counted == expected
    assert comment.startswith("Number of article-level reports")  # the dbt descriptions travel with the data
    assert not list(built["published"].parent.glob(".conflict_published.duckdb.*"))  # no temporary file left


def test_bi_clients_read_the_published_copy_while_a_run_writes_the_live_file(built):
    assert built["second_success"], "the run with BI clients attached failed"
    intervals = built["dbt_intervals"]
    assert intervals, "dbt never ran during the second run"

    def during_dbt(entry):
        return any(start <= entry["t"] and entry.get("done", entry["t"]) <= end for start, end in intervals)

    for mode in ("hold", "reopen"):
        log = built["bi"][mode]
        errors = [e for e in log if "error" in e]
        assert errors == [], f"{mode}: {errors[:3]}"
        assert sum(1 for e in log if "events" in e and during_dbt(e)) >= 1, f"{mode}: no query while dbt was writing"
    before, after = built["after_first"]["events"], 5
    # the client holding one connection keeps reading the copy it opened, even after it was replaced
    assert {e["events"] for e in built["bi"]["hold"] if "events" in e} == {before}
    # a new connection after the run (and its publish step) reads the new copy
    _, finished = built["second_run"]
    assert [e["events"] for e in built["bi"]["reopen"] if "events" in e and e["t"] > finished][-1:] == [after]
    assert built["published_inode_before"] != built["published_inode_after"]  # swapped, not rewritten in place


def test_sqlalchemy_connection_is_read_only(built):
    engine = sqlalchemy.create_engine(f"duckdb:///{built['published']}?access_mode=read_only")
    with engine.connect() as con:
        assert con.execute(sqlalchemy.text("select count(*) from marts.acled_compatible_events")).scalar() == 5
        with pytest.raises(sqlalchemy.exc.DBAPIError, match="read-only"):
            con.execute(sqlalchemy.text("create table marts.scratch (x integer)"))
    engine.dispose()


def test_bi_tools_browse_the_published_copy_through_sqlalchemy_reflection(built):
    """What Superset, a notebook or any SQLAlchemy tool does first: list schemas, tables and
    columns (SQLAlchemy 2.0.45+ fails here on pg_catalog.pg_collation; pyproject pins below it)."""
    engine = sqlalchemy.create_engine(f"duckdb:///{built['published']}?access_mode=read_only")
    try:
        inspector = sqlalchemy.inspect(engine)
        assert {"conflict_published.marts", "conflict_published.reference"} <= set(inspector.get_schema_names())
        assert {"fct_events", "border_crossing_incidents"} <= set(inspector.get_table_names(schema="marts"))
        columns = {c["name"]: c for c in inspector.get_columns("fct_events", schema="marts")}
        assert {"event_id", "event_date", "n_reports", "fatalities", "article_ids"} <= set(columns)
        assert isinstance(columns["n_reports"]["type"], sqlalchemy.Integer)
        assert columns["n_reports"]["comment"].startswith("Number of article-level reports")
        table = sqlalchemy.Table("fct_events", sqlalchemy.MetaData(), schema="marts", autoload_with=engine)
        with engine.connect() as con:
            assert con.execute(sqlalchemy.select(sqlalchemy.func.count()).select_from(table)).scalar() == 5
    finally:
        engine.dispose()


def test_the_duckdb_cli_opens_the_published_copy_read_only(built):
    """The README's first query and make sql: the duckdb CLI that pyproject installs (duckdb-cli)."""
    cli = Path(sys.executable).with_name("duckdb")
    assert cli.exists(), "the duckdb CLI is missing: make install (pyproject's duckdb-cli)"
    done = subprocess.run(
        [
            str(cli),
            "-readonly",
            "-csv",
            str(built["published"]),
            "-c",
            "select count(*) as events from marts.fct_events",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.split() == ["events", "5"], done.stderr
    refused = subprocess.run(
        [str(cli), "-readonly", str(built["published"]), "-c", "create table marts.scratch (x integer)"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode != 0 and "read-only" in (refused.stdout + refused.stderr)


def test_pandas_reads_the_parquet_exports(built):
    events = pd.read_parquet(built["live"].parent / "exports" / "fct_events.parquet")
    assert len(events) == 5 and events["n_reports"].max() == 2
    assert {"event_id", "event_date", "article_ids"} <= set(events.columns)


def test_parquet_exports_match_the_marts(built):
    exports = built["live"].parent / "exports"
    files = sorted(p.stem for p in exports.glob("*.parquet"))
    assert set(files) >= {"fct_events", "acled_compatible_events", "daily_event_counts", "dim_articles", "actor_dyads"}
    with duckdb.connect(str(built["published"]), read_only=True) as con:
        marts = sorted(
            t for (t,) in con.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()
        )
        assert files == marts
        for name in files:
            in_parquet = con.execute(
                f"select count(*) from read_parquet('{exports / (name + '.parquet')}')"
            ).fetchone()[0]
            assert in_parquet == con.execute(f"select count(*) from marts.{name}").fetchone()[0], name
        assert con.execute(
            f"select n_reports from read_parquet('{exports / 'fct_events.parquet'}') order by 1 desc limit 1"
        ).fetchone() == (2,)


def test_publishing_says_what_to_do_when_another_program_writes_the_live_file(tmp_path):
    live = tmp_path / "conflict.duckdb"
    with duckdb.connect(str(live)) as con:
        con.execute("create schema marts; create table marts.fct_events as select 1 as event_id")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(live)!r})
            print("locked", flush=True)
            sys.stdin.read()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(PublishError, match="another program holds it"):
            publish(live, attempts=1)
    finally:
        holder.communicate("", timeout=30)
    publication = publish(live, attempts=1)  # free again
    assert publication.rows == {"marts.fct_events": 1}
    assert (tmp_path / "exports" / "fct_events.parquet").exists()
