"""Dictionary matching over token n-grams, shared by actor and place recognition.

A hash lookup per token position scales to the tens of thousands of gazetteer aliases, where
one giant regular expression would not. Longest match wins; matches never overlap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from extract.coding.text import Token, phrase_key

T = TypeVar("T")


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int
    end: int
    text: str
    entries: tuple[T, ...]


class PhraseMatcher(Generic[T]):
    """Finds phrases (as token sequences) in tokenised text.

    ``accept(entry, matched_tokens)`` decides whether an entry may match the tokens as written
    (for example: acronyms only in capitals, places only when capitalised).
    """

    def __init__(self, accept: Callable[[T, list[Token]], bool]) -> None:
        self._index: dict[tuple[str, ...], list[T]] = defaultdict(list)
        # phrase lengths that start with each first token, longest first: most tokens start none
        self._lengths: dict[str, list[int]] = {}
        self._accept = accept

    def add(self, phrase: str, entry: T) -> None:
        self.add_key(phrase_key(phrase), entry)

    def add_key(self, key: tuple[str, ...], entry: T) -> None:
        """Add an entry under a token key made by the caller (e.g. without a leading "the")."""
        if not key:
            return
        if entry not in self._index[key]:
            self._index[key].append(entry)
        lengths = self._lengths.setdefault(key[0], [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)

    def add_all(self, items: Iterable[tuple[str, T]]) -> None:
        for phrase, entry in items:
            self.add(phrase, entry)

    def find(self, toks: list[Token], text: str) -> list[Match[T]]:
        """Non-overlapping longest matches, left to right.

        Only positions whose token starts some phrase are tried: in news text that is a few
        tokens in a hundred, so the scan costs one set lookup per token."""
        found: list[Match[T]] = []
        norms = [t.norm for t in toks]
        lengths_of = self._lengths
        free_from = 0
        for i in [i for i, norm in enumerate(norms) if norm in lengths_of]:
            if i < free_from:
                continue
            for length in lengths_of[norms[i]]:
                if i + length > len(toks):
                    continue
                candidates = self._index.get(tuple(norms[i : i + length]))
                if not candidates:
                    continue
                window = toks[i : i + length]
                accepted = tuple(c for c in candidates if self._accept(c, window))
                if accepted:
                    start, end = window[0].start, window[-1].end
                    found.append(Match(start, end, text[start:end], accepted))
                    free_from = i + length
                    break
        return found
