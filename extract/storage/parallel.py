"""Work across processes: loading, cleaning and extraction of batches in worker processes.

Workers share nothing but their input, and never the warehouse: the process that holds the
DuckDB connection hands batches out and writes what comes back, one batch at a time, while the
workers go on with the next ones. At most a few batches are in flight, so memory stays flat
however large the input.

Workers start from a fork server that imported the extractor before any DuckDB connection
existed: forking the process that holds one (with its threads) is unsafe. Small inputs run in
the calling process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from extract import settings
from extract.coding.reference import load_reference

T = TypeVar("T")
R = TypeVar("R")
MIN_PARALLEL = 400


def worker_count() -> int:
    """``CONFLICT_WORKERS``, else one worker per core this process may use (in a container or
    under ``taskset`` that is fewer than the machine has)."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, settings.current().workers or usable or 1)


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _warm() -> None:
    """Load the reference data once per worker, before its first batch, then keep the garbage
    collector off it: the reference data and the caches live as long as the worker, and
    walking them again at every full collection cost about a seventh of the extraction time."""
    load_reference()
    gc.freeze()


def _pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["extract.storage.parallel", "extract.storage.parts"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm)


def stream(function: Callable[[T], R], inputs: Iterable[T], workers: int, in_flight: int | None = None) -> Iterator[R]:
    """``function`` of every input, in input order, computed in ``workers`` processes.

    Inputs are drawn lazily in the calling thread, so they may come from a DuckDB query; at most
    ``in_flight`` (default: twice the workers) are handed out before the oldest result is
    yielded, so the caller can write each result while the workers go on."""
    if workers <= 1:
        for item in inputs:
            yield function(item)
        return
    limit = in_flight or 2 * workers
    with _pool(workers) as pool:
        pending: deque[Future[R]] = deque()
        for item in inputs:
            pending.append(pool.submit(function, item))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def workers_for(items: int, workers: int | None = None) -> int:
    """Worker processes worth starting for ``items`` articles."""
    chosen = worker_count() if workers is None else workers
    return chosen if items >= MIN_PARALLEL else 1
