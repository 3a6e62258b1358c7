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

import bisect
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from extract.coding.models import ActorMention, CleanArticle, EntityMention, PlaceMention
from extract.coding.reference import OrganisationAlias, Reference
from extract.coding.text import Span, Token, fold, phrase_key, stable_id, tokens

ARMED_TYPES = frozenset({"State forces", "Rebel group", "Political militia", "Identity militia", "External/Other forces"})
NON_STATE_TYPES = frozenset({"Rebel group", "Political militia", "Identity militia"})
# name particles that are also English words: inside a name only when hyphenated ("an-Nusra")
# "Kurdish-held", "Roman-era": a lower-case word after a hyphen that ends a description, not a name
_HYPHEN_SUFFIXES = frozenset({"held", "run", "led", "era", "born", "type", "like", "made", "wide", "free", "long", "old", "day"})
_PARTICLE_STEMS = frozenset({"al", "el", "abd", "abdel", "abdul"})
_ENGLISH_WORDS = frozenset({"an", "at", "as", "ad"})
_HONORIFIC = re.compile(r"(?<![\w.])(?P<h>[A-Z][a-z]{1,10})\.?[^\S\n]+$")
MAX_NAME_TOKENS = 8  # longer runs of capitals are lists or headlines; cut, they also bound the work per name
_WORDS = re.compile(r"[^\W\d_]{4,}")
_NAME_GAPS = frozenset({" ", "\xa0", "-", "‐"})
_POSSESSIVE = ("’s", "'s", "ʼs")
_QUOTES = "“”\"«»"
# a name right after these is the object of the clause, not the one who speaks next
# a fate cue does not reach a name across these: "by" (the killer) or a new clause
_FATE_BREAK = re.compile(
    r",|\d|\b(?:by|while|whereas|but|as|after|before|when|which|who|that|since|against|loyal|pro|fighting|uprising|during|"
    r"amid|until|despite|because|under|people|civilians|fighters|soldiers|others)\b",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|around|into|from|towards?|of|over|across|inside)\s+(?:the\s+)?$", re.IGNORECASE)
