"""Sides an article names for its acts, lent to the acts whose sentences leave a side out.

Analysts read an article whole, and so does ACLED: "air strikes killed 13" after "Russian jets
struck" is a Russian strike; "army units took control of al-Karima" after "the army clashed with
al-Nusra" was taken from al-Nusra. Only a missing or default side is filled, never a named one.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from functools import lru_cache

from extract.coding.classifier import SUB_EVENT_TYPES
from extract.coding.drafts import Draft
from extract.coding.side_words import load_lexicon
from extract.coding.sides import UNIDENTIFIED_GROUP, UNIDENTIFIED_MILITARY, Side


def attribute_from_article(drafts: list[Draft]) -> list[Draft]:
    """An air strike or a shelling the sentence leaves unattributed takes the side the article
    names for acts of the same sub-type elsewhere ("Russian jets struck ..."; later "air strikes
    killed 13"): analysts read the article whole, and so does ACLED. Only an unnamed side
    (Unidentified Military Forces, Unidentified Armed Group, by default or by a descriptor such
    as "the warplanes") is replaced."""
    named: dict[str, Counter[str]] = {}
    sides: dict[str, Side] = {}
    for draft in drafts:
        if draft.actor1 is not None and not _unnamed(draft.actor1):
            named.setdefault(draft.sub_event_type, Counter())[draft.actor1.family] += 1
            sides.setdefault(draft.actor1.family, draft.actor1)
    out = []
    for draft in drafts:
        counts = named.get(draft.sub_event_type)
        if draft.actor1 is not None and _unnamed(draft.actor1) and counts:
            side = _most_named(counts, sides)
            if draft.actor2 is None or draft.actor2.family != side.family:
                draft = dataclasses.replace(draft, actor1=side)
        out.append(draft)
    return _pair_from_article(_opponent_from_article(out))


def _unnamed(side: Side) -> bool:
    """A side no name identifies: a default, or a descriptor of nobody in particular ("the
    warplanes", "gunmen"), which in an article that names the strikers refers to them."""
    return side.resolution == "default" or (
        side.resolution == "descriptor" and side.actor in {UNIDENTIFIED_GROUP, UNIDENTIFIED_MILITARY}
    )


def _opponent_from_article(drafts: list[Draft]) -> list[Draft]:
    """An act whose sentence names who acted but not against whom ("army units took control of
    al-Karima") takes the side the article names as that actor's opponent in acts of the same
    event type ("the army clashed with al-Nusra ...")."""
    opponents: dict[tuple[str, str], Counter[str]] = {}
    attackers: dict[tuple[str, str], Counter[str]] = {}
    sides: dict[str, Side] = {}
    for draft in drafts:
        if draft.actor1 is None or draft.actor2 is None or draft.actor2.resolution == "default":
            continue
        kind = SUB_EVENT_TYPES[draft.sub_event_type]
        opponents.setdefault((draft.actor1.family, kind), Counter())[draft.actor2.family] += 1
        sides.setdefault(draft.actor2.family, draft.actor2)
        if draft.actor1.resolution != "default":
            attackers.setdefault((draft.actor2.family, kind), Counter())[draft.actor1.family] += 1
            sides.setdefault(draft.actor1.family, draft.actor1)
    out = []
    for draft in drafts:
        kind = SUB_EVENT_TYPES[draft.sub_event_type]
        if draft.actor1 is not None and draft.actor2 is None:
            counts = opponents.get((draft.actor1.family, kind))
            if counts:
                draft = dataclasses.replace(draft, actor2=_most_named(counts, sides))
        elif draft.actor1 is None and draft.actor2 is not None:
            # "ISIL positions were hit": the side the article names acting against that target
            counts = attackers.get((draft.actor2.family, kind))
            if counts:
                draft = dataclasses.replace(draft, actor1=_most_named(counts, sides))
        out.append(draft)
    return out


def battle_foe_from_article(drafts: list[Draft]) -> list[Draft]:
    """A battle whose sentence names one side ("35 terrorists were killed in an ambush") is
    fought against the side the article names fighting that one in its other battles, in
    either role: a battle's two sides are a pair, whoever started it."""
    foes: dict[str, Counter[str]] = {}
    sides: dict[str, Side] = {}
    for one, two in _named_battles(drafts, sides):
        foes.setdefault(one, Counter())[two] += 1
        foes.setdefault(two, Counter())[one] += 1
    out = []
    for draft in drafts:
        known = one_side_of_a_battle(draft)
        counts = foes.get(known.family) if known is not None else None
        out.append(with_other_side(draft, _most_named(counts, sides)) if counts else draft)
    return out


def one_side_of_a_battle(draft: Draft) -> Side | None:
    """The side of a battle that names exactly one."""
    if SUB_EVENT_TYPES[draft.sub_event_type] != "Battles" or (draft.actor1 is None) == (draft.actor2 is None):
        return None
    return draft.actor1 or draft.actor2


def with_other_side(draft: Draft, side: Side) -> Draft:
    """The draft with ``side`` in the role it leaves empty."""
    return dataclasses.replace(draft, actor2=side) if draft.actor2 is None else dataclasses.replace(draft, actor1=side)


def _named_battles(drafts: list[Draft], sides: dict[str, Side]) -> list[tuple[str, str]]:
    """The (actor1, actor2) families of the article's battles that name both sides (neither a
    default), each family's first side kept in ``sides``."""
    pairs = []
    for draft in drafts:
        if SUB_EVENT_TYPES[draft.sub_event_type] != "Battles" or draft.actor1 is None or draft.actor2 is None:
            continue
        if "default" in {draft.actor1.resolution, draft.actor2.resolution}:
            continue
        pairs.append((draft.actor1.family, draft.actor2.family))
        sides.setdefault(draft.actor1.family, draft.actor1)
        sides.setdefault(draft.actor2.family, draft.actor2)
    return pairs


def _most_named(counts: Counter[str], sides: dict[str, Side]) -> Side:
    """The family the article names most often for the role, as a side lent by its context."""
    return dataclasses.replace(sides[counts.most_common(1)[0][0]], resolution="article")


def _pair_from_article(drafts: list[Draft]) -> list[Draft]:
    """A battle whose sentence names neither side ("Clashes in Zabadani raged on Thursday") is
    fought between the pair the article names for its other battles."""
    sides: dict[str, Side] = {}
    pairs = Counter(_named_battles(drafts, sides))
    if not pairs:
        return drafts
    (first, second), _ = pairs.most_common(1)[0]
    out = []
    for draft in drafts:
        if SUB_EVENT_TYPES[draft.sub_event_type] == "Battles" and draft.actor1 is None and draft.actor2 is None:
            lent = dataclasses.replace(sides[first], resolution="article")
            draft = dataclasses.replace(
                draft, actor1=lent, actor2=dataclasses.replace(sides[second], resolution="article")
            )
        out.append(draft)
    return out


@lru_cache(maxsize=4)
def _civilian_pattern(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")s?\b", re.IGNORECASE)


def civilians_hit(drafts: list[Draft]) -> list[Draft]:
    """Remote violence with no target side after the article was read, in a sentence that names
    civilian ground or people (``civilian_targets`` of ``target_nouns.yml``), hit Civilians: ACLED's
    coding of shelling on residential areas."""
    pattern = _civilian_pattern(load_lexicon().civilian_targets)
    civilians = Side("Civilians", None, "Civilians", "", 0, 0, "target words")
    return [
        dataclasses.replace(d, actor2=civilians)
        if SUB_EVENT_TYPES[d.sub_event_type] == "Explosions/Remote violence"
        and d.actor2 is None
        and (d.actor1 is None or d.actor1.actor_type != "Civilians")
        and pattern.search(d.sentence.text)
        else d
        for d in drafts
    ]
