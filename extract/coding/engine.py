"""The extraction engine: one cleaned article in, its events and mentions out.

Every sentence goes through the trained sentence classifier (cheap); only those it judges likely
to report an event are parsed by spaCy (costly), and for each of those the parse gives the sides
(``sides``), the trained place selector the place (``where``), the number grammar the casualties
(``numbers``) and the date rules the day. The world is open: an act is kept when the text reports
one, whatever the reference files know; they normalise names, never gate events. Reports of one
act in several sentences (headline, lead, a later detail) become one event.
"""

from __future__ import annotations

import dataclasses
import re
import time
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.coding.actors import STATE, find_actors
from extract.coding.article_sides import attribute_from_article, battle_foe_from_article, civilians_hit
from extract.coding.classifier import MODEL_DIR, SUB_EVENT_TYPES, Decision, SentenceModel, aircraft_doers
from extract.coding.clauses import has_trigger, modality, other_clauses, pick_trigger, remote_not_battle
from extract.coding.context import main_admin1, main_country, main_place, without_possessive_s
from extract.coding.crossing import MODEL_NAME as CROSSING_MODEL
from extract.coding.crossing import CrossingModel, Features, crossing_features, decide, rule_verdict
from extract.coding.dates import DateFound, find_date
from extract.coding.drafts import TERRITORY, Draft, Place, merge, territory_sub_type
from extract.coding.entities import find_entities
from extract.coding.foes import FOES_FILE, Foe, lend_usual_foes, load_foes
from extract.coding.leads import article_anchor, split_lead
from extract.coding.models import ActorMention, CleanArticle, EntityMention, Event, PlaceMention
from extract.coding.more_places import MODEL_NAME as MORE_PLACES
from extract.coding.more_places import MorePlaces, relation_features
from extract.coding.namesakes import foreign_namesake, home_forces_abroad, put_elsewhere
from extract.coding.nlp import load_pipeline
from extract.coding.numbers import Casualties, find_casualties
from extract.coding.place_lists import listed_with
from extract.coding.places import find_places
from extract.coding.reference import Reference
from extract.coding.sides import UNIDENTIFIED_GROUP, UNIDENTIFIED_MILITARY, Side, SideReader
from extract.coding.spellings import by_skeleton
from extract.coding.strikers import MODEL_NAME as STRIKERS
from extract.coding.strikers import Features as StrikerFeatures
from extract.coding.strikers import StrikerModel, striker_features, undecided, with_striker
from extract.coding.surroundings import around_city
from extract.coding.text import Span, sentences, stable_id, tokens
from extract.coding.where import Candidate, PlaceSelector, candidates

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan

MAX_ARTICLE_CHARS = 100_000
DEFAULT_THRESHOLD = 0.5
PLACE_THRESHOLD = 0.1
FINER_PLACE_FLOOR = 0.05
ARMED_TYPES = frozenset(
    {"State forces", "Rebel group", "Political militia", "Identity militia", "External/Other forces"}
)
HARM_TYPES = frozenset({"Explosions/Remote violence", "Violence against civilians"})
UNCLAIMED = frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"})


@dataclass
class ExtractionResult:
    """Everything one article gives the warehouse."""

    events: list[Event]
    actor_mentions: list[ActorMention]
    place_mentions: list[PlaceMention]
    truncated: bool = False
    entity_mentions: list[EntityMention] = field(default_factory=list)
    # what the cross-border model read of each event (in the order of ``events``): training data
    crossing_features: list[Features] = field(default_factory=list)
    # what the striker model read of each unattributed air strike (None for other events)
    striker_features: list[StrikerFeatures | None] = field(default_factory=list)


@dataclass
class _Prepared:
    """What an article gives before the parser runs: its sentences and reference mentions."""

    article: CleanArticle
    body: str
    toks: list[Any]
    actors: list[ActorMention]
    places: list[PlaceMention]
    spans: list[Span]
    anchor: date | None
    home: str | None
    context: tuple[str, str] | None
    decisions: list[Decision] = field(default_factory=list)
    chosen: list[tuple[int, Span, Decision]] = field(default_factory=list)


@dataclass
class Placing:
    """A sentence's ranked candidate places and the event's place among them."""

    ranked: list[tuple[float, Candidate]]
    local_places: list[PlaceMention]
    best: Candidate | None
    place: Place | None