_OBJECT = re.compile(r"\b(?:fighting|fight|against|attacking|attacked|targeting|targeted|by|with|from|on|of|to|into|at|in|for|warned|backed|supported)\s+(?:the\s+)?(?:[\w’'-]+\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class _Rules:
    kunya: frozenset[str]
    kunya_not_people: frozenset[str]
    honorifics: frozenset[str]
    particles: frozenset[str]
    not_names: frozenset[str]
    not_name_starts: frozenset[str]
    possessive_nouns: frozenset[str]
    demonyms: dict[str, str]
    demonym_re: re.Pattern[str]
    group_head: frozenset[str]
    group_tail: frozenset[str]
    group_generic: frozenset[str]
    group_exceptions: re.Pattern[str] | None
    org_words: frozenset[str]
    place_before: re.Pattern[str]
    place_after: re.Pattern[str]
    place_near: re.Pattern[str]
    titles: dict[str, tuple[str, str]]  # title's token key, joined -> (role, scope)
    title_re: re.Pattern[str]  # any title, case-insensitive, plural allowed
    title_keys: dict[tuple[str, ...], str]  # token key of a title -> the title
    title_lengths: dict[str, tuple[int, ...]]  # first token of a title -> its lengths, longest first
    apposition: re.Pattern[str]
    quoted_after: re.Pattern[str]
    quoted_before: re.Pattern[str]
    credited_before: re.Pattern[str]
    credited_after: re.Pattern[str]
    told_before: re.Pattern[str]
    pronoun_said: re.Pattern[str]
    fate_before: re.Pattern[str]
    fate_after: re.Pattern[str]
    fate_words: tuple[tuple[str, re.Pattern[str]], ...]
    reporting: re.Pattern[str]
    place_words_next: frozenset[str]  # first words of the "X village" phrases
    group_anaphora: re.Pattern[str]
    spacy_model: str | None


def _words(values: Iterable[str]) -> str:
    """An alternation of literal words or phrases, longest first, spaces matching any space."""
    ordered = sorted({v for v in values if v}, key=len, reverse=True)
    return "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in ordered)


@lru_cache(maxsize=4)
def _rules(reference: Reference) -> _Rules:
    r = reference.entity_rules
    speech, fate, groups, place_words = r["speech"], r["fate"], r["group_words"], r["place_words"]
    demonyms = {str(k): str(v) for k, v in (r.get("demonyms") or {}).items()}
    titles = {" ".join(phrase_key(t.title)): (t.role, t.scope) for t in reference.titles}
    title_words = _words(t.title for t in reference.titles)
    quoted_after = speech["quoted_after_name"]
    exceptions = r.get("group_word_exceptions") or []
    return _Rules(
        kunya=frozenset(fold(k) for k in r["kunya_prefixes"]),
        kunya_not_people=frozenset(" ".join(phrase_key(k)) for k in r.get("kunya_not_people") or []),
        honorifics=frozenset(fold(h) for h in r["honorifics"]),
        particles=frozenset(fold(p) for p in r["name_particles"]),
        not_names=frozenset(r["not_names"]),
        not_name_starts=frozenset(fold(w) for w in r.get("not_name_starts") or []),
        possessive_nouns=frozenset(r.get("possessive_nouns") or []),
        demonyms=demonyms,
        demonym_re=re.compile(rf"(?<![\w.])(?P<demonym>{_words(demonyms)})\s+$"),
        group_head=frozenset(fold(w) for w in groups["head"]),
        group_tail=frozenset(fold(w) for w in groups["tail"]),
        group_generic=frozenset(fold(w) for w in groups["generic"]),
        group_exceptions=re.compile(rf"^(?:{_words(exceptions)})\b") if exceptions else None,
        org_words=frozenset(fold(w) for w in r["organisation_words"]),
        place_before=re.compile(rf"\b(?:{_words(place_words['before'])})\s+of\s+(?:the\s+)?$", re.IGNORECASE),
        place_after=re.compile(rf"^\s+(?:{_words(place_words['after'])})\b", re.IGNORECASE),
        place_near=re.compile(rf"\b(?:{_words(place_words.get('near') or ['near'])})\s+(?:the\s+)?$", re.IGNORECASE),
        titles=titles,
        title_re=re.compile(rf"\b(?P<title>{title_words})(?:s|es)?\b", re.IGNORECASE),
        title_keys={phrase_key(t.title): t.title for t in reference.titles},
        title_lengths={
            first: tuple(sorted({len(k) for k in (phrase_key(t.title) for t in reference.titles) if k[0] == first}, reverse=True))
            for first in {phrase_key(t.title)[0] for t in reference.titles}
        },
        # ", the Commander of the PMF in Anbar," / " a Kurdish official" (FA-KES drops commas)
        apposition=re.compile(
            rf"^(?:[^\S\n]*,[^\S\n]*|[^\S\n]+(?=(?:the|a|an)\s))(?:(?:who\s+(?:is|was)\s+)?(?:the|a|an)\s+)?"
            rf"(?P<pre>(?:(?!(?:and|or|that|who|which|said|says|told|was|is|were|are|has|had|in|on|at)\b)[\w’'.-]+\s+){{0,3}}?)"
            rf"(?P<title>{title_words})(?:s|es)?\b(?P<rest>(?:(?!\b(?:said|says|told|who|which|that|and|while|when|was|were|is|has|had)\b)[^,.;:()“”\"]){{0,120}})",
            re.IGNORECASE,
        ),
        quoted_after=re.compile(
            rf"^(?:\s*\([^()]{{1,40}}\))?(?:\s*,[^,.;“”\"]{{1,160}},)?(?:\s*,?\s+who)?\s*"
            rf"(?:(?:on|late|early|last|this)\s+\w+\s+|\w+day\s+|also\s+|later\s+|earlier\s+|previously\s+|had\s+|has\s+|have\s+|was\s+|were\s+|is\s+)*"
            rf"(?:{quoted_after})\b",
            re.IGNORECASE,
        ),
        quoted_before=re.compile(rf"[,“”\"'’]\s*(?:{speech['quoted_before_name']})\s+(?:(?:on\s+)?\w+day\s+)?(?:the\s+)?$", re.IGNORECASE),
        credited_before=re.compile(rf"\b(?:{speech['credited_before_name']})\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,2}}?$", re.IGNORECASE),
        credited_after=re.compile(rf"^(?:\s*\([^()]{{1,40}}\))?\s*(?:{speech['credited_after_name']})", re.IGNORECASE),
        told_before=re.compile(rf"\b(?:{speech['told']})\s+(?:the\s+)?$", re.IGNORECASE),
        pronoun_said=re.compile(rf"\b(?P<pronoun>{_words(speech['pronouns'])})\s+(?:also\s+|later\s+|then\s+)?(?:{quoted_after})\b"),
        fate_before=re.compile(rf"\b(?P<cue>{fate['killed']}|{fate['captured']}|{fate['wounded']})\b", re.IGNORECASE),
        fate_after=re.compile(
            rf"^(?:\s*\([^()]{{1,60}}\))?(?:\s*,[^,.;]{{1,100}},)?\s*(?:who\s+)?(?:was|were|has\s+been|had\s+been|have\s+been|is|are|got)\s+"
            rf"(?:reportedly\s+|also\s+|allegedly\s+|later\s+)?(?P<cue>{fate['killed']}|{fate['captured']}|{fate['wounded']})\b",
            re.IGNORECASE,
        ),
        fate_words=tuple((name, re.compile(rf"^(?:{fate[name]})$", re.IGNORECASE)) for name in ("killed", "captured", "wounded")),
        reporting=re.compile(rf"\b(?:{quoted_after}|according to)\b", re.IGNORECASE),
        place_words_next=frozenset(w.split()[0].lower() for w in place_words["after"]),
        group_anaphora=re.compile(r["group_anaphora"], re.IGNORECASE),
        spacy_model=os.environ.get("CONFLICT_SPACY_MODEL") or r.get("spacy_model") or None,
    )


@lru_cache(maxsize=None)
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


@dataclass(frozen=True)
class _Phrases:
    """Organisation aliases by token key, and the key lengths each first token starts."""

    entries: dict[tuple[str, ...], tuple[OrganisationAlias, ...]]
    lengths: dict[str, tuple[int, ...]]


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    text: str
    entries: tuple[OrganisationAlias, ...]


@lru_cache(maxsize=4)
def _organisations(reference: Reference) -> _Phrases:
    entries: dict[tuple[str, ...], list[OrganisationAlias]] = {}
    for alias in reference.organisation_aliases:
        key = _alias_key(alias.alias)
        if key:
            entries.setdefault(key, []).append(alias)
    lengths: dict[str, set[int]] = {}
    for key in entries:
        lengths.setdefault(key[0], set()).add(len(key))
    return _Phrases({k: tuple(v) for k, v in entries.items()}, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()})


