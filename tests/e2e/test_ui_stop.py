"""``make ui`` (``dg dev``) stops all it started: the webserver, the daemon and their code servers."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

from tests.support.groups import DAGSTER_PROCESSES
from tests.support.schedule import cron_away_from_now
from tests.support.signals import default_signals

pytestmark = DAGSTER_PROCESSES  # see tests/support/groups.py

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serving(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.mark.skipif(
    (ROOT / ".env").exists(),
    reason="dg dev reads the project's .env over the environment, so it would run on the user's warehouse",
)
@pytest.mark.parametrize("how", ["sigterm_to_make", "ctrl_c"])
def test_stopping_make_ui_leaves_no_dagster_process(tmp_path: Path, how: str) -> None:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    port = _free_port()
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "CONFLICT_WAREHOUSE": str(tmp_path / "conflict.duckdb"),
        "CONFLICT_INPUT_DIR": str(tmp_path / "empty"),
        "CONFLICT_SCHEDULE_CRON": cron_away_from_now(),  # no scheduled run starts while the UI is up
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    log = (tmp_path / "ui.log").open("w")
    make = subprocess.Popen(
        # UI_NO_ENV_FILE: the test's make ui writes no .env into the project (the user's file)
        ["make", "--no-print-directory", "ui", f"UI_PORT={port}", "UI_NO_ENV_FILE=1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own group, as a terminal gives it: Ctrl-C is a SIGINT to the group
        preexec_fn=default_signals,  # and the signals a terminal gives it
    )
    try:
        deadline = time.time() + 300
        while not _serving(port):
            assert make.poll() is None, (tmp_path / "ui.log").read_text()[-3000:]
            assert time.time() < deadline, "the webserver did not answer within 300 s"
            time.sleep(2)
        started = psutil.Process(make.pid).children(recursive=True)
        names = " ".join(" ".join(p.cmdline()) for p in started)
        assert "dagster_webserver" in names and "dagster._daemon" in names, names
        if how == "ctrl_c":
            os.killpg(make.pid, signal.SIGINT)
        else:
            make.send_signal(signal.SIGTERM)  # what a process manager or `kill` sends to make alone
        make.wait(timeout=120)
        _, alive = psutil.wait_procs(started, timeout=15)
        assert not alive, [" ".join(p.cmdline()) for p in alive]
        assert not _serving(port)
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
            make.wait()
        log.close()
