"""What README's security section says about the UI's GraphQL, checked on Dagster's own web
application (issue #14, item 11): a cross-origin request of the kind any web page can send
(a form POST, ``Content-Type: text/plain``, the mutation in the URL) changes state, and the
read-only webserver refuses it. When Dagster starts refusing such requests, the first test
fails and the README should say so."""

import urllib.parse

import dagster as dg
import pytest
from dagster._core.workspace.context import WorkspaceProcessContext
from dagster._core.workspace.load_target import PythonFileTarget
from dagster._daemon.asset_daemon import get_auto_materialize_paused, set_auto_materialize_paused
from dagster_webserver.app import create_app_from_workspace_process_context
from starlette.testclient import TestClient

DEFINITIONS = (
    "import dagster as dg\n\n@dg.asset\ndef thing() -> None:\n    pass\n\ndefs = dg.Definitions(assets=[thing])\n"
)
MUTATION = "mutation { setAutoMaterializePaused(paused: true) }"


def cross_origin_mutation(tmp_path, read_only: bool) -> tuple[dict, bool]:
    """The response to a forged request, and whether automation ended up paused."""
    module = tmp_path / "defs.py"
    module.write_text(DEFINITIONS, encoding="utf-8")
    target = PythonFileTarget(
        python_file=str(module), attribute=None, working_directory=str(tmp_path), location_name=None
    )
    with dg.instance_for_test() as instance:
        set_auto_materialize_paused(instance, False)
        with WorkspaceProcessContext(instance, target, read_only=read_only) as context:
            client = TestClient(create_app_from_workspace_process_context(context))
            response = client.post(
                "/graphql?" + urllib.parse.urlencode({"query": MUTATION}),
                headers={"Origin": "https://attacker.example", "Content-Type": "text/plain"},
                content=b"",
            )
        return response.json(), get_auto_materialize_paused(instance)


@pytest.mark.parametrize("read_only", [False, True], ids=["dagster-dev", "read-only"])
def test_a_forged_cross_origin_mutation(tmp_path, read_only):
    body, paused = cross_origin_mutation(tmp_path, read_only)
    if read_only:
        assert not paused and body.get("errors"), body
    else:
        assert paused and body["data"] == {"setAutoMaterializePaused": True}, body