def _find_organisations(toks: list[Token], body: str, phrases: _Phrases) -> list[_Found]:
    """Longest non-overlapping alias matches, left to right (like extract.coding.lexicon, but only
    looking at the few tokens that can start an alias)."""
    found: list[_Found] = []
    after = 0
    lengths = phrases.lengths
    for i in [i for i, t in enumerate(toks) if t.norm in lengths]:
        if i < after:
            continue
        for length in lengths[toks[i].norm]:
            window = toks[i : i + length]
            if len(window) < length:
                continue
            accepted = tuple(a for a in phrases.entries.get(tuple(t.norm for t in window), ()) if _accept(a, window))
            if accepted:
                start, end = window[0].start, window[-1].end
                found.append(_Found(start, end, body[start:end], accepted))
                after = i + length
                break
    return found


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


@dataclass
class _Chunk:
    start: int
    end: int
    toks: list[Token]
    first: int = 0  # index of the first token in the article's tokens

    @property
    def words(self) -> list[str]:
        return [t.norm for t in self.toks]


@dataclass
class _Person:
    start: int
    end: int
    text: str
    evidence: str
    name: str = ""
    title: str | None = None
    role: str | None = None
    scope: str | None = None
    affiliation: str | None = None
    affiliation_text: str | None = None
    affiliation_source: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class _Article:
    """The body and its sentences, with what the rules ask of a sentence (which one holds a
    position, whether it is a headline), answered once."""

    def __init__(self, body: str, sentences: list[Span]) -> None:
        self.body = body
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self._headlines: dict[int, bool] = {}

    def sentence_index(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.starts, position) - 1)

    def sentence(self, position: int) -> Span:
        return self.sentences[self.sentence_index(position)] if self.sentences else Span(self.body, 0, len(self.body))

    def headline(self, position: int) -> bool:
        """Is the sentence at ``position`` headline-style ("Syria Terrorist Bombings Kill Injure
        Civilians")? There capitals say nothing about names: only the dictionaries and the strong
        person rules apply."""
        index = self.sentence_index(position)
        if index not in self._headlines:
            words = _WORDS.findall(self.sentences[index].text) if self.sentences else []
            self._headlines[index] = len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)
        return self._headlines[index]


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
    doc = _Article(body, sentences)
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
                entity_type="person", text=person.text, name=person.name, entity_key=entity_key(person.name, rules.particles),
                char_start=person.start, char_end=person.end, sentence=sentence.text, evidence=person.evidence,
                title=person.title, role=person.role, affiliation=person.affiliation, affiliation_text=person.affiliation_text,
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
                entity_type=entity_type, text=text, name=_display(text), entity_key=key, char_start=chunk.start, char_end=chunk.end,
                sentence=doc.sentence(chunk.start).text, evidence="group_word" if entity_type == "armed_group" else
                ("place_word" if entity_type == "place" else "organisation_word"),
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


def _known_mentions(body: str, toks: list[Token], actors: list[ActorMention], places: list[PlaceMention], ref: Reference) -> list[_Known]:
    """Actor, organisation and place mentions, overlaps settled: the longer span wins, and on a
    tie the actor or place the event extractor used."""
    found: list[_Known] = []
    for actor in actors:
        if actor.actor.startswith("@") or actor.actor_type not in ARMED_TYPES:
            continue
        found.append(_Known("actor", actor.char_start, actor.char_end, actor.text, actor.actor, actor.actor_type,
                            descriptor=actor.resolution == "descriptor", actor=actor))
    for place in places:
        found.append(_Known("place", place.char_start, place.char_end, place.text, place.location, place.feature_kind, place=place))
    orgs = _find_organisations(toks, body, _organisations(ref))
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
        found.append(_Known("organisation", match.start, match.end, match.text, alias.organisation,
                            organisation.kind if organisation else None, descriptor=alias.kind == "descriptor"))
    return sorted(found, key=lambda k: k.start)


def _known_mention(item: _Known, doc: _Article) -> EntityMention:
    entity_type = {"actor": "armed_group", "organisation": "organisation", "place": "place"}[item.kind]
    return EntityMention(
        entity_type=entity_type, text=item.text, name=item.canonical, entity_key=entity_key(item.canonical),
        char_start=item.start, char_end=item.end, sentence=doc.sentence(item.start).text, evidence="dictionary",
        subtype=item.subtype, canonical=item.canonical,
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
        entity_type="organisation", text=agency, name=canonical or agency, entity_key=entity_key(canonical or agency),
        char_start=None, char_end=None, sentence=f"{dateline} ({agency})".strip(), evidence="dateline",
        subtype=organisation.kind if organisation else "media", canonical=canonical, speech_role="credited",
    )


# ---------------------------------------------------------------------------------------
# Capitalised names


