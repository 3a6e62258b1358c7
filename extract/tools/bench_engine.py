"""Benchmark the extraction engine against what a user would otherwise run: spaCy's small English
pipeline over the full texts (``make bench`` prints the table first).

Both sides run in a process of their own on the same corpus articles (cleaned first, outside the
timing), so each peak memory figure is that side's alone. The engine's time includes everything
it does per article (sentence classifier, parsing the likely sentences, sides, places, numbers,
dates, merging, entities); the baseline's is ``nlp.pipe`` over the whole cleaned bodies.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from extract.tools.corpus_build import CORPUS

DEFAULT_ARTICLES = 300


def _cleaned(n: int) -> list:
    from extract.coding.cleaning import clean_article
    from extract.coding.models import Article
    from extract.coding.reference import load_reference
    from extract.coding.text import content_hash

    ref = load_reference()
    lines = (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if json.loads(line)["source"].startswith("fa-kes/")][:n]
    return [
        clean_article(Article(content_hash(r["text"]), r["doc_id"], r["text"], "jsonl", title=r["title"]), ref)
        for r in rows
    ]


def run_side(side: str, n: int) -> dict[str, float]:
    """Time one side in this process; peak resident memory of this process."""
    from extract.coding.nlp import load_pipeline
    from extract.coding.reference import load_reference

    articles = _cleaned(n)
    ref = load_reference()
    nlp = load_pipeline()
    if side == "engine":
        from extract.coding.engine import load_engine

        engine = load_engine()
        engine.code(articles[0], ref)  # load lazily built tables outside the timing
        started = time.perf_counter()
        events = sum(
            len(r.events) for k in range(0, len(articles), 50) for r in engine.code_batch(articles[k : k + 50], ref)
        )
    else:
        list(nlp.pipe([articles[0].body]))
        started = time.perf_counter()
        events = sum(1 for _ in nlp.pipe((a.body for a in articles), batch_size=32))
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": len(articles), "seconds": round(seconds, 2), "peak_mb": round(peak_mb), "items": events}


def compare(n: int) -> list[dict[str, Any]]:
    """Both sides, one process each."""
    rows = []
    for side in ("engine", "spacy"):
        done = subprocess.run(
            [sys.executable, "-m", "extract.tools.bench_engine", "--side", side, "--articles", str(n)],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append({"side": side, **json.loads(done.stdout.strip().splitlines()[-1])})
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    engine, spacy = rows
    ratio = float(spacy["seconds"]) / float(engine["seconds"]) if float(engine["seconds"]) else 0.0
    lines = [
        f"{'side':<34} {'articles':>8} {'seconds':>8} {'articles/s':>10} {'peak MB':>8}",
        *(
            f"{label:<34} {r['articles']:>8} {r['seconds']:>8} {float(r['articles']) / float(r['seconds']):>10.1f} {r['peak_mb']:>8}"
            for label, r in (("engine (whole extraction)", engine), ("spaCy en_core_web_sm, full texts", spacy))
        ),
        f"engine speed-up over the full-text parse: {ratio:.2f}x (target 5x); peak memory target: under 1,024 MB per worker",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--side", choices=["engine", "spacy"], help="run one side in this process (used by the table)")
    parser.add_argument("--output", type=Path, default=Path("warehouse/bench/engine.json"))
    args = parser.parse_args(argv)
    if args.side:
        print(json.dumps(run_side(args.side, args.articles)))
        return 0
    rows = compare(args.articles)
    print(table(rows))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
