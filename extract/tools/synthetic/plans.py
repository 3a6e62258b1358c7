"""What each article will say, drawn from its own random stream: scenario, events, actors,
places, figures, and its role in the corpus (original, copy, rewrite, quiet)."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from extract.tools.synthetic.phrases import EVENT_TEMPLATES, QUIET_TOPICS
from extract.tools.synthetic.vocabulary import (
    BLOCK,
    BLOCK_CYCLE,
    DUPLICATE_WINDOW,
    EXACT_COPY_SHARE,
    HTML_SHARE,
    OUTLETS,
    QUIET_SHARE,
    REWRITE_SHARE,
    SCENARIOS,
    YEAR,
    Outlet,
    PlaceWords,
    Scenario,
    Vocabulary,
    vocabulary,
)


def _rng(seed: int, number: int, stream: str) -> random.Random:
    """A generator for one purpose of one article. A string seed goes through SHA-512, so the
    sequence is the same on every run and machine (unlike ``hash()``)."""
    return random.Random(f"synthetic/{seed}/{number}/{stream}")


@dataclass(frozen=True)
class TemplateSpec:
    text: str
    uses_actor1: bool
    uses_aircraft: bool
    target: str | None  # "a2" (an armed actor), "civ" (civilians) or None
    needs_count: bool  # the fatality count is part of the sentence
    has_tail: bool  # the optional casualty tail {kill}


@lru_cache(maxsize=512)
def _spec(text: str) -> TemplateSpec:
    slots = {s.lower() for s in re.findall(r"{(\w+)}", text)}
    target = "a2" if {"a2", "a2m"} & slots else "civ" if "civ" in slots else None
    return TemplateSpec(
        text, bool({"a1", "a1m", "air1"} & slots), "air1" in slots, target, "k" in slots, "kill" in slots
    )


SPECS: dict[str, tuple[TemplateSpec, ...]] = {
    kind: tuple(_spec(t) for t in texts) for kind, texts in EVENT_TEMPLATES.items()
}


@dataclass(frozen=True)
class EventPlan:
    sub_event_type: str
    template: int
    actor1: str | None
    actor2: str | None
    place: PlaceWords
    fatalities: int | None
    day: date
    scenario: str


@dataclass(frozen=True)
class ArticlePlan:
    number: int
    published: date
    country: str
    province: str
    outlet: Outlet
    events: tuple[EventPlan, ...]  # empty for a quiet article
    topic: str | None  # politics, economy or humanitarian for a quiet article


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _published(rng: random.Random) -> date:
    return date(YEAR, 1, 1) + timedelta(days=rng.randrange(366 if YEAR % 4 == 0 else 365))


def _pick_place(rng: random.Random, vocab: Vocabulary, admin1: str, crowd: bool) -> PlaceWords:
    """A populated place of the province; a crowd gathers in a city or town."""
    group, cumulative = _place_pool(vocab, admin1, crowd)
    return rng.choices(group, cum_weights=cumulative)[0]


@lru_cache(maxsize=256)
def _place_pool(vocab: Vocabulary, admin1: str, crowd: bool) -> tuple[tuple[PlaceWords, ...], tuple[int, ...]]:
    group = vocab.places[admin1]
    if crowd:
        group = tuple(p for p in group if p.kind in ("city", "town")) or group
    return group, tuple(itertools.accumulate({"city": 3, "town": 3, "village": 2}.get(p.kind, 1) for p in group))


def _state(vocab: Vocabulary, actor: str) -> bool:
    words = vocab.actors[actor]
    return words.is_state or vocab.actors[words.family].is_state


def _actor_pools(
    vocab: Vocabulary, kind: str, scenario: Scenario
) -> tuple[tuple[str, ...], Callable[[str], tuple[str, ...]]]:
    """Who can do an act of this kind in the scenario, and against whom."""
    gov, opp = scenario.government, scenario.opponents

    def other_side(actor: str) -> tuple[str, ...]:
        return opp if actor in gov else gov

    if kind == "Air/drone strike":
        return scenario.aircraft, lambda _: tuple(a for a in opp if a != "Unidentified Armed Group") or opp
    if kind in ("Armed clash", "Shelling/artillery/missile attack"):
        side = gov + opp
        return side, other_side
    if kind == "Government regains territory":
        return tuple(a for a in gov if _state(vocab, a)), lambda _: tuple(
            a for a in opp if a != "Unidentified Armed Group"
        )
    if kind == "Non-state actor overtakes territory":
        doers = tuple(a for a in gov + opp if not _state(vocab, a) and a != "Unidentified Armed Group")
        return doers, lambda a: tuple(x for x in other_side(a) if x != "Unidentified Armed Group")
    if kind in ("Arrests", "Disrupted weapons use", "Agreement"):
        return gov, lambda _: opp
    if kind in ("Peaceful protest", "Violent demonstration"):
        return ("Protesters",), lambda _: gov
    return opp, lambda _: gov


def _fatalities(rng: random.Random, required: bool) -> int | None:
    """Counts as reports give them: often none, mostly small, sometimes "dozens" (ACLED: 12)."""
    roll = rng.random()
    if not required and roll < 0.35:
        return None
    if not required and roll < 0.45:
        return 0
    values = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 40)
    weights = (
        0 if required else 14,
        14,
        12,
        9,
        8,
        6,
        5,
        4,
        3,
        5,
        5,
        3,
        3,
        2,
        1,
    )  # "killing {k} shepherds" needs a plural
    return rng.choices(values, weights=weights)[0]


def _cast_pool(
    vocab: Vocabulary, scenario: Scenario, kind: str, spec: TemplateSpec
) -> tuple[tuple[str, ...], Callable[[str], tuple[str, ...]]]:
    """The doers a template can take in this scenario (each with at least one target if the
    template names one), and the targets of each."""
    doers, targets_of = _actor_pools(vocab, kind, scenario)
    pool = tuple(a for a in doers if not spec.uses_aircraft or vocab.actors[a].aircraft)
    if spec.target == "a2":
        pool = tuple(a for a in pool if targets_of(a))
    return pool, targets_of


@lru_cache(maxsize=256)
def _usable_templates(scenario_name: str, kind: str) -> tuple[int, ...]:
    scenario = next(s for s in SCENARIOS if s.name == scenario_name)
    return tuple(i for i, spec in enumerate(SPECS[kind]) if _cast_pool(vocabulary(), scenario, kind, spec)[0])


def _plan_event(rng: random.Random, vocab: Vocabulary, scenario: Scenario, kind: str, published: date) -> EventPlan:
    specs = SPECS[kind]
    usable = _usable_templates(scenario.name, kind)
    if not usable:
        raise ValueError(f"scenario {scenario.name} cannot cast any template of {kind!r}: check SCENARIOS")
    index = rng.choice(usable)
    spec = specs[index]
    pool, targets_of = _cast_pool(vocab, scenario, kind, spec)
    doer = rng.choice(pool)
    actor1 = doer if spec.uses_actor1 else None
    actor2 = rng.choice(targets_of(doer)) if spec.target == "a2" else "Civilians" if spec.target == "civ" else None
    place = _pick_place(
        rng, vocab, _weighted(rng, scenario.provinces), crowd=kind in ("Peaceful protest", "Violent demonstration")
    )
    fatalities = _fatalities(rng, spec.needs_count) if (spec.needs_count or spec.has_tail) else None
    if (
        kind in ("Peaceful protest", "Violent demonstration", "Arrests", "Disrupted weapons use", "Agreement")
        and not spec.needs_count
    ):
        fatalities = None if fatalities is None or rng.random() < 0.8 else fatalities
    day = published - timedelta(days=rng.choices((0, 1, 2, 3), weights=(30, 45, 15, 10))[0])
    return EventPlan(kind, index, actor1, actor2, place, fatalities, day, scenario.name)


def plan_article(seed: int, number: int) -> ArticlePlan:
    """What article ``number`` is about, before any wording is chosen."""
    vocab = vocabulary()
    rng = _rng(seed, number, "plan")
    published = _published(rng)
    outlet = rng.choices(OUTLETS, weights=[o.weight for o in OUTLETS])[0]
    if rng.random() < QUIET_SHARE:
        country = rng.choice(("IQ", "IQ", "SY"))
        province = rng.choice(_provinces_of(country))
        return ArticlePlan(number, published, country, province, outlet, (), rng.choice(tuple(QUIET_TOPICS)))
    scenario = rng.choices(SCENARIOS, weights=[s.weight for s in SCENARIOS])[0]
    kinds = [_weighted(rng, scenario.types)]
    extra = rng.choices((0, 1, 2), weights=(60, 30, 10))[0]
    for _ in range(extra):
        options = [(k, w) for k, w in scenario.types if k not in kinds]
        if options:
            kinds.append(_weighted(rng, options))
    events = tuple(_plan_event(rng, vocab, scenario, kind, published) for kind in kinds)
    return ArticlePlan(number, published, scenario.country, events[0].place.admin1, outlet, events, None)


@lru_cache(maxsize=4)
def _provinces_of(country: str) -> tuple[str, ...]:
    vocab = vocabulary()
    return tuple(
        sorted(p for p, group in vocab.places.items() if group[0].country_code == country and p in vocab.provinces)
    )


@dataclass(frozen=True)
class Role:
    """Whether an article is original, a verbatim copy, or the same event retold elsewhere."""

    kind: str  # original, copy or rewrite
    source: int | None = None


def is_html(seed: int, number: int) -> bool:
    return _block_kind(seed, number // BLOCK) == "files" and _rng(seed, number, "html").random() < HTML_SHARE


def article_role(seed: int, number: int) -> Role:
    """Copies point at an earlier original of the same aligned window of 100 articles, so a
    corpus extended from a multiple of 100 (``start``) never repeats text of the first one."""
    rng = _rng(seed, number, "role")
    roll = rng.random()
    window = number - number % DUPLICATE_WINDOW
    if roll >= EXACT_COPY_SHARE + REWRITE_SHARE or number == window or is_html(seed, number):
        return Role("original")
    kind = "copy" if roll < EXACT_COPY_SHARE else "rewrite"
    for _ in range(8):
        source = rng.randrange(window, number)
        if _rng(seed, source, "role").random() < EXACT_COPY_SHARE + REWRITE_SHARE or is_html(seed, source):
            continue  # the source must itself be an original (and not a page trafilatura rewrites)
        if kind == "rewrite" and not plan_article(seed, source).events:
            continue
        return Role(kind, source)
    return Role("original")


@lru_cache(maxsize=16)
def _block_offset(seed: int) -> int:
    return _rng(seed, 0, "blocks").randrange(len(BLOCK_CYCLE))


def _block_kind(seed: int, block: int) -> str:
    """Which format a block of 50 articles takes: a fixed cycle, so that every 1,000 articles
    hold every format, shifted by the seed."""
    return BLOCK_CYCLE[(block + _block_offset(seed)) % len(BLOCK_CYCLE)]