@dataclass
class Engine:
    """The trained parts, loaded once per process."""

    model: SentenceModel
    selector: PlaceSelector
    threshold: float
    crossing: CrossingModel | None = None
    foes: dict[str, Foe] = field(default_factory=dict)
    more_places: MorePlaces = field(default_factory=lambda: MorePlaces(None))
    strikers: StrikerModel | None = None

    def code(self, article: CleanArticle, ref: Reference, budget_s: float = 5.0) -> ExtractionResult:
        """Every event in one cleaned article, with the actor and place mentions behind them."""
        return self.code_batch([article], ref, budget_s)[0]

    def code_batch(self, articles: list[CleanArticle], ref: Reference, budget_s: float = 5.0) -> list[ExtractionResult]:
        """:meth:`code` of each article, with the classifier and the parser run once over the
        whole batch (their cost is mostly per call, not per sentence). One article's result
        never depends on another's."""
        prepared = [self._prepare(article, ref) for article in articles]
        texts = [span.text for p in prepared for span in p.spans]
        decisions = iter(self.model.decide(texts))
        for p in prepared:
            p.decisions = [next(decisions) for _ in p.spans]
            p.chosen = [
                (i, s, d)
                for i, (s, d) in enumerate(zip(p.spans, p.decisions, strict=False))
                if d.event_probability >= self.threshold
            ]
        docs = iter(load_pipeline().pipe((s.text for p in prepared for _, s, _ in p.chosen), batch_size=64))
        results = []
        for p in prepared:
            parsed = [(index, span, decision, next(docs)) for index, span, decision in p.chosen]
            results.append(self._finish(p, parsed, ref, budget_s))
        return results

    def _prepare(self, article: CleanArticle, ref: Reference) -> _Prepared:
        body = article.body[:MAX_ARTICLE_CHARS]
        toks = tokens(body)
        actors = find_actors(body, toks, ref)
        shadow = without_possessive_s(body, ref)
        places = find_places(
            shadow,
            tokens(shadow) if shadow != body else toks,
            ref,
            blocked=[(a.char_start, a.char_end) for a in actors],
        )
        for place in places:
            place.text = body[place.char_start : place.char_end]
        spans = split_lead(sentences(body, frozenset(ref.rules["abbreviations"])), article.title)
        home = main_country(places)
        return _Prepared(
            article, body, toks, actors, places, spans, article_anchor(article, body), home, main_admin1(places, home)
        )

    def _finish(
        self, p: _Prepared, parsed: list[tuple[int, Span, Decision, Any]], ref: Reference, budget_s: float
    ) -> ExtractionResult:
        deadline = time.perf_counter() + budget_s
        truncated = len(p.article.body) > MAX_ARTICLE_CHARS
        self._context = p.context
        self._ref = ref
        drafts: list[Draft] = []
        for index, span, decision, doc in parsed:
            if time.perf_counter() > deadline:
                truncated = True
                break
            sent = doc[:]
            second = self._second_acts(sent, span, decision)
            aside = tuple((c.start, c.end) for _, c, _ in second)
            actors = [a for a in p.actors if not any(s <= a.char_start < e for s, e in aside)]
            places = [m for m in p.places if not any(s <= m.char_start < e for s, e in aside)]
            own = tuple((s - span.start, e - span.start) for s, e in aside)
            drafts.extend(self._drafts(sent, span, index, decision, actors, places, p.anchor, p.home, ref, drafts, own))
            for clause, clause_span, clause_decision in second:
                drafts.extend(
                    self._drafts(
                        clause, clause_span, index, clause_decision, p.actors, p.places, p.anchor, p.home, ref, drafts
                    )
                )
        drafts = _tolls_told_next([_told_next(d, p) for d in drafts], p)
        # ACLED codes no event without an actor: an act the sentence and the article leave with no
        # side at all (not even an unidentified one) is not coded
        # a battle's missing side: the article's foe of the side it names, else its usual foe
        lent = lend_usual_foes(battle_foe_from_article(merge(attribute_from_article(drafts))), self.foes, ref)
        lent = civilians_hit(lent)
        merged = [d for d in lent if d.actor1 is not None or d.actor2 is not None]
        crossed = [self._crossing(d, p, ref) for d in merged]
        finished = [d for d, _ in crossed]
        struck = [self._striker(d, finished, p, ref) for d in finished]
        events = [self._event(d, p.article, ref) for d, _ in struck]
        link_mentions(events, p.actors, p.places, p.article)
        event_sentences = [(e.char_start, e.char_end, e.event_id) for e in events if not (e.negated or e.hypothetical)]
        entities = find_entities(p.article, p.body, p.toks, p.spans, p.actors, p.places, ref, event_sentences)
        return ExtractionResult(
            events, p.actors, p.places, truncated, entities, [f for _, f in crossed], [f for _, f in struck]
        )

    def _striker(
        self, draft: Draft, drafts: list[Draft], p: _Prepared, ref: Reference
    ) -> tuple[Draft, StrikerFeatures | None]:
        """An air strike or shelling its sentence leaves unattributed takes the striker the trained
        model reads from the article (``strikers.py``); without the model the rules' side stands."""
        if not undecided(draft):
            return draft, None
        features = striker_features(draft, drafts, p.body, p.actors, ref)
        if self.strikers is None:
            return draft, features
        label, _ = self.strikers.choose(draft.sub_event_type, features)
        return with_striker(draft, label, ref), features

    def _crossing(self, draft: Draft, p: _Prepared, ref: Reference) -> tuple[Draft, Features]:
        """The merged event's cross-border flag: the trained model reads the rules' verdict on the
        event as merged (its sides may come from other sentences) beside what its sentences said."""
        target = draft.place.country_code if draft.place else None
        span = draft.sentence
        local = [m for m in p.places if span.start <= m.char_start and m.char_end <= span.end]
        features, verdict = crossing_features(
            draft.actor1, target, p.home, local, span.text, draft.sub_event_type, ref, draft.cross_border
        )
        drafted = (draft.cross_border, draft.origin_country)
        crossed, origin = decide(self.crossing, features, verdict, drafted, draft.actor1, target)
        return dataclasses.replace(draft, cross_border=crossed, origin_country=origin), features

    # -- one sentence -----------------------------------------------------------------------
    def _second_acts(self, sent: DocSpan, span: Span, decision: Decision) -> list[tuple[DocSpan, Span, Decision]]:
        """Other clauses of the sentence that the sentence model, reading each alone, takes for an
        act of their own ("... retook Baaj as Iraqi troops fought IS in Mosul"): each is coded
        apart, with the clause as its evidence, and the main act keeps its own clause's sides and
        places. Reports of one act told twice are merged later like any two sentences."""
        clauses = other_clauses(sent, pick_trigger(sent, decision.label))
        if not clauses:
            return []
        found = []
        for clause, read in zip(clauses, self.model.decide([c.text for c in clauses]), strict=True):
            if read.event_probability < self.threshold or not has_trigger(clause, read.label):
                continue
            start = span.start + clause.start_char
            found.append((clause, Span(clause.text, start, start + len(clause.text)), read))
        return found

    def _drafts(
        self,
        sent: DocSpan,
        span: Span,
        index: int,
        decision: Decision,
        actors: list[ActorMention],
        places: list[PlaceMention],
        anchor: date | None,
        home: str | None,
        ref: Reference,
        earlier: list[Draft],
        aside: tuple[tuple[int, int], ...] = (),
    ) -> list[Draft]:
        remote = decision.decided_by == "model" and remote_not_battle(sent, decision.label)
        relabel = decision.likeliest_in("Explosions/Remote violence") if remote else None
        if relabel is not None:
            probability = dict(decision.by_label)[relabel]
            decision = dataclasses.replace(
                decision, label=relabel, probability=probability, decided_by="rule:act words"
            )
        trigger = pick_trigger(sent, decision.label)
        local_places = [_shift(p, span.start) for p in places if span.start <= p.char_start and p.char_end <= span.end]
        local_actors = [_shift(a, span.start) for a in actors if span.start <= a.char_start and a.char_end <= span.end]
        placing = self.placing(sent, trigger, local_places, local_actors, home, aside)
        local_places, best, place = placing.local_places, placing.best, placing.place
        extra: list[Place] = []
        if best is not None and place is not None:
            extra = [
                p
                for p, features in self.other_places(sent, placing, home)
                if self.more_places.is_event_place(features) and p.key != place.key
            ]
        if place is None:
            place = _fallback_place(local_places, earlier, index, places, home)
        country = place.country_code if place else home
        reader = SideReader(sent, local_actors, ref, country, local_places)
        actor1, actor2, directional = (
            reader.sides(trigger, decision.label) if trigger is not None else (None, None, True)
        )
        if (
            decision.label in {"Armed clash", "Shelling/artillery/missile attack"}
            and trigger is not None
            and aircraft_doers().search(reader.acting_words(trigger))
        ):
            # "the army's air force hit ISIL gatherings": what flies strikes from the air
            decision = dataclasses.replace(decision, label="Air/drone strike", decided_by="rule:aircraft acted")
        if actor1 is None:
            actor1 = _inherited_actor(earlier, index, decision.label, actor2)
        if best is not None and place is not None:
            place = around_city(place, sent.text, best.start, best.end)
        if best is not None and place is not None and home_forces_abroad(place, actor1, home, local_places, sent.text):
            # "the Syrian army clashed with terrorists in Rabia": a force's act abroad that the
            # sentence never says crossed a border is at a namesake in its own country
            place = self._place(best, local_places, actor1.country_code if actor1 else home, sent.text, namesake=True)
        if actor1 is None and decision.label in UNCLAIMED | {"Shelling/artillery/missile attack"}:
            actor1 = Side(UNIDENTIFIED_GROUP, None, "Political militia", "", 0, 0, "default")
        elif actor1 is None and decision.label == "Air/drone strike":
            actor1 = Side(UNIDENTIFIED_MILITARY, None, "State forces", "", 0, 0, "default")
        if decision.label == "Attack" and actor2 is not None and actor2.actor_type in ARMED_TYPES:
            # ACLED: violence against civilians needs unarmed targets; an attack on armed men is a battle
            decision = dataclasses.replace(decision, label="Armed clash")
        if decision.label in TERRITORY and actor1 is not None:
            decision = dataclasses.replace(decision, label=territory_sub_type(actor1, ref))
        casualties = find_casualties(sent)
        if actor2 is None and SUB_EVENT_TYPES[decision.label] in HARM_TYPES and casualties.any():
            # people killed by a strike or a bomb with no side named are civilians (ACLED)
            actor2 = Side("Civilians", None, "Civilians", "", 0, 0, "default")
        date_found = find_date(span.text, anchor) or (DateFound("", anchor, 2, -1) if anchor else None)
        if date_found is not None and date_found.event_date is None and anchor is not None:
            date_found = DateFound(date_found.date_text, anchor, 2, date_found.start)
        verdict = rule_verdict(
            actor1, place.country_code if place else None, local_places, sent.text, decision.label, ref
        )
        negated, hypothetical = modality(trigger)
        draft = Draft(
            span,
            index,
            decision,
            actor1,
            actor2,
            directional,
            place,
            date_found,
            casualties,
            verdict.crossed,
            verdict.origin,
            negated,
            hypothetical,
        )
        more = [dataclasses.replace(draft, place=p, casualties=Casualties()) for p in extra]
        return [draft, *more]

    def placing(
        self,
        sent: DocSpan,
        trigger: Any,
        local_places: list[PlaceMention],
        local_actors: list[ActorMention],
        home: str | None,
        aside: tuple[tuple[int, int], ...] = (),
    ) -> Placing:
        """The sentence's candidate places, ranked by the selector, and the event's place among
        them (``best`` is None when none scores high enough). Places in ``aside`` (character
        ranges of the sentence) belong to another act told in the same sentence."""
        found = candidates(
            sent,
            trigger,
            [p for p in local_places if p.role != "context"],
            [(a.char_start, a.char_end) for a in local_actors],
        )
        found = [c for c in found if not any(start <= c.start < end for start, end in aside)]
        # a gazetteer reading inside a listed name ("Hamra" of "Kafar Hamra") says nothing of the province
        local_places = [
            p
            for p in local_places
            if not any(c.source == "list" and c.start <= p.char_start and p.char_end <= c.end for c in found)
        ]
        scores = self.selector.scores(found)
        ranked = _finest_first(sorted(zip(scores, found, strict=False), key=lambda sc: -sc[0]))
        if not ranked or ranked[0][0] < PLACE_THRESHOLD:
            return Placing(ranked, local_places, None, None)
        best = ranked[0][1]
        return Placing(ranked, local_places, best, self._place(best, local_places, home, sent.text))

    def other_places(self, sent: DocSpan, placing: Placing, home: str | None) -> list[tuple[Place, dict[str, Any]]]:
        """Each other place the sentence names (not a country or province), with what the
        more-places model reads of it."""
        best, place = placing.best, placing.place
        if best is None or place is None:
            return []
        others = [(s, c) for s, c in placing.ranked[1:] if c.features.get("kind=place")]
        listed = listed_with(sent, best, [c for _, c in others])
        out = []
        for score, other in others:
            where = self._place(other, placing.local_places, home, sent.text)
            same = None if not where.admin1_code or not place.admin1_code else where.admin1_code == place.admin1_code
            out.append((where, relation_features(sent, best, other, score, other in listed, same)))
        return out

    def _place(
        self,
        candidate: Candidate,
        local_places: list[PlaceMention],
        home: str | None,
        text: str,
        namesake: bool = False,
    ) -> Place:
        mention = candidate.mention
        container = put_elsewhere(mention, local_places, text) if mention is not None else None
        if mention is not None and (namesake or container or foreign_namesake(mention, local_places, home)):
            mention = None
        if mention is not None:
            precision = 2 if candidate.features.get("near") and mention.geo_precision == 1 else mention.geo_precision
            return Place.of_mention(mention, precision)
        outside = [p for p in local_places if p.char_end <= candidate.start or candidate.end <= p.char_start]
        if container is not None:
            outside = [container]
        provinces = [p for p in outside if p.feature_kind == "province"] or [
            p for p in outside if p.admin1_code and p.feature_kind != "country"
        ]
        countries = [p for p in local_places if p.feature_kind == "country"]
        # the nearest province the sentence names, one of the article's country first ("east of the
        # town of Rabia in Latakia": Latakia, not the Iraqi Rabia)
        province = (
            min(provinces, key=lambda p: (p.country_code != home, abs(p.char_start - candidate.start)))
            if provinces
            else None
        )
        country = province.country_code if province else countries[0].country_code if countries else home
        ref: Reference | None = getattr(self, "_ref", None)
        spelt = by_skeleton(candidate.text, country, ref) if ref and not (candidate.mention or container) else None
        if spelt is not None and (province is None or province.admin1_code == spelt.admin1_code):
            # "al-Zobdani": a place the gazetteer knows under another spelling
            return Place(
                spelt.name, candidate.text, spelt.admin1, spelt.admin1_code, spelt.country, spelt.country_code,
                spelt.latitude, spelt.longitude, 2 if candidate.features.get("near") else 1,
            )  # fmt: skip
        admin1, admin1_code = (province.admin1, province.admin1_code) if province else (None, None)
        context = getattr(self, "_context", None)
        if admin1_code is None and context is not None and context[1].startswith(f"{country}-"):
            admin1, admin1_code = context
        country_name = province.country if province else countries[0].country if countries else None
        return Place(
            candidate.text, candidate.text, admin1, admin1_code,
            country_name, country, None, None, 2 if candidate.features.get("near") else 1,
        )  # fmt: skip

    def _event(self, draft: Draft, article: CleanArticle, ref: Reference) -> Event:
        place = draft.place or Place(None, None, None, None, None, None, None, None, None)
        sub = draft.sub_event_type
        actor1, actor2 = draft.actor1, draft.actor2
        dated = draft.date
        c = draft.casualties
        return Event(
            event_id=stable_id(article.content_hash, sub, draft.sentence.start, place.key or ""),
            content_hash=article.content_hash,
            doc_id=article.doc_id,
            event_type=SUB_EVENT_TYPES[sub],
            sub_event_type=sub,
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
            event_date=dated.event_date if dated else None,
            date_text=(dated.date_text or None) if dated else None,
            time_precision=dated.time_precision if dated and dated.event_date else None,
            fatalities=c.fatalities,
            fatalities_low=c.fatalities_low,
            fatalities_high=c.fatalities_high,
            wounded=c.wounded,
            casualties_total=c.casualties_total,
            cross_border=draft.cross_border,
            origin_country=draft.origin_country,
            target_country=place.country_code if draft.cross_border else None,
            negated=draft.negated,
            hypothetical=draft.hypothetical,
            claimed=False,
            evidence=draft.sentence.text,
            char_start=draft.sentence.start,
            char_end=draft.sentence.end,
            confidence=round(draft.decision.probability * draft.decision.event_probability**0.5, 3),
            decided_by=draft.decision.decided_by,
            sides_from=f"{_side_source(actor1)}/{_side_source(actor2)}",
        )


