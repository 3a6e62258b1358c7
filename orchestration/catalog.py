"""What the UI's catalog says of every asset: its kinds (what it is made with), its owners, and
how previews of its rows read.

Applied to every asset in :mod:`orchestration.definitions`, so a new asset gets them too. dbt's
assets already carry ``dbt`` and ``duckdb`` (dagster-dbt reads the adapter); the Python assets
get ``python`` beside what they write. Dagster shows at most three kinds per asset.
"""

from __future__ import annotations

import dagster as dg
import pandas as pd

# who to ask about an asset, by group: the extraction engine's people for the Python stages, the
# analysts for the warehouse and what is published from it
OWNERS = {
    "raw": ["team:extraction"],
    "cleaning": ["team:extraction"],
    "extraction": ["team:extraction"],
}
ANALYSTS = ["team:analytics"]
PYTHON_GROUPS = {"raw", "cleaning", "extraction", "publishing"}
MAX_KINDS = 3


def describe(spec: dg.AssetSpec) -> dg.AssetSpec:
    """The spec with its owners and kinds (``python`` for an asset written by Python code, and
    ``duckdb`` for the Python stages, which write the DuckDB file)."""
    kinds = set(spec.kinds)
    is_python = spec.group_name in PYTHON_GROUPS or spec.key == dg.AssetKey(["target", "sources"])
    if is_python:
        kinds.add("python")
    if spec.group_name in OWNERS:
        kinds.add("duckdb")
    extra = sorted(kinds - set(spec.kinds))[: max(0, MAX_KINDS - len(spec.kinds))]
    return spec.merge_attributes(owners=OWNERS.get(spec.group_name or "", ANALYSTS), kinds=set(extra))


def preview_markdown(frame: pd.DataFrame) -> dg.MetadataValue:
    """A few rows as a Markdown table, empty cells where the data has none (pandas would print
    ``nan``, ``NaT`` or ``None``, which reads as a value)."""
    if frame.empty:
        return dg.MetadataValue.md("(no rows)")
    cells = frame.astype(object).where(frame.notna(), "")
    return dg.MetadataValue.md(cells.to_markdown(index=False))
