"""Load articles from a folder of .txt, .jsonl/.json, .csv and .html files.

Every input either loads or lands in the rejections with a one-line reason; a bad file never
stops the others: whatever goes wrong while reading, decoding or parsing one file (a JSON
nested too deep, a 5,000-digit number, a CSV field over the csv module's limit, anything else)
sets that file aside and the load goes on. The same text under several names becomes one
article that keeps every name.

A publication date before 1900 or after tomorrow is not a date the article was published: the
article is kept without it (``published_at`` NULL, as if none was given) and the reason goes
to :attr:`LoadResult.warnings`, because losing a good article over its metadata would be worse
than not knowing its date; a mart spanning the year 9999 would be worse still.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from extract import settings
from extract.coding.dates import EARLIEST, latest_plausible, plausible
from extract.coding.models import Article, ArticleFile, Rejection
from extract.coding.text import content_hash
from extract.loading.decoding import decode, foreign_language
from extract.loading.reading import InputError, display_name, input_files, kind_problem, name_problem, read_input

__all__ = ["InputError", "decode", "foreign_language", "input_files"]

SUPPORTED = {".txt": "txt", ".jsonl": "jsonl", ".json": "json", ".csv": "csv", ".html": "html", ".htm": "html"}
RECORD_FIELDS = ("id", "title", "text", "published_at", "url", "source")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class LoadResult:
    """Articles keyed by content hash, plus the inputs that could not be loaded."""

    articles: dict[str, Article] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # listed in a batch but deleted since: not an error
    # loaded, with something set aside (an implausible publication date): path, line and reason
    warnings: list[Rejection] = field(default_factory=list)

    def add(self, article: Article) -> None:
        existing = self.articles.get(article.content_hash)
        if existing is None:
            self.articles[article.content_hash] = article
            return
        existing.files.extend(article.files)
        for name in ("title", "published_at", "url", "source"):
            if getattr(existing, name) is None:
                setattr(existing, name, getattr(article, name))


@dataclass(frozen=True)
class Record:
    """One article as it came in, before hashing."""

    doc_id: str
    text: str
    title: str | None = None
    published_at: date | None = None
    url: str | None = None
    source: str | None = None
    line: int | None = None
    note: str | None = None  # what was set aside while the record loaded (an implausible date)


def load_directory(
    input_dir: Path | str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    id_column: str = "id",
    text_column: str = "text",
) -> LoadResult:
    """Load every supported file below ``input_dir`` (files are read in sorted order)."""
    root = require_folder(input_dir)
    result = LoadResult()
    for path in input_files(root):
        load_file(path, root, result, max_bytes=max_bytes, id_column=id_column, text_column=text_column)
    return result


def load_listed(root: Path | str, files: list[str], max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    """Load the listed files (paths relative to ``root``), e.g. one batch the sensor found."""
    folder = require_folder(root)
    result = LoadResult()
    for name in files:
        path = folder / name
        if Path(name).is_absolute() or ".." in Path(name).parts:
            result.rejections.append(
                _reject(
                    name,
                    None,
                    "batch lists a path outside the input folder: remove it from the batch",
                    b"",
                    _now(),
                )
            )
        elif not os.path.lexists(path):
            result.missing.append(display_name(name))
        else:
            load_file(path, folder, result, max_bytes=max_bytes)
    return result


def require_folder(input_dir: Path | str) -> Path:
    """The input folder, or an error that says how to provide one."""
    root = Path(input_dir)
    if not root.is_dir():
        raise FileNotFoundError(
            f"Input folder {root} does not exist: create it and put articles there, "
            "or set CONFLICT_INPUT_DIR to the folder that holds them."
        )
    return root


def load_paths(
    paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES, id_column: str = "id", text_column: str = "text"
) -> LoadResult:
    """Load files and folders named on a command line into one result."""
    result = LoadResult()
    for path in paths:
        if path.is_dir():
            sub = load_directory(path, max_bytes=max_bytes, id_column=id_column, text_column=text_column)
            for article in sub.articles.values():
                result.add(article)
            result.rejections.extend(sub.rejections)
            result.warnings.extend(sub.warnings)
        elif os.path.lexists(path):
            load_file(path, path.parent, result, max_bytes=max_bytes, id_column=id_column, text_column=text_column)
        else:
            raise FileNotFoundError(f"{path} does not exist: give a file or folder of articles.")
    return result


def load_file(
    path: Path,
    root: Path,
    result: LoadResult,
    max_bytes: int = DEFAULT_MAX_BYTES,
    id_column: str = "id",
    text_column: str = "text",
) -> None:
    """Load one file into ``result``; problems become rejections, never exceptions.

    Whatever fails for this file (an unexpected error included) rejects this file alone, with
    the rejections of its records and nothing of it loaded."""
    now = _now()
    relative = _relative(path, root)
    staged = LoadResult()
    try:
        _load_file(path, root, staged, relative, now, max_bytes, id_column, text_column)
    except Exception as error:  # noqa: BLE001 - one file's failure of any kind must not stop the load
        reason = str(error) if isinstance(error, InputError) else _unexpected(error)
        result.rejections.append(_reject(relative, None, reason, b"", now))
        return
    if not all(_storable(a) for a in staged.articles.values()):
        reason = "text holds characters that cannot be stored (lone surrogates): fix the encoding of the file"
        result.rejections.append(_reject(relative, None, reason, b"", now))
        return
    for article in staged.articles.values():
        result.add(article)
    result.rejections.extend(staged.rejections)
    result.warnings.extend(staged.warnings)


def _storable(article: Article) -> bool:
    """Whether every text of the article is valid UTF-8, as the warehouse requires."""
    values = (article.text, article.doc_id, article.title, article.url, article.source)
    return not any(isinstance(v, str) and _SURROGATE.search(v) for v in values)


def _unexpected(error: Exception) -> str:
    """The one-line reason for an error no check foresaw."""
    if isinstance(error, RecursionError):
        return "data is nested too deeply to read: flatten the structure (a few levels of objects and lists)"
    if isinstance(error, ValueError) and "integer string conversion" in str(error):
        return "JSON holds a number with thousands of digits: quote it as a string or remove it"
    detail = " ".join(str(error).split())[:120]
    return f"file could not be read ({type(error).__name__}: {detail}): fix or remove the file"


def _load_file(
    path: Path,
    root: Path,
    result: LoadResult,
    relative: str,
    now: datetime,
    max_bytes: int,
    id_column: str,
    text_column: str,
) -> None:
    problem = name_problem(relative) or kind_problem(path)
    if problem:
        raise InputError(problem)
    fmt = SUPPORTED.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"unsupported file type '{path.suffix or '(none)'}': use .txt, .jsonl, .json, .csv or .html")
    if not _inside(path.resolve(), root.resolve()):
        raise InputError("link points outside the input folder: copy the file into the folder instead")
    raw = read_input(path, max_bytes)
    rejected_before = len(result.rejections)
    try:
        text, encoding = decode(raw)
        records = list(_records(fmt, path, text, result, relative, raw, now, id_column, text_column, root, max_bytes))
        if not records and len(result.rejections) == rejected_before:
            # a byte-order mark alone, a CSV header without rows, blank JSON Lines
            raise InputError("file holds no article: add the article text, or remove the file")
    except InputError as error:
        del result.rejections[rejected_before:]
        result.rejections.append(_reject(relative, None, str(error), raw, now))
        return
    for record in records:
        if not record.text.strip():
            result.rejections.append(
                _reject(relative, record.line, "record has no text: fill its text field", raw, now)
            )
            continue
        language = foreign_language(record.text)
        if language:
            result.rejections.append(
                _reject(
                    relative,
                    record.line,
                    f"text is in {language}, not English: set aside, the extractor codes English only",
                    record.text.encode(),
                    now,
                )
            )
            continue
        if record.note:
            result.warnings.append(_reject(relative, record.line, record.note, b"", now))
        digest = content_hash(record.text)
        article_file = ArticleFile(relative, record.line, record.doc_id, record.source, fmt, now)
        result.add(
            Article(
                content_hash=digest,
                doc_id=record.doc_id,
                text=record.text,
                format=fmt,
                title=record.title,
                published_at=record.published_at,
                url=record.url,
                source=record.source,
                encoding=encoding,
                files=[article_file],
            )
        )


def _records(
    fmt: str,
    path: Path,
    text: str,
    result: LoadResult,
    relative: str,
    raw: bytes,
    now: datetime,
    id_column: str,
    text_column: str,
    root: Path,
    max_bytes: int,
) -> Iterator[Record]:
    stem = display_name(path.stem)
    if fmt == "txt":
        yield Record(doc_id=stem, text=text)
    elif fmt == "html":
        yield _html_record(stem, text)
    elif fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"invalid JSON at line {error.lineno}: fix the file or save it as JSON Lines") from None
        items = data if isinstance(data, list) else [data]
        for number, item in enumerate(items, start=1):
            record = _mapping_record(
                item, stem, number if isinstance(data, list) else None, id_column, text_column, root, max_bytes
            )
            if isinstance(record, str):
                result.rejections.append(_reject(relative, number, record, raw, now))
            else:
                yield record
    elif fmt == "jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                result.rejections.append(
                    _reject(relative, number, "line is not valid JSON: fix or remove it", line.encode(), now)
                )
                continue
            except (RecursionError, ValueError) as error:
                result.rejections.append(_reject(relative, number, _unexpected(error), line.encode(), now))
                continue
            record = _mapping_record(item, f"{stem}:{number}", number, id_column, text_column, root, max_bytes)
            if isinstance(record, str):
                result.rejections.append(_reject(relative, number, record, line.encode(), now))
            else:
                yield record
    elif fmt == "csv":
        yield from _csv_records(text, stem, result, relative, now, id_column, text_column, root, max_bytes)


def _csv_records(
    text: str,
    stem: str,
    result: LoadResult,
    relative: str,
    now: datetime,
    id_column: str,
    text_column: str,
    root: Path,
    max_bytes: int,
) -> Iterator[Record]:
    """Rows of a CSV file, read strictly: a quote left open stops the reading at the row where
    it opened (the rows before load, the rest is reported), duplicate column names reject the
    file, and a quoted field that holds what look like whole rows is reported, not merged."""
    # the file is within the size limit already; a long article in one field is not an error
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes + 1))
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        fieldnames = reader.fieldnames
    except csv.Error as error:
        raise InputError(f"CSV header cannot be read ({error}): fix the first line") from None
    if not fieldnames or text_column not in fieldnames:
        raise InputError(
            f"CSV has no '{text_column}' column (columns: {', '.join(fieldnames or [])}): "
            "rename the column or pass --text-column"
        )
    duplicates = sorted({name for name in fieldnames if fieldnames.count(name) > 1})
    if duplicates:
        raise InputError(f"CSV has duplicate column names ({', '.join(duplicates)}): rename them so no column is lost")
    key = fieldnames.index(id_column) if id_column in fieldnames else 0
    # a record's number is its row's (the header is 1), as records were always keyed; reasons
    # name the physical line too, which differs once a quoted field spans lines
    number = 1
    while True:
        number += 1
        starts = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            result.rejections.append(
                _reject(
                    relative,
                    number,
                    f"CSV breaks at the row starting on line {starts} ({error}): close the quote opened there; "
                    "this row and the ones after it were not loaded",
                    b"",
                    now,
                )
            )
            return
        if None in row:
            result.rejections.append(
                _reject(
                    relative,
                    number,
                    "row has more fields than the header: quote fields that contain commas",
                    b"",
                    now,
                )
            )
            continue
        if any(value is None for value in row.values()):
            result.rejections.append(
                _reject(relative, number, "row has fewer fields than the header: fill the missing columns", b"", now)
            )
            continue
        swallowed = _swallowed_rows(row.values(), len(fieldnames), key)
        if swallowed:
            result.rejections.append(
                _reject(
                    relative,
                    number,
                    f"a quote opened on line {starts} runs over {swallowed} line(s) that look like rows of their own: "
                    "close the quote so they load separately",
                    b"",
                    now,
                )
            )
            continue
        record = _mapping_record(row, f"{stem}:{number}", number, id_column, text_column, root, max_bytes)
        if isinstance(record, str):
            result.rejections.append(_reject(relative, number, record, b"", now))
        else:
            yield record


def _swallowed_rows(values: Any, width: int, key: int) -> int:
    """How many lines inside the row's quoted fields parse as a whole row of the file whose key
    column looks like an id (no spaces, a digit): the sign of a quote that was never closed.
    Prose that spans lines (paragraphs of an article) does not look like that."""
    count = 0
    for value in values:
        if "\n" not in value:
            continue
        for inner in value.splitlines()[1:]:
            try:
                fields = next(csv.reader([inner]))
            except (csv.Error, StopIteration):
                continue
            candidate = fields[key].strip() if len(fields) == width else ""
            if candidate and not any(ch.isspace() for ch in candidate) and any(ch.isdigit() for ch in candidate):
                count += 1
    return count


def _mapping_record(
    item: Any,
    fallback_id: str,
    line: int | None,
    id_column: str,
    text_column: str,
    root: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Record | str:
    """A record from a JSON object or CSV row, or the reason it cannot be one.

    A record may give its text in a file instead (a ``path`` field relative to the input folder);
    such a path may not lead outside the folder, and must name a regular file within the size
    limit. An implausible publication date is dropped with a note (see the module docstring).
    """
    if not isinstance(item, dict):
        return "record is not an object with id, title, text fields"
    fields = {
        k: item.get(k) for k in (id_column, text_column, "title", "published_at", "date", "url", "source", "path")
    }
    if any(isinstance(v, str) and _SURROGATE.search(v) for v in fields.values()):
        return "record holds an invalid character (a lone surrogate such as \\ud800): fix the escape in the source"
    text = fields[text_column]
    if (not isinstance(text, str) or not text.strip()) and fields["path"]:
        text = _text_from_path(str(fields["path"]), root, max_bytes)
        if text.startswith("!"):
            return text[1:]
    if not isinstance(text, str) or not text.strip():
        return f"record has no '{text_column}': fill its text field"
    published_raw = fields["published_at"] or fields["date"]
    published = parse_date(published_raw) if published_raw else None
    if published_raw and published is None:
        return f"unreadable published_at {str(published_raw)[:40]!r}: use YYYY-MM-DD"
    note = implausible_date(published)
    doc_id = fields[id_column]
    return Record(
        doc_id=str(doc_id) if doc_id not in (None, "") else fallback_id,
        text=text,
        title=_text_or_none(fields["title"]),
        published_at=None if note else published,
        url=_text_or_none(fields["url"]),
        source=_text_or_none(fields["source"]),
        line=line,
        note=note,
    )


def implausible_date(value: date | None) -> str | None:
    """Why ``value`` cannot be a publication date (before 1900, after tomorrow), if it cannot."""
    if value is None or plausible(value):
        return None
    return (
        f"published_at {value.isoformat()} is outside {EARLIEST.isoformat()}..{latest_plausible().isoformat()}: "
        "kept the article without a publication date; correct the date in the source"
    )


def _html_record(stem: str, html: str) -> Record:
    """Main text and metadata of a web page, through trafilatura."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or len(body.split()) < 15:  # a menu or a cookie notice is not an article
        raise InputError("HTML page has no article body that could be extracted: save the article text instead")
    published = parse_date(getattr(extracted, "date", None)) if getattr(extracted, "date", None) else None
    note = implausible_date(published)
    return Record(
        doc_id=stem,
        text=body,
        title=_text_or_none(getattr(extracted, "title", None)),
        published_at=None if note else published,
        url=_text_or_none(getattr(extracted, "url", None)),
        source=_text_or_none(getattr(extracted, "sitename", None)),
        note=note,
    )


