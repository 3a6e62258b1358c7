"""The warehouse the analyst-facing tests share (test_warehouse_marts, test_publish, test_report).

It is built once per test session, because a pipeline run takes half a minute. Each run is a
process of its own, as ``make run`` is, recorded in a Dagster instance in a temporary
DAGSTER_HOME; this test process only reads the files (the live one attached read-only):

1. batch 1 (three articles) runs through every asset: load, clean, extract, dbt, publish, report;
2. batch 2 (five more records) is added and the pipeline runs again, incrementally, while two
   BI clients in other processes read the published copy through SQLAlchemy and duckdb-engine:
   one holds a connection open for the whole run, the other opens a new one every few tenths of
   a second. A thread records when the ``dbt build`` subprocess is alive (it holds the live file);
3. the live file is copied and rebuilt with ``dbt build --full-refresh``, to compare with the
   incremental result.

What the articles say, and so what the tests expect:

- reuters-sousa (batch 1) and ap-sousa (batch 2): the Popular Mobilization Forces shelled Islamic
  State in Sousa (Deir ez-Zor, Syria) on Sunday 10 March 2024; Reuters says five were killed, AP
  seven. One event, two reports, two sources.
- reuters-sinjar (batch 1): Turkish warplanes struck the PKK near Sinjar on Monday 11 March,
  four killed; ap-nineveh (batch 2): the same strike "in Nineveh province", no place below the
  province. One event at Sinjar, two reports.
- afp-mosul (batch 1) and afp-qairawan (batch 2): security forces fought Islamic State on Sunday
  in Mosul and in Qairawan, two places of Nineveh. Two events.
- afp-sousa-later (batch 2): the PMF shelled Sousa again on Wednesday 13 March. A new event.
- reuters-sousa-copy (batch 2): the Reuters text again under another id: the same article,
  found under a second name.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import dagster as dg
import duckdb
import psutil
from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from orchestration.dbt_project import DBT_PROJECT_DIR, dbt_project

ROOT = Path(__file__).resolve().parents[2]
from orchestration.definitions import defs  # noqa: E402  (after ROOT, as before)
from orchestration.resources import dbt_executable  # noqa: E402

BATCH_1 = [
    {
        "id": "reuters-sousa",
        "title": "Iraqi paramilitaries shell Islamic State in Syria",
        "published_at": "2024-03-11",
        "source": "Reuters",
        "text": "BAGHDAD (Reuters) - Iraq's Popular Mobilization Forces shelled Islamic State positions in the Syrian town of Sousa "
        "on Sunday, killing five militants, a PMF statement said.",
    },
    {
        "id": "reuters-sinjar",
        "title": "Turkish jets strike PKK near Sinjar",
        "published_at": "2024-03-12",
        "source": "Reuters",
        "text": "ERBIL (Reuters) - Turkish warplanes struck PKK positions near Sinjar on Monday, killing four fighters, Kurdish officials said.",
    },
    {
        "id": "afp-mosul",
        "title": "Clashes in Mosul",
        "published_at": "2024-03-11",
        "source": "AFP",
        "text": "MOSUL (AFP) - Iraqi security forces clashed with Islamic State militants in Mosul on Sunday, police said.",
    },
]
BATCH_2 = [
    {
        "id": "ap-sousa",
        "title": "PMF artillery hits IS across the border",
        "published_at": "2024-03-11",
        "source": "AP",
        "text": "The Popular Mobilization Forces shelled Islamic State fighters in Sousa, in Syria's Deir ez-Zor province, on Sunday, "
        "killing seven of them, Iraqi officials said.",
    },
    {
        "id": "ap-nineveh",
        "title": "Turkey bombs PKK in northern Iraq",
        "published_at": "2024-03-12",
        "source": "AP",
        "text": "Turkish warplanes bombed PKK hideouts in Nineveh province on Monday, the Turkish defence ministry said.",
    },
    {
        "id": "afp-qairawan",
        "title": "Clashes near Qairawan",
        "published_at": "2024-03-11",
        "source": "AFP",
        "text": "QAIRAWAN (AFP) - Iraqi security forces clashed with Islamic State militants in Qairawan on Sunday, a local official said.",
    },
    {
        "id": "afp-sousa-later",
        "title": "More shelling of Sousa",
        "published_at": "2024-03-14",
        "source": "AFP",
        "text": "Iraq's Popular Mobilization Forces shelled Islamic State positions in Sousa again on Wednesday, a PMF commander said.",
    },
    {**BATCH_1[0], "id": "reuters-sousa-copy"},
]

# A BI client in its own process, as Superset or Metabase would be: SQLAlchemy + duckdb-engine,
# read-only, with the URI the README gives. "hold" keeps one connection for its whole life;
# "reopen" opens and closes a new connection for every query. One JSON line per query.
BI_CLIENT = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    import sqlalchemy
    from sqlalchemy.pool import NullPool
    path, mode, stop = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    url = f"duckdb:///{path}?access_mode=read_only"
    engine = sqlalchemy.create_engine(url, poolclass=NullPool)
    held = engine.connect() if mode == "hold" else None
    print(json.dumps({"ready": time.time()}), flush=True)
    while not stop.exists():
        started = time.time()
        try:
            if held is not None:
                n = held.execute(sqlalchemy.text("select count(*) from marts.fct_events")).scalar()
            else:
                with engine.connect() as con:
                    n = con.execute(sqlalchemy.text("select count(*) from marts.fct_events")).scalar()
            print(json.dumps({"t": started, "done": time.time(), "events": n}), flush=True)
        except Exception as error:
            print(json.dumps({"t": started, "error": repr(error)}), flush=True)
        time.sleep(0.15)
""")

