"""Event dates: explicit dates, weekdays and relative words resolved against an anchor.

The anchor is the publication date when it is known with some confidence (metadata or a
dated dateline). A page-header date, often the day the page was saved, is never an anchor,
and with no anchor a weekday stays text: a date is never invented.
Time precision follows ACLED: 1 day, 2 week, 3 month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ALT = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_EXPLICIT = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_ALT})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_ALT})(?:,?\s+(?P<y2>(?:19|20)\d\d))?)\b",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(rf"\b(?:in\s+)?(?P<m>{_MONTH_ALT})\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)
# "in early October", "since March": a month named alone (capitalised, so the verb "may" is not
# May), in the anchor's year or the year before
_MONTH_ALONE = re.compile(
    r"\b(?i:in|during|since|throughout|by|until)\s+(?:(?i:early|late|mid)-?\s*)?"
    r"(?P<m>January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"(?!\s*(?:\d|,\s*\d))"
)
_WEEKDAY = re.compile(
    rf"\b(?:(?:late|early|on|last)\s+)?(?P<w>{'|'.join(_WEEKDAYS)})(?:\s+(?:night|morning|evening|afternoon))?\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(?P<r>yesterday|today|last night|this morning|tonight|last week|this week|earlier this week|recent days|last month|this month|earlier this month)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateFound:
    date_text: str
    event_date: date | None
    time_precision: int | None
    start: int


EARLIEST = date(1900, 1, 1)


def latest_plausible() -> date:
    """Tomorrow (UTC): the latest date a news report can carry."""
    return datetime.now(timezone.utc).date() + timedelta(days=1)


def plausible(value: date | None) -> bool:
    """A date a news report can carry: from 1900 to tomorrow (UTC). "Dec. 31, 9999" in a
    dateline or in metadata is a typo or a probe, and one such date would stretch every daily
    mart to the year 9999. The loader and the cleaner use this one range."""
    return value is not None and EARLIEST <= value <= latest_plausible()


@lru_cache(maxsize=8192)
def find_date(text: str, anchor: date | None) -> DateFound | None:
    """The first date expression in ``text``, resolved against ``anchor`` where possible.

    Cached: a sentence is searched once for each act it reports, and the result is immutable."""
    candidates: list[DateFound] = []
    for match in _EXPLICIT.finditer(text):
        month = _month(match.group("m1") or match.group("m2"))
        day = int(match.group("d1") or match.group("d2"))
        year_text = match.group("y1") or match.group("y2")
        year = int(year_text) if year_text else _year_for(month, anchor)
        resolved = _safe_date(year, month, day) if year else None
        candidates.append(DateFound(match.group(0), resolved, 1 if resolved else None, match.start()))
    for match in _MONTH_YEAR.finditer(text):
        if any(c.start <= match.start("m") < c.start + len(c.date_text) for c in candidates):
            continue
        resolved = _safe_date(int(match.group("y")), _month(match.group("m")), 1)
        candidates.append(DateFound(match.group(0), resolved, 3 if resolved else None, match.start()))
    for match in _MONTH_ALONE.finditer(text):
        if any(c.start <= match.start("m") < c.start + len(c.date_text) for c in candidates):
            continue
        month = _month(match.group("m"))
        year = _year_for(month, anchor)
        resolved = _safe_date(year, month, 1) if year else None
        candidates.append(DateFound(match.group(0), resolved, 3 if resolved else None, match.start()))
    for match in _WEEKDAY.finditer(text):
        resolved = _previous_weekday(anchor, _WEEKDAYS.index(match.group("w").lower())) if anchor else None
        candidates.append(DateFound(match.group(0), resolved, 1 if resolved else None, match.start()))
    for match in _RELATIVE.finditer(text):
        candidates.append(_relative(match.group(0), match.group("r").lower(), anchor, match.start()))
    return min(candidates, key=lambda c: c.start) if candidates else None


def _month(text: str) -> int:
    key = text.lower()[:3]
    return next(i for i, name in enumerate(_MONTHS, start=1) if name.startswith(key))


def _year_for(month: int, anchor: date | None) -> int | None:
    """A month without a year belongs to the anchor's year, or the year before if later."""
    if anchor is None:
        return None
    return anchor.year if month <= anchor.month else anchor.year - 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _previous_weekday(anchor: date, weekday: int) -> date:
    """The last such weekday on or before the anchor ("on Friday" in Saturday's paper)."""
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _relative(text: str, word: str, anchor: date | None, start: int) -> DateFound:
    if anchor is None:
        return DateFound(text, None, None, start)
    if word in {"yesterday", "last night"}:
        return DateFound(text, anchor - timedelta(days=1), 1, start)
    if word in {"today", "this morning", "tonight"}:
        return DateFound(text, anchor, 1, start)
    if word in {"last week"}:
        return DateFound(text, anchor - timedelta(days=7), 2, start)
    if word in {"this week", "earlier this week", "recent days"}:
        return DateFound(text, anchor, 2, start)
    if word == "last month":
        first = anchor.replace(day=1) - timedelta(days=1)
        return DateFound(text, first.replace(day=1), 3, start)
    return DateFound(text, anchor.replace(day=1), 3, start)
