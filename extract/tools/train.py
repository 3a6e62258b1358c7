"""Train the engine's two models from data in the repository: ``make train``.

- The **sentence model** (is it an event, which sub-type) learns from the corpus's training
  articles (each sentence is labelled by the events whose evidence it is, the others are
  ``none``) and its labelled sentences (``sentences.csv``, train split). The event threshold is
  chosen on the dev split; the test split is never read here.
- The **place selector** learns from the event-location sentences (Halterman 2019, MIT; other
  conflicts, on purpose) and the corpus's training events.

With ``--acled EXPORT.csv`` the sentence model learns instead from an ACLED export the user has
(``notes``, ``sub_event_type``), plus the corpus's non-event sentences, and is written under
``warehouse/models/`` (never committed: ACLED's terms do not allow sharing its data); point
``CONFLICT_MODEL`` there to use it.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from extract.coding.classifier import EVENT, MODEL_DIR, NONE, SUB_EVENT_TYPES, SentenceModel, build_model
from extract.coding.foes import FOES_FILE, MIN_BATTLES, MIN_SHARE, count_foes, write_foes
from extract.coding.nlp import load_pipeline, pipeline_label
from extract.coding.reference import load_reference
from extract.coding.text import sentences
from extract.tools.corpus_build import CORPUS, read_articles
from extract.tools.strikers_training import copy_strikers, strikers_lines, train_strikers

SEED = 13
EVENT_LOCATION = CORPUS / "event_location" / "sentences.jsonl"
# a sentence no gold event cites is a weak negative: some tell a coded act again, in other words
# (dev F1 0.660 at 0.15, 0.667 at 0.25, 0.666 at 0.35 with both sides 0.587 against 0.559, 0.662 at 0.5)
IMPLICIT_NONE_WEIGHT = 0.35
MAX_WEIGHT_CAP = 3.0


@dataclass
class Example:
    text: str
    label: str
    weight: float
    split: str


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def corpus_examples(corpus: Path = CORPUS) -> list[Example]:
    """Labelled sentences from the corpus: article sentences by their events, and the
    labelled sentence file. Every example keeps its article's split."""
    articles = read_articles(corpus)
    events = _read_csv(corpus / "events.csv")
    by_doc: dict[str, list[dict[str, str]]] = {}
    for event in events:
        by_doc.setdefault(event["doc_id"], []).append(event)
    abbreviations = frozenset(load_reference().rules["abbreviations"])
    examples: list[Example] = []
    for doc_id, article in articles.items():
        coded = by_doc.get(doc_id, [])
        for span in sentences(article.text, abbreviations):
            inside = [e for e in coded if int(e["evidence_start"]) < span.end and span.start < int(e["evidence_end"])]
            if inside:
                label = Counter(e["sub_event_type"] for e in inside).most_common(1)[0][0]
                examples.append(Example(span.text, label, 1.0, article.split))
            else:
                examples.append(Example(span.text, NONE, IMPLICIT_NONE_WEIGHT, article.split))
    for row in _read_csv(corpus / "sentences.csv"):
        label = NONE if row["label"].startswith("no event") else row["label"]
        examples.append(Example(row["text"], label, 1.0, row["split"]))
    return examples


def acled_examples(path: Path) -> list[Example]:
    """An ACLED export's notes as training sentences (every row is an event)."""
    examples = []
    for row in _read_csv(path):
        if row.get("sub_event_type") in SUB_EVENT_TYPES and row.get("notes", "").strip():
            examples.append(Example(row["notes"].strip(), row["sub_event_type"], 1.0, "train"))
    if not examples:
        raise ValueError(f"{path}: no rows with `notes` and a known `sub_event_type`; is it an ACLED export?")
    return examples


def _balanced_weights(examples: list[Example]) -> list[float]:
    """Example weights times inverse class frequency (capped), so a rare sub-type is heard."""
    counts = Counter(e.label for e in examples)
    total = len(examples)
    n_classes = len(counts)
    return [e.weight * min(MAX_WEIGHT_CAP, total / (n_classes * counts[e.label])) for e in examples]