_SIDE_SOURCES = {
    "default": "default",
    "article": "article",
    "corpus": "usual foe",
    "target words": "target words",
    "model": "model",
}


def _side_source(side: Side | None) -> str:
    """Where an event's side came from, for ``sides_from``: an analyst can set the inferred aside."""
    return "none" if side is None else _SIDE_SOURCES.get(side.resolution, "text")


_BACK_REFERENCE = re.compile(
    r"^\W*(?:the|this|that|these|those)\s+(?:\w+\s+){0,2}(?:shelling|attacks?|strikes?|raids?|bombings?|"
    r"bombardment|assault|offensive|operation|fighting|clashes|blasts?|explosions?)\b",
    re.IGNORECASE,
)


def _told_next(draft: Draft, p: _Prepared) -> Draft:
    """ "Militias launched an artillery attack into Syria. The shelling targeted the town of
    Sousa ...": when an act's place is no finer than a country or province and one of the next
    two sentences goes on about the same act ("The shelling ..."), the town that sentence names
    is where the act happened."""
    place = draft.place
    if place is not None and (place.geo_precision or 9) < 3 and place.location != place.country:
        return draft
    for span in p.spans[draft.index + 1 : draft.index + 3]:
        if not _BACK_REFERENCE.match(span.text):
            continue
        for m in p.places:
            if not (span.start <= m.char_start < span.end) or m.feature_kind in {"country", "province"}:
                continue
            if m.role != "location" or (place is not None and place.country_code not in {None, m.country_code}):
                continue
            if place is not None and place.admin1_code and m.admin1_code and place.admin1_code != m.admin1_code:
                continue
            return dataclasses.replace(draft, place=Place.of_mention(m))
    return draft