def _text_from_path(value: str, root: Path, max_bytes: int) -> str:
    """The text of a file named by a record, or '!' and the reason it cannot be read: only a
    regular file inside the input folder, within the size limit, read without blocking."""
    if "\x00" in value:
        return "!record path holds a NUL character: give a plain path inside the input folder"
    shown = display_name(value)[:200]
    try:
        target = (root / value).resolve()
    except (OSError, RuntimeError, ValueError):
        return f"!record path {shown!r} cannot be followed (a link loop?): fix the path"
    if Path(value).is_absolute() or not _inside(target, root.resolve()):
        return f"!record path {shown!r} leads outside the input folder: give a path inside it"
    try:
        return decode(read_input(target, max_bytes))[0]
    except (OSError, InputError) as error:
        detail = error.strerror if isinstance(error, OSError) else str(error).split(":")[0]
        return f"!record path {shown!r} cannot be read ({detail}): fix the path"


def parse_date(value: Any) -> date | None:
    """Dates as records carry them: ISO dates and datetimes, or M/D/YYYY."""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%d %B %Y", "%B %d, %Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _reject(path: str, line: int | None, reason: str, raw: bytes, now: datetime) -> Rejection:
    """A rejection that can be stored and printed: one line, valid UTF-8, no NUL."""
    preview = raw[:80].decode("utf-8", errors="replace").replace("\n", " ").replace("\x00", " ")
    one_line = " ".join(display_name(reason).replace("\x00", " ").split())
    return Rejection(path=display_name(path), line=line, reason=one_line, first_bytes=preview, rejected_at=now)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def max_file_bytes() -> int:
    """The per-file size limit (``CONFLICT_MAX_FILE_MB`` in :mod:`extract.settings`, default 5 MB)."""
    return settings.current().max_file_bytes
