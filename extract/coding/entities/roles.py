"""What the text says about an entity: who speaks (quoted, credited), whom a pronoun means,
what happened to a person (killed, captured, wounded); optional spaCy candidates; ids and
event links."""

from __future__ import annotations

import re
import sys
from typing import Any

from extract.coding.entities.dictionary import _Known, _known_mention, entity_key
from extract.coding.entities.document import Document
from extract.coding.entities.names import _display, _inverted_said
from extract.coding.entities.rules import _FATE_BREAK, _OBJECT, _Rules
from extract.coding.models import CleanArticle, EntityMention
from extract.coding.text import stable_id

# ---------------------------------------------------------------------------------------
# Speech, pronouns and fate


def _speech(mentions: list[EntityMention], known: list[_Known], body: str, rules: _Rules, doc: Document) -> None:
    """Who said it: quoted (said, told, stated) or credited (according to, a statement by)."""
    for mention in mentions:
        if mention.entity_type == "place" or mention.char_start is None:
            continue
        mention.speech_role = _speech_role(
            mention.char_start, mention.char_end, mention.entity_type, mention.subtype, body, rules, doc
        )
    present = {(m.char_start, m.char_end) for m in mentions}
    for item in known:  # "The Iraqi military said in a statement": a descriptor counts when it speaks
        if item.kind != "actor" or not item.descriptor or (item.start, item.end) in present:
            continue
        role = _speech_role(item.start, item.end, "armed_group", item.subtype, body, rules, doc)
        if role:
            mention = _known_mention(item, doc)
            mention.speech_role = role
            mentions.append(mention)


def _speech_role(
    start: int, end: int, entity_type: str, subtype: str | None, body: str, rules: _Rules, doc: Document
) -> str | None:
    sentence = doc.sentence(start)
    before = body[max(sentence.start, start - 70) : start]
    after = body[end : min(sentence.end + 1, end + 220)]
    if rules.told_before.search(before):
        return "credited" if entity_type == "organisation" else None
    if (rules.quoted_after.match(after) and not _OBJECT.search(before)) or _inverted_said(before, after, rules):
        return "quoted"
    if rules.credited_before.search(before) or rules.credited_after.match(after):
        return "credited"
    return None


def _pronouns(mentions: list[EntityMention], body: str, rules: _Rules, doc: Document) -> None:
    """ "He said ...": the person quoted last (within three sentences) said it."""
    quoted = [m for m in mentions if m.entity_type == "person" and m.speech_role == "quoted"]
    if not quoted:
        return
    added = []
    for match in rules.pronoun_said.finditer(body):
        start = match.start("pronoun")
        index = doc.sentence_index(start)
        prior = [m for m in quoted if m.char_start < start and index - doc.sentence_index(m.char_start) <= 3]
        if not prior:
            continue
        speaker = prior[-1]
        added.append(
            EntityMention(
                entity_type="person",
                text=match.group("pronoun"),
                name=speaker.name,
                entity_key=speaker.entity_key,
                char_start=start,
                char_end=match.end("pronoun"),
                sentence=doc.sentence(start).text,
                evidence="pronoun",
                speech_role="quoted",
            )
        )
    mentions.extend(added)


def _fates(mentions: list[EntityMention], body: str, rules: _Rules, doc: Document) -> None:
    """Killed, captured or wounded: a cue before the name in its sentence, not across a
    reporting verb or "by" (the killer), or "was killed" after it."""
    for mention in mentions:
        if mention.entity_type != "person" or mention.speech_role or mention.evidence == "pronoun":
            continue
        sentence = doc.sentence(mention.char_start)
        before = body[sentence.start : mention.char_start]
        after = body[mention.char_end : sentence.end + 1]
        cue = None
        found = rules.fate_after.match(after)
        if found:
            cue = found.group("cue")
        else:
            window = before[-100:]
            cues = list(rules.fate_before.finditer(window))
            if cues:
                gap = window[cues[-1].end() :]  # the nearest cue before the name
                if (
                    len(gap) <= 90
                    and not re.search(r"[.;“”\"]", gap)
                    and not _FATE_BREAK.search(gap)
                    and not rules.reporting.search(gap)
                ):
                    cue = cues[-1].group("cue")
        if cue:
            mention.fate = next((name for name, pattern in rules.fate_words if pattern.match(cue)), None)


