"""Cross-article deduplication, the analyst marts, incremental models and the dbt docs, on the
articles of tests/support/analyst_warehouse.py (read its docstring for what each article says)."""

import datetime as dt
import json
import os
import subprocess

import pytest

from orchestration.dbt_project import DBT_PROJECT_DIR
from orchestration.resources import dbt_executable
from tests.support import analyst_warehouse
from tests.support.groups import DAGSTER_PROCESSES

pytestmark = DAGSTER_PROCESSES  # the analyst warehouse is built once per worker (tests/support/groups.py)

SUNDAY, MONDAY, WEDNESDAY = dt.date(2024, 3, 10), dt.date(2024, 3, 11), dt.date(2024, 3, 13)
MARTS = {
    "fct_events",
    "fct_event_reports",
    "events_by_province",
    "actor_activity",
    "actor_dyads",
    "border_crossing_incidents",
    "daily_event_counts",
    "acled_compatible_events",
    "dim_actors",
    "dim_locations",
    "dim_articles",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return analyst_warehouse.build(tmp_path_factory)


@pytest.fixture(scope="module")
def con(built):
    connection = analyst_warehouse.open_live(built["live"])
    yield connection
    connection.close()


def rows(con, sql, *params):
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=False)) for r in cursor.fetchall()]


def test_both_runs_succeeded(built):
    assert built["first_success"] and built["second_success"]


def test_two_articles_reporting_the_same_shelling_are_one_event(con):
    [sousa] = rows(con, "select * from marts.fct_events where location = 'Sousa' and event_date = ?", SUNDAY)
    assert sousa["n_reports"] == 2 and sousa["n_articles"] == 2 and sousa["n_sources"] == 2
    assert sousa["article_ids"] == ["ap-sousa", "reuters-sousa"]
    assert sousa["sources"] == ["AP", "Reuters"]
    # Reuters says five were killed, AP seven: the conservative figure, and the range
    assert (sousa["fatalities"], sousa["fatalities_low"], sousa["fatalities_high"]) == (5, 5, 7)
    assert (sousa["actor1"], sousa["actor2"], sousa["sub_event_type"]) == (
        "Popular Mobilization Forces",
        "Islamic State",
        "Shelling/artillery/missile attack",
    )
    assert sousa["cross_border"] and (sousa["origin_country"], sousa["target_country"]) == ("IQ", "SY")
    # reuters-sousa was loaded first, so it is the primary report and names the event
    assert sousa["doc_id"] == "reuters-sousa" and sousa["source"] == "Reuters"


def test_the_event_keeps_its_id_when_a_later_article_joins_it(built, con):
    [event_id] = con.execute(
        "select event_id from marts.fct_events where location = 'Sousa' and event_date = ?", [SUNDAY]
    ).fetchone()
    assert event_id == built["after_first"]["sousa_event_id"]
    assert built["after_first"]["events"] == 3  # batch 1: the Sousa shelling, the Sinjar strike, the Mosul clash


def test_a_vague_report_joins_the_event_at_a_place_of_its_province(con):
    [strike] = rows(con, "select * from marts.fct_events where sub_event_type = 'Air/drone strike'")
    # ap-nineveh says only "in Nineveh province": the most specific place wins
    assert (strike["location"], strike["admin1"], strike["geo_precision"]) == ("Sinjar", "Nineveh", 2)
    assert strike["article_ids"] == ["ap-nineveh", "reuters-sinjar"] and strike["n_reports"] == 2
    assert strike["event_date"] == MONDAY and strike["fatalities"] == 4
    rules = dict(
        con.execute(
            "select doc_id, merge_rule from marts.fct_event_reports where event_id = ?", [strike["event_id"]]
        ).fetchall()
    )
    assert rules == {"reuters-sinjar": "specific_place", "ap-nineveh": "province"}


