"""End to end through a running Dagster: webserver and daemon on 127.0.0.1 with a temporary
DAGSTER_HOME, checked and driven through the GraphQL API, then looked at in headless Chromium."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from tests.support.groups import DAGSTER_PROCESSES
from tests.support.schedule import cron_away_from_now

pytestmark = DAGSTER_PROCESSES  # see tests/support/groups.py

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

if not Path(CHROMIUM).exists() and os.environ.get("CI") != "true":
    pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run installs it)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def graphql(port: int, query: str, variables: dict | None = None) -> dict:
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        payload = json.loads(response.read())
    assert "errors" not in payload, payload["errors"]
    return payload["data"]


def wait_for(predicate, timeout: float, what: str):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except (OSError, AssertionError, KeyError, TypeError):
            pass
        time.sleep(2)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


@pytest.fixture(scope="module")
def dagster_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("dagster_home")
    shutil.copy(ROOT / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    # create the instance's storage once, before two processes race to migrate it
    subprocess.run(
        [sys.executable, "-c", "import dagster as dg; dg.DagsterInstance.get()"],
        env={**os.environ, "DAGSTER_HOME": str(home)},
        check=True,
    )
    work = tmp_path_factory.mktemp("work")
    inbox = work / "articles"
    shutil.copytree(ROOT / "seeds" / "articles", inbox)
    port = free_port()
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "CONFLICT_WAREHOUSE": str(work / "conflict.duckdb"),
        "CONFLICT_INPUT_DIR": str(inbox),
        "CONFLICT_BATCH_DIR": str(work / "batches"),
        "CONFLICT_SCHEDULE_CRON": cron_away_from_now(),  # the 06:00 UTC default would race the sensor
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    logs = work / "logs"
    logs.mkdir()
    started = []
    for name, command in [
        (
            "webserver",
            [str(BIN / "dagster-webserver"), "-h", "127.0.0.1", "-p", str(port), "-m", "orchestration.definitions"],
        ),
        ("daemon", [str(BIN / "dagster-daemon"), "run", "-m", "orchestration.definitions"]),
    ]:
        log = (logs / f"{name}.log").open("w")
        # started in the test's own folder: Dagster reads a .env in its working directory over
        # the environment, and the project root's .env points at the user's warehouse
        started.append(
            subprocess.Popen(command, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        )
    try:
        yield {"port": port, "work": work, "inbox": inbox, "logs": logs}
    finally:
        for process in started:  # stop exactly what was started: each process group by its id
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _location_loaded(port: int):
    data = graphql(
        port,
        "{ workspaceOrError { ... on Workspace { locationEntries { name loadStatus locationOrLoadError { __typename } } } } }",
    )
    entries = data["workspaceOrError"]["locationEntries"]
    return (
        entries
        and all(
            e["loadStatus"] == "LOADED" and e["locationOrLoadError"]["__typename"] == "RepositoryLocation"
            for e in entries
        )
        and entries
    )


def test_pipeline_through_the_running_webserver(dagster_server):
    port = dagster_server["port"]
    try:
        wait_for(lambda: _location_loaded(port), 240, "the code location to load")
    except AssertionError:
        raise AssertionError((dagster_server["logs"] / "webserver.log").read_text()[-3000:]) from None

    repos = graphql(
        port,
        "{ repositoriesOrError { ... on RepositoryConnection { nodes { name location { name } jobs { name } schedules { name scheduleState { status } } sensors { name sensorState { status } } } } } }",
    )["repositoriesOrError"]["nodes"]
    [repo] = repos
    assert "conflict_pipeline" in {j["name"] for j in repo["jobs"]}
    assert {(s["name"], s["scheduleState"]["status"]) for s in repo["schedules"]} >= {("daily_refresh", "RUNNING")}
    assert {(s["name"], s["sensorState"]["status"]) for s in repo["sensors"]} >= {("new_article_files", "RUNNING")}
    assets = {
        "/".join(n["assetKey"]["path"]) for n in graphql(port, "{ assetNodes { assetKey { path } } }")["assetNodes"]
    }
    assert {
        "raw/articles",
        "clean/articles",
        "extracted/events",
        "marts/fct_events",
        "marts/events_by_province",
    } <= assets

    selector = {"repositoryLocationName": repo["location"]["name"], "repositoryName": repo["name"]}
    added = graphql(
        port,
        'mutation($r: RepositorySelector!) { addDynamicPartition(repositorySelector: $r, partitionsDefName: "input_batches", partitionKey: "all") { __typename } }',
        {"r": selector},
    )
    assert added["addDynamicPartition"]["__typename"] in {
        "AddDynamicPartitionSuccess",
        "DuplicateDynamicPartitionError",
    }
    launched = graphql(
        port,
        """mutation($p: ExecutionParams!) { launchRun(executionParams: $p) {
            __typename ... on LaunchRunSuccess { run { runId } } ... on PythonError { message } } }""",
        {
            "p": {
                "selector": {**selector, "jobName": "conflict_pipeline"},
                "executionMetadata": {"tags": [{"key": "dagster/partition", "value": "all"}]},
            }
        },
    )["launchRun"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    run_id = launched["run"]["runId"]

    def finished():
        status = graphql(port, "query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }", {"id": run_id})[
            "runOrError"
        ]["status"]
        return status if status in {"SUCCESS", "FAILURE", "CANCELED"} else None

    assert wait_for(finished, 600, "the launched run to finish") == "SUCCESS"

    def idle():
        active = graphql(
            port,
            "{ runsOrError(filter: {statuses: [QUEUED, NOT_STARTED, STARTING, STARTED]}) { ... on Runs { results { runId } } } }",
        )
        return not active["runsOrError"]["results"]

    wait_for(idle, 600, "a run the sensor may have started for the samples to finish as well")
    # a new article: the sensor starts a run for it alone (the samples are loaded: they start nothing)
    (dagster_server["inbox"] / "new_article.txt").write_text(
        "Iraqi forces shelled Islamic State positions near Rawa on Friday, killing two fighters.", encoding="utf-8"
    )

    def sensor_runs():
        runs = graphql(port, "{ runsOrError { ... on Runs { results { status tags { key value } } } } }")[
            "runsOrError"
        ]["results"]
        by_sensor = [r for r in runs if {"key": "dagster/sensor_name", "value": "new_article_files"} in r["tags"]]
        one = [r for r in by_sensor if {"key": "conflict/changed_files", "value": "1"} in r["tags"]]
        return by_sensor if one and all(r["status"] in {"SUCCESS", "FAILURE", "CANCELED"} for r in by_sensor) else None

    by_sensor = wait_for(sensor_runs, 600, "the sensor's run for the new article to finish")
    assert all(r["status"] == "SUCCESS" for r in by_sensor)
    assert all({"key": "conflict/changed_files", "value": "6"} not in r["tags"] for r in by_sensor)

    with duckdb.connect(str(dagster_server["work"] / "conflict.duckdb"), read_only=True) as con:
        sousa = con.execute("select actor1, cross_border from marts.fct_events where location = 'Sousa'").fetchall()
        provinces = {r[0] for r in con.execute("select admin1 from marts.events_by_province").fetchall()}
        new = con.execute("select count(*) from raw.articles where doc_id = 'new_article'").fetchone()[0]
    assert new == 1
    assert sousa == [("Popular Mobilization Forces", True)]
    # Anbar (Qaim retaken, told in a sentence's second clause) is lost by the engine's one act per
    # sentence: tests/unit/test_extraction_rules.py::test_two_acts_in_one_sentence_are_two_events
    assert {"Nineveh", "Deir ez-Zor"} <= provinces

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "asset_graph.png"
    shot.unlink(missing_ok=True)
    profile = dagster_server["work"] / "chromium-profile"
    flags = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1600,1000",
        "--virtual-time-budget=20000",
    ]
    graphql(port, "mutation { setNuxSeen }")  # the first-visit community dialog would cover the graph
    url = f"http://127.0.0.1:{port}/asset-groups"  # the global asset lineage graph
    dom = subprocess.run([*flags, "--dump-dom", url], capture_output=True, text=True, timeout=180).stdout
    subprocess.run([*flags, f"--screenshot={shot}", url], capture_output=True, timeout=180)
    for group in ("raw", "cleaning", "extraction", "staging", "marts"):
        assert f">{group}<" in dom, (group, dom[-2000:])
    assert "newsletter" not in dom
    assert shot.exists() and shot.stat().st_size > 20_000
