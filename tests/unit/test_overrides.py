"""The weapon overrides of type_overrides.yml: when they decide, and when they must not."""

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