def fit_sentence_model(train: list[Example]) -> Any:
    model = build_model(SEED)
    model.set_params(classifier__class_weight=None)
    model.fit([e.text for e in train], [e.label for e in train], classifier__sample_weight=_balanced_weights(train))
    return model


def fit_event_detector(train: list[Example], features: Any | None = None) -> Any:
    """Event against none, without class balancing (see SentenceModel).

    Given the sub-type model's fitted features (both learn from the same sentences), the
    detector reuses that very object, so a sentence's features are computed once for both
    models; otherwise (an ACLED-trained sub-type model) it fits features of its own."""
    from sklearn.pipeline import Pipeline

    labels = [EVENT if e.label != NONE else NONE for e in train]
    weights = [e.weight for e in train]
    model = build_model(SEED)
    model.set_params(classifier__class_weight=None)
    if features is None:
        model.fit([e.text for e in train], labels, classifier__sample_weight=weights)
        return model
    classifier = model.named_steps["classifier"]
    classifier.fit(features.transform([e.text for e in train]), labels, sample_weight=weights)
    return Pipeline([("features", features), ("classifier", classifier)])


def sentence_scores(model: Any, detector: Any, dev: list[Example], threshold: float) -> dict[str, float]:
    """Sentence-level scores on dev: event detection P/R/F1 and sub-type accuracy on the events
    found."""
    labels = list(model.classes_)
    probabilities = model.predict_proba([e.text for e in dev])
    events = detector.predict_proba([e.text for e in dev])[:, list(detector.classes_).index(EVENT)]
    tp = fp = fn = correct = 0
    for example, row, p_event in zip(dev, probabilities, events, strict=False):
        predicted_event = p_event >= threshold
        gold_event = example.label != NONE
        if predicted_event and gold_event:
            tp += 1
            best = max((lab for lab in labels if lab != NONE), key=lambda lab: row[labels.index(lab)])
            correct += int(best == example.label)
        elif predicted_event:
            fp += 1
        elif gold_event:
            fn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "sub_type_accuracy": round(correct / tp, 3) if tp else 0.0,
        "n": len(dev),
    }


THRESHOLDS = tuple(round(0.3 + 0.05 * k, 2) for k in range(9))  # 0.30 .. 0.70
F1_TOLERANCE = 0.005


def choose_threshold(
    model: Any, detector: Any, selector: Any, corpus: Path, more: Any | None = None
) -> tuple[float, dict[float, float]]:
    """The event threshold by article-level event F1 on dev (the engine run on the dev articles,
    scored by the matching rule): the highest threshold within ``F1_TOLERANCE`` of the best."""
    from extract.coding.classifier import SentenceModel
    from extract.coding.engine import Engine
    from extract.coding.where import PlaceSelector
    from extract.tools.corpus_evaluation import score_engine

    engine = Engine(SentenceModel(model, detector=detector), PlaceSelector(selector), THRESHOLDS[0])
    if more is not None:
        engine.more_places = more
    scores = {}
    for threshold in THRESHOLDS:
        engine.threshold = threshold
        scores[threshold] = score_engine(engine, corpus, "dev")["event_f1"]
    top = max(scores.values())
    # within F1_TOLERANCE of the best (about three dev events), the higher threshold: fewer false
    # events for an analyst who counts rows, at no measurable cost
    best = max(t for t in THRESHOLDS if scores[t] >= round(top - F1_TOLERANCE, 3))
    return best, scores


# -- the place selector ------------------------------------------------------------------------


def location_examples(path: Path, limit: int | None = None) -> tuple[list[dict[str, Any]], list[int]]:
    """Candidate features and labels from the event-location sentences: a candidate is positive
    when it overlaps the marked location of the marked event verb."""
    from extract.coding.where import candidates

    nlp = load_pipeline()
    records = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("answer") == "reject":
                continue
            verbs = [s for s in row.get("spans", []) if s["label"] == "VERB"]
            if not verbs:
                continue
            locations = [s for s in row["spans"] if s["label"] == "LOCATION"]
            records.append((row["text"], verbs[0], locations))
    random.Random(SEED).shuffle(records)
    records = records[:limit] if limit else records
    texts = sorted({text for text, _, _ in records})
    docs = dict(zip(texts, nlp.pipe(texts, batch_size=64), strict=False))
    features: list[dict[str, Any]] = []
    labels: list[int] = []
    for text, verb, locations in records:
        doc = docs[text]
        sent = doc[:]
        trigger = next((t for t in doc if t.idx <= verb["start"] < t.idx + len(t) + 1), None)
        for candidate in candidates(sent, trigger, []):
            positive = any(candidate.start < loc["end"] and loc["start"] < candidate.end for loc in locations)
            features.append(candidate.features)
            labels.append(int(positive))
    return features, labels


