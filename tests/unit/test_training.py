"""Training: reproducible from the repository's data, and trainable on a user's own ACLED export.

``tests/data/acled_layout_notes.csv`` is in ACLED's column layout, but every note in it was
written by the team for this test: no ACLED data is in the repository."""

from pathlib import Path

import numpy as np

from extract.coding.cleaning import clean_article
from extract.coding.engine import load_engine
from extract.coding.models import Article
from extract.coding.text import content_hash
from extract.tools import train

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = Path(__file__).resolve().parents[2] / "seeds" / "corpus"


def test_place_selector_training_is_reproducible():
    features, labels = train.location_examples(train.EVENT_LOCATION, limit=150)
    assert sum(labels) > 10 and len(labels) > sum(labels)
    first = train.fit_selector(features, labels).named_steps["classifier"].coef_
    again = (
        train.fit_selector(*train.location_examples(train.EVENT_LOCATION, limit=150)).named_steps["classifier"].coef_
    )
    assert np.array_equal(first, again)


def test_sentence_model_training_is_reproducible():
    examples = [e for e in train.corpus_examples(CORPUS) if e.split == "train"][:1500]
    texts = [
        "Gunmen shot dead a shop owner in the market on Monday.",
        "The ministry said talks would resume next month.",
    ]
    first = train.fit_sentence_model(examples).predict_proba(texts)
    again = train.fit_sentence_model(examples).predict_proba(texts)
    assert np.array_equal(first, again)


def test_train_on_an_acled_export_and_use_it(tmp_path, reference):
    out = tmp_path / "models"
    card = train.train(CORPUS, out, train.EVENT_LOCATION, acled=DATA / "acled_layout_notes.csv")
    assert (out / "sub_event_type.joblib").exists() and (out / "place_selector.joblib").exists()
    assert "ACLED export" in card["sentence_model"]["data"]
    assert card["sentence_model"]["labels"]["Mob violence"] == 1
    foes = (out / "battle_foes.csv").read_text(encoding="utf-8").splitlines()
    assert foes[0] == "family,foe,battles,share" and len(foes) > card["battle_foes"]["usual"] > 0
    engine = load_engine(out)
    text = "On 3 May 2021, a suicide bomber blew himself up at a police checkpoint in the town, killing four officers."
    article = clean_article(Article(content_hash(text), "acled-test", text, "txt"), reference)
    events = engine.code(article, reference).events
    assert [e.sub_event_type for e in events] == ["Suicide bomb"]
    assert events[0].fatalities == 4


def test_the_selector_s_direct_arithmetic_equals_sklearn():
    """The place selector scores candidates without sklearn's per-call checks; the probabilities
    must be the model's own."""
    from extract.coding.where import Candidate, PlaceSelector

    features, labels = train.location_examples(train.EVENT_LOCATION, limit=150)
    model = train.fit_selector(features, labels)
    selector = PlaceSelector(model)
    assert selector._weights is not None
    found = [Candidate("Aleppo", 0, 6, "gazetteer", None, row) for row in features]
    assert np.allclose(selector.scores(found), model.predict_proba(features)[:, 1], rtol=0, atol=1e-9)


def test_the_detector_shares_the_sub_type_model_s_features():
    """Saved as ``make train`` saves them, the two models share one feature object, and the
    shared computation gives what each pipeline gives on its own."""
    from extract.coding.classifier import SentenceModel

    examples = [e for e in train.corpus_examples(CORPUS) if e.split == "train"][:1500]
    model = train.fit_sentence_model(examples)
    detector = train.fit_event_detector(examples, model.named_steps["features"])
    assert detector.named_steps["features"] is model.named_steps["features"]
    texts = ["Gunmen shot dead a shop owner in the market on Monday.", "Air strikes hit the town of Saraqeb."]
    shared_sub, shared_event = SentenceModel(model, detector=detector)._probabilities(texts)
    assert np.allclose(shared_sub, model.predict_proba(texts))
    assert np.allclose(shared_event, detector.predict_proba(texts))
