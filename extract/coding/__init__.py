"""Coding: text in, events and mentions out. Pure Python: no DuckDB, no pandas, no Dagster."""
