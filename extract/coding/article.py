"""One path for an article: clean it, code its events, find its entities, return one record.

The command line (``conflict-events extract``), the pipeline's workers and the tests all call
:func:`code_article`, so they can never disagree about what an article holds. What happens
inside is the coder's business (today the rule-based extractor of :mod:`extract.coding.events`);
callers see only the article in and the :class:`ArticleRecord` out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from extract.coding.cleaning import clean_article
from extract.coding.events import extract_article
from extract.coding.models import ActorMention, Article, CleanArticle, EntityMention, Event, PlaceMention
from extract.coding.reference import Reference, load_reference

EXTRACTOR_VERSION = "1"


@dataclass
class ArticleRecord:
    """Everything coded from one article: its cleaned form, its events, and every actor, place
    and entity mention (offsets point into ``article.body``)."""

    article: CleanArticle
    events: list[Event] = field(default_factory=list)
    actor_mentions: list[ActorMention] = field(default_factory=list)
    place_mentions: list[PlaceMention] = field(default_factory=list)
    entity_mentions: list[EntityMention] = field(default_factory=list)
    truncated: bool = False  # the article hit the time or size budget; the rest was skipped

    @property
    def content_hash(self) -> str:
        return self.article.content_hash


def code_article(article: Article | CleanArticle, reference: Reference | None = None) -> ArticleRecord:
    """Clean ``article`` (unless it is already a :class:`CleanArticle`), code its events and find
    its entities. One article's record never depends on another article."""
    ref = reference or load_reference()
    cleaned = article if isinstance(article, CleanArticle) else clean_article(article, ref)
    found = extract_article(cleaned, ref)
    return ArticleRecord(
        article=cleaned,
        events=found.events,
        actor_mentions=found.actor_mentions,
        place_mentions=found.place_mentions,
        entity_mentions=found.entity_mentions,
        truncated=found.truncated,
    )


def code_articles(
    articles: Iterable[Article | CleanArticle], reference: Reference | None = None
) -> list[ArticleRecord]:
    """:func:`code_article` of each article, in order."""
    ref = reference or load_reference()
    return [code_article(article, ref) for article in articles]
