"""A warehouse path with a quote in it works (issue #14, item 7).

Extraction writes Parquet parts beside the warehouse and loads them with bound parameters; the
paths used to be escaped for a SQL literal as well, so a quote was doubled and every run failed
in extraction."""

import duckdb

from tests.support.warehouses import build_warehouse


def test_a_warehouse_in_a_folder_with_a_quote_loads_cleans_and_extracts(tmp_path):
    warehouse = tmp_path / "analyst's data" / "it's.duckdb"
    counts = build_warehouse(warehouse)
    assert counts["new_articles"] == 5 and counts["articles_extracted"] == 5
    with duckdb.connect(str(warehouse), read_only=True) as con:
        events = con.execute("select count(*) from extracted.events").fetchone()[0]
        extracted = con.execute("select count(*) from extracted.article_status").fetchone()[0]
    assert extracted == 5 and events == counts["events_this_run"] > 0
    assert not list((warehouse.parent / "parts").glob("run-*")), "the run's part folder is removed"
