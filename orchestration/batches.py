"""Input batches as the dynamic partitions of the ingestion assets (the manifests and the folder
scan are plain Python: :mod:`extract.loading.batches`)."""

from __future__ import annotations

import dagster as dg

from extract.loading.batches import ALL, batch_files, write_manifest

__all__ = ["ALL", "batch_files", "ensure_partition", "input_batches", "write_manifest"]

input_batches = dg.DynamicPartitionsDefinition(name="input_batches")


def ensure_partition(instance: dg.DagsterInstance, key: str = ALL) -> None:
    """Register a partition key (idempotent), e.g. ``all`` before a headless run."""
    if not instance.has_dynamic_partition(input_batches.name, key):
        instance.add_dynamic_partitions(input_batches.name, [key])
