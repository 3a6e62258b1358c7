"""The whole Dagster pipeline on PostgreSQL, chosen by configuration alone.

Only the environment changes (``CONFLICT_DBT_TARGET=postgres`` and the ``CONFLICT_PG_*`` settings
of a throwaway cluster, tests/support/postgres_cluster.py); the resources come from
``orchestration.resources.build_resources`` as in a deployment. Two runs of every asset over the
partition ``all``: the sample articles, then the same folder with one more article. They prove:

- the Python stages still write the DuckDB file, ``target/sources`` copies ``raw``, ``clean`` and
  ``extracted`` into Postgres before dbt reads them (the first ``dbt build`` would fail on missing
  sources otherwise), and the second copy sends only the new article's rows;
- dbt builds the marts in Postgres and not in the DuckDB file, and they hold what the articles of
  seeds/articles say (the Sousa shelling, Nineveh, Baaj);
- row counts and previews of the dbt assets are Postgres's numbers;
- the published copy and the report are not made from the (empty) local marts: not
  materialized, with an observation saying why.

A separate test edits the DuckDB file the way re-extraction and ``--rebuild`` do and checks that
the incremental copy leaves Postgres equal to it, table for table; another checks the errors.
Skipped without PostgreSQL, except with CI=true (then it fails).
"""

from __future__ import annotations

import decimal
import shutil
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from tests.support.postgres_cluster import cluster, free_port, skip_unless_available  # noqa: F401  (cluster is a fixture)

skip_unless_available()

# imported before any test changes the environment, as a deployment loads them once at start
from orchestration.batches import ALL, ensure_partition  # noqa: E402
from orchestration.definitions import defs  # noqa: E402
from orchestration.resources import build_resources  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "seeds" / "articles"
SOURCE_TABLES = (
    "raw.articles",
    "raw.article_files",
    "raw.rejected_files",
    "clean.articles",
    "extracted.events",
    "extracted.actor_mentions",
    "extracted.place_mentions",
    "extracted.entity_mentions",
    "extracted.article_status",
)
# a sixth article for the second run, written for this test
NEW_ARTICLE = """Turkish drones strike PKK positions in Sinjar

SINJAR, Iraq (Reuters) - Turkish drones struck positions of the Kurdistan Workers' Party (PKK) near Sinjar
in Nineveh province on Tuesday, killing four fighters, local officials said.
"""


def pg_value(cluster, sql: str):
    con = cluster.connect()
    try:
        with con.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall()
    finally:
        con.close()


def materialized(result: dg.ExecuteInProcessResult) -> dict[str, dict]:
    return {
        e.materialization.asset_key.to_user_string(): e.materialization.metadata
        for e in result.get_asset_materialization_events()
    }


