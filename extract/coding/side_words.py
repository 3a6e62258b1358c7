"""The words the side reader knows, read once from ``seeds/reference``: descriptors of armed
men and civilians (``actor_descriptors.csv``), demonyms (``demonyms.csv``), the armed men of a
people by country (``group_demonyms.csv``) and the nouns of what a side holds
(``target_nouns.yml``). Analysts extend these files, not the code."""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from extract.coding.reference import reference_dir


@dataclass(frozen=True)
class Descriptor:
    word: str
    actor: str
    actor_type: str


@dataclass(frozen=True)
class Lexicon:
    """Descriptors and demonyms from the reference folder, read once."""

    descriptors: dict[str, Descriptor]
    demonyms: dict[str, str]
    target_nouns: frozenset[str]
    # (demonym, country) -> actor: "Kurdish fighters" are the YPG in Syria, the Peshmerga in Iraq
    group_demonyms: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)
    # civilian ground and people: a strike on them with no target side named hit civilians
    civilian_targets: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Actor descriptors (``actor_descriptors.csv``), demonyms (``demonyms.csv``), the nouns
    of what a side holds and of civilian ground (``target_nouns.yml``)."""
    folder = directory or reference_dir()
    with (folder / "actor_descriptors.csv").open(encoding="utf-8", newline="") as handle:
        descriptors = {
            r["word"].lower(): Descriptor(r["word"].lower(), r["actor"], r["actor_type"])
            for r in csv.DictReader(handle)
        }
    with (folder / "demonyms.csv").open(encoding="utf-8", newline="") as handle:
        demonyms = {r["demonym"]: r["country_code"] for r in csv.DictReader(handle)}
    nouns = yaml.safe_load((folder / "target_nouns.yml").read_text(encoding="utf-8"))
    targets = nouns["target_nouns"]
    with (folder / "group_demonyms.csv").open(encoding="utf-8", newline="") as handle:
        groups = {(r["demonym"].lower(), r["country_code"]): r["actor"] for r in csv.DictReader(handle)}
    civilian = frozenset(str(t).lower() for t in nouns.get("civilian_targets", []))
    return Lexicon(descriptors, demonyms, frozenset(str(t).lower() for t in targets), groups, civilian)
