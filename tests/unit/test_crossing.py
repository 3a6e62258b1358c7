"""The cross-border flag: the rules' verdicts, the features the trained model reads, and how
the model's probability becomes a flag with an origin country. Sentences are written for the
tests."""

import numpy as np

from extract.coding.classifier import MODEL_DIR
from extract.coding.crossing import (
    MODEL_NAME,
    CrossingModel,
    Verdict,
    crossing_features,
    decide,
    launch_country,
    rule_verdict,
    says_it_crossed,
)
from extract.coding.sides import Side
from extract.tools import train

TURKISH_ARMY = Side("Military Forces of Turkey", None, "State forces", "Turkish artillery", 0, 17, "alias", "TR")
SYRIAN_ARMY = Side("Military Forces of Syria", None, "State forces", "the Syrian army", 0, 15, "alias", "SY")


def test_the_rules_read_a_neighbour_s_fire_and_a_named_launch_country(reference):
    shelled = "Turkish artillery shelled positions across the border near Azaz on Monday."
    verdict = rule_verdict(TURKISH_ARMY, "SY", [], shelled, "Shelling/artillery/missile attack", reference)
    assert verdict == Verdict(True, "TR", "neighbour_crossed")
    at_home = rule_verdict(
        SYRIAN_ARMY, "SY", [], "The Syrian army shelled Idlib.", "Shelling/artillery/missile attack", reference
    )
    assert not at_home.crossed
    flown = "Bombers that took off from Russian territory struck targets near Deir Ezzor."
    assert launch_country(flown) == "RU" and not says_it_crossed(flown)
    assert rule_verdict(None, "SY", [], flown, "Air/drone strike", reference) == Verdict(True, "RU", "launch_country")
    assert rule_verdict(TURKISH_ARMY, None, [], shelled, "Air/drone strike", reference).reason == "no_place"


def test_the_features_say_whose_forces_acted_where(reference):
    text = "Turkish artillery shelled positions across the border near Azaz."
    features, verdict = crossing_features(
        TURKISH_ARMY, "SY", "SY", [], text, "Shelling/artillery/missile attack", reference, drafted=True
    )
    assert verdict.crossed and features["rule"] == "neighbour_crossed"
    assert features["actor1_country"] == "TR" and features["actor1_neighbour"] == 1.0
    assert features["group"] == "remote" and features["w=border"] == 1.0 and features["drafted"] == 1.0
    home, _ = crossing_features(SYRIAN_ARMY, "SY", "SY", [], "The army shelled Idlib.", "Armed clash", reference, False)
    assert "actor1_foreign" not in home and home["group"] == "ground" and home["place_abroad"] == 0.0


def _toy_model():
    features = [{"rule": "neighbour_state", "w=border": 1.0}] * 6 + [{"rule": "none"}] * 30
    labels = [1] * 6 + [0] * 30
    return train.fit_crossing(features, labels)


def test_the_direct_arithmetic_equals_sklearn():
    model = _toy_model()
    crossing = CrossingModel(model)
    probe = [{"rule": "neighbour_state", "w=border": 1.0}, {"rule": "none"}, {"rule": "unseen", "w=into": 1.0}]
    direct = [crossing.probability(f) for f in probe]
    assert np.allclose(direct, model.predict_proba(probe)[:, 1], rtol=0, atol=1e-9)
    assert direct[0] > 0.5 > direct[1]


def test_the_flag_needs_the_threshold_a_place_and_a_country_it_came_from():
    crossing = CrossingModel(_toy_model(), threshold=0.5)
    high, low = {"rule": "neighbour_state", "w=border": 1.0}, {"rule": "none"}
    crossed = Verdict(True, "TR", "neighbour_state")
    assert decide(crossing, high, crossed, (True, "TR"), TURKISH_ARMY, "SY") == (True, "TR")
    assert decide(crossing, low, crossed, (True, "TR"), TURKISH_ARMY, "SY") == (False, None)
    assert decide(crossing, high, crossed, (True, "TR"), TURKISH_ARMY, None) == (False, None)
    silent = Verdict(False, None, "none")
    # the acting side's country names the origin when the rules name none, never the place's own
    assert decide(crossing, high, silent, (False, None), TURKISH_ARMY, "SY") == (True, "TR")
    assert decide(crossing, high, silent, (False, None), SYRIAN_ARMY, "SY") == (False, None)
    # without a model the rules' first reading stands
    assert decide(None, low, silent, (True, "IQ"), None, "SY") == (True, "IQ")


def test_out_of_fold_threshold_and_the_committed_model(reference):
    features = [{"rule": "neighbour_state", "w=border": 1.0}] * 10 + [{"rule": "none", "w=border": 1.0}] * 5
    features += [{"rule": "none"}] * 60
    labels = [1] * 10 + [0] * 65
    threshold, scores = train.choose_crossing_threshold(features, labels)
    assert scores[threshold] == 1.0 and threshold in train.CROSSING_THRESHOLDS
    committed = CrossingModel.load(MODEL_DIR / MODEL_NAME)
    assert committed is not None
    text = "Turkish artillery shelled positions across the border near Azaz."
    across, _ = crossing_features(
        TURKISH_ARMY, "SY", "SY", [], text, "Shelling/artillery/missile attack", reference, True
    )
    home, _ = crossing_features(
        SYRIAN_ARMY, "SY", "SY", [], "The Syrian army shelled Idlib.", "Armed clash", reference, False
    )
    assert committed.probability(across) >= committed.threshold > committed.probability(home)