@pytest.fixture(scope="module")
def runs(cluster, tmp_path_factory):
    work = tmp_path_factory.mktemp("dagster_postgres")
    inputs, warehouse = work / "articles", work / "conflict.duckdb"
    shutil.copytree(SAMPLES, inputs)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CONFLICT_WAREHOUSE", str(warehouse))
        env.setenv("CONFLICT_DBT_TARGET", "postgres")
        for name, value in cluster.pg_env().items():
            env.setenv(name, value)
        resources = build_resources()  # what the deployment builds from its environment
        config = {"ops": {"raw_articles": {"config": {"input_dir": str(inputs)}}}}
        instance = dg.DagsterInstance.ephemeral()
        ensure_partition(instance, ALL)
        timings = {"postgres cluster": cluster.startup_seconds}

        started = time.monotonic()
        first = dg.materialize(
            list(defs.assets), resources=resources, run_config=config, instance=instance, partition_key=ALL
        )
        timings["first run"] = time.monotonic() - started
        assert first.success
        counts_after_first = {t: pg_value(cluster, f"select count(*) from {t}")[0][0] for t in SOURCE_TABLES}

        (inputs / "005_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        started = time.monotonic()
        second = dg.materialize(
            list(defs.assets), resources=resources, run_config=config, instance=instance, partition_key=ALL
        )
        timings["second run"] = time.monotonic() - started
        assert second.success
    print("timings (s):", {k: round(v, 1) for k, v in timings.items()})
    return {
        "work": work,
        "warehouse": warehouse,
        "resources": resources,
        "first": first,
        "second": second,
        "counts_after_first": counts_after_first,
    }


def test_the_resources_follow_the_environment(runs):
    assert runs["resources"]["dbt"].target == "postgres"


def test_dbt_nodes_that_read_sources_wait_for_the_copy():
    graph = defs.resolve_asset_graph()
    copy = dg.AssetKey(["target", "sources"])
    assert {dg.AssetKey(["extracted", "events"]), dg.AssetKey(["raw", "articles"])} <= graph.get(copy).parent_keys
    staging = [k for k in graph.get_all_asset_keys() if k.path[0] == "staging"]
    assert staging and all(copy in graph.get(k).parent_keys for k in staging)


def test_dbt_built_the_marts_in_postgres_not_in_duckdb(runs, cluster):
    with duckdb.connect(str(runs["warehouse"]), read_only=True) as con:
        schemas = {r[0] for r in con.execute("select schema_name from information_schema.schemata").fetchall()}
    assert {"raw", "clean", "extracted"} <= schemas and not {"staging", "marts"} & schemas
    tables = pg_value(cluster, "select table_name from information_schema.tables where table_schema = 'marts'")
    assert {"fct_events", "events_by_province", "dim_articles"} <= {r[0] for r in tables}


def test_the_shelling_of_sousa_is_in_the_postgres_facts(runs, cluster):
    # 000_*.txt: the PMF (Hashd al-Shaabi) shelled Sousa, across the Iraqi border into Syria, at the Islamic State
    rows = pg_value(
        cluster,
        """select actor1, actor2, sub_event_type, country, cross_border, origin_country
                                from marts.fct_events where location = 'Sousa'""",
    )
    assert rows == [
        ("Popular Mobilization Forces", "Islamic State", "Shelling/artillery/missile attack", "Syria", True, "IQ")
    ]


def test_postgres_marts_answer_the_questions_analysts_ask(runs, cluster):
    # Baaj (twice), Qairawan, the Al-Khatheer desert (002_, 003_, 004_) and Sinjar (the sixth article) are in Nineveh
    [(nineveh,)] = pg_value(cluster, "select sum(events) from marts.events_by_province where admin1 = 'Nineveh'")
    [(crossings,)] = pg_value(
        cluster,
        """select count(*) from marts.border_crossing_incidents
                                          where origin_country = 'IQ' and target_country = 'SY'""",
    )
    assert nineveh >= 3
    assert crossings >= 2  # Sousa and Albu Kamal at least
    [(articles,)] = pg_value(cluster, "select count(*) from marts.dim_articles")
    assert articles == len(list(SAMPLES.iterdir())) + 1


def test_the_sources_in_postgres_equal_the_duckdb_file(runs, cluster):
    with duckdb.connect(str(runs["warehouse"]), read_only=True) as con:
        duck = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in SOURCE_TABLES}
    assert {t: pg_value(cluster, f"select count(*) from {t}")[0][0] for t in SOURCE_TABLES} == duck
    assert duck["raw.articles"] == runs["counts_after_first"]["raw.articles"] + 1


def test_target_sources_copied_everything_first_then_only_the_new_article(runs):
    first = materialized(runs["first"])["target/sources"]
    assert first["copied"].value is True and first["target"].value == "postgres"
    assert first["rows_written"].value == sum(runs["counts_after_first"].values())
    second = materialized(runs["second"])["target/sources"]
    with duckdb.connect(str(runs["warehouse"]), read_only=True) as con:
        [(new_hash,)] = con.execute("select content_hash from raw.article_files where path = '005_new.txt'").fetchall()
        new_rows = sum(
            con.execute(f"select count(*) from {t} where content_hash = ?", [new_hash]).fetchone()[0]
            for t in SOURCE_TABLES
            if t != "raw.rejected_files"
        )
        rejected = con.execute("select count(*) from raw.rejected_files").fetchone()[0]
    # the new article's rows, plus raw.rejected_files (no content_hash: always copied whole)
    assert second["rows_written"].value == new_rows + rejected
    assert second["rows_deleted"].value == rejected


def test_row_counts_and_previews_come_from_postgres(runs, cluster):
    metadata = materialized(runs["second"])
    [(facts,)] = pg_value(cluster, "select count(*) from marts.fct_events")
    assert metadata["marts/fct_events"]["dagster/row_count"].value == facts > 0
    assert "Sousa" in metadata["marts/fct_events"]["preview"].value or facts > 5
    [(staged,)] = pg_value(cluster, "select count(*) from staging.stg_raw__articles")
    assert (
        metadata["staging/stg_raw__articles"]["dagster/row_count"].value == staged == len(list(SAMPLES.iterdir())) + 1
    )


def test_nothing_is_published_from_the_stale_local_marts(runs):
    for run in ("first", "second"):
        result = runs[run]
        assert not {"published/warehouse", "published/report"} & set(materialized(result)), run
        [observation] = result.asset_observations_for_node("published__warehouse")
        assert observation.metadata["skipped"].value is True
        assert "postgres" in observation.metadata["reason"].value
    assert not any(p.name.startswith("conflict_published") for p in runs["warehouse"].parent.iterdir())
    assert not (runs["warehouse"].parent / "report").exists()


