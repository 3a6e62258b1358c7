"""Training data and fit of the striker models (``extract.coding.strikers``), one per act.

The engine (with every other trained part, and no striker model) codes a split's articles; each
air strike, shelling or bombing it leaves unattributed is labelled with the actor1 family of the
hand-coded event told in the same sentence (evidence overlap, the same sub-type first). Strikers seen fewer than
``MIN_EXAMPLES`` times are left out: the model never learns to name a side from one or two
strikes.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from extract.coding.reference import load_reference
from extract.coding.strikers import FALLBACK, MODEL_NAME, StrikerModel, family

SEED = 13
MIN_EXAMPLES = 5
C = 0.3
FLOORS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7)


Examples = dict[str, tuple[list[dict[str, float]], list[str], list[str]]]


def striker_examples(engine: Any, corpus: Path, split: str) -> Examples:
    """By act: features, gold striker families and the rules' striker families of a split's
    unattributed strikes that a hand-coded event is told in the sentence of."""
    from extract.tools.corpus_evaluation import evidence_overlap, gold_rows, split_articles

    ref = load_reference()
    articles, cleaned = split_articles(corpus, split)
    golds: dict[str, list[Any]] = {}
    for row in gold_rows(corpus, {a.doc_id for a in articles}):
        golds.setdefault(row.doc_id, []).append(row)
    examples: Examples = {act: ([], [], []) for act in FALLBACK}
    for article, result in zip(articles, engine.code_batch(cleaned, ref), strict=True):
        read = result.striker_features or [None for _ in result.events]
        for event, seen in zip(result.events, read, strict=True):
            if seen is None or event.negated or event.hypothetical or event.sub_event_type not in examples:
                continue
            told = [g for g in golds.get(article.doc_id, []) if evidence_overlap(event.evidence, g.evidence) >= 0.6]
            if not told:
                continue
            gold = max(told, key=lambda g: g.sub_event_type == event.sub_event_type)
            features, labels, rules = examples[event.sub_event_type]
            features.append(seen)
            labels.append(family(gold.actor1, ref))
            rules.append(family(event.actor1, ref))
    return examples


def learnable(labels: list[str]) -> bool:
    """Whether at least two strikers are seen ``MIN_EXAMPLES`` times: one is no choice to learn."""
    return sum(1 for y, n in Counter(labels).items() if y and n >= MIN_EXAMPLES) >= 2


def fit_strikers(features: list[dict[str, float]], labels: list[str]) -> tuple[Any, dict[str, int]]:
    """A DictVectorizer and a multinomial logistic regression over the strikers seen at least
    ``MIN_EXAMPLES`` times; the counts it learned from."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    counts = Counter(labels)
    kept = [(f, y) for f, y in zip(features, labels, strict=True) if y and counts[y] >= MIN_EXAMPLES]
    model = Pipeline(
        [("features", DictVectorizer()), ("classifier", LogisticRegression(C=C, max_iter=2000, random_state=SEED))]
    )
    model.fit([f for f, _ in kept], [y for _, y in kept])
    return model, {y: n for y, n in sorted(counts.items()) if y and n >= MIN_EXAMPLES}


def _chosen(act: str, best: str, probability: float, floor: float, rule: str) -> str:
    if probability >= floor:
        return best
    return FALLBACK.get(act) or rule


def striker_accuracy(model: Any, act: str, floor: float, examples: tuple[list[Any], list[str], list[str]]) -> float:
    """Share of strikes whose striker the model (with its floor) names as the annotator did."""
    features, labels, rules = examples
    if not features:
        return 0.0
    chooser = StrikerModel({act: (model, floor)})
    chosen = [chooser.choose(act, f)[0] or rule for f, rule in zip(features, rules, strict=True)]
    return round(sum(c == y for c, y in zip(chosen, labels, strict=True)) / len(labels), 3)


def choose_floor(act: str, examples: tuple[list[Any], list[str], list[str]]) -> tuple[float, dict[float, float]]:
    """The probability under which the model's striker gives way to the act's fallback
    (Unidentified Military Forces for an air strike, the rules' side for a shelling), by the
    accuracy of five-fold out-of-fold probabilities on the train strikes (dev holds too few to
    choose by). Ties: the higher floor (the fallback over a guess)."""
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    features, labels, rules = examples
    counts = Counter(labels)
    kept = [i for i, y in enumerate(labels) if y and counts[y] >= MIN_EXAMPLES]
    x, y, r = [features[i] for i in kept], [labels[i] for i in kept], [rules[i] for i in kept]
    model, _ = fit_strikers(x, y)
    folds = StratifiedKFold(5, shuffle=True, random_state=SEED)
    probabilities = cross_val_predict(model, x, y, cv=folds, method="predict_proba")
    classes = sorted(set(y))
    by_floor = {}
    for floor in FLOORS:
        chosen = [
            _chosen(act, classes[int(p.argmax())], float(p.max()), floor, rule)
            for p, rule in zip(probabilities, r, strict=True)
        ]
        by_floor[floor] = round(sum(c == t for c, t in zip(chosen, y, strict=True)) / len(y), 3)
    best = max(FLOORS, key=lambda f: (by_floor[f], f))
    return best, by_floor