def _chunks(body: str, toks: list[Token], blocked: list[tuple[int, int]], rules: _Rules) -> list[_Chunk]:
    """Runs of capitalised words (with the particles of Arabic names) that no dictionary claimed,
    split at capitalised titles ("President"), ranks, punctuation and line ends."""
    stops = sorted(blocked)
    chunks: list[_Chunk] = []
    current: list[Token] = []
    where = [0]  # index of current[0] in toks

    def close() -> None:
        if not current:
            return
        while current and (current[-1].norm in rules.particles or not (current[-1].text[:1].isupper() or _hyphen_tail(body, current))):
            current.pop()
        while current and ((current[0].norm in rules.particles and not _joined(body, current)) or current[0].text[:1].isdigit()):
            current.pop(0)
            where[0] += 1
        if current:
            end = current[-1].end - (2 if current[-1].text.endswith(_POSSESSIVE) else 0)
            chunks.append(_Chunk(current[0].start, end, list(current), where[0]))
        current.clear()

    k = 0
    skip_to = -1
    particles = rules.particles
    for i, token in enumerate(toks):
        if not current and token.text[:1].islower() and token.norm not in particles:
            continue  # most words: lower case, and no name open
        if token.start < skip_to:
            continue
        while k < len(stops) and stops[k][1] <= token.start:
            k += 1
        if k < len(stops) and stops[k][0] <= token.start:
            close()
            skip_to = stops[k][1]
            continue
        upper = token.text[:1].isupper()
        if upper and token.norm in rules.title_lengths:
            length = _title_at(toks, i, body, rules)
            if length:
                close()
                skip_to = toks[i + length - 1].end
                continue
        if upper and token.norm in rules.honorifics and body[token.end : token.end + 1] == ".":
            close()  # "Lt. Gen. Stephen Townsend": the rank is evidence, not part of the name
            continue
        name_like = (upper or token.text[:1].isdigit() and len(token.text) <= 4) and token.text not in rules.not_names
        hyphened = body[token.end : token.end + 1] in "-‐"
        particle = not upper and token.norm in rules.particles and (hyphened or token.norm not in _ENGLISH_WORDS)
        continuation = bool(current) and not upper and len(token.text) <= 4 and token.norm not in _HYPHEN_SUFFIXES \
            and body[token.start - 1 : token.start] == "-" \
            and current[-1].end == token.start - 1 and current[-1].text[:1].isupper()  # "Ban Ki-moon"
        if not (name_like or particle or continuation or (current and token.norm in rules.kunya)):
            close()
            continue
        if current and (body[current[-1].end : token.start] not in _NAME_GAPS or len(current) >= MAX_NAME_TOKENS):
            close()
        if not current:
            if particle and not hyphened:
                continue  # "al" opens a name only when joined to it: "al-Husseini"
            where[0] = i
        current.append(token)
        if token.text.endswith(_POSSESSIVE):
            close()
    close()
    return chunks


def _title_at(toks: list[Token], i: int, body: str, rules: _Rules) -> int:
    """How many tokens from ``i`` on form a title ("Prime Minister"); 0 if none."""
    for length in rules.title_lengths.get(toks[i].norm, ()):
        if i + length <= len(toks) and tuple(t.norm for t in toks[i : i + length]) in rules.title_keys:
            if all(re.fullmatch(r"[ \-]", body[a.end : b.start]) for a, b in zip(toks[i : i + length - 1], toks[i + 1 : i + length])):
                return length
    return 0


def _title_before(toks: list[Token], first: int, body: str, rules: _Rules) -> tuple[int, int, str] | None:
    """The title written right before the token ``first`` ("Spokesman Karim", "Gen. Qassem"):
    (start, end, title as written), or None."""
    for length in range(4, 0, -1):  # the longest title: "Prime Minister", not "Minister"
        i = first - length
        if i < 0:
            continue
        if toks[i].norm in rules.title_lengths and length in rules.title_lengths[toks[i].norm] and _title_at(toks, i, body, rules) == length:
            start, end = toks[i].start, toks[first - 1].end
            if re.fullmatch(r"\.?[^\S\n]+", body[end : toks[first].start]):
                return start, end, body[start:end]
    return None


def _hyphen_tail(body: str, toks: list[Token]) -> bool:
    """The last token is the lower-case end of a hyphenated name ("Ki-moon")."""
    return len(toks) > 1 and toks[-1].text[:1].islower() and toks[-2].end == toks[-1].start - 1 and body[toks[-2].end] == "-" \
        and toks[-2].text[:1].isupper() and toks[-2].norm not in _PARTICLE_STEMS


def _joined(body: str, toks: list[Token]) -> bool:
    return len(toks) > 1 and body[toks[0].end : toks[0].end + 1] in "-‐"


