"""Code events from a cleaned article: triggers, who acted on whom, where, when, how many.

One event per act. Each clause is searched for trigger patterns (``event_patterns.csv``); the
trigger's frame says how to read the actors around it (active, passive "by", "X repelled an
attack by Y", "clashes between X and Y"). Mentions of the same act in the title, lead and body
are merged into one event that keeps its best evidence sentence.
"""

from __future__ import annotations

import bisect
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache

from extract import settings
from extract.coding.actors import STATE, find_actors, resolve_state
from extract.coding.dates import DateFound, find_date
from extract.coding.entities import find_entities
from extract.coding.models import ActorMention, CleanArticle, EntityMention, Event, PlaceMention
from extract.coding.places import find_places
from extract.coding.quantities import Casualties, casualty_words, find_casualties
from extract.coding.reference import EventPattern, Reference, load_reference
from extract.coding.text import Span, clauses, sentences, stable_id, tokens
from extract.coding.triggers import TriggerIndex, TriggerWords


@dataclass(frozen=True)
class _Rules:
    negation: re.Pattern[str]
    hypothetical: re.Pattern[str]
    claimed: re.Pattern[str]
    background: re.Pattern[str]
    anaphora: re.Pattern[str]
    clause_breaks: re.Pattern[str]
    territory: re.Pattern[str]
    reporting: re.Pattern[str]
    infinitive_exceptions: re.Pattern[str]
    abbreviations: frozenset[str]
    triggers: TriggerIndex


