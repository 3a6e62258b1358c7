"""Training data and fit of the more-places model (``extract.coding.more_places``).

For every sentence of a split that the annotators cited for at least one event with a place,
the engine's own place choice runs as it does when coding (same candidates, same selector, same
chosen place), and each other place the sentence names is labelled: positive when it is the
place of one of the sentence's hand-coded events that the chosen place is not. A sentence whose
chosen place is none of its events' places is left out (the choice, not the extra place, is
wrong there). The sub-type the
trigger is picked for is the annotator's, as for the place selector's corpus examples.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from extract.coding.nlp import load_pipeline
from extract.coding.reference import load_reference
from extract.tools.corpus_build import read_articles

SEED = 13
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(4, 17))  # 0.2 .. 0.8


def _names_match(written: str, name: str, gold: str) -> bool:
    return bool(written and gold and (written in gold or gold in written)) or bool(name and name == gold)


def more_place_examples(engine: Any, corpus: Path, split: str) -> tuple[list[dict[str, Any]], list[int]]:
    """Features and labels of the other places of a split's event sentences (see the module)."""
    from datetime import date as Date

    from extract.coding.clauses import pick_trigger
    from extract.coding.cleaning import clean_article
    from extract.coding.models import Article
    from extract.coding.text import content_hash, fold
    from extract.tools.corpus_evaluation import evidence_overlap

    ref = load_reference()
    articles = read_articles(corpus)
    with (corpus / "events.csv").open(encoding="utf-8", newline="") as handle:
        events = [e for e in csv.DictReader(handle) if articles[e["doc_id"]].split == split and e["location"]]
    by_article: dict[str, list[dict[str, str]]] = {}
    for event in events:
        by_article.setdefault(event["doc_id"], []).append(event)
    work = []  # (prepared article, sentence span, its events)
    for doc_id, rows in sorted(by_article.items()):
        a = articles[doc_id]
        published = Date.fromisoformat(a.published_at) if a.published_at else None
        cleaned = clean_article(Article(content_hash(a.text), doc_id, a.text, "jsonl", published_at=published), ref)
        prepared = engine._prepare(cleaned, ref)
        for span in prepared.spans:
            cited = [
                r
                for r in rows
                if evidence_overlap(span.text, a.text[int(r["evidence_start"]) : int(r["evidence_end"])]) >= 0.6
            ]
            if cited:
                work.append((prepared, span, cited))
    docs = load_pipeline().pipe((span.text for _, span, _ in work), batch_size=64)
    features: list[dict[str, Any]] = []
    labels: list[int] = []
    for (prepared, span, cited), doc in zip(work, docs, strict=True):
        engine._context, engine._ref = prepared.context, ref
        sent = doc[:]
        local_places = [
            _shifted(m, span.start) for m in prepared.places if span.start <= m.char_start and m.char_end <= span.end
        ]
        local_actors = [
            _shifted(m, span.start) for m in prepared.actors if span.start <= m.char_start and m.char_end <= span.end
        ]
        placing = engine.placing(
            sent, pick_trigger(sent, cited[0]["sub_event_type"]), local_places, local_actors, prepared.home
        )
        if placing.best is None:
            continue
        golds = {fold(r["location"]) for r in cited}
        best_name = fold(placing.best.mention.location) if placing.best.mention else ""
        chosen = {g for g in golds if _names_match(fold(placing.best.text), best_name, g)}
        if not chosen:
            continue  # the chosen place is wrong: no other place can be told apart from it
        golds -= chosen
        others = engine.other_places(sent, placing, prepared.home)
        for (_, other), (_, read) in zip(
            [(s, c) for s, c in placing.ranked[1:] if c.features.get("kind=place")], others, strict=True
        ):
            name = fold(other.mention.location) if other.mention else ""
            features.append(read)
            labels.append(int(any(_names_match(fold(other.text), name, g) for g in golds)))
    return features, labels


def _shifted(mention: Any, offset: int) -> Any:
    import dataclasses

    return dataclasses.replace(mention, char_start=mention.char_start - offset, char_end=mention.char_end - offset)


def fit_more_places(features: list[dict[str, Any]], labels: list[int]) -> Any:
    """A DictVectorizer and a logistic regression, as for the place selector."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    model = Pipeline(
        [("features", DictVectorizer()), ("classifier", LogisticRegression(C=0.5, max_iter=2000, random_state=SEED))]
    )
    model.fit(features, labels)
    return model


def choose_more_threshold(
    model: Any, features: list[dict[str, Any]], labels: list[int]
) -> tuple[float, dict[float, float]]:
    """The probability threshold with the best F1 on the dev examples (the lower on ties)."""
    probabilities = model.predict_proba(features)[:, 1] if features else []
    by_threshold = {}
    for threshold in THRESHOLDS:
        flags = [p >= threshold for p in probabilities]
        tp = sum(1 for f, y in zip(flags, labels, strict=True) if f and y)
        fp = sum(1 for f, y in zip(flags, labels, strict=True) if f and not y)
        fn = sum(1 for f, y in zip(flags, labels, strict=True) if not f and y)
        by_threshold[threshold] = round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0
    best = max(by_threshold.values(), default=0.0)
    return next(t for t in THRESHOLDS if by_threshold[t] == best), by_threshold
