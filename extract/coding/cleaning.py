"""Clean article text: remove web boilerplate, find title, dateline and publication date.

What is removed is kept (kind and text) so that an analyst can check the cleaner. The patterns
live in ``seeds/reference/extraction_rules.yml`` under ``boilerplate``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from extract.coding.dates import plausible
from extract.coding.models import Article, CleanArticle
from extract.coding.reference import Reference, load_reference

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_HEADER_DATE = re.compile(rf"(?P<month>{_MONTHS}) (?P<day>\d{{1,2}}),? (?P<year>\d{{4}})", re.IGNORECASE)


@dataclass(frozen=True)
class _Rules:
    lines: tuple[tuple[str, re.Pattern[str]], ...]
    caption: re.Pattern[str]
    tail_after: re.Pattern[str]
    dateline: re.Pattern[str]


@lru_cache(maxsize=4)
def _rules(reference: Reference) -> _Rules:
    spec = reference.rules["boilerplate"]
    return _Rules(
        lines=tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in spec["line"].items()),
        caption=re.compile(spec["caption"]),
        tail_after=re.compile(spec["tail_after"], re.IGNORECASE),
        dateline=re.compile(spec["dateline"]),
    )


def clean_article(article: Article, reference: Reference | None = None) -> CleanArticle:
    """The cleaned form of one article (pure function of its text and metadata)."""
    rules = _rules(reference or load_reference())
    removed: list[dict[str, str]] = []
    paragraphs = [
        " ".join(line.split()) for line in article.text.replace("\r\n", "\n").replace("\xa0", " ").split("\n")
    ]
    paragraphs = [p for p in paragraphs if p]

    kept: list[str] = []
    header_date: date | None = None
    for index, paragraph in enumerate(paragraphs):
        if rules.tail_after.match(paragraph):
            removed.extend({"kind": "teaser", "text": rest} for rest in paragraphs[index:])
            break
        kind = next((name for name, pattern in rules.lines if pattern.match(paragraph)), None)
        if kind:
            if kind == "page_header_date" and header_date is None:
                header_date = _header_date(paragraph)
            removed.append({"kind": kind, "text": paragraph})
            continue
        if rules.caption.search(paragraph):
            removed.append({"kind": "caption", "text": paragraph})
            continue
        kept.append(paragraph)

    title = article.title
    if title is None and kept and _looks_like_headline(kept[0]):
        title = kept.pop(0)
    kept = _drop_repeats(kept, title, removed)

    dateline_place = dateline_date = dateline_agency = None
    for index, paragraph in enumerate(kept[:3]):
        match = rules.dateline.match(paragraph)
        if match and (match.group("place").isupper() or match.group("sep") or match.group("broken")):
            dateline_place = (
                match.group("place").strip().title() if match.group("place").isupper() else match.group("place").strip()
            )
            dateline_date, dateline_agency = match.group("date"), match.group("agency")
            removed.append({"kind": "dateline", "text": match.group(0).strip()})
            kept[index] = paragraph[match.end() :]
            if index > 0 and kept[index] == kept[index - 1]:
                removed.append({"kind": "repeated", "text": kept[index]})
                kept.pop(index)
            break

    published_at, published_source, confidence = _publication_date(article, dateline_date, header_date)
    body = "\n\n".join(([title] if title else []) + kept)
    return CleanArticle(
        content_hash=article.content_hash,
        doc_id=article.doc_id,
        title=title,
        body=body,
        published_at=published_at,
        published_at_source=published_source,
        date_confidence=confidence,
        dateline_place=dateline_place,
        dateline_date_text=dateline_date,
        dateline_agency=dateline_agency,
        removed=removed,
    )


def _looks_like_headline(paragraph: str) -> bool:
    """A first line that is short and does not end like a sentence is the title."""
    return len(paragraph) <= 200 and not paragraph.rstrip().endswith((".", "!", "?", ":", ",", ";"))


def _drop_repeats(paragraphs: list[str], title: str | None, removed: list[dict[str, str]]) -> list[str]:
    """Remove the title repeated in the body, captions shown twice in a row, and later copies."""
    result: list[str] = []
    seen: set[str] = set()
    for index, paragraph in enumerate(paragraphs):
        if title and paragraph == title:
            removed.append({"kind": "repeated_title", "text": paragraph})
            continue
        doubled_next = index + 1 < len(paragraphs) and paragraphs[index + 1] == paragraph
        doubled_prev = index > 0 and paragraphs[index - 1] == paragraph
        if doubled_next or doubled_prev:
            removed.append({"kind": "caption", "text": paragraph})
            continue
        if paragraph in seen:
            removed.append({"kind": "repeated", "text": paragraph})
            continue
        seen.add(paragraph)
        result.append(paragraph)
    return result


def _header_date(line: str) -> date | None:
    match = _HEADER_DATE.search(line)
    if not match:
        return None
    try:
        return datetime.strptime(f"{match['month']} {match['day']} {match['year']}", "%B %d %Y").date()
    except ValueError:
        return None


def _publication_date(
    article: Article, dateline_date: str | None, header_date: date | None
) -> tuple[date | None, str | None, str | None]:
    """Metadata first, then a dateline with a year, then a page-header date as a low guess."""
    if article.published_at:
        return article.published_at, "metadata", "high"
    if dateline_date:
        for fmt in ("%b %d, %Y", "%B %d, %Y", "%b. %d, %Y"):
            try:
                found = datetime.strptime(dateline_date, fmt).date()
            except ValueError:
                continue
            if plausible(found):
                return found, "dateline", "medium"
    if header_date and plausible(header_date):
        return header_date, "page_header", "low"
    return None, None, None
