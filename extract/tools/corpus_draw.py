"""Draw the articles of the hand-coded corpus (seeds/corpus/articles.jsonl) once, reproducibly.

The draw is random with a fixed seed so that anyone can check which FA-KES articles were taken
and that nobody picked easy ones. Splits are by article and drawn once: the file is frozen after
the first draw, and re-running this module only verifies that it would draw the same.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from datetime import datetime
from pathlib import Path

SEED = 20261201
N_FAKES = 300
N_EXTENSION = 36  # drawn after the first 300 to pass 1,000 coded events
SHARE_TEST = 0.25
SHARE_DEV = 0.15
FAKES_LICENCE = "CC BY 4.0; FA-KES, Abu Salem, Al Feel, Elbassuoni, Jaber, Farah, ICWSM 2019 (Zenodo 2607278)"
SAMPLE_LICENCE = "project sample article (seeds/articles), coded in shared/gold"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def distinct_fakes(fakes_csv: Path) -> list[dict[str, str]]:
    """FA-KES articles with distinct normalised texts of at least 200 characters, by unit id."""
    with fakes_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    seen: set[str] = set()
    distinct = []
    for row in sorted(rows, key=lambda r: int(r["unit_id"])):
        key = _normalise(row["article_content"])
        if key in seen or len(key) < 200:
            continue
        seen.add(key)
        distinct.append(row)
    return distinct


def draw_fakes(fakes_csv: Path, n: int = N_FAKES, seed: int = SEED) -> list[dict[str, str]]:
    """Distinct FA-KES articles (by normalised text), n of them drawn at random with the seed.
    ``random.sample`` draws the same first k for any larger n, so extensions keep the earlier
    draw as their prefix."""
    return random.Random(seed).sample(distinct_fakes(fakes_csv), n)


def assign_splits(doc_ids: list[str], seed: int = SEED) -> dict[str, str]:
    """Shuffle once with the seed: the first quarter is test, the next 15% dev, the rest train."""
    order = sorted(doc_ids)
    random.Random(seed + 1).shuffle(order)
    n_test = round(len(order) * SHARE_TEST)
    n_dev = round(len(order) * SHARE_DEV)
    splits = {}
    for i, doc_id in enumerate(order):
        splits[doc_id] = "test" if i < n_test else "dev" if i < n_test + n_dev else "train"
    return splits


def build(fakes_csv: Path, samples_dir: Path) -> list[dict[str, object]]:
    """All corpus articles: the drawn FA-KES ones, then the five samples (always train: the old
    rules were written while reading them, so they can never be a fair test).

    The first draw took 300 articles; an extension took the next 36 of the same seeded sample
    (``random.sample`` gives the same first 300 for a larger count), and a second extension
    took all the remaining distinct articles. Each extension draws its splits apart, so no
    article ever changes split."""
    drawn = draw_fakes(fakes_csv, len(distinct_fakes(fakes_csv)))  # the whole seeded order
    first, extension = drawn[:N_FAKES], drawn[N_FAKES : N_FAKES + N_EXTENSION]
    rest = drawn[N_FAKES + N_EXTENSION :]
    splits = assign_splits([f"fakes-{row['unit_id']}" for row in first])
    splits.update(assign_splits([f"fakes-{row['unit_id']}" for row in extension], seed=SEED + 10))
    splits.update(assign_splits([f"fakes-{row['unit_id']}" for row in rest], seed=SEED + 20))
    articles: list[dict[str, object]] = []
    taken: set[str] = set()
    for row in drawn:
        doc_id = f"fakes-{row['unit_id']}"
        if doc_id in taken:
            # FA-KES gives two near-identical copies one unit id; the first drawn is kept
            continue
        taken.add(doc_id)
        published = datetime.strptime(row["date"], "%m/%d/%Y").date().isoformat()
        articles.append(
            {
                "doc_id": doc_id,
                "split": splits[doc_id],
                "source": f"fa-kes/{row['source']}",
                "licence": FAKES_LICENCE,
                "title": row["article_title"],
                "text": row["article_content"],
                "published_at": published,
            }
        )
    articles.sort(key=lambda a: str(a["doc_id"]))
    for path in sorted(samples_dir.glob("*.txt")):
        articles.append(
            {
                "doc_id": path.stem,
                "split": "train",
                "source": "sample",
                "licence": SAMPLE_LICENCE,
                "title": "",
                "text": path.read_text(encoding="utf-8"),
                "published_at": None,
            }
        )
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fakes", type=Path, default=Path("../shared/corpora/fa-kes/fa_kes.csv"))
    parser.add_argument("--samples", type=Path, default=Path("seeds/articles"))
    parser.add_argument("--output", type=Path, default=Path("seeds/corpus/articles.jsonl"))
    parser.add_argument("--write", action="store_true", help="write the file (first draw only)")
    args = parser.parse_args(argv)
    articles = build(args.fakes, args.samples)
    lines = [json.dumps(a, ensure_ascii=False) for a in articles]
    if args.write:
        args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(lines)} articles to {args.output}")
        return 0
    same = args.output.read_text(encoding="utf-8").splitlines() == lines
    print("the draw matches" if same else f"{args.output} differs from a fresh draw")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
