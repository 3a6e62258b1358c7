"""Recognise actor mentions: names, acronyms and descriptive phrases from ``actor_aliases.csv``.

Descriptors that need an antecedent ("the militants", "jihadists") resolve only when the article
names that actor (or a faction of it) outright, so that a vague word is never coded on its own.
"""

from __future__ import annotations

from functools import cache, lru_cache

from extract.coding.lexicon import PhraseMatcher
from extract.coding.models import ActorMention
from extract.coding.reference import Alias, Reference
from extract.coding.text import Token, tokens

STATE = "@state"


@cache
def _written(alias: str) -> tuple[str, ...]:
    return tuple(t.text.replace("’", "'") for t in tokens(alias))


def _accept(alias: Alias, window: list[Token]) -> bool:
    """Acronyms and case-sensitive names match only as written ("IS", not "is")."""
    if alias.case_sensitive:
        return tuple(t.text.replace("’", "'") for t in window) == _written(alias.alias)
    return True


@lru_cache(maxsize=4)
def _matcher(reference: Reference) -> PhraseMatcher[Alias]:
    matcher: PhraseMatcher[Alias] = PhraseMatcher(_accept)
    matcher.add_all((alias.alias, alias) for alias in reference.aliases)
    return matcher


def find_actors(body: str, toks: list[Token], reference: Reference) -> list[ActorMention]:
    """Actor mentions in the body; ``@state`` mentions keep actor ``@state`` until an event's
    country is known."""
    matches = _matcher(reference).find(toks, body)
    named_families = {
        reference.actors[alias.actor].family
        for match in matches
        for alias in match.entries
        if not alias.needs_antecedent and alias.actor != STATE
    }
    mentions: list[ActorMention] = []
    for match in matches:
        alias = _best(match.entries)
        if alias.actor == STATE:
            mentions.append(ActorMention(STATE, None, "State forces", match.text, match.start, match.end, "descriptor"))
            continue
        actor = reference.actors[alias.actor]
        if alias.needs_antecedent and actor.family not in named_families:
            continue
        mentions.append(
            ActorMention(
                actor=actor.actor,
                actor_parent=actor.parent,
                actor_type=actor.actor_type,
                text=match.text,
                char_start=match.start,
                char_end=match.end,
                resolution="descriptor" if alias.kind == "descriptor" else "alias",
                country_code=actor.country_code
                or (reference.actors[actor.parent].country_code if actor.parent else None),
            )
        )
    return mentions


def _best(entries: tuple[Alias, ...]) -> Alias:
    """One alias per span: a name beats a descriptor."""
    return sorted(entries, key=lambda a: (a.kind == "descriptor", a.needs_antecedent))[0]


def resolve_state(mention: ActorMention, country_code: str | None, reference: Reference) -> ActorMention | None:
    """Turn "security forces" into the state forces of the event's country, if known."""
    actor = reference.state_actor(country_code)
    if actor is None:
        return None
    return ActorMention(
        actor=actor.actor,
        actor_parent=actor.parent,
        actor_type=actor.actor_type,
        text=mention.text,
        char_start=mention.char_start,
        char_end=mention.char_end,
        resolution="context",
        country_code=actor.country_code,
    )
