"""Extraction across worker processes: each worker cleans and extracts a batch of articles.

Workers share nothing but their input; the reference data is loaded once per process. Small
batches run in the calling process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterator, Sequence, TypeVar

from extract.events import ExtractionResult, extract_article
from extract.models import CleanArticle
from extract.reference import load_reference

T = TypeVar("T")
R = TypeVar("R")
MIN_PARALLEL = 400


def worker_count() -> int:
    """``CONFLICT_WORKERS``, else one worker per core."""
    return max(1, int(os.environ.get("CONFLICT_WORKERS") or os.cpu_count() or 1))


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _extract_batch(batch: Sequence[CleanArticle]) -> list[ExtractionResult]:
    reference = load_reference()
    return [extract_article(article, reference) for article in batch]


def map_batches(function: Callable[[Sequence[T]], list[R]], items: Sequence[T], workers: int, batch_size: int = 250) -> list[R]:
    """``function`` over batches of ``items``, in order, in ``workers`` processes."""
    if workers <= 1 or len(items) < MIN_PARALLEL:
        return function(items)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results: list[R] = []
        for part in pool.map(function, chunks(items, batch_size)):
            results.extend(part)
        return results


def extract_many(articles: Sequence[CleanArticle], workers: int | None = None) -> list[ExtractionResult]:
    """Extraction results for every article, in input order."""
    return map_batches(_extract_batch, articles, worker_count() if workers is None else workers)
