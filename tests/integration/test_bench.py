"""``make bench`` on a small corpus: the table and the JSON hold what the runs did (the numbers
themselves are the benchmark's business, not a test's)."""

from __future__ import annotations

import json
from pathlib import Path

from extract.tools.bench import COLUMNS, NEW_ARTICLES, main


def test_bench_reports_every_stage_and_the_incremental_batch(tmp_path: Path, capsys) -> None:
    assert main(["--articles", "120", "--out", str(tmp_path), "--workers", "1"]) == 0
    printed = capsys.readouterr().out
    table = (tmp_path / "pipeline.md").read_text(encoding="utf-8")
    assert printed.strip() == table.strip()
    assert "| " + " | ".join(COLUMNS) + " |" in table
    assert table.count("- met:") + table.count("- MISSED:") == 4

    (row,) = json.loads((tmp_path / "pipeline.json").read_text(encoding="utf-8"))["rows"]
    assert row["articles"] == 120 and row["files"] >= 100
    assert row["events"] > 60 and 0 < row["marts_events"] <= row["events"]
    # the generator composed these; most must be found again
    assert 0.8 <= row["recall_vs_generator"] <= 1.0
    # the new batch: 100 articles written, all of them new text extracted (a few may be copies)
    assert row["new_corpus_articles"] == NEW_ARTICLES
    assert 90 <= row["new_articles_extracted"] <= NEW_ARTICLES
    assert row["files_to_marts_s"] >= row["dbt_build_s"] > 0
    assert row["peak_mb"] > 50
    assert row["ratio_extract_over_split"] > 1
    # the work folder is removed unless --keep
    assert not (tmp_path / "work").exists()
