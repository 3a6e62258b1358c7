"""Small real warehouses for the diagnosis tests: the stages run on the sample articles."""

from __future__ import annotations

from pathlib import Path

from extract.storage.stages import clean_stage, extract_stage, load_stage
from extract.storage.warehouse import connect
from tests.support.paths import SAMPLES


def build_warehouse(path: Path, folder: Path = SAMPLES) -> dict[str, object]:
    """Load, clean and extract ``folder`` into the DuckDB file ``path`` (in this process, one
    worker), close it, and return the stages' counts."""
    con = connect(path)
    try:
        counts: dict[str, object] = {}
        counts.update(load_stage(con, folder, log=lambda _: None, workers=1))
        counts.update(clean_stage(con, workers=1))
        counts.update(extract_stage(con, workers=1, log=lambda _: None))
        con.execute("checkpoint")
    finally:
        con.close()
    return counts


def garble(source: Path, target: Path, start: int = 8192, length: int | None = None) -> Path:
    """A copy of ``source`` with bytes from ``start`` on (``length`` of them, default all but the
    header) replaced by garbage: the header still says DuckDB, the blocks do not."""
    data = bytearray(source.read_bytes())
    end = len(data) if length is None else min(len(data), start + length)
    data[start:end] = bytes((i * 131 + 7) % 251 for i in range(end - start))
    target.write_bytes(bytes(data))
    return target
