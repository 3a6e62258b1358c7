"""Which trigger patterns can match a clause, found without running them.

Running every pattern of ``event_patterns.csv`` over every clause was most of the extraction
time, although most clauses report no act at all. Every pattern starts at a word boundary, so a
match begins at the start of a word, and most patterns can only begin with a few literal words
("shell", "bombard", "artillery"...). Those leading literals are read from each regular
expression itself, so an analyst who adds a pattern to the CSV gets the same speed-up without
touching Python; a pattern whose start cannot be read (a character class, an optional first
word) is simply run on every clause. The index is only a necessary condition: a pattern it
selects is still matched by its own regular expression, so results are exactly those of running
every pattern.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

try:  # the parser behind ``re``; public as sre_parse before Python 3.11
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_parse

from extract.coding.reference import EventPattern
from extract.coding.text import Token

_WORD = re.compile(r"\w+")
_CACHE_LIMIT = 200_000


def _is_word_char(char: str) -> bool:
    return bool(_WORD.fullmatch(char))


def _starts(items: Sequence[tuple[object, object]], prefix: str = "") -> set[str] | None:
    """Literal word starts that every match of ``items`` (a parsed sequence) begins with, or
    None when a match could begin some other way."""
    for index, (op, value) in enumerate(items):
        name = str(op)
        if name == "AT":  # \b and other zero-width anchors
            continue
        if name == "LITERAL":
            char = chr(value)  # type: ignore[arg-type]
            if not _is_word_char(char):
                return {prefix} if prefix else None
            prefix += char.casefold()
            continue
        if name == "SUBPATTERN":
            inner = list(value[-1])  # type: ignore[index]
            return _starts(inner + list(items[index + 1 :]), prefix)
        if name == "BRANCH":
            found: set[str] = set()
            for branch in value[1]:  # type: ignore[index]
                starts = _starts(list(branch) + list(items[index + 1 :]), prefix)
                if starts is None:
                    return None
                found |= starts
            return found
        if name == "IN" and prefix:
            return {prefix}
        if name in {"MAX_REPEAT", "MIN_REPEAT"}:
            low, _high, body = cast("tuple[int, int, Any]", value)
            if low == 0:
                # optional: the match may begin with what follows instead
                with_body = _starts(list(body) + list(items[index + 1 :]), prefix)
                without = _starts(list(items[index + 1 :]), prefix)
                return None if with_body is None or without is None else with_body | without
            return _starts(list(body), prefix) if not prefix else {prefix}
        return {prefix} if prefix else None
    return {prefix} if prefix else None


def leading_words(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case literals one of which starts every match of ``regex`` (a pattern compiled
    case-insensitively), or None when no such set can be read from it."""
    try:
        parsed = sre_parse.parse(regex.pattern, regex.flags)
    except Exception:  # an unreadable pattern is run on every clause
        return None
    starts = _starts(list(parsed))
    if not starts or "" in starts:
        return None
    return frozenset(starts)


class TriggerIndex:
    """The trigger patterns worth running on a piece of text, in their priority order, and
    whether other word-led cues (``cues``: name to regular expression) can occur in it."""

    def __init__(self, patterns: Iterable[EventPattern], cues: Mapping[str, re.Pattern[str]] | None = None) -> None:
        self.patterns = tuple(patterns)
        regexes = [p.regex for p in self.patterns] + list((cues or {}).values())
        self._cue_position = {name: len(self.patterns) + k for k, name in enumerate(cues or {})}
        self._always: set[int] = set()
        self._by_start: dict[str, list[int]] = {}
        for position, regex in enumerate(regexes):
            starts = leading_words(regex)
            if starts is None:
                self._always.add(position)
                continue
            for start in starts:
                self._by_start.setdefault(start, []).append(position)
        self._lengths = sorted({len(start) for start in self._by_start})
        self._word_cache: dict[str, tuple[int, ...]] = {}

    @property
    def always_run(self) -> list[str]:
        """Ids of the patterns whose start could not be read (run on every clause)."""
        return [self.patterns[i].pattern_id for i in sorted(self._always) if i < len(self.patterns)]

    def _for_word(self, word: str) -> tuple[int, ...]:
        cached = self._word_cache.get(word)
        if cached is None:
            found: set[int] = set()
            for length in self._lengths:
                if length > len(word):
                    break
                found.update(self._by_start.get(word[:length], ()))
            cached = tuple(sorted(found))
            if len(self._word_cache) < _CACHE_LIMIT:
                self._word_cache[word] = cached
        return cached

    def _patterns(self, chosen: set[int]) -> list[EventPattern]:
        count = len(self.patterns)
        return [self.patterns[i] for i in sorted(chosen) if i < count]

    def candidates(self, text: str) -> list[EventPattern]:
        """Patterns that may match somewhere in ``text``; the rest certainly do not."""
        chosen = set(self._always)
        for match in _WORD.finditer(text):
            chosen.update(self._for_word(match.group().casefold()))
        return self._patterns(chosen)

    def scan(self, body: str, toks: Sequence[Token] | None = None) -> TriggerWords:
        """The words of a whole article that can begin a trigger or cue, read once so that each
        clause only looks up its own range. With the article's tokens, plain ASCII tokens are
        looked up by their folded form, already computed; others are split into words here."""
        hits = []
        if toks is None:
            for match in _WORD.finditer(body):
                found = self._for_word(match.group().casefold())
                if found:
                    hits.append((match.start(), match.end(), found))
            return TriggerWords(self, body, hits)
        for_word = self._for_word
        for token in toks:
            text = token.text
            if text.isascii() and text.isalnum():
                found = for_word(token.norm)
                if found:
                    hits.append((token.start, token.end, found))
                continue
            for match in _WORD.finditer(text):
                found = for_word(match.group().casefold())
                if found:
                    hits.append((token.start + match.start(), token.start + match.end(), found))
        return TriggerWords(self, body, hits)


class TriggerWords:
    """Trigger- and cue-starting words of one article, by offset."""

    def __init__(self, index: TriggerIndex, body: str, hits: list[tuple[int, int, tuple[int, ...]]]) -> None:
        self._index = index
        self._body = body
        self._hits = hits
        self._starts = [start for start, _, _ in hits]

    def _chosen(self, start: int, end: int) -> set[int]:
        """What ``TriggerIndex`` would select for ``body[start:end]`` (a word cut by ``start``
        or ``end`` is looked up as its part inside)."""
        index, body = self._index, self._body
        chosen = set(index._always)
        first = bisect.bisect_left(self._starts, start)
        if start and _WORD.match(body, start - 1):
            inside = _WORD.match(body, start)
            if inside:
                chosen.update(index._for_word(body[start : min(inside.end(), end)].casefold()))
        for word_start, word_end, found in self._hits[first:]:
            if word_start >= end:
                break
            if word_end > end:
                found = index._for_word(body[word_start:end].casefold())
            chosen.update(found)
        return chosen

    def candidates(self, start: int, end: int) -> list[EventPattern]:
        """Patterns that may match in ``body[start:end]``."""
        return self._index._patterns(self._chosen(start, end))

    def any_pattern(self, start: int, end: int) -> bool:
        """Whether any pattern may match in ``body[start:end]``: a sentence without one needs no
        clause analysis."""
        return bool(self.candidates(start, end))

    def has(self, cue: str, start: int, end: int) -> bool:
        """Whether the cue named ``cue`` may match in ``body[start:end]``."""
        return self._index._cue_position[cue] in self._chosen(start, end)
