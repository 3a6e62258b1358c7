"""Where: the candidate places of an event's sentence, and a trained selector that picks one.

Candidates come from the gazetteer, the parser's named places (GPE, LOC, FAC) and patterns such
as "the village of X", so a place the reference does not know is still found as written. Which
candidate is the event's place (not the capital of the side that fired, not a backer's country,
not the dateline) is decided by a logistic regression over grammatical features: the preposition
before the place, its path to the event's verb, its position. It is trained by ``make train`` on
the event-location sentences (Halterman 2019, MIT) and the corpus's training articles.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pycountry

from extract.coding.models import PlaceMention
from extract.coding.place_lists import listed_places

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# the Arabic article, written apart or joined ("Deir al-Zor", "Maarat al-Numan", "Tal el Sheikh")
_ARTICLE = "(?:al|el|ad|ar|as|ash|az|an|at|Al|El|Ad|Ar|As|Ash|Az|An|At)"
_PLACE_NOUN = re.compile(
    r"\b(?:village|town|city|district|neighbou?rhood|suburb|area|region|province|governorate|"
    r"countryside|outskirts|camp|airport|base|crossing|hill|mountain|valley|desert|quarter)\s+of\s+"
    rf"((?:{_ARTICLE}[-\s])?[A-Z][\w'’-]+(?:[\s-](?:{_ARTICLE}[-\s])?[A-Z][\w'’-]+){{0,3}})"
)
_PLACE_NOUN_WORDS = re.compile(
    r"^(?:village|town|city|district|neighbou?rhood|suburb|area|region|province|governorate|countryside|outskirts|camp|airport|base|crossing|hill|mountain|valley|desert|quarter)s?$"
)
_PREV_WORDS = frozenset(
    {
        "in",
        "at",
        "near",
        "on",
        "from",
        "into",
        "to",
        "outside",
        "inside",
        "across",
        "around",
        "toward",
        "towards",
        "of",
        "by",
        "the",
        "and",
        "between",
        "against",
        "over",
        "within",
        "off",
        "through",
        "north",
        "south",
        "east",
        "west",
        ",",
    }
)
ORIGIN_PREPS = frozenset({"from"})
# "the Britain-based Observatory", "Iran-backed militias": a place that qualifies a name is not
# where anything happened
_AFFILIATION_AFTER = re.compile(r"-\s?(?:based|backed|led|supported|funded|allied|aligned|sponsored)\b")
# "Jabhat Fatah al-Sham (banned in Russia)": a gloss on a group, never where an act happened
_GLOSS_BEFORE = re.compile(r"\b(?:banned|outlawed|prohibited|proscribed)\s+in\s+(?:the\s+)?$", re.IGNORECASE)
NEAR_PREPS = frozenset({"near", "outside", "around", "close", "nearby", "outskirts", "north", "south", "east", "west"})


@dataclass
class Candidate:
    """A place named in the sentence that may be where the event happened."""

    text: str
    start: int  # offsets into the sentence
    end: int
    source: str  # gazetteer, ner, pattern
    mention: PlaceMention | None  # the gazetteer reading, when the reference knows the place
    features: dict[str, Any]


def head_token(sentence: Span, start: int, end: int) -> Token | None:
    """The syntactic head of the characters [start, end) of the sentence."""
    tokens = [t for t in sentence if start <= t.idx - sentence.start_char < end]
    if not tokens:
        return None
    return min(tokens, key=lambda t: sum(1 for _ in t.ancestors))


def _path_length(a: Token, b: Token) -> int:
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index_b = {t.i: k for k, t in enumerate(up_b)}
    for k, token in enumerate(up_a):
        if token.i in index_b:
            return k + index_b[token.i]
    return 12


def features(sentence: Span, head: Token | None, trigger: Token | None, n_candidates: int, kind: str) -> dict[str, Any]:
    """What the selector sees of one candidate. The same function serves training and coding, so
    the model is never shown features it will not get at run time."""
    out: dict[str, Any] = {"kind=" + kind: 1, "n_candidates": min(n_candidates, 6) / 6}
    if head is None:
        out["no_head"] = 1
        return out
    words = [t.lower_ for t in sentence.doc[max(sentence.start, head.left_edge.i - 3) : head.left_edge.i]]
    if words:
        out["prev=" + (words[-1] if words[-1] in _PREV_WORDS else "other")] = 1
    if len(words) >= 2 and words[-1] == "of" and _PLACE_NOUN_WORDS.match(words[-2]):
        out["place_noun_of"] = 1
        noun = sentence.doc[head.left_edge.i - 2]
        head = noun if noun.dep_ == "pobj" else head
    prep = head.head if head.dep_ == "pobj" else None
    out["dep=" + head.dep_] = 1
    if prep is not None:
        out["prep=" + prep.lower_] = 1
        out["prep_attach=" + prep.head.pos_] = 1
        if prep.lower_ in ORIGIN_PREPS:
            out["origin_prep"] = 1
        if prep.lower_ in NEAR_PREPS or prep.head.lower_ in NEAR_PREPS:
            out["near"] = 1
        if trigger is not None and prep.head.i == trigger.i:
            out["prep_on_trigger"] = 1
    else:
        out["prep=none"] = 1
    if head.dep_ in {"compound", "amod", "poss", "nmod"}:
        out["modifier_of=" + head.head.pos_] = 1
    if head.i == sentence.start or (head.i - sentence.start) <= 1:
        out["sentence_start"] = 1
    nxt = sentence.doc[head.i + 1] if head.i + 1 < len(sentence.doc) else None
    if nxt is not None and nxt.lower_ in {"'s", "’s", "-backed", "based"}:
        out["possessive_or_backed"] = 1
    if nxt is not None and nxt.lower_ in {"province", "governorate", "countryside", "district"}:
        out["admin_word_after"] = 1
    if trigger is not None:
        distance = head.i - trigger.i
        out["after_trigger"] = int(distance > 0)
        out["token_distance"] = min(abs(distance), 30) / 30
        out["path"] = min(_path_length(head, trigger), 12) / 12
        out["path<=2"] = int(_path_length(head, trigger) <= 2)
    ancestors = {t.lemma_.lower() for t in head.ancestors}
    if ancestors & {"say", "report", "tell", "announce", "state", "claim"}:
        out["under_reporting_verb"] = 1
    return out


def candidates(
    sentence: Span, trigger: Token | None, gazetteer: list[PlaceMention], blocked: list[tuple[int, int]] | None = None
) -> list[Candidate]:
    """Every place the sentence names: gazetteer mentions (offsets relative to the sentence),
    then the names of comma-less place lists (``place_lists``), then the parser's places and
    "village of X" patterns that the gazetteer missed. Spans in
    ``blocked`` (actor names, such as "Hezbollah" read as a place by the parser) are never places."""
    found: list[Candidate] = []
    taken: list[tuple[int, int]] = list(blocked or [])
    listed = [(s, e) for s, e in listed_places(sentence.text) if not any(s < be and bs < e for bs, be in taken)]
    for mention in gazetteer:
        span = (mention.char_start, mention.char_end)
        if any(s <= span[0] and span[1] <= e and span != (s, e) for s, e in listed):
            continue  # "Hamra" inside the listed "Kafar Hamra"
        found.append(Candidate(mention.text, mention.char_start, mention.char_end, "gazetteer", mention, {}))
        taken.append(span)
    for start, end in listed:
        if any(s < end and start < e for s, e in taken):
            continue
        found.append(Candidate(sentence.text[start:end], start, end, "list", None, {}))
        taken.append((start, end))
    base = sentence.start_char
    for ent in sentence.ents:
        if ent.label_ not in PLACE_ENTS:
            continue
        start, end = ent.start_char - base, ent.end_char - base
        if any(s < end and start < e for s, e in taken):
            continue
        text = re.sub(r"^(?:the)\s+", "", ent.text, flags=re.IGNORECASE)
        found.append(Candidate(text, end - len(text), end, "ner", None, {}))
        taken.append((start, end))
    for match in _PLACE_NOUN.finditer(sentence.text):
        start, end = match.start(1), match.end(1)
        if any(s < end and start < e for s, e in taken):
            continue
        found.append(Candidate(match.group(1), start, end, "pattern", None, {}))
        taken.append((start, end))
    found = [
        c
        for c in found
        if not _AFFILIATION_AFTER.match(sentence.text[c.end :]) and not _GLOSS_BEFORE.search(sentence.text[: c.start])
    ]
    for candidate in found:
        head = head_token(sentence, candidate.start, candidate.end)
        kind = _kind(candidate)
        candidate.features = features(sentence, head, trigger, len(found), kind)
    return found


def _kind(candidate: Candidate) -> str:
    """Country, province or place: what the candidate is, known for gazetteer and NER alike."""
    if candidate.mention is not None:
        kind = candidate.mention.feature_kind
        return kind if kind in {"country", "province"} else "place"
    if _is_country(candidate.text):
        return "country"
    return (
        "province" if re.search(r"\b(?:province|governorate|state|region)$", candidate.text, re.IGNORECASE) else "place"
    )


@lru_cache(maxsize=4096)
def _is_country(name: str) -> bool:
    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return False
    return True


class PlaceSelector:
    """The trained selector; without a model file it prefers places after the event's verb
    introduced by "in/at/near/on", which is also what the model mostly learns."""

    def __init__(self, model: Any | None) -> None:
        self.model = model
        self._weights, self._intercept = linear_weights(model)

    def scores(self, found: list[Candidate]) -> list[float]:
        if not found:
            return []
        if self.model is None:
            return [_rule_score(c.features) for c in found]
        if self._weights is not None:
            return [self._linear(c.features) for c in found]
        probabilities = self.model.predict_proba([c.features for c in found])[:, 1]
        return [float(p) for p in probabilities]

    def _linear(self, features: dict[str, Any]) -> float:
        """The logistic regression's probability computed directly: the selector is called once
        per event sentence with a handful of candidates, where sklearn's per-call checks cost
        more than the arithmetic (the result is the same as ``predict_proba``)."""
        return linear_probability(self._weights or {}, self._intercept, features)


def linear_probability(weights: dict[str, float], intercept: float, features: dict[str, Any]) -> float:
    """A binary logistic regression's probability from its weights by feature name (see
    :func:`linear_weights`): string values read as DictVectorizer's one-hot ``name=value``."""
    z = intercept
    for name, value in features.items():
        if isinstance(value, str):
            z += weights.get(f"{name}={value}", 0.0)
        else:
            z += weights.get(name, 0.0) * float(value)
    return 1.0 / (1.0 + math.exp(-z))


def linear_weights(model: Any | None) -> tuple[dict[str, float] | None, float]:
    """Feature weights of a DictVectorizer + binary LogisticRegression pipeline (what
    ``make train`` saves), or None for any other model, which is then asked through sklearn."""
    steps = getattr(model, "named_steps", None)
    if not steps or len(steps) != 2:
        return None, 0.0
    vectorizer, classifier = steps.get("features"), steps.get("classifier")
    vocabulary = getattr(vectorizer, "vocabulary_", None)
    coef = getattr(classifier, "coef_", None)
    if vocabulary is None or coef is None or coef.shape[0] != 1 or list(classifier.classes_) != [0, 1]:
        return None, 0.0
    return {name: float(coef[0, column]) for name, column in vocabulary.items()}, float(classifier.intercept_[0])


def _rule_score(f: dict[str, Any]) -> float:
    score = 0.3
    score += 0.3 if any(f.get(f"prep={p}") for p in ("in", "at", "near", "on", "into", "outside")) else 0
    score -= 0.3 if f.get("origin_prep") or f.get("modifier_of=NOUN") or f.get("possessive_or_backed") else 0
    score -= 0.2 if f.get("sentence_start") else 0
    return max(0.0, min(1.0, score))
