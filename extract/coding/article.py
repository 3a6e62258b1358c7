"""One path for an article: clean it, code its events, find its entities, return one record.

The command line (``conflict-events extract``), the pipeline's workers and the tests all call
:func:`code_article`, so they can never disagree about what an article holds. What happens
inside is the coder's business (the trained engine of :mod:`extract.coding.engine`); callers see
only the article in and the :class:`ArticleRecord` out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from extract import settings
from extract.coding.cleaning import clean_article
from extract.coding.engine import ExtractionResult, current_engine
from extract.coding.models import ActorMention, Article, CleanArticle, EntityMention, Event, PlaceMention
from extract.coding.reference import Reference, load_reference

EXTRACTOR_VERSION = "2"


def extraction_fingerprint(reference: Reference) -> str:
    """What an article's extraction depends on: the reference data, the engine's models and its
    version. A change to any re-extracts every article on the next run."""
    import hashlib

    from extract.coding.engine import engine_fingerprint

    parts = (reference.fingerprint, engine_fingerprint(settings.current().model_dir), EXTRACTOR_VERSION)
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


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
    return code_articles([article], reference)[0]


def code_articles(
    articles: Iterable[Article | CleanArticle], reference: Reference | None = None
) -> list[ArticleRecord]:
    """:func:`code_article` of each article, in order; the engine runs its classifier and parser
    once over the whole list, which is much faster than article by article."""
    ref = reference or load_reference()
    cleaned = [a if isinstance(a, CleanArticle) else clean_article(a, ref) for a in articles]
    found = current_engine().code_batch(cleaned, ref, settings.current().article_budget_s)
    return [_record(article, result) for article, result in zip(cleaned, found, strict=False)]


def _record(cleaned: CleanArticle, found: ExtractionResult) -> ArticleRecord:
    return ArticleRecord(
        article=cleaned,
        events=found.events,
        actor_mentions=found.actor_mentions,
        place_mentions=found.place_mentions,
        entity_mentions=found.entity_mentions,
        truncated=found.truncated,
    )
