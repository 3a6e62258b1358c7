"""Sentences written from an article's plan: the phrase templates filled with actors, places,
dates and figures, quotes and background, by one :class:`_Writer` per article."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from extract.tools.synthetic.phrases import (
    ATTRIBUTIONS,
    DISTRACTORS,
    FIRST_NAMES,
    GRIEVANCES,
    HEADLINES,
    ISSUES,
    LAST_NAMES,
    SPEAKERS,
)
from extract.tools.synthetic.plans import (
    ArticlePlan,
    EventPlan,
    TemplateSpec,
    _spec,
)
from extract.tools.synthetic.vocabulary import (
    ARMED_GROUP_TYPES,
    COMPASS,
    COUNTRY_NAMES,
    GROUP_NOUNS,
    MONTHS,
    NUMBER_WORDS,
    WEEKDAYS,
    Outlet,
    PlaceWords,
    Surface,
    Vocabulary,
)

# ======================================================================================
# Rendering: a plan becomes text.
# ======================================================================================


def _count(n: int) -> str:
    """AP style: words below ten, digits from ten; the vague counts as reporters write them."""
    if n == 12:
        return "dozens of"
    return NUMBER_WORDS[n] if n < 10 else str(n)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


_SINGULAR = {
    "soldiers": "soldier",
    "policemen": "policeman",
    "fighters": "fighter",
    "members": "member",
    "militants": "militant",
    "civilians": "civilian",
    "people": "person",
    "villagers": "villager",
    "residents": "resident",
    "shepherds": "shepherd",
    "farmers": "farmer",
    "worshippers": "worshipper",
    "personnel": "member of staff",
    "jihadists": "jihadist",
}


def _noun(count: int, plural: str) -> str:
    if count == 1:
        return f"one {_SINGULAR.get(plural, 'person')}" if plural in _SINGULAR else "one person"
    return f"{_count(count)} {plural}"


def _date_phrase(rng: random.Random, day: date, published: date) -> str:
    offset = (published - day).days
    weekday = WEEKDAYS[day.weekday()]
    roll = rng.random()
    if roll < 0.15:
        return (
            f"on {MONTHS[day.month - 1]} {day.day}" if rng.random() < 0.7 else f"on {day.day} {MONTHS[day.month - 1]}"
        )
    if offset == 1 and roll < 0.35:
        return rng.choice(("yesterday", "last night"))
    if offset == 0 and roll < 0.3:
        return rng.choice(("today", "this morning"))
    return rng.choice(
        (
            f"on {weekday}",
            f"on {weekday}",
            f"late on {weekday}",
            f"early on {weekday}",
            f"on {weekday} night",
            f"on {weekday} morning",
        )
    )


@dataclass
class _Article:
    """The rendered text of an article, and what it tells."""

    number: int
    title: str | None
    head: str  # lines a scraper kept above the headline (page header, menus)
    body: str
    published: date
    outlet: Outlet
    url: str
    events: tuple[EventPlan, ...]

    def text(self, with_title: bool) -> str:
        title = f"{self.title}\n\n" if with_title and self.title else ""
        return f"{self.head}{title}{self.body}"


@lru_cache(maxsize=512)
def _surface_pool(
    vocab: Vocabulary, actor: str, antecedent: bool, headline: bool
) -> tuple[tuple[Surface, ...], tuple[int, ...]]:
    """The spellings of an actor that fit here, and their cumulative weights: names first, long
    formal names rarely, descriptors that need an antecedent only once the group was named."""
    usable = tuple(s for s in vocab.actors[actor].surfaces if antecedent or not s.needs_antecedent)
    if headline:
        usable = tuple(s for s in usable if s.kind != "descriptor" or not s.bare[:1].islower()) or usable
    weights = (
        {"name": 5, "acronym": 2, "descriptor": 3}[s.kind]
        * (2 if s.needs_antecedent else 1)
        // (5 if len(s.bare.split()) > 3 else 1)
        or 1
        for s in usable
    )
    return usable, tuple(itertools.accumulate(weights))


class _Writer:
    """Composes one article; remembers which actors it has named, so that descriptors that
    need an antecedent ("the militants") appear only after the group was named."""

    def __init__(
        self, rng: random.Random, vocab: Vocabulary, plan: ArticlePlan, published: date, outlet: Outlet
    ) -> None:
        self.rng = rng
        self.vocab = vocab
        self.plan = plan
        self.published = published
        self.outlet = outlet
        self.named: set[str] = set()

    # --- words -------------------------------------------------------------------------

    def actor(self, name: str, members: bool = False, headline: bool = False) -> str:
        words = self.vocab.actors[name]
        usable, cumulative = _surface_pool(self.vocab, name, words.family in self.named, headline)
        surface = self.rng.choices(usable, cum_weights=cumulative)[0]
        if not surface.needs_antecedent:
            self.named.add(words.family)
        if not members or surface.kind == "descriptor":
            return surface.text
        last = surface.bare.split()[-1].lower()
        if (
            (words.actor_type in ARMED_GROUP_TYPES or words.actor == "Peshmerga")
            and last not in GROUP_NOUNS
            and len(surface.bare.split()) <= 3
        ):
            noun = self.rng.choice(
                ("militants", "fighters") if words.family == "Islamic State" else ("fighters", "members")
            )
            return f"{surface.bare} {noun}"
        return surface.text

    def aircraft(self, name: str) -> str:
        self.named.add(self.vocab.actors[name].family)
        return self.rng.choice(self.vocab.actors[name].aircraft).text

    def civilians(self) -> str:
        return self.rng.choice(
            ("civilians", "civilians", "villagers", "residents", "shepherds", "farmers", "worshippers")
        )

    def place(self, place: PlaceWords) -> str:
        spellings = place.spellings
        return spellings[0] if len(spellings) == 1 or self.rng.random() < 0.8 else self.rng.choice(spellings[1:])

    def province(self, admin1: str) -> str:
        spellings = self.vocab.provinces.get(admin1, (admin1,))
        return spellings[0] if self.rng.random() < 0.85 else self.rng.choice(spellings)

    def location(self, place: PlaceWords) -> str:
        """Where: the named place, often with its province or a distance from a bigger town."""
        name, rng = self.place(place), self.rng
        core = {
            "village": (f"in the village of {name}", f"near the village of {name}", f"in {name} village", f"in {name}"),
            "town": (f"in the town of {name}", f"near {name}", f"in {name}", f"on the outskirts of {name}"),
            "city": (f"in {name}", f"in the city of {name}", f"on the outskirts of {name}"),
            "airbase": (f"at the {name} air base", f"near {name}"),
            "mountain": (f"in the {name} mountains",),
        }.get(place.kind, (f"near {name}",))
        phrase = rng.choice(core)
        roll = rng.random()
        anchor = self.vocab.anchors.get(place.admin1)
        if roll < 0.15 and anchor and anchor != name:
            return f"{phrase}, {rng.choice((15, 20, 25, 30, 40, 60))} km {rng.choice(COMPASS)} of {anchor}"
        if roll < 0.6:
            province = self.province(place.admin1)
            if place.country_code == "SY" and rng.random() < 0.3:
                return f"{phrase} in the {province} countryside"
            return f"{phrase} in {rng.choice(('', '', 'northern ', 'southern ', 'eastern ', 'western '))}{province}{rng.choice((' province', ' province', ' governorate', ''))}"
        return phrase

    def territory(self, place: PlaceWords) -> str:
        name = self.place(place)
        phrase = {"village": f"the village of {name}", "town": f"the town of {name}"}.get(place.kind, name)
        if self.rng.random() < 0.5:
            phrase += f" in {self.province(place.admin1)} province"
        return phrase

    def crowd_place(self, place: PlaceWords) -> str:
        name = self.place(place)
        return self.rng.choice(
            (
                f"in {name}",
                f"in central {name}",
                f"outside the provincial council building in {name}",
                f"in front of the governorate building in {name}",
                f"in the streets of {name}",
            )
        )

    def casualties(self, count: int | None, target: str | None, actor2: str | None) -> str:
        """The optional tail ", killing three soldiers and wounding five others"."""
        rng = self.rng
        if count is None:
            return rng.choice(
                ("", "", "", ", officials said", ", a security source said", ", according to local sources")
            )
        if target == "civ":
            noun = self.civilians() if rng.random() < 0.6 else "people"
        elif actor2:
            words = self.vocab.actors[actor2]
            noun = (
                ("militants" if words.family == "Islamic State" else "fighters")
                if not words.is_state
                else rng.choice(("soldiers", "members", "personnel"))
            )
            if actor2 == "Iraqi Police":
                noun = "policemen"
        else:
            noun = "people"
        wounded = rng.randint(1, 20)
        if count == 0:
            return f", wounding {_noun(wounded, noun)}"
        phrase = _noun(count, noun)
        return rng.choice(
            (
                f", killing {phrase}",
                f", killing {phrase}",
                f", killing at least {phrase}",
                f", killing {phrase} and wounding {_count(wounded) if wounded != 12 else 'a dozen'} others",
                f", leaving {phrase} dead",
            )
        )

    # --- sentences ---------------------------------------------------------------------

    def event_sentence(self, event: EventPlan, template: str) -> str:
        """The sentence telling ``event``, sometimes attributed to a source, as wires do."""
        values: dict[str, str] = {}
        spec = _spec(template)

        def fill(key: str) -> str:
            low = key.lower()
            if low not in values:
                values[low] = self._slot(low, event, spec)
            return _cap(values[low]) if key[:1].isupper() else values[low]

        sentence = _fill(template, fill)
        first = _parts(template)[1].lower() if template.startswith("{") else ""
        # Mid-sentence, the first word keeps its capital only if it is a name ("Islamic State").
        lower = (
            sentence[:1].lower() + sentence[1:]
            if not first.startswith(("a1", "a2", "air1")) or values[first][:1].islower()
            else sentence
        )
        roll = self.rng.random()
        if roll < 0.12:
            return f"{sentence[:-1]}, {self.rng.choice(ATTRIBUTIONS[self.plan.country])} said."
        if roll < 0.2:
            return f"{_cap(self.rng.choice(ATTRIBUTIONS[self.plan.country]))} said {lower}"
        if roll < 0.26:
            return f"According to {self.rng.choice(ATTRIBUTIONS[self.plan.country])}, {lower}"
        return sentence

    def distractor(self, event: EventPlan) -> str:
        actor = event.actor1 if event.actor1 not in (None, "Protesters") else None
        if actor is None:
            return ""
        templates = [t for t in DISTRACTORS if "air strikes" not in t or self.vocab.actors[actor].aircraft]
        template = self.rng.choice(templates)
        return _fill(
            template,
            lambda key: (
                _cap(self.actor(actor))
                if key == "A1"
                else self.actor(actor)
                if key == "a1"
                else self.common(key, event.place)
            ),
        )

    def _slot(self, key: str, event: EventPlan, spec: TemplateSpec) -> str:
        if key == "a1":
            return self.actor(event.actor1 or "Islamic State")
        if key == "a1m":
            return self.actor(event.actor1 or "Islamic State", members=True)
        if key == "air1":
            return self.aircraft(event.actor1 or "US-led Coalition")
        if key == "a2":
            return self.actor(event.actor2 or "Iraqi Security Forces")
        if key == "a2m":
            return self.actor(event.actor2 or "Islamic State", members=True)
        if key == "civ":
            return self.civilians()
        if key == "loc":
            return self.location(event.place)
        if key == "tloc":
            return self.territory(event.place)
        if key == "ploc":
            return self.crowd_place(event.place)
        if key == "when":
            return _date_phrase(self.rng, event.day, self.published)
        if key == "kill":
            return self.casualties(event.fatalities, spec.target, event.actor2)
        if key == "k":
            return _count(event.fatalities or 2)
        if key == "n":
            return _count(self.rng.choice((2, 3, 4, 5, 6, 7, 8, 11, 14)))
        if key == "issue":
            return self.rng.choice(ISSUES)
        if key == "grievance":
            return self.rng.choice(GRIEVANCES)
        return self.common(key, event.place)

    def common(self, key: str, place: PlaceWords | None = None) -> str:
        """Slots shared by all sentences: names of the article's country, province, people."""
        admin1 = place.admin1 if place else self.plan.province
        rng = self.rng
        if key == "prov":
            return self.province(admin1)
        if key == "anchor":
            return self.vocab.anchors.get(admin1) or COUNTRY_NAMES[self.plan.country][2]
        if key == "person":
            return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if key == "place":
            return self.place(place or rng.choice(self.vocab.places[admin1]))
        if key in ("country", "country_adj", "capital"):
            return COUNTRY_NAMES[self.plan.country][("country", "country_adj", "capital").index(key)]
        if key == "n":
            return f"{rng.randint(12, 95) * 50:,}"
        if key == "pct":
            return str(rng.randint(18, 70))
        if key == "km":
            return str(rng.choice((5, 10, 15, 20, 30, 45)))
        if key == "when":
            return _date_phrase(rng, self.published - timedelta(days=rng.choice((0, 1))), self.published)
        if key == "month":
            return MONTHS[self.published.month - 1]
        if key == "day":
            return str(self.published.day)
        if key == "year":
            return str(self.published.year)
        raise KeyError(f"unknown slot {{{key}}} in a template")

    def sentence(self, template: str, place: PlaceWords | None = None) -> str:
        return _fill(
            template,
            lambda key: _cap(self.common(key.lower(), place)) if key[:1].isupper() else self.common(key, place),
        )

    def headline(self, event: EventPlan) -> str:
        options = [
            h
            for h in HEADLINES[event.sub_event_type]
            if "{k}" not in h.lower() or (event.fatalities or 0) >= 2 and event.fatalities != 12
        ]
        options = [
            h
            for h in options
            if ("{a1}" not in h.lower() or event.actor1)
            and ("{a2}" not in h.lower() or event.actor2 not in (None, "Civilians"))
        ]
        template = self.rng.choice(options or ["Violence reported in {prov}"])
        spec = _spec("")

        def fill(key: str) -> str:
            low = key.lower()
            if low in ("a1", "a2"):
                actor = event.actor1 if low == "a1" else event.actor2
                value = self.actor(actor or "Islamic State", headline=True)
            else:
                value = self._slot(low, event, spec)
            value = re.sub(r"^the ", "", value)
            return _cap(value) if key[:1].isupper() else value

        return _fill(template, fill)

    def quote(self, voice: str, words: str) -> str:
        speakers = SPEAKERS.get(voice) or SPEAKERS[f"{voice}/{self.plan.country}"]
        speaker = self.sentence(self.rng.choice(speakers))
        subject = speaker + ("," if "," in speaker else "")  # "Karim Hamid, a local official, said"
        form = self.rng.random()
        if form < 0.4:
            return f'"{words}," said {speaker}.'
        if form < 0.7:
            return f'"{words}," {subject} told {self.outlet.name}.'
        return f'{_cap(subject)} said: "{words}."'


@lru_cache(maxsize=4096)
def _parts(template: str) -> tuple[str, ...]:
    """A template split into literal text (even positions) and slot names (odd positions)."""
    return tuple(re.split(r"{(\w+)}", template))


def _fill(template: str, fill: Callable[[str], str]) -> str:
    parts = _parts(template)
    if len(parts) == 1:
        return template
    return "".join(part if i % 2 == 0 else fill(part) for i, part in enumerate(parts))
