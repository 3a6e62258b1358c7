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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In early October four suicide bombers blew themselves up in the market.", date(2017, 10, 1)),
        ("Rebels have held the town since March, the monitor said.", date(2017, 3, 1)),
        ("Jets struck the village in December, residents said.", date(2016, 12, 1)),
    ],
)
def test_a_month_named_alone_dates_the_act_to_that_month(text, expected):
    """ "In early October" in a paper of 11 October 2017 is October 2017, month precision; a
    month after the paper's is the year before."""
    from extract.coding.dates import find_date

    found = find_date(text, date(2017, 10, 11))
    assert found is not None and (found.event_date, found.time_precision) == (expected, 3)


def test_the_verb_may_is_no_month():
    from extract.coding.dates import find_date

    assert find_date("The army may retake the town within days.", date(2017, 10, 11)) is None


def test_a_lead_run_together_is_cut_into_headline_dateline_and_sentence():
    """ "<headline> AP Friday 6 Oct 2017 <first sentence>": the dateline is neither the headline's
    nor the sentence's, so the sentence is read without a date it does not give."""
    from extract.coding.leads import split_lead
    from extract.coding.text import Span

    title = "Monitors 15 killed in missile strike on eastern city"
    text = f"{title} AP Friday 6 Oct 2017 Activists say 15 civilians have been killed when a missile hit a school."
    pieces = [s.text for s in split_lead([Span(text, 0, len(text))], title)]
    assert pieces == [
        title,
        "AP Friday 6 Oct 2017",
        "Activists say 15 civilians have been killed when a missile hit a school.",
    ]


def test_a_first_sentence_opening_with_its_date_keeps_it():
    """ "On 3 May 2021, a suicide bomber ...": the date is the sentence's own, not a dateline."""
    from extract.coding.leads import split_lead
    from extract.coding.text import Span

    text = "On 3 May 2021, a suicide bomber blew himself up at a checkpoint in the town."
    assert [s.text for s in split_lead([Span(text, 0, len(text))], None)] == [text]
