"""The number grammar: casualty figures tied to their words by the parse, never dates or units.

Sentences are written for these tests; none comes from the corpus."""

import pytest

from extract.coding.nlp import load_pipeline
from extract.coding.numbers import find_casualties


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize(
    ("sentence", "killed", "low", "high", "wounded"),
    [
        ("On 3 March 2019, a roadside bomb near Tikrit killed at least 11 people.", 11, 11, None, None),
        ("Nine policemen were killed by militants outside the station.", 9, 9, None, None),
        ("Gunmen stopped a shepherd near the village and shot him, killing him.", 1, 1, None, None),
        # a named person or one person the text points at is one
        ("Rebels shot dead Colonel Ahmed Khalil near Hama on Monday.", 1, 1, None, None),
        ("An air strike killed the commander of the brigade near the town.", 1, 1, None, None),
        ("The raid killed two dozen fighters and wounded 17 others.", 24, 24, None, 17),
        # a hyphenated number word is one number ("Seventy-six" is 76, not 6)
        ("Seventy-six people were killed when helicopters dropped barrel bombs.", 76, 76, None, None),
        ("Twenty-one civilians were killed and thirty-four wounded in the shelling.", 21, 21, None, 34),
        ("Four soldiers and three civilians were killed in the blast.", 7, 7, None, None),
        ("Dozens of villagers were killed when the shells landed.", 12, 12, None, None),
        ("The death toll from the market bombing rose to 38 on Tuesday.", 38, 38, None, None),
        ("Between 15 and 25 insurgents were killed in the fighting.", 15, 15, 25, None),
        ("The ambush left six dead and 14 injured.", 6, 6, None, 14),
        ("State television said 4 were killed, while activists put the toll at 9.", 4, 4, 9, None),
        ("Another farmer was killed and one was wounded in the shelling of Kafr Nabl.", 1, 1, None, 1),
        ("Five soldiers were said to be killed near the dam.", 5, 5, None, None),
        ("At least 8 fighters were reported killed in the clashes overnight.", 8, 8, None, None),
        ("The group released footage of the execution of 11 captives near the river.", 11, 11, None, None),
        # the dead have their own figure beside the wounded told with them
        ("The market was hit in a raid in which nine people died and 14 more were injured.", 9, 9, None, 14),
        # a further group of the same dead, "along with"
        ("Eleven children were killed along with four teachers when the school was bombed.", 15, 15, None, None),
        # the whole the parts "were among" is the toll
        ("Three women and a child were among 14 people killed when the rockets hit the camp.", 14, 14, None, None),
        # "the number of people killed ... has risen to 21"
        ("The number of people killed in the raid on the bakery has risen to 23, medics said.", 23, 23, None, None),
        # a part of the dead is never a second figure for the toll
        (
            "Fifteen civilians among them 11 children were killed in a barrel bomb attack on the market.",
            15,
            15,
            None,
            None,
        ),
        (
            "Three other militants one identified as a Tunisian were killed in an ambush near the village.",
            3,
            3,
            None,
            None,
        ),
        # the speaker of the report is not among the dead
        ("A car bomber killed at least 16 people in the market of the town, an official said.", 16, 16, None, None),
    ],
)
def test_figures(nlp, sentence, killed, low, high, wounded):
    found = find_casualties(nlp(sentence)[:])
    assert (found.fatalities, found.fatalities_low, found.fatalities_high, found.wounded) == (
        killed,
        low,
        high,
        wounded,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Brigade 16 fighters clashed with the group in 2017 near the river.",
        "The convoy was hit 30 km south of the city at 10:45 on 12 May 2018.",
        "A 14-year-old boy was arrested at the checkpoint.",
        "The offensive began in 2014 and its 3rd phase started in June.",
    ],
)
def test_no_people_in_dates_units_or_ages(nlp, sentence):
    found = find_casualties(nlp(sentence)[:])
    assert found.fatalities is None and found.wounded is None


def test_killed_and_wounded_told_as_one_figure(nlp):
    found = find_casualties(nlp("The patrol was ambushed, killing and injuring 14 of its men.")[:])
    assert (found.fatalities, found.wounded, found.casualties_total) == (None, None, 14)


def test_the_lead_report_s_toll_stands_when_reports_merge():
    """A lower figure in another sentence about the act ("eight of them children") leaves the
    lead report's toll as it is and only a higher one widens the range."""
    from extract.coding.numbers import Casualties

    lead = Casualties(fatalities=15, fatalities_low=15)
    lead.merge(Casualties(fatalities=8, fatalities_low=8))
    assert (lead.fatalities, lead.fatalities_low, lead.fatalities_high) == (15, 15, None)
    lead.merge(Casualties(fatalities=21, fatalities_low=21))
    assert (lead.fatalities, lead.fatalities_low, lead.fatalities_high) == (15, 15, 21)
    empty = Casualties()
    empty.merge(Casualties(fatalities=4, fatalities_low=4))
    assert (empty.fatalities, empty.fatalities_low) == (4, 4)