def _share_fate_affiliation(mentions: list[EntityMention], doc: Document) -> None:
    """People killed (or captured) together in one sentence are on the same side: one whose
    affiliation the text gives lends it to the others."""
    groups: dict[tuple[int, str], list[EntityMention]] = {}
    for mention in mentions:
        if mention.entity_type == "person" and mention.fate:
            groups.setdefault((doc.sentence_index(mention.char_start), mention.fate), []).append(mention)
    for members in groups.values():
        known = next((m for m in members if m.affiliation), None)
        if known is None:
            continue
        for member in members:
            if not member.affiliation:
                member.affiliation, member.affiliation_source = known.affiliation, "context"


# ---------------------------------------------------------------------------------------
# Optional spaCy candidates


_NLP: dict[str, Any] = {}


def _spacy_mentions(
    body: str,
    model: str,
    mentions: list[EntityMention],
    known: list[_Known],
    doc: Document,
    decisions: dict[tuple[str, str], str],
) -> list[EntityMention]:
    """Names a spaCy pipeline finds that the rules did not: people, organisations and places
    (as candidates). Used only when configured; without spaCy or the model, nothing is added."""
    nlp = _load_spacy(model)
    if nlp is None:
        return []
    taken = [(m.char_start, m.char_end) for m in mentions if m.char_start is not None] + [
        (k.start, k.end) for k in known
    ]
    added = []
    for ent in nlp(body).ents:
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        text = ent.text.strip()
        if ent.label_ == "PERSON":
            entity_type, candidate = "person", None
        elif ent.label_ in ("GPE", "LOC", "FAC"):
            entity_type, candidate = "place", "place"
        elif ent.label_ == "ORG":
            entity_type, candidate = "organisation", None
        else:
            continue
        key = entity_key(text)
        if candidate and decisions.get((candidate, key)) == "rejected":
            candidate = None
        added.append(
            EntityMention(
                entity_type=entity_type,
                text=text,
                name=_display(text),
                entity_key=key,
                char_start=ent.start_char,
                char_end=ent.start_char + len(text),
                sentence=doc.sentence(ent.start_char).text,
                evidence="spacy",
                candidate=candidate,
            )
        )
    return added


def _load_spacy(model: str) -> Any | None:
    if model not in _NLP:
        try:
            import spacy

            _NLP[model] = spacy.load(model, disable=["parser", "lemmatizer"])
        except Exception as error:  # not installed, or no such model: the rules alone run
            print(
                f"entities: spaCy model {model!r} not available ({type(error).__name__}); using the rules only",
                file=sys.stderr,
            )
            _NLP[model] = None
    return _NLP[model]


# ---------------------------------------------------------------------------------------
# Ids and event links


def _identify(
    mentions: list[EntityMention], article: CleanArticle, event_sentences: list[tuple[int, int, str]]
) -> None:
    """Stable ids, the article's keys, and the event whose sentences hold the mention (its
    evidence sentence first)."""
    seen: set[str] = set()
    for mention in mentions:
        mention.content_hash, mention.doc_id = article.content_hash, article.doc_id
        if mention.char_start is None:
            mention.mention_id = stable_id(article.content_hash, "entity", mention.evidence, mention.text)
        else:
            mention.mention_id = stable_id(
                article.content_hash, "entity", mention.entity_type, mention.char_start, mention.char_end
            )
        if mention.mention_id in seen:
            mention.mention_id = stable_id(mention.mention_id, mention.evidence)
        seen.add(mention.mention_id)
        if mention.char_start is None:
            continue
        mention.event_id = next(
            (e for s, end, e in event_sentences if s <= mention.char_start and mention.char_end <= end), None
        )
