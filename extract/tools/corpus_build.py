"""Build and check the hand-coded corpus: annotation files in, seeds/corpus/events.csv out.

Annotators quote the sentence that reports an event instead of counting characters; this module
finds the quote in the article and writes its offsets, and refuses any row that breaks the
annotation guide's vocabulary (docs/annotation.md), so a typo never becomes a silent miss.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pycountry

from extract.coding.classifier import SUB_EVENT_TYPES
from extract.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "seeds" / "corpus"  # absolute: tests and tools may run from any folder

SUB_TYPES: dict[str, str] = SUB_EVENT_TYPES  # ACLED sub-type -> event type, as the engine codes them
ACTOR_TYPES = {
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
}
NO_EVENT_REASONS = ("history", "statistic", "plan", "denial", "statement", "other")
SENTENCE_LABELS = set(SUB_TYPES) | {f"no event: {r}" for r in NO_EVENT_REASONS}

ANNOTATION_COLUMNS = [
    "doc_id", "event_key", "required", "event_type", "sub_event_type",
    "actor1", "actor1_type", "actor2", "actor2_type",
    "location", "admin1_code", "country_code", "geo_precision",
    "event_date", "time_precision",
    "fatalities", "fatalities_low", "fatalities_high", "wounded",
    "cross_border", "origin_country", "target_country",
    "evidence", "annotator",
]  # fmt: skip
EVENT_COLUMNS = [c for c in ANNOTATION_COLUMNS if c not in ("evidence", "annotator")] + [
    "evidence_start",
    "evidence_end",
    "annotator",
]
SENTENCE_COLUMNS = ["text", "label", "split", "source"]
CLUSTER_COLUMNS = ["doc_id", "event_key", "cluster_id"]

_COUNTRIES = {c.alpha_2 for c in pycountry.countries}
_SUBDIVISIONS = {s.code for s in pycountry.subdivisions}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Article:
    """One corpus article, as seeds/corpus/articles.jsonl holds it."""

    doc_id: str
    split: str
    source: str
    text: str
    published_at: str | None


def read_articles(corpus: Path = CORPUS) -> dict[str, Article]:
    """Corpus articles by doc_id."""
    articles = {}
    with (corpus / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            articles[row["doc_id"]] = Article(
                row["doc_id"], row["split"], row["source"], row["text"], row["published_at"]
            )
    return articles


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"'))


def find_evidence(text: str, quote: str) -> tuple[int, int] | None:
    """Character offsets of the quote in the text; whitespace and curly quotes are forgiven,
    because annotators copy from renderings that change them."""
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    pattern = r"\s+".join(re.escape(part) for part in _squash(quote).strip().split(" "))
    pattern = pattern.replace("'", "['\u2019]").replace('"', '["\u201c\u201d]')
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None


def _is_int(value: str) -> bool:
    return value.isdigit()


def check_event(row: dict[str, str], articles: dict[str, Article]) -> list[str]:
    """Every way the row breaks the guide, as short reasons (empty when it is fine)."""
    problems = []
    if row["doc_id"] not in articles:
        return [f"unknown doc_id {row['doc_id']!r}"]
    if not row["event_key"]:
        problems.append("event_key is empty")
    if row["required"] not in ("true", "false"):
        problems.append(f"required={row['required']!r}: expected true or false")
    sub = row["sub_event_type"]
    if sub not in SUB_TYPES:
        problems.append(f"sub_event_type={sub!r} is not an ACLED sub-type")
    elif row["event_type"] != SUB_TYPES[sub]:
        problems.append(f"event_type={row['event_type']!r}: {sub} belongs to {SUB_TYPES[sub]}")
    for slot in ("actor1", "actor2"):
        kind = row[f"{slot}_type"]
        if row[slot] and kind not in ACTOR_TYPES:
            problems.append(f"{slot}_type={kind!r} is not an ACLED actor type")
        if not row[slot] and kind:
            problems.append(f"{slot}_type given without {slot}")
    if not row["actor1"]:
        problems.append("actor1 is empty")
    for column in ("country_code", "origin_country", "target_country"):
        if row[column] and row[column] not in _COUNTRIES:
            problems.append(f"{column}={row[column]!r} is not an ISO 3166-1 alpha-2 code")
    if row["admin1_code"] and row["admin1_code"] not in _SUBDIVISIONS:
        problems.append(f"admin1_code={row['admin1_code']!r} is not an ISO 3166-2 code")
    if row["admin1_code"] and not row["admin1_code"].startswith(row["country_code"] + "-"):
        problems.append(f"admin1_code {row['admin1_code']} is not in {row['country_code']}")
    if row["geo_precision"] not in ("1", "2", "3", ""):
        problems.append(f"geo_precision={row['geo_precision']!r}: expected 1, 2 or 3")
    if row["event_date"] and not _DATE.match(row["event_date"]):
        problems.append(f"event_date={row['event_date']!r}: expected YYYY-MM-DD")
    if row["time_precision"] not in ("1", "2", "3", ""):
        problems.append(f"time_precision={row['time_precision']!r}: expected 1, 2 or 3")
    for column in ("fatalities", "fatalities_low", "fatalities_high", "wounded"):
        if row[column] and not _is_int(row[column]):
            problems.append(f"{column}={row[column]!r}: expected a whole number or empty")
    if row["fatalities"] and row["fatalities_low"] and row["fatalities"] != row["fatalities_low"]:
        problems.append("fatalities must equal fatalities_low (the conservative figure)")
    if row["cross_border"] not in ("true", "false"):
        problems.append(f"cross_border={row['cross_border']!r}: expected true or false")
    if row["cross_border"] == "true" and not (row["origin_country"] and row["target_country"]):
        problems.append("a cross-border event needs origin_country and target_country")
    if row.get("evidence") is not None and find_evidence(articles[row["doc_id"]].text, row["evidence"]) is None:
        problems.append(f"evidence not found in the article: {row['evidence'][:60]!r}")
    if not row["annotator"]:
        problems.append("annotator is empty")
    return problems


def check_sentence(row: dict[str, str]) -> list[str]:
    """Reasons a labelled sentence breaks the guide."""
    problems = []
    if not row.get("text", "").strip():
        problems.append("text is empty")
    if row.get("label") not in SENTENCE_LABELS:
        problems.append(f"label={row.get('label')!r} is not a sub-type or 'no event: <reason>'")
    return problems


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(handle)]


def annotation_files(corpus: Path = CORPUS) -> Iterator[Path]:
    """First-coder event files, in name order (second coding lives apart, in agreement/)."""
    yield from sorted(p for p in (corpus / "annotations").glob("*.csv") if not p.stem.endswith("_sentences"))


def check_file(path: Path, articles: dict[str, Article]) -> list[str]:
    """Problems of one annotation file, each prefixed with its line."""
    problems = []
    rows = _read_csv(path)
    if rows and set(ANNOTATION_COLUMNS) - set(rows[0]):
        return [f"{path}: missing columns {sorted(set(ANNOTATION_COLUMNS) - set(rows[0]))}"]
    keys: set[tuple[str, str]] = set()
    for line, row in enumerate(rows, start=2):
        key = (row["doc_id"], row["event_key"])
        if key in keys:
            problems.append(f"{path}:{line}: duplicate event_key {key}")
        keys.add(key)
        problems += [f"{path}:{line}: {p}" for p in check_event(row, articles)]
    return problems


def build_events(corpus: Path = CORPUS) -> list[dict[str, str]]:
    """events.csv rows from every annotation file, evidence quotes turned into offsets."""
    articles = read_articles(corpus)
    events = []
    for path in annotation_files(corpus):
        for row in _read_csv(path):
            found = find_evidence(articles[row["doc_id"]].text, row["evidence"])
            if found is None:
                raise ValueError(f"{path}: evidence not found for {row['doc_id']} {row['event_key']}")
            out = {c: row.get(c, "") for c in EVENT_COLUMNS}
            out["evidence_start"], out["evidence_end"] = str(found[0]), str(found[1])
            events.append(out)
    return events


def build_sentences(corpus: Path = CORPUS) -> list[dict[str, str]]:
    """sentences.csv rows: the written ones (with their own split) and those taken from corpus
    articles (split and source from the article, so a test article's sentences stay test)."""
    articles = read_articles(corpus)
    rows = []
    for path in sorted((corpus / "annotations").glob("*_sentences.csv")):
        for row in _read_csv(path):
            doc_id = row.get("doc_id", "")
            if doc_id:
                article = articles[doc_id]
                rows.append({"text": row["text"], "label": row["label"], "split": article.split,
                             "source": f"{article.source} {doc_id}"})  # fmt: skip
            else:
                out = {c: row.get(c, "") for c in SENTENCE_COLUMNS}
                out["split"] = out["split"] or written_split(out["text"])
                rows.append(out)
    return rows


def written_split(text: str) -> str:
    """A written sentence's split, from a hash of its text: stable, and chosen by no one."""
    bucket = int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "test" if bucket < 20 else "dev" if bucket < 35 else "train"


def _write(path: Path, columns: list[str], rows: Iterable[dict[str, str]]) -> int:
    rows = list(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["check", "build"])
    parser.add_argument("files", nargs="*", type=Path, help="annotation files to check (default: all)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    articles = read_articles(args.corpus)
    if args.command == "check":
        files = args.files or list(annotation_files(args.corpus))
        problems = []
        for path in files:
            if path.stem.endswith("_sentences"):
                problems += [f"{path}:{i}: {p}" for i, row in enumerate(_read_csv(path), start=2)
                             for p in check_sentence(row)]  # fmt: skip
            else:
                problems += check_file(path, articles)
        print("\n".join(problems) if problems else f"{len(files)} file(s): no problems")
        return 1 if problems else 0
    n_events = _write(args.corpus / "events.csv", EVENT_COLUMNS, build_events(args.corpus))
    n_sentences = _write(args.corpus / "sentences.csv", SENTENCE_COLUMNS, build_sentences(args.corpus))
    print(f"wrote {n_events} events and {n_sentences} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
