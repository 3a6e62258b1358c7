"""Input batches: the dynamic partitions of the ingestion assets.

The partition ``all`` is the whole input folder (what ``make run`` and the daily schedule load).
Every other partition is a batch the sensor found: the files that were new or changed when it
looked, listed in a small manifest, so that one batch can be re-run or backfilled from the UI.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg

from extract.storage.warehouse import warehouse_path

ALL = "all"
input_batches = dg.DynamicPartitionsDefinition(name="input_batches")


def batch_dir() -> Path:
    """Where batch manifests live: ``CONFLICT_BATCH_DIR`` or ``batches/`` beside the warehouse."""
    return Path(os.environ.get("CONFLICT_BATCH_DIR") or warehouse_path().parent / "batches").resolve()


def write_manifest(key: str, files: list[str]) -> Path:
    """Record which files (relative to the input folder) make up a batch."""
    folder = batch_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{key}.json"
    created = datetime.now(timezone.utc).isoformat(timespec="seconds")
    path.write_text(json.dumps({"batch": key, "created_at": created, "files": sorted(files)}, indent=2), encoding="utf-8")
    return path


def batch_files(key: str) -> list[str] | None:
    """The files of a batch, or None for the whole folder (partition ``all``)."""
    if key == ALL:
        return None
    path = batch_dir() / f"{key}.json"
    if not path.exists():
        raise FileNotFoundError(f"batch {key} has no manifest at {path}: run partition 'all' to load the whole input folder")
    return list(json.loads(path.read_text(encoding="utf-8"))["files"])


def ensure_partition(instance: dg.DagsterInstance, key: str = ALL) -> None:
    """Register a partition key (idempotent), e.g. ``all`` before a headless run."""
    if not instance.has_dynamic_partition(input_batches.name, key):
        instance.add_dynamic_partitions(input_batches.name, [key])
