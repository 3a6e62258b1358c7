"""More places: which other places of an event's sentence are the places of events of their own.

ACLED codes one event per location: "air strikes killed 45 in Aleppo and 22 in neighbouring
Idlib" is two events, "the army shelled Barzeh and the Jubar district" two, but "shells fell on
Kafr Nabl in the Idlib countryside" or "clashes near Palmyra east of Homs" one. After the place
selector has chosen the event's place, a logistic regression decides for each other place the
sentence names whether it is another event's place, from how it is joined to the chosen one (a
list, "and", "of"/"in", a verb between them, a figure of its own) and from what the selector saw
of it. ``make train`` fits it on the corpus's train sentences (a candidate is positive when it
is the place of another of the sentence's hand-coded events). Without the model file the engine
keeps the rule it had before: places listed with the chosen one, in the same province.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.coding.place_lists import part_of
from extract.coding.where import head_token, linear_probability, linear_weights

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan

    from extract.coding.where import Candidate

MODEL_NAME = "more_places.joblib"
DEFAULT_THRESHOLD = 0.5
_OWN_FIGURE_WINDOW = 4


def relation_features(
    sent: DocSpan,
    best: Candidate,
    other: Candidate,
    score: float,
    listed: bool,
    same_admin1: bool | None,
) -> dict[str, Any]:
    """What the model sees of one other place: its selector features (prefixed ``o:``), its
    selector score, and how the text joins it to the chosen place. Training and coding both call
    this, so the model never sees a feature it will not get at run time."""
    out: dict[str, Any] = {f"o:{name}": value for name, value in other.features.items()}
    out["score"] = score
    out["source=" + other.source] = 1
    out["listed"] = int(listed)
    out["part_of"] = int(part_of(sent.text, best, other))
    out["after_best"] = int(other.start > best.start)
    out["admin1=" + ("unknown" if same_admin1 is None else "same" if same_admin1 else "other")] = 1
    first, second = (best, other) if best.start < other.start else (other, best)
    gap = sent.text[first.end : second.start]
    words = re.findall(r"[\w'’-]+", gap)
    out[
        "gap_words=" + ("0-1" if len(words) <= 1 else "2-4" if len(words) <= 4 else "5-9" if len(words) <= 9 else "10+")
    ] = 1
    out["gap_and"] = int(bool(re.search(r"\band\b", gap)))
    out["gap_comma"] = int("," in gap)
    out["gap_ends_in_prep"] = int(bool(re.search(r"\b(?:in|at|on|near|of)\s*(?:the\s+)?$", gap)))
    base = sent.start_char
    between = [t for t in sent if first.end <= t.idx - base and t.idx - base + len(t) <= second.start]
    out["gap_verb"] = int(any(t.pos_ in {"VERB", "AUX"} for t in between))
    out["gap_figure"] = int(any(t.like_num for t in between))
    before = [t for t in sent if t.idx - base + len(t) <= other.start][-_OWN_FIGURE_WINDOW:]
    out["own_figure"] = int(any(t.like_num for t in before))
    one, two = head_token(sent, best.start, best.end), head_token(sent, other.start, other.end)
    if one is not None and two is not None:
        out["conj"] = int(_conjoined(one, two))
        out["inside_best"] = int(two in one.subtree)
    return out


def _conjoined(a: Any, b: Any) -> bool:
    """The two heads are joined by coordination ("A and B", "A, B and C"), directly or through
    their prepositions ("in A and in B")."""

    def climb(token: Any) -> Any:
        while token.dep_ == "conj":
            token = token.head
        return token

    if climb(a) == climb(b):
        return True
    pa, pb = a.head if a.dep_ == "pobj" else a, b.head if b.dep_ == "pobj" else b
    return bool(climb(pa) == climb(pb) and pa != pb)


@dataclass
class MorePlaces:
    """The trained model (weights read once), or ``None`` weights for the rule without it."""

    weights: dict[str, float] | None
    intercept: float = 0.0
    threshold: float = DEFAULT_THRESHOLD

    @classmethod
    def load(cls, path: Path) -> MorePlaces:
        if not path.exists():
            return cls(None)
        import joblib

        saved = joblib.load(path)
        weights, intercept = linear_weights(saved["pipeline"])
        return cls(weights, intercept, float(saved["card"].get("threshold", DEFAULT_THRESHOLD)))

    @property
    def trained(self) -> bool:
        return self.weights is not None

    def probability(self, features: dict[str, Any]) -> float:
        return linear_probability(self.weights or {}, self.intercept, features)

    def is_event_place(self, features: dict[str, Any]) -> bool:
        """Another event's place: the model's probability at its threshold, or without a model
        the old rule (listed with the chosen place or scored high by the selector, in the same
        province, never its part or where fire came from)."""
        if self.weights is not None:
            return self.probability(features) >= self.threshold
        return bool(
            (features.get("score", 0.0) >= DEFAULT_THRESHOLD or features.get("listed"))
            and not features.get("o:origin_prep")
            and not features.get("part_of")
            and not features.get("admin1=other")
        )
