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


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist (``make test``) the controller runs no test: it starts the workers, in
    its working directory, and they resolve their arguments and ``testpaths`` from there, so it
    goes back to where pytest was started. Each worker imports this file and isolates itself."""
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        os.chdir(config.invocation_params.dir)


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


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group markers
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The room marker of each test, and its xdist group (see :func:`xdist_group_of`)."""
    tests = Path(__file__).resolve().parent
    for item in items:
        parts = Path(str(item.fspath)).resolve().relative_to(tests).parts
        if parts and parts[0] in ROOMS:
            item.add_marker(getattr(pytest.mark, parts[0]))
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(xdist_group_of(item)))


@pytest.hookimpl(trylast=True)  # after pytest-xdist has put each test's group into its id
def pytest_collection_finish(session: pytest.Session) -> None:
    """Fail a distributed run whose groups did not take: pytest-xdist would send every test on
    its own, rebuilding module fixtures and the shared warehouse in both workers, without a word
    (pytest-dev/pytest-xdist#1386, hence the pin of pytest in pyproject.toml)."""
    config = session.config
    if hasattr(config, "workerinput") and config.getoption("loadgroup", False):
        ungrouped = [item.nodeid for item in session.items if "@" not in item.nodeid]
        if ungrouped:
            raise pytest.UsageError(
                f"pytest-xdist did not group {len(ungrouped)} tests (e.g. {ungrouped[0]}): "
                "this pytest and pytest-xdist do not work together with --dist loadgroup"
            )


def xdist_group_of(item: pytest.Item) -> str:
    """The test module: ``make test`` runs two pytest-xdist workers with ``--dist loadgroup``, and
    a module's tests share module-scoped fixtures (a pipeline run, a dbt build, a PostgreSQL
    cluster) that would be built once per worker if its tests were spread over both. Modules
    that must share a worker name a group of tests/support/groups.py (``pytestmark``)."""
    return item.nodeid.split("::", 1)[0]


@pytest.fixture(scope="session")
def reference() -> Reference:
    return load_reference()


@pytest.fixture(scope="session")
def isolation() -> Isolation:
    """The session's own warehouse, DAGSTER_HOME and working directory for Dagster's programs."""
    return ISOLATION