def corpus_location_examples(corpus: Path, split: str) -> tuple[list[dict[str, Any]], list[int]]:
    """Candidate features and labels from the corpus's events of one split: positive when the
    candidate is the place the annotator wrote."""
    from extract.coding.actors import find_actors
    from extract.coding.clauses import pick_trigger
    from extract.coding.places import find_places
    from extract.coding.reference import load_reference
    from extract.coding.text import fold, tokens
    from extract.coding.where import candidates

    ref = load_reference()
    nlp = load_pipeline()
    articles = read_articles(corpus)
    rows = [e for e in _read_csv(corpus / "events.csv") if articles[e["doc_id"]].split == split and e["location"]]
    features: list[dict[str, Any]] = []
    labels: list[int] = []
    for event in rows:
        text = articles[event["doc_id"]].text[int(event["evidence_start"]) : int(event["evidence_end"])]
        doc = nlp(text)
        toks = tokens(text)
        actors = find_actors(text, toks, ref)
        places = find_places(text, toks, ref, blocked=[(a.char_start, a.char_end) for a in actors])
        gold = fold(event["location"])
        for candidate in candidates(
            doc[:],
            pick_trigger(doc[:], event["sub_event_type"]),
            [p for p in places if p.role != "context"],
            [(a.char_start, a.char_end) for a in actors],
        ):
            name = fold(candidate.mention.location) if candidate.mention else ""
            positive = fold(candidate.text) in gold or gold in fold(candidate.text) or (name and name == gold)
            features.append(candidate.features)
            labels.append(int(bool(positive)))
    return features, labels


def fit_selector(features: list[dict[str, Any]], labels: list[int]) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    model = Pipeline(
        [("features", DictVectorizer()), ("classifier", LogisticRegression(C=1.0, max_iter=2000, random_state=SEED))]
    )
    model.fit(features, labels)
    return model


def selector_accuracy(model: Any, features: list[dict[str, Any]], labels: list[int]) -> float:
    predicted = model.predict(features)
    return round(sum(int(p == y) for p, y in zip(predicted, labels, strict=False)) / len(labels), 3) if labels else 0.0


# -- the cross-border flag ----------------------------------------------------------------------

CROSSING_THRESHOLDS = tuple(round(0.1 * k, 1) for k in range(1, 10))  # 0.1 .. 0.9


def crossing_examples(engine: Any, corpus: Path, split: str) -> tuple[list[dict[str, Any]], list[int]]:
    """What the cross-border model reads of each event the engine finds in a split's articles,
    labelled by the hand-coded event it matches (by the matching rule, else by evidence):
    positive when the annotator coded it cross-border. An event that matches none is negative
    (a flag on a false event is a false flag)."""
    from extract.tools.corpus_evaluation import engine_predictions, evidence_matches, rule_matches

    preds, features, golds, _ = engine_predictions(engine, corpus, split)
    ref = load_reference()
    matched = dict(rule_matches(preds, golds, ref))
    for p, g in evidence_matches(preds, golds):
        matched.setdefault(p, g)
    labels = [int(p in matched and golds[matched[p]].cross_border) for p in range(len(preds))]
    return features, labels


