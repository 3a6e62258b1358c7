"""``conflict-events``: extract events from article files and evaluate them against gold.

Errors are one line on standard error with what to do next, and a non-zero exit; never a
traceback for bad input.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from extract.coding.article import ArticleRecord, code_articles
from extract.loading.files import load_paths, max_file_bytes
from extract.tools.evaluation import FIELDS, evaluate, province_accuracy, read_gold


def _json_default(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def cmd_extract(args: argparse.Namespace) -> int:
    loaded = load_paths(
        [Path(p) for p in args.inputs],
        max_bytes=max_file_bytes(),
        id_column=args.id_column,
        text_column=args.text_column,
    )
    records = code_articles(loaded.articles.values())
    events = [event for record in records for event in record.events]
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as handle:
        for event in events:
            handle.write(json.dumps(asdict(event), default=_json_default, ensure_ascii=False) + "\n")
    if args.mentions:
        _write_mentions(Path(args.mentions), records)
    for rejection in loaded.rejections:
        where = f"{rejection.path}:{rejection.line}" if rejection.line else rejection.path
        print(f"skipped {where}: {rejection.reason}", file=sys.stderr)
    print(
        f"{len(loaded.articles)} articles, {len(events)} events -> {output} ({len(loaded.rejections)} inputs skipped)"
    )
    return 0


def _write_mentions(path: Path, records: list[ArticleRecord]) -> None:
    """Every actor, place and entity mention, one JSON object a line, ``kind`` saying which (the
    rows of ``extracted.actor_mentions``, ``place_mentions`` and ``entity_mentions``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            for kind, mentions in (
                ("actor", record.actor_mentions),
                ("place", record.place_mentions),
                ("entity", record.entity_mentions),
            ):
                for mention in mentions:
                    row = {"kind": kind, **asdict(mention)}
                    handle.write(json.dumps(row, default=_json_default, ensure_ascii=False) + "\n")


def cmd_evaluate(args: argparse.Namespace) -> int:
    if args.corpus:
        from extract.tools import corpus_evaluation

        json_path = Path(args.json) if args.json else None
        return corpus_evaluation.main(Path(args.corpus), args.split or ["dev"], json_path)
    if not (args.gold and args.predicted):
        raise ValueError("evaluate needs --corpus DIR (the hand-coded corpus) or both --gold and --predicted")
    gold = read_gold(Path(args.gold))
    predictions = []
    with Path(args.predicted).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    predictions.append(json.loads(line))
                except json.JSONDecodeError:
                    raise ValueError(
                        f"{args.predicted}:{number} is not valid JSON: pass the file written by 'conflict-events extract'"
                    ) from None
    result = evaluate(gold, predictions)
    print(f"precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}")
    print(
        f"predicted {result.predicted}  required {result.required}  matched required {result.matched_required}  matched optional {result.matched_optional}"
    )
    print("field agreement over matched pairs:")
    for name in FIELDS:
        print(f"  {name:<17} {result.field_agreement.get(name, 0.0):.3f}")
    for missed in result.missed:
        print(
            f"missed: {missed['doc_id']} {missed['sub_event_type']} {missed['actor1']} -> {missed['actor2']} at {missed['location'] or missed['country']}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(result.as_dict(), indent=2, default=_json_default), encoding="utf-8")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from extract.tools import train

    argv = ["--corpus", args.corpus]
    if args.acled:
        argv += ["--acled", args.acled]
    if args.output:
        argv += ["--output", args.output]
    status = train.main(argv)
    if status == 0 and args.acled:
        out = args.output or "warehouse/models"
        print(f"to code with it: CONFLICT_MODEL={out} make run (or export CONFLICT_MODEL={out})")
    return status


def cmd_provinces(args: argparse.Namespace) -> int:
    with Path(args.labels).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if rows and (args.id_column not in rows[0] or args.label_column not in rows[0]):
        raise ValueError(
            f"{args.labels} has no '{args.id_column}' or '{args.label_column}' column: pass --id-column and --label-column"
        )
    labels = {row[args.id_column]: row[args.label_column] for row in rows}
    predictions = [
        json.loads(line) for line in Path(args.predicted).read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    equivalents: dict[str, set[str]] = {}
    for item in args.equivalent or []:
        label, _, codes = item.partition("=")
        equivalents[label.strip().lower()] = {c.strip() for c in codes.split(",") if c.strip()}
    report = province_accuracy(labels, predictions, equivalents)
    print(f"articles {report.articles}  with an event {report.with_event} ({report.coverage:.1%})")
    print(
        f"main event in the labelled province: {report.correct} = {report.accuracy:.1%} of coded articles, {report.correct / max(report.articles, 1):.1%} of all"
    )
    for item in report.as_dict()["top_confusions"][:10]:
        print(f"  labelled {item['label']:<12} coded {item['predicted']:<28} {item['articles']}")
    if args.json:
        Path(args.json).write_text(json.dumps(report.as_dict(), indent=2), encoding="utf-8")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from extract.storage.stages import clean_stage, extract_stage, load_stage
    from extract.storage.warehouse import connect, warehouse_path

    path = Path(args.warehouse).expanduser().resolve() if args.warehouse else warehouse_path()
    folder = Path(args.input).expanduser().resolve()
    if not folder.is_dir():
        raise FileNotFoundError(
            f"input folder {folder} does not exist: create it or pass --input with the folder of articles"
        )
    con = connect(path)
    try:
        loaded = load_stage(con, folder, rebuild=args.rebuild, log=lambda m: print(m, file=sys.stderr))
        cleaned = clean_stage(con)
        extracted = extract_stage(con, batch_size=args.batch_size, log=lambda m: print(m, file=sys.stderr))
    finally:
        con.close()
    print(
        f"{loaded['articles_in_input']} articles in {folder} ({loaded['new_articles']} new, {loaded['rejections_in_input']} inputs skipped); "
        f"{cleaned['cleaned']} cleaned; {extracted['events_this_run']} events from {extracted['articles_extracted']} articles -> {path}"
    )
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from extract.storage.warehouse import connect, warehouse_path
    from extract.tools import review

    directory = Path(args.reference_dir).expanduser().resolve() if args.reference_dir else None
    kinds = ["actor", "place"] if args.kind in (None, "all") else [review.KINDS[args.kind]]
    if args.reject:
        for kind in kinds:
            print(review.reject(args.reject, kind, directory, args.note))
        return 0
    if args.accept:
        if bool(args.as_actor) == bool(args.as_place):
            raise ValueError("--accept NAME needs one of --as-actor CANONICAL or --as-place CANONICAL")
        if args.as_actor:
            print(
                review.accept_actor(
                    args.accept,
                    args.as_actor,
                    directory,
                    parent=args.parent,
                    actor_type=args.type,
                    country_code=args.country,
                    description=args.description,
                    note=args.note,
                )
            )
        else:
            print(
                review.accept_place(
                    args.accept,
                    args.as_place,
                    directory,
                    feature_kind=args.feature_kind,
                    admin1_code=args.admin1_code,
                    latitude=args.lat,
                    longitude=args.lon,
                    note=args.note,
                )
            )
        print("the next run (make run, or conflict-events ingest) re-codes the articles with it")
        return 0
    path = Path(args.warehouse).expanduser().resolve() if args.warehouse else warehouse_path()
    if not path.exists():
        raise FileNotFoundError(
            f"no warehouse at {path}: run 'make run' or 'conflict-events ingest' first, or pass --warehouse"
        )
    con = connect(path, read_only=True)
    try:
        missing = review.missing_marts(con)
        if missing:
            raise RuntimeError(
                f"{path} has no {', '.join(missing)} yet: run 'make run' (dbt builds the review marts from the extraction)"
            )
        for kind in kinds:
            found = review.candidates(con, kind, directory, min_mentions=args.min_mentions, similar_for=args.limit)
            print(f"== candidate {kind}s: {len(found)} ==")
            print(review.format_candidates(found, args.limit))
    finally:
        con.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conflict-events", description="Code ACLED-style conflict events from news articles."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="extract events from files or folders of articles")
    extract.add_argument("inputs", nargs="+", help=".txt, .jsonl, .json, .csv or .html files, or folders of them")
    extract.add_argument("--output", "-o", required=True, help="JSON Lines file to write, one event per line")
    extract.add_argument("--id-column", default="id", help="CSV/JSON field holding the article id (default: id)")
    extract.add_argument(
        "--text-column", default="text", help="CSV/JSON field holding the article text (default: text)"
    )
    extract.add_argument("--mentions", help="also write every actor, place and entity mention to this JSON Lines file")
    extract.set_defaults(func=cmd_extract)
    ev = sub.add_parser(
        "evaluate",
        help="score the pipeline on a split of the hand-coded corpus, or extracted events against a gold CSV",
    )
    ev.add_argument(
        "--corpus", help="the hand-coded corpus folder (seeds/corpus): run the pipeline on --split and score it"
    )
    ev.add_argument(
        "--split",
        action="append",
        choices=["train", "dev", "test"],
        help="corpus split (repeat for several; default dev)",
    )
    ev.add_argument("--gold", help="gold events CSV (with --predicted)")
    ev.add_argument("--predicted", help="events JSON Lines from 'conflict-events extract'")
    ev.add_argument("--json", help="also write the scores to this JSON file")
    ev.set_defaults(func=cmd_evaluate)
    tr = sub.add_parser(
        "train", help="train the engine's models (make train), or the sentence model on your ACLED export"
    )
    tr.add_argument(
        "--acled", help="an ACLED export (CSV with notes, event_type, sub_event_type); written to warehouse/models"
    )
    tr.add_argument(
        "--output", help="model folder to write (default: the committed models, or warehouse/models with --acled)"
    )
    tr.add_argument("--corpus", default="seeds/corpus", help="the hand-coded corpus (default: seeds/corpus)")
    tr.set_defaults(func=cmd_train)
    ig = sub.add_parser("ingest", help="load, clean and extract a folder into the warehouse (no dbt, no Dagster)")
    ig.add_argument("--input", default="seeds/articles", help="folder of articles (default: seeds/articles)")
    ig.add_argument("--warehouse", help="DuckDB file (default: CONFLICT_WAREHOUSE or warehouse/conflict.duckdb)")
    ig.add_argument("--rebuild", action="store_true", help="forget files no longer in the folder, and their events")
    ig.add_argument("--batch-size", type=int, default=500, help="articles written per transaction")
    ig.set_defaults(func=cmd_ingest)
    rv = sub.add_parser(
        "review",
        help="list names that look like armed groups or places but are not in seeds/reference; accept or reject them",
        description="Without --accept/--reject: list the candidates in the warehouse. With them: record the decision in "
        "review_decisions.csv and, for --accept, add the name to the reference files, so that the next run resolves it.",
    )
    rv.add_argument("--warehouse", help="DuckDB file (default: CONFLICT_WAREHOUSE or warehouse/conflict.duckdb)")
    rv.add_argument(
        "--reference-dir", help="reference folder to change (default: CONFLICT_REFERENCE_DIR or seeds/reference)"
    )
    rv.add_argument("--kind", choices=["actors", "places", "all"], help="which candidates (default: all)")
    rv.add_argument("--limit", type=int, default=30, help="list at most this many of each kind (default: 30)")
    rv.add_argument("--min-mentions", type=int, default=1, help="list only names mentioned at least this often")
    rv.add_argument("--accept", metavar="NAME", help="accept this candidate name")
    rv.add_argument(
        "--as-actor", metavar="CANONICAL", help="... as (an alias of) this actor of actors.csv, or a new actor"
    )
    rv.add_argument("--parent", help="parent actor of a new actor (e.g. 'Syrian Rebels')")
    rv.add_argument("--type", help="ACLED actor type of a new actor (e.g. 'Rebel group', 'Political militia')")
    rv.add_argument("--country", help="ISO alpha-2 country of a new actor")
    rv.add_argument("--description", help="description of a new actor")
    rv.add_argument(
        "--as-place", metavar="CANONICAL", help="... as a spelling of this gazetteer place, or a new place of this name"
    )
    rv.add_argument("--feature-kind", help="kind of a new place (village, town, city, neighbourhood, camp, ...)")
    rv.add_argument("--admin1-code", help="ISO 3166-2 province of a new place (e.g. SY-HM)")
    rv.add_argument("--lat", type=float, help="latitude of a new place")
    rv.add_argument("--lon", type=float, help="longitude of a new place")
    rv.add_argument("--reject", metavar="NAME", help="reject this candidate name (for --kind, or both kinds)")
    rv.add_argument("--note", help="a note kept with the decision")
    rv.set_defaults(func=cmd_review)
    pv = sub.add_parser("provinces", help="how often each article's main event lands in its labelled province")
    pv.add_argument("--labels", required=True, help="CSV with an article id column and a province label column")
    pv.add_argument("--predicted", required=True, help="events JSON Lines from 'conflict-events extract'")
    pv.add_argument("--id-column", default="id")
    pv.add_argument("--label-column", default="location")
    pv.add_argument(
        "--equivalent", action="append", help="LABEL=ISO,ISO: codes that also count for a label (repeatable)"
    )
    pv.add_argument("--json", help="also write the report to this JSON file")
    pv.set_defaults(func=cmd_provinces)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except (FileNotFoundError, ValueError, PermissionError, OSError, RuntimeError) as error:
        print(f"conflict-events: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
