"""Load articles from a folder of .txt, .jsonl/.json, .csv and .html files.

Every input either loads or lands in the rejections with a one-line reason; a bad file never
stops the others. The same text under several names becomes one article that keeps every name.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from extract import settings
from extract.coding.models import Article, ArticleFile, Rejection
from extract.coding.text import content_hash

SUPPORTED = {".txt": "txt", ".jsonl": "jsonl", ".json": "json", ".csv": "csv", ".html": "html", ".htm": "html"}
RECORD_FIELDS = ("id", "title", "text", "published_at", "url", "source")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass
class LoadResult:
    """Articles keyed by content hash, plus the inputs that could not be loaded."""

    articles: dict[str, Article] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # listed in a batch but deleted since: not an error

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


class InputError(ValueError):
    """A whole input (file or record) cannot be loaded; the message is the user-facing reason."""


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
        if not _inside(path.resolve(), folder.resolve()):
            result.rejections.append(
                _reject(
                    name,
                    None,
                    "batch lists a path outside the input folder: remove it from the batch",
                    b"",
                    datetime.now(timezone.utc).replace(tzinfo=None),
                )
            )
        elif not path.is_file():
            result.missing.append(name)
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


def input_files(root: Path) -> list[Path]:
    """Every file below ``root`` in sorted order, without descending into linked folders and
    without hidden files (editors' swap files, .DS_Store)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder) / name for name in files if not name.startswith("."))
    return sorted(found)


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
        elif path.is_file():
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
    """Load one file into ``result``; problems become rejections, never exceptions."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    relative = _relative(path, root)
    fmt = SUPPORTED.get(path.suffix.lower())
    if fmt is None:
        result.rejections.append(
            _reject(
                relative,
                None,
                f"unsupported file type '{path.suffix or '(none)'}': use .txt, .jsonl, .json, .csv or .html",
                b"",
                now,
            )
        )
        return
    try:
        if not _inside(path.resolve(), root.resolve()):
            raise InputError("link points outside the input folder: copy the file into the folder instead")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit: split it or raise CONFLICT_MAX_FILE_MB"
            )
        raw = path.read_bytes()
    except InputError as error:
        result.rejections.append(_reject(relative, None, str(error), b"", now))
        return
    except OSError as error:
        result.rejections.append(
            _reject(relative, None, f"cannot read file ({error.strerror}): check its permissions", b"", now)
        )
        return
    rejected_before = len(result.rejections)
    try:
        text, encoding = decode(raw)
        records = list(_records(fmt, path, text, result, relative, raw, now, id_column, text_column, root))
        if not records and len(result.rejections) == rejected_before:
            # a byte-order mark alone, a CSV header without rows, blank JSON Lines
            raise InputError("file holds no article: add the article text, or remove the file")
    except InputError as error:
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


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)


def decode(raw: bytes) -> tuple[str, str]:
    """Text and a note of how it was decoded.

    UTF-8 first; a UTF-8 file with a few bad bytes keeps its text with those bytes replaced and
    says so; other encodings (cp1256 Arabic, latin-1...) are detected by charset-normalizer.
    """
    if not raw.strip():
        raise InputError("file is empty: remove it or add the article text")
    head = raw[:4096]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if b"\x00" in head or controls > len(head) * 0.05:
        raise InputError("file is binary, not text: save the article as .txt, .jsonl, .csv or .html")
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    lenient = raw.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    multibyte = sum(1 for ch in lenient if ord(ch) > 127 and ch != "\ufffd")
    if multibyte and bad <= max(3, multibyte // 10):
        return lenient, f"utf-8 ({bad} invalid bytes replaced)"
    # English text with a few accented letters or curly quotes is almost always Windows-1252;
    # detection only pays where most of the text is non-ASCII (cp1256 Arabic, cp1251...).
    if sum(b > 127 for b in raw) < len(raw) * 0.15:
        return raw.decode("cp1252", errors="replace"), "cp1252"
    import charset_normalizer

    best = charset_normalizer.from_bytes(raw).best()
    if best is not None:
        return str(best), best.encoding
    return raw.decode("cp1252", errors="replace"), "cp1252 (undecodable bytes replaced)"


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
) -> Iterator[Record]:
    stem = path.stem
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
                item, stem, number if isinstance(data, list) else None, id_column, text_column, root
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
            record = _mapping_record(item, f"{stem}:{number}", number, id_column, text_column, root)
            if isinstance(record, str):
                result.rejections.append(_reject(relative, number, record, line.encode(), now))
            else:
                yield record
    elif fmt == "csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or text_column not in reader.fieldnames:
            raise InputError(
                f"CSV has no '{text_column}' column (columns: {', '.join(reader.fieldnames or [])}): "
                "rename the column or pass --text-column"
            )
        for number, row in enumerate(reader, start=2):
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
                    _reject(
                        relative, number, "row has fewer fields than the header: fill the missing columns", b"", now
                    )
                )
                continue
            record = _mapping_record(row, f"{stem}:{number}", number, id_column, text_column, root)
            if isinstance(record, str):
                result.rejections.append(_reject(relative, number, record, b"", now))
            else:
                yield record


def _mapping_record(
    item: Any, fallback_id: str, line: int | None, id_column: str, text_column: str, root: Path
) -> Record | str:
    """A record from a JSON object or CSV row, or the reason it cannot be one.

    A record may give its text in a file instead (a ``path`` field relative to the input folder);
    such a path may not lead outside the folder.
    """
    if not isinstance(item, dict):
        return "record is not an object with id, title, text fields"
    text = item.get(text_column)
    if (not isinstance(text, str) or not text.strip()) and item.get("path"):
        text = _text_from_path(str(item["path"]), root)
        if text.startswith("!"):
            return text[1:]
    if not isinstance(text, str) or not text.strip():
        return f"record has no '{text_column}': fill its text field"
    published_raw = item.get("published_at") or item.get("date")
    published = parse_date(published_raw) if published_raw else None
    if published_raw and published is None:
        return f"unreadable published_at {str(published_raw)[:40]!r}: use YYYY-MM-DD"
    doc_id = item.get(id_column)
    return Record(
        doc_id=str(doc_id) if doc_id not in (None, "") else fallback_id,
        text=text,
        title=_text_or_none(item.get("title")),
        published_at=published,
        url=_text_or_none(item.get("url")),
        source=_text_or_none(item.get("source")),
        line=line,
    )


def _html_record(stem: str, html: str) -> Record:
    """Main text and metadata of a web page, through trafilatura."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or len(body.split()) < 15:  # a menu or a cookie notice is not an article
        raise InputError("HTML page has no article body that could be extracted: save the article text instead")
    published = parse_date(getattr(extracted, "date", None)) if getattr(extracted, "date", None) else None
    return Record(
        doc_id=stem,
        text=body,
        title=_text_or_none(getattr(extracted, "title", None)),
        published_at=published,
        url=_text_or_none(getattr(extracted, "url", None)),
        source=_text_or_none(getattr(extracted, "sitename", None)),
    )


def _text_from_path(value: str, root: Path) -> str:
    """The text of a file named by a record, or '!' and the reason it cannot be read."""
    target = (root / value).resolve()
    if Path(value).is_absolute() or not _inside(target, root.resolve()):
        return f"!record path {value!r} leads outside the input folder: give a path inside it"
    try:
        return decode(target.read_bytes())[0]
    except (OSError, InputError) as error:
        return f"!record path {value!r} cannot be read ({error}): fix the path"


_LANGUAGE_ID = None
# a thousand characters decide the language as surely as the whole text, at a third of the cost
LANGUAGE_SAMPLE = 1000
# English news has dozens of these in a thousand characters; other languages next to none
_ENGLISH_WORDS = (" the ", " of ", " and ", " to ", " in ", " was ", " were ", " said ")
ENGLISH_WORDS_ENOUGH = 8


def foreign_language(text: str) -> str | None:
    """The language of a clearly non-English text ("Arabic (ar)"), else None.

    py3langid's bundled model decides; short texts and uncertain guesses count as English, so a
    terse English report is never set aside.
    """
    global _LANGUAGE_ID
    sample = text[:LANGUAGE_SAMPLE]
    if len(sample.strip()) < 40:
        return None
    lowered = f" {sample.lower()} "
    if sum(lowered.count(word) for word in _ENGLISH_WORDS) >= ENGLISH_WORDS_ENOUGH:
        return None  # plainly English: the model is not needed to say so
    if _LANGUAGE_ID is None:
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

        _LANGUAGE_ID = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    code, probability = _LANGUAGE_ID.classify(sample)
    if code == "en":
        return None
    letters = [ch for ch in sample if ch.isalpha()]
    mostly_other_script = bool(letters) and sum(ord(ch) < 0x250 for ch in letters) < len(letters) / 2
    if code == "en" or (probability < 0.9 and not mostly_other_script):
        return None
    import pycountry

    language = pycountry.languages.get(alpha_2=code)
    return f"{language.name if language else code} ({code})"


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
    preview = raw[:80].decode("utf-8", errors="replace").replace("\n", " ")
    return Rejection(path=path, line=line, reason=reason, first_bytes=preview, rejected_at=now)


def max_file_bytes() -> int:
    """The per-file size limit (``CONFLICT_MAX_FILE_MB`` in :mod:`extract.settings`, default 5 MB)."""
    return settings.current().max_file_bytes
