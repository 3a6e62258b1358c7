"""Tests never read the user's settings or write the user's data.

The user's data are ``warehouse/`` (the live file, the published copy, batches, models) and
``.dagster_home/`` (run history); their settings are ``.env`` and the ``CONFLICT_*`` variables
of their shell (``make test`` itself exports ``CONFLICT_WAREHOUSE`` and ``DAGSTER_HOME`` pointing
at them). :func:`isolate` runs when tests/conftest.py is imported, before any test module
(some build Dagster resources at import): it drops every inherited ``CONFLICT_*`` variable and
points ``CONFLICT_WAREHOUSE`` and ``DAGSTER_HOME`` into a folder of its own.

Dagster's programs (``dagster-webserver``, ``dagster-daemon``, the code servers and run
processes they start) also read a ``.env`` in their working directory and let it override the
environment. The session therefore works in :attr:`Isolation.cwd`, a folder without one, so
that every process a test starts without naming a folder starts there; a test that names one
must not name the project root.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.support.paths import ROOT

# the user's data a test must leave alone; .dagster_home is left out of the check only because a
# running `make ui` writes it all the time (DAGSTER_HOME is redirected all the same)
USER_DATA = (ROOT / "warehouse",)
USER_ENV_FILE = ROOT / ".env"


@dataclass(frozen=True)
class Isolation:
    root: Path  # the session's own folder, removed at the end
    warehouse: Path  # CONFLICT_WAREHOUSE for the session
    dagster_home: Path  # DAGSTER_HOME for the session
    cwd: Path  # working directory for Dagster's programs: no .env there


def isolate() -> Isolation:
    """Point this process (and every process it starts) away from the user's data."""
    root = Path(tempfile.mkdtemp(prefix="conflict-tests-"))
    for name in [n for n in os.environ if n.startswith("CONFLICT_")]:
        del os.environ[name]
    warehouse = root / "warehouse" / "conflict.duckdb"
    home = root / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    cwd = root / "cwd"
    cwd.mkdir()
    os.environ["CONFLICT_WAREHOUSE"] = str(warehouse)
    os.environ["DAGSTER_HOME"] = str(home)
    os.chdir(cwd)  # pytest resolves its arguments from where it was started, not from here
    return Isolation(root=root, warehouse=warehouse, dagster_home=home, cwd=cwd)


def snapshot(folders: tuple[Path, ...] = USER_DATA) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``folders``, with its modification time and size."""
    seen: dict[str, tuple[int, int]] = {}
    for folder in folders:
        if not folder.exists():
            continue
        for path in [folder, *folder.rglob("*")]:
            try:
                info = path.lstat()
            except OSError:  # removed while walking
                continue
            seen[str(path)] = (info.st_mtime_ns, info.st_size if path.is_file() else 0)
    return seen


def changes(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    """What differs between two snapshots, one line per path."""
    lines = [f"created {p}" for p in sorted(after.keys() - before.keys())]
    lines += [f"removed {p}" for p in sorted(before.keys() - after.keys())]
    lines += [f"modified {p}" for p in sorted(before.keys() & after.keys()) if before[p] != after[p]]
    return lines