# a sentence that only gives a toll: "The attack left 12 people killed", "At least 25 ISIL
# terrorists were killed ...", "Operations on Monday left more than 45 IS members dead"
_TOLL_LEAD = re.compile(
    r"^\W*(?:(?:at least|more than|over|some|about|nearly|around|up to)\s+)?(?:\d+|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds)\b|^\W*(?:the\s+|this\s+|these\s+)?(?:\w+\s+){0,2}"
    r"(?:operations?|attacks?|shelling|strikes?|raids?|bombings?|bombardment|assault|offensive|blasts?|explosions?|"
    r"clashes|fighting)\b",
    re.IGNORECASE,
)
_TOLL_WORDS = re.compile(r"\b(?:killed|killing|dead|died|deaths?|death toll|lives)\b", re.IGNORECASE)


def _tolls_told_next(drafts: list[Draft], p: _Prepared) -> list[Draft]:
    """ "The attack was foiled. ... The attack left 12 people killed.": an act whose sentence gives
    no toll takes the toll of the next sentence (or the one after) when that sentence is no
    report of an act of its own and only goes on about this one, by a back-reference ("The
    attack", "Operations on Monday") or by opening with the figure ("At least 25 ISIL terrorists
    were killed ...")."""
    drafted = {d.index for d in drafts}
    wanted: dict[int, list[int]] = {}
    for k, draft in enumerate(drafts):
        if draft.casualties.fatalities is not None or draft.casualties.casualties_total is not None:
            continue
        for index in (draft.index + 1, draft.index + 2):
            if index in drafted or index >= len(p.spans):
                break  # the next report of an act tells its own toll
            text = p.spans[index].text
            if _TOLL_LEAD.match(text) and _TOLL_WORDS.search(text):
                wanted.setdefault(index, []).append(k)
                break
    if not wanted:
        return drafts
    out = list(drafts)
    docs = load_pipeline().pipe(p.spans[i].text for i in wanted)
    for index, doc in zip(wanted, docs, strict=True):
        toll = find_casualties(doc[:])
        if toll.fatalities is None:
            continue
        for k in wanted[index]:
            casualties = dataclasses.replace(out[k].casualties)
            casualties.merge(toll)
            out[k] = dataclasses.replace(out[k], casualties=casualties)
    return out


