"""Dirty input folders, re-runs, changed and deleted files, crashes and unusable warehouses."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from extract.storage.stages import clean_stage, extract_stage, load_stage
from extract.storage.warehouse import WarehouseError, connect
from tests.support.paths import SAMPLES

GOOD = "Iraqi forces recaptured the town of Rawa from Islamic State on Friday, officials said."


def dirty_folder(root: Path) -> dict[str, str]:
    """One example of each kind of bad input next to good articles; returns what each bad input
    should be rejected for (a word of the reason), keyed by 'path' or 'path:line'."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "copy_one.txt").write_text(
        "Turkish warplanes struck PKK positions near Sinjar on Monday.", encoding="utf-8"
    )
    (root / "copy_two.txt").write_text(
        "Turkish warplanes struck PKK positions near Sinjar on Monday.", encoding="utf-8"
    )
    (root / "copy_three.jsonl").write_text(
        json.dumps({"id": "c3", "text": "Turkish warplanes struck PKK positions near Sinjar on Monday."}) + "\n",
        encoding="utf-8",
    )
    (root / "latin1.txt").write_bytes(
        "Caf\xe9 owners fled Raqqa as Syrian troops shelled the city on Sunday.".encode("latin-1")
    )
    (root / "bad_utf8.txt").write_bytes(
        "Peshmerga fighters repelled an attack by ISIS on Sinjar — officials said. ".encode() + b"\xff\xfe" + b" More."
    )
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "blank.txt").write_text("  \n\t \n", encoding="utf-8")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "arabic_cp1256.txt").write_bytes(
        "قالت قوات الحشد الشعبي إنها قصفت مواقع لتنظيم الدولة في البوكمال يوم الجمعة".encode("cp1256")
    )
    (root / "french.txt").write_text(
        "Les forces irakiennes ont repris la ville de Rawa vendredi après de violents combats contre les jihadistes.",
        encoding="utf-8",
    )
    (root / "huge.txt").write_text("x" * 3000, encoding="utf-8")
    (root / "no_body.html").write_text(
        "<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>", encoding="utf-8"
    )
    (root / "lines.jsonl").write_text(
        json.dumps(
            {"id": "j1", "text": "Coalition warplanes struck Islamic State positions near Albu Kamal on Friday."}
        )
        + "\n"
        + '{"id": "j2", "text": "half-written\n'
        + json.dumps({"id": "j3", "title": "no text here"})
        + "\n"
        + json.dumps({"id": "j4", "text": "Clashes near Mosul.", "published_at": "the day before yesterday"})
        + "\n",
        encoding="utf-8",
    )
    (root / "no_text_column.csv").write_text("id,body\n1,Clashes near Mosul\n", encoding="utf-8")
    (root / "ragged.csv").write_text(
        "id,text\nr1,Syrian government forces recaptured Mayadin from Islamic State.\nr2,one,two,three\nr3\n",
        encoding="utf-8",
    )
    (root / "paths.jsonl").write_text(
        json.dumps({"id": "p1", "path": "../outside.txt"}) + "\n" + json.dumps({"id": "p2", "path": "good.txt"}) + "\n",
        encoding="utf-8",
    )
    (root.parent / "outside.txt").write_text("Secret text outside the input folder about Mosul.", encoding="utf-8")
    (root / "link_outside.txt").symlink_to(root.parent / "outside.txt")
    return {
        "empty.txt": "empty",
        "blank.txt": "empty",
        "binary.txt": "binary",
        "arabic_cp1256.txt": "Arabic",
        "french.txt": "French",
        "huge.txt": "limit",
        "no_body.html": "no article body",
        "lines.jsonl:2": "not valid JSON",
        "lines.jsonl:3": "no 'text'",
        "lines.jsonl:4": "published_at",
        "no_text_column.csv": "no 'text' column",
        "ragged.csv:3": "more fields",
        "ragged.csv:4": "fewer fields",
        "paths.jsonl:1": "outside the input folder",
        "link_outside.txt": "outside the input folder",
    }


