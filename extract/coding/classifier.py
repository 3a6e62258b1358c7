"""Is it an event, and which one: a sentence classifier trained by the project.

A TF-IDF model over words and character n-grams with a logistic regression, trained by
``make train`` on the hand-coded corpus (``seeds/corpus``): every ACLED sub-type plus ``none``
for sentences that report no event (history, totals, plans, denials, statements and plain
context). It is small, fast on a CPU and easy to inspect; the probability it gives the chosen
label is the event's ``confidence``. A few unambiguous weapons override the model
(``seeds/reference/type_overrides.yml``): a suicide bomb is a suicide bomb whatever the words
around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from extract.coding.reference import reference_dir

NONE = "none"
EVENT = "event"
MODEL_DIR = Path(__file__).resolve().parent / "models"
MODEL_FILE = MODEL_DIR / "sub_event_type.joblib"
SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def normalise(text: str) -> str:
    """What the model reads: lower case, every number as 0 (a toll is not a word)."""
    return _DIGITS.sub("0", text.lower())


class CueFeatures:
    """One feature per cue family of ``seeds/reference/event_cues.yml`` (shelling words, air
    words, killing words, plan words...): what the rules used to decide, now weighed by the
    model. The patterns are kept in the object, so a saved model carries its own cues."""

    def __init__(self, cues: dict[str, str] | None = None, weight: float = 0.5) -> None:
        self.cues = cues if cues is not None else load_cues()
        self.weight = weight

    def fit(self, texts: Any, labels: Any = None) -> CueFeatures:
        self._compiled = [re.compile(p, re.IGNORECASE) for p in self.cues.values()]
        return self

    def transform(self, texts: Any) -> Any:
        from scipy.sparse import csr_matrix

        compiled = getattr(self, "_compiled", None) or self.fit(texts)._compiled
        rows = [[self.weight if pattern.search(text) else 0.0 for pattern in compiled] for text in texts]
        return csr_matrix(rows, shape=(len(rows), len(compiled)))

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"cues": self.cues, "weight": self.weight}

    def set_params(self, **params: Any) -> CueFeatures:
        for key, value in params.items():
            setattr(self, key, value)
        return self


def event_cues(directory: Path | None = None) -> dict[str, Any]:
    """``event_cues.yml`` of the reference folder, parsed once per folder: the classifier's cue
    families, act words and captions and the merger's new-act words all come from it."""
    return _read_cues((directory or reference_dir()) / "event_cues.yml")


@lru_cache(maxsize=4)
def _read_cues(path: Path) -> dict[str, Any]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def load_cues(directory: Path | None = None) -> dict[str, str]:
    """The cue families of ``event_cues.yml``."""
    return dict(event_cues(directory)["cues"])


@lru_cache(maxsize=4)
def aircraft_doers(directory: Path | None = None) -> re.Pattern[str]:
    """Words of a side that flies (``aircraft_doers`` of ``event_cues.yml``): when they name who
    acted, the act is an air strike whatever else the sentence says."""
    return re.compile(str(event_cues(directory)["aircraft_doers"]), re.IGNORECASE)


@lru_cache(maxsize=4)
def act_words(directory: Path | None = None) -> re.Pattern[str]:
    """Words of an act (``act_families`` of ``event_cues.yml``): a sentence with none of them
    reports no event, and is not worth the model's time."""
    data = event_cues(directory)
    return re.compile("|".join(f"(?:{data['cues'][name]})" for name in data["act_families"]), re.IGNORECASE)


def build_model(seed: int) -> Any:
    """The untrained pipeline: word 1-2 grams, character 2-5 grams and the cue families, with
    balanced classes."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion(
        [
            ("cues", CueFeatures()),
            (
                "words",
                TfidfVectorizer(
                    preprocessor=normalise, ngram_range=(1, 2), min_df=2, max_features=30000, sublinear_tf=True
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    preprocessor=normalise,
                    analyzer="char_wb",
                    ngram_range=(2, 5),
                    min_df=3,
                    max_features=30000,
                    sublinear_tf=True,
                ),
            ),
        ]
    )
    classifier = LogisticRegression(C=8.0, class_weight="balanced", max_iter=4000, random_state=seed)
    return Pipeline([("features", features), ("classifier", classifier)])


@dataclass(frozen=True)
class Override:
    """A weapon that decides the sub-type on its own, when the model already sees an event."""

    name: str
    pattern: re.Pattern[str]
    sub_event_type: str
    applies_to: frozenset[str]
    never_over: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Decision:
    """The classifier's reading of one sentence."""

    label: str  # a sub-type, or NONE
    probability: float  # of that label
    event_probability: float  # the detector's P(event), else 1 - P(none)
    decided_by: str  # model, or override:<name>
    by_label: tuple[tuple[str, float], ...] = ()  # every sub-type's probability, likeliest first

    def likeliest_in(self, event_type: str) -> str | None:
        """The model's likeliest sub-type of one event type (ACLED's first level)."""
        return next((label for label, _ in self.by_label if SUB_EVENT_TYPES.get(label) == event_type), None)


