"""The words and patterns of entity recognition, compiled once per reference data
(``entity_rules.yml``, ``person_titles.csv``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from extract import settings
from extract.coding.reference import Reference
from extract.coding.text import fold, phrase_key

ARMED_TYPES = frozenset(
    {"State forces", "Rebel group", "Political militia", "Identity militia", "External/Other forces"}
)
NON_STATE_TYPES = frozenset({"Rebel group", "Political militia", "Identity militia"})
# name particles that are also English words: inside a name only when hyphenated ("an-Nusra")
# "Kurdish-held", "Roman-era": a lower-case word after a hyphen that ends a description, not a name
_HYPHEN_SUFFIXES = frozenset(
    {"held", "run", "led", "era", "born", "type", "like", "made", "wide", "free", "long", "old", "day"}
)
_PARTICLE_STEMS = frozenset({"al", "el", "abd", "abdel", "abdul"})
_ENGLISH_WORDS = frozenset({"an", "at", "as", "ad"})
_HONORIFIC = re.compile(r"(?<![\w.])(?P<h>[A-Z][a-z]{1,10})\.?[^\S\n]+$")
MAX_NAME_TOKENS = 8  # longer runs of capitals are lists or headlines; cut, they also bound the work per name
_WORDS = re.compile(r"[^\W\d_]{4,}")
_NAME_GAPS = frozenset({" ", "\xa0", "-", "‐"})
_POSSESSIVE = ("’s", "'s", "ʼs")

# a name right after these is the object of the clause, not the one who speaks next
# a fate cue does not reach a name across these: "by" (the killer) or a new clause
_FATE_BREAK = re.compile(
    r",|\d|\b(?:by|while|whereas|but|as|after|before|when|which|who|that|since|against|loyal|pro|fighting|uprising|during|"
    r"amid|until|despite|because|under|people|civilians|fighters|soldiers|others)\b",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|around|into|from|towards?|of|over|across|inside)\s+(?:the\s+)?$", re.IGNORECASE
)
_OBJECT = re.compile(
    r"\b(?:fighting|fight|against|attacking|attacked|targeting|targeted|by|with|from|on|of|to|into|at|in|for|warned|backed|supported)\s+(?:the\s+)?(?:[\w’'-]+\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Rules:
    kunya: frozenset[str]
    kunya_not_people: frozenset[str]
    honorifics: frozenset[str]
    particles: frozenset[str]
    not_names: frozenset[str]
    not_name_starts: frozenset[str]
    possessive_nouns: frozenset[str]
    demonyms: dict[str, str]
    demonym_re: re.Pattern[str]
    group_head: frozenset[str]
    group_tail: frozenset[str]
    group_generic: frozenset[str]
    group_exceptions: re.Pattern[str] | None
    org_words: frozenset[str]
    place_before: re.Pattern[str]
    place_after: re.Pattern[str]
    place_near: re.Pattern[str]
    titles: dict[str, tuple[str, str]]  # title's token key, joined -> (role, scope)
    title_re: re.Pattern[str]  # any title, case-insensitive, plural allowed
    title_keys: dict[tuple[str, ...], str]  # token key of a title -> the title
    title_lengths: dict[str, tuple[int, ...]]  # first token of a title -> its lengths, longest first
    apposition: re.Pattern[str]
    quoted_after: re.Pattern[str]
    quoted_before: re.Pattern[str]
    credited_before: re.Pattern[str]
    credited_after: re.Pattern[str]
    told_before: re.Pattern[str]
    pronoun_said: re.Pattern[str]
    fate_before: re.Pattern[str]
    fate_after: re.Pattern[str]
    fate_words: tuple[tuple[str, re.Pattern[str]], ...]
    reporting: re.Pattern[str]
    place_words_next: frozenset[str]  # first words of the "X village" phrases
    group_anaphora: re.Pattern[str]
    spacy_model: str | None


def _words(values: Iterable[str]) -> str:
    """An alternation of literal words or phrases, longest first, spaces matching any space."""
    ordered = sorted({v for v in values if v}, key=len, reverse=True)
    return "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in ordered)


@lru_cache(maxsize=4)
def _rules(reference: Reference) -> _Rules:
    r = reference.entity_rules
    speech, fate, groups, place_words = r["speech"], r["fate"], r["group_words"], r["place_words"]
    demonyms = {str(k): str(v) for k, v in (r.get("demonyms") or {}).items()}
    titles = {" ".join(phrase_key(t.title)): (t.role, t.scope) for t in reference.titles}
    title_words = _words(t.title for t in reference.titles)
    quoted_after = speech["quoted_after_name"]
    exceptions = r.get("group_word_exceptions") or []
    return _Rules(
        kunya=frozenset(fold(k) for k in r["kunya_prefixes"]),
        kunya_not_people=frozenset(" ".join(phrase_key(k)) for k in r.get("kunya_not_people") or []),
        honorifics=frozenset(fold(h) for h in r["honorifics"]),
        particles=frozenset(fold(p) for p in r["name_particles"]),
        not_names=frozenset(r["not_names"]),
        not_name_starts=frozenset(fold(w) for w in r.get("not_name_starts") or []),
        possessive_nouns=frozenset(r.get("possessive_nouns") or []),
        demonyms=demonyms,
        demonym_re=re.compile(rf"(?<![\w.])(?P<demonym>{_words(demonyms)})\s+$"),
        group_head=frozenset(fold(w) for w in groups["head"]),
        group_tail=frozenset(fold(w) for w in groups["tail"]),
        group_generic=frozenset(fold(w) for w in groups["generic"]),
        group_exceptions=re.compile(rf"^(?:{_words(exceptions)})\b") if exceptions else None,
        org_words=frozenset(fold(w) for w in r["organisation_words"]),
        place_before=re.compile(rf"\b(?:{_words(place_words['before'])})\s+of\s+(?:the\s+)?$", re.IGNORECASE),
        place_after=re.compile(rf"^\s+(?:{_words(place_words['after'])})\b", re.IGNORECASE),
        place_near=re.compile(rf"\b(?:{_words(place_words.get('near') or ['near'])})\s+(?:the\s+)?$", re.IGNORECASE),
        titles=titles,
        title_re=re.compile(rf"\b(?P<title>{title_words})(?:s|es)?\b", re.IGNORECASE),
        title_keys={phrase_key(t.title): t.title for t in reference.titles},
        title_lengths={
            first: tuple(
                sorted({len(k) for k in (phrase_key(t.title) for t in reference.titles) if k[0] == first}, reverse=True)
            )
            for first in {phrase_key(t.title)[0] for t in reference.titles}
        },
        # ", the Commander of the PMF in Anbar," / " a Kurdish official" (FA-KES drops commas)
        apposition=re.compile(
            rf"^(?:[^\S\n]*,[^\S\n]*|[^\S\n]+(?=(?:the|a|an)\s))(?:(?:who\s+(?:is|was)\s+)?(?:the|a|an)\s+)?"
            rf"(?P<pre>(?:(?!(?:and|or|that|who|which|said|says|told|was|is|were|are|has|had|in|on|at)\b)[\w’'.-]+\s+){{0,3}}?)"
            rf"(?P<title>{title_words})(?:s|es)?\b(?P<rest>(?:(?!\b(?:said|says|told|who|which|that|and|while|when|was|were|is|has|had)\b)[^,.;:()“”\"]){{0,120}})",
            re.IGNORECASE,
        ),
        quoted_after=re.compile(
            rf"^(?:\s*\([^()]{{1,40}}\))?(?:\s*,[^,.;“”\"]{{1,160}},)?(?:\s*,?\s+who)?\s*"
            rf"(?:(?:on|late|early|last|this)\s+\w+\s+|\w+day\s+|also\s+|later\s+|earlier\s+|previously\s+|had\s+|has\s+|have\s+|was\s+|were\s+|is\s+)*"
            rf"(?:{quoted_after})\b",
            re.IGNORECASE,
        ),
        quoted_before=re.compile(
            rf"[,“”\"'’]\s*(?:{speech['quoted_before_name']})\s+(?:(?:on\s+)?\w+day\s+)?(?:the\s+)?$", re.IGNORECASE
        ),
        credited_before=re.compile(
            rf"\b(?:{speech['credited_before_name']})\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,2}}?$", re.IGNORECASE
        ),
        credited_after=re.compile(rf"^(?:\s*\([^()]{{1,40}}\))?\s*(?:{speech['credited_after_name']})", re.IGNORECASE),
        told_before=re.compile(rf"\b(?:{speech['told']})\s+(?:the\s+)?$", re.IGNORECASE),
        pronoun_said=re.compile(
            rf"\b(?P<pronoun>{_words(speech['pronouns'])})\s+(?:also\s+|later\s+|then\s+)?(?:{quoted_after})\b"
        ),
        fate_before=re.compile(rf"\b(?P<cue>{fate['killed']}|{fate['captured']}|{fate['wounded']})\b", re.IGNORECASE),
        fate_after=re.compile(
            rf"^(?:\s*\([^()]{{1,60}}\))?(?:\s*,[^,.;]{{1,100}},)?\s*(?:who\s+)?(?:was|were|has\s+been|had\s+been|have\s+been|is|are|got)\s+"
            rf"(?:reportedly\s+|also\s+|allegedly\s+|later\s+)?(?P<cue>{fate['killed']}|{fate['captured']}|{fate['wounded']})\b",
            re.IGNORECASE,
        ),
        fate_words=tuple(
            (name, re.compile(rf"^(?:{fate[name]})$", re.IGNORECASE)) for name in ("killed", "captured", "wounded")
        ),
        reporting=re.compile(rf"\b(?:{quoted_after}|according to)\b", re.IGNORECASE),
        place_words_next=frozenset(w.split()[0].lower() for w in place_words["after"]),
        group_anaphora=re.compile(r["group_anaphora"], re.IGNORECASE),
        spacy_model=settings.current().spacy_model or r.get("spacy_model") or None,
    )
