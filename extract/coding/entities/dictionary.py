"""What the dictionaries know: actor, organisation and place mentions as entities, the
dateline's agency, and the folded keys that group one entity's spellings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from extract.coding.entities.document import Document
from extract.coding.entities.rules import ARMED_TYPES
from extract.coding.lexicon import PhraseMatcher
from extract.coding.models import ActorMention, CleanArticle, EntityMention, PlaceMention
from extract.coding.reference import OrganisationAlias, Reference
from extract.coding.text import Token, phrase_key, tokens


@cache
def _written(alias: str) -> tuple[str, ...]:
    words = tuple(t.text.replace("’", "'") for t in tokens(alias))
    return words[1:] if len(words) > 1 and words[0].lower() == "the" else words


def _alias_key(alias: str) -> tuple[str, ...]:
    """Token key of an alias without a leading "the" ("The Associated Press" is matched as
    "Associated Press"): "the" starts too many phrases to look up every one."""
    key = phrase_key(alias)
    return key[1:] if len(key) > 1 and key[0] == "the" else key


def _accept(alias: OrganisationAlias, window: list[Token]) -> bool:
    """Acronyms and case-sensitive names match only as written ("AP", not "ap")."""
    if alias.case_sensitive:
        return tuple(t.text.replace("’", "'") for t in window) == _written(alias.alias)
    return True


@lru_cache(maxsize=4)
def _alias_index(reference: Reference) -> dict[tuple[str, ...], str]:
    """Token key of every organisation alias -> the organisation (for datelines)."""
    index: dict[tuple[str, ...], str] = {}
    for alias in reference.organisation_aliases:
        index.setdefault(_alias_key(alias.alias), alias.organisation)
    return index


@lru_cache(maxsize=4)
def _organisations(reference: Reference) -> PhraseMatcher[OrganisationAlias]:
    """Every organisation alias, keyed without a leading "the"; acronyms and case-sensitive
    names match only as written."""
    matcher: PhraseMatcher[OrganisationAlias] = PhraseMatcher(_accept)
    for alias in reference.organisation_aliases:
        matcher.add_key(_alias_key(alias.alias), alias)
    return matcher


@lru_cache(maxsize=4)
def _decisions(reference: Reference) -> dict[tuple[str, str], str]:
    return {(d.kind, entity_key(d.name)): d.decision for d in reference.review_decisions}


@lru_cache(maxsize=50_000)
def entity_key(name: str, particles: frozenset[str] = frozenset()) -> str:
    """The folded form that groups one entity's spellings: case, accents, apostrophes, hyphens
    and (for people) the Arabic article do not matter ("Bashar al-Assad" = "Bashar Assad")."""
    words = [t.norm for t in tokens(name)]
    kept = [w for w in words if w not in particles] or words
    return " ".join(kept)


@dataclass
class _Known:
    """An entity the dictionaries resolved: an actor, organisation or place mention."""

    kind: str  # actor, organisation, place
    start: int
    end: int
    text: str
    canonical: str
    subtype: str | None
    descriptor: bool = False
    actor: ActorMention | None = None
    place: PlaceMention | None = None


def _known_mentions(
    body: str, toks: list[Token], actors: list[ActorMention], places: list[PlaceMention], ref: Reference
) -> list[_Known]:
    """Actor, organisation and place mentions, overlaps settled: the longer span wins, and on a
    tie the actor or place the event extractor used."""
    found: list[_Known] = []
    for actor in actors:
        if actor.actor.startswith("@") or actor.actor_type not in ARMED_TYPES:
            continue
        found.append(
            _Known(
                "actor",
                actor.char_start,
                actor.char_end,
                actor.text,
                actor.actor,
                actor.actor_type,
                descriptor=actor.resolution == "descriptor",
                actor=actor,
            )
        )
    for place in places:
        found.append(
            _Known(
                "place", place.char_start, place.char_end, place.text, place.location, place.feature_kind, place=place
            )
        )
    orgs = _organisations(ref).find(toks, body)
    named = {alias.organisation for m in orgs for alias in m.entries if not alias.needs_antecedent}
    taken = [(k.start, k.end) for k in found]
    for match in orgs:
        alias = sorted(match.entries, key=lambda a: (a.kind == "descriptor", a.needs_antecedent))[0]
        if alias.needs_antecedent and alias.organisation not in named:
            continue
        overlapping = [(s, e) for s, e in taken if s < match.end and match.start < e]
        if any(e - s >= match.end - match.start for s, e in overlapping):
            continue
        found = [k for k in found if not (k.start < match.end and match.start < k.end)]
        organisation = ref.organisations.get(alias.organisation)
        found.append(
            _Known(
                "organisation",
                match.start,
                match.end,
                match.text,
                alias.organisation,
                organisation.kind if organisation else None,
                descriptor=alias.kind == "descriptor",
            )
        )
    return sorted(found, key=lambda k: k.start)


def _known_mention(item: _Known, doc: Document) -> EntityMention:
    entity_type = {"actor": "armed_group", "organisation": "organisation", "place": "place"}[item.kind]
    return EntityMention(
        entity_type=entity_type,
        text=item.text,
        name=item.canonical,
        entity_key=entity_key(item.canonical),
        char_start=item.start,
        char_end=item.end,
        sentence=doc.sentence(item.start).text,
        evidence="dictionary",
        subtype=item.subtype,
        canonical=item.canonical,
    )


def _dateline(article: CleanArticle, ref: Reference) -> EntityMention | None:
    """The agency of the dateline ("ERBIL (Kurdistan 24) –"): credited with the whole article."""
    agency = (article.dateline_agency or "").strip()
    if not agency:
        return None
    canonical = _alias_index(ref).get(_alias_key(agency))
    organisation = ref.organisations.get(canonical) if canonical else None
    dateline = " ".join(p for p in (article.dateline_place, article.dateline_date_text) if p)
    return EntityMention(
        entity_type="organisation",
        text=agency,
        name=canonical or agency,
        entity_key=entity_key(canonical or agency),
        char_start=None,
        char_end=None,
        sentence=f"{dateline} ({agency})".strip(),
        evidence="dateline",
        subtype=organisation.kind if organisation else "media",
        canonical=canonical,
        speech_role="credited",
    )


# ---------------------------------------------------------------------------------------
# Capitalised names


@lru_cache(maxsize=4)
def _place_names(reference: Reference) -> frozenset[str]:
    """Every gazetteer name and alias, folded, and the countries of the demonyms."""
    names = {" ".join(phrase_key(n)) for place in reference.places.values() for n in (place.name, *place.aliases)}
    names |= {" ".join(phrase_key(str(v))) for v in (reference.entity_rules.get("demonyms") or {}).values()}
    return frozenset(names)


@lru_cache(maxsize=4)
def _known_keys(reference: Reference) -> frozenset[str]:
    """Places, actors and organisations by their folded names: "Aleppos", "Daeshs" (an
    apostrophe lost) are these with an "s"."""
    names = set(_place_names(reference))
    names |= {" ".join(phrase_key(a.alias)) for a in reference.aliases}
    names |= {" ".join(phrase_key(a.alias)) for a in reference.organisation_aliases}
    return frozenset(names)