def _finest_first(ranked: list[tuple[float, Candidate]]) -> list[tuple[float, Candidate]]:
    """ACLED codes the finest place the text gives: when the selector's choice is a country
    ("in Syria's northwestern Idlib province") and the sentence also names a province or a place
    that is not where the fire came from, that one leads."""
    if not ranked or not ranked[0][1].features.get("kind=country") or ranked[0][0] < PLACE_THRESHOLD:
        return ranked
    finer = [
        (s, c)
        for s, c in ranked[1:]
        if not c.features.get("kind=country") and not c.features.get("origin_prep") and s >= FINER_PLACE_FLOOR
    ]
    if not finer:
        return ranked
    lead = finer[0]
    return [(ranked[0][0], lead[1]), *[(s, c) for s, c in ranked if c is not lead[1]]]


def _shift(mention: Any, offset: int) -> Any:
    return dataclasses.replace(mention, char_start=mention.char_start - offset, char_end=mention.char_end - offset)


def _inherited_actor(earlier: list[Draft], index: int, label: str, actor2: Side | None) -> Side | None:
    """A sentence that names no acting side ("his forces also fired rockets") continues the act
    told just before it (two sentences back at most), when that act was of the same event type."""
    for draft in reversed(earlier):
        if index - draft.index > 2:
            return None
        if (
            draft.actor1 is not None
            and draft.actor1.resolution != "default"
            and SUB_EVENT_TYPES[draft.sub_event_type] == SUB_EVENT_TYPES[label]
        ) and (actor2 is None or draft.actor1.family != actor2.family):
            return draft.actor1
    return None


