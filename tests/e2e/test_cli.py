"""The ``conflict-events`` command: extract and evaluate on real files, clean errors on bad ones."""

import json
import subprocess
import sys

from tests.support.paths import GOLD, SAMPLES


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extract.tools.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_extract_then_evaluate_the_samples(tmp_path):
    out = tmp_path / "events.jsonl"
    done = run("extract", str(SAMPLES), "--output", str(out))
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert {e["doc_id"] for e in events} >= {"000_ea6be75ec4a61536", "004_34ccb137bf134dc0"}
    assert {"event_id", "evidence", "char_start", "confidence", "cross_border"} <= set(events[0])
    scores = tmp_path / "scores.json"
    evaluated = run("evaluate", "--gold", str(GOLD), "--predicted", str(out), "--json", str(scores))
    assert evaluated.returncode == 0 and "F1" in evaluated.stdout
    assert (
        json.loads(scores.read_text())["recall"] >= 0.4
    )  # the engine finds 4 of 9 seed events today (tests/unit/test_gold.py)


def test_csv_of_short_descriptions_with_chosen_columns(tmp_path):
    table = tmp_path / "reports.csv"
    table.write_text(
        "report_no,description\n"
        'r1,"Turkish warplanes struck PKK positions near Sinjar on Monday, killing four fighters."\n'
        'r2,"Syrian government forces recaptured the town of Mayadin from Islamic State militants on Saturday, '
        'the army said."\n'
        "r3,Officials met to discuss the budget.\n",
        encoding="utf-8",
    )
    out = tmp_path / "events.jsonl"
    done = run("extract", str(table), "--output", str(out), "--id-column", "report_no", "--text-column", "description")
    assert done.returncode == 0, done.stderr
    coded = {(e["doc_id"], e["sub_event_type"], e["actor1"]) for e in map(json.loads, out.read_text().splitlines())}
    assert coded == {
        ("r1", "Air/drone strike", "Turkish Armed Forces"),
        ("r2", "Government regains territory", "Syrian Government Forces"),
    }


def test_bad_input_is_one_line_and_a_non_zero_exit(tmp_path):
    missing = run("extract", str(tmp_path / "nowhere"), "--output", str(tmp_path / "x.jsonl"))
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr and len(missing.stderr.strip().splitlines()) == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    wrong = run("evaluate", "--gold", str(GOLD), "--predicted", str(bad))
    assert wrong.returncode == 2 and "not valid JSON" in wrong.stderr and "Traceback" not in wrong.stderr
