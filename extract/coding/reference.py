"""Reference data (actors, aliases, places, event types, patterns, rules) read from CSV and YAML.

The tables live in ``seeds/reference/`` so analysts can extend them without touching Python,
and dbt loads the same CSV files as seeds: one source of truth for extraction and the warehouse.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from extract import settings
from extract.settings import DEFAULT_REFERENCE_DIR, PROJECT_ROOT

__all__ = ["DEFAULT_REFERENCE_DIR", "PROJECT_ROOT", "Reference", "load_reference", "reference_dir"]


@dataclass(frozen=True)
class Actor:
    actor: str
    parent: str | None
    actor_type: str
    country_code: str | None
    state_default: bool

    @property
    def family(self) -> str:
        return self.parent or self.actor


@dataclass(frozen=True)
class Alias:
    alias: str
    actor: str
    kind: str
    case_sensitive: bool
    needs_antecedent: bool


@dataclass(frozen=True)
class Place:
    place_id: str
    name: str
    aliases: tuple[str, ...]
    feature_kind: str
    admin1: str | None
    admin1_code: str | None
    country: str | None
    country_code: str | None
    latitude: float | None
    longitude: float | None
    population: int


@dataclass(frozen=True)
class EventPattern:
    pattern_id: str
    regex: re.Pattern[str]
    sub_event_type: str
    frame: str
    priority: int
    needs_territory: bool


@dataclass(frozen=True)
class Organisation:
    """A named organisation that is not an armed actor: a monitor, outlet, government body."""

    organisation: str
    kind: str
    country_code: str | None


@dataclass(frozen=True)
class OrganisationAlias:
    alias: str
    organisation: str
    kind: str
    case_sensitive: bool
    needs_antecedent: bool


@dataclass(frozen=True)
class Title:
    """A title or role word ("deputy commander") and the role it gives a person."""

    title: str
    role: str
    scope: str


@dataclass(frozen=True)
class Decision:
    """An analyst's decision on a candidate name (``review_decisions.csv``)."""

    name: str
    kind: str
    decision: str
    canonical: str | None


@dataclass(frozen=True, eq=False)
class Reference:
    """Everything the extractor reads, loaded once per reference directory."""

    directory: Path
    fingerprint: str
    actors: dict[str, Actor]
    aliases: tuple[Alias, ...]
    places: dict[str, Place]
    event_types: dict[str, str]
    patterns: tuple[EventPattern, ...]
    rules: dict[str, Any]
    neighbours: frozenset[tuple[str, str]]
    # entity recognition (extract/entities.py); empty when the files are absent
    entity_rules: dict[str, Any] = field(default_factory=dict)
    titles: tuple[Title, ...] = ()
    organisations: dict[str, Organisation] = field(default_factory=dict)
    organisation_aliases: tuple[OrganisationAlias, ...] = ()
    review_decisions: tuple[Decision, ...] = ()

    def state_actor(self, country_code: str | None) -> Actor | None:
        """The default state forces of a country ("security forces" in an Iraqi event)."""
        for actor in self.actors.values():
            if actor.state_default and actor.country_code == country_code:
                return actor
        return None

    def are_neighbours(self, a: str | None, b: str | None) -> bool:
        return bool(a and b) and (a, b) in self.neighbours


def reference_dir() -> Path:
    """The reference directory: ``CONFLICT_REFERENCE_DIR`` or the project's ``seeds/reference``."""
    return settings.current().reference_dir


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"true", "1", "yes", "y"}


def _float(value: str | None) -> float | None:
    return float(value) if value not in (None, "") else None


def _fingerprint(directory: Path) -> str:
    """A hash of every reference file, so that changed data triggers re-extraction."""
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*")):
        if path.suffix in {".csv", ".yml", ".yaml"}:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=4)