def _fallback_place(
    local: list[PlaceMention], earlier: list[Draft], index: int, places: list[PlaceMention], home: str | None
) -> Place | None:
    """No place in the sentence: a province or country it names, else the place of the act told
    just before (two sentences back at most), else the place the article is about."""
    for kind in ("province", "country"):
        found = [p for p in local if p.feature_kind == kind and p.role == "location"]
        if found:
            return Place.of_mention(found[0], 3)
    previous = next((d for d in reversed(earlier) if d.place is not None and index - d.index <= 2), None)
    if previous is not None:
        return previous.place
    focus = main_place(places, home)
    # inferred from the article, not read in the sentence: never coded as the exact spot
    return Place.of_mention(focus, max(focus.geo_precision, 2)) if focus is not None else None


def link_mentions(
    events: list[Event], actors: list[ActorMention], places: list[PlaceMention], article: CleanArticle
) -> None:
    """Give every mention its id and, where it lies in an event's evidence sentence, that
    event's id."""
    spans = [(e.char_start, e.char_end, e.event_id) for e in events]
    for kind, mentions in (("actor", actors), ("place", places)):
        for mention in mentions:
            mention.mention_id = stable_id(article.content_hash, kind, mention.char_start, mention.char_end)
            mention.content_hash, mention.doc_id = article.content_hash, article.doc_id
            if kind == "actor" and getattr(mention, "actor", None) == STATE:
                continue
            mention.event_id = next(
                (eid for s, e, eid in spans if s <= mention.char_start and mention.char_end <= e), None
            )