@lru_cache(maxsize=4)
def _rules(reference: Reference) -> _Rules:
    r = reference.rules
    cues = r["cues"]

    def any_of(patterns: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    return _Rules(
        negation=any_of(cues["negation"]),
        hypothetical=any_of(cues["hypothetical"]),
        claimed=any_of(cues["claimed"]),
        background=any_of(cues["background"]),
        anaphora=re.compile(r["anaphora"], re.IGNORECASE),
        clause_breaks=re.compile(r["clause_breaks"]),
        territory=re.compile(rf"\b{r['territory_words']}\b", re.IGNORECASE),
        reporting=re.compile(rf"\b{r['reporting_verbs']}\b", re.IGNORECASE),
        infinitive_exceptions=re.compile(rf"\b{r['infinitive_exceptions']}\s+to\s*$", re.IGNORECASE),
        abbreviations=frozenset(r["abbreviations"]),
        triggers=TriggerIndex(reference.patterns, {"casualties": casualty_words(reference)}),
    )


@dataclass
class Mention:
    """One clause's report of an act, before mentions of the same act are merged."""

    sub_event_type: str
    pattern: EventPattern
    start: int
    end: int
    sentence: Span
    sentence_index: int
    in_title: bool
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    actor1_explicit: bool = False
    actor2_explicit: bool = False
    directional: bool = True
    place: PlaceMention | None = None
    origin: PlaceMention | None = None
    date: DateFound | None = None
    casualties: Casualties = field(default_factory=Casualties)
    negated: bool = False
    hypothetical: bool = False
    claimed: bool = False
    anaphoric: bool = False

    @property
    def asserted(self) -> bool:
        return not (self.negated or self.hypothetical)

    def explicit_families(self) -> set[str]:
        families = set()
        if self.actor1 and self.actor1_explicit:
            families.add(self.actor1.family)
        if self.actor2 and self.actor2_explicit:
            families.add(self.actor2.family)
        return families


@dataclass
class ExtractionResult:
    events: list[Event]
    actor_mentions: list[ActorMention]
    place_mentions: list[PlaceMention]
    truncated: bool = False
    entity_mentions: list[EntityMention] = field(default_factory=list)


MAX_ARTICLE_CHARS = 100_000  # far beyond any news article; past it the text is a dump, not a report
MERGE_WINDOW = 60  # a mention is compared with this many most recent events of its article


def article_budget_seconds() -> float:
    """Time one article may take (``CONFLICT_ARTICLE_BUDGET_S``, default 5 s); past it, the rest
    of the article is skipped and the result marked truncated."""
    return settings.current().article_budget_s


def extract_article(
    article: CleanArticle, reference: Reference | None = None, budget_s: float | None = None
) -> ExtractionResult:
    """Every event in one cleaned article, with the actor and place mentions behind them."""
    ref = reference or load_reference()
    deadline = time.perf_counter() + (article_budget_seconds() if budget_s is None else budget_s)
    rules = _rules(ref)
    truncated = len(article.body) > MAX_ARTICLE_CHARS
    body = article.body[:MAX_ARTICLE_CHARS]
    toks = tokens(body)
    actors = find_actors(body, toks, ref)
    places = find_places(body, toks, ref, blocked=[(a.char_start, a.char_end) for a in actors])
    anchor = article.published_at if article.date_confidence in {"high", "medium"} else None
    title_end = len(article.title) if article.title else 0
    home = _main_country(places)

    mentions: list[Mention] = []
    loose: list[tuple[int, str | None, Casualties]] = []
    elaborations: list[tuple[int, Span]] = []
    spans = sentences(body, rules.abbreviations)
    words = rules.triggers.scan(body, toks)
    for index, sentence in enumerate(spans):
        if time.perf_counter() > deadline:
            truncated = True
            break
        found = (
            _sentence_mentions(
                body, sentence, index, sentence.start < title_end, actors, places, anchor, ref, rules, words
            )
            if words.any_pattern(sentence.start, sentence.end)
            else []
        )
        if found:
            mentions.extend(found)
            continue
        figures = (
            find_casualties(sentence.text, ref)
            if words.has("casualties", sentence.start, sentence.end)
            else Casualties()
        )
        if figures.any():
            loose.append((index, _date_key(find_date(sentence.text, anchor)), figures))
        if rules.anaphora.search(sentence.text):
            elaborations.append((index, sentence))

    _inherit_actors(mentions, body, actors, rules)
    for mention in mentions:
        _resolve_types(mention, ref, home)
    mentions = [m for m in mentions if not m.sub_event_type.startswith("@")]
    drafts = _merge(mentions)
    _attach_loose(drafts, loose, elaborations, places)

    events: list[Event] = []
    for draft in drafts:
        event = _finalise(draft, article, ref)
        if event is not None:
            events.append(event)
    _link_mentions(events, drafts, actors, places, article)
    entities = find_entities(article, body, toks, spans, actors, places, ref, _event_sentences(events, drafts, article))
    return ExtractionResult(
        events=events, actor_mentions=actors, place_mentions=places, truncated=truncated, entity_mentions=entities
    )


def _event_sentences(events: list[Event], drafts: list[_Draft], article: CleanArticle) -> list[tuple[int, int, str]]:
    """(start, end, event id) of every sentence that told an event: asserted events before
    negated or hypothetical ones, and evidence sentences before the other sentences."""
    asserted = {e.event_id: not (e.negated or e.hypothetical) for e in events}
    found = [(not asserted[e.event_id], 0, e.char_start, e.char_end, e.event_id) for e in events]
    for draft in drafts:
        first = min(draft.mentions, key=lambda m: m.start)
        event_id = stable_id(article.content_hash, draft.sub_event_type, first.start)
        if event_id in asserted:
            found.extend(
                (not asserted[event_id], 1, m.sentence.start, m.sentence.end, event_id) for m in draft.mentions
            )
    return [(start, end, event_id) for _, _, start, end, event_id in sorted(found, key=lambda f: f[:2])]


def _main_country(places: list[PlaceMention]) -> str | None:
    """The country most places in the article belong to: where unplaced "security forces" serve."""
    counts: dict[str, int] = {}
    for place in places:
        if place.role == "location" and place.country_code:
            counts[place.country_code] = counts.get(place.country_code, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


def _sentence_mentions(
    body: str,
    sentence: Span,
    index: int,
    in_title: bool,
    actors: list[ActorMention],
    places: list[PlaceMention],
    anchor,
    ref: Reference,
    rules: _Rules,
    words: TriggerWords,
) -> list[Mention]:
    found: list[Mention] = []
    for clause in clauses(sentence, rules.clause_breaks):
        triggers = _triggers(body, clause, actors, places, rules, words)
        if not triggers or rules.background.search(clause.text):
            continue
        for k, (pattern, start, end) in enumerate(triggers):
            region_start = triggers[k - 1][2] if k else clause.start
            region_end = triggers[k + 1][1] if k + 1 < len(triggers) else clause.end
            mention = Mention(
                sub_event_type=pattern.sub_event_type,
                pattern=pattern,
                start=start,
                end=end,
                sentence=sentence,
                sentence_index=index,
                in_title=in_title,
            )
            _assign_actors(mention, body, clause, region_end, actors, rules)
            _assign_places(mention, clause, region_start, region_end, places)
            mention.date = find_date(clause.text, anchor) or find_date(sentence.text, anchor)
            scope = body[region_start:region_end] if len(triggers) > 1 else clause.text
            mention.casualties = find_casualties(scope, ref)
            if not mention.casualties.any() and len(triggers) == 1:
                mention.casualties = find_casualties(sentence.text, ref)
            before = body[max(region_start, start - 50) : start]
            after = body[end : min(region_end, end + 60)]
            mention.negated = bool(rules.negation.search(before))
            mention.hypothetical = bool(rules.hypothetical.search(before) or rules.hypothetical.search(after)) or (
                bool(re.search(r"\bto\s*$", before, re.IGNORECASE)) and not rules.infinitive_exceptions.search(before)
            )
            mention.claimed = bool(rules.claimed.search(clause.text))
            mention.anaphoric = bool(
                re.search(r"\b(?:the|this|that)\s+$", body[max(clause.start, start - 6) : start], re.IGNORECASE)
            )
            found.append(mention)
    return found


def _triggers(
    body: str, clause: Span, actors: list[ActorMention], places: list[PlaceMention], rules: _Rules, words: TriggerWords
) -> list[tuple[EventPattern, int, int]]:
    """Non-overlapping trigger spans in a clause; specific patterns win over generic ones.

    Only the patterns whose leading words occur in the clause are run. A match inside an
    actor's or a place's name ("Free Syrian Army", "Liberation Square") is no trigger."""
    taken: list[tuple[EventPattern, int, int]] = []
    names: list[tuple[int, int]] | None = None
    for pattern in words.candidates(clause.start, clause.end):
        for match in pattern.regex.finditer(clause.text):
            start, end = clause.start + match.start(), clause.start + match.end()
            if any(s < end and start < e for _, s, e in taken):
                continue
            if names is None:
                names = [
                    (a.char_start, a.char_end)
                    for a in actors
                    if a.char_start < clause.end and clause.start < a.char_end
                ] + [
                    (p.char_start, p.char_end)
                    for p in places
                    if p.char_start < clause.end and clause.start < p.char_end
                ]
            if any(s <= start and end <= e for s, e in names):
                continue
            if pattern.needs_territory and not _territory_follows(body, end, clause.end, places, rules):
                continue
            taken.append((pattern, start, end))
    return sorted(taken, key=lambda t: t[1])


def _territory_follows(body: str, end: int, limit: int, places: list[PlaceMention], rules: _Rules) -> bool:
    window_end = min(limit, end + 80)
    if rules.territory.search(body[end:window_end]):
        return True
    return any(end <= p.char_start < window_end and p.role == "location" for p in places)


def _in(actors: list[ActorMention], start: int, end: int) -> list[ActorMention]:
    """Actor mentions inside [start, end); ``actors`` is in text order, so a binary search finds
    the first candidate."""
    first = bisect.bisect_left(actors, start, key=lambda a: a.char_start)
    found = []
    for actor in actors[first:]:
        if actor.char_start >= end:
            break
        if actor.char_end <= end:
            found.append(actor)
    return found


def _subject(
    body: str, clause: Span, trigger_start: int, actors: list[ActorMention], rules: _Rules
) -> ActorMention | None:
    """The acting side named before a trigger: the first actor of the clause, or of the reported
    speech after "said"; an apposition naming the actor's umbrella group refines it."""
    before = [a for a in _in(actors, clause.start, clause.end) if a.char_start < trigger_start]
    if not before:
        return None
    reported = list(rules.reporting.finditer(body, clause.start, trigger_start))
    if reported:
        cut = reported[-1]
        after_verb = [a for a in before if a.char_start >= cut.end()]
        if after_verb:
            return after_verb[0]
        before = [a for a in before if a.char_end <= cut.start()] or before
    first = before[0]
    for other in before[1:]:
        gap = body[first.char_end : other.char_start]
        if (
            re.fullmatch(r",\s+(?:a|an|the)\s+[^,]{0,60}", gap)
            and other.actor != first.actor_parent
            and other.actor != first.actor
        ):
            return other
    return first


def _assign_actors(
    mention: Mention, body: str, clause: Span, region_end: int, actors: list[ActorMention], rules: _Rules
) -> None:
    subject = _subject(body, clause, mention.start, actors, rules)
    frame = mention.pattern.frame
    if frame == "between":
        pair = _distinct(_in(actors, mention.end, clause.end))
        mention.actor1, mention.actor2 = (pair + [None, None])[:2]
        mention.directional = False
    elif frame == "repel":
        mention.actor2 = subject
        attackers = [a for a in _in(actors, mention.start, clause.end) if not subject or a.family != subject.family]
        mention.actor1 = attackers[0] if attackers else None
    elif re.match(r"\s+by\b", body[mention.end : mention.end + 5]):
        agents = _in(actors, mention.end, clause.end)
        mention.actor1 = agents[0] if agents else None
        mention.actor2 = subject
    else:
        mention.actor1 = subject
        objects = [a for a in _in(actors, mention.end, region_end) if not subject or a.family != subject.family]
        mention.actor2 = objects[0] if objects else None
    mention.actor1_explicit = mention.actor1 is not None
    mention.actor2_explicit = mention.actor2 is not None


def _distinct(found: list[ActorMention]) -> list[ActorMention]:
    result: list[ActorMention] = []
    for actor in found:
        if all(actor.family != other.family for other in result):
            result.append(actor)
    return result


def _assign_places(
    mention: Mention, clause: Span, region_start: int, region_end: int, places: list[PlaceMention]
) -> None:
    after = [p for p in places if mention.end <= p.char_start and p.char_end <= region_end and p.role == "location"]
    roles = {"location", "origin"} if mention.sub_event_type == "@territory" else {"location"}
    before = [p for p in places if region_start <= p.char_start and p.char_end <= mention.start and p.role in roles]
    if after:
        mention.place = min(after, key=lambda p: (p.geo_precision, p.char_start))
    elif before:
        mention.place = before[-1]
    origins = [p for p in places if clause.start <= p.char_start and p.char_end <= clause.end and p.role == "origin"]
    mention.origin = origins[0] if origins else None


def _inherit_actors(mentions: list[Mention], body: str, actors: list[ActorMention], rules: _Rules) -> None:
    """A clause with no actors ("he said his forces also fired rockets") continues the sentence's
    subject, else the act told just before it (within two sentences)."""
    for index, mention in enumerate(mentions):
        if mention.actor1 and mention.actor2:
            continue
        if mention.actor1 is None:
            sentence_actors = _in(actors, mention.sentence.start, mention.start)
            if sentence_actors:
                mention.actor1 = sentence_actors[0]
        previous = None
        for back in range(index - 1, -1, -1):
            if mention.sentence_index - mentions[back].sentence_index > 2:
                break
            if mentions[back].actor1:
                previous = mentions[back]
                break
        if previous is None:
            continue
        if mention.actor1 is None:
            mention.actor1 = previous.actor1
        if mention.actor2 is None and previous.actor2 and previous.actor2.family != mention.actor1.family:
            mention.actor2 = previous.actor2


def _resolve_types(mention: Mention, ref: Reference, home: str | None) -> None:
    """Settle generic triggers and "security forces" once actors and place are known."""
    country = mention.place.country_code if mention.place else home
    for slot in ("actor1", "actor2"):
        actor = getattr(mention, slot)
        if actor is not None and actor.actor == STATE:
            setattr(mention, slot, resolve_state(actor, country, ref))
    if mention.sub_event_type == "@attack":
        target = mention.actor2
        mention.sub_event_type = "Attack" if target and target.actor_type == "Civilians" else "Armed clash"
    elif mention.sub_event_type == "@territory":
        if mention.actor1 is None:
            return
        family = ref.actors.get(mention.actor1.family)
        state = mention.actor1.actor_type == "State forces" or (
            family is not None and family.actor_type == "State forces"
        )
        mention.sub_event_type = "Government regains territory" if state else "Non-state actor overtakes territory"


def _date_key(found: DateFound | None) -> str | None:
    if found is None:
        return None
    if found.event_date:
        return found.event_date.isoformat()
    return re.sub(
        r"^(?:late|early|on|last)\s+|\s+(?:night|morning|evening|afternoon)$", "", found.date_text.lower()
    ).strip()


def _places_agree(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    if a is None or b is None or a.place_id == b.place_id:
        return True
    if a.country_code != b.country_code:
        return False
    coarse, fine = (a, b) if a.geo_precision >= b.geo_precision else (b, a)
    if coarse.feature_kind == "country":
        return True
    return coarse.geo_precision >= 2 and coarse.admin1_code is not None and coarse.admin1_code == fine.admin1_code


@dataclass
class _Draft:
    mentions: list[Mention]

    @property
    def sub_event_type(self) -> str:
        return self.mentions[0].sub_event_type

    def place(self) -> PlaceMention | None:
        placed = [m.place for m in self.mentions if m.place]
        return min(placed, key=lambda p: p.geo_precision) if placed else None

    def date_key(self) -> str | None:
        return next((k for k in (_date_key(m.date) for m in self.mentions) if k), None)

    def families(self) -> set[str]:
        return set().union(*(m.explicit_families() for m in self.mentions))


def _compatible(draft: _Draft, mention: Mention) -> bool:
    if draft.sub_event_type != mention.sub_event_type or draft.mentions[0].asserted != mention.asserted:
        return False
    key, other = draft.date_key(), _date_key(mention.date)
    if key and other and key != other:
        return False
    if not _places_agree(draft.place(), mention.place):
        return False
    families, theirs = draft.families(), mention.explicit_families()
    if not families or not theirs or families <= theirs or theirs <= families:
        return True
    acting = {m.actor1.family for m in draft.mentions if m.actor1 and m.actor1_explicit and m.directional}
    return bool(mention.directional and mention.actor1_explicit and mention.actor1 and mention.actor1.family in acting)


def _merge(mentions: list[Mention]) -> list[_Draft]:
    """Mentions of one act (title, lead, body, "the attack") become one draft event."""
    drafts: list[_Draft] = []
    for mention in mentions:
        target = next((d for d in reversed(drafts[-MERGE_WINDOW:]) if _compatible(d, mention)), None)
        if target is None:
            drafts.append(_Draft([mention]))
        else:
            target.mentions.append(mention)
    return drafts


def _attach_loose(
    drafts: list[_Draft],
    loose: list[tuple[int, str | None, Casualties]],
    elaborations: list[tuple[int, Span]],
    places: list[PlaceMention],
) -> None:
    """Figures and places told in sentences of their own ("Operations on Monday left more than
    45 dead"; "the target of the operation was Qairawan") belong to the act just before."""
    for index, date_key, figures in loose:
        target = _nearest_before(drafts, index, date_key)
        if target is not None:
            target.mentions[-1].casualties.fill_from(figures)
    for index, sentence in elaborations:
        located = [p for p in places if sentence.start <= p.char_start < sentence.end and p.role == "location"]
        if not located:
            continue
        best = min(located, key=lambda p: (p.geo_precision, p.char_start))
        earlier = [d for d in drafts if min(m.sentence_index for m in d.mentions) < index and d.mentions[0].asserted]
        unplaced = [d for d in earlier if d.place() is None or d.place().geo_precision > best.geo_precision]
        if unplaced and index - max(m.sentence_index for m in unplaced[-1].mentions) <= 2:
            unplaced[-1].mentions[0].place = best


def _nearest_before(drafts: list[_Draft], index: int, date_key: str | None) -> _Draft | None:
    """The asserted act told closest before sentence ``index`` (at most three sentences back);
    one told of the same day wins."""
    best: tuple[int, int, _Draft] | None = None
    for draft in drafts:
        told = [m.sentence_index for m in draft.mentions if m.sentence_index < index]
        if not told or not draft.mentions[0].asserted or index - max(told) > 3:
            continue
        same_day = int(date_key is not None and draft.date_key() == date_key)
        key = (same_day, max(told))
        if best is None or key > best[:2]:
            best = (*key, draft)
    return best[2] if best else None


def _pick_actor(draft: _Draft, slot: str, exclude: str | None) -> ActorMention | None:
    """The best-supported actor for a slot: directional and explicit mentions first, then the
    most specific name of that family (a faction over its umbrella)."""
    ranked = sorted(
        draft.mentions,
        key=lambda m: (not getattr(m, f"{slot}_explicit"), not m.directional, m.in_title),
    )
    chosen = next((getattr(m, slot) for m in ranked if getattr(m, slot) and getattr(m, slot).family != exclude), None)
    if chosen is None:
        return None
    for mention in draft.mentions:
        candidate = getattr(mention, slot)
        if candidate and candidate.family == chosen.family and candidate.actor_parent and not chosen.actor_parent:
            chosen = candidate
    return chosen


def _finalise(draft: _Draft, article: CleanArticle, ref: Reference) -> Event | None:
    mentions = draft.mentions
    place = draft.place()
    if place is None or not any(m.actor1 or m.actor2 for m in mentions):
        return None
    actor1 = _pick_actor(draft, "actor1", None)
    actor2 = _pick_actor(draft, "actor2", actor1.family if actor1 else None)
    origin = next((m.origin for m in mentions if m.origin), None)
    dated = [m.date for m in mentions if m.date]
    resolved = [d for d in dated if d.event_date]
    date_found = min(resolved, key=lambda d: d.time_precision or 9) if resolved else (dated[0] if dated else None)
    casualties = Casualties()
    for mention in mentions:
        casualties.fill_from(mention.casualties)

    origin_country = None
    if origin and origin.country_code and origin.country_code != place.country_code:
        origin_country = origin.country_code
    elif (
        actor1
        and actor1.country_code
        and actor1.country_code != place.country_code
        and ref.are_neighbours(actor1.country_code, place.country_code)
    ):
        origin_country = actor1.country_code
    cross_border = origin_country is not None

    best = max(
        mentions,
        key=lambda m: (
            not m.in_title,
            m.actor1_explicit + m.actor2_explicit,
            -(m.place.geo_precision if m.place else 4),
        ),
    )
    first = min(mentions, key=lambda m: m.start)
    confidence = 0.45
    confidence += 0.15 if any(m.actor1_explicit for m in mentions) else -0.1
    confidence += 0.1 if actor2 else 0.0
    confidence += {1: 0.1, 2: 0.07, 3: 0.03}.get(place.geo_precision, 0.0)
    confidence += 0.05 if date_found else 0.0
    confidence += min(0.1, 0.05 * (len(mentions) - 1))
    confidence -= 0.1 if any(m.claimed for m in mentions) else 0.0
    sub_event = draft.sub_event_type
    return Event(
        event_id=stable_id(article.content_hash, sub_event, first.start),
        content_hash=article.content_hash,
        doc_id=article.doc_id,
        event_type=ref.event_types.get(sub_event, "Battles"),
        sub_event_type=sub_event,
        actor1=actor1.actor if actor1 else None,
        actor1_parent=actor1.actor_parent if actor1 else None,
        actor1_type=actor1.actor_type if actor1 else None,
        actor2=actor2.actor if actor2 else None,
        actor2_parent=actor2.actor_parent if actor2 else None,
        actor2_type=actor2.actor_type if actor2 else None,
        location=place.location,
        location_text=place.text,
        admin1=place.admin1,
        admin1_code=place.admin1_code,
        country=place.country,
        country_code=place.country_code,
        latitude=place.latitude,
        longitude=place.longitude,
        geo_precision=place.geo_precision,
        event_date=date_found.event_date if date_found else None,
        date_text=date_found.date_text if date_found else None,
        time_precision=date_found.time_precision if date_found else None,
        fatalities=casualties.fatalities,
        fatalities_low=casualties.fatalities_low,
        fatalities_high=casualties.fatalities_high,
        wounded=casualties.wounded,
        casualties_total=casualties.casualties_total,
        cross_border=cross_border,
        origin_country=origin_country,
        target_country=place.country_code if cross_border else None,
        negated=any(m.negated for m in mentions),
        hypothetical=any(m.hypothetical for m in mentions),
        claimed=any(m.claimed for m in mentions),
        evidence=best.sentence.text,
        char_start=best.sentence.start,
        char_end=best.sentence.end,
        confidence=round(max(0.05, min(0.99, confidence)), 2),
    )


def _link_mentions(
    events: list[Event],
    drafts: list[_Draft],
    actors: list[ActorMention],
    places: list[PlaceMention],
    article: CleanArticle,
) -> None:
    """Give every mention its id and, where it argued for an event, that event's id."""
    by_start = {e.event_id: e for e in events}
    for actor in actors:
        actor.mention_id = stable_id(article.content_hash, "actor", actor.char_start, actor.char_end)
        actor.content_hash, actor.doc_id = article.content_hash, article.doc_id
    for place in places:
        place.mention_id = stable_id(article.content_hash, "place", place.char_start, place.char_end)
        place.content_hash, place.doc_id = article.content_hash, article.doc_id
    for draft in drafts:
        first = min(draft.mentions, key=lambda m: m.start)
        event_id = stable_id(article.content_hash, draft.sub_event_type, first.start)
        if event_id not in by_start:
            continue
        for mention in draft.mentions:
            for actor in (mention.actor1, mention.actor2):
                if actor is not None and actor.event_id is None and actor.actor != STATE:
                    actor.event_id = event_id
            for place in (mention.place, mention.origin):
                if place is not None and place.event_id is None:
                    place.event_id = event_id
