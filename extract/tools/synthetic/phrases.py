"""The phrase templates of the generator, read from ``seeds/synthetic/phrases.yml`` (data, not
code: editing a sentence needs no Python). Lists become tuples, in file order: the generator
draws from them by index, so the same seed gives the same corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from extract.settings import PROJECT_ROOT

PHRASES_FILE = PROJECT_ROOT / "seeds" / "synthetic" / "phrases.yml"


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


def load_phrases(path: Path = PHRASES_FILE) -> dict[str, Any]:
    """Every table of the file by its generator name (``event_templates`` -> ``EVENT_TEMPLATES``)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {key.upper(): _frozen(value) for key, value in data.items()}


_PHRASES = load_phrases()
EVENT_TEMPLATES: dict[str, tuple[str, ...]] = _PHRASES["EVENT_TEMPLATES"]
HEADLINES: dict[str, tuple[str, ...]] = _PHRASES["HEADLINES"]
FOLLOW_UPS: tuple[str, ...] = _PHRASES["FOLLOW_UPS"]
FOLLOW_UPS_VIOLENT: tuple[str, ...] = _PHRASES["FOLLOW_UPS_VIOLENT"]
FOLLOW_UPS_PROTEST: tuple[str, ...] = _PHRASES["FOLLOW_UPS_PROTEST"]
ATTRIBUTIONS: dict[str, tuple[str, ...]] = _PHRASES["ATTRIBUTIONS"]
DISTRACTORS: tuple[str, ...] = _PHRASES["DISTRACTORS"]
NONVIOLENT: frozenset[str] = frozenset(_PHRASES["NONVIOLENT"])
SYRIA_MONITOR: str = _PHRASES["SYRIA_MONITOR"]
BACKGROUND: dict[str, tuple[str, ...]] = _PHRASES["BACKGROUND"]
EVENT_CONTEXT: tuple[str, ...] = _PHRASES["EVENT_CONTEXT"]
QUOTE_ADDITIONS: tuple[str, ...] = _PHRASES["QUOTE_ADDITIONS"]
QUOTES: dict[str, tuple[str, ...]] = _PHRASES["QUOTES"]
SPEAKERS: dict[str, tuple[str, ...]] = _PHRASES["SPEAKERS"]
FIRST_NAMES: tuple[str, ...] = _PHRASES["FIRST_NAMES"]
LAST_NAMES: tuple[str, ...] = _PHRASES["LAST_NAMES"]
REPORTERS: tuple[str, ...] = _PHRASES["REPORTERS"]
ISSUES: tuple[str, ...] = _PHRASES["ISSUES"]
GRIEVANCES: tuple[str, ...] = _PHRASES["GRIEVANCES"]
QUIET_TOPICS: dict[str, dict[str, tuple[str, ...]]] = _PHRASES["QUIET_TOPICS"]
REMOVED_LINES: tuple[str, ...] = _PHRASES["REMOVED_LINES"]
KEPT_NOISE: tuple[str, ...] = _PHRASES["KEPT_NOISE"]
CAPTIONS: tuple[str, ...] = _PHRASES["CAPTIONS"]
CAPTION_CREDITS: tuple[str, ...] = _PHRASES["CAPTION_CREDITS"]
ARABIC_NOISE: str = _PHRASES["ARABIC_NOISE"]
