"""Who fights whom where (scenarios), the outlets and their datelines, the corpus's shape, and
the words of actors and places derived from the reference data."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from extract.coding.reference import DEFAULT_REFERENCE_DIR, Reference, load_reference
from extract.coding.text import phrase_key

# ======================================================================================
# Scenarios: who fights whom where, and which kinds of event they produce. The actors are
# canonical names from actors.csv; their surface forms come from actor_aliases.csv.
# ======================================================================================


@dataclass(frozen=True)
class Scenario:
    name: str
    country: str
    weight: int
    provinces: tuple[tuple[str, int], ...]
    government: tuple[str, ...]  # the side that holds the area (state or de facto authority)
    opponents: tuple[str, ...]
    aircraft: tuple[str, ...]
    types: tuple[tuple[str, int], ...]


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "iraq_insurgency",
        "IQ",
        30,
        (("Anbar", 4), ("Nineveh", 4), ("Salahuddin", 4), ("Diyala", 4), ("Kirkuk", 3), ("Baghdad", 1), ("Babil", 1)),
        (
            "Iraqi Security Forces",
            "Iraqi Army",
            "Iraqi Police",
            "Counter-Terrorism Service",
            "Popular Mobilization Forces",
            "Badr Organization",
            "Kataib Hezbollah",
            "Asaib Ahl al-Haq",
            "Tribal Mobilization Forces",
            "Peshmerga",
        ),
        ("Islamic State", "Islamic State", "Islamic State", "Unidentified Armed Group"),
        ("Iraqi Air Force", "US-led Coalition"),
        (
            ("Armed clash", 18),
            ("Shelling/artillery/missile attack", 6),
            ("Air/drone strike", 12),
            ("Remote explosive/landmine/IED", 14),
            ("Suicide bomb", 3),
            ("Attack", 10),
            ("Abduction/forced disappearance", 5),
            ("Arrests", 12),
            ("Government regains territory", 4),
            ("Non-state actor overtakes territory", 1),
            ("Disrupted weapons use", 6),
            ("Grenade", 2),
            ("Looting/property destruction", 3),
        ),
    ),
    Scenario(
        "iraq_kurdistan_turkey",
        "IQ",
        8,
        (("Dohuk", 5), ("Erbil", 3), ("Sulaymaniyah", 2)),
        ("Turkish Armed Forces",),
        ("Kurdistan Workers' Party",),
        ("Turkish Armed Forces",),
        (("Air/drone strike", 14), ("Shelling/artillery/missile attack", 8), ("Armed clash", 4)),
    ),
    Scenario(
        "iraq_militias_us",
        "IQ",
        4,
        (("Anbar", 3), ("Baghdad", 2), ("Erbil", 1)),
        ("United States Armed Forces", "US-led Coalition"),
        ("Kataib Hezbollah", "Harakat Hezbollah al-Nujaba", "Kataib Sayyid al-Shuhada"),
        ("United States Armed Forces", "US-led Coalition"),
        (("Shelling/artillery/missile attack", 10), ("Air/drone strike", 8), ("Disrupted weapons use", 2)),
    ),
    Scenario(
        "iraq_protests",
        "IQ",
        6,
        (("Baghdad", 3), ("Basra", 3), ("Dhi Qar", 2), ("Najaf", 1), ("Sulaymaniyah", 1), ("Karbala", 1)),
        ("Iraqi Security Forces", "Iraqi Police"),
        ("Protesters",),
        (),
        (("Peaceful protest", 12), ("Violent demonstration", 3)),
    ),
    Scenario(
        "syria_east",
        "SY",
        15,
        (("Deir ez-Zor", 4), ("Raqqa", 3), ("Hasakah", 3)),
        ("Syrian Democratic Forces", "People's Protection Units"),
        ("Islamic State", "Islamic State", "Unidentified Armed Group"),
        ("US-led Coalition",),
        (
            ("Armed clash", 10),
            ("Remote explosive/landmine/IED", 6),
            ("Attack", 6),
            ("Abduction/forced disappearance", 3),
            ("Arrests", 8),
            ("Air/drone strike", 5),
            ("Non-state actor overtakes territory", 2),
            ("Disrupted weapons use", 2),
            ("Looting/property destruction", 2),
        ),
    ),
    Scenario(
        "syria_northwest",
        "SY",
        15,
        (("Idlib", 5), ("Aleppo", 3), ("Hama", 3), ("Latakia", 2)),
        ("Syrian Government Forces", "Russian Armed Forces", "Hezbollah"),
        ("Hayat Tahrir al-Sham", "Syrian Rebels"),
        ("Russian Armed Forces", "Syrian Government Forces"),
        (
            ("Shelling/artillery/missile attack", 16),
            ("Air/drone strike", 12),
            ("Armed clash", 8),
            ("Government regains territory", 2),
            ("Non-state actor overtakes territory", 2),
            ("Agreement", 1),
        ),
    ),
    Scenario(
        "syria_north_turkey",
        "SY",
        8,
        (("Aleppo", 3), ("Hasakah", 3), ("Raqqa", 2)),
        ("Turkish Armed Forces", "Syrian Rebels"),
        ("Syrian Democratic Forces", "People's Protection Units"),
        ("Turkish Armed Forces",),
        (
            ("Shelling/artillery/missile attack", 10),
            ("Air/drone strike", 8),
            ("Armed clash", 6),
            ("Non-state actor overtakes territory", 1),
        ),
    ),
    Scenario(
        "syria_badia",
        "SY",
        6,
        (("Homs", 3), ("Deir ez-Zor", 2), ("Hama", 1), ("Raqqa", 1)),
        ("Syrian Government Forces", "Hezbollah", "Iranian Armed Forces"),
        ("Islamic State",),
        ("Russian Armed Forces",),
        (("Armed clash", 6), ("Attack", 4), ("Remote explosive/landmine/IED", 3), ("Air/drone strike", 4)),
    ),
    Scenario(
        "syria_south",
        "SY",
        6,
        (("Daraa", 4), ("Suwayda", 2), ("Quneitra", 1), ("Rif Dimashq", 1)),
        ("Syrian Government Forces",),
        ("Unidentified Armed Group", "Syrian Rebels"),
        (),
        (
            ("Attack", 6),
            ("Remote explosive/landmine/IED", 4),
            ("Armed clash", 4),
            ("Abduction/forced disappearance", 3),
            ("Arrests", 3),
            ("Agreement", 1),
        ),
    ),
    Scenario(
        "syria_protests",
        "SY",
        2,
        (("Suwayda", 4), ("Idlib", 1), ("Daraa", 1)),
        ("Syrian Government Forces",),
        ("Protesters",),
        (),
        (("Peaceful protest", 1),),
    ),
)

# Aliases that read oddly as the doer of an act ("Iraqi Prime Minister shelled ..."), or that
# a reporter would not write alone.
UNNATURAL_AGENTS = frozenset(
    {
        "Iraqi Prime Minister",
        "Iraqi government",
        "Syrian government",
        "Inherent Resolve",
        "Operation Inherent Resolve",
        "Popular Mobilization Committees",
        "Popular Mobilization",
        "Popular Mobilisation",
        "Hashd",
        "League of the Righteous",
        "Kataeb",
        "Brigade 30",
        "Brigade 50",
        "Brigade 16",
        "Joint Operations Command",
        "Iraqi Joint Operations Command",
        "CJTF-OIR",
        "QSD",
        "civilian",
        "pro-government forces",
        "paramilitary force",
        "para-military force",
        "Quds Force",
        "Kataib Babiliyoun",
        "Syrian Government Forces",
        "Unidentified Armed Group",
        "the army",
        "the military",
    }
)
STATE_DESCRIPTORS = ("security forces", "government forces", "government troops", "army troops")
AIRCRAFT_WORDS = frozenset({"warplanes", "jets", "aircraft", "planes", "helicopters", "drones"})
THE_ACRONYMS = frozenset({"PMF", "PMU", "PMUs", "SDF", "YPG", "ISF", "CTS", "SAA", "FSA", "IRGC", "PKK"})
THE_LAST_WORDS = frozenset(
    {
        "army",
        "military",
        "regime",
        "coalition",
        "group",
        "organization",
        "organisation",
        "police",
        "force",
        "brigade",
        "service",
        "division",
        "front",
        "command",
        "party",
        "government",
        "corps",
    }
)
THE_CAPITAL_LAST_WORDS = frozenset({"Forces", "Units", "Brigades", "Guards", "Committees", "Coalition"})
GROUP_NOUNS = frozenset(
    {
        "forces",
        "units",
        "brigades",
        "group",
        "front",
        "party",
        "organization",
        "organisation",
        "coalition",
        "army",
        "militias",
    }
)
ARMED_GROUP_TYPES = frozenset({"Rebel group", "Political militia", "Identity militia"})

# ======================================================================================
# Outlets and their datelines.
# ======================================================================================


@dataclass(frozen=True)
class Outlet:
    name: str
    domain: str
    dateline: str  # style of the dateline: reuters, ap, afp, k24, xinhua, shafaq or none
    weight: int
    curly: bool  # typographic quotes and apostrophes

    @property
    def wire(self) -> bool:
        """News agencies write short paragraphs of one or two sentences."""
        return self.dateline in ("reuters", "ap", "afp", "xinhua")


OUTLETS: tuple[Outlet, ...] = (
    Outlet("Reuters", "reuters.example", "reuters", 5, False),
    Outlet("Associated Press", "apnews.example", "ap", 3, True),
    Outlet("AFP", "afp.example", "afp", 3, False),
    Outlet("Kurdistan 24", "kurdistan24.example", "k24", 2, True),
    Outlet("Rudaw", "rudaw.example", "none", 2, True),
    Outlet("Shafaq News", "shafaq.example", "shafaq", 2, False),
    Outlet("The New Arab", "newarab.example", "none", 1, True),
    Outlet("Xinhua", "xinhua.example", "xinhua", 1, False),
    Outlet("North Press Agency", "npasyria.example", "none", 1, True),
    Outlet("Enab Baladi", "enabbaladi.example", "none", 1, True),
)
DATELINE_CITIES = {
    "IQ": {
        "Erbil": "ERBIL",
        "Dohuk": "ERBIL",
        "Sulaymaniyah": "SULAIMANIYAH",
        "Nineveh": "MOSUL",
        "Kirkuk": "KIRKUK",
        "Basra": "BASRA",
        "": "BAGHDAD",
    },
    "SY": {"Hasakah": "QAMISHLI", "Raqqa": "QAMISHLI", "Idlib": "BEIRUT", "Daraa": "AMMAN", "": "BEIRUT"},
}
AP_SMALL_CITIES = {"IQ": ("KIRKUK", "MOSUL", "BASRA"), "SY": ("QAMISHLI", "IDLIB")}
COUNTRY_NAMES = {"IQ": ("Iraq", "Iraqi", "Baghdad"), "SY": ("Syria", "Syrian", "Damascus")}
AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
COMPASS = ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")

# ======================================================================================
# Corpus shape.
# ======================================================================================

YEAR = 2024
BLOCK = 50  # records per .jsonl/.csv file; also the unit in which formats are assigned
BATCH = 1000  # articles (so at most that many files) per batch-NNNN folder
DUPLICATE_WINDOW = 100  # a copy's source is an earlier article of the same aligned window
BLOCK_CYCLE = ("files",) * 17 + ("jsonl", "jsonl", "csv")  # 85% of articles one per file
HTML_SHARE = 0.005
EXACT_COPY_SHARE = 0.03
REWRITE_SHARE = 0.05
QUIET_SHARE = 0.20
TRUTH_COLUMNS = (
    "article_number",
    "file",
    "record",
    "sub_event_type",
    "actor1",
    "actor2",
    "place",
    "admin1",
    "country_code",
    "fatalities",
)


# ======================================================================================
# Vocabulary derived from the reference data.
# ======================================================================================


@dataclass(frozen=True)
class Surface:
    """One way to write an actor, with the article English wants before it."""

    text: str  # "the Iraqi army"
    bare: str  # "Iraqi army"
    kind: str  # name, acronym or descriptor
    needs_antecedent: bool


@dataclass(frozen=True)
class ActorWords:
    actor: str
    family: str
    actor_type: str
    surfaces: tuple[Surface, ...]
    aircraft: tuple[Surface, ...]

    @property
    def is_state(self) -> bool:
        return self.actor_type == "State forces"


@dataclass(frozen=True)
class PlaceWords:
    name: str  # the gazetteer name (what the extractor reports as location)
    admin1: str
    country_code: str
    kind: str
    population: int
    spellings: tuple[str, ...]  # plain spellings a reporter would use; the first is preferred


@dataclass(frozen=True, eq=False)  # hashed by identity: one per reference directory
class Vocabulary:
    actors: dict[str, ActorWords]
    places: dict[str, tuple[PlaceWords, ...]]  # by admin1
    provinces: dict[str, tuple[str, ...]]  # admin1 -> spellings of the province
    anchors: dict[str, str]  # admin1 -> spelling of its largest town, for "30 km south of ..."


def _ascii_spelling(name: str) -> str:
    """A gazetteer name as a reporter types it: "Ḩadīthah" -> "Hadithah"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[‘’ʿʾ`]", "", plain).strip()


_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "az", "an", "at", "ed", "es", "abu", "bin", "of", "the"})
_PLAIN_NAME = re.compile(r"^[A-Z][A-Za-z'\- ]{3,40}$")


def _writable(spelling: str) -> bool:
    """Capitalised words (but for Arabic particles), as the place matcher expects of names."""
    if not _PLAIN_NAME.match(spelling):
        return False
    words = re.split(r"[\s\-]+", spelling)
    return all(w[:1].isupper() or w.lower() in _PARTICLES for w in words) and words[-1][:1].isupper()


def _with_article(alias: str, kind: str) -> str:
    if alias.lower().startswith("the "):
        return alias
    last = alias.split()[-1]
    if kind == "acronym":
        return f"the {alias}" if alias in THE_ACRONYMS else alias
    if last.lower() in THE_LAST_WORDS or last in THE_CAPITAL_LAST_WORDS:
        return f"the {alias}"
    return alias


@lru_cache(maxsize=2)
def vocabulary(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> Vocabulary:
    """Actor and place words from the reference tables (read once).

    The project's own ``seeds/reference`` is the default, not ``CONFLICT_REFERENCE_DIR``, so a
    corpus depends only on the seed and the checked-in data.
    """
    ref = load_reference(reference_dir)
    return Vocabulary(actors=_actor_words(ref), **_place_words(ref))


def _actor_words(ref: Reference) -> dict[str, ActorWords]:
    found: dict[str, list[Surface]] = {name: [] for name in ref.actors}
    aircraft: dict[str, list[Surface]] = {name: [] for name in ref.actors}
    defaults = {cc: ref.state_actor(cc) for cc in ("IQ", "SY")}
    for alias in ref.aliases:
        if alias.alias in UNNATURAL_AGENTS:
            continue
        if alias.actor == "@state":
            if alias.alias not in STATE_DESCRIPTORS:
                continue
            owners = [a.actor for a in defaults.values() if a is not None]
        else:
            owners = [alias.actor]
        surface = Surface(_with_article(alias.alias, alias.kind), alias.alias, alias.kind, alias.needs_antecedent)
        for owner in owners:
            if alias.alias.split()[-1].lower() in AIRCRAFT_WORDS:
                aircraft[owner].append(surface)
            else:
                found[owner].append(surface)
    return {
        name: ActorWords(name, actor.family, actor.actor_type, tuple(found[name]), tuple(aircraft[name]))
        for name, actor in ref.actors.items()
    }


def _place_words(ref: Reference) -> dict[str, Any]:
    """Populated places of Iraq and Syria, spelt so that only one province can be meant."""
    areas: dict[tuple[str, ...], set[str | None]] = {}
    for place in ref.places.values():
        for form in (place.name, *place.aliases):
            stripped = re.match(
                r"^(?:al|el|ad|ar|as|ash|az|an|at)[\s\-']+(.{4,})$", form, re.IGNORECASE
            )  # also "Qaim" for "Al Qaim"
            for variant in (form, stripped.group(1) if stripped else None):
                if variant:
                    areas.setdefault(phrase_key(variant), set()).add(
                        place.admin1_code if place.feature_kind != "country" else "country"
                    )
    taken = {phrase_key(a.alias) for a in ref.aliases} | {phrase_key(a.alias) for a in ref.organisation_aliases}
    places: dict[str, list[PlaceWords]] = {}
    provinces: dict[str, tuple[str, ...]] = {}
    for place in ref.places.values():
        if place.country_code not in ("IQ", "SY") or not place.admin1:
            continue
        spellings: list[str] = []
        for form in (_ascii_spelling(place.name), *place.aliases):
            key = phrase_key(form)
            if (
                _writable(form)
                and key not in taken
                and areas.get(key, set()) <= {place.admin1_code}
                and form not in spellings
            ):
                spellings.append(form)
        if not spellings:
            continue
        if place.feature_kind == "province":
            provinces[place.admin1] = tuple(spellings)
        elif place.feature_kind in ("city", "town", "village", "airbase", "border_crossing", "mountain", "desert"):
            places.setdefault(place.admin1, []).append(
                PlaceWords(
                    place.name, place.admin1, place.country_code, place.feature_kind, place.population, tuple(spellings)
                )
            )
    anchors = {
        admin1: max(
            (p for p in group if p.kind in ("city", "town")), key=lambda p: p.population, default=group[0]
        ).spellings[0]
        for admin1, group in places.items()
    }
    ordered = {admin1: tuple(sorted(group, key=lambda p: p.name)) for admin1, group in places.items()}
    return {"places": ordered, "provinces": provinces, "anchors": anchors}


# ======================================================================================
# Planning: what article i is about. Pure functions of (seed, number).
# ======================================================================================
