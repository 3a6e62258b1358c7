"""Shared fixtures: the project's paths and the reference data."""

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

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "seeds" / "articles"
GOLD = Path(__file__).resolve().parent / "data" / "gold_seed_events.csv"


@pytest.fixture(scope="session")
def reference() -> Reference:
    return load_reference()