@pytest.fixture()
def dirty(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICT_MAX_FILE_MB", "0.002")
    expected = dirty_folder(tmp_path / "input")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    yield tmp_path / "input", expected, con
    con.close()


def _ingest(con, folder, rebuild=False):
    load_stage(con, folder, rebuild=rebuild, log=lambda m: None)
    clean_stage(con)
    extract_stage(con, log=lambda m: None, workers=1)


def _snapshot(con):
    return {
        t: con.execute(f"select * exclude ({cols}) from {t} order by all").fetchall()
        for t, cols in [
            ("raw.articles", "first_loaded_at"),
            ("raw.article_files", "loaded_at"),
            ("raw.rejected_files", "rejected_at"),
            ("extracted.events", "confidence"),
        ]
    }


def test_every_input_loads_or_is_rejected_with_its_reason_never_both(dirty):
    folder, expected, con = dirty
    _ingest(con, folder)
    rejected = {
        (p if line is None else f"{p}:{line}"): reason
        for p, line, reason in con.execute("select path, line, reason from raw.rejected_files").fetchall()
    }
    assert set(rejected) == set(expected), set(rejected) ^ set(expected)
    for key, word in expected.items():
        assert word.lower() in rejected[key].lower(), (key, rejected[key])
        assert "\n" not in rejected[key]
    loaded = {
        (p if line is None else f"{p}:{line}")
        for p, line in con.execute("select path, line from raw.article_files").fetchall()
    }
    assert loaded == {
        "good.txt",
        "copy_one.txt",
        "copy_two.txt",
        "copy_three.jsonl:1",
        "latin1.txt",
        "bad_utf8.txt",
        "lines.jsonl:1",
        "ragged.csv:2",
        "paths.jsonl:2",
    }
    assert not loaded & set(rejected)
    # the same text under three names (and via a record path) is one article that keeps every name
    copies = con.execute(
        "select count(distinct content_hash), count(*) from raw.article_files where path like 'copy_%'"
    ).fetchone()
    assert copies == (1, 3)
    encodings = dict(con.execute("select doc_id, encoding from raw.articles").fetchall())
    assert encodings["latin1"] == "cp1252" and "invalid bytes replaced" in encodings["bad_utf8"]
    assert "Café" in con.execute("select text from raw.articles where doc_id = 'latin1'").fetchone()[0]
    assert "Secret" not in " ".join(t for (t,) in con.execute("select text from raw.articles").fetchall())


def test_a_second_run_on_the_same_dirty_folder_changes_nothing(dirty):
    folder, _, con = dirty
    _ingest(con, folder)
    first = _snapshot(con)
    _ingest(con, folder)
    assert _snapshot(con) == first


def test_changed_file_replaces_its_events_and_deleted_file_keeps_them_until_rebuild(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(
        "Peshmerga fighters repelled an attack by ISIS on Sinjar late on Monday.", encoding="utf-8"
    )
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    _ingest(con, folder)
    assert con.execute("select count(*) from extracted.events where location = 'Rawa'").fetchone()[0] == 1
    (folder / "a.txt").write_text(
        "Iraqi forces recaptured the town of Hit from Islamic State on Friday.", encoding="utf-8"
    )
    _ingest(con, folder)
    locations = sorted(r[0] for r in con.execute("select location from extracted.events").fetchall())
    assert locations == ["Hit", "Sinjar"]
    assert con.execute("select count(*) from raw.articles").fetchone()[0] == 2
    (folder / "b.txt").unlink()
    _ingest(con, folder)
    assert con.execute("select count(*) from extracted.events where location = 'Sinjar'").fetchone()[0] == 1
    _ingest(con, folder, rebuild=True)
    assert [r[0] for r in con.execute("select location from extracted.events").fetchall()] == ["Hit"]
    con.close()


def test_a_fixed_file_leaves_the_rejections(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("", encoding="utf-8")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    _ingest(con, folder)
    assert con.execute("select count(*) from raw.rejected_files").fetchone()[0] == 1
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    _ingest(con, folder)
    assert con.execute("select count(*) from raw.rejected_files").fetchone()[0] == 0
    assert con.execute("select count(*) from raw.articles").fetchone()[0] == 1
    con.close()


def test_locked_corrupt_and_unwritable_warehouses_say_what_to_do(tmp_path):
    live = tmp_path / "live.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(live)!r}); print('ready', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(WarehouseError, match=rf"open in another program \(.*PID {holder.pid}"):
            connect(live)
    finally:
        holder.kill()
        holder.wait()
    corrupt = tmp_path / "corrupt.duckdb"
    corrupt.write_bytes(b"this is not a database" * 100)
    with pytest.raises(WarehouseError, match="move it aside"):
        connect(corrupt)
    locked_dir = tmp_path / "ro"
    locked_dir.mkdir()
    locked_dir.chmod(0o500)
    try:
        if os.geteuid() == 0:  # root writes anywhere: use a path under a file instead
            (tmp_path / "plainfile").write_text("x")
            target = tmp_path / "plainfile" / "w.duckdb"
        else:
            target = locked_dir / "w.duckdb"
        with pytest.raises(WarehouseError, match="writable"):
            connect(target)
    finally:
        locked_dir.chmod(0o700)


def test_cli_errors_are_one_line(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "extract.tools.cli",
            "ingest",
            "--input",
            str(tmp_path / "missing"),
            "--warehouse",
            str(tmp_path / "w.duckdb"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "does not exist" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_run_killed_mid_extraction_keeps_finished_batches_and_the_next_run_completes(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    samples = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    for number in range(1500):
        (folder / f"a{number:05d}.txt").write_text(
            f"{samples[number % len(samples)]}\n\nReport {number}.", encoding="utf-8"
        )
    db = tmp_path / "w.duckdb"
    command = [
        sys.executable,
        "-m",
        "extract.tools.cli",
        "ingest",
        "--input",
        str(folder),
        "--warehouse",
        str(db),
        "--batch-size",
        "100",
    ]
    env = {**os.environ, "CONFLICT_WORKERS": "1", "PYTHONUNBUFFERED": "1"}
    run = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    deadline = time.time() + 240
    for line in run.stderr:
        if line.startswith("batch 3:") or time.time() > deadline:
            break
    run.send_signal(signal.SIGKILL)
    run.wait()
    with duckdb.connect(str(db), read_only=True) as con:
        done = con.execute("select count(*) from extracted.article_status").fetchone()[0]
        assert 300 <= done < 1500  # three batches or a few more finished, not all
        orphan_events = con.execute(
            "select count(*) from extracted.events where content_hash not in (select content_hash from extracted.article_status)"
        ).fetchone()[0]
        mismatched = con.execute(
            """select count(*) from extracted.article_status s
            where s.n_events <> (select count(*) from extracted.events e where e.content_hash = s.content_hash)"""
        ).fetchone()[0]
        assert (orphan_events, mismatched) == (0, 0)
    finished = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert finished.returncode == 0, finished.stderr[-500:]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from extracted.article_status").fetchone()[0] == 1500
        per_sample = con.execute("select count(*) from extracted.events group by content_hash order by 1").fetchall()
    assert len(per_sample) == 1500 and {n for (n,) in per_sample} <= {1, 2, 3, 4, 5}


def test_dagster_run_log_gets_the_same_one_line_reason(tmp_path):
    import dagster as dg
    from dagster_duckdb import DuckDBResource

    from orchestration.assets.ingestion import raw_articles
    from orchestration.batches import ALL, ensure_partition

    instance = dg.DagsterInstance.ephemeral()
    ensure_partition(instance, ALL)
    result = dg.materialize(
        [raw_articles],
        resources={"duckdb": DuckDBResource(database=str(tmp_path / "w.duckdb"))},
        run_config={"ops": {"raw_articles": {"config": {"input_dir": str(tmp_path / "missing")}}}},
        instance=instance,
        partition_key=ALL,
        raise_on_error=False,
    )
    assert not result.success
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    description = failure.step_failure_data.user_failure_data.description
    assert "does not exist" in description and "CONFLICT_INPUT_DIR" in description and "\n" not in description
