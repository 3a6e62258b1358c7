"""Text utilities: normalisation for matching, tokens with offsets, sentences and clauses.

Matching works on normalised tokens (case-folded, accents and apostrophes removed, hyphens as
spaces) so that "Da'esh", "Daesh" and "DAESH", or "Deir el- Zour" and "Deir el-Zour", meet.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*", re.UNICODE)
_APOSTROPHES = re.compile(r"['’ʼ`]")
_SPACES = re.compile(r"\s+")


class Token(NamedTuple):
    text: str
    norm: str
    start: int
    end: int


class Span(NamedTuple):
    """A sentence or clause: its text and where it starts and ends in the article body."""

    text: str
    start: int
    end: int


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case ASCII-ish form: strips accents and apostrophes ("Da’esh" -> "daesh")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _APOSTROPHES.sub("", stripped).casefold()


def tokens(text: str) -> list[Token]:
    """Word tokens with character offsets; punctuation and hyphens separate tokens."""
    # tuple.__new__ skips the Python-level constructor of the named tuple: tokens are built by
    # the hundred thousand
    new = tuple.__new__
    return [new(Token, (word := m.group(), fold(word), m.start(), m.end())) for m in _TOKEN.finditer(text)]


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The token key a phrase is indexed under."""
    return tuple(t.norm for t in tokens(phrase))


def normalise_for_hash(text: str) -> str:
    """Whitespace- and case-insensitive form of a text, so re-saved copies hash the same."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def content_hash(text: str) -> str:
    """Stable 16-hex-digit identity of an article's text."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()[:16]


def stable_id(*parts: object) -> str:
    """A short deterministic id from its parts (event and mention ids)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def sentences(body: str, abbreviations: frozenset[str]) -> list[Span]:
    """Split the body into sentences with offsets; paragraphs always end a sentence."""
    spans: list[Span] = []
    for paragraph in re.finditer(r"[^\n]+", body):
        start = paragraph.start()
        text = paragraph.group()
        cut = 0
        for boundary in re.finditer(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])", text):
            before = text[cut : boundary.start()]
            last_word = re.search(r"([A-Za-z.]+)$", before)
            if last_word and last_word.group(1).rstrip(".") in abbreviations:
                continue
            if last_word and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?", last_word.group(1) + "."):
                continue
            _append(spans, text, start, cut, boundary.end())
            cut = boundary.end()
        _append(spans, text, start, cut, len(text))
    return spans


MAX_SENTENCE = 1000


def _append(spans: list[Span], text: str, base: int, begin: int, end: int) -> None:
    """Add a sentence; one longer than ``MAX_SENTENCE`` characters (text with no punctuation) is
    cut at spaces into pieces of about that length, which bounds the work any rule does on it."""
    while end - begin > MAX_SENTENCE:
        cut = text.rfind(" ", begin + MAX_SENTENCE // 2, begin + MAX_SENTENCE)
        cut = cut if cut > begin else begin + MAX_SENTENCE
        _append(spans, text, base, begin, cut)
        begin = cut
    piece = text[begin:end]
    stripped = piece.strip()
    if not stripped:
        return
    offset = begin + (len(piece) - len(piece.lstrip()))
    spans.append(Span(stripped, base + offset, base + offset + len(stripped)))


def clauses(sentence: Span, breaks: re.Pattern[str]) -> list[Span]:
    """Split a sentence at clause boundaries ("; ", " as ", " while ", " but "...)."""
    result: list[Span] = []
    cut = 0
    for match in breaks.finditer(sentence.text):
        if match.start() > cut:
            result.append(
                Span(sentence.text[cut : match.start()], sentence.start + cut, sentence.start + match.start())
            )
        cut = match.end()
    if cut < len(sentence.text):
        result.append(Span(sentence.text[cut:], sentence.start + cut, sentence.end))
    return result or [sentence]
