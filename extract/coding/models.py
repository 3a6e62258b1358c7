"""Records passed between loading, cleaning and extraction.

They are plain dataclasses so that every stage can be tested without a database, and so that
the column order of the warehouse tables is written down once, here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any


@dataclass
class ArticleFile:
    """One place an article was found: a file, or a record inside a file."""

    path: str
    line: int | None
    doc_id: str
    source: str | None
    format: str
    loaded_at: datetime


@dataclass
class Article:
    """A distinct article text, with every name it was found under."""

    content_hash: str
    doc_id: str
    text: str
    format: str
    title: str | None = None
    published_at: date | None = None
    url: str | None = None
    source: str | None = None
    encoding: str = "utf-8"
    files: list[ArticleFile] = field(default_factory=list)


@dataclass
class Rejection:
    """An input that could not be loaded, with a one-line reason that says what to do."""

    path: str
    line: int | None
    reason: str
    first_bytes: str
    rejected_at: datetime


@dataclass
class CleanArticle:
    """An article after boilerplate removal; extraction offsets point into ``body``."""

    content_hash: str
    doc_id: str
    title: str | None
    body: str
    published_at: date | None
    published_at_source: str | None
    date_confidence: str | None
    dateline_place: str | None
    dateline_date_text: str | None
    dateline_agency: str | None
    removed: list[dict[str, str]] = field(default_factory=list)


@dataclass
class ActorMention:
    """A span of text naming an actor, resolved to the canonical actor."""

    actor: str
    actor_parent: str | None
    actor_type: str
    text: str
    char_start: int
    char_end: int
    resolution: str
    country_code: str | None = None
    mention_id: str = ""
    content_hash: str = ""
    doc_id: str = ""
    event_id: str | None = None

    @property
    def family(self) -> str:
        """The top-level actor: factions count for their parent when events are compared."""
        return self.actor_parent or self.actor


@dataclass
class PlaceMention:
    """A span of text naming a place from the gazetteer, with its role in the sentence."""

    place_id: str
    location: str
    text: str
    feature_kind: str
    admin1: str | None
    admin1_code: str | None
    country: str | None
    country_code: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    role: str
    char_start: int
    char_end: int
    mention_id: str = ""
    content_hash: str = ""
    doc_id: str = ""
    event_id: str | None = None


@dataclass
class EntityMention:
    """A named entity in an article (person, organisation, armed group or place), with what the
    text says about it: title and affiliation, whether it is quoted, what happened to it."""

    entity_type: str  # person, organisation, armed_group, place
    text: str  # as written
    name: str  # fullest form the article gives ("Muslih" -> "Qassem Muslih")
    entity_key: str  # folded name that groups mentions of one entity across articles
    char_start: int | None  # offsets into clean.articles.body; null for the dateline agency
    char_end: int | None
    sentence: str | None
    evidence: str  # how it was recognised: dictionary, title, apposition, kunya, speech, ...
    subtype: str | None = None  # actor type, feature kind, or organisation kind (monitor, media, ...)
    canonical: str | None = None  # the reference entity (actors.csv, places.csv, organisations.csv)
    title: str | None = None  # as written: "Commander", "spokesman", "Prime Minister"
    role: str | None = None  # normalised: commander, spokesperson, head of government, ...
    affiliation: str | None = None  # canonical actor, organisation or country the title belongs to
    affiliation_text: str | None = None
    affiliation_source: str | None = None  # text (said in the sentence) or context (inferred)
    speech_role: str | None = None  # quoted (said, told) or credited (according to, statement by)
    fate: str | None = None  # killed, captured, wounded
    candidate: str | None = None  # actor or place: looks like one, but is not in the reference data
    mention_id: str = ""
    content_hash: str = ""
    doc_id: str = ""
    event_id: str | None = None


@dataclass
class Event:
    """One coded event. Field names and order are those of ``extracted.events`` and the CLI."""

    event_id: str
    content_hash: str
    doc_id: str
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor1_parent: str | None = None
    actor1_type: str | None = None
    actor2: str | None = None
    actor2_parent: str | None = None
    actor2_type: str | None = None
    location: str | None = None
    location_text: str | None = None
    admin1: str | None = None
    admin1_code: str | None = None
    country: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    event_date: date | None = None
    date_text: str | None = None
    time_precision: int | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    wounded: int | None = None
    casualties_total: int | None = None
    cross_border: bool = False
    origin_country: str | None = None
    target_country: str | None = None
    negated: bool = False
    hypothetical: bool = False
    claimed: bool = False
    evidence: str = ""
    char_start: int = 0
    char_end: int = 0
    confidence: float = 0.0
    decided_by: str = ""  # what chose the sub-type: model, or override:<rule>
    sides_from: str = ""  # where actor1/actor2 came from: text, default, article, usual foe, target words, model, none


def column_names(record_type: type) -> list[str]:
    """Column names of a record type, in declaration order (the table layout)."""
    return [f.name for f in fields(record_type)]


def as_row(record: Any, columns: list[str]) -> tuple[Any, ...]:
    """The values of ``record`` in table column order."""
    return tuple(getattr(record, name) for name in columns)
