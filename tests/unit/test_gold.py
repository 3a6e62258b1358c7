"""The extractor against the hand-coded gold events of the five sample articles."""

import pytest

from extract.coding.article import code_articles
from extract.loading.files import load_directory
from extract.tools.evaluation import evaluate, read_gold
from tests.support.paths import GOLD, SAMPLES


def _predictions(reference):
    records = code_articles(load_directory(SAMPLES).articles.values(), reference)
    return [event.__dict__ for record in records for event in record.events]


@pytest.mark.xfail(
    strict=True,
    reason="the goal of the engine issue: the learned engine finds 8 of the 9 seed events (Badr's nine villages northwest of Baaj are missed), precision 1.0",
)
def test_gold_f1_and_every_required_event_found(reference):
    result = evaluate(read_gold(GOLD), _predictions(reference), reference)
    assert result.missed == [], result.missed
    assert result.recall == 1.0
    assert result.f1 >= 0.9, result.as_dict()


def test_seed_gold_floor(reference):
    """What the engine reaches today on the seed gold, kept from getting worse (the goal is the
    test above)."""
    result = evaluate(read_gold(GOLD), _predictions(reference), reference)
    assert result.recall >= 0.85 and result.precision >= 0.9, result.as_dict()  # measured: 0.89 and 1.0


def test_matched_events_agree_on_the_fields_analysts_check(reference):
    agreement = evaluate(read_gold(GOLD), _predictions(reference), reference).field_agreement
    for name in ("country", "admin1", "cross_border", "origin_country", "casualties_total", "fatalities"):
        assert agreement[name] >= 0.9, (name, agreement)


def test_evaluation_counts_a_wrong_prediction_against_precision(reference):
    gold = read_gold(GOLD)
    predictions = _predictions(reference) + [
        {
            "doc_id": "004_34ccb137bf134dc0",
            "sub_event_type": "Suicide bomb",
            "actor1": "Islamic State",
            "country_code": "IQ",
        }
    ]
    result = evaluate(gold, predictions, reference)
    assert result.precision < 1.0 and result.unmatched_predictions[-1]["sub_event_type"] == "Suicide bomb"


def test_province_spellings_are_compared_through_the_gazetteer(reference):
    gold = [
        {
            "doc_id": "x",
            "required": "true",
            "sub_event_type": "Armed clash",
            "actor1": "Badr Organization",
            "actor2": "",
            "location": "Mosul",
            "admin1": "Ninawa",
            "country": "Iraq",
        }
    ]
    predicted = [
        {
            "doc_id": "x",
            "sub_event_type": "Armed clash",
            "actor1": "Popular Mobilization Forces",
            "location": "Mosul",
            "admin1_code": "IQ-NI",
            "country_code": "IQ",
        }
    ]
    assert evaluate(gold, predicted, reference).recall == 1.0
    predicted[0]["admin1_code"] = "IQ-AN"
    assert evaluate(gold, predicted, reference).recall == 0.0
