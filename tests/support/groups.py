"""The pytest-xdist groups of tests that must run in the same worker, one after another
(``make test`` runs two workers with ``--dist loadgroup``; every other test is in the group of
its module, tests/conftest.py).

``make ui`` (tests/e2e/test_ui_stop.py) rewrites dbt_project/target/manifest.json (dagster-dbt's
prepare runs ``dbt parse``, which truncates the file and writes it again), and every process
that loads ``orchestration.definitions`` reads it: the webserver, daemon and code servers of
tests/e2e/test_webserver_e2e.py, the step processes of the multiprocess executor
(tests/e2e/test_executors.py), the pipeline runs of the analyst warehouse
(tests/support/analyst_warehouse.py, whose modules must share one worker anyway: the warehouse
is built once per process). A process starting while the file is half written would fail, so
these modules never run at the same time as each other.
"""

import pytest

DAGSTER_PROCESSES = pytest.mark.xdist_group("dagster_processes")
