"""``make bench`` (first part): how long a run of the samples takes headless (``make run``) and
as the UI, the schedule or the sensor start it, and the ratio of the two.

A run launched from the UI or by the sensor is executed by a fresh Dagster process with the
job's default executor (``dagster api execute_run``, started by the run launcher). ``dagster job
execute`` does the same from the command line, so it stands for it here, without a webserver
and a daemon whose polling would add their own seconds. Each run starts from an empty warehouse
(the same work each time) in a temporary Dagster home; the times are wall-clock times of the
whole command, start-up included. ``--multiprocess`` also times the job under
``CONFLICT_EXECUTOR=multiprocess`` (every step in its own process: the former default).

Only subprocesses: this module imports nothing of Dagster (the ``extract`` package must not).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from extract.settings import PROJECT_ROOT

BIN = Path(sys.executable).parent
MAX_RATIO = 1.5  # the target: a UI or sensor run takes at most 1.5x the headless run


def _environment(work: Path, name: str, executor: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_")}
    env.update(
        {
            "DAGSTER_HOME": str(work / "dagster_home"),
            "CONFLICT_WAREHOUSE": str(work / name / "conflict.duckdb"),
            "CONFLICT_INPUT_DIR": str(PROJECT_ROOT / "seeds" / "articles"),
            "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        }
    )
    if executor:
        env["CONFLICT_EXECUTOR"] = executor
    return env


def timed(command: list[str], env: dict[str, str], log: Path) -> float:
    """Seconds the command took; its output goes to ``log``; a failure stops the bench."""
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed ({done.returncode}): read {log}")
    return seconds


def launched_command() -> list[str]:
    """The job as a launched run executes it: a new process, the job's own executor."""
    return [
        str(BIN / "dagster"),
        "job",
        "execute",
        "-m",
        "orchestration.definitions",
        "-j",
        "conflict_pipeline",
        "--tags",
        json.dumps({"dagster/partition": "all", "conflict/batch": "all"}),
    ]


def bench(work: Path, multiprocess: bool = False) -> dict[str, float]:
    """Seconds of each kind of run, and the ratio of launched over headless."""
    home = work / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT_ROOT / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    results: dict[str, float] = {}
    # the headless run also registers the partition "all" in the instance the others use
    results["headless_s"] = timed(
        [sys.executable, "-m", "orchestration.run"], _environment(work, "headless", None), work / "headless.log"
    )
    results["launched_s"] = timed(launched_command(), _environment(work, "launched", None), work / "launched.log")
    if multiprocess:
        results["launched_multiprocess_s"] = timed(
            launched_command(), _environment(work, "multiprocess", "multiprocess"), work / "multiprocess.log"
        )
    results["ratio"] = results["launched_s"] / results["headless_s"]
    return {k: round(v, 2) for k, v in results.items()}


def report(results: dict[str, float]) -> str:
    lines = [
        "# Runs of the five samples (wall clock, start-up included)",
        "",
        "| run | seconds |",
        "|---|---:|",
        f"| headless (make run) | {results['headless_s']:.1f} |",
        f"| launched (UI, schedule, sensor; default executor) | {results['launched_s']:.1f} |",
    ]
    if "launched_multiprocess_s" in results:
        lines.append(f"| launched, CONFLICT_EXECUTOR=multiprocess | {results['launched_multiprocess_s']:.1f} |")
    verdict = "met" if results["ratio"] <= MAX_RATIO else "MISSED"
    lines += ["", f"launched / headless = {results['ratio']:.2f} (target at most {MAX_RATIO}: {verdict})"]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time a headless run and a launched run of the samples.")
    parser.add_argument("--out", default=str(PROJECT_ROOT / "warehouse" / "bench"))
    parser.add_argument("--multiprocess", action="store_true", help="also time the multiprocess executor")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-runs-") as work:
        results = bench(Path(work), multiprocess=args.multiprocess)
    text = report(results)
    (out / "runs.md").write_text(text + "\n", encoding="utf-8")
    (out / "runs.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
