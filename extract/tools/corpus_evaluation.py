"""Score the pipeline on a split of the hand-coded corpus: ``conflict-events evaluate --corpus``.

The split's articles run through the real pipeline (load, clean, extract, ``dbt build``) into a
throwaway warehouse, and the reports of ``marts.fct_event_reports`` are compared with the gold
events:

- **Event precision, recall, F1** by the project's matching rule (``shared/gold/README.md``):
  same article, same sub-type, at least one actor agreeing at family level, and the place
  agreeing as far as the gold row says (country; admin1 when given); pairs one to one, best
  first; predictions matched to a ``required=false`` row are neither rewarded nor punished.
- **Field accuracy** over pairs matched by their evidence sentence alone (same article,
  overlapping sentences), so that no field is scored on pairs selected for agreeing on it:
  sub-type, event type, actor1, actor2, both sides order-free, admin1, day-precise date,
  fatalities.
- **Cross-border** precision and recall of the flag, and **dedup** B-cubed of ``fct_events``
  against the gold clusters.

The test split is for reporting: nothing here tunes anything.
"""

from __future__ import annotations

import csv
import json
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from extract.coding.actors import STATE, find_actors
from extract.coding.reference import Reference, load_reference
from extract.coding.text import fold, tokens
from extract.tools.corpus_build import read_articles

KEYS = ("event_precision", "event_recall", "event_f1", "sub_type_accuracy", "event_type_accuracy",
        "actor1", "actor2", "actors_both", "admin1", "date", "fatalities", "cross_border_precision",
        "cross_border_recall", "dedup_bcubed_precision", "dedup_bcubed_recall", "dedup_bcubed_f1",
        "year_tolls", "n_articles", "n_gold_required", "n_predicted", "n_evidence_pairs")  # fmt: skip
_GENERIC = re.compile(r"\b(?:the|forces?|military|of|armed|group|army|troops|units?|fighters?)\b")


@dataclass
class Row:
    """A gold event or a predicted report, in the fields that are compared."""

    doc_id: str
    key: str
    required: bool
    sub_event_type: str
    event_type: str
    actor1: str
    actor2: str
    admin1_code: str
    country_code: str
    event_date: str
    time_precision: str
    fatalities: str
    cross_border: bool
    evidence: str
    cluster: str = ""


def _text(value: Any) -> str:
    return "" if value is None else str(value)


@lru_cache(maxsize=4096)
def _family(name: str, ref: Reference) -> str:
    """The family an actor name belongs to: the reference's canonical family when the name (or
    an alias inside it) is known, else the folded name without generic words."""
    if not name:
        return ""
    actor = ref.actors.get(name)
    if actor is not None:
        return actor.family
    for mention in find_actors(name, tokens(name), ref):
        if mention.actor != STATE:
            return mention.actor_parent or mention.actor
    return " ".join(sorted(set(_GENERIC.sub(" ", fold(name)).split())))


def actors_agree(a: str, b: str, ref: Reference) -> bool:
    return _family(a, ref) == _family(b, ref)


def _place_agrees(gold: Row, pred: Row) -> bool:
    if gold.country_code and gold.country_code != pred.country_code:
        return False
    return not gold.admin1_code or gold.admin1_code == pred.admin1_code


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", fold(text)))