@lru_cache(maxsize=4)
def load_engine(model_dir: Path | None = None) -> Engine:
    """The engine with its trained parts from ``model_dir`` (default: the committed models)."""
    import joblib

    folder = model_dir or MODEL_DIR
    model = SentenceModel.load(folder / "sub_event_type.joblib")
    selector_path = folder / "place_selector.joblib"
    selector = PlaceSelector(joblib.load(selector_path)["pipeline"] if selector_path.exists() else None)
    threshold = float(model.card.get("event_threshold", DEFAULT_THRESHOLD))
    foes = load_foes(folder / FOES_FILE)
    more = MorePlaces.load(folder / MORE_PLACES)
    crossing = CrossingModel.load(folder / CROSSING_MODEL)
    return Engine(model, selector, threshold, crossing, foes, more, StrikerModel.load(folder / STRIKERS))


def current_engine() -> Engine:
    """The engine of this environment: the models of ``CONFLICT_MODEL``, else the committed ones."""
    from extract import settings

    return load_engine(settings.current().model_dir)


def engine_fingerprint(model_dir: Path | None = None) -> str:
    """A hash of the model files, so that a retrained model re-extracts every article."""
    import hashlib

    folder = model_dir or MODEL_DIR
    digest = hashlib.sha256()
    for name in ("sub_event_type.joblib", "place_selector.joblib", CROSSING_MODEL, FOES_FILE):
        path = folder / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