def load_reference(directory: Path | None = None) -> Reference:
    """Read and compile every reference table in ``directory``."""
    directory = (directory or reference_dir()).resolve()
    if not (directory / "actors.csv").exists():
        raise FileNotFoundError(
            f"No reference data in {directory}: expected actors.csv there. "
            "Point CONFLICT_REFERENCE_DIR at the project's seeds/reference folder."
        )
    actors = {
        row["actor"]: Actor(
            actor=row["actor"],
            parent=row["parent"] or None,
            actor_type=row["actor_type"],
            country_code=row["country_code"] or None,
            state_default=_flag(row.get("state_default")),
        )
        for row in _rows(directory / "actors.csv")
    }
    aliases = tuple(
        Alias(
            alias=row["alias"],
            actor=row["actor"],
            kind=row["kind"],
            case_sensitive=_flag(row["case_sensitive"]),
            needs_antecedent=_flag(row.get("needs_antecedent")),
        )
        for row in _rows(directory / "actor_aliases.csv")
    )
    places = {
        row["place_id"]: Place(
            place_id=row["place_id"],
            name=row["name"],
            aliases=tuple(a for a in (row.get("aliases") or "").split("|") if a),
            feature_kind=row["feature_kind"],
            admin1=row["admin1"] or None,
            admin1_code=row["admin1_code"] or None,
            country=row["country"] or None,
            country_code=row["country_code"] or None,
            latitude=_float(row["latitude"]),
            longitude=_float(row["longitude"]),
            population=int(float(row.get("population") or 0)),
        )
        for row in _rows(directory / "places.csv")
    }
    event_types = {row["sub_event_type"]: row["event_type"] for row in _rows(directory / "event_types.csv")}
    patterns = tuple(
        sorted(
            (
                EventPattern(
                    pattern_id=row["pattern_id"],
                    regex=re.compile(rf"\b(?:{row['pattern']})\b", re.IGNORECASE),
                    sub_event_type=row["sub_event_type"],
                    frame=row["frame"],
                    priority=int(row["priority"]),
                    needs_territory=_flag(row["needs_territory"]),
                )
                for row in _rows(directory / "event_patterns.csv")
            ),
            key=lambda p: -p.priority,
        )
    )
    rules = yaml.safe_load((directory / "extraction_rules.yml").read_text(encoding="utf-8"))
    neighbours: set[tuple[str, str]] = set()
    for row in _rows(directory / "borders.csv"):
        neighbours.add((row["country_code"], row["neighbour_code"]))
        neighbours.add((row["neighbour_code"], row["country_code"]))
    for alias in aliases:
        if alias.actor != "@state" and alias.actor not in actors:
            raise ValueError(f"actor_aliases.csv names actor {alias.actor!r}, which is not in actors.csv: add it there")
    return Reference(
        directory=directory,
        fingerprint=_fingerprint(directory),
        actors=actors,
        aliases=aliases,
        places=places,
        event_types=event_types,
        patterns=patterns,
        rules=rules,
        neighbours=frozenset(neighbours),
        **_entity_reference(directory),
    )


def _optional_rows(path: Path) -> list[dict[str, str]]:
    return _rows(path) if path.exists() else []


def _entity_reference(directory: Path) -> dict[str, Any]:
    """The optional tables of entity recognition: rules, titles, organisations, decisions."""
    path = directory / "entity_rules.yml"
    entity_rules = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    organisations = {
        row["organisation"]: Organisation(row["organisation"], row["kind"], row.get("country_code") or None)
        for row in _optional_rows(directory / "organisations.csv")
    }
    organisation_aliases = tuple(
        OrganisationAlias(
            alias=row["alias"],
            organisation=row["organisation"],
            kind=row["kind"],
            case_sensitive=_flag(row["case_sensitive"]),
            needs_antecedent=_flag(row.get("needs_antecedent")),
        )
        for row in _optional_rows(directory / "organisation_aliases.csv")
    )
    for alias in organisation_aliases:
        if alias.organisation not in organisations:
            raise ValueError(
                f"organisation_aliases.csv names {alias.organisation!r}, which is not in organisations.csv: add it there"
            )
    titles = tuple(
        Title(row["title"], row["role"], row.get("scope") or "group")
        for row in _optional_rows(directory / "person_titles.csv")
    )
    decisions = tuple(
        Decision(row["name"], row["kind"], row["decision"], row.get("canonical") or None)
        for row in _optional_rows(directory / "review_decisions.csv")
    )
    return {
        "entity_rules": entity_rules or {},
        "titles": titles,
        "organisations": organisations,
        "organisation_aliases": organisation_aliases,
        "review_decisions": decisions,
    }
