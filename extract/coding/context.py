"""What an article's places say as a whole: its main country and province, and the gazetteer
reading of possessives that lost their apostrophe ("Aleppos")."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from extract.coding.models import PlaceMention
from extract.coding.reference import Reference
from extract.coding.text import fold


def main_admin1(places: list[PlaceMention], country: str | None) -> tuple[str, str] | None:
    """The province most of the article's places lie in, in its main country: where a place
    the gazetteer does not know most likely is ("al-Jalloum" in an article about Aleppo)."""
    counts: dict[tuple[str, str], int] = {}
    for place in places:
        if place.role == "location" and place.admin1_code and place.country_code == country and place.admin1:
            key = (place.admin1, place.admin1_code)
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


@lru_cache(maxsize=4)
def _gazetteer_names(ref: Reference) -> frozenset[str]:
    names = set()
    for place in ref.places.values():
        for name in (place.name, *place.aliases):
            names.add(fold(name))
    return frozenset(names)


_POSSESSIVE_S = re.compile(r"\b([A-Z][\w-]{2,})s\b")


def without_possessive_s(body: str, ref: Reference) -> str:
    """The body with possessives that lost their apostrophe ("Aleppos", "Syrias") written as the
    place ("Aleppo "), same length, so that gazetteer offsets still point into the body."""
    names = _gazetteer_names(ref)

    def strip(match: re.Match[str]) -> str:
        stem = match.group(1)
        return stem + " " if fold(stem) in names and fold(stem + "s") not in names else match.group(0)

    return _POSSESSIVE_S.sub(strip, body)


def main_place(places: list[PlaceMention], country: str | None) -> PlaceMention | None:
    """The place the article is about: named most often in its main country (a tie goes to the
    place named first). An act whose sentence says only "the town", or names no place, happened
    there, as an analyst reading the whole article codes it."""
    counts: Counter[str] = Counter()
    first: dict[str, PlaceMention] = {}
    for place in places:
        if place.role == "context" or not place.admin1_code or (country and place.country_code != country):
            continue
        counts[place.place_id] += 1
        first.setdefault(place.place_id, place)
    return first[counts.most_common(1)[0][0]] if counts else None


def main_country(places: list[PlaceMention]) -> str | None:
    """The country most of the article's places belong to."""
    counts: dict[str, int] = {}
    for place in places:
        if place.role == "location" and place.country_code:
            counts[place.country_code] = counts.get(place.country_code, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None