def _display(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^(?:the|The)\s+", "", text)


def _person(chunk: _Chunk, body: str, toks: list[Token], known: list[_Known], rules: _Rules,
            doc: _Article, place_names: frozenset[str]) -> _Person | None:
    """A person if the text gives evidence for it; None otherwise."""
    if _has_group_or_org_word(chunk.words, rules):
        return None
    # "Sheikh Rafaa Aakla", "Dr Partizan": evidence for a person, unless it names a place ("Sheikh Maqsoud neighbourhood")
    titled = len(chunk.toks) > 1 and chunk.toks[0].norm in rules.honorifics
    outer = chunk.start  # place phrases are read around the whole name ("the neighbourhood of Sheikh Saeed")
    chunk = _trim_person(chunk, body, rules)
    if chunk is None:
        return None
    words = chunk.words
    single = len([w for w in words if w not in rules.particles]) < 2
    title = _title_before(toks, chunk.first, body, rules)
    before = body[max(0, chunk.start - 80) : chunk.start]
    honorific = titled or _honorific_before(before, rules)
    kunya = len(words) >= 2 and words[0] in rules.kunya and " ".join(words[:2]) not in rules.kunya_not_people
    if single and not (title or honorific):
        return None  # most one-word names: "Seven", "Operations", a surname (coreference handles those)
    if " ".join(words) in place_names:
        return None  # "the United States says": a country, not a person
    text = body[chunk.start : chunk.end]
    after = body[chunk.end : chunk.end + 260]
    if title or honorific or kunya:
        if _placelike(body[max(0, outer - 80) : outer], after, rules):
            return None
        if title:
            scope = rules.titles.get(" ".join(phrase_key(title[2])), ("", ""))[1]
            if single and (doc.headline(chunk.start) or scope == "religious" or not _plain_name(chunk.toks[-1], rules)):
                return None
            person = _Person(chunk.start, chunk.end, text, "title")
            _set_title(person, title[2], rules)
            _affiliation_before(person, title[0], body, known, rules)
            return person
        if honorific:
            if doc.headline(chunk.start) or not _plain_name(chunk.toks[-1], rules):
                return None
            return _Person(chunk.start, chunk.end, text, "honorific")
        person = _Person(chunk.start, chunk.end, text, "kunya")
        _apposition(person, after, chunk.end, known, rules)
        _parenthetical(person, body, doc, rules, known)
        return person
    if all(t.text in rules.demonyms or t.norm in rules.group_generic for t in chunk.toks):
        return None
    headline = doc.headline(chunk.start)
    person = _Person(chunk.start, chunk.end, text, "apposition")
    if (not headline or after.lstrip(" ").startswith(",")) and _apposition(person, after, chunk.end, known, rules):
        return person
    if not headline and (rules.quoted_after.match(after) or _inverted_said(before, after, rules)):
        person.evidence = "speech"
        return person
    return None


def _honorific_before(before: str, rules: _Rules) -> bool:
    """"Dr. Darwish", "Mr Kerry": an honorific right before the name."""
    match = _HONORIFIC.search(before[-16:])
    return bool(match) and fold(match.group("h")) in rules.honorifics


def _placelike(before: str, after: str, rules: _Rules) -> bool:
    """Is the name in a place phrase ("in X", "the village of X", "X neighbourhood")?"""
    tail = before[-40:]
    return bool(_LOCATIVE.search(tail) or (" of " in tail[-12:] + " " and rules.place_before.search(tail)) or rules.place_after.match(after))


def _plain_name(token: Token, rules: _Rules) -> bool:
    """A word that can be a name on its own: not a nationality, organisation or group word, not
    shouted (headline capitals)."""
    return not (token.text in rules.demonyms or token.norm in rules.org_words or token.norm in rules.group_tail
                or token.norm in rules.group_generic or token.text in rules.not_names or (token.text.isupper() and len(token.text) > 3))


def _trim_person(chunk: _Chunk, body: str, rules: _Rules) -> _Chunk | None:
    """Drop words that lead into a name but are not part of it ("Russian Konashenkov",
    "Defense Ashton Carter"), and a possessive "s" the text lost its apostrophe for
    ("Bashar al-Assads forces")."""
    toks = list(chunk.toks)
    while len(toks) > 1 and (toks[0].text in rules.demonyms or toks[0].norm in rules.not_name_starts or toks[0].norm in rules.org_words
                             or toks[0].norm in rules.honorifics):
        toks.pop(0)
    while toks and toks[0].norm in rules.particles and not _joined(body, toks):
        toks.pop(0)
    if not toks:
        return None
    first = chunk.first + len(chunk.toks) - len(toks)
    end = chunk.end if toks[-1] is chunk.toks[-1] else toks[-1].end
    last = toks[-1]
    if last.text.endswith("s") and end == last.end and len(last.text) > 3:
        following = re.match(r"[^\S\n]+([a-z]+)", body[end : end + 30])
        if following and following.group(1) in rules.possessive_nouns:
            end -= 1
    return _Chunk(toks[0].start, end, toks, first)


def _inverted_said(before: str, after: str, rules: _Rules) -> bool:
    """'“...,” said Idris Nahsen, a Kurdish official': the name closes the attribution."""
    return bool(rules.quoted_before.search(before)) and bool(re.match(r"\s*(?:[,.;:(]|$|\s(?:a|an|the|who|on|in|adding|told)\b)", after))


def _has_group_or_org_word(words: list[str], rules: _Rules) -> bool:
    return bool(words) and (words[0] in rules.group_head or words[-1] in rules.group_tail or any(w in rules.org_words for w in words))


def _set_title(person: _Person, title: str, rules: _Rules) -> None:
    clean = re.sub(r"\s+", " ", title).strip()
    folded = " ".join(phrase_key(clean))
    role, scope = rules.titles.get(folded) or rules.titles.get(re.sub(r"(?:es|s)$", "", folded)) or (folded, "group")
    person.title, person.role, person.scope = clean, role, scope


def _affiliation_before(person: _Person, title_start: int, body: str, known: list[_Known], rules: _Rules) -> None:
    """Whose title: an actor or organisation named just before it ("PMF spokesman"), a country
    ("Iraq's Prime Minister") or a nationality ("US President")."""
    for item in known:
        if item.end <= title_start and re.fullmatch(r"(?:['’]s)?\s+", body[item.end : title_start]):
            person.affiliation = item.place.country if item.place and item.place.feature_kind == "country" else item.canonical
            person.affiliation_text, person.affiliation_source = item.text, "text"
            return
    demonym = rules.demonym_re.search(body[max(0, title_start - 30) : title_start])
    if demonym:
        word = demonym.group("demonym")
        person.affiliation, person.affiliation_text, person.affiliation_source = rules.demonyms.get(word, word), word, "text"


def _apposition(person: _Person, after: str, offset: int, known: list[_Known], rules: _Rules) -> bool:
    """", the Commander of the PMF in Anbar,": title, role and affiliation from an apposition."""
    match = rules.apposition.match(after)
    if not match:
        return False
    _set_title(person, match.group("title"), rules)
    span_start, span_end = offset, offset + match.end("rest")
    inside = [k for k in known if span_start <= k.start and k.end <= span_end]
    owner = next((k for k in inside if k.kind in ("actor", "organisation")), None) or next(
        (k for k in inside if k.kind == "place"), None
    )
    if owner is not None:
        person.affiliation = owner.place.country if owner.place and owner.place.feature_kind == "country" and owner.kind == "place" else owner.canonical
        person.affiliation_text, person.affiliation_source = owner.text, "text"
    else:
        pre = match.group("pre") or ""
        demonym = next((w for w in re.findall(r"[\w.]+", pre) if w in rules.demonyms), None)
        if demonym:
            person.affiliation, person.affiliation_text, person.affiliation_source = rules.demonyms[demonym], demonym, "text"
        else:
            anaphor = rules.group_anaphora.search(match.group("rest") or "")
            if anaphor:
                person.extra["anaphor"] = offset + match.start("rest") + anaphor.start()
                person.affiliation_text = anaphor.group()
    return True


def _parenthetical(person: _Person, body: str, doc: _Article, rules: _Rules, known: list[_Known]) -> None:
    """"the commander of the group (Abu Fattoum)", "leaders ... killed (Abu Wadhah and Abu
    Hamza)": a name in parentheses takes the title written just before them."""
    if person.title:
        return
    sentence = doc.sentence(person.start)
    head = body[sentence.start : person.start]
    opened = head.rfind("(")
    if opened < 0 or ")" in head[opened:]:
        return
    window = head[max(0, opened - 60) : opened]
    titles = list(rules.title_re.finditer(window))
    if not titles:
        return
    last = titles[-1]
    _set_title(person, last.group("title"), rules)
    person.title = last.group()
    rest = window[last.end() :]
    base = sentence.start + max(0, opened - 60) + last.end()
    inside = [k for k in known if base <= k.start and k.end <= base + len(rest) and k.kind in ("actor", "organisation")]
    if inside:
        person.affiliation, person.affiliation_text, person.affiliation_source = inside[0].canonical, inside[0].text, "text"
        return
    anaphor = rules.group_anaphora.search(rest)
    if anaphor:
        person.extra["anaphor"] = base + anaphor.start()
        person.affiliation_text = anaphor.group()


def _surname_index(people: list[_Person], rules: _Rules) -> dict[str, str]:
    """Every tail of a full name ("Muslih", "al-Husseini", "Abdel Rahman") -> the full name."""
    index: dict[str, str] = {}
    for person in sorted(people, key=lambda p: -len(p.text)):  # the fullest name claims its tails
        words = entity_key(person.text).split()
        kept = [w for w in words if w not in rules.particles]
        if not kept:
            continue
        index.setdefault(" ".join(kept), person.text)
        if len(kept) >= 2 and kept[0] not in rules.kunya:
            for size in range(1, min(len(kept), 4)):
                tail = kept[-size:]
                if all(w not in rules.not_names for w in tail):
                    index.setdefault(" ".join(tail), person.text)
        elif len(kept) >= 3:  # "Abu Mahdi al-Mohandes" -> "Mohandes"
            index.setdefault(kept[-1], person.text)
    return index


def _coreferent(chunk: _Chunk, surnames: dict[str, str], rules: _Rules) -> str | None:
    kept = [w for w in chunk.words if w not in rules.particles]
    return surnames.get(" ".join(kept)) if kept else None


def _propagate_names(people: list[_Person], rules: _Rules) -> None:
    """Each mention of a person carries the fullest name the article gives ("Bashar Assad" and
    "Assad" -> "Bashar Assad")."""
    surnames = _surname_index([p for p in people if p.evidence != "coreference"], rules)
    for person in people:
        full = surnames.get(entity_key(person.name, rules.particles))
        if full and len(full) > len(person.name):
            person.name = full
    fullest: dict[str, str] = {}
    for person in people:
        key = entity_key(person.name, rules.particles)
        if len(person.name) > len(fullest.get(key, "")):
            fullest[key] = person.name
    for person in people:
        person.name = _display(fullest.get(entity_key(person.name, rules.particles), person.name))


def _fill_affiliations(people: list[_Person], body: str, known: list[_Known], rules: _Rules, doc: _Article) -> None:
    """Resolve "the group" to the armed group named last; a group title with no owner in its
    sentence ("Spokesman Karim al-Nouri said") belongs to the group the previous sentence is
    about."""
    armed = [k for k in known if k.kind == "actor"]
    for person in people:
        if person.affiliation or not person.title:
            continue
        anaphor = person.extra.get("anaphor")
        if anaphor is not None:
            index = doc.sentence_index(anaphor)
            earliest = doc.sentences[max(0, index - 3)].start if doc.sentences else 0
            previous = [k for k in armed if earliest <= k.start and k.end <= anaphor and k.subtype in NON_STATE_TYPES]
            if previous:
                person.affiliation, person.affiliation_source = previous[-1].canonical, "context"
            continue
        if person.scope != "group":
            continue
        index = doc.sentence_index(person.start)
        sentence = doc.sentences[index] if doc.sentences else None
        if sentence is None:
            continue
        here = [k for k in armed if sentence.start <= k.start < sentence.end and not k.descriptor]
        if here:
            continue  # the sentence names groups but not as this title's owner: do not guess
        if index > 0:
            prior = doc.sentences[index - 1]
            subject = [k for k in armed if prior.start <= k.start < prior.end]
            if subject:
                person.affiliation, person.affiliation_text, person.affiliation_source = subject[0].canonical, subject[0].text, "context"


def _classify(chunk: _Chunk, body: str, known: list[_Known], rules: _Rules, place_names: frozenset[str]) -> list[tuple[_Chunk, str, str | None]]:
    """Names that are not people: armed groups and organisations by their words, places by the
    phrase around them. Returns (chunk, entity type, candidate kind) for each."""
    found = []
    for piece in _split_groups(chunk, rules):
        classified = _classify_piece(piece, body, known, rules, place_names)
        if classified is not None:
            found.append(classified)
    return found


def _split_groups(chunk: _Chunk, rules: _Rules) -> list[_Chunk]:
    """"Faylaq al-Rahman Jaysh al-Islam", "Sham Legion Mujahideen Army": text without commas runs
    group names together; cut before a head word and after a tail word."""
    pieces: list[list[Token]] = [[]]
    for i, token in enumerate(chunk.toks):
        if token.norm in rules.group_head and pieces[-1] and i > 0:
            pieces.append([])
        pieces[-1].append(token)
        if token.norm in rules.group_tail and i < len(chunk.toks) - 1 and chunk.toks[i + 1].norm not in rules.group_tail:
            pieces.append([])
    result = []
    for piece in pieces:
        while piece and piece[-1].norm in rules.particles:
            piece.pop()
        if piece:
            end = chunk.end if piece[-1] is chunk.toks[-1] else piece[-1].end
            result.append(_Chunk(piece[0].start, end, piece))
    return result


def _classify_piece(chunk: _Chunk, body: str, known: list[_Known], rules: _Rules, place_names: frozenset[str]) -> tuple[_Chunk, str, str | None] | None:
    chunk = _strip_place_possessive(chunk, place_names)
    if chunk is None:
        return None
    words = chunk.words
    if rules.group_exceptions and rules.group_exceptions.search(" ".join(t.text for t in chunk.toks[-2:])):
        return None
    org = any(w in rules.org_words for w in words)
    if len(words) == 1 and words[0] in rules.group_head:  # "Liwa al-Quds", "Jaish Idlib": a head word and a place
        place = next((k for k in known if k.kind == "place" and k.start > chunk.end and body[chunk.end : k.start] in (" ", "-")), None)
        if place is not None:
            return _Chunk(chunk.start, place.end, tokens_between(body, chunk.start, place.end)), "armed_group", "actor"
        return None
    if (words[0] in rules.group_head and len(words) >= 2) or (words[-1] in rules.group_tail and not org):
        distinctive = [t for t in chunk.toks if t.norm not in rules.group_generic and t.norm not in rules.group_tail
                       and t.norm not in rules.group_head and t.norm not in rules.particles and t.text not in rules.demonyms]
        if words[0] in rules.group_head and len(words) >= 2:
            return chunk, "armed_group", "actor"
        if distinctive:
            return _join_place_prefix(chunk, body, known), "armed_group", "actor"
        return None
    if org:
        joined = _join_place_prefix(chunk, body, known)
        return (joined, "organisation", None) if len(joined.toks) >= 2 else None
    text = body[chunk.start : chunk.end]
    if len(text) < 3 or all(t.text in rules.demonyms for t in chunk.toks):
        return None
    before = body[max(0, chunk.start - 40) : chunk.start]
    after = body[chunk.end : chunk.end + 30]
    last_words = before[-30:].lower().split()[-3:]
    next_word = after.split(None, 1)[0].lower() if after.strip() else ""
    if "of" not in last_words and "near" not in last_words and next_word not in rules.place_words_next:
        return None  # no place phrase around the name
    if (" of " in before[-12:] + " " and rules.place_before.search(before)) or rules.place_after.match(after) or (
        rules.place_near.search(before[-30:]) and not re.match(r"\s*(?:['’]s\b|said|says|told)", after)
    ):
        return chunk, "place", "place"
    return None


def _strip_place_possessive(chunk: _Chunk, place_names: frozenset[str]) -> _Chunk | None:
    """"Aleppos Marjeh" (an apostrophe lost): the known place before the name is not part of it."""
    first = chunk.toks[0]
    if first.norm.endswith("s") and first.norm[:-1] in place_names:
        rest = chunk.toks[1:]
        return _Chunk(rest[0].start, chunk.end, rest) if rest else None
    return chunk


def _join_place_prefix(chunk: _Chunk, body: str, known: list[_Known]) -> _Chunk:
    """"Syria Democratic Forces", "Aleppo Police Command": a place named right before a group or
    organisation name is part of it."""
    for item in known:
        if item.kind == "place" and item.end < chunk.start and body[item.end : chunk.start] == " ":
            return _Chunk(item.start, chunk.end, tokens_between(body, item.start, chunk.end))
    return chunk


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


def tokens_between(body: str, start: int, end: int) -> list[Token]:
    return [Token(t.text, t.norm, t.start + start, t.end + start) for t in tokens(body[start:end])]


# ---------------------------------------------------------------------------------------
# Speech, pronouns and fate


def _speech(mentions: list[EntityMention], known: list[_Known], body: str, rules: _Rules, doc: _Article) -> None:
    """Who said it: quoted (said, told, stated) or credited (according to, a statement by)."""
    for mention in mentions:
        if mention.entity_type == "place" or mention.char_start is None:
            continue
        mention.speech_role = _speech_role(mention.char_start, mention.char_end, mention.entity_type, mention.subtype, body, rules, doc)
    present = {(m.char_start, m.char_end) for m in mentions}
    for item in known:  # "The Iraqi military said in a statement": a descriptor counts when it speaks
        if item.kind != "actor" or not item.descriptor or (item.start, item.end) in present:
            continue
        role = _speech_role(item.start, item.end, "armed_group", item.subtype, body, rules, doc)
        if role:
            mention = _known_mention(item, doc)
            mention.speech_role = role
            mentions.append(mention)


def _speech_role(start: int, end: int, entity_type: str, subtype: str | None, body: str, rules: _Rules, doc: _Article) -> str | None:
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


def _pronouns(mentions: list[EntityMention], body: str, rules: _Rules, doc: _Article) -> None:
    """"He said ...": the person quoted last (within three sentences) said it."""
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
                entity_type="person", text=match.group("pronoun"), name=speaker.name, entity_key=speaker.entity_key,
                char_start=start, char_end=match.end("pronoun"), sentence=doc.sentence(start).text, evidence="pronoun",
                speech_role="quoted",
            )
        )
    mentions.extend(added)