_built: dict | None = None
_failed: BaseException | None = None


def write_batch(folder: Path, name: str, records: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def open_live(live: Path) -> duckdb.DuckDBPyConnection:
    """The live warehouse, read-only, attached to an in-memory database: an attached file does not
    go through DuckDB's per-process cache of open files, so it opens even while another part of
    this process (e.g. dbt's adapter, fetching row counts) still holds the file with other
    settings."""
    con = duckdb.connect()
    con.execute(f"attach '{live}' as live (read_only)")
    con.execute("use live")
    return con


def run_pipeline(live: Path, input_dir: Path, instance: dg.DagsterInstance) -> dg.ExecuteInProcessResult:
    """Every asset of the project, on the whole input folder (the partition ``all`` when the
    ingestion assets are partitioned in batches)."""
    resources = {
        "duckdb": DuckDBResource(database=str(live)),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
    }
    config = {"ops": {"raw_articles": {"config": {"input_dir": str(input_dir)}}}}
    partitioned = any(getattr(a, "partitions_def", None) is not None for a in defs.assets)
    if not partitioned:
        return dg.materialize(list(defs.assets), resources=resources, run_config=config, instance=instance)
    from orchestration.batches import ALL, ensure_partition

    ensure_partition(instance, ALL)
    return dg.materialize(
        list(defs.assets), resources=resources, run_config=config, instance=instance, partition_key=ALL
    )


# One pipeline run in its own process: python -c RUNNER <live> <input dir>, with DAGSTER_HOME set.
RUNNER = textwrap.dedent("""
    import sys
    from pathlib import Path
    import dagster as dg
    from tests.support.analyst_warehouse import run_pipeline
    result = run_pipeline(Path(sys.argv[1]), Path(sys.argv[2]), dg.DagsterInstance.get())
    print("RUN", result.run_id, "succeeded" if result.success else "failed", flush=True)
    sys.exit(0 if result.success else 1)
""")


def run_in_subprocess(live: Path, input_dir: Path, home: Path, log: Path) -> bool:
    env = {**os.environ, "CONFLICT_WAREHOUSE": str(live), "DAGSTER_HOME": str(home)}
    with log.open("a") as out:
        done = subprocess.run(
            [sys.executable, "-c", RUNNER, str(live), str(input_dir)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=900,
        )
    return done.returncode == 0


def dbt_is_running() -> bool:
    """True while a ``dbt`` process started (through the run's process) from this one is alive:
    it holds the live file for writing."""
    for child in psutil.Process().children(recursive=True):
        try:
            if any(Path(part).name == "dbt" for part in child.cmdline()[:2]):
                return True
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return False


def _watch_dbt(intervals: list[list[float]], stop: threading.Event) -> None:
    running = False
    while not stop.is_set():
        now_running = dbt_is_running()
        if now_running and not running:
            intervals.append([time.time(), float("inf")])
        elif running and not now_running:
            intervals[-1][1] = time.time()
        running = now_running
        time.sleep(0.05)
    if running:
        intervals[-1][1] = time.time()


def _start_bi_client(published: Path, mode: str, stop_file: Path, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", BI_CLIENT, str(published), mode, str(stop_file)],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until it has its connection
        if '"ready"' in log.read_text():
            return process
        if process.poll() is not None:
            raise RuntimeError(f"BI client failed: {log.read_text()}")
        time.sleep(0.05)
    raise RuntimeError("BI client did not start")


def _wait_for_query_after(log: Path, moment: float, timeout: float = 30) -> None:
    """Let the client that reopens its connection query at least once after ``moment``."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if any(e.get("t", 0) > moment and "done" in e for e in _read_log(log)):
            return
        time.sleep(0.1)


def _read_log(log: Path) -> list[dict]:
    entries = []
    for line in log.read_text().splitlines():
        try:
            entries.append(json.loads(line))
        except ValueError:  # a line being written, or a warning
            continue
    return entries


def full_refresh_copy(live: Path, folder: Path) -> Path:
    """Copy the live file and rebuild every dbt model from scratch in the copy."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "conflict.duckdb"
    shutil.copy(live, copy)
    done = subprocess.run(
        [
            dbt_executable(),
            "build",
            "--full-refresh",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(folder / "target"),
            "--log-path",
            str(folder / "logs"),
        ],
        env={**os.environ, "CONFLICT_WAREHOUSE": str(copy)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"dbt build --full-refresh failed:\n{done.stdout[-3000:]}")
    return copy


def build(tmp_path_factory) -> dict:
    """Build the shared warehouse once per session (see the module docstring); a failure is
    remembered too, so that the other test modules do not build it again."""
    global _failed
    if _built is None and _failed is None:
        try:
            _build(tmp_path_factory)
        except BaseException as error:
            _failed = error
            raise
    if _failed is not None:
        raise RuntimeError(f"the shared warehouse could not be built: {_failed!r}")
    return _built


def _build(tmp_path_factory) -> dict:
    global _built
    root = tmp_path_factory.mktemp("analyst")
    live, inputs, home = root / "warehouse" / "conflict.duckdb", root / "articles", root / "dagster_home"
    live.parent.mkdir()
    home.mkdir()
    shutil.copy(ROOT / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    runs_log = root / "runs.log"

    write_batch(inputs, "batch1.jsonl", BATCH_1)
    first = run_in_subprocess(live, inputs, home, runs_log)
    assert first, f"the first run failed; its log: {runs_log}"
    published = live.with_name("conflict_published.duckdb")
    with open_live(live) as con:
        after_first = {
            "events": con.execute("select count(*) from marts.fct_events").fetchone()[0],
            "sousa_event_id": con.execute(
                "select event_id from marts.fct_events where location = 'Sousa' and event_date = date '2024-03-10'"
            ).fetchone()[0],
        }
    inode_before = published.stat().st_ino

    write_batch(inputs, "batch2.jsonl", BATCH_2)
    stop_file, intervals, stop_watch = root / "stop-bi", [], threading.Event()
    clients = {mode: root / f"bi-{mode}.log" for mode in ("hold", "reopen")}
    processes = [_start_bi_client(published, mode, stop_file, log) for mode, log in clients.items()]
    watcher = threading.Thread(target=_watch_dbt, args=(intervals, stop_watch), daemon=True)
    watcher.start()
    started = time.time()
    try:
        second = run_in_subprocess(live, inputs, home, runs_log)
    finally:
        finished = time.time()
        stop_watch.set()
        watcher.join()
        _wait_for_query_after(clients["reopen"], finished)
        stop_file.touch()
        for process in processes:
            process.wait(timeout=60)
    instance = dg.DagsterInstance.from_config(str(home))
    report = instance.get_latest_materialization_event(dg.AssetKey(["published", "report"]))
    _built = {
        "root": root,
        "live": live,
        "published": published,
        "inputs": inputs,
        "runs_log": runs_log,
        "first_success": first,
        "second_success": second,
        "after_first": after_first,
        "published_inode_before": inode_before,
        "published_inode_after": published.stat().st_ino,
        "second_run": (started, finished),
        "dbt_intervals": [tuple(i) for i in intervals],
        "bi": {mode: _read_log(log) for mode, log in clients.items()},
        "report_metadata": dict(report.asset_materialization.metadata) if report else {},
        "full_refresh": full_refresh_copy(live, root / "full_refresh"),
        # the manifest of that dbt build: the project as these tests ran it (dbt_project/target
        # may be rewritten by another dbt command meanwhile)
        "manifest": root / "full_refresh" / "target" / "manifest.json",
    }
    instance.dispose()
    return _built
