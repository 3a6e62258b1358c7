"""Who flew an air strike its sentence does not attribute: the striker model reads the article.
Articles are written for the test; expected strikers are what an analyst reading them would code."""

from datetime import date

import pytest

from extract.coding.article import code_article
from extract.coding.cleaning import clean_article
from extract.coding.models import Article
from extract.coding.sides import UNIDENTIFIED_MILITARY
from extract.coding.text import content_hash
from extract.tools.strikers_training import FLOORS, MIN_EXAMPLES, choose_floor, fit_strikers, learnable


def strikes(text: str, reference) -> list:
    article = Article(content_hash(text), "t", text, "jsonl", title="", published_at=date(2016, 5, 9))
    events = code_article(clean_article(article, reference), reference).events
    return [e for e in events if e.sub_event_type == "Air/drone strike"]


def test_an_unattributed_strike_in_an_article_about_the_coalition_is_the_coalitions(reference):
    (strike,) = strikes(
        "The US-led coalition said it was pressing its campaign against Islamic State in Raqqa province. "
        "Air strikes killed 15 Islamic State fighters near Tabqa on Monday, the Syrian Observatory said.",
        reference,
    )
    assert (strike.actor1, strike.actor2) == ("US-led Coalition", "Islamic State")
    assert strike.sides_from.startswith("model/")


@pytest.mark.xfail(
    strict=True,
    reason="known limitation of the striker model: 'regime helicopters' in a sentence that is not itself coded "
    "is no actor mention, and the article rule's Unidentified default outweighs the cue words (0.53 against 0.31)",
)
def test_an_unattributed_strike_on_rebel_ground_in_an_article_about_barrel_bombs_is_the_regimes(reference):
    (strike,) = strikes(
        "Regime helicopters have dropped barrel bombs on rebel-held districts of Idlib for weeks. "
        "On Monday air strikes killed 15 people in the rebel-held town of Saraqeb, activists said.",
        reference,
    )
    assert strike.actor1 == "Syrian Government Forces"


def test_a_strike_the_article_names_no_striker_for_stays_unidentified(reference):
    (strike,) = strikes("Air strikes killed 15 people near Tabqa on Monday, a monitor said.", reference)
    assert strike.actor1 == UNIDENTIFIED_MILITARY


def test_a_striker_the_sentence_names_is_never_replaced(reference):
    (strike,) = strikes("Russian jets struck the town of Saraqeb on Monday, killing 15 people.", reference)
    assert strike.actor1 == "Russian Armed Forces" and strike.sides_from.startswith("text/")


def shellings(text: str, reference) -> list:
    article = Article(content_hash(text), "t", text, "jsonl", title="", published_at=date(2016, 5, 9))
    events = code_article(clean_article(article, reference), reference).events
    return [e for e in events if e.sub_event_type == "Shelling/artillery/missile attack"]


@pytest.mark.xfail(
    strict=True,
    reason="known limitation of the striker model: 'fired by terrorists' is left unattributed, and the shelling "
    "model reads Syrian Rebels (0.52) over Jaysh al-Islam (0.30), the bare rebels",
)
def test_terrorists_shelling_damascus_in_an_article_about_jaysh_al_islam_are_jaysh_al_islam(reference):
    found = shellings(
        "Jaysh al-Islam controls much of Eastern Ghouta, east of Damascus. On Monday mortar shells fired by "
        "terrorists hit the Bab Touma neighbourhood of Damascus, killing three people, SANA said.",
        reference,
    )
    assert [e.actor1 for e in found] == ["Jaysh al-Islam"]


@pytest.mark.xfail(
    strict=True,
    reason="known limitation of the striker model: the suicide-bomb model learned from 36 train bombings "
    "(11 Islamic State's) and reads Unidentified Armed Group (0.80) even when the article names Islamic State",
)
def test_a_suicide_bombing_in_an_article_about_islamic_state_bombings_is_islamic_states(reference):
    text = (
        "Islamic State has waged a campaign of bombings against Kurdish forces in Hasakeh province this year. "
        "On Tuesday a suicide bomber blew himself up at a checkpoint in Qamishli, killing five people, a monitor said."
    )
    article = Article(content_hash(text), "t", text, "jsonl", title="", published_at=date(2016, 5, 9))
    events = code_article(clean_article(article, reference), reference).events
    bombings = [e for e in events if e.sub_event_type == "Suicide bomb"]
    assert [e.actor1 for e in bombings] == ["Islamic State"]


def test_rare_strikers_are_not_learned_and_the_floor_is_one_of_the_candidates():
    common = [({"named=A": 1.0}, "A")] * 12 + [({"named=B": 1.0}, "B")] * 12
    rare = [({"named=C": 1.0}, "C")] * (MIN_EXAMPLES - 1)
    features = [f for f, _ in common + rare]
    labels = [y for _, y in common + rare]
    model, classes = fit_strikers(features, labels)
    assert set(model.classes_) == {"A", "B"} and classes == {"A": 12, "B": 12}
    floor, by_floor = choose_floor("Air/drone strike", (features, labels, ["A"] * len(labels)))
    assert floor in FLOORS and set(by_floor) == set(FLOORS)
    assert model.predict([{"named=B": 1.0}])[0] == "B"


def test_striker_training_is_reproducible():
    features = [{"named=A": 1.0, "year=2016": 1.0}] * 8 + [{"named=B": 1.0}] * 8
    labels = ["A"] * 8 + ["B"] * 8
    first, _ = fit_strikers(features, labels)
    again, _ = fit_strikers(features, labels)
    probe = [{"named=A": 1.0}, {"named=B": 1.0, "year=2016": 1.0}]
    assert (first.predict_proba(probe) == again.predict_proba(probe)).all()


def test_an_act_with_one_learnable_striker_gets_no_model():
    """Four strikes of one side and forty of another: only one striker reaches MIN_EXAMPLES, so
    there is no choice to learn (and `make train` must not fail on it)."""
    assert not learnable(["A"] * (MIN_EXAMPLES - 1) + ["B"] * 40)
    assert learnable(["A"] * MIN_EXAMPLES + ["B"] * 40)