def _fates(mentions: list[EntityMention], body: str, rules: _Rules, doc: _Article) -> None:
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
                if len(gap) <= 90 and not re.search(r"[.;“”\"]", gap) and not _FATE_BREAK.search(gap) and not rules.reporting.search(gap):
                    cue = cues[-1].group("cue")
        if cue:
            mention.fate = next((name for name, pattern in rules.fate_words if pattern.match(cue)), None)


def _share_fate_affiliation(mentions: list[EntityMention], doc: _Article) -> None:
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


def _spacy_mentions(body: str, model: str, mentions: list[EntityMention], known: list[_Known], doc: _Article,
                    decisions: dict[tuple[str, str], str]) -> list[EntityMention]:
    """Names a spaCy pipeline finds that the rules did not: people, organisations and places
    (as candidates). Used only when configured; without spaCy or the model, nothing is added."""
    nlp = _load_spacy(model)
    if nlp is None:
        return []
    taken = [(m.char_start, m.char_end) for m in mentions if m.char_start is not None] + [(k.start, k.end) for k in known]
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
                entity_type=entity_type, text=text, name=_display(text), entity_key=key, char_start=ent.start_char,
                char_end=ent.start_char + len(text), sentence=doc.sentence(ent.start_char).text, evidence="spacy", candidate=candidate,
            )
        )
    return added


