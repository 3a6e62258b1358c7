"""Shared fixtures, and the markers of the three test rooms.

tests/unit: one module at a time, no warehouse; tests/integration: the stages, DuckDB, dbt or
PostgreSQL together; tests/e2e: Dagster runs, the command line, the web UI, a browser. Each test
carries the marker of its folder (``pytest -m unit`` runs the fast part). Shared helpers live in
tests/support.

No test reads the user's ``.env`` or ``CONFLICT_*`` settings, or writes ``warehouse/`` or
``.dagster_home/``: the environment is isolated here, before any test module is imported
(tests/support/isolation.py), and a session that changed the user's data fails.
"""

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from tests.support.isolation import USER_DATA, Isolation, changes, isolate, snapshot

ISOLATION: Isolation = isolate()

# On CI the property tests draw the same examples every run, so a run's verdict is about the
# change, not the draw; locally they draw new examples each time and keep finding new inputs.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from extract.coding.reference import Reference, load_reference  # noqa: E402  (after the hypothesis profile)
from tests.support.paths import GOLD, ROOT, SAMPLES  # noqa: E402

__all__ = ["GOLD", "ISOLATION", "ROOT", "SAMPLES"]

ROOMS = ("unit", "integration", "e2e")


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_BEFORE] = snapshot(USER_DATA)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the session when a test touched the user's data (and say what it touched)."""
    touched = changes(session.config.stash.get(_BEFORE, {}), snapshot(USER_DATA))
    shutil.rmtree(ISOLATION.root, ignore_errors=True)
    if touched:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        text = "tests changed the user's data (they must use tmp paths):\n  " + "\n  ".join(touched[:20])
        if reporter is not None:
            reporter.write_line(text, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_BEFORE = pytest.StashKey[dict[str, tuple[int, int]]]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    tests = Path(__file__).resolve().parent
    for item in items:
        parts = Path(str(item.fspath)).resolve().relative_to(tests).parts
        if parts and parts[0] in ROOMS:
            item.add_marker(getattr(pytest.mark, parts[0]))


@pytest.fixture(scope="session")
def reference() -> Reference:
    return load_reference()


@pytest.fixture(scope="session")
def isolation() -> Isolation:
    """The session's own warehouse, DAGSTER_HOME and working directory for Dagster's programs."""
    return ISOLATION
