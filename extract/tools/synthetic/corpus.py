"""Corpus files: batches of .txt, .jsonl, .csv and .html files, streamed, with the truth CSV
beside the folder; and the command line."""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import queue
import random
import re
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from extract.tools.synthetic.articles import _slug, render
from extract.tools.synthetic.phrases import KEPT_NOISE
from extract.tools.synthetic.plans import _block_kind, _rng, article_role, is_html
from extract.tools.synthetic.vocabulary import BATCH, BLOCK, OUTLETS, TRUTH_COLUMNS
from extract.tools.synthetic.writing import _Article

# ======================================================================================
# Files.
# ======================================================================================


@dataclass(frozen=True)
class CorpusSummary:
    folder: Path
    articles: int  # article records written (including duplicates)
    files: int  # files written
    bytes: int  # total bytes written
    duplicates: int  # records that are exact copies of an earlier article
    with_event: int  # articles composed around at least one event sentence
    truth_path: Path  # CSV: one row per composed event


def truth_path_for(folder: Path, start: int = 0) -> Path:
    """Beside the corpus folder, never inside it: the loader reads every file below the folder."""
    folder = folder.resolve()
    suffix = ".truth.csv" if start == 0 else f".truth-from-{start}.csv"
    return folder.parent / f"{folder.name}{suffix}"


