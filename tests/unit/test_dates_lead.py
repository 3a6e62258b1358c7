"""Datelines in the forms outlets write them: the day an article speaks from."""

from datetime import date

import pytest

from extract.coding.leads import dateline_date


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Wed 05 Apr 2017 Strikes hit the town", date(2017, 4, 5)),
        ("Posted on March 9 2016 by a correspondent", date(2016, 3, 9)),
        ("Last updated at Jun 142019 AMMAN Troops", date(2019, 6, 14)),
        ("02.11.2015Get short URL Shelling", date(2015, 11, 2)),
        ("30-01-2014 Clashes in the north", date(2014, 1, 30)),
        ("Bombs kill nine in the capital Monitor AFP Friday 8 Sept. 2017 At least", date(2017, 9, 8)),
        ("Sept. 5, 2019 - Police said", date(2019, 9, 5)),
    ],
)
def test_dateline_forms(lead, expected):
    assert dateline_date(lead) == expected


def test_no_date_and_impossible_dates():
    assert dateline_date("Clashes erupted in the north on Monday") is None
    assert dateline_date("31-02-2016 A report") is None


def test_an_implausible_dateline_year_dates_nothing(reference) -> None:
    """A dateline of the year 9999 is neither the publication date nor any event's date."""
    from extract.coding.article import code_article
    from extract.coding.cleaning import clean_article
    from extract.coding.models import Article
    from extract.coding.text import content_hash

    text = (
        "MOSUL, Dec. 31, 9999 (Reuters) - Islamic State militants shelled the town of Tal Afar on Monday, "
        "killing three civilians, police said."
    )
    article = Article(content_hash(text), "probe", text, "txt")
    assert clean_article(article, reference).published_at is None
    events = code_article(article, reference).events
    assert events, "the shelling is still an event"
    assert all(e.event_date is None or e.event_date.year < 9999 for e in events)
