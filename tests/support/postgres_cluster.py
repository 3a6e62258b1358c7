"""A throwaway PostgreSQL cluster for the tests that move the warehouse to PostgreSQL
(tests/integration/test_dbt_second_target.py, tests/e2e/test_dagster_postgres.py).

``initdb`` and ``pg_ctl`` of the newest server in ``/usr/lib/postgresql/*/bin`` (Debian keeps them
off the PATH) into a temporary directory, trust authentication, UTF-8, C collation (text sorts as
in DuckDB), listening on a free port of 127.0.0.1 only. PostgreSQL refuses to run as root: as root
(CI) both run as the ``postgres`` user the package creates, through runuser.

A test module skips itself when :data:`REASON` is set, except with CI=true, where the
:func:`cluster` fixture fails instead (.ci/run installs the package).
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from extract.storage.postgres import PostgresSettings

DATABASE, USER = "conflict_events", "conflict"


def postgres_bindir() -> Path | None:
    """The bin folder of the newest PostgreSQL server installed (Debian keeps it off the PATH)."""

    def version(folder: str) -> tuple:
        return tuple(int(part) for part in re.findall(r"\d+", folder))

    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Path(initdb).resolve().parent
    return None


def unavailable() -> str | None:
    """Why no cluster can be started here, or None."""
    if postgres_bindir() is None:
        return "PostgreSQL is not installed (apt-get install postgresql; .ci/run installs it)"
    try:
        import psycopg2  # noqa: F401  (dbt-postgres brings it)
    except ImportError:
        return "dbt-postgres is not installed (make install)"
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "running as root without runuser: PostgreSQL cannot be started as root"
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run PostgreSQL as"
    return None


REASON = unavailable()


def skip_unless_available() -> None:
    """Call at module level: skip the module without PostgreSQL, unless CI=true."""
    if REASON and os.environ.get("CI") != "true":
        pytest.skip(REASON, allow_module_level=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """A PostgreSQL cluster of its own: initdb into a temporary directory, pg_ctl start on a free
    port of 127.0.0.1 (trust authentication, C collation so that text sorts as in DuckDB)."""

    def __init__(self) -> None:
        self.bindir = postgres_bindir()
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="conflict-pg-"))
        self.data, self.log = self.root / "data", self.root / "postgres.log"
        self.as_user: list[str] = []
        self.startup_seconds = 0.0
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        done = subprocess.run([*self.as_user, *args], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}\n{log}")

    def start(self) -> None:
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            USER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
            "--no-instructions",
        )
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
        self.create_database(DATABASE)

    def create_database(self, name: str) -> None:
        con = self.connect("postgres")
        try:
            con.autocommit = True  # create database cannot run in a transaction
            with con.cursor() as cur:
                cur.execute(f"create database {name}")
        finally:
            con.close()

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def connect(self, dbname: str = DATABASE):
        import psycopg2

        return psycopg2.connect(host="127.0.0.1", port=self.port, user=USER, dbname=dbname)

    def settings(self, dbname: str = DATABASE) -> PostgresSettings:
        """What :mod:`extract.storage.postgres` connects with (what ``env()`` tells the profile)."""
        return PostgresSettings(host="127.0.0.1", port=self.port, user=USER, dbname=dbname)

    def pg_env(self, dbname: str = DATABASE) -> dict[str, str]:
        """The ``CONFLICT_PG_*`` variables the postgres output of dbt_project/profiles.yml reads."""
        return {
            "CONFLICT_PG_HOST": "127.0.0.1",
            "CONFLICT_PG_PORT": str(self.port),
            "CONFLICT_PG_USER": USER,
            "CONFLICT_PG_PASSWORD": "",
            "CONFLICT_PG_DATABASE": dbname,
            "CONFLICT_PG_SCHEMA": "public",
        }

    def env(self) -> dict[str, str]:
        """This process's environment without CONFLICT_DBT_TARGET, plus :meth:`pg_env`."""
        env = {k: v for k, v in os.environ.items() if k != "CONFLICT_DBT_TARGET"}
        env.update(self.pg_env())
        return env


@pytest.fixture(scope="module")
def cluster():
    """One cluster per test module, stopped and removed at its end."""
    if REASON:  # CI=true: a missing PostgreSQL is a failure there, not a skip
        pytest.fail(REASON)
    started = time.monotonic()
    running = Cluster()
    try:
        running.start()
    except BaseException:
        running.stop()
        raise
    running.startup_seconds = time.monotonic() - started
    yield running
    running.stop()
