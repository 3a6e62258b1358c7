"""Batches of input files: which files are new or changed in the input folder, and the small
manifests that name the files of one batch (a partition of the Dagster ingestion assets).

The batch ``all`` is the whole input folder (what ``make run`` and the daily schedule load).
Every other batch is the files that were new or changed when the sensor looked, listed in a
manifest, so that one batch can be re-run or backfilled from the UI.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from datetime import datetime, timezone
from pathlib import Path

from extract import settings
from extract.loading.files import input_files

ALL = "all"


def batch_dir() -> Path:
    """Where batch manifests live: ``CONFLICT_BATCH_DIR`` or ``batches/`` beside the warehouse."""
    return settings.current().batch_dir


def write_manifest(key: str, files: list[str]) -> Path:
    """Record which files (relative to the input folder) make up a batch."""
    folder = batch_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{key}.json"
    created = datetime.now(timezone.utc).isoformat(timespec="seconds")
    path.write_text(
        json.dumps({"batch": key, "created_at": created, "files": sorted(files)}, indent=2), encoding="utf-8"
    )
    return path


def batch_files(key: str) -> list[str] | None:
    """The files of a batch, or None for the whole folder (batch ``all``)."""
    if key == ALL:
        return None
    path = batch_dir() / f"{key}.json"
    if not path.exists():
        raise FileNotFoundError(
            f"batch {key} has no manifest at {path}: run partition 'all' to load the whole input folder"
        )
    return list(json.loads(path.read_text(encoding="utf-8"))["files"])


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def scan(folder: Path, seen: dict[str, dict[str, str]]) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Current state of the folder and the files whose content is new or changed.

    A file is hashed only when its size or time differs from what the cursor holds, so an
    unchanged folder costs one stat per file; a file touched but not changed starts no run.
    Entries that are not regular files are never opened, only noted, so that the batch they
    join gives each its reason.
    """
    state: dict[str, dict[str, str]] = {}
    changed: list[str] = []
    if not folder.is_dir():
        return state, changed
    for path in input_files(folder):
        name = path.relative_to(folder).as_posix()
        stamp = _stamp(path)
        before = seen.get(name)
        if before and before["stamp"] == stamp:
            digest = before["sha"]
        elif stamp.startswith("!"):
            digest = stamp  # not a regular file: never opened here (a FIFO would block the sensor)
        else:
            try:
                digest = file_hash(path)
            except OSError as error:
                digest = f"!unreadable {error.errno}"
        state[name] = {"stamp": stamp, "sha": digest}
        if not before or before["sha"] != digest:
            changed.append(name)
    return state, changed


def _stamp(path: Path) -> str:
    """Size and modification time of a regular file; for anything else (a link to nothing, a
    FIFO, a folder that cannot be read) a mark starting with '!' that the loader will explain."""
    try:
        info = os.stat(path)
    except OSError as error:
        return f"!missing {error.errno}"
    if not stat.S_ISREG(info.st_mode):
        return f"!special {stat.S_IFMT(info.st_mode)}:{info.st_mtime_ns}"
    return f"{info.st_size}:{info.st_mtime_ns}"


def batch_key(state: dict[str, dict[str, str]], changed: list[str]) -> str:
    """A new batch's key: when it was found and a short hash of its files' contents."""
    fingerprint = hashlib.sha256(
        json.dumps({n: state[n]["sha"] for n in changed}, sort_keys=True).encode()
    ).hexdigest()[:8]
    return f"{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S')}-{fingerprint}"


def input_dir(configured: str = "") -> Path:
    """The input folder: ``configured`` (run config), else ``CONFLICT_INPUT_DIR``, else the
    sample articles."""
    return Path(configured).expanduser().resolve() if configured else settings.current().input_dir
