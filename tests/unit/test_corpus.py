"""The hand-coded corpus: its files, their schema, the sizes the project promises, and that every
event's evidence offsets fall inside its article and quote a sentence of it."""

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from extract.tools.corpus_build import (
    ACTOR_TYPES,
    CLUSTER_COLUMNS,
    EVENT_COLUMNS,
    SENTENCE_COLUMNS,
    SUB_TYPES,
    build_events,
    check_event,
    read_articles,
)  # fmt: skip

CORPUS = Path(__file__).resolve().parents[2] / "seeds" / "corpus"


def rows(name: str) -> list[dict[str, str]]:
    with (CORPUS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def articles():
    return read_articles(CORPUS)


def test_articles(articles):
    lines = [json.loads(line) for line in (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(set(a) == {"doc_id", "split", "source", "licence", "title", "text", "published_at"} for a in lines)
    assert len({a["doc_id"] for a in lines}) == len(lines)
    fakes = [a for a in lines if a["source"].startswith("fa-kes/")]
    assert len(fakes) >= 300 and len({a["text"] for a in fakes}) == len(fakes)
    assert all("CC BY 4.0" in a["licence"] for a in fakes)
    splits = Counter(a["split"] for a in lines)
    assert set(splits) == {"train", "dev", "test"}
    assert splits["test"] >= 0.2 * len(lines) and splits["dev"] >= 0.1 * len(lines)
    assert all(a["split"] == "train" for a in lines if a["source"] == "sample")


def test_events_schema_and_offsets(articles):
    events = rows("events.csv")
    assert list(events[0]) == EVENT_COLUMNS
    assert len(events) >= 1000
    for event in events:
        assert event["doc_id"] in articles
        text = articles[event["doc_id"]].text
        start, end = int(event["evidence_start"]), int(event["evidence_end"])
        assert 0 <= start < end <= len(text), event
        assert check_event({**event, "evidence": None}, articles) == [], event
        assert event["sub_event_type"] in SUB_TYPES and (
            not event["actor1_type"] or event["actor1_type"] in ACTOR_TYPES
        )
    keys = [(e["doc_id"], e["event_key"]) for e in events]
    assert len(set(keys)) == len(keys)


def test_events_file_is_built_from_the_annotations():
    built = build_events(CORPUS)
    assert built == rows("events.csv")


def test_sentences_and_coverage():
    sentences = rows("sentences.csv")
    assert list(sentences[0]) == SENTENCE_COLUMNS
    assert all(s["split"] in {"train", "dev", "test"} and s["text"].strip() for s in sentences)
    labels = Counter(e["sub_event_type"] for e in rows("events.csv"))
    labels.update(s["label"] for s in sentences)
    assert all(labels[sub] >= 40 for sub in SUB_TYPES), {sub: labels[sub] for sub in SUB_TYPES}
    assert sum(n for label, n in labels.items() if label.startswith("no event: ")) >= 300


def test_clusters_point_at_events_of_different_articles():
    clusters = rows("clusters.csv")
    assert list(clusters[0]) == CLUSTER_COLUMNS
    events = {(e["doc_id"], e["event_key"]) for e in rows("events.csv")}
    assert all((c["doc_id"], c["event_key"]) in events for c in clusters)
    by_cluster: dict[str, list[str]] = {}
    for c in clusters:
        by_cluster.setdefault(c["cluster_id"], []).append(c["doc_id"])
    assert all(len(docs) >= 2 and len(set(docs)) == len(docs) for docs in by_cluster.values())
    assert len(by_cluster) >= 30


def test_agreement_reports_the_double_coding():
    agreement = json.loads((CORPUS / "agreement.json").read_text(encoding="utf-8"))
    figures = agreement["figures"]
    assert figures["articles"] >= 30
    for key in (
        "event_f1",
        "sub_event_type_kappa",
        "actor1_agreement",
        "admin1_agreement",
        "date_agreement",
        "fatalities_agreement",
    ):
        assert 0.0 <= figures[key] <= 1.0
    assert agreement["resolutions"]
