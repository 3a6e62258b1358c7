"""Place lists: "the towns of Kafar Takharim Kafranbil Khan Alsibil and Saraqeb" names four places.

ACLED codes one event per location and day, so a strike on four towns is four events. Many
sources (and every FA-KES article) dropped their commas, and the parser then reads the whole run
as one place. A run of names is split only where a plural place noun announces or closes it
("villages of", "districts including", "A and B neighbourhoods") and it holds an "and", so a
single multi-word name is never cut. Within the run a word continues the name before it when
that name began with a place-name prefix ("Kafr", "Tel", "Bab"), when it is a qualifier
("al-Kabir", "al-Jadida"), or when it follows a bare article ("al- Aziziyeh"). Both word lists
live in ``seeds/reference/place_lists.yml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from extract.coding.reference import reference_dir

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan

    from extract.coding.where import Candidate

_ARTICLE = r"(?:al|el|ad|ar|as|ash|az|an|at|Al|El|Ad|Ar|As|Ash|Az|An|At)"
_NAME = rf"(?:{_ARTICLE}-\s?[A-Za-z][\w'’-]*|[A-Z][\w'’-]*)"
_RUN = rf"{_NAME}(?:\s+(?:and\s+)?{_NAME})*"


@dataclass(frozen=True)
class ListWords:
    """The word lists of ``place_lists.yml``."""

    heads: frozenset[str]
    prefixes: frozenset[str]
    suffixes: frozenset[str]


@lru_cache(maxsize=4)
def list_words(directory: Path | None = None) -> ListWords:
    """Read ``place_lists.yml`` once per reference folder."""
    data = yaml.safe_load(((directory or reference_dir()) / "place_lists.yml").read_text(encoding="utf-8"))
    return ListWords(
        *(frozenset(str(w).lower() for w in data.get(key) or []) for key in ("heads", "prefixes", "suffixes"))
    )


@lru_cache(maxsize=4)
def _patterns(words: ListWords) -> tuple[re.Pattern[str], re.Pattern[str]]:
    heads = "|".join(sorted(map(re.escape, words.heads), key=len, reverse=True))
    before = re.compile(rf"\b(?i:{heads})\s+(?i:of|including|such\s+as|like)\s+({_RUN})()")
    after = re.compile(rf"(?<![\w-])({_RUN})\s+(and\s+other\s+)?(?i:{heads})\b")
    return before, after


def _bare(word: str) -> str:
    """The word without its article, lower-cased: "al-Kabir" -> "kabir"."""
    return re.sub(rf"^{_ARTICLE}-\s?", "", word).lower()


def _segments(run: str, offset: int, words: ListWords) -> list[tuple[int, int]]:
    """Character spans of the names in one run."""
    spans: list[tuple[int, int]] = []
    current: list[tuple[int, int]] = []
    continues = False
    for match in re.finditer(rf"and|{_NAME}", run):
        word = match.group(0)
        if word == "and":
            if current:
                spans.append((current[0][0], current[-1][1]))
            current, continues = [], False
            continue
        if current and not continues and _bare(word) not in words.suffixes:
            spans.append((current[0][0], current[-1][1]))
            current = []
        current.append((offset + match.start(), offset + match.end()))
        first = len(current) == 1
        continues = (first and _bare(word) in words.prefixes) or bool(re.fullmatch(rf"{_ARTICLE}-", word))
    if current:
        spans.append((current[0][0], current[-1][1]))
    return spans


def listed_places(text: str, directory: Path | None = None) -> list[tuple[int, int]]:
    """The spans of the places named in the text's comma-less or comma-separated lists; empty
    when the text holds no list announced by a plural place noun."""
    words = list_words(directory)
    found: list[tuple[int, int]] = []
    for pattern in _patterns(words):
        for match in pattern.finditer(text):
            run = match.group(1)
            if " and " not in f" {run} " and not match.group(2):
                continue
            for start, end in _segments(run, match.start(1), words):
                if _bare(text[start:end]) in words.heads:
                    continue
                if not any(s < end and start < e for s, e in found):
                    found.append((start, end))
    return sorted(found)


LIST_GAP = re.compile(
    r"\s*(?:,|and|,\s*and|&)?\s*(?:(?:the\s+)?(?:village|town|city|district|neighbou?rhood)s?\s+of\s+)?"
)


def listed_with(sent: DocSpan, first: Candidate, others: list[Candidate]) -> list[Candidate]:
    """Places in one list with the chosen one ("strikes on A, B and C"; sources that dropped
    their commas write "A B and C"): each joined to the list by a comma, "and" or a space."""
    listed = [first]
    rest = sorted(others, key=lambda c: c.start)
    grown = True
    while grown:
        joined = [
            other
            for other in rest
            if any(LIST_GAP.fullmatch(sent.text[min(o.end, other.end) : max(o.start, other.start)]) for o in listed)
        ]
        listed.extend(joined)
        rest = [other for other in rest if other not in joined]
        grown = bool(joined)
    return listed[1:]


_OF_GAP = re.compile(
    r"\s*(?:,\s*)?(?:(?:neighbou?rhoods?|distri(?:ct|cts)|quarters?|suburbs?|countryside|outskirts)\s+)?"
    r"(?:of|in)\s+(?:the\s+)?",
    re.IGNORECASE,
)


def part_of(text: str, a: Candidate, b: Candidate) -> bool:
    """ "the Old City of Damascus", "Bab Touma in Damascus", "the al-Joura neighbourhood of Deir
    Ezzor": one place named with the place that holds it, never two events."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return bool(_OF_GAP.fullmatch(text[first.end : second.start]))
