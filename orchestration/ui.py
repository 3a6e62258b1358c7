"""``python -m orchestration.ui``: ``dg dev`` (webserver, daemon and their code servers), stopped
cleanly by Ctrl-C or SIGTERM (what ``make ui`` runs).

``dg dev`` stops its webserver and daemon itself when it is told once. Ctrl-C in a terminal tells
every process of the foreground group at the same moment, so the webserver and the daemon were
interrupted in the middle of their own shutdown and hung, and a SIGTERM to ``make`` reached no
one below it. Here ``dg dev`` runs in a session of its own; this process passes one SIGTERM to it
on Ctrl-C or SIGTERM, waits for it, and ends whatever of that session is still alive after
:data:`GRACE_S` seconds (code servers, run workers), so nothing is left running.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import dagster as dg
import psutil

GRACE_S = 45.0


def command(host: str, port: str) -> list[str]:
    """``dg dev`` beside this Python (an unactivated virtualenv still finds it)."""
    dg_cli = Path(sys.executable).parent / "dg"
    return [str(dg_cli) if dg_cli.exists() else "dg", "dev", "--host", host, "--port", port]


def session_members(session: int) -> list[psutil.Process]:
    """Every live process of the session ``session`` (``dg dev`` and all it started)."""
    members = []
    for process in psutil.process_iter():
        try:
            if os.getsid(process.pid) == session:
                members.append(process)
        except (ProcessLookupError, PermissionError, psutil.Error):
            continue
    return members


def stop(child: subprocess.Popen, grace: float = GRACE_S) -> int:
    """Tell ``dg dev`` once, wait up to ``grace`` seconds, then end what is left of its session;
    the number of its processes still alive after that (0 when the stop was clean)."""
    log = dg.get_dagster_logger("conflict.ui")
    if child.poll() is None:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            log.warning(f"dg dev did not stop within {grace:.0f} s: ending its processes")
    left = session_members(child.pid)
    for process in left:
        try:
            process.terminate()
        except psutil.Error:
            continue
    _, alive = psutil.wait_procs(left, timeout=10)
    for process in alive:
        try:
            process.kill()
        except psutil.Error:
            continue
    if child.poll() is None:
        child.wait()
    return len(session_members(child.pid))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    host = args[0] if args else "127.0.0.1"
    port = args[1] if len(args) > 1 else "3000"
    child = subprocess.Popen(command(host, port), start_new_session=True)
    stopping = False

    def on_signal(signum: int, frame: object) -> None:
        nonlocal stopping
        if not stopping:
            stopping = True
            print(f"\nstopping the Dagster webserver, daemon and code servers (up to {GRACE_S:.0f} s)...", flush=True)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    with contextlib.suppress(KeyboardInterrupt):
        child.wait()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not leave processes behind
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    code = child.returncode if child.returncode is not None else 0
    left = stop(child)
    if left:
        print(f"{left} Dagster processes could not be stopped: end them with kill -9 -{child.pid}", file=sys.stderr)
        return code or 1
    if stopping:
        print("stopped: no Dagster process is left running", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