def _normalize(value):
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, float):
        return round(value, 9)
    return value


def _rows(con, sql: str) -> list[tuple]:
    cursor = con if isinstance(con, duckdb.DuckDBPyConnection) else con.cursor()
    cursor.execute(sql)
    return sorted((tuple(_normalize(v) for v in row) for row in cursor.fetchall()), key=repr)


def test_the_incremental_copy_follows_re_extraction_and_forgotten_articles(runs, cluster, tmp_path):
    """Edit a copy of the DuckDB file as re-extraction (rows of an article replaced) and
    ``--rebuild`` (an article forgotten) do, and add a rejected file with awkward text; after
    each copy every source table in Postgres equals DuckDB's, row for row."""
    from extract.storage.postgres import load_sources

    source = tmp_path / "copy.duckdb"
    shutil.copy(runs["warehouse"], source)
    cluster.create_database("copy_check")
    settings = cluster.settings("copy_check")
    first = load_sources(source, settings)
    assert {t.mode for t in first.tables.values()} == {"full"}
    assert load_sources(source, settings).written == first.rows["raw.rejected_files"]  # copied whole every time

    with duckdb.connect(str(source)) as con:
        hashes = [
            h for (h,) in con.execute("select content_hash from extracted.events group by 1 order by 1").fetchall()
        ]
        changed, forgotten = hashes[0], hashes[1]
        con.execute(
            "update extracted.events set confidence = confidence / 2, evidence = evidence || ' (re-read)' where content_hash = ?",
            [changed],
        )
        con.execute(
            "update extracted.article_status set extracted_at = extracted_at + interval 1 hour where content_hash = ?",
            [changed],
        )
        for table in SOURCE_TABLES:
            if table != "raw.rejected_files":
                con.execute(f"delete from {table} where content_hash = ?", [forgotten])
        con.execute(
            "insert into raw.rejected_files values (?, ?, ?, ?, now())",
            ["odd\\name.txt", 3, "tab\there, newline\nthere\r", "nul\x00byte \\N \\\\ 'quoted' é"],
        )
    second = load_sources(source, settings)
    events = second.tables["extracted.events"]
    assert events.mode == "incremental" and events.articles_changed == 2
    assert second.tables["raw.articles"].mode == "incremental" and second.tables["raw.articles"].written == 0

    pg = cluster.connect("copy_check")
    try:
        with duckdb.connect(str(source), read_only=True) as con:
            for table in SOURCE_TABLES:
                duck_rows = _rows(con, f"select * from {table}")
                if table == "raw.rejected_files":  # Postgres text cannot hold NUL: the copy drops it
                    duck_rows = sorted(
                        (tuple(v.replace("\x00", "") if isinstance(v, str) else v for v in r) for r in duck_rows),
                        key=repr,
                    )
                assert _rows(pg, f"select * from {table}") == duck_rows, table
    finally:
        pg.close()


def test_copy_errors_say_what_to_set(cluster, tmp_path):
    from extract.storage.postgres import PostgresSettings, TargetSourcesError, load_sources

    source = tmp_path / "tiny.duckdb"
    with duckdb.connect(str(source)) as con:
        con.execute("create schema raw; create table raw.articles (content_hash varchar, text varchar)")
    closed = PostgresSettings(host="127.0.0.1", port=free_port(), user="conflict")  # nothing listens there
    with pytest.raises(
        TargetSourcesError,
        match=r"cannot reach PostgreSQL at 127\.0\.0\.1:\d+ .*set CONFLICT_PG_HOST and CONFLICT_PG_PORT",
    ):
        load_sources(source, closed)
    missing = cluster.settings("no_such_database")
    with pytest.raises(TargetSourcesError, match=r"database 'no_such_database' does not exist .*CONFLICT_PG_DATABASE"):
        load_sources(source, missing)
    with pytest.raises(TargetSourcesError, match="CONFLICT_PG_PORT='x' is not a port number"):
        PostgresSettings.from_env({"CONFLICT_PG_PORT": "x"})
    assert PostgresSettings.from_env({}) == PostgresSettings()  # the profile's defaults


def test_target_sources_is_a_no_op_on_the_local_file(tmp_path):
    from dagster_dbt import DbtCliResource
    from dagster_duckdb import DuckDBResource

    from orchestration.assets.dbt import target_sources
    from orchestration.dbt_project import dbt_project
    from orchestration.resources import dbt_executable

    result = target_sources(
        context=dg.build_asset_context(),
        duckdb=DuckDBResource(database=str(tmp_path / "untouched.duckdb")),
        dbt=DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable(), target="dev"),
    )
    assert result.metadata["copied"] is False and "nothing to copy" in result.metadata["reason"]
    assert not (tmp_path / "untouched.duckdb").exists()
