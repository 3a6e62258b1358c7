"""Who flew an air strike, fired a shelling or set off a bomb that its sentence does not attribute.

"Air strikes killed 13 people in Saraqeb" names no striker, yet analysts (and ACLED's coders)
attribute most such strikes from the article: which air forces it names, whom the strikes hit,
where and when (Russian jets over Idlib from late 2015, the coalition over Raqqa and Deir Ezzor,
barrel bombs from the regime's helicopters). The rule that lends the article's most-named striker
of other air strikes was right for 41% of such strikes in the corpus's train split, and it leaves
most of them with Unidentified Military Forces. A small logistic regression (``strikers.joblib``,
written by ``make train`` from the train split's strikes labelled by the matched hand-coded event)
reads those signs instead and picks the striker, or Unidentified Military Forces when the
article does not say. Shelling has a model of its own: state media's bare "terrorists" shelling
Damascus are Jaysh al-Islam's when the article names it, al-Nusra's in Aleppo; when no group
reaches the floor the rules' side stands. Bombs and suicide bombs have models too (an article
often ties them to Islamic State); under their floors the rules' side stands. The cue words are ``striker_cues`` of
``seeds/reference/event_cues.yml``.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.coding.classifier import event_cues
from extract.coding.sides import UNIDENTIFIED_GROUP, UNIDENTIFIED_MILITARY, Side

if TYPE_CHECKING:
    from extract.coding.drafts import Draft
    from extract.coding.models import ActorMention
    from extract.coding.reference import Reference

MODEL_NAME = "strikers.joblib"
AIR_STRIKE = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
# the acts a model learns the striker of, and the side under its floor (None: the rules' side)
FALLBACK: dict[str, str | None] = {
    AIR_STRIKE: UNIDENTIFIED_MILITARY,
    SHELLING: None,
    "Suicide bomb": None,
    "Remote explosive/landmine/IED": None,
}
MAX_COUNT = 5  # mentions beyond this say no more about who flew
DEFAULT_FLOOR = 0.5

Features = dict[str, float]


@lru_cache(maxsize=4)
def striker_cues(directory: Path | None = None) -> tuple[str, ...]:
    """``striker_cues`` of ``event_cues.yml``: words whose presence says whose aircraft these were."""
    return tuple(str(w).lower() for w in event_cues(directory).get("striker_cues") or [])


def undecided(draft: Draft) -> bool:
    """A strike, shelling or bombing whose sentence names no striker: its actor1 is a default,
    lent by the article, a descriptor of nobody in particular ("the warplanes", "gunmen") or the
    bare "terrorists" or "rebels" of no group."""
    if draft.sub_event_type not in FALLBACK or draft.cross_border:
        return False
    side = draft.actor1
    return (
        side is None
        or side.resolution in {"default", "article"}
        or side.actor in {UNIDENTIFIED_MILITARY, UNIDENTIFIED_GROUP}
        or (side.resolution == "descriptor" and side.actor == "Syrian Rebels")
    )


def family(name: str | None, ref: Reference) -> str:
    """The reference family of an actor name (the name itself when the reference has none)."""
    if not name:
        return ""
    actor = ref.actors.get(name)
    return actor.family if actor is not None else name


def striker_features(
    draft: Draft, drafts: list[Draft], body: str, mentions: list[ActorMention], ref: Reference
) -> Features:
    """What the article says of who struck: the sides it names (counted), the strikers it names
    for its other acts of the kind, its cue words and the sentence's, the side the rules lent,
    the target, the province and the year."""
    features: Features = {}
    for mention in mentions:
        key = f"named={family(mention.actor_parent or mention.actor, ref)}"
        features[key] = min(features.get(key, 0.0) + 1.0, MAX_COUNT)
    for other in drafts:
        if other.sub_event_type == draft.sub_event_type and other.actor1 is not None and not undecided(other):
            features[f"striker_elsewhere={other.actor1.family}"] = 1.0
    article, sentence = body.lower(), draft.sentence.text.lower()
    for cue in striker_cues():
        if cue in article:
            features[f"article_says={cue}"] = 1.0
        if cue in sentence:
            features[f"sentence_says={cue}"] = 1.0
    features[f"rule={draft.actor1.family if draft.actor1 else ''}"] = 1.0
    features[f"target={draft.actor2.family if draft.actor2 else ''}"] = 1.0
    if draft.place is not None:
        features[f"admin1={draft.place.admin1_code or draft.place.country_code}"] = 1.0
    if draft.date is not None and draft.date.event_date is not None:
        features[f"year={draft.date.event_date.year}"] = 1.0
    return features


class StrikerModel:
    """The trained choices, one per act: a DictVectorizer and a multinomial logistic regression
    over the strikers seen at least a few times in training, with the probability floor under
    which the act's fallback stands."""

    def __init__(self, models: dict[str, tuple[Any, float]]) -> None:
        self.models = models

    @classmethod
    def load(cls, path: Path) -> StrikerModel | None:
        """The models saved at ``path``, or None when there are none (the rules then decide)."""
        import joblib

        if not path.exists():
            return None
        saved = joblib.load(path)
        floors = saved["card"].get("floors", {})
        return cls(
            {act: (pipeline, float(floors.get(act, DEFAULT_FLOOR))) for act, pipeline in saved["pipeline"].items()}
        )

    def choose(self, act: str, features: Features) -> tuple[str | None, float]:
        """The likeliest striker of the act and its probability; the act's fallback (None: keep
        the rules' side) when no striker reaches the floor ``make train`` chose."""
        if act not in self.models:
            return None, 0.0
        model, floor = self.models[act]
        probabilities = model.predict_proba([features])[0]
        best = int(probabilities.argmax())
        if probabilities[best] < floor:
            return FALLBACK.get(act), float(probabilities[best])
        return str(model.classes_[best]), float(probabilities[best])


def with_striker(draft: Draft, label: str | None, ref: Reference) -> Draft:
    """The draft with the chosen striker as actor1 (``sides_from`` says ``model``); unchanged
    when there is none."""
    current = draft.actor1
    if label is None or (current is not None and current.family == label):
        return draft
    if label == UNIDENTIFIED_MILITARY:
        side = Side(UNIDENTIFIED_MILITARY, None, "State forces", "", 0, 0, "model")
    elif label == UNIDENTIFIED_GROUP:
        side = Side(UNIDENTIFIED_GROUP, None, "Political militia", "", 0, 0, "model")
    else:
        actor = ref.actors.get(label)
        if actor is None:
            return draft
        side = Side(actor.actor, actor.parent, actor.actor_type, "", 0, 0, "model", actor.country_code)
    if draft.actor2 is not None and draft.actor2.family == side.family:
        return draft  # a side never strikes itself
    return dataclasses.replace(draft, actor1=side)
