"""Helpers shared by the tests: project paths, dbt runs, the analyst warehouse, a PostgreSQL cluster."""
