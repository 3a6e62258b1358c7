"""Recognise place mentions from the gazetteer (``places.csv``) and give each a role.

Roles: ``location`` (where an act can have happened), ``origin`` ("fired from Qaim"), ``border``
("near the border with Syria": next to that country, not in it) and ``context`` ("Iraq's PMF",
"backed by Iran"). Precision follows ACLED: 1 the named place, 2 near it, 3 a province or country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.coding.lexicon import Match, PhraseMatcher
from extract.coding.models import PlaceMention
from extract.coding.place_lists import list_words
from extract.coding.reference import Place, Reference
from extract.coding.text import Token, fold

_PARTICLES = {"al", "el", "ad", "ar", "as", "ash", "az", "an", "at", "ed", "es", "abu", "bin", "of", "the"}
_KIND_RANK = {
    "country": 6,
    "city": 5,
    "border_crossing": 5,
    "desert": 5,
    "mountain": 5,
    "town": 4,
    "village": 3,
    "province": 2,
}
_ADMIN_WORDS = re.compile(r"^\s*(?:province|governorate|region)\b", re.IGNORECASE)
_ADMIN_WORDS_BEFORE = re.compile(r"\b(?:province|governorate)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class _PlaceRules:
    origin: re.Pattern[str]
    border: re.Pattern[str]
    context: re.Pattern[str]
    near: re.Pattern[str]


def _accept(place: Place, window: list[Token]) -> bool:
    """Place names are proper nouns: capitalised, but for short particles ("Deir ez-Zor", "al-Qaim")."""
    return (
        all(t.text[:1].isupper() or t.norm in _PARTICLES or len(t.text) <= 3 for t in window)
        and window[-1].text[:1].isupper()
    )


@lru_cache(maxsize=4)
def _matcher(reference: Reference) -> PhraseMatcher[Place]:
    matcher: PhraseMatcher[Place] = PhraseMatcher(_accept)
    for place in reference.places.values():
        for name in (place.name, *place.aliases):
            matcher.add(name, place)
            stripped = _strip_article(name)
            if stripped:
                matcher.add(stripped, place)
    return matcher


def _strip_article(name: str) -> str | None:
    """'Al Qaim' is also written 'Qaim': index the name without its Arabic article."""
    match = re.match(r"^(?:al|el|ad|ar|as|ash|az|an|at)[\s\-']+(.+)$", name, re.IGNORECASE)
    if match and len(fold(match.group(1))) >= 4:
        return match.group(1)
    return None


@lru_cache(maxsize=4)
def _rules(reference: Reference) -> _PlaceRules:
    r = reference.rules
    return _PlaceRules(
        origin=re.compile(rf"\b{r['origin_markers']}\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}$", re.IGNORECASE),
        border=re.compile(rf"\b{r['border_markers']}\s+(?:the\s+)?$", re.IGNORECASE),
        context=re.compile(rf"\b{r['context_markers']}\s+(?:the\s+)?$", re.IGNORECASE),
        near=re.compile(rf"\b{r['near_markers']}\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,2}}$", re.IGNORECASE),
    )


def _cut_name(text: str, after: str, prefixes: frozenset[str]) -> bool:
    """ "Tall" of "Tall Tawil", "Kafr" of "Kafr Laha": a name's first word (a place-name prefix of
    ``place_lists.yml``) that a gazetteer entry also spells is not that place when a name goes on."""
    return text.lower() in prefixes and bool(re.match(r"\s(?:(?:al|el)-\s?)?[A-Z]", after))


_IN_A_PERSON_NAME = re.compile(r"\b(?:Abu|Umm|Ibn|bin|Sheikh)\s+[A-Z][\w'’]+\s+(?:(?:al|el)[\s-])?$")


def _in_person_name(before: str) -> bool:
    """ "Ansari" of "Abu Hassan al-Ansari": a name after a kunya or "bin" and a given name is the
    person's family name, not a place, even where a quarter of Aleppo is spelled the same."""
    return bool(_IN_A_PERSON_NAME.search(before))


def find_places(
    body: str, toks: list[Token], reference: Reference, blocked: list[tuple[int, int]]
) -> list[PlaceMention]:
    """Place mentions outside the ``blocked`` spans (actor names such as "Syrian Democratic Forces")."""
    prefixes = list_words().prefixes
    matches = [
        m
        for m in _matcher(reference).find(toks, body)
        if not any(s < m.end and m.start < e for s, e in blocked)
        and not _cut_name(m.text, body[m.end :], prefixes)
        and not _in_person_name(body[max(0, m.start - 40) : m.start])
    ]
    countries = _unambiguous_countries(matches)
    rules = _rules(reference)
    mentions = []
    for match in matches:
        after = body[match.end : match.end + 20]
        before = body[max(0, match.start - 60) : match.start]
        admin = bool(_ADMIN_WORDS.match(after) or _ADMIN_WORDS_BEFORE.search(before))
        place = _choose(match, countries, admin)
        role, precision = _role(place, before, after, rules)
        mentions.append(
            PlaceMention(
                place_id=place.place_id,
                location=place.name,
                text=match.text,
                feature_kind=place.feature_kind,
                admin1=place.admin1,
                admin1_code=place.admin1_code,
                country=place.country,
                country_code=place.country_code,
                latitude=place.latitude,
                longitude=place.longitude,
                geo_precision=precision,
                role=role,
                char_start=match.start,
                char_end=match.end,
            )
        )
    return mentions


def _unambiguous_countries(matches: list[Match[Place]]) -> set[str]:
    """Countries of the places that have only one reading: context for ambiguous names."""
    return {
        m.entries[0].country_code
        for m in matches
        if len({p.country_code for p in m.entries}) == 1 and m.entries[0].country_code
    }


def _choose(match: Match[Place], countries: set[str], admin_word_follows: bool) -> Place:
    """Pick among places sharing a name: the article's countries, then kind, then size."""

    def score(place: Place) -> tuple[int, int, int, int]:
        kind = _KIND_RANK.get(place.feature_kind, 1)
        if admin_word_follows and place.feature_kind == "province":
            kind = 9
        exact = int(fold(place.name) == fold(match.text))
        return (int(place.country_code in countries), kind, exact, place.population)

    return max(match.entries, key=score)


def _role(place: Place, before: str, after: str, rules: _PlaceRules) -> tuple[str, int]:
    if re.match(r"^['’]s\b", after) or re.match(r"^-(?:backed|based|led|trained|supported|aligned)", after):
        return "context", 3
    if rules.context.search(before):
        return "context", 3
    if rules.origin.search(before):
        return "origin", _precision(place, near=False)
    if place.feature_kind == "country" and (rules.border.search(before) or re.match(r"^\s+border", after)):
        return "border", 3
    return "location", _precision(place, near=bool(rules.near.search(before)))


def _precision(place: Place, near: bool) -> int:
    if place.feature_kind in {"country", "province"}:
        return 3
    return 2 if near else 1