def test_other_places_and_other_days_stay_separate_events(con):
    clashes = con.execute(
        "select location, n_reports from marts.fct_events where sub_event_type = 'Armed clash' order by location"
    ).fetchall()
    assert clashes == [("Mosul", 1), ("Qairawan", 1)]  # same province, same day, but two named places
    sousa = con.execute(
        "select event_date, n_reports from marts.fct_events where location = 'Sousa' order by event_date"
    ).fetchall()
    assert sousa == [(SUNDAY, 2), (WEDNESDAY, 1)]  # three days apart
    assert con.execute("select count(*) from marts.fct_events").fetchone()[0] == 5


def test_every_report_is_kept_with_the_event_it_joined(con):
    reports = con.execute(
        "select doc_id, is_primary, merge_rule from marts.fct_event_reports order by doc_id"
    ).fetchall()
    # eight records, but reuters-sousa-copy is the same text as reuters-sousa: seven reports
    assert [r[0] for r in reports] == [
        "afp-mosul",
        "afp-qairawan",
        "afp-sousa-later",
        "ap-nineveh",
        "ap-sousa",
        "reuters-sinjar",
        "reuters-sousa",
    ]
    assert sum(1 for r in reports if r[1]) == 5
    assert {r[0]: r[2] for r in reports}["afp-mosul"] == "single"


def test_incremental_runs_give_what_a_full_refresh_gives(built):
    tables = [
        "intermediate.int_prepared_articles",
        "intermediate.int_prepared_reports",
        "intermediate.int_clustered_reports",
    ]
    tables += [f"marts.{m}" for m in sorted(MARTS)]
    with analyst_warehouse.open_live(built["live"]) as con:
        con.execute(f"attach '{built['full_refresh']}' as full_refresh (read_only)")
        for table in tables:
            incremental = con.execute(f"select count(*) from {table}").fetchone()[0]
            assert incremental == con.execute(f"select count(*) from full_refresh.{table}").fetchone()[0], table
            for a, b in ((table, f"full_refresh.{table}"), (f"full_refresh.{table}", table)):
                missing = con.execute(
                    f"select count(*) from (select * from {a} except all select * from {b})"
                ).fetchone()[0]
                assert missing == 0, f"{a} has {missing} rows that {b} lacks"


def test_article_level_models_are_incremental(built):
    manifest = json.loads(built["manifest"].read_text())
    materialized = {
        n["name"]: n["config"]["materialized"] for n in manifest["nodes"].values() if n["resource_type"] == "model"
    }
    assert materialized["int_prepared_articles"] == "incremental"
    assert materialized["int_prepared_reports"] == "incremental"


def test_an_article_found_under_a_second_name_is_counted_once(con):
    [article] = rows(con, "select * from marts.dim_articles where doc_id = 'reuters-sousa'")
    assert article["n_files"] == 2 and article["source"] == "Reuters" and article["published_at"] == MONDAY
    assert (article["n_reports"], article["n_events"], article["n_events_shared"], article["n_events_primary"]) == (
        1,
        1,
        1,
        1,
    )
    assert con.execute("select count(*) from marts.dim_articles").fetchone()[0] == 7


def test_events_by_province(con):
    got = con.execute(
        """select country_code, admin1, event_month, event_type, events, reports, fatalities, cross_border_events, distinct_actors
        from marts.events_by_province order by all"""
    ).fetchall()
    march = dt.date(2024, 3, 1)
    assert got == [
        ("IQ", "Nineveh", march, "Battles", 2, 2, 0, 0, 2),  # Mosul and Qairawan: security forces and IS
        ("IQ", "Nineveh", march, "Explosions/Remote violence", 1, 2, 4, 1, 2),  # the Sinjar strike
        ("SY", "Deir ez-Zor", march, "Explosions/Remote violence", 2, 3, 5, 2, 2),  # Sousa twice
    ]