def train_strikers(
    model: Any, selector: Any, threshold: float, corpus: Path, out: Path, more: Any | None = None
) -> dict[str, Any]:
    """The striker models, learned from the unattributed air strikes, shellings and bombings the engine
    (with every other trained part) finds in the train split; scored on dev beside the rules;
    saved in ``out``."""
    from extract.coding.crossing import MODEL_NAME as CROSSING
    from extract.coding.crossing import CrossingModel
    from extract.coding.engine import Engine
    from extract.coding.where import PlaceSelector

    engine = Engine(model, PlaceSelector(selector), threshold, CrossingModel.load(out / CROSSING))
    if more is not None:
        engine.more_places = more
    train = striker_examples(engine, corpus, "train")
    dev = striker_examples(engine, corpus, "dev")
    fitted: dict[str, Any] = {}
    card: dict[str, Any] = {
        "data": "unattributed air strikes, shellings and bombings the engine finds in the seeds/corpus train split, "
        "labelled by the matched hand-coded event",
        "floors": {},
        "acts": {},
    }
    for act in FALLBACK:
        features, labels, _ = train[act]
        if not learnable(labels):
            continue  # the rules' side stands
        fitted[act], classes = fit_strikers(features, labels)
        floor, by_floor = choose_floor(act, train[act])
        _, dev_labels, dev_rules = dev[act]
        card["floors"][act] = floor
        card["acts"][act] = {
            "n_train": len(labels),
            "classes": classes,
            "floor": floor,
            "train_out_of_fold_accuracy": {str(k): v for k, v in by_floor.items()},
            "n_dev": len(dev_labels),
            "dev_accuracy": striker_accuracy(fitted[act], act, floor, dev[act]),
            "dev_rule_accuracy": round(
                sum(r == y for r, y in zip(dev_rules, dev_labels, strict=True)) / len(dev_labels), 3
            )
            if dev_labels
            else 0.0,
        }
    import joblib

    out.mkdir(parents=True, exist_ok=True)
    joblib.dump({"pipeline": fitted, "card": card}, out / MODEL_NAME, compress=3)
    return card


def copy_strikers(out: Path, model_dir: Path) -> dict[str, Any]:
    """An ACLED-trained sentence model keeps the committed striker model (it reads whole
    articles, which an ACLED export does not hold)."""
    if not (model_dir / MODEL_NAME).exists():
        return {}
    shutil.copy(model_dir / MODEL_NAME, out / MODEL_NAME)
    card: dict[str, Any] = json.loads((model_dir / "card.json").read_text(encoding="utf-8")).get("strikers", {})
    return card


def strikers_lines(strikers: dict[str, Any]) -> list[str]:
    if not strikers:
        return []
    lines = [
        "## Strikers (`strikers.joblib`)",
        "Who flew an air strike, fired a shelling or set off a bomb its sentence does not attribute: per act, a multinomial",
        "logistic regression over the sides the article names, the strikers it names for its other acts of",
        "the kind, cue words (`striker_cues` of `event_cues.yml`), the side the rules lent, the target,",
        "province and year. Under the floor an air strike's striker is Unidentified Military Forces and the",
        "other acts keep the rules' side; each floor is chosen by the accuracy of five-fold out-of-fold",
        "probabilities on the train strikes.",
        "",
        f"- Training data: {strikers['data']}.",
    ]
    for act, card in strikers.get("acts", {}).items():
        lines += [
            f"- {act}: {card['n_train']} train strikes; strikers learned: {card['classes']}; floor {card['floor']}"
            f" (out-of-fold accuracy by floor: {card['train_out_of_fold_accuracy']}); dev ({card['n_dev']}"
            f" strikes): the annotator's striker named {card['dev_accuracy']} of the time, the rules alone"
            f" {card['dev_rule_accuracy']}.",
        ]
    return [*lines, ""]