def evidence_overlap(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def one_to_one(pairs: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, best score first (ties by position, so it is deterministic)."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for _, p, g in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if p in used_p or g in used_g:
            continue
        used_p.add(p)
        used_g.add(g)
        matched.append((p, g))
    return matched


def rule_matches(preds: list[Row], golds: list[Row], ref: Reference) -> list[tuple[int, int]]:
    """Pairs by the matching rule, within each article."""
    pairs = []
    for p, pred in enumerate(preds):
        for g, gold in enumerate(golds):
            if (
                pred.doc_id != gold.doc_id
                or pred.sub_event_type != gold.sub_event_type
                or not _place_agrees(gold, pred)
            ):
                continue
            a1 = bool(gold.actor1) and actors_agree(gold.actor1, pred.actor1, ref)
            a2 = bool(gold.actor2) and actors_agree(gold.actor2, pred.actor2, ref)
            crossed = (bool(gold.actor1) and actors_agree(gold.actor1, pred.actor2, ref)) or (
                bool(gold.actor2) and actors_agree(gold.actor2, pred.actor1, ref)
            )
            if not (a1 or a2 or crossed):
                continue
            pairs.append((a1 + a2 + evidence_overlap(pred.evidence, gold.evidence) + gold.required, p, g))
    return one_to_one(pairs)


def evidence_matches(preds: list[Row], golds: list[Row]) -> list[tuple[int, int]]:
    """Pairs whose evidence sentences overlap (most of the shorter one's words), per article."""
    pairs = []
    for p, pred in enumerate(preds):
        for g, gold in enumerate(golds):
            if pred.doc_id != gold.doc_id:
                continue
            overlap = evidence_overlap(pred.evidence, gold.evidence)
            if overlap >= 0.6:
                pairs.append((overlap + (pred.sub_event_type == gold.sub_event_type), p, g))
    return one_to_one(pairs)


def _share(values: list[bool]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def _bcubed(items: list[tuple[str, str]]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of (predicted cluster, gold cluster) per item."""
    if not items:
        return 0.0, 0.0, 0.0
    by_pred: dict[str, list[int]] = defaultdict(list)
    by_gold: dict[str, list[int]] = defaultdict(list)
    for i, (pred, gold) in enumerate(items):
        by_pred[pred].append(i)
        by_gold[gold].append(i)
    precision = recall = 0.0
    for pred, gold in items:
        same = sum(1 for j in by_pred[pred] if items[j][1] == gold)
        precision += same / len(by_pred[pred])
        recall += same / len(by_gold[gold])
    precision, recall = precision / len(items), recall / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 3), round(recall, 3), round(f1, 3)


def score(
    preds: list[Row], pred_clusters: list[str], golds: list[Row], ref: Reference, n_articles: int
) -> dict[str, Any]:
    """Every figure of the evaluation table for one split."""
    matched = rule_matches(preds, golds, ref)
    matched_required = sum(1 for _, g in matched if golds[g].required)
    matched_optional = sum(1 for _, g in matched if not golds[g].required)
    required = sum(1 for g in golds if g.required)
    denominator = len(preds) - matched_optional
    precision = matched_required / denominator if denominator else 0.0
    recall = matched_required / required if required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    fields: dict[str, list[bool]] = defaultdict(list)
    pairs = evidence_matches(preds, golds)
    for p, g in pairs:
        pred, gold = preds[p], golds[g]
        fields["sub_type_accuracy"].append(pred.sub_event_type == gold.sub_event_type)
        fields["event_type_accuracy"].append(pred.event_type == gold.event_type)
        fields["actor1"].append(actors_agree(gold.actor1, pred.actor1, ref))
        fields["actor2"].append(actors_agree(gold.actor2, pred.actor2, ref))
        fields["actors_both"].append(
            sorted([_family(gold.actor1, ref), _family(gold.actor2, ref)])
            == sorted([_family(pred.actor1, ref), _family(pred.actor2, ref)])
        )
        if gold.admin1_code:
            fields["admin1"].append(pred.admin1_code == gold.admin1_code)
        if gold.event_date and gold.time_precision == "1":
            fields["date"].append(pred.event_date == gold.event_date)
        if gold.fatalities:
            fields["fatalities"].append(pred.fatalities == gold.fatalities)

    flagged = [p for p, pred in enumerate(preds) if pred.cross_border]
    gold_flagged = [g for g, gold in enumerate(golds) if gold.cross_border and gold.required]
    by_pred = dict(matched)
    by_gold = {g: p for p, g in matched}
    cb_precision = _share([by_pred.get(p) is not None and golds[by_pred[p]].cross_border for p in flagged])
    cb_recall = _share([by_gold.get(g) is not None and preds[by_gold[g]].cross_border for g in gold_flagged])

    items = [
        (pred_clusters[by_gold[g]] if g in by_gold else f"unmatched:{g}", gold.cluster or f"gold:{g}")
        for g, gold in enumerate(golds)
    ]
    b_precision, b_recall, b_f1 = _bcubed(items)
    year_tolls = sum(
        1
        for pred in preds
        if pred.fatalities and 1900 <= int(pred.fatalities) <= 2100 and pred.fatalities in pred.evidence
    )
    return {
        "event_precision": round(precision, 3),
        "event_recall": round(recall, 3),
        "event_f1": round(f1, 3),
        **{name: _share(values) for name, values in fields.items()},
        "cross_border_precision": cb_precision,
        "cross_border_recall": cb_recall,
        "dedup_bcubed_precision": b_precision,
        "dedup_bcubed_recall": b_recall,
        "dedup_bcubed_f1": b_f1,
        "year_tolls": year_tolls,
        "n_articles": n_articles,
        "n_gold_required": required,
        "n_predicted": len(preds),
        "n_evidence_pairs": len(pairs),
    }


def gold_rows(corpus: Path, doc_ids: set[str]) -> list[Row]:
    """The split's gold events, with their cross-article clusters."""
    articles = read_articles(corpus)
    clusters: dict[tuple[str, str], str] = {}
    cluster_file = corpus / "clusters.csv"
    if cluster_file.exists():
        with cluster_file.open(encoding="utf-8", newline="") as handle:
            clusters = {(r["doc_id"], r["event_key"]): r["cluster_id"] for r in csv.DictReader(handle)}
    rows = []
    with (corpus / "events.csv").open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            if r["doc_id"] not in doc_ids:
                continue
            evidence = articles[r["doc_id"]].text[int(r["evidence_start"]) : int(r["evidence_end"])]
            rows.append(
                Row(
                    r["doc_id"],
                    r["event_key"],
                    r["required"] == "true",
                    r["sub_event_type"],
                    r["event_type"],
                    r["actor1"],
                    r["actor2"],
                    r["admin1_code"],
                    r["country_code"],
                    r["event_date"],
                    r["time_precision"],
                    r["fatalities"],
                    r["cross_border"] == "true",
                    evidence,
                    clusters.get((r["doc_id"], r["event_key"]), ""),
                )  # fmt: skip
            )
    return rows


def write_input(corpus: Path, split: str, folder: Path) -> set[str]:
    """The split's articles as one JSON Lines file the loader reads; their doc_ids."""
    folder.mkdir(parents=True, exist_ok=True)
    doc_ids = set()
    with (
        (corpus / "articles.jsonl").open(encoding="utf-8") as source,
        (folder / f"corpus_{split}.jsonl").open("w", encoding="utf-8") as out,
    ):
        for line in source:
            row = json.loads(line)
            if row["split"] != split:
                continue
            doc_ids.add(row["doc_id"])
            record = {
                "id": row["doc_id"],
                "title": row["title"] or None,
                "text": row["text"],
                "published_at": row["published_at"],
                "source": row["source"],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return doc_ids


def predicted_rows(warehouse: Path) -> tuple[list[Row], list[str]]:
    """The reports of ``marts.fct_event_reports`` and the event each was merged into."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        found = con.execute(
            """
            select doc_id, report_id, sub_event_type, event_type, actor1, actor2, admin1_code,
                   country_code, cast(event_date as varchar), cast(time_precision as varchar),
                   cast(fatalities as varchar), cross_border, evidence, event_id
            from marts.fct_event_reports
            order by doc_id, char_start, report_id
            """
        ).fetchall()
    rows = [
        Row(
            _text(r[0]),
            _text(r[1]),
            True,
            _text(r[2]),
            _text(r[3]),
            _text(r[4]),
            _text(r[5]),
            _text(r[6]),
            _text(r[7]),
            _text(r[8]),
            _text(r[9]),
            _text(r[10]),
            bool(r[11]),
            _text(r[12]),
        )  # fmt: skip
        for r in found
    ]
    return rows, [_text(r[13]) for r in found]


def evaluate_split(
    corpus: Path,
    split: str,
    run_pipeline: Callable[[Path, Path, Path], None],
    keep: Path | None = None,
) -> dict[str, Any]:
    """Run the pipeline on the split's articles and score it. ``run_pipeline(input, warehouse,
    work)`` is the real pipeline (loading, cleaning, extraction, dbt build)."""
    ref = load_reference()
    with tempfile.TemporaryDirectory(prefix=f"evaluate-{split}-") as tmp:
        root = keep or Path(tmp)
        doc_ids = write_input(corpus, split, root / "input")
        warehouse = root / "warehouse.duckdb"
        run_pipeline(root / "input", warehouse, root)
        preds, clusters = predicted_rows(warehouse)
    preds = [p for p in preds if p.doc_id in doc_ids]
    return score(preds, clusters, gold_rows(corpus, doc_ids), ref, len(doc_ids))


def table(results: dict[str, dict[str, Any]]) -> str:
    """One row per figure, one column per split."""
    splits = list(results)
    width = max(len(k) for k in KEYS)
    lines = [f"{'':<{width}}  " + "  ".join(f"{s:>8}" for s in splits)]
    for key in KEYS:
        cells = []
        for split in splits:
            value = results[split].get(key)
            cells.append(f"{'-':>8}" if value is None else f"{value:>8}")
        lines.append(f"{key:<{width}}  " + "  ".join(cells))
    return "\n".join(lines)


def score_engine(engine: Any, corpus: Path, split: str) -> dict[str, Any]:
    """The engine alone (no warehouse, no cross-article dedup) on a split: what training uses to
    choose the event threshold on dev."""
    preds, _, golds, n_articles = engine_predictions(engine, corpus, split)
    return score(preds, [p.key for p in preds], golds, load_reference(), n_articles)


def split_articles(corpus: Path, split: str) -> tuple[list[Any], list[Any]]:
    """A split's corpus articles and their cleaned form, as the pipeline would see them (title
    and publication date from ``articles.jsonl``): what evaluation and training code alike."""
    from datetime import date as Date

    from extract.coding.cleaning import clean_article
    from extract.coding.models import Article
    from extract.coding.text import content_hash

    ref = load_reference()
    articles = [a for a in read_articles(corpus).values() if a.split == split]
    lines = (corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    titles = {row["doc_id"]: row["title"] or None for row in map(json.loads, lines)}
    cleaned = [
        clean_article(
            Article(
                content_hash(a.text),
                a.doc_id,
                a.text,
                "jsonl",
                title=titles.get(a.doc_id),
                published_at=Date.fromisoformat(a.published_at) if a.published_at else None,
            ),  # fmt: skip
            ref,
        )
        for a in articles
    ]
    return articles, cleaned


def engine_predictions(engine: Any, corpus: Path, split: str) -> tuple[list[Row], list[dict[str, Any]], list[Row], int]:
    """The engine's events of a split's articles as rows, with what its cross-border model read
    of each (the same order), the split's gold rows and its number of articles."""
    ref = load_reference()
    articles, cleaned = split_articles(corpus, split)
    preds = []
    crossing: list[dict[str, Any]] = []
    for article, result in zip(articles, engine.code_batch(cleaned, ref), strict=False):
        read = result.crossing_features or [{} for _ in result.events]
        for e, features in zip(result.events, read, strict=True):
            if e.negated or e.hypothetical:
                continue
            crossing.append(features)
            preds.append(
                Row(
                    article.doc_id,
                    e.event_id,
                    True,
                    e.sub_event_type,
                    e.event_type,
                    _text(e.actor1),
                    _text(e.actor2),
                    _text(e.admin1_code),
                    _text(e.country_code),
                    _text(e.event_date),
                    _text(e.time_precision),
                    _text(e.fatalities),
                    e.cross_border,
                    e.evidence,
                )  # fmt: skip
            )
    return preds, crossing, gold_rows(corpus, {a.doc_id for a in articles}), len(articles)


def run_pipeline(input_dir: Path, warehouse: Path, work: Path) -> None:
    """The pipeline's own stages, as the Dagster assets run them, then ``dbt build``."""
    from extract.storage.stages import clean_stage, extract_stage, load_stage
    from extract.storage.warehouse import connect
    from extract.tools.bench import dbt_build

    def quiet(message: str) -> None:
        return None

    con = connect(warehouse)
    try:
        load_stage(con, input_dir, log=quiet)
        clean_stage(con)
        extract_stage(con, log=quiet)
        con.execute("checkpoint")
    finally:
        con.close()
    dbt_build(warehouse, work)


def main(corpus: Path, splits: list[str], json_path: Path | None = None) -> int:
    """Evaluate each split and print one table (and write the figures as JSON)."""
    results = {split: evaluate_split(corpus, split, run_pipeline) for split in splits}
    print(table(results))
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        payload = results[splits[0]] if len(splits) == 1 else results
        json_path.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0
