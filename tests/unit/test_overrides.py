"""The classifier's rules around the model: weapon overrides (type_overrides.yml) and photo captions."""

from extract.coding.classifier import NONE, Decision, SentenceModel, default_model


def _decide(model: SentenceModel, text: str) -> Decision:
    return model.decide([text])[0]


def test_a_suicide_bomb_is_a_suicide_bomb() -> None:
    decision = _decide(default_model(), "A suicide bomber blew himself up at a checkpoint in Hasakeh, killing five.")
    assert decision.label == "Suicide bomb"
    assert decision.decided_by == "override:suicide bomb"


def test_weapons_words_never_override_a_territory_change() -> None:
    model = default_model()
    text = (
        "Army units took full control of the town of Qaryatain after engineering units removed dozens "
        "of explosive devices and landmines planted by the militants."
    )
    decision = _decide(model, text)
    # the model itself reads a territory change here; the planted-explosive words must not win
    plain = model.pipeline.predict([text])[0]
    assert plain in {"Government regains territory", "Non-state actor overtakes territory"}, plain
    assert decision.label == plain and decision.decided_by == "model"


def test_no_event_no_override() -> None:
    decision = _decide(default_model(), "The weather in Aleppo was mild and sunny on Tuesday.")
    assert decision.label == NONE


def test_a_photo_caption_is_not_an_event() -> None:
    model = default_model()
    caption = _decide(model, "A picture taken on 3 May 2016 shows smoke over the town of Kafr Nabl after air strikes.")
    report = _decide(model, "Air strikes hit the town of Kafr Nabl on 3 May 2016, killing four civilians.")
    assert (caption.label, caption.decided_by) == (NONE, "caption")
    assert report.label != NONE and report.decided_by != "caption"
