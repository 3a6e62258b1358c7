"""The article as the entity rules read it: its body and sentences, and the spans they pass
around (runs of capitalised words, people found)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from extract.coding.entities.rules import _WORDS
from extract.coding.text import Span, Token, tokens


@dataclass
class _Chunk:
    start: int
    end: int
    toks: list[Token]
    first: int = 0  # index of the first token in the article's tokens

    @property
    def words(self) -> list[str]:
        return [t.norm for t in self.toks]


@dataclass
class _Person:
    start: int
    end: int
    text: str
    evidence: str
    name: str = ""
    title: str | None = None
    role: str | None = None
    scope: str | None = None
    affiliation: str | None = None
    affiliation_text: str | None = None
    affiliation_source: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Document:
    """The body and its sentences, with what the rules ask of a sentence (which one holds a
    position, whether it is a headline), answered once."""

    def __init__(self, body: str, sentences: list[Span]) -> None:
        self.body = body
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self._headlines: dict[int, bool] = {}

    def sentence_index(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.starts, position) - 1)

    def sentence(self, position: int) -> Span:
        return self.sentences[self.sentence_index(position)] if self.sentences else Span(self.body, 0, len(self.body))

    def headline(self, position: int) -> bool:
        """Is the sentence at ``position`` headline-style ("Syria Terrorist Bombings Kill Injure
        Civilians")? There capitals say nothing about names: only the dictionaries and the strong
        person rules apply."""
        index = self.sentence_index(position)
        if index not in self._headlines:
            words = _WORDS.findall(self.sentences[index].text) if self.sentences else []
            self._headlines[index] = len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)
        return self._headlines[index]


def tokens_between(body: str, start: int, end: int) -> list[Token]:
    return [Token(t.text, t.norm, t.start + start, t.end + start) for t in tokens(body[start:end])]
