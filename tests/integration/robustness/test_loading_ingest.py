"""Issue #14's "done when": ``conflict-events ingest`` on a folder holding every hostile case at
once beside the five sample articles exits 0, loads the five, and loads or lists every case."""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb

from tests.support.hostile_inputs import CASES, SAMPLE_NAMES, with_samples


def test_ingest_of_every_hostile_case_at_once_exits_0_and_keeps_the_samples(tmp_path):
    folder = tmp_path / "input"
    expect = with_samples(folder, *CASES.values())
    db = tmp_path / "w.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "extract.tools.cli", "ingest", "--input", str(folder), "--warehouse", str(db)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "CONFLICT_WORKERS": "1"},
    )
    assert done.returncode == 0, done.stderr[-1500:]
    assert "Traceback" not in done.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        loaded = {
            p if line is None else f"{p}:{line}"
            for p, line in con.execute("select path, line from raw.article_files").fetchall()
        }
        rejected = {
            (p if line is None else f"{p}:{line}"): reason
            for p, line, reason in con.execute("select path, line, reason from raw.rejected_files").fetchall()
        }
        samples_extracted = con.execute(
            "select count(*) from extracted.article_status s join raw.article_files f using (content_hash) "
            "where f.path like '00%_%.txt'"
        ).fetchone()[0]
        latest = con.execute("select max(published_at) from raw.articles").fetchone()[0]
    assert loaded >= SAMPLE_NAMES and samples_extracted == 5
    assert expect.loaded <= loaded, expect.loaded - loaded
    missing = {k for k in expect.rejected if k not in rejected}
    assert not missing, missing
    assert latest is None or latest.year < 9999
    # the command line says where each skipped input is and why, one line each
    for key in expect.rejected:
        assert f"skipped {key}:" in done.stderr, key
