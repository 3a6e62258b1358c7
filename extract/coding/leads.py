"""The lead of an article: where its dateline ends and what day it speaks from.

Outlets write datelines in many forms ("Wed 05 Apr 2017", "Posted on April 4 2017", "21.08.2013"),
and some sources run the dateline, the headline and the first sentence together without
punctuation; these functions cut them apart and read the date, which anchors "on Monday".
"""

from __future__ import annotations

import re
from datetime import date

from extract.coding.models import CleanArticle
from extract.coding.text import Span

_MONTH = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"


# "Tuesday 19 Jul 2016 ...", and with the agency before it: "AFP Saturday 26 Jul 2014 At least 85 ..."
# (a capitalised word that is the agency, never the preposition of "On 3 May 2021, a bomber ...")
_LEADING_DATE = re.compile(
    r"^\s*(?-i:(?!(?:On|In|At|By|From|Since|Until|Before|After)\b)[A-Z][A-Za-z]{1,9}\s+)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(\d{1,2})\s+"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# Datelines as outlets write them: "Wed 05 Apr 2017", "Posted on April 4 2017", "Thu Sep 5 2013",
# "Last updated at Apr 232017", "21.08.2013", "13-08-2013"; the first one in the lead wins.


_DATELINE_DATES = [
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s*(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(?P<day>\d{1,2})[.\-/](?P<month>\d{1,2})[.\-/](?P<year>(?:19|20)\d\d)(?!\d)"),
]


_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def split_lead(spans: list[Span], title: str | None) -> list[Span]:
    """Cut a lead that runs a dateline, the headline and the first sentence together with no
    punctuation ("Tuesday 19 Jul 2016 US-led strikes kill 56 civilians in Syria Monitor AFP
    Children were among ..."): the date and a repeat of the title become their own spans, so
    the parser sees one sentence at a time."""
    out: list[Span] = []
    folded_title = " ".join(title.split()).lower() if title else ""
    for k, span in enumerate(spans):
        if k > 3:
            out.append(span)
            continue
        text, start = span.text, span.start
        match = _LEADING_DATE.match(text)
        if match and match.end() < len(text):
            cut = match.end() + (len(text[match.end() :]) - len(text[match.end() :].lstrip()))
            out.append(Span(text[: match.end()], start, start + match.end()))
            text, start = text[cut:], start + cut
        if folded_title and len(text) > len(folded_title) + 20 and text[: len(folded_title)].lower() == folded_title:
            cut = len(folded_title) + (len(text[len(folded_title) :]) - len(text[len(folded_title) :].lstrip()))
            out.append(Span(text[: len(folded_title)], start, start + len(folded_title)))
            text, start = text[cut:], start + cut
            match = _LEADING_DATE.match(text)  # the headline, then "AP Friday 6 Oct 2017", then the lead
            if match and match.end() < len(text):
                cut = match.end() + (len(text[match.end() :]) - len(text[match.end() :].lstrip()))
                out.append(Span(text[: match.end()], start, start + match.end()))
                text, start = text[cut:], start + cut
        out.append(Span(text, start, start + len(text)))
    return out


def dateline_date(lead: str) -> date | None:
    """The first full date written in an article's lead (its dateline), in any of the forms
    outlets use; ``None`` when the lead has none."""
    found: list[tuple[int, date]] = []
    for pattern in _DATELINE_DATES:
        for match in pattern.finditer(lead):
            groups = match.groupdict()
            month = _MONTHS.index(groups["mon"].lower()[:3]) + 1 if groups.get("mon") else int(groups["month"])
            try:
                found.append((match.start(), date(int(groups["year"]), month, int(groups["day"]))))
            except ValueError:
                continue
            break
    return min(found)[1] if found else None


def article_anchor(article: CleanArticle, body: str) -> date | None:
    """The day the article speaks from: a date in its dateline or lead ("Wed 05 Apr 2017",
    "AFP Tuesday 21 Jul 2015"), else the publication date when it is known with some confidence.
    The dateline wins because it is the article's own word; collected metadata is often the day
    a page was saved."""
    lead = body[len(article.title) :] if article.title and body.startswith(article.title) else body
    found = dateline_date(lead[:250])
    if found is not None:
        return found
    if article.date_confidence in {"high", "medium"}:
        return article.published_at
    return None
