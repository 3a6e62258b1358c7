"""Named entities in an article: people, organisations, armed groups and places, with what the
text says about them, and the names that look like armed groups or places but are not in the
reference data (candidates that analysts review with ``conflict-events review``).

Rule-based, so it runs with no model: it works on the tokens, sentences and actor and place
mentions the event extractor has already found, and reads its words from ``seeds/reference/``
(``entity_rules.yml``, ``person_titles.csv``, ``organisations.csv``, ``organisation_aliases.csv``,
``review_decisions.csv``).

- **People** are capitalised names with evidence: a title before them ("Spokesman Karim
  al-Nouri", "US President Donald Trump"), an apposition after them ("Qassem Muslih, the
  Commander of the PMF"), a kunya ("Abu Fattoum"), an honorific ("Gen."), or a reporting verb
  ("Rami Abdel Rahman said"). A surname alone ("Muslih said") is the person named in full
  elsewhere in the article.
- **Title and affiliation**: the title's role (``person_titles.csv``) and whom it belongs to: the
  actor or organisation named in the apposition, a nationality before the title ("Iraqi Prime
  Minister"), "the group" (the armed group named last), else, for a group title with no owner in
  its sentence, the armed group the previous sentence is about (``affiliation_source`` context).
- **Who said it**: a person, organisation or armed group before "said"/"told"/"stated" (past an
  apposition) or after "said" is *quoted*; one after "according to", a statement "by" it, or
  before "reported" is *credited*; so is the outlet someone "told", and the dateline's agency.
- **What happened to a person**: killed, captured or wounded, from a cue before the name in the
  same sentence ("among those killed (Abu Wadhah and Abu Hamza)") or after it ("was captured").
- **Candidates**: names made with armed-group words ("Jaish al-Islam", "Tiger Forces") and names
  in place phrases ("the village of X", "X neighbourhood") that no reference table knows, unless
  an analyst rejected them (``review_decisions.csv``).

A place is never typed as a person or group: gazetteer matches are found first and block every
other reading of their words.
"""

from __future__ import annotations

from extract.coding.entities.dictionary import (
    _dateline,
    _decisions,
    _known_keys,
    _known_mention,
    _known_mentions,
    _place_names,
    entity_key,
)
from extract.coding.entities.document import Document, _Chunk, _Person
from extract.coding.entities.names import (
    _chunks,
    _classify,
    _coreferent,
    _display,
    _fill_affiliations,
    _person,
    _placelike,
    _propagate_names,
    _surname_index,
)
from extract.coding.entities.roles import (
    _fates,
    _identify,
    _pronouns,
    _share_fate_affiliation,
    _spacy_mentions,
    _speech,
)
from extract.coding.entities.rules import _rules
from extract.coding.models import ActorMention, CleanArticle, EntityMention, PlaceMention
from extract.coding.reference import Reference
from extract.coding.text import Span, Token

__all__ = ["entity_key", "find_entities"]


def find_entities(
    article: CleanArticle,
    body: str,
    toks: list[Token],
    sentences: list[Span],
    actors: list[ActorMention],
    places: list[PlaceMention],
    reference: Reference,
    event_sentences: list[tuple[int, int, str]] | None = None,
) -> list[EntityMention]:
    """Every named entity in the body, in text order, plus the dateline's agency."""
    if not reference.entity_rules:
        return []
    rules = _rules(reference)
    doc = Document(body, sentences)
    known = _known_mentions(body, toks, actors, places, reference)
    blocked = [(k.start, k.end) for k in known if not (k.kind == "actor" and k.descriptor)]  # "Bashar al-Assad forces"
    chunks = _chunks(body, toks, blocked, rules)

    place_names = _place_names(reference)
    known_keys = _known_keys(reference)
    people: list[_Person] = []
    rest: list[_Chunk] = []
    for chunk in chunks:
        person = _person(chunk, body, toks, known, rules, doc, place_names)
        if person is not None:
            people.append(person)
        else:
            rest.append(chunk)
    surnames = _surname_index(people, rules)
    others: list[tuple[_Chunk, str, str | None]] = []  # chunk, entity type, candidate kind
    for chunk in rest:
        full = _coreferent(chunk, surnames, rules)
        if full is not None and _placelike(body[max(0, chunk.start - 40) : chunk.start], "", rules):
            full = None
        if full is not None:
            people.append(_Person(chunk.start, chunk.end, body[chunk.start : chunk.end], "coreference", name=full))
            continue
        if doc.headline(chunk.start):
            continue
        others.extend(_classify(chunk, body, known, rules, known_keys))
    people.sort(key=lambda p: p.start)
    for person in people:
        if not person.name:
            person.name = person.text
    _propagate_names(people, rules)
    _fill_affiliations(people, body, known, rules, doc)

    mentions: list[EntityMention] = []
    for person in people:
        sentence = doc.sentence(person.start)
        mentions.append(
            EntityMention(
                entity_type="person",
                text=person.text,
                name=person.name,
                entity_key=entity_key(person.name, rules.particles),
                char_start=person.start,
                char_end=person.end,
                sentence=sentence.text,
                evidence=person.evidence,
                title=person.title,
                role=person.role,
                affiliation=person.affiliation,
                affiliation_text=person.affiliation_text,
                affiliation_source=person.affiliation_source,
            )
        )
    decisions = _decisions(reference)
    for chunk, entity_type, candidate in others:
        text = body[chunk.start : chunk.end]
        key = entity_key(text)
        if candidate and decisions.get((candidate, key)) == "rejected":
            candidate = None
        mentions.append(
            EntityMention(
                entity_type=entity_type,
                text=text,
                name=_display(text),
                entity_key=key,
                char_start=chunk.start,
                char_end=chunk.end,
                sentence=doc.sentence(chunk.start).text,
                evidence="group_word"
                if entity_type == "armed_group"
                else ("place_word" if entity_type == "place" else "organisation_word"),
                candidate=candidate,
            )
        )
    groups = [(m.char_start, m.char_end) for m in mentions if m.entity_type == "armed_group"]
    for item in known:
        if item.kind == "actor" and item.descriptor:
            continue  # kept below only when it speaks ("the Iraqi military said")
        if item.kind == "place" and any(s <= item.start and item.end <= e for s, e in groups):
            continue  # the place in a group's name ("Liwa al-Quds") is not a place mention
        mentions.append(_known_mention(item, doc))
    _speech(mentions, known, body, rules, doc)
    _pronouns(mentions, body, rules, doc)
    _fates(mentions, body, rules, doc)
    _share_fate_affiliation(mentions, doc)
    if rules.spacy_model:
        mentions.extend(_spacy_mentions(body, rules.spacy_model, mentions, known, doc, decisions))
    mentions.sort(key=lambda m: (m.char_start if m.char_start is not None else -1, m.char_end or 0))
    dateline = _dateline(article, reference)
    if dateline is not None:
        mentions.insert(0, dateline)
    _identify(mentions, article, event_sentences or [])
    return mentions


# ---------------------------------------------------------------------------------------
# Dictionary mentions
