"""Issue #14, items 1-6: each hostile input beside the five sample articles, loaded by the load
stage into a real DuckDB file: the samples load, the case loads or is listed with its reason,
and every entry of the folder is loaded or rejected, never neither."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest

from extract.loading.batches import scan
from extract.loading.files import load_directory
from extract.loading.reading import display_name, input_files
from extract.storage.stages import load_stage
from tests.support.hostile_inputs import CASES, SAMPLE_NAMES, english, with_samples


def _key(path: str, line: int | None) -> str:
    return path if line is None else f"{path}:{line}"


def _load(folder: Path, db: Path) -> dict[str, dict[str, object]]:
    con = duckdb.connect(str(db))
    try:
        load_stage(con, folder, log=lambda m: None)
        rows = {
            table: {_key(p, line): rest for p, line, rest in con.execute(query).fetchall()}
            for table, query in {
                "rejected": "select path, line, reason from raw.rejected_files",
                "loaded": "select f.path, f.line, a.published_at from raw.article_files f join raw.articles a using (content_hash)",
                "warned": "select path, line, reason from raw.load_warnings",
            }.items()
        }
    finally:
        con.close()
    return rows


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_loads_or_is_listed_with_its_reason_and_the_samples_load(name, tmp_path):
    folder = tmp_path / "input"
    expect = with_samples(folder, CASES[name])
    started = time.perf_counter()
    found = _load(folder, tmp_path / "w.duckdb")
    seconds = time.perf_counter() - started
    rejected, loaded, warned = found["rejected"], found["loaded"], found["warned"]
    assert set(loaded) >= SAMPLE_NAMES, "a sample article was lost"
    for key, word in expect.rejected.items():
        assert key in rejected, (key, rejected)
        assert word.lower() in str(rejected[key]).lower(), (key, rejected[key])
        assert "\n" not in str(rejected[key])
    assert expect.loaded <= set(loaded), expect.loaded - set(loaded)
    for key, word in expect.warned.items():
        assert word in str(warned[key]) and loaded[key] is None, (key, warned, loaded[key])
    assert not set(loaded) & set(rejected), "an input both loaded and rejected"
    # every entry of the folder is accounted for, by path
    paths = {display_name(p.relative_to(folder).as_posix()) for p in input_files(folder)}
    accounted = {k.rsplit(":", 1)[0] if k.rsplit(":", 1)[-1].isdigit() else k for k in {*loaded, *rejected}}
    assert paths <= accounted, paths - accounted
    assert seconds < 30


def test_a_fifo_in_the_folder_blocks_neither_the_loader_nor_the_sensor(tmp_path):
    folder = tmp_path / "input"
    with_samples(folder, CASES["fifo"], CASES["record_paths_to_special_files"], CASES["dangling_link"])
    started = time.perf_counter()
    state, changed = scan(folder, {})
    assert {"pipe.txt", "texts/pipe.fifo", "gone.txt"} <= set(changed)
    again, unchanged = scan(folder, state)
    assert unchanged == [] and again == state
    result = load_directory(folder)
    assert time.perf_counter() - started < 20
    assert {r.path for r in result.rejections} >= {"pipe.txt", "texts/pipe.fifo", "gone.txt"}


def _load_as_unprivileged_user(folder: Path) -> tuple[int, list[str]]:
    """``load_directory`` in a forked child that gave up root (root reads every folder)."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        os.close(read_end)
        try:
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            result = load_directory(folder)
            report = [len(result.articles), [f"{r.path} | {r.reason}" for r in result.rejections]]
            os.write(write_end, json.dumps(report).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(child, 0)
    count, reasons = json.loads(data)
    return count, reasons


def test_an_unreadable_sub_folder_is_reported_not_skipped():
    root = Path(tempfile.mkdtemp(prefix="unreadable-"))
    folder = root / "input"
    try:
        with_samples(folder)
        locked = folder / "locked"
        locked.mkdir()
        (locked / "inside.txt").write_text(english("Rawa"), encoding="utf-8")
        for path in [root, folder, *folder.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        locked.chmod(0o000)
        count, reasons = _load_as_unprivileged_user(folder)
        assert count == 5
        assert reasons == [
            "locked | folder cannot be read (Permission denied): check its permissions so its files can be loaded"
        ]
    finally:
        if (folder / "locked").exists():
            (folder / "locked").chmod(0o755)
        shutil.rmtree(root, ignore_errors=True)


def test_a_file_that_changes_while_being_read_is_retried_not_half_loaded(tmp_path):
    """A separate process appends to a large article while it is read; the loader either reads
    it whole (size and time unchanged around the read) or refuses it for this run, never a part."""
    folder = tmp_path / "input"
    folder.mkdir()
    growing = folder / "growing.txt"
    growing.write_text(english("Hit") * 20_000, encoding="utf-8")  # about 4 MB
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nwhile True:\n    open(sys.argv[1], 'a').write('More fighting. ')\n    time.sleep(0.0005)",
            str(growing),
        ]
    )
    refused = 0
    try:
        for _ in range(40):
            result = load_directory(folder, max_bytes=50 * 1024 * 1024)
            for article in result.articles.values():
                # a whole file ends with a whole sentence the writer appended (or the original)
                assert article.text.rstrip().endswith(("More fighting.", "open again.")), article.text[-40:]
            reasons = [r.reason for r in result.rejections]
            refused += sum("changed while being read" in r for r in reasons)
            assert len(result.articles) + len(reasons) == 1
            if refused:
                break
    finally:
        writer.kill()
        writer.wait()
    assert refused >= 1, "the writer never caught the loader mid-read"
    # once the file holds still it loads on the next run
    final = load_directory(folder, max_bytes=50 * 1024 * 1024)
    assert len(final.articles) == 1 and not final.rejections
