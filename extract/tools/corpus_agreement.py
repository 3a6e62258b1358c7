"""Inter-annotator agreement on the double-coded articles: ``seeds/corpus/agreement.json``.

The second coder coded a random 30 of the corpus's articles without seeing the first coder's
rows (``seeds/corpus/agreement/second_coder.csv``). The figures compare the two codings as they
were before disagreements were resolved (the first coder's rows are read from git at the commit
named in ``--before``, or from the current files when no commit is given):

- event-level F1 between annotators, by the project's matching rule (each coder's rows in turn
  taken as the reference; the F1 is symmetric);
- Cohen's kappa on ``sub_event_type`` over events paired by their evidence sentence;
- agreement on actor1, actor2, both sides, admin1, day-precise date and fatalities over those pairs.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from extract.coding.reference import load_reference
from extract.tools.corpus_build import CORPUS, annotation_files, read_articles
from extract.tools.corpus_evaluation import Row, _family, actors_agree, evidence_matches, rule_matches


def _rows(reader: csv.DictReader[str], articles: dict[str, Any], doc_ids: set[str]) -> list[Row]:
    rows = []
    for r in reader:
        if r["doc_id"] not in doc_ids:
            continue
        rows.append(
            Row(
                r["doc_id"],
                r["event_key"],
                True,
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
                r.get("evidence", ""),
            )  # fmt: skip
        )
    return rows


def cohen_kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two label sequences."""
    n = len(a)
    if n == 0:
        return 0.0
    observed = sum(x == y for x, y in zip(a, b, strict=False)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return round((observed - expected) / (1 - expected), 3) if expected < 1 else 1.0


def agreement(first: list[Row], second: list[Row]) -> dict[str, Any]:
    ref = load_reference()
    matched = rule_matches(second, first, ref)
    f1 = 2 * len(matched) / (len(first) + len(second)) if first or second else 0.0
    pairs = evidence_matches(second, first)
    a = [first[g] for _, g in pairs]
    b = [second[p] for p, _ in pairs]

    def share(values: list[bool]) -> float | None:
        return round(sum(values) / len(values), 3) if values else None

    return {
        "articles": len({r.doc_id for r in first} | {r.doc_id for r in second}),
        "events_first_coder": len(first),
        "events_second_coder": len(second),
        "events_matched_by_rule": len(matched),
        "event_f1": round(f1, 3),
        "pairs_by_evidence": len(pairs),
        "sub_event_type_kappa": cohen_kappa([x.sub_event_type for x in a], [y.sub_event_type for y in b]),
        "sub_event_type_agreement": share([x.sub_event_type == y.sub_event_type for x, y in zip(a, b, strict=False)]),
        "actor1_agreement": share([actors_agree(x.actor1, y.actor1, ref) for x, y in zip(a, b, strict=False)]),
        "actor2_agreement": share([actors_agree(x.actor2, y.actor2, ref) for x, y in zip(a, b, strict=False)]),
        "actors_both_agreement": share(
            [
                sorted([_family(x.actor1, ref), _family(x.actor2, ref)])
                == sorted([_family(y.actor1, ref), _family(y.actor2, ref)])
                for x, y in zip(a, b, strict=False)
            ]
        ),
        "admin1_agreement": share(
            [x.admin1_code == y.admin1_code for x, y in zip(a, b, strict=False) if x.admin1_code or y.admin1_code]
        ),
        "date_agreement": share(
            [
                x.event_date == y.event_date
                for x, y in zip(a, b, strict=False)
                if x.time_precision == "1" or y.time_precision == "1"
            ]
        ),
        "fatalities_agreement": share(
            [x.fatalities == y.fatalities for x, y in zip(a, b, strict=False) if x.fatalities or y.fatalities]
        ),
    }


def first_coder_rows(corpus: Path, doc_ids: set[str], before: str | None) -> list[Row]:
    articles = read_articles(corpus)
    rows: list[Row] = []
    for path in annotation_files(corpus):
        if before:
            text = subprocess.run(
                ["git", "show", f"{before}:{path.as_posix()}"], capture_output=True, text=True, check=False
            ).stdout
            if not text:
                continue
            rows += _rows(csv.DictReader(io.StringIO(text)), articles, doc_ids)
        else:
            with path.open(encoding="utf-8", newline="") as handle:
                rows += _rows(csv.DictReader(handle), articles, doc_ids)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--before", help="git commit holding the first coder's rows before resolution")
    parser.add_argument("--output", type=Path, default=CORPUS / "agreement.json")
    args = parser.parse_args(argv)
    articles = read_articles(args.corpus)
    with (args.corpus / "agreement" / "second_coder.csv").open(encoding="utf-8", newline="") as handle:
        second = _rows(csv.DictReader(handle), articles, set(articles))
    doc_ids = {r.doc_id for r in second}
    first = first_coder_rows(args.corpus, doc_ids, args.before)
    figures = agreement(first, second)
    figures["before_resolution_commit"] = args.before
    existing = json.loads(args.output.read_text(encoding="utf-8")) if args.output.exists() else {}
    existing["figures"] = figures
    args.output.write_text(json.dumps(existing, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
