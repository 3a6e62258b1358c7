"""Transliterated spellings: "al-Zobdani" is Zabadani, "Seraqeb" Saraqib, "Maaret Alnouman"
Ma'arrat al-Nu'man.

Arabic names reach English in many spellings that differ mostly in their vowels, doubled letters
and the article. Their consonant skeleton ("zbdn") is far steadier, so a place the gazetteer
does not know as written is looked up by its skeleton among the gazetteer places of the article's
country (of every country when the article names none), and taken only when every place with
that skeleton lies in one province. Short
skeletons (under four letters) match too many names to say anything.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from extract.coding.reference import Place, Reference
from extract.coding.text import fold

MIN_SKELETON = 4
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "az", "an", "at", "the"})


def skeleton(name: str) -> str:
    """The consonants of a name without its articles (also one written onto its word), doubled
    letters once: "Deir az-Zour" and "Der-Ezzor" are both "drzr"."""
    words = [w for w in re.findall(r"[a-z]+", fold(name)) if w not in _ARTICLES]
    # an article written onto its word: "Alnouman", "Albu Kamal"
    words = [w[2:] if w.startswith("al") and len(w) > 4 else w for w in words]
    letters = "".join(words).replace("ou", "u")
    letters = re.sub(r"[aeiouy]", "", letters)
    return re.sub(r"(.)\1+", r"\1", letters)


@lru_cache(maxsize=4)
def _index(ref: Reference) -> dict[tuple[str | None, str], tuple[Place, ...]]:
    """Places by (country, skeleton) and, for an article with no country yet, by (None, skeleton)."""
    found: dict[tuple[str | None, str], list[Place]] = defaultdict(list)
    for place in ref.places.values():
        if place.feature_kind == "country" or not place.country_code:
            continue
        for key in {skeleton(n) for n in (place.name, *place.aliases)}:
            if len(key) >= MIN_SKELETON:
                found[(place.country_code, key)].append(place)
                found[(None, key)].append(place)
    return {k: tuple(v) for k, v in found.items()}


def by_skeleton(name: str, country: str | None, ref: Reference) -> Place | None:
    """The gazetteer place of the country (any country when the article has none yet) that the
    name spells another way, when the skeleton points to one province only (the most populous of
    its places); else None."""
    places = _index(ref).get((country, skeleton(name)), ())
    if not places or len({p.admin1_code for p in places}) != 1:
        return None
    return max(places, key=lambda p: p.population)
