"""Places that share a name across a border: which reading an event's sentence means.

Gazetteers hold many names twice (a Sulaymaniyah quarter of Aleppo and the Iraqi city; Rabia in
Latakia and in Nineveh). A reading in another country than the article's or the acting force's
is kept only when the sentence names that country or says the act crossed a border.
"""

from __future__ import annotations

import re

from extract.coding.crossing import says_it_crossed
from extract.coding.drafts import Place
from extract.coding.models import PlaceMention
from extract.coding.sides import Side


def foreign_namesake(mention: PlaceMention, local_places: list[PlaceMention], home: str | None) -> bool:
    """ "The Sulaymaniyah neighbourhood of Aleppo": a gazetteer reading in another country than the
    article's, when the sentence names a place of the article's country and not the other
    country, is a namesake; the place is kept as written, in the province the sentence gives."""
    if not home or not mention.country_code or mention.country_code == home or mention.feature_kind == "country":
        return False
    named = {p.country_code for p in local_places if p.feature_kind == "country"}
    at_home = any(p.country_code == home and p.char_start != mention.char_start for p in local_places)
    return mention.country_code not in named and at_home


# what lies between a place and the larger place the sentence puts it in: "al-Kallaseh in
# Damascus", "Hader in Quneitra province", "the town of X in the province of Idlib" (not "near" or
# "east of": what lies near Damascus is in Rif Dimashq)
_CONTAINED_IN = re.compile(r"[\s,]*in\s+(?:the\s+)?(?:(?:city|province|governorate)\s+of\s+)?", re.IGNORECASE)
_COUNTRYSIDE = re.compile(r"^\W*(?:countryside|suburbs?|outskirts|environs)\b", re.IGNORECASE)
_SMALL = {"village", "neighbourhood", "town"}


def put_elsewhere(mention: PlaceMention, local_places: list[PlaceMention], text: str) -> PlaceMention | None:
    """ "A bus in the neighbourhood of al-Kallaseh in Damascus": the gazetteer's reading of a
    village or quarter (one in Aleppo) is another place of the name when the sentence puts it,
    right after, in a city or province of another province of the same country: that one.
    Offsets are the sentence's, as ``text`` is."""
    if mention.feature_kind not in _SMALL or not mention.admin1_code:
        return None
    for other in local_places:
        between = text[mention.char_end : other.char_start]
        if (
            other.char_start >= mention.char_end
            and len(between) <= 40
            and other.feature_kind in {"city", "province", "town"}
            and other.country_code == mention.country_code
            and other.admin1_code
            and other.admin1_code != mention.admin1_code
            and _CONTAINED_IN.fullmatch(between)
            and not _COUNTRYSIDE.match(text[other.char_end : other.char_end + 20])
        ):
            return other
    return None


def home_forces_abroad(
    place: Place, actor1: Side | None, home: str | None, local_places: list[PlaceMention], text: str
) -> bool:
    """A state's forces acting in their own country (the article's, or one the sentence names a
    place of) at a gazetteer place of another country, in a sentence that names neither that
    country nor a crossing."""
    own = actor1.country_code if actor1 is not None and actor1.actor_type == "State forces" else None
    if not own or place.mention is None or not place.country_code or place.country_code == own:
        return False
    at_home = own == home or any(p.country_code == own for p in local_places)
    named = {p.country_code for p in local_places if p.feature_kind == "country"}
    return at_home and place.country_code not in named and not says_it_crossed(text)
