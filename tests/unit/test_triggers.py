"""The trigger index only skips patterns that cannot match: running just its candidates finds
exactly what running every pattern finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.coding.reference import load_reference
from extract.coding.text import tokens
from extract.coding.triggers import TriggerIndex, leading_words


def test_leading_words_read_from_the_regular_expression() -> None:
    regex = re.compile(r"\b(?:shell(?:ed|ing)|bombard(?:ed|ing)|pounded)\b", re.IGNORECASE)
    assert leading_words(regex) == {"shelled", "shelling", "bombarded", "bombarding", "pounded"}
    optional_first = re.compile(r"\b(?:(?:hand )?grenades? attack)\b", re.IGNORECASE)
    assert leading_words(optional_first) == {"hand", "grenade", "grenades"}
    assert leading_words(re.compile(r"\b[A-Z]\w+ attack", re.IGNORECASE)) is None


def test_a_pattern_with_an_unreadable_start_runs_on_every_clause() -> None:
    ref = load_reference()
    index = TriggerIndex(ref.patterns)
    assert index.always_run == [p.pattern_id for p in ref.patterns if leading_words(p.regex) is None]
    chosen = [p.pattern_id for p in index.candidates("Militants shelled the town of Baiji on Monday.")]
    assert "shelling_verb" in chosen
    assert "protest" not in chosen and "airstrike" not in chosen


def _every_match(patterns, text: str) -> set[tuple[str, int, int]]:
    return {(p.pattern_id, m.start(), m.end()) for p in patterns for m in p.regex.finditer(text)}


VOCABULARY = [
    "Islamic",
    "State",
    "fighters",
    "shelled",
    "SHELLING",
    "the",
    "village",
    "air",
    "strike",
    "airstrikes",
    "car",
    "bomb",
    "exploded",
    "clashes",
    "between",
    "and",
    "recaptured",
    "Da'esh",
    "killed",
    "were",
    "fighting",
    "rockets",
    "fired",
    "two",
    "mortar",
    "attack",
    "counter-attack",
    "protesters",
    "rallied",
    "in",
    "Mosul",
    ",",
    ".",
    "took",
    "control",
    "of",
    "suicide",
    "bomber",
    "blew",
    "himself",
    "up",
    "roadside",
    "IEDs",
    "detained",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=25), st.integers(0, 30), st.integers(0, 30))
def test_candidates_hold_every_pattern_that_matches(words: list[str], cut_start: int, cut_end: int) -> None:
    ref = load_reference()
    index = TriggerIndex(ref.patterns)
    body = " ".join(words)
    start = min(cut_start, len(body))
    end = max(start, len(body) - cut_end)
    piece = body[start:end]
    expected = _every_match(ref.patterns, piece)
    assert _every_match(index.candidates(piece), piece) == expected
    # the per-article scan, looked up for a range that may cut words in two, agrees too
    assert _every_match(index.scan(body).candidates(start, end), piece) == expected
    assert _every_match(index.scan(body, tokens(body)).candidates(start, end), piece) == expected