def test_actor_activity_and_dyads(con):
    [pmf] = rows(con, "select * from marts.actor_activity where actor = 'Popular Mobilization Forces'")
    assert (pmf["events"], pmf["events_as_actor1"], pmf["events_as_actor2"]) == (2, 2, 0)
    assert pmf["provinces"] == ["Deir ez-Zor"] and pmf["provinces_active"] == 1 and pmf["fatalities"] == 5
    assert (pmf["first_seen"], pmf["last_seen"]) == (SUNDAY, WEDNESDAY)
    assert pmf["top_opponent"] == "Islamic State" and pmf["top_opponents"] == ["Islamic State"]
    [isis] = rows(con, "select * from marts.actor_activity where actor = 'Islamic State'")
    assert (isis["events"], isis["events_as_actor2"], isis["provinces_active"]) == (4, 4, 2)
    assert isis["top_opponents"] == ["Iraqi Security Forces", "Popular Mobilization Forces"]  # 2 each: alphabetical
    dyads = con.execute(
        """select actor_a, actor_b, events, events_initiated_by_a, events_initiated_by_b, battles,
        explosions_remote_violence, first_seen, last_seen from marts.actor_dyads order by all"""
    ).fetchall()
    assert dyads == [
        ("Iraqi Security Forces", "Islamic State", 2, 2, 0, 2, 0, SUNDAY, SUNDAY),
        ("Islamic State", "Popular Mobilization Forces", 2, 0, 2, 0, 2, SUNDAY, WEDNESDAY),
        ("Kurdistan Workers' Party", "Turkish Armed Forces", 1, 0, 1, 0, 1, MONDAY, MONDAY),
    ]


def test_border_crossing_incidents(con):
    got = con.execute(
        """select origin_country, target_country, location, mode, actor1, actor2, fatalities, n_reports, n_sources, sources
        from marts.border_crossing_incidents order by event_date, location"""
    ).fetchall()
    assert got == [
        ("IQ", "SY", "Sousa", "shelling", "Popular Mobilization Forces", "Islamic State", 5, 2, 2, ["AP", "Reuters"]),
        (
            "TR",
            "IQ",
            "Sinjar",
            "air_strike",
            "Turkish Armed Forces",
            "Kurdistan Workers' Party",
            4,
            2,
            2,
            ["AP", "Reuters"],
        ),
        ("IQ", "SY", "Sousa", "shelling", "Popular Mobilization Forces", "Islamic State", None, 1, 1, ["AFP"]),
    ]
    names = con.execute(
        "select distinct origin_country_name from marts.border_crossing_incidents order by 1"
    ).fetchall()
    assert names == [("Iraq",), ("Türkiye",)]


def test_daily_event_counts_is_a_dense_zero_filled_calendar(con):
    days = con.execute(
        "select min(event_day), max(event_day), count(distinct event_day) from marts.daily_event_counts"
    ).fetchone()
    assert days == (SUNDAY, WEDNESDAY, 4)  # Tuesday has no event and is still there
    # 4 days x 2 countries (IQ, SY) x the 6 ACLED event types
    assert con.execute("select count(*), sum(events) from marts.daily_event_counts").fetchone() == (48, 5)
    nonzero = con.execute(
        "select event_day, country_code, event_type, events from marts.daily_event_counts where events > 0 order by all"
    ).fetchall()
    assert nonzero == [
        (SUNDAY, "IQ", "Battles", 2),
        (SUNDAY, "SY", "Explosions/Remote violence", 1),
        (MONDAY, "IQ", "Explosions/Remote violence", 1),
        (WEDNESDAY, "SY", "Explosions/Remote violence", 1),
    ]