class _FileWriter:
    """Writes files on one background thread, so the disk works while the next articles are
    composed (file creation costs as much as composing on a busy disk). At most ``depth``
    files wait in memory; the first write error is raised in the caller's thread."""

    def __init__(self, depth: int = 256) -> None:
        self._queue: queue.Queue[tuple[Path, bytes] | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="synthetic-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is None:
                try:
                    item[0].write_bytes(item[1])
                except BaseException as error:  # reported to the caller by write() or close()
                    self._error = error

    def write(self, path: Path, data: bytes) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put((path, data))

    def __enter__(self) -> _FileWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self._queue.put(None)
        self._thread.join()
        if kind is None and self._error is not None:
            raise self._error


@dataclass
class _Tally:
    files: _FileWriter
    written: int = 0
    bytes: int = 0
    duplicates: int = 0
    with_event: int = 0
    batches: set[int] = field(default_factory=set)


def write_corpus(folder: Path, count: int, seed: int = 0, start: int = 0) -> CorpusSummary:
    """Write `count` articles numbered start..start+count-1 under `folder` (created if needed).
    Same (count, seed, start) -> byte-identical files. `start` lets the bench add 100 *new*
    articles to an existing 100k corpus (different ids, different text, different file names).

    The truth file goes beside the folder, not inside it (the loader reads every file below the
    folder): ``<folder>.truth.csv``, or ``<folder>.truth-from-<start>.csv`` when ``start`` > 0.
    A ``start`` that is a multiple of 100 guarantees no verbatim copy of an earlier call's text."""
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    truth_path = truth_path_for(folder, start)
    with _FileWriter() as files, truth_path.open("w", encoding="utf-8", newline="") as handle:
        tally = _Tally(files)
        truth = csv.writer(handle, lineterminator="\n")
        truth.writerow(TRUTH_COLUMNS)
        for first, last in _blocks(start, start + count):
            kind = _block_kind(seed, first // BLOCK)
            batch = folder / f"batch-{first // BATCH:04d}"
            if first // BATCH not in tally.batches:
                batch.mkdir(exist_ok=True)
                tally.batches.add(first // BATCH)
            if kind == "files":
                for number in range(first, last):
                    _write_single(seed, number, batch, folder, truth, tally)
            else:
                _write_feed(seed, kind, range(first, last), batch, folder, truth, tally)
    return CorpusSummary(folder, count, tally.written, tally.bytes, tally.duplicates, tally.with_event, truth_path)


def _blocks(start: int, end: int) -> Iterator[tuple[int, int]]:
    """[first, last) ranges that never cross a block (and so never a batch folder)."""
    number = start
    while number < end:
        last = min(end, (number // BLOCK + 1) * BLOCK)
        yield number, last
        number = last


def _record_text(seed: int, number: int) -> tuple[_Article, str, bool]:
    """The article, the text its record carries, and whether it is a verbatim copy.

    A copy carries its source's text exactly as the source's own file held it."""
    role = article_role(seed, number)
    article = render(seed, number)
    if role.kind == "copy" and role.source is not None:
        text = article.text(_block_kind(seed, role.source // BLOCK) == "files")
        outlet = _rng(seed, number, "copy").choice([o for o in OUTLETS if o != article.outlet])
        url = f"https://www.{outlet.domain}/wires/{_slug(article.title or text)}-{number}"
        return replace(article, number=number, outlet=outlet, url=url), text, True
    return article, article.text(_block_kind(seed, number // BLOCK) == "files"), False


def _count_article(article: _Article, copy: bool, tally: _Tally) -> None:
    tally.duplicates += copy
    tally.with_event += bool(article.events)


def _truth_rows(number: int, relative: str, record: int | None, article: _Article) -> Iterator[tuple[object, ...]]:
    for event in article.events:
        yield (
            number,
            relative,
            "" if record is None else record,
            event.sub_event_type,
            event.actor1 or "",
            event.actor2 or "",
            event.place.name,
            event.place.admin1,
            event.place.country_code,
            "" if event.fatalities is None else event.fatalities,
        )


def _write_single(seed: int, number: int, batch: Path, root: Path, truth: Any, tally: _Tally) -> None:
    article, text, copy = _record_text(seed, number)
    rng = _rng(seed, number, "file")
    if is_html(seed, number):
        path, data = batch / f"a{number:07d}.html", _html_page(article).encode("utf-8")
    else:
        path = batch / f"a{number:07d}.txt"
        data = _encode_txt(rng, text)
    tally.files.write(path, data)
    relative = path.relative_to(root).as_posix()
    truth.writerows(_truth_rows(number, relative, None, article))
    tally.written += 1
    tally.bytes += len(data)
    _count_article(article, copy, tally)


def _encode_txt(rng: random.Random, text: str) -> bytes:
    """Mostly UTF-8; a few files saved on Windows (CRLF, a BOM, or cp1252)."""
    roll = rng.random()
    if roll < 0.05:
        text = text.replace("\n", "\r\n")
    if 0.05 <= roll < 0.06:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if 0.06 <= roll < 0.07:
        try:
            return text.encode("cp1252")
        except UnicodeEncodeError:
            pass
    return text.encode("utf-8")


def _write_feed(seed: int, kind: str, numbers: range, batch: Path, root: Path, truth: Any, tally: _Tally) -> None:
    """One .jsonl feed or .csv export holding the records of a block."""
    path = batch / (f"feed-{numbers[0]:07d}.jsonl" if kind == "jsonl" else f"export-{numbers[0]:07d}.csv")
    relative = path.relative_to(root).as_posix()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n") if kind == "csv" else None
    if writer:
        writer.writerow(("id", "title", "text", "date", "url", "source"))
    for line, number in enumerate(numbers):
        article, text, copy = _record_text(seed, number)
        record = {
            "id": f"a{number:07d}",
            "title": article.title,
            "text": text,
            "url": article.url,
            "source": article.outlet.name,
        }
        if writer:
            writer.writerow(
                (
                    record["id"],
                    article.title or "",
                    text,
                    article.published.isoformat(),
                    article.url,
                    article.outlet.name,
                )
            )
            truth.writerows(_truth_rows(number, relative, line + 2, article))
        else:
            record["published_at"] = (
                f"{article.published.isoformat()}T{_rng(seed, number, 'clock').randrange(24):02d}:00:00Z"
            )
            buffer.write(json.dumps(record, ensure_ascii=False) + "\n")
            truth.writerows(_truth_rows(number, relative, line + 1, article))
        _count_article(article, copy, tally)
    data = buffer.getvalue().encode("utf-8")
    tally.files.write(path, data)
    tally.written += 1
    tally.bytes += len(data)


def _html_page(article: _Article) -> str:
    """A news page with navigation, cookie banner and footer around the article."""
    e = html.escape
    title = article.title or " ".join(re.sub(r"^.*?\) [-–—]+ ", "", article.body.split("\n", 1)[0]).split()[:9])
    paragraphs = "\n".join(f"<p>{e(p.strip())}</p>" for p in article.body.split("\n") if p.strip())
    stamp = f"{article.published.isoformat()}T08:00:00+00:00"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(title)} | {e(article.outlet.name)}</title>"
        f'<meta property="og:title" content="{e(title)}"><meta property="og:site_name" content="{e(article.outlet.name)}">'
        f'<meta property="article:published_time" content="{stamp}"><link rel="canonical" href="{e(article.url)}"></head>\n'
        '<body><header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/middle-east">Middle East</a></nav></header>\n'
        f'<div class="cookie-banner">{e(KEPT_NOISE[0])}</div>\n'
        f'<main><article><h1>{e(title)}</h1><time datetime="{stamp}">{article.published:%d %B %Y}</time>\n{paragraphs}\n</article>\n'
        f'<aside><h2>Most read</h2><ul><li><a href="/1">Oil exports rise</a></li><li><a href="/2">Budget talks stall</a></li></ul></aside></main>\n'
        f"<footer>© {article.published.year} {e(article.outlet.name)}. All rights reserved.</footer></body></html>\n"
    )


# ======================================================================================
# Command line.
# ======================================================================================


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m extract.tools.synthetic",
        description="Write a synthetic corpus of conflict news articles (deterministic from a seed).",
    )
    parser.add_argument("--articles", type=int, required=True, help="number of articles to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="number of the first article (to extend a corpus)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into (created if needed)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    s = write_corpus(args.out, args.articles, seed=args.seed, start=args.start)
    print(
        f"{s.articles} articles ({s.with_event} with events, {s.duplicates} exact copies) in {s.files} files, "
        f"{s.bytes / 1e6:.1f} MB, to {s.folder} in {time.perf_counter() - started:.1f} s; truth: {s.truth_path}"
    )
    return 0