@lru_cache(maxsize=4)
def captions(directory: Path | None = None) -> tuple[re.Pattern[str], ...]:
    """Photo captions (``captions`` of ``event_cues.yml``): never an event report of their own."""
    data = event_cues(directory)
    return tuple(re.compile(p, re.IGNORECASE) for p in data.get("captions") or [])


@lru_cache(maxsize=4)
def load_overrides(directory: Path | None = None) -> tuple[Override, ...]:
    """The override rules of ``type_overrides.yml``, in file order (the first match wins)."""
    path = (directory or reference_dir()) / "type_overrides.yml"
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))["overrides"]
    return tuple(
        Override(
            r["name"],
            re.compile(r["pattern"], re.IGNORECASE),
            r["sub_event_type"],
            frozenset(r["applies_to"]),
            frozenset(r.get("never_over") or []),
        )
        for r in rows
    )


class SentenceModel:
    """A trained sentence classifier, loaded from a joblib file."""

    def __init__(self, pipeline: Any, card: dict[str, Any] | None = None, detector: Any | None = None) -> None:
        self.pipeline = pipeline
        # the event detector: the same features, trained on event against none without class
        # balancing, so its probability is a calibrated "is this an event at all"; the sub-type
        # model's 1 - P(none) is inflated by the weight it gives rare sub-types
        self.detector = detector
        self.event_index = list(detector.classes_).index(EVENT) if detector is not None else -1
        self.labels: list[str] = list(pipeline.classes_)
        self.none_index = self.labels.index(NONE)
        self.card = card or {}
        self.overrides = load_overrides()

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> SentenceModel:
        import joblib

        if not path.exists():
            raise FileNotFoundError(f"no sentence model at {path}: run `make train` to build it")
        saved = joblib.load(path)
        return cls(saved["pipeline"], saved.get("card"), saved.get("detector"))

    def _probabilities(self, texts: list[str]) -> tuple[Any, Any]:
        """Both models' probabilities; the features are computed once when the two share them
        (as ``make train`` saves them), because they are most of the classifier's time."""
        if not texts:
            return [], None
        if self.detector is None:
            return self.pipeline.predict_proba(texts), None
        features = self.pipeline.named_steps["features"]
        if self.detector.named_steps["features"] is not features:
            return self.pipeline.predict_proba(texts), self.detector.predict_proba(texts)
        matrix = features.transform(texts)
        return (
            self.pipeline.named_steps["classifier"].predict_proba(matrix),
            self.detector.named_steps["classifier"].predict_proba(matrix),
        )

    def decide(self, texts: list[str]) -> list[Decision]:
        """One decision per sentence: the likeliest sub-type (or the override's), its
        probability, and the probability that the sentence reports any event at all."""
        if not texts:
            return []
        acts = act_words()
        pictures = captions()
        caption = {i for i, text in enumerate(texts) if any(p.search(text) for p in pictures)}
        worth = [i for i, text in enumerate(texts) if i not in caption and acts.search(text)]
        sub_types, events = self._probabilities([texts[i] for i in worth])
        probabilities = dict(zip(worth, sub_types, strict=True))
        detected: dict[int, float] = {}
        if events is not None:
            detected = {i: float(p) for i, p in zip(worth, events[:, self.event_index], strict=True)}
        decisions = []
        for i, text in enumerate(texts):
            if i not in probabilities:
                decisions.append(Decision(NONE, 1.0, 0.0, "caption" if i in caption else "no act words"))
                continue
            row = probabilities[i]
            by_label = {label: float(p) for label, p in zip(self.labels, row, strict=False)}
            p_event = detected.get(i, 1.0 - by_label[NONE])
            best = max((label for label in self.labels if label != NONE), key=by_label.__getitem__)
            decided_by = "model"
            family = SUB_EVENT_TYPES[best]
            override = next(
                (
                    o
                    for o in self.overrides
                    if family in o.applies_to and best not in o.never_over and o.pattern.search(text)
                ),
                None,
            )
            if override is not None:
                best, decided_by = override.sub_event_type, f"override:{override.name}"
            ranked = tuple(sorted(((k, v) for k, v in by_label.items() if k != NONE), key=lambda kv: -kv[1]))
            decisions.append(Decision(str(best), by_label.get(best, 0.0), p_event, decided_by, ranked))
        return decisions


@lru_cache(maxsize=2)
def default_model(path: Path = MODEL_FILE) -> SentenceModel:
    """The model the pipeline uses: ``CONFLICT_MODEL`` when set, else the committed one."""
    return SentenceModel.load(path)
