"""One sentence's report of an act (a draft), where it is placed, and how reports of the same
act in one article merge into one event; the territory rule that reads a draft's sides."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.coding.classifier import SUB_EVENT_TYPES, Decision, event_cues
from extract.coding.dates import DateFound
from extract.coding.models import PlaceMention
from extract.coding.numbers import Casualties
from extract.coding.reference import Reference
from extract.coding.sides import Side
from extract.coding.text import Span

TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


@dataclass
class Place:
    """Where an event is coded, from the gazetteer or as written."""

    location: str | None
    text: str | None
    admin1: str | None
    admin1_code: str | None
    country: str | None
    country_code: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    mention: PlaceMention | None = None

    @classmethod
    def of_mention(cls, mention: PlaceMention, precision: int | None = None) -> Place:
        """The gazetteer place a mention names, at its own geo precision unless told another."""
        return cls(
            mention.location, mention.text, mention.admin1, mention.admin1_code, mention.country,
            mention.country_code, mention.latitude, mention.longitude,
            mention.geo_precision if precision is None else precision, mention,
        )  # fmt: skip

    @property
    def key(self) -> str | None:
        return self.mention.place_id if self.mention else (self.location or "").lower() or None


@dataclass
class Draft:
    """One sentence's report of an act, before reports of the same act are merged."""

    sentence: Span
    index: int
    decision: Decision
    actor1: Side | None
    actor2: Side | None
    directional: bool
    place: Place | None
    date: DateFound | None
    casualties: Casualties
    cross_border: bool
    origin_country: str | None
    negated: bool
    hypothetical: bool
    reports: int = 1

    @property
    def sub_event_type(self) -> str:
        return self.decision.label

    def families(self) -> set[str]:
        return {s.family for s in (self.actor1, self.actor2) if s is not None}


def territory_sub_type(actor1: Side, ref: Reference) -> str:
    """Who took the ground decides ACLED's sub-type: state forces and the forces fighting for the
    state regain territory; anyone else overtakes it."""
    family = ref.actors.get(actor1.family)
    state = actor1.actor_type in {"State forces", "External/Other forces"} or (
        family is not None and family.actor_type == "State forces"
    )
    return "Government regains territory" if state else "Non-state actor overtakes territory"


def _dates_agree(a: DateFound | None, b: DateFound | None) -> bool:
    if a is None or b is None or a.event_date is None or b.event_date is None:
        return True
    if a.time_precision == 1 and b.time_precision == 1:
        return a.event_date == b.event_date
    return abs((a.event_date - b.event_date).days) <= 7


def _places_agree(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.key == b.key:
        return True
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    coarse, fine = (a, b) if (a.geo_precision or 9) >= (b.geo_precision or 9) else (b, a)
    if (coarse.geo_precision or 9) >= 3:
        return coarse.admin1_code is None or coarse.admin1_code == fine.admin1_code
    return False


def _same_act(a: Draft, b: Draft) -> bool:
    if (
        SUB_EVENT_TYPES[a.sub_event_type] != SUB_EVENT_TYPES[b.sub_event_type]
        or a.negated != b.negated
        or a.hypothetical != b.hypothetical
    ):
        return False
    if a.place is None and b.place is None and a.sub_event_type != b.sub_event_type:
        return False
    if not (_places_agree(a.place, b.place) or _same_toll_in_province(a, b)) or not _dates_agree(a.date, b.date):
        return False
    fa, fb = a.families(), b.families()
    if (a.actor1 is None or b.actor1 is None) and a.sub_event_type == b.sub_event_type:
        return True
    if _named_doer(a) and _named_doer(b) and a.actor1.family != b.actor1.family:
        return False  # the government's barrel bomb and the rebels' shelling hit the same city
    return not fa or not fb or bool(fa & fb)


def _leads(a: Draft, b: Draft) -> bool:
    """Whether report ``a`` leads the merged event over ``b``: a sub-type an unambiguous weapon
    decided ("suicide bombers", an override) over the model's reading of a vaguer report ("an
    explosion"), else the more probable sub-type."""
    a_rule, b_rule = a.decision.decided_by.startswith("override:"), b.decision.decided_by.startswith("override:")
    if a_rule != b_rule:
        return a_rule
    return a.decision.probability >= b.decision.probability


def _same_toll_in_province(a: Draft, b: Draft) -> bool:
    """ "An air strike killed 21 in a village of Aleppo province" and "the number killed in the
    strike on Atareb has risen to 21": two towns of one province, one toll and one kind of act
    are one act told twice, the second time with its place."""
    return (
        a.sub_event_type == b.sub_event_type
        and a.place is not None
        and b.place is not None
        and a.place.admin1_code is not None
        and a.place.admin1_code == b.place.admin1_code
        and a.casualties.fatalities is not None
        and a.casualties.fatalities > 0
        and a.casualties.fatalities == b.casualties.fatalities
    )


def _named_doer(draft: Draft) -> bool:
    return draft.actor1 is not None and draft.actor1.resolution != "default"


@lru_cache(maxsize=4)
def new_act_cues(directory: Path | None = None) -> tuple[re.Pattern[str], ...]:
    """``new_act`` of ``event_cues.yml``: words by which a sentence says it tells a further act."""
    return tuple(re.compile(p, re.IGNORECASE) for p in event_cues(directory).get("new_act") or [])


def tells_a_new_act(text: str) -> bool:
    """ "Another mortar shell also landed in Bab Touma", "Elsewhere, ...": not a retelling."""
    return any(p.search(text) for p in new_act_cues())


def merge(drafts: list[Draft]) -> list[Draft]:
    """Reports of one act become one event: the best-supported sentence leads, the others fill
    what it lacks (the toll from one sentence, the place from another). A sentence that says it
    tells a further act starts an event of its own."""
    events: list[Draft] = []
    for draft in drafts:
        fresh = tells_a_new_act(draft.sentence.text)
        target = None if fresh else next((e for e in reversed(events) if _same_act(e, draft)), None)
        if target is None:
            events.append(draft)
            continue
        lead, other = (target, draft) if _leads(target, draft) else (draft, target)
        combined = dataclasses.replace(lead, reports=target.reports + 1, index=max(target.index, draft.index))
        if combined.place is None or (
            other.place is not None and (other.place.geo_precision or 9) < (combined.place.geo_precision or 9)
        ):
            combined.place = other.place
        combined.actor1 = combined.actor1 or other.actor1
        combined.actor2 = combined.actor2 or other.actor2
        if combined.actor1 and combined.actor2 and combined.actor1.family == combined.actor2.family:
            combined.actor2 = other.actor2 if other.actor2 and other.actor2.family != combined.actor1.family else None
        if combined.date is None or (
            other.date and other.date.time_precision and (combined.date.time_precision or 9) > other.date.time_precision
        ):
            combined.date = other.date
        casualties = dataclasses.replace(lead.casualties)
        casualties.merge(other.casualties)
        combined.casualties = casualties
        combined.cross_border = lead.cross_border or other.cross_border
        combined.origin_country = lead.origin_country or other.origin_country
        events[events.index(target)] = combined
    return events
