"""Run loading, cleaning and extraction on articles: the one path used by the CLI and Dagster."""

from __future__ import annotations

from dataclasses import dataclass

from extract.coding.cleaning import clean_article
from extract.coding.events import ExtractionResult, extract_article
from extract.coding.models import ActorMention, Article, CleanArticle, Event, PlaceMention
from extract.coding.reference import Reference, load_reference

EXTRACTOR_VERSION = "1"


@dataclass
class Processed:
    """Cleaning and extraction output for a batch of articles."""

    clean: list[CleanArticle]
    events: list[Event]
    actor_mentions: list[ActorMention]
    place_mentions: list[PlaceMention]


def process(articles: list[Article], reference: Reference | None = None) -> Processed:
    """Clean and extract every article; one article's output never depends on another's."""
    ref = reference or load_reference()
    out = Processed([], [], [], [])
    for article in articles:
        cleaned = clean_article(article, ref)
        result: ExtractionResult = extract_article(cleaned, ref)
        out.clean.append(cleaned)
        out.events.extend(result.events)
        out.actor_mentions.extend(result.actor_mentions)
        out.place_mentions.extend(result.place_mentions)
    return out
