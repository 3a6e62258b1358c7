"""Reports placed only in a country merge with nothing; reports of the same act in the same
province do (int_report_matches, int_clustered_reports)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import duckdb

from extract.storage.stages import clean_stage, extract_stage, load_stage
from orchestration.resources import dbt_executable

ROOT = Path(__file__).resolve().parents[2]

# Two outlets tell each act; the first pair says only "in Iraq", the second "in Anbar province".
RECORDS = [
    {
        "id": "a-country",
        "published_at": "2024-03-12",
        "source": "Outlet A",
        "text": "Islamic State militants attacked Iraqi army positions in Iraq on Monday, killing three soldiers, the army said.",
    },
    {
        "id": "b-country",
        "published_at": "2024-03-12",
        "source": "Outlet B",
        "text": "Islamic State fighters attacked Iraqi army posts in Iraq on Monday, killing three troops, officials said.",
    },
    {
        "id": "a-province",
        "published_at": "2024-03-12",
        "source": "Outlet A",
        "text": "Islamic State militants attacked Iraqi army positions in Anbar province on Monday, killing two soldiers, the army said.",
    },
    {
        "id": "b-province",
        "published_at": "2024-03-12",
        "source": "Outlet B",
        "text": "Islamic State fighters attacked Iraqi army posts in Anbar province on Monday, killing two troops, officials said.",
    },
]


def test_country_level_reports_stay_apart_while_province_level_ones_merge(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "reports.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    warehouse = tmp_path / "conflict.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        load_stage(con, inbox, log=lambda m: None, workers=1)
        clean_stage(con, workers=1)
        extract_stage(con, log=lambda m: None, workers=1)
    subprocess.run(
        [
            dbt_executable(),
            "build",
            "--quiet",
            "--select",
            "+int_clustered_reports",
            "--exclude-resource-type",
            "test",
            "--project-dir",
            str(ROOT / "dbt_project"),
            "--profiles-dir",
            str(ROOT / "dbt_project"),
            "--target-path",
            str(tmp_path / "target"),
            "--log-path",
            str(tmp_path / "logs"),
        ],
        env={**os.environ, "CONFLICT_WAREHOUSE": str(warehouse), "CONFLICT_DBT_TARGET": "dev"},
        check=True,
    )
    with duckdb.connect(str(warehouse), read_only=True) as con:
        events = dict(
            con.execute(
                """select reports.doc_id, clusters.event_id
            from intermediate.int_clustered_reports clusters
            inner join intermediate.int_coded_reports reports using (report_id)"""
            ).fetchall()
        )
    assert set(events) == {"a-country", "b-country", "a-province", "b-province"}
    assert events["a-province"] == events["b-province"]
    assert events["a-country"] != events["b-country"]
