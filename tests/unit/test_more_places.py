"""More places: one event per place an act hit, never one per place a sentence names. The
sentences are the team's; what is expected comes from reading them as an ACLED coder would."""

from datetime import date

import pytest

from extract.coding.article import code_article
from extract.coding.cleaning import clean_article
from extract.coding.models import Article
from extract.coding.more_places import MorePlaces, relation_features
from extract.coding.nlp import load_pipeline
from extract.coding.text import content_hash
from extract.coding.where import Candidate


def _places(text: str, reference) -> list[str]:
    article = Article(content_hash(text), "t", text, "jsonl", title="", published_at=date(2016, 5, 9))
    result = code_article(clean_article(article, reference), reference)
    return sorted(e.location_text or "" for e in result.events if not (e.negated or e.hypothetical))


def test_each_town_with_its_own_toll_is_an_event(reference):
    text = "Government air strikes killed 12 civilians in the town of Saraqeb and seven in the village of Binnish on Sunday."
    assert _places(text, reference) == ["Binnish", "Saraqeb"]


def test_a_town_named_with_its_countryside_is_one_event(reference):
    text = "Army helicopters dropped barrel bombs on the town of Kafr Nabl in the southern Idlib countryside on Monday."
    assert len(_places(text, reference)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Rebels shelled the quarter of Jamiat al-Zahra in western Aleppo on Sunday.",
        "The army advanced in the neighbourhood of Jobar eastern Damascus on Monday.",
    ],
)
def test_a_quarter_named_with_the_city_around_it_is_one_event(text, reference):
    """The rule the model replaced coded the city as a second event; the trained model does not."""
    assert len(_places(text, reference)) == 1


def test_where_fire_came_from_is_no_event_of_its_own(reference):
    text = "Rebels fired mortar shells from the Jobar district at the Abbasiyin square of Damascus on Monday."
    assert len(_places(text, reference)) == 1


def _candidate(text: str, name: str, source: str = "gazetteer") -> Candidate:
    start = text.index(name)
    return Candidate(name, start, start + len(name), source, None, {"kind=place": 1})


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_the_features_read_how_two_places_are_joined(nlp):
    text = "Strikes killed 12 people in Saraqeb and seven in Binnish while shells hit the al-Joura neighbourhood of Deir Ezzor."
    sent = nlp(text)[:]
    saraqeb, binnish = _candidate(text, "Saraqeb"), _candidate(text, "Binnish")
    joura, deir = _candidate(text, "al-Joura"), _candidate(text, "Deir Ezzor")
    listed = relation_features(sent, saraqeb, binnish, 0.4, listed=False, same_admin1=True)
    assert (listed["gap_and"], listed["own_figure"], listed["part_of"], listed["admin1=same"]) == (1, 1, 0, 1)
    quarter = relation_features(sent, joura, deir, 0.4, listed=False, same_admin1=None)
    assert (quarter["part_of"], quarter["gap_and"], quarter["admin1=unknown"]) == (1, 0, 1)


def test_without_a_model_the_rule_keeps_listed_places_of_one_province():
    rule = MorePlaces(None)
    assert rule.is_event_place({"listed": 1, "admin1=same": 1, "score": 0.1})
    assert not rule.is_event_place({"listed": 1, "admin1=other": 1, "score": 0.1})
    assert not rule.is_event_place({"listed": 1, "part_of": 1, "score": 0.9})
    assert not rule.is_event_place({"score": 0.2})


def test_a_model_decides_by_its_threshold():
    model = MorePlaces({"listed": 2.0, "part_of": -3.0}, intercept=-1.0, threshold=0.5)
    assert model.is_event_place({"listed": 1})
    assert not model.is_event_place({"listed": 1, "part_of": 1})