def test_acled_compatible_events_have_acled_columns_and_codes(con):
    columns = [c[0] for c in con.execute("select * from marts.acled_compatible_events limit 0").description]
    assert columns == [
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "inter1",
        "actor2",
        "assoc_actor_2",
        "inter2",
        "interaction",
        "country",
        "admin1",
        "admin2",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "notes",
        "fatalities",
    ]
    [sousa] = rows(
        con, "select * from marts.acled_compatible_events where location = 'Sousa' and event_date = ?", SUNDAY
    )
    assert sousa["event_id_cnty"].startswith("SYR") and sousa["event_id_cnty"][3:].isdigit()
    assert (sousa["year"], sousa["time_precision"], sousa["country"], sousa["admin1"]) == (
        2024,
        1,
        "Syria",
        "Deir ez-Zor",
    )
    assert (sousa["inter1"], sousa["inter2"], sousa["interaction"]) == (1, 2, 12)  # state forces vs rebel group
    assert sousa["source"] == "AP; Reuters" and sousa["fatalities"] == 5
    [strike] = rows(con, "select * from marts.acled_compatible_events where location = 'Sinjar'")
    assert strike["event_id_cnty"].startswith("IRQ") and (
        strike["inter1"],
        strike["inter2"],
        strike["interaction"],
    ) == (8, 2, 28)
    later = rows(con, "select * from marts.acled_compatible_events where event_date = ?", WEDNESDAY)[0]
    assert later["fatalities"] == 0  # unknown is 0 in ACLED
    # it stacks on an ACLED download: the same column names line up by name
    acled = "select 'IRQ1' as event_id_cnty, date '2024-03-01' as event_date, 'Battles' as event_type, 3 as fatalities"
    stacked = con.execute(
        f"select count(*) from ({acled} union all by name select * from marts.acled_compatible_events)"
    ).fetchone()
    assert stacked == (6,)


def test_dimensions(con):
    turkey = rows(con, "select * from marts.dim_actors where actor = 'Turkish Armed Forces'")[0]
    assert (turkey["n_events"], turkey["n_events_as_actor1"], turkey["in_reference"]) == (1, 1, True)
    places = con.execute("select location, n_events from marts.dim_locations order by location").fetchall()
    assert places == [("Mosul", 1), ("Qairawan", 1), ("Sinjar", 1), ("Sousa", 2)]


def test_counts_are_bigint_in_every_mart(con):
    codes = {"geo_precision", "time_precision", "year", "inter1", "inter2", "interaction", "char_start", "char_end"}
    found = con.execute(
        """select table_name, column_name, data_type from duckdb_columns()
        where schema_name = 'marts' and data_type in ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UBIGINT', 'UINTEGER')"""
    ).fetchall()
    assert {t for t, _, _ in found} >= {"fct_events", "events_by_province", "daily_event_counts"}
    wrong = [(t, c, d) for t, c, d in found if c not in codes and d != "BIGINT"]
    assert wrong == []


def test_every_source_seed_model_and_column_is_described(built, con):
    manifest = json.loads(built["manifest"].read_text())
    nodes = [n for n in manifest["nodes"].values() if n["resource_type"] in ("model", "seed")]
    # an ephemeral model is a CTE inside the models that read it: described, but no relation
    ephemeral = [n for n in nodes if n["config"].get("materialized") == "ephemeral"]
    assert all(n["description"].strip() for n in ephemeral)
    nodes = [n for n in nodes if n not in ephemeral]
    nodes += list(manifest["sources"].values())
    assert {n["name"] for n in nodes} >= MARTS | {"sub_event_families", "countries", "article_status"}
    problems = []
    for node in nodes:
        schema, name = node["schema"], node.get("identifier") or node.get("alias") or node["name"]
        if not node["description"].strip():
            problems.append(f"{schema}.{name}: no description")
        described = {c for c, meta in node["columns"].items() if meta.get("description", "").strip()}
        actual = [
            r[0]
            for r in con.execute(
                "select column_name from duckdb_columns() where schema_name = ? and table_name = ?", [schema, name]
            ).fetchall()
        ]
        assert actual, f"{schema}.{name} is not in the warehouse"
        problems += [f"{schema}.{name}.{c}: not described" for c in actual if c not in described]
    assert problems == []


def test_dbt_docs_generate(built, tmp_path):
    done = subprocess.run(
        [
            dbt_executable(),
            "docs",
            "generate",
            "--static",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(tmp_path / "target"),
            "--log-path",
            str(tmp_path / "logs"),
        ],
        env={**os.environ, "CONFLICT_WAREHOUSE": str(built["full_refresh"])},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    catalog = json.loads((tmp_path / "target" / "catalog.json").read_text())
    assert "model.conflict_events.fct_events" in catalog["nodes"]
    assert "seed.conflict_events.sub_event_families" in catalog["nodes"]
    assert (tmp_path / "target" / "static_index.html").stat().st_size > 100_000
