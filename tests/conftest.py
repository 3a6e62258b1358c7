"""Shared fixtures: the project's paths and the reference data."""

from pathlib import Path

import pytest

from extract.reference import Reference, load_reference

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "seeds" / "articles"
GOLD = Path(__file__).resolve().parent / "data" / "gold_seed_events.csv"


@pytest.fixture(scope="session")
def reference() -> Reference:
    return load_reference()
