"""``make bench``: extraction speed and memory, printed as a table and saved to warehouse/bench/.

Articles are real text: the sample articles and, when present, the FA-KES corpus, repeated to
the requested count and each given a distinct id. Alongside extraction, a baseline that only
reads the same text and splits it into sentences is timed, so the cost of extraction is also
reported as a ratio that holds on any machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from extract.cleaning import clean_article
from extract.loading import load_paths
from extract.models import Article, CleanArticle
from extract.parallel import extract_many, map_batches
from extract.reference import PROJECT_ROOT, load_reference
from extract.text import content_hash, sentences

FAKES = PROJECT_ROOT.parent / "shared" / "corpora" / "fa-kes" / "fa_kes.csv"


def corpus(count: int) -> list[Article]:
    """``count`` real articles (cycling through the available ones, each with its own hash)."""
    paths = [PROJECT_ROOT / "seeds" / "articles"] + ([FAKES] if FAKES.exists() else [])
    base: list[Article] = []
    for path in paths:
        kwargs = {"id_column": "unit_id", "text_column": "article_content"} if path.suffix == ".csv" else {}
        base.extend(load_paths([path], **kwargs).articles.values())
    articles = []
    for number in range(count):
        source = base[number % len(base)]
        text = source.text if number < len(base) else f"{source.text}\n(copy {number})"
        articles.append(replace(source, content_hash=content_hash(text), doc_id=f"{source.doc_id}-{number}", text=text))
    return articles


def _clean_batch(batch: Sequence[Article]) -> list[CleanArticle]:
    reference = load_reference()
    return [clean_article(a, reference) for a in batch]


def _split_batch(batch: Sequence[CleanArticle]) -> list[int]:
    abbreviations = frozenset(load_reference().rules["abbreviations"])
    return [len(sentences(a.body, abbreviations)) for a in batch]


def measure(count: int, workers: int) -> dict[str, float]:
    articles = corpus(count)
    chars = sum(len(a.text) for a in articles)
    cleaned = map_batches(_clean_batch, articles, workers)
    started = time.perf_counter()
    map_batches(_split_batch, cleaned, workers)
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    results = extract_many(cleaned, workers)
    seconds = time.perf_counter() - started
    peak_mb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    ) / 1024
    return {
        "articles": count,
        "workers": workers,
        "mean_chars": round(chars / count),
        "events": sum(len(r.events) for r in results),
        "seconds": round(seconds, 2),
        "articles_per_s": round(count / seconds, 1),
        "mb_per_s": round(chars / seconds / 1e6, 3),
        "articles_per_s_at_3000_chars": round(chars / 3000 / seconds, 1),
        "baseline_split_s": round(baseline, 3),
        "overhead_vs_split": round(seconds / baseline, 1) if baseline else 0.0,
        "peak_rss_mb": round(peak_mb, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark extraction speed and memory.")
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--out", default=str(PROJECT_ROOT / "warehouse" / "bench"))
    args = parser.parse_args()
    load_reference()
    rows = [measure(n, w) for n in args.articles for w in sorted(set(args.workers))]
    columns = list(rows[0])
    table = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    table += ["| " + " | ".join(str(row[c]) for c in columns) + " |" for row in rows]
    target = "target (issue 3): 1,000 articles/s of ~3,000 characters with both cores busy; peak memory under 1 GB"
    text = "\n".join(table + ["", target])
    print(text)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "extraction.md").write_text(text + "\n", encoding="utf-8")
    (out / "extraction.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
