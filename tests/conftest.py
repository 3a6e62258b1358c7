"""Shared fixtures, and the markers of the three test rooms.

tests/unit: one module at a time, no warehouse; tests/integration: the stages, DuckDB, dbt or
PostgreSQL together; tests/e2e: Dagster runs, the command line, the web UI, a browser. Each test
carries the marker of its folder (``pytest -m unit`` runs the fast part). Shared helpers live in
tests/support.
"""

import os
from pathlib import Path

import pytest
from hypothesis import settings

# On CI the property tests draw the same examples every run, so a run's verdict is about the
# change, not the draw; locally they draw new examples each time and keep finding new inputs.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from extract.coding.reference import Reference, load_reference  # noqa: E402  (after the hypothesis profile)
from tests.support.paths import GOLD, ROOT, SAMPLES  # noqa: E402

__all__ = ["GOLD", "ROOT", "SAMPLES"]

ROOMS = ("unit", "integration", "e2e")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    tests = Path(__file__).resolve().parent
    for item in items:
        parts = Path(str(item.fspath)).resolve().relative_to(tests).parts
        if parts and parts[0] in ROOMS:
            item.add_marker(getattr(pytest.mark, parts[0]))


@pytest.fixture(scope="session")
def reference() -> Reference:
    return load_reference()