def _load_spacy(model: str) -> Any | None:
    if model not in _NLP:
        try:
            import spacy  # type: ignore[import-not-found]

            _NLP[model] = spacy.load(model, disable=["parser", "lemmatizer"])
        except Exception as error:  # not installed, or no such model: the rules alone run
            print(f"entities: spaCy model {model!r} not available ({type(error).__name__}); using the rules only", file=sys.stderr)
            _NLP[model] = None
    return _NLP[model]


# ---------------------------------------------------------------------------------------
# Ids and event links


def _identify(mentions: list[EntityMention], article: CleanArticle, event_sentences: list[tuple[int, int, str]]) -> None:
    """Stable ids, the article's keys, and the event whose sentences hold the mention (its
    evidence sentence first)."""
    seen: set[str] = set()
    for mention in mentions:
        mention.content_hash, mention.doc_id = article.content_hash, article.doc_id
        if mention.char_start is None:
            mention.mention_id = stable_id(article.content_hash, "entity", mention.evidence, mention.text)
        else:
            mention.mention_id = stable_id(article.content_hash, "entity", mention.entity_type, mention.char_start, mention.char_end)
        if mention.mention_id in seen:
            mention.mention_id = stable_id(mention.mention_id, mention.evidence)
        seen.add(mention.mention_id)
        if mention.char_start is None:
            continue
        mention.event_id = next((e for s, end, e in event_sentences if s <= mention.char_start and mention.char_end <= end), None)