def fit_crossing(features: list[dict[str, Any]], labels: list[int]) -> Any:
    """A DictVectorizer and a class-balanced, strongly regularised logistic regression
    (cross-border acts are under 2% of events)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    model = Pipeline(
        [
            ("features", DictVectorizer()),
            ("classifier", LogisticRegression(C=0.3, class_weight="balanced", max_iter=2000, random_state=SEED)),
        ]
    )
    model.fit(features, labels)
    return model


def _flag_f1(flags: list[bool], labels: list[int]) -> float:
    tp = sum(1 for f, y in zip(flags, labels, strict=True) if f and y)
    fp = sum(1 for f, y in zip(flags, labels, strict=True) if f and not y)
    fn = sum(1 for f, y in zip(flags, labels, strict=True) if not f and y)
    return round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0


def choose_crossing_threshold(features: list[dict[str, Any]], labels: list[int]) -> tuple[float, dict[float, float]]:
    """The threshold with the best F1 of out-of-fold probabilities on the train events (five
    folds): dev holds too few cross-border events (five) to choose by. Ties: the higher."""
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    probabilities = cross_val_predict(
        fit_crossing(features, labels), features, labels, cv=folds, method="predict_proba"
    )[:, 1]
    scores = {t: _flag_f1([bool(p >= t) for p in probabilities], labels) for t in CROSSING_THRESHOLDS}
    return max(CROSSING_THRESHOLDS, key=lambda t: (scores[t], t)), scores


def crossing_dev(model: Any, threshold: float, engine: Any, corpus: Path) -> dict[str, float]:
    """The flag's precision and recall on dev as ``make evaluate`` scores them, with the model
    and with the rules alone."""
    from extract.coding.crossing import CrossingModel
    from extract.tools.corpus_evaluation import score_engine

    engine.crossing = None
    rules = score_engine(engine, corpus, "dev")
    engine.crossing = CrossingModel(model, threshold)
    learned = score_engine(engine, corpus, "dev")
    engine.crossing = None
    return {
        "precision": learned["cross_border_precision"],
        "recall": learned["cross_border_recall"],
        "rules_precision": rules["cross_border_precision"],
        "rules_recall": rules["cross_border_recall"],
    }


# -- writing ------------------------------------------------------------------------------------


def _save(path: Path, pipeline: Any, card: dict[str, Any], detector: Any | None = None) -> None:
    import joblib

    path.parent.mkdir(parents=True, exist_ok=True)
    saved = {"pipeline": pipeline, "card": card} | ({"detector": detector} if detector is not None else {})
    joblib.dump(saved, path, compress=3)


def _crossing_lines(crossing: dict[str, Any]) -> list[str]:
    if not crossing:
        return []
    dev = crossing["dev"]
    return [
        "## Cross-border flag (`cross_border.joblib`)",
        "Did the event's fire, aircraft or forces come from another country: a class-balanced logistic",
        "regression over the rules' verdicts (launch place abroad, a neighbour's forces), the acting",
        "side's country and kind, the kind of act and a few border words (`event_cues.yml`).",
        "",
        f"- Training data: {crossing['data']}: {crossing['n_train']} events, {crossing['n_positive']} cross-border.",
        f"- Threshold {crossing['threshold']}, by the F1 of five-fold out-of-fold probabilities on the train events: {crossing['train_out_of_fold_f1']}.",
        f"- Dev (the flag over the engine's events, as `make evaluate` scores it): precision {dev['precision']}, recall {dev['recall']}; the rules alone: {dev['rules_precision']}, {dev['rules_recall']}.",
        "- Few positives (cross-border acts are about 2% of events): the dev figures rest on a handful of events, and",
        "  recall is bounded by the events the engine finds at all.",
        "",
    ]


def _more_places_lines(more: dict[str, Any]) -> list[str]:
    if not more:
        return []
    return [
        "## More places (`more_places.joblib`)",
        "ACLED codes one event per location: which other places of an event's sentence are the places",
        'of events of their own ("strikes killed 45 in Aleppo and 22 in Idlib"), beside the one the',
        "selector chose. A logistic regression over how the text joins each to the chosen place (a list,",
        '"and", "of"/"in", a verb or a figure between them) and the selector\'s features of it.',
        "",
        f"- Training data: {more['data']}",
        f"- Candidates: {more['n_train']} ({more['n_positive']} positive); threshold chosen on dev ({more['n_dev']} candidates, best F1): {more['threshold']}; F1 by threshold: {more['dev_f1']}",
        "",
    ]


def _foes_lines(foes: dict[str, Any]) -> list[str]:
    if not foes:
        return []
    return [
        f"## Usual foes (`{FOES_FILE}`)",
        "The other side of a battle whose text and article name only one: each family's most",
        "frequent opponent in hand-coded battles, lent when it is a clear majority.",
        "",
        f"- Training data: {foes['data']}",
        f"- Families: {foes['families']}; with a usual foe ({foes['lent_when']}): {foes['usual']}.",
        "",
    ]


def write_card(folder: Path, card: dict[str, Any]) -> None:
    """MODEL_CARD.md beside the model files: data, date, dev scores, limits."""
    sentence, selector = card["sentence_model"], card["place_selector"]
    lines = [
        "# Model card: the extraction engine's trained parts",
        "",
        f"Trained {card['trained_on']} by `make train` (seed {SEED}), spaCy pipeline {card['spacy']}.",
        "",
        "## Sentence model (`sub_event_type.joblib`)",
        "Is a sentence an event report, and of which ACLED sub-type. TF-IDF (word 1-2 grams,",
        "character 2-5 grams, numbers folded to 0) and two logistic regressions in one file: the",
        "event detector (event against none, unweighted; its probability is `confidence`'s base and",
        "is compared with the threshold) and the sub-type model (classes weighted inversely to",
        "their frequency). The detector always learns from the corpus's train split.",
        "",
        f"- Training data: {sentence['data']}",
        f"- Training examples: {sentence['n_train']} ({sentence['n_train_events']} event sentences); label counts in `card.json`.",
        f"- Event threshold chosen on dev (article-level event F1 of the whole engine; the highest within {F1_TOLERANCE} of the best): {sentence['event_threshold']}; F1 by threshold: {sentence['event_threshold_dev_f1']}",
        f"- Dev (sentence level, {sentence['dev']['n']} sentences): event precision {sentence['dev']['precision']}, recall {sentence['dev']['recall']}, F1 {sentence['dev']['f1']}; sub-type accuracy on detected events {sentence['dev']['sub_type_accuracy']}.",
        "- Article-level figures (events matched to the hand-coded gold): `make evaluate`.",
        "",
        "## Place selector (`place_selector.joblib`)",
        "Which named place of an event's sentence is where it happened: a logistic regression over",
        "grammatical features (preposition, path to the event verb, position, kind of place).",
        "",
        f"- Training data: {selector['data']}",
        f"- Candidates: {selector['n_train']}; dev accuracy (corpus dev events' candidates): {selector['dev_accuracy']}.",
        "",
        *_more_places_lines(card.get("more_places") or {}),
        *_crossing_lines(card.get("cross_border") or {}),
        *strikers_lines(card.get("strikers") or {}),
        *_foes_lines(card.get("battle_foes") or {}),
        "## Data and licences",
        "- Hand-coded corpus `seeds/corpus/` (FA-KES articles, CC BY 4.0, Abu Salem et al., ICWSM 2019; the",
        "  project's own written sentences). The test split is never read by training.",
        '- Event-location sentences: Andy Halterman, "Geolocating Political Events in Text" (2019), MIT.',
        "",
        "## Limits",
        "- English only; trained on Syrian-war news and wire copy from other conflicts.",
        "- Sentences are classified one by one: an event told only across two sentences may be missed.",
    ]
    (folder / "MODEL_CARD.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "card.json").write_text(json.dumps(card, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def train_crossing(
    model: Any, selector: Any, threshold: float, corpus: Path, out: Path, more: Any | None = None
) -> dict[str, Any]:
    """The cross-border flag, learned from the events the engine (with these sentence models and
    the rules' flag) finds in the train split, its threshold chosen on dev; saved in ``out``."""
    from extract.coding.crossing import MODEL_NAME
    from extract.coding.engine import Engine
    from extract.coding.where import PlaceSelector

    engine = Engine(model, PlaceSelector(selector), threshold)
    if more is not None:
        engine.more_places = more
    features, labels = crossing_examples(engine, corpus, "train")
    crossing = fit_crossing(features, labels)
    best, by_threshold = choose_crossing_threshold(features, labels)
    card = {
        "data": "events the engine finds in the seeds/corpus train split, labelled by the matched hand-coded event",
        "n_train": len(labels),
        "n_positive": sum(labels),
        "threshold": best,
        "train_out_of_fold_f1": {str(k): v for k, v in by_threshold.items()},
        "dev": crossing_dev(crossing, best, engine, corpus),
    }
    _save(out / MODEL_NAME, crossing, card)
    return card


def train_more_places(model: Any, selector: Any, corpus: Path, out: Path) -> tuple[Any, dict[str, Any]]:
    """The more-places model, learned from the train split's event sentences with the engine's
    own place choice, its threshold chosen on dev; saved in ``out``."""
    from extract.coding.engine import Engine
    from extract.coding.more_places import MODEL_NAME, MorePlaces
    from extract.coding.where import PlaceSelector
    from extract.tools.more_places_training import choose_more_threshold, fit_more_places, more_place_examples

    engine = Engine(model, PlaceSelector(selector), THRESHOLDS[0])
    features, labels = more_place_examples(engine, corpus, "train")
    dev_features, dev_labels = more_place_examples(engine, corpus, "dev")
    fitted = fit_more_places(features, labels)
    best, by_threshold = choose_more_threshold(fitted, dev_features, dev_labels)
    card = {
        "data": "other places of the seeds/corpus train split's event sentences, beside the engine's chosen place",
        "n_train": len(labels),
        "n_positive": sum(labels),
        "threshold": best,
        "dev_f1": {str(k): v for k, v in by_threshold.items()},
        "n_dev": len(dev_labels),
    }
    _save(out / MODEL_NAME, fitted, card)
    return MorePlaces.load(out / MODEL_NAME), card


def _copy_more_places(out: Path) -> tuple[Any, dict[str, Any]]:
    """An ACLED-trained sentence model keeps the committed more-places model (it reads places,
    which ACLED's notes do not mark)."""
    from extract.coding.more_places import MODEL_NAME, MorePlaces

    if (MODEL_DIR / MODEL_NAME).exists():
        shutil.copy(MODEL_DIR / MODEL_NAME, out / MODEL_NAME)
    card: dict[str, Any] = json.loads((MODEL_DIR / "card.json").read_text(encoding="utf-8")).get("more_places", {})
    return MorePlaces.load(out / MODEL_NAME), card


def _copy_crossing(out: Path) -> dict[str, Any]:
    """An ACLED-trained sentence model keeps the committed cross-border flag (ACLED's notes carry
    no cross-border column to learn from)."""
    from extract.coding.crossing import MODEL_NAME

    if not (MODEL_DIR / MODEL_NAME).exists():
        return {}
    shutil.copy(MODEL_DIR / MODEL_NAME, out / MODEL_NAME)
    card: dict[str, Any] = json.loads((MODEL_DIR / "card.json").read_text(encoding="utf-8")).get("cross_border", {})
    return card


def battle_pairs(corpus: Path, split: str) -> list[tuple[str, str]]:
    """The (actor1, actor2) families of the split's hand-coded battles that name both sides,
    where the reference knows both (what :mod:`extract.coding.foes` counts)."""
    ref = load_reference()
    articles = read_articles(corpus)
    pairs = []
    for row in _read_csv(corpus / "events.csv"):
        article = articles.get(row["doc_id"])
        if article is None or article.split != split or row["event_type"] != "Battles":
            continue
        one, two = ref.actors.get(row["actor1"]), ref.actors.get(row["actor2"])
        if one is not None and two is not None:
            pairs.append((one.family, two.family))
    return pairs


def train(
    corpus: Path, out: Path, event_location: Path, acled: Path | None = None, today: date | None = None
) -> dict[str, Any]:
    examples = corpus_examples(corpus)
    dev = [e for e in examples if e.split == "dev"]
    if acled is not None:
        train_set = acled_examples(acled) + [e for e in examples if e.split == "train" and e.label == NONE]
        data = f"ACLED export {acled.name} (notes) plus the corpus's non-event sentences"
    else:
        train_set = [e for e in examples if e.split == "train"]
        data = "seeds/corpus train split (article sentences and labelled sentences)"
    model = fit_sentence_model(train_set)
    # the detector always learns from the corpus: an ACLED export holds events only
    detector = fit_event_detector(
        [e for e in examples if e.split == "train"], None if acled is not None else model.named_steps["features"]
    )
    out.mkdir(parents=True, exist_ok=True)
    if acled is None:
        loc_x, loc_y = location_examples(event_location)
        corpus_x, corpus_y = corpus_location_examples(corpus, "train")
        dev_x, dev_y = corpus_location_examples(corpus, "dev")
        selector = fit_selector(loc_x + corpus_x, loc_y + corpus_y)
        selector_card = {
            "data": f"event-location sentences ({len(loc_x)} candidates) and corpus train events ({len(corpus_x)} candidates)",
            "n_train": len(loc_x) + len(corpus_x),
            "dev_accuracy": selector_accuracy(selector, dev_x, dev_y),
        }
        _save(out / "place_selector.joblib", selector, selector_card)
    else:
        import joblib

        shutil.copy(MODEL_DIR / "place_selector.joblib", out / "place_selector.joblib")
        selector = joblib.load(out / "place_selector.joblib")["pipeline"]
        selector_card = json.loads((MODEL_DIR / "card.json").read_text(encoding="utf-8"))["place_selector"]
    if acled is None:
        more, more_card = train_more_places(SentenceModel(model, detector=detector), selector, corpus, out)
    else:
        more, more_card = _copy_more_places(out)
    threshold, by_threshold = choose_threshold(model, detector, selector, corpus, more)
    if acled is None:
        crossing_card = train_crossing(SentenceModel(model, detector=detector), selector, threshold, corpus, out, more)
    else:
        crossing_card = _copy_crossing(out)
    if acled is None:
        strikers_card = train_strikers(SentenceModel(model, detector=detector), selector, threshold, corpus, out, more)
    else:
        strikers_card = copy_strikers(out, MODEL_DIR)
    sentence_card = {
        "data": data,
        "n_train": len(train_set),
        "n_train_events": sum(1 for e in train_set if e.label != NONE),
        "labels": dict(sorted(Counter(e.label for e in train_set).items())),
        "event_threshold": threshold,
        "event_threshold_dev_f1": {str(k): v for k, v in by_threshold.items()},
        "dev": sentence_scores(model, detector, dev, threshold),
    }
    card: dict[str, Any] = {
        "trained_on": (today or date.today()).isoformat(),
        "spacy": pipeline_label(),
        "seed": SEED,
        "event_threshold": threshold,
        "sentence_model": sentence_card,
        "place_selector": selector_card,
        "more_places": more_card,
        "cross_border": crossing_card,
        "strikers": strikers_card,
    }
    _save(out / "sub_event_type.joblib", model, {"event_threshold": threshold, **sentence_card}, detector)
    pairs = battle_pairs(corpus, "train")
    foes = count_foes(pairs)
    write_foes(out / FOES_FILE, foes)
    card["battle_foes"] = {
        "data": f"seeds/corpus train split: {len(pairs)} hand-coded battles naming two known sides",
        "families": len(foes),
        "lent_when": f"at least {MIN_BATTLES} battles and a share of at least {MIN_SHARE}",
        "usual": sum(1 for f in foes if f.battles >= MIN_BATTLES and f.share >= MIN_SHARE),
    }
    write_card(out, card)
    return card


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--event-location", type=Path, default=EVENT_LOCATION)
    parser.add_argument("--acled", type=Path, help="an ACLED export (CSV with notes, event_type, sub_event_type)")
    parser.add_argument(
        "--output", type=Path, help="model folder (default: the committed models, or warehouse/models with --acled)"
    )
    args = parser.parse_args(argv)
    out = args.output or (Path("warehouse/models") if args.acled else MODEL_DIR)
    if args.acled is None and not args.event_location.exists():
        print(
            f"{args.event_location} not found: the place selector trains on the event-location corpus (see README)",
            file=sys.stderr,
        )
        return 2
    card = train(args.corpus, out, args.event_location, args.acled)
    print(f"models written to {out}")
    print(
        json.dumps(
            {
                "sentence_dev": card["sentence_model"]["dev"],
                "event_threshold": card["event_threshold"],
                "place_selector": card["place_selector"],
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
