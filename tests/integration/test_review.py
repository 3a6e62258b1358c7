"""The review loop (extract/tools/review.py, ``conflict-events review``): candidates are listed
from the review marts, accepted names go into the reference files in their format and resolve on
the next run, rejected names stop being proposed. Every test works on a copy of seeds/reference (CONFLICT_REFERENCE_DIR), so
the project's files are never changed."""

import csv
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from extract.coding.reference import DEFAULT_REFERENCE_DIR, load_reference
from extract.storage.stages import clean_stage, extract_stage, load_stage
from extract.tools import review
from tests.support.dbt import dbt_run

ARTICLE = (
    "Rebels shell Islamic State near Salamyieh\n\n"
    "Fighters of the Hamza Division shelled Islamic State positions near Salamyieh on Monday, killing 12 militants, "
    "the Syrian Observatory for Human Rights said.\n\n"
    "Jaysh al-Izza fighters clashed with the Syrian army in the village of Kafr Nabuda, the monitor said.\n\n"
    "The Hamza Division said in a statement that its fighters also shelled the town of Tal Rifaat."
)


def fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module", autouse=True)
def project_reference_is_untouched():
    before = fingerprint(DEFAULT_REFERENCE_DIR)
    yield
    assert fingerprint(DEFAULT_REFERENCE_DIR) == before, "a review test changed seeds/reference"


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    reference = tmp_path / "reference"
    shutil.copytree(DEFAULT_REFERENCE_DIR, reference)
    monkeypatch.setenv("CONFLICT_REFERENCE_DIR", str(reference))
    inbox = tmp_path / "articles"
    inbox.mkdir()
    (inbox / "hamza.txt").write_text(ARTICLE, encoding="utf-8")
    load_reference.cache_clear()
    ws = {"reference": reference, "inbox": inbox, "path": tmp_path / "conflict.duckdb"}
    ws["con"] = duckdb.connect(str(ws["path"]))
    yield ws
    ws["con"].close()
    load_reference.cache_clear()


def run_pipeline(ws) -> None:
    """Load, clean and extract, then build the review marts (what make run does for review)."""
    load_stage(ws["con"], ws["inbox"], log=lambda _: None)
    clean_stage(ws["con"])
    extract_stage(ws["con"], log=lambda _: None)
    ws["con"].close()  # dbt opens the file in its own process
    dbt_run(ws["path"], "+candidate_actors", "+candidate_places")
    ws["con"] = duckdb.connect(str(ws["path"]))


def candidate_names(ws, kind: str) -> set[str]:
    return {c.name for c in review.candidates(ws["con"], kind, ws["reference"])}


def test_candidates_are_listed_with_counts_and_examples(workspace):
    run_pipeline(workspace)
    actors = {c.name: c for c in review.candidates(workspace["con"], "actors", workspace["reference"])}
    assert set(actors) == {"Hamza Division", "Jaysh al-Izza"}
    hamza = actors["Hamza Division"]
    assert (hamza.mentions, hamza.articles) == (2, 1)
    assert len(hamza.examples) == 2 and all("Hamza Division" in e for e in hamza.examples)
    assert candidate_names(workspace, "places") == {"Salamyieh", "Kafr Nabuda"}


def test_accepting_a_new_actor_makes_the_next_run_resolve_it(workspace):
    run_pipeline(workspace)
    message = review.accept_actor(
        "Hamza Division",
        "Hamza Division",
        workspace["reference"],
        parent="Syrian Rebels",
        actor_type="Rebel group",
        country_code="SY",
    )
    assert "actors.csv" in message and "actor_aliases.csv" in message
    actors = list(csv.DictReader((workspace["reference"] / "actors.csv").open(encoding="utf-8")))
    assert actors[-1] == {
        "actor": "Hamza Division",
        "parent": "Syrian Rebels",
        "actor_type": "Rebel group",
        "country_code": "SY",
        "state_default": "false",
        "description": "added in review from the candidate 'Hamza Division'",
    }
    aliases = (workspace["reference"] / "actor_aliases.csv").read_text(encoding="utf-8")
    assert aliases.endswith("Hamza Division,Hamza Division,name,false,false\n")
    run_pipeline(workspace)
    assert "Hamza Division" not in candidate_names(workspace, "actors")
    mentions = (
        workspace["con"]
        .execute("select actor, actor_parent from extracted.actor_mentions where text = 'Hamza Division'")
        .fetchall()
    )
    assert mentions and set(mentions) == {("Hamza Division", "Syrian Rebels")}
    actor1 = workspace["con"].execute("select actor1 from extracted.events where actor1 = 'Hamza Division'").fetchall()
    assert actor1, "the accepted group should act in the shelling"


def test_accepting_a_spelling_of_a_known_actor_adds_only_the_alias(workspace):
    before = (workspace["reference"] / "actors.csv").read_bytes()
    review.accept_actor("Jaysh al-Izza", "Syrian Rebels", workspace["reference"])
    assert (workspace["reference"] / "actors.csv").read_bytes() == before
    assert (
        "Jaysh al-Izza,Syrian Rebels,name,false,false\n" in (workspace["reference"] / "actor_aliases.csv").read_text()
    )
    assert load_reference(workspace["reference"]).aliases[-1].alias == "Jaysh al-Izza"


