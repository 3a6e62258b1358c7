"""The sensor on an input folder with odd entries in it, and while a run holds the warehouse."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import dagster as dg
import pytest

from orchestration.batches import batch_files
from orchestration.sensor import new_article_files


@pytest.fixture()
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    monkeypatch.setenv("CONFLICT_INPUT_DIR", str(folder))
    monkeypatch.setenv("CONFLICT_BATCH_DIR", str(tmp_path / "batches"))
    monkeypatch.setenv("CONFLICT_WAREHOUSE", str(tmp_path / "conflict.duckdb"))
    return folder


def _tick(cursor: str | None, timeout: float = 60):
    """One sensor evaluation, failed (not hung) when it blocks, as opening a FIFO would."""
    outcome: dict[str, object] = {}

    def evaluate() -> None:
        outcome["result"] = new_article_files(dg.build_sensor_context(cursor=cursor, instance=instance))

    instance = dg.DagsterInstance.ephemeral()
    worker = threading.Thread(target=evaluate, daemon=True)
    worker.start()
    worker.join(timeout)
    assert "result" in outcome, f"the sensor did not return within {timeout:.0f} s"
    return outcome["result"]


def test_dangling_links_loops_and_fifos_do_not_stop_new_files(inbox: Path) -> None:
    (inbox / "one.txt").write_text("Clashes near Mosul on Monday.", encoding="utf-8")
    (inbox / "dangling.txt").symlink_to(inbox / "gone.txt")
    (inbox / "loop_a.txt").symlink_to(inbox / "loop_b.txt")
    (inbox / "loop_b.txt").symlink_to(inbox / "loop_a.txt")
    (inbox / "sub").mkdir()
    (inbox / "sub" / "up").symlink_to(inbox, target_is_directory=True)  # a folder loop
    os.mkfifo(inbox / "pipe.txt")
    first = _tick(None)
    [request] = first.run_requests
    assert batch_files(request.partition_key) == ["one.txt"]
    (inbox / "two.txt").write_text("Shelling near Hit on Tuesday.", encoding="utf-8")
    second = _tick(first.cursor)
    [again] = second.run_requests
    assert batch_files(again.partition_key) == ["two.txt"]
    assert not _tick(second.cursor).run_requests


def test_a_warehouse_held_by_a_run_makes_the_sensor_wait_not_fail(inbox: Path) -> None:
    (inbox / "one.txt").write_text("Clashes near Mosul on Monday.", encoding="utf-8")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(60)",
            os.environ["CONFLICT_WAREHOUSE"],
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        busy = _tick(None)
        assert isinstance(busy, dg.SkipReason) and "looking again" in busy.skip_message
    finally:
        holder.kill()
        holder.wait()
    [request] = _tick(None).run_requests
    assert batch_files(request.partition_key) == ["one.txt"]
