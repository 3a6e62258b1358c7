"""Waiting for a lock says so at once, for how long and who holds it; nothing else waits
(issue #14, item 9).

dagster-duckdb's resource retried every IO error ten times, about 100 s in silence: a locked,
a corrupt and a full warehouse all looked like a hung run."""

import logging
import subprocess
import sys
import time

import duckdb
import pytest

from extract.storage.warehouse import WarehouseError
from orchestration.resources import WarehouseResource, build_resources
from tests.support.signals import default_signals
from tests.support.warehouses import garble

HOLD = "import duckdb, sys, time\ncon = duckdb.connect(sys.argv[1])\nprint('ready', flush=True)\ntime.sleep(120)"


@pytest.fixture
def held(tmp_path):
    """A warehouse file another process holds open for writing."""
    path = tmp_path / "conflict.duckdb"
    duckdb.connect(str(path)).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True, preexec_fn=default_signals
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        yield path, holder.pid
    finally:
        holder.kill()
        holder.wait()


def test_the_pipeline_resource_is_the_one_that_says_so():
    assert isinstance(build_resources()["duckdb"], WarehouseResource)


def test_waiting_for_a_lock_is_said_at_once_with_the_holder_and_the_time(held, caplog):
    path, pid = held
    resource = WarehouseResource(database=str(path), lock_wait_s=3)
    said: list[float] = []

    class Clock(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(time.monotonic())

    logger = logging.getLogger("dagster")
    clock = Clock(level=logging.WARNING)
    logger.addHandler(clock)
    started = time.monotonic()
    try:
        with caplog.at_level(logging.WARNING), pytest.raises(WarehouseError) as raised, resource.get_connection():
            pass
    finally:
        logger.removeHandler(clock)
    waited = time.monotonic() - started
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, warnings
    assert "locked by" in warnings[0] and f"PID {pid}" in warnings[0] and "waiting up to 3 s" in warnings[0]
    assert said and said[0] - started < 1.0, "said at once"
    assert 2.5 < waited < 8, f"waited {waited:.1f} s for a 3 s limit"
    assert f"PID {pid}" in str(raised.value) and "gave up after waiting 3 s" in str(raised.value)


def test_the_resource_connects_once_the_lock_is_released(held):
    path, _ = held
    resource = WarehouseResource(database=str(path), lock_wait_s=30)
    subprocess.run(["kill", str(held[1])], check=True)
    started = time.monotonic()
    with resource.get_connection() as con:
        assert con.execute("select 42").fetchone() == (42,)
    assert time.monotonic() - started < 10


def test_a_corrupt_warehouse_fails_at_once_and_says_corrupt(tmp_path):
    good = tmp_path / "good.duckdb"
    with duckdb.connect(str(good)) as con:
        con.execute("create table t as select range as x from range(100000)")
    broken = garble(good, tmp_path / "broken.duckdb", start=0, length=4096)
    resource = WarehouseResource(database=str(broken), lock_wait_s=30)
    started = time.monotonic()
    with pytest.raises(WarehouseError) as raised, resource.get_connection():
        pass
    assert time.monotonic() - started < 2, "no waiting for a file that will not mend"
    assert "corrupt" in str(raised.value) and str(broken) in str(raised.value)


def materialize_raw(warehouse, input_dir, lock_wait_s):
    import dagster as dg

    from orchestration.assets.ingestion import raw_articles
    from orchestration.batches import ALL, ensure_partition

    instance = dg.DagsterInstance.ephemeral()
    ensure_partition(instance, ALL)
    return dg.materialize(
        [raw_articles],
        resources={"duckdb": WarehouseResource(database=str(warehouse), lock_wait_s=lock_wait_s)},
        run_config={"ops": {"raw_articles": {"config": {"input_dir": str(input_dir)}}}},
        instance=instance,
        partition_key=ALL,
        raise_on_error=False,
    )


def test_a_dagster_run_logs_the_wait_and_fails_with_the_holder(held, tmp_path, caplog):
    path, pid = held
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Iraqi forces recaptured Rawa from Islamic State on Friday.", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        result = materialize_raw(path, inbox, lock_wait_s=2)
    assert not result.success
    waits = [r.getMessage() for r in caplog.records if "waiting up to 2 s" in r.getMessage()]
    assert len(waits) == 1 and "raw_articles" in waits[0] and f"PID {pid}" in waits[0], waits
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    description = failure.step_failure_data.user_failure_data.description
    assert f"PID {pid}" in description and "gave up after waiting 2 s" in description and "\n" not in description


def test_a_dagster_run_writes_through_the_resource(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Iraqi forces recaptured Rawa from Islamic State on Friday.", encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    assert materialize_raw(warehouse, inbox, lock_wait_s=2).success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from raw.articles").fetchone() == (1,)
