"""Publishing leaves no temporary files after a kill (issue #14, item 9).

The publisher is held at a real point of its work: another process holds the live warehouse for
writing, so it waits to attach it with its temporary copy already created; then it is killed."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from extract.publishing.publish import publish, published_path
from tests.support.signals import default_signals

HOLD = "import duckdb, sys, time\ncon = duckdb.connect(sys.argv[1])\nprint('ready', flush=True)\ntime.sleep(120)"


def temporaries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.name.endswith((".tmp", ".tmp.wal")))


@pytest.fixture
def live(tmp_path):
    path = tmp_path / "conflict.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute("create table marts.fct_events as select range as event_id from range(1000)")
    return path


def publisher_waiting_on(live: Path) -> tuple[subprocess.Popen, subprocess.Popen]:
    """A holder of the live file, and ``make publish`` waiting for it with its temporary made."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(live)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    publisher = subprocess.Popen(
        [sys.executable, "-m", "extract.publishing.publish"],
        env={**os.environ, "CONFLICT_WAREHOUSE": str(live)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=default_signals,  # it is stopped with SIGTERM below
    )
    deadline = time.monotonic() + 60
    while not temporaries(live.parent) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert temporaries(live.parent), "the publisher made its temporary copy"
    return holder, publisher


def stop(process: subprocess.Popen) -> None:
    process.kill()
    process.wait()


def test_the_next_publish_removes_what_a_killed_one_left(live):
    holder, publisher = publisher_waiting_on(live)
    try:
        publisher.send_signal(signal.SIGKILL)
        publisher.wait(timeout=30)
        left = temporaries(live.parent)
        assert left and all(f".{publisher.pid}.tmp" in p.name for p in left), left
    finally:
        stop(holder)
    publication = publish(live)
    assert publication.rows == {"marts.fct_events": 1000}
    assert published_path(live).exists()
    assert temporaries(live.parent) == [], "the dead publisher's temporary is gone"


def test_a_terminated_publish_removes_its_own_temporaries(live):
    holder, publisher = publisher_waiting_on(live)
    try:
        publisher.send_signal(signal.SIGTERM)
        assert publisher.wait(timeout=30) != 0
        assert temporaries(live.parent) == []
    finally:
        stop(holder)
