"""The project's paths the tests read."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "seeds" / "articles"
GOLD = ROOT / "tests" / "data" / "gold_seed_events.csv"
DBT_PROJECT_DIR = ROOT / "dbt_project"
