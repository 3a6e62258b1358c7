"""A full disk says "disk full" (issue #14, item 9).

DuckDB ends the transaction itself when a commit cannot be written, so the rollback that
followed failed with "no transaction is active" and hid the reason. Two real ways to run out of
room, no mock: a file-size limit (``RLIMIT_FSIZE``, ``ulimit -f``: writes fail with EFBIG, "File
too large"), which any user may set, and a tiny tmpfs (ENOSPC, "No space left on device"), which
needs the right to mount."""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

# a fresh warehouse may grow to 512 kB; the articles need more than that
FILE_LIMIT = 512 * 1024
ARTICLES = 40


# ``conflict-events ingest`` with a file-size limit set once the program has started: the
# language model unpacks itself into a temporary file larger than the limit would allow
LIMITED = """
import resource, signal, sys
from extract.loading.files import foreign_language
from extract.tools.cli import main
foreign_language("Iraqi forces shelled positions near Mosul on Monday.")
limit = int(sys.argv[1])
if limit:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.exit(main(sys.argv[2:]))
"""


def ingest(folder: Path, warehouse: Path, file_limit: int = 0) -> subprocess.CompletedProcess[str]:
    """``conflict-events ingest`` in its own process, with a file-size limit unless 0."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            LIMITED,
            str(file_limit),
            "ingest",
            "--input",
            str(folder),
            "--warehouse",
            str(warehouse),
        ],
        env={**os.environ, "CONFLICT_WORKERS": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def many_articles(folder: Path, count: int) -> Path:
    """``count`` distinct articles of a few kilobytes each, which DuckDB cannot compress much,
    so that loading them outgrows a few hundred kilobytes."""
    folder.mkdir(parents=True)
    for number in range(count):
        sentences = [
            f"Iraqi forces shelled positions near Mosul on Monday, officer {uuid.uuid4().hex} said in report {n}."
            for n in range(30)
        ]
        (folder / f"a{number:04d}.txt").write_text(" ".join(sentences), encoding="utf-8")
    return folder


def assert_says_disk_full(done: subprocess.CompletedProcess[str], warehouse: Path) -> None:
    assert done.returncode != 0, done.stdout
    errors = done.stderr.strip().splitlines()
    assert errors, "a reason on stderr"
    last = errors[-1]
    assert last.startswith("conflict-events: error: disk full"), done.stderr[-2000:]
    assert str(warehouse) in last and "free space" in last
    assert "no transaction is active" not in done.stderr and "Traceback" not in done.stderr


def test_a_file_size_limit_is_reported_as_a_full_disk(tmp_path):
    warehouse = tmp_path / "conflict.duckdb"
    done = ingest(many_articles(tmp_path / "articles", ARTICLES), warehouse, file_limit=FILE_LIMIT)
    assert_says_disk_full(done, warehouse)
    assert "File too large" in done.stderr


def _can_mount(point: Path) -> bool:
    if shutil.which("mount") is None or os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(point)], capture_output=True, text=True
    )
    return done.returncode == 0


def test_a_full_disk_is_reported_as_a_full_disk(tmp_path):
    point = tmp_path / "tiny"
    point.mkdir()
    if not _can_mount(point):
        pytest.skip("cannot mount a tmpfs here (needs root); the file-size test covers the same path")
    try:
        warehouse = point / "conflict.duckdb"
        done = ingest(many_articles(tmp_path / "articles", ARTICLES), warehouse)
        assert_says_disk_full(done, warehouse)
        assert "No space left on device" in done.stderr
    finally:
        subprocess.run(["umount", str(point)], check=False)
