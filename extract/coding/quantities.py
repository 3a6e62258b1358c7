"""Casualty figures: killed, wounded, and killed-and-wounded reported together.

Follows ACLED's conservative coding: "more than 45" gives 45 (and 45 as the low bound), vague
counts take the values in ``extraction_rules.yml`` ("dozens" is 12), a range keeps both ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.coding.reference import Reference


@dataclass
class Casualties:
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    wounded: int | None = None
    casualties_total: int | None = None

    def any(self) -> bool:
        return any(v is not None for v in (self.fatalities, self.wounded, self.casualties_total))

    def fill_from(self, other: Casualties) -> None:
        """Take figures this record lacks; where both have one, keep the lower (conservative)."""
        for name in ("fatalities", "wounded", "casualties_total"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if theirs is not None and (mine is None or theirs < mine):
                setattr(self, name, theirs)
        self.fatalities_low = _min(self.fatalities_low, other.fatalities_low)
        self.fatalities_high = _max(self.fatalities_high, other.fatalities_high)


def _min(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


@dataclass(frozen=True)
class _Patterns:
    number: str
    values: dict[str, int]
    lower: re.Pattern[str]
    upper: re.Pattern[str]
    together: list[re.Pattern[str]]
    killed: list[re.Pattern[str]]
    wounded: list[re.Pattern[str]]
    any_word: re.Pattern[str]
    killed_word: re.Pattern[str]
    wounded_word: re.Pattern[str]


@lru_cache(maxsize=4)
def _patterns(reference: Reference) -> _Patterns:
    q = reference.rules["quantities"]
    values = {str(k).lower(): int(v) for k, v in {**q["words"], **q["vague"]}.items()}
    words = "|".join(sorted((re.escape(w) for w in values if w not in {"a", "an"}), key=len, reverse=True))
    together, killed, wounded = q["together"], q["killed"], q["wounded"]
    num = rf"(?P<q>{q['lower_bound']}|{q['upper_bound']})?\s*(?P<n>\d[\d,]*|{words})(?:\s*(?:-|to|and)\s*(?P<n2>\d[\d,]*))?"
    # Words between a number and its verb: never another number or another casualty word.
    gap = rf"(?:(?!\d)(?!(?:{killed}|{wounded})\b)[\w'’-]+\s+){{0,5}}?"
    return _Patterns(
        number=num,
        values=values,
        lower=re.compile(q["lower_bound"], re.IGNORECASE),
        upper=re.compile(q["upper_bound"], re.IGNORECASE),
        together=[
            re.compile(rf"\b{together}\s+(?:of\s+)?{num}\b", re.IGNORECASE),
            re.compile(rf"\b{num}\s+{gap}{together}\b", re.IGNORECASE),
        ],
        killed=[
            re.compile(rf"\b{num}\s+{gap}(?:were\s+|was\s+|have been\s+|had been\s+)?{killed}\b", re.IGNORECASE),
            re.compile(rf"\b{killed}\s+(?:(?:of|to|rose\s+to|stood\s+at|reached)\s+)?{num}\b", re.IGNORECASE),
        ],
        wounded=[
            re.compile(rf"\b{num}\s+{gap}(?:were\s+|was\s+|have been\s+)?{wounded}\b", re.IGNORECASE),
            re.compile(rf"\b{wounded}\s+(?:(?:another|of)\s+)?{num}\b", re.IGNORECASE),
        ],
        any_word=re.compile(rf"\b(?:{together}|{killed}|{wounded})", re.IGNORECASE),
        killed_word=re.compile(rf"\b{killed}", re.IGNORECASE),
        wounded_word=re.compile(rf"\b{wounded}", re.IGNORECASE),
    )


def casualty_words(reference: Reference) -> re.Pattern[str]:
    """The words without which a text states no casualty figure."""
    return _patterns(reference).any_word


def find_casualties(text: str, reference: Reference) -> Casualties:
    """Casualty figures stated in a sentence or clause (a new record the caller may change)."""
    return Casualties(*_casualties(text, reference))


@lru_cache(maxsize=8192)
def _casualties(text: str, reference: Reference) -> tuple[int | None, ...]:
    """The fields of a ``Casualties``, cached: a sentence is read once for each act it reports,
    and most sentences name no casualty word at all."""
    p = _patterns(reference)
    if not p.any_word.search(text):
        return _NONE
    result = _read_casualties(text, p)
    return (result.fatalities, result.fatalities_low, result.fatalities_high, result.wounded, result.casualties_total)


_NONE: tuple[int | None, ...] = (None, None, None, None, None)


def _read_casualties(text: str, p: _Patterns) -> Casualties:
    result = Casualties()
    consumed: list[tuple[int, int]] = []
    for pattern in p.together:
        for match in pattern.finditer(text):
            value = _value(match, p)
            if value:
                result.casualties_total = value[0]
                consumed.append(match.span())
                break
        if result.casualties_total is not None:
            break
    for kind, patterns, word in (("killed", p.killed, p.killed_word), ("wounded", p.wounded, p.wounded_word)):
        if not word.search(text):
            continue
        for pattern in patterns:
            match = next(
                (m for m in pattern.finditer(text) if not _overlaps(m.span("n"), consumed) and _value(m, p)), None
            )
            if match is None:
                continue
            consumed.append(match.span("n"))
            conservative, low, high = _value(match, p)
            if kind == "killed":
                result.fatalities, result.fatalities_low, result.fatalities_high = conservative, low, high
            else:
                result.wounded = conservative
            break
    return result


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def _value(match: re.Match[str], p: _Patterns) -> tuple[int, int | None, int | None] | None:
    """(conservative, low, high) for the number in a match, or None if it is not a count."""
    number = _number(match.group("n"), p)
    if number is None:
        return None
    following = match.string[match.end("n") : match.end("n") + 12].lower()
    if re.match(r"\s*(?:km|kilomet|miles|percent|%|years?|months?|days?|hours?|th\b|st\b|nd\b|rd\b)", following):
        return None
    if match.group("n2"):
        upper = _number(match.group("n2"), p)
        return number, number, upper
    qualifier = match.group("q")
    if qualifier and p.lower.fullmatch(qualifier.strip()):
        return number, number, None
    if qualifier and p.upper.fullmatch(qualifier.strip()):
        return number, None, number
    return number, number, number


def _number(text: str, p: _Patterns) -> int | None:
    cleaned = text.replace(",", "").lower()
    if cleaned.isdigit():
        value = int(cleaned)
        return value if 0 < value < 100000 else None
    return p.values.get(cleaned)
