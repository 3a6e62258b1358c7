"""Across the border: whether an event's fire, aircraft or forces came from another country.

Rules read what is unambiguous: a launch place abroad ("from Qaim"), aircraft that "took off
from Russian territory", a neighbouring state's forces firing into the place's country. A
logistic regression trained by ``make train`` on the corpus's ``cross_border`` column then
weighs the rules' verdicts with the acting side's country and kind, the kind of act, where it
landed and a few words (``border_words`` of ``event_cues.yml``), and has the last word: the
rules alone flag an ally's offensive or a namesake abroad as readily as a real crossing. Without
a model file the rules decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from extract.coding.classifier import event_cues
from extract.coding.models import PlaceMention
from extract.coding.reference import Reference
from extract.coding.sides import Side
from extract.coding.where import linear_probability, linear_weights

REMOTE = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
GROUND = frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"})
MODEL_NAME = "cross_border.joblib"
DEFAULT_THRESHOLD = 0.5

Features = dict[str, float | str]


@dataclass(frozen=True)
class Verdict:
    """What the rules say of one act: crossed or not, from which country, and which rule said so."""

    crossed: bool
    origin: str | None
    reason: str


_CROSSED = re.compile(
    r"across the border|cross-border|crossed (?:the|into)|\b(?:into|inside) (?:syria|iraq|turkey|lebanon|jordan|israel|iran)\b"
    r"|from (?:inside |across )?(?:the )?(?:turkish|iraqi|syrian|lebanese|jordanian|israeli|iranian) (?:territory|side|soil)",
    re.IGNORECASE,
)
_LAUNCH = re.compile(
    r"\b(?:took off|taking off|flew(?: out)?|flying|launched|fired|based|bombers|jets|warplanes|missiles|rockets)"
    r"\s+(?:from|out of)\s+"
    r"(?:an?\s+|the\s+)?(?:(?:air\s?base|airfield|base|bases)\s+in\s+)?(?P<where>[A-Z][a-z]+)(?:\s+(?:territory|soil))?",
)
_COUNTRY_WORDS = {
    "Russia": "RU", "Russian": "RU", "Iran": "IR", "Iranian": "IR", "Turkey": "TR", "Turkish": "TR",
    "Israel": "IL", "Israeli": "IL", "Iraq": "IQ", "Iraqi": "IQ", "Jordan": "JO", "Jordanian": "JO",
    "Lebanon": "LB", "Lebanese": "LB", "Syria": "SY", "Syrian": "SY",
}  # fmt: skip
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def says_it_crossed(text: str) -> bool:
    """The sentence itself says the act crossed a border ("cross-border", "into Syria")."""
    return bool(_CROSSED.search(text))


def launch_country(text: str) -> str | None:
    """The country aircraft or missiles were launched from, when the sentence says so ("took off
    from Russian territory", "flew out of an airbase in Russia")."""
    match = _LAUNCH.search(text)
    return _COUNTRY_WORDS.get(match.group("where")) if match else None


def rule_verdict(
    actor1: Side | None, target: str | None, local: list[PlaceMention], text: str, label: str, ref: Reference
) -> Verdict:
    """Fire, aircraft or forces of one country striking or fighting in another (``target``, the
    country of the event's place): a launch place abroad, a named launch country, or a
    neighbouring state's forces firing into the place's country."""
    if target is None:
        return Verdict(False, None, "no_place")
    home = actor1.country_code if actor1 else None
    for p in local:
        # a launch place abroad, unless the side that acted is of a third country ("strikes on
        # militants who had crossed from Turkey" is not fire from Turkey)
        if p.role == "origin" and p.country_code and p.country_code != target and home in {None, p.country_code}:
            return Verdict(True, p.country_code, "launch_place")
    launched = launch_country(text)
    if launched and launched != target and home in {None, launched} and label in REMOTE:
        # "bombers that took off from Russian territory struck Deir Ezzor"
        return Verdict(True, launched, "launch_country")
    if actor1 is None or not home or home == target or not ref.are_neighbours(home, target):
        return Verdict(False, None, "none")
    if says_it_crossed(text):
        return Verdict(True, home, "neighbour_crossed")
    if actor1.actor_type in {"State forces", "External/Other forces"} and (label in REMOTE or label in GROUND):
        # a neighbour's fire, aircraft or troops acting in the place's country
        return Verdict(True, home, "neighbour_state")
    return Verdict(False, None, "none")


@lru_cache(maxsize=4)
def border_words(directory: Path | None = None) -> frozenset[str]:
    """``border_words`` of ``event_cues.yml``."""
    return frozenset(event_cues(directory).get("border_words") or [])


def crossing_features(
    actor1: Side | None,
    target: str | None,
    home: str | None,
    local: list[PlaceMention],
    text: str,
    label: str,
    ref: Reference,
    drafted: bool,
) -> tuple[Features, Verdict]:
    """What the model reads of one event: the rules' verdict on the event as merged, and
    ``drafted`` (the verdict of any of its sentences as first read), the acting side's country
    against where the act landed, the kind of act, whether the place lies outside the article's
    own country, and the border words of the sentence."""
    verdict = rule_verdict(actor1, target, local, text, label, ref)
    group = "remote" if label in REMOTE else "ground" if label in GROUND else "other"
    features: Features = {
        "rule": verdict.reason,
        "drafted": float(drafted),
        "group": group,
        "target": target or "none",
        "said_crossed": float(says_it_crossed(text)),
        "place_abroad": float(bool(target and home and target != home)),
    }
    launched = launch_country(text)
    if launched and launched != target:
        features["launched_abroad"] = 1.0
    if actor1 is not None:
        features["actor1_type"] = actor1.actor_type
        features["actor1_default"] = float(actor1.resolution == "default")
        country = actor1.country_code
        if country and target and country != target:
            features["actor1_foreign"] = 1.0
            features["actor1_country"] = country
            features["actor1_neighbour"] = float(ref.are_neighbours(country, target))
            features[f"actor1_foreign_{group}"] = 1.0
    words = border_words()
    for word in set(_WORD.findall(text.lower())) & words:
        features[f"w={word}"] = 1.0
    return features, verdict


class CrossingModel:
    """The trained flag: a DictVectorizer and a binary logistic regression, with the threshold
    ``make train`` chose on dev."""

    def __init__(self, model: Any, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.model = model
        self.threshold = threshold
        self._weights, self._intercept = linear_weights(model)

    @classmethod
    def load(cls, path: Path) -> CrossingModel | None:
        """The model saved at ``path``, or None when there is none (the rules then decide)."""
        import joblib

        if not path.exists():
            return None
        saved = joblib.load(path)
        return cls(saved["pipeline"], float(saved["card"].get("threshold", DEFAULT_THRESHOLD)))

    def probability(self, features: Features) -> float:
        if self._weights is not None:
            return linear_probability(self._weights, self._intercept, features)
        return float(self.model.predict_proba([features])[0, 1])


def decide(
    model: CrossingModel | None,
    features: Features,
    verdict: Verdict,
    drafted: tuple[bool, str | None],
    actor1: Side | None,
    target: str | None,
) -> tuple[bool, str | None]:
    """Cross-border or not, and the country the act came from: the model's verdict when there is
    a model (the origin from the rules, else the acting side's country when it is foreign to
    the place), else the rules' as the sentences were first read."""
    if model is None:
        return drafted
    if target is None or model.probability(features) < model.threshold:
        return False, None
    country = actor1.country_code if actor1 else None
    origin = verdict.origin or drafted[1] or (country if country and country != target else None)
    # a crossing comes from somewhere: with no country to name, the flag stays down
    return (True, origin) if origin and origin != target else (False, None)
