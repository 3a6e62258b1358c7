"""Conflict-event extraction: load news articles, clean them and code ACLED-style events.

Plain Python with no orchestration imports, so the same code serves the Dagster assets, the
``conflict-events`` command line and the tests.
"""

__version__ = "0.1.0"
