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
