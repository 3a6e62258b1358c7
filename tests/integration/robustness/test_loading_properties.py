"""Issue #14, item 12: random bytes, random JSON structures and random file names in the input
folder, beside good articles, through the load stage into a real DuckDB file: every input is
loaded or rejected (never neither, never both) and no good article is lost."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.loading.files import SUPPORTED
from extract.loading.reading import display_name, input_files
from extract.storage.stages import load_stage
from tests.support.hostile_inputs import english

GOOD = {"good_a.txt": english("Rawa"), "good_b.txt": english("Anah")}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "text", "title", "published_at", "path", "x"]) | st.text(max_size=8),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)
name_bytes = st.binary(min_size=1, max_size=40).map(lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_"))
suffixes = st.sampled_from([*sorted(SUPPORTED), "", ".bin", ".TXT"])


@st.composite
def entries(draw: st.DrawFn) -> tuple[bytes, bytes]:
    """A file name (bytes, maybe not UTF-8) and what the file holds."""
    name = b"r_" + draw(name_bytes) + draw(suffixes).encode()
    kind = draw(st.sampled_from(["bytes", "json", "jsonl", "text"]))
    if kind == "bytes":
        body = draw(st.binary(max_size=3000))
    elif kind == "json":
        body = json.dumps(draw(json_values)).encode()
    elif kind == "jsonl":
        body = "\n".join(json.dumps(v) for v in draw(st.lists(json_values, max_size=4))).encode()
    else:
        body = draw(st.text(max_size=500)).encode("utf-8", errors="surrogatepass")
    return name, body


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=st.lists(entries(), max_size=6, unique_by=lambda e: e[0]))
def test_every_input_is_loaded_or_rejected_and_no_good_article_is_lost(files):
    work = Path(tempfile.mkdtemp(prefix="prop-"))
    try:
        folder = work / "input"
        folder.mkdir()
        for name, text in GOOD.items():
            (folder / name).write_text(text, encoding="utf-8")
        for name, body in files:
            (folder / os.fsdecode(name)).write_bytes(body)
        con = duckdb.connect(str(work / "w.duckdb"))
        try:
            load_stage(con, folder, log=lambda m: None)
            loaded = {p for (p,) in con.execute("select path from raw.article_files").fetchall()}
            rejected = {p for (p,) in con.execute("select path from raw.rejected_files").fetchall()}
            whole_rejections = {
                p for (p,) in con.execute("select path from raw.rejected_files where line is null").fetchall()
            }
        finally:
            con.close()
        present = {display_name(p.relative_to(folder).as_posix()) for p in input_files(folder)}
        assert set(GOOD) <= loaded, "a good article was lost"
        assert present <= loaded | rejected, present - (loaded | rejected)
        assert not loaded & whole_rejections, "a file both loaded and rejected whole"
    finally:
        shutil.rmtree(work, ignore_errors=True)