def test_a_new_actor_needs_a_type_and_a_known_parent(workspace):
    with pytest.raises(review.ReviewError, match="--type"):
        review.accept_actor("Hamza Division", "Hamza Division", workspace["reference"])
    with pytest.raises(review.ReviewError, match="parent"):
        review.accept_actor(
            "Hamza Division", "Hamza Division", workspace["reference"], actor_type="Rebel group", parent="Nobody"
        )


def test_rejected_names_are_remembered_and_not_proposed_again(workspace):
    run_pipeline(workspace)
    review.reject("Jaysh al-Izza", "actors", workspace["reference"], note="test")
    assert "Jaysh al-Izza" not in candidate_names(workspace, "actors")  # at once, from the decisions file
    decisions = list(csv.DictReader((workspace["reference"] / "review_decisions.csv").open(encoding="utf-8")))
    assert [(d["name"], d["kind"], d["decision"]) for d in decisions] == [("Jaysh al-Izza", "actor", "rejected")]
    run_pipeline(workspace)  # and after re-extraction, no mention is a candidate any more
    left = workspace["con"].execute(
        "select count(*) from extracted.entity_mentions where text = 'Jaysh al-Izza' and candidate is not null"
    )
    assert left.fetchone()[0] == 0


def test_accepting_a_spelling_of_a_gazetteer_place_rebuilds_places(workspace):
    run_pipeline(workspace)
    message = review.accept_place("Salamyieh", "As Salamiyah", workspace["reference"])
    assert "places.csv rebuilt" in message and "dropped" not in message
    rows = list(csv.DictReader((workspace["reference"] / "places.csv").open(encoding="utf-8")))
    salamiyah = [r for r in rows if "Salamyieh" in r["aliases"].split("|")]
    assert len(salamiyah) == 1 and salamiyah[0]["place_id"] == "gn:164947" and salamiyah[0]["admin1_code"] == "SY-HM"
    assert len(rows) == len(list(csv.DictReader((DEFAULT_REFERENCE_DIR / "places.csv").open(encoding="utf-8"))))
    run_pipeline(workspace)
    places = (
        workspace["con"]
        .execute("select location, admin1 from extracted.place_mentions where text = 'Salamyieh'")
        .fetchall()
    )
    assert places == [("As Salamīyah", "Hama"), ("As Salamīyah", "Hama")]
    assert "Salamyieh" not in candidate_names(workspace, "places")


def test_accepting_a_new_place_needs_its_province_and_coordinates(workspace):
    with pytest.raises(review.ReviewError, match="--admin1-code --lat --lon"):
        review.accept_place("Kafr Nabuda", "Kafr Nabuda", workspace["reference"], feature_kind="village")
    review.accept_place(
        "Kafr Nabuda",
        "Kafr Nabuda",
        workspace["reference"],
        feature_kind="village",
        admin1_code="SY-HM",
        latitude=35.43,
        longitude=36.52,
    )
    curated = (workspace["reference"] / "places_curated.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert curated.startswith("Kafr Nabuda,,village,Hama,SY-HM,Syria,SY,35.4300,36.5200,curated,")
    place = next(p for p in load_reference(workspace["reference"]).places.values() if p.name == "Kafr Nabuda")
    assert (place.place_id, place.admin1_code) == ("cur:kafr-nabuda", "SY-HM")


def test_the_command_lists_accepts_and_explains(workspace):
    run_pipeline(workspace)
    workspace["con"].close()
    ref, wh = str(workspace["reference"]), str(workspace["path"])

    def cli(*args):
        return subprocess.run(
            [sys.executable, "-m", "extract.tools.cli", "review", "--reference-dir", ref, *args],
            capture_output=True,
            text=True,
            timeout=120,
        )

    listed = cli("--warehouse", wh)
    assert listed.returncode == 0, listed.stderr
    assert (
        "== candidate actors: 2 ==" in listed.stdout
        and "Hamza Division  [actor]  2 mentions in 1 articles" in listed.stdout
    )
    assert "like known: As Salamīyah" in listed.stdout
    refused = cli("--accept", "Hamza Division", "--as-actor", "Hamza Division")
    assert refused.returncode == 2 and "pass --type" in refused.stderr and "Traceback" not in refused.stderr
    accepted = cli(
        "--accept",
        "Hamza Division",
        "--as-actor",
        "Hamza Division",
        "--type",
        "Rebel group",
        "--parent",
        "Syrian Rebels",
    )
    assert accepted.returncode == 0, accepted.stderr
    rejected = cli("--reject", "Kafr Nabuda", "--kind", "places")
    assert rejected.returncode == 0 and "rejected place 'Kafr Nabuda'" in rejected.stdout
    again = cli("--warehouse", wh)
    assert "== candidate actors: 1 ==" in again.stdout and "Kafr Nabuda  [place]" not in again.stdout
    workspace["con"] = duckdb.connect(wh)
