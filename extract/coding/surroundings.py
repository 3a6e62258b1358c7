"""The province around a city that is a province of its own: "near Damascus", "the Damascus
suburbs" and "east of Damascus" are in Rif Dimashq, not in the city's governorate. The cities,
their surrounding provinces and the words that say "around" live in
``seeds/reference/surroundings.yml``."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from extract.coding.drafts import Place
from extract.coding.reference import reference_dir


@dataclass(frozen=True)
class Surroundings:
    provinces: dict[tuple[str, str], tuple[str, str]]  # (city, country code) -> (admin1, admin1 code)
    before: re.Pattern[str]
    after: re.Pattern[str]


@lru_cache(maxsize=4)
def load_surroundings(directory: Path | None = None) -> Surroundings:
    """``surroundings.yml`` of the reference folder, read once."""
    data = yaml.safe_load(((directory or reference_dir()) / "surroundings.yml").read_text(encoding="utf-8"))
    provinces = {(c["city"], c["country_code"]): (c["admin1"], c["admin1_code"]) for c in data["cities"]}
    return Surroundings(provinces, re.compile(data["before"], re.IGNORECASE), re.compile(data["after"], re.IGNORECASE))


def around_city(place: Place, text: str, start: int, end: int) -> Place:
    """``place`` in the province around it when the words at ``text[start:end]`` (the place as
    written in the sentence) are introduced as its surroundings; else ``place`` unchanged. The
    city's coordinates stay, as a place near it (geo precision 2; 3 when the name was read as
    the city's own province)."""
    table = load_surroundings()
    province = table.provinces.get((place.location or "", place.country_code or ""))
    if province is None:
        return place
    if not (table.before.search(text[max(0, start - 60) : start]) or table.after.search(text[end : end + 30])):
        return place
    admin1, code = province
    precision = 2 if (place.geo_precision or 9) <= 2 else 3
    return dataclasses.replace(place, admin1=admin1, admin1_code=code, geo_precision=precision)
