"""The review loop: names the extractor could not place, and the analyst's decisions on them.

``conflict-events review`` lists candidate armed groups and places (names that look like one
but are in no reference table), with counts, first and last seen and two example sentences. An
analyst then accepts a name into the reference data, in the format of its file, or rejects it:

- an accepted actor becomes a row of ``actor_aliases.csv`` (and of ``actors.csv`` when it is a
  new actor);
- an accepted place becomes a row of ``places_curated.csv`` (or a spelling of an existing
  curated row or province), and ``places.csv`` is rebuilt from it (``extract.tools.gazetteer``);
- every decision is remembered in ``review_decisions.csv``: a rejected name is no longer a
  candidate, and an accepted one is not proposed again.

Reference files are part of the extraction fingerprint, so the next run re-codes the articles
with the new data: the accepted name resolves, the rejected one disappears from the candidates.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from extract.coding.entities import entity_key
from extract.coding.reference import load_reference, reference_dir
from extract.coding.text import fold, phrase_key

DECISIONS = "review_decisions.csv"
DECISION_COLUMNS = ["name", "kind", "decision", "canonical", "decided_at", "note"]
KINDS = {"actors": "actor", "places": "place", "actor": "actor", "place": "place"}


class ReviewError(ValueError):
    """A decision that cannot be recorded as asked; the message says what to pass instead."""


@dataclass
class Candidate:
    kind: str
    name: str
    key: str
    spellings: list[str]
    mentions: int
    articles: int
    first_seen: date | None
    last_seen: date | None
    examples: list[str]
    similar: list[str]


# ---------------------------------------------------------------------------------------
# Listing


# the review marts of dbt_project/models/marts/review (built by every run), most mentioned first
REVIEW_MARTS = {"actor": "candidate_actors", "place": "candidate_places"}
_CANDIDATES_SQL = """
select
    candidate_key, name, spellings, mentions, articles, first_seen, last_seen, example_1, example_2
from marts.{mart}
order by mentions desc, articles desc, candidate_key
"""


class MissingMarts(RuntimeError):
    """The warehouse has no review marts yet; the message says how to build them."""


def missing_marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The review marts the warehouse does not have (dbt has not built them yet)."""
    present = {
        r[0] for r in con.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()
    }
    return [f"marts.{mart}" for mart in REVIEW_MARTS.values() if mart not in present]


def candidates(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    directory: Path | None = None,
    min_mentions: int = 1,
    similar_for: int | None = None,
) -> list[Candidate]:
    """Candidates of one kind (actor or place), read from its review mart, most mentioned first,
    leaving out names decided since the run that built the mart or already in the reference
    data. Known names spelled alike are looked up for the first ``similar_for`` candidates (all
    when None)."""
    kind = KINDS[kind]
    directory = directory or reference_dir()
    missing = missing_marts(con)
    if missing:
        raise MissingMarts(
            f"the warehouse has no {', '.join(missing)} yet: run 'make run' (dbt builds the review marts)"
        )
    decided = {(d["kind"], entity_key(d["name"])) for d in read_decisions(directory)}
    known = _known_names(directory, kind)
    found: list[Candidate] = []
    for row in con.execute(_CANDIDATES_SQL.format(mart=REVIEW_MARTS[kind])).fetchall():
        key, name, spellings, mentions, articles, first, last, example_1, example_2 = row
        if mentions < min_mentions or (kind, key) in decided or key in known:
            continue
        similar = _similar(name, directory, kind) if similar_for is None or len(found) < similar_for else []
        examples = [e for e in (example_1, example_2) if e]
        found.append(
            Candidate(kind, name, key, list(spellings), int(mentions), int(articles), first, last, examples, similar)
        )
    return found


def _known_names(directory: Path, kind: str) -> set[str]:
    ref = load_reference(directory)
    if kind == "actor":
        return {entity_key(a.alias) for a in ref.aliases} | {entity_key(a) for a in ref.actors}
    return {entity_key(n) for p in ref.places.values() for n in (p.name, *p.aliases)}


def _similar(name: str, directory: Path, kind: str) -> list[str]:
    """Reference names spelled like the candidate: maybe it is another spelling of one."""
    ref = load_reference(directory)
    if kind == "actor":
        pool = {a.alias: a.actor for a in ref.aliases if not a.case_sensitive}
    else:
        pool = {n: p.name for p in ref.places.values() for n in (p.name, *p.aliases)}
    folded = {fold(n): canonical for n, canonical in pool.items()}
    close = difflib.get_close_matches(fold(name), list(folded), n=3, cutoff=0.8)
    key = entity_key(name)
    longer = sorted(canonical for n, canonical in pool.items() if len(key) >= 4 and entity_key(n).startswith(key + " "))
    return list(dict.fromkeys([folded[c] for c in close] + longer))[:3]


def format_candidates(found: list[Candidate], limit: int | None = None, width: int = 160) -> str:
    """The candidates as a plain-text listing for the terminal."""
    if not found:
        return "no candidates"
    lines = []
    for item in found[:limit]:
        seen = f"{item.first_seen or '?'} .. {item.last_seen or '?'}"
        lines.append(f"{item.name}  [{item.kind}]  {item.mentions} mentions in {item.articles} articles, {seen}")
        if len(item.spellings) > 1:
            lines.append(f"    spellings: {', '.join(item.spellings)}")
        if item.similar:
            lines.append(f"    like known: {', '.join(item.similar)}")
        for example in item.examples:
            lines.append(f"    e.g. {_clip(example, item.spellings, width)}")
    if limit is not None and len(found) > limit:
        lines.append(f"... and {len(found) - limit} more (--limit)")
    return "\n".join(lines)


def _clip(sentence: str, spellings: list[str], width: int) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) <= width:
        return sentence
    at = max((sentence.find(s) for s in spellings), default=0)
    start = max(0, min(at - width // 3, len(sentence) - width))
    return ("…" if start else "") + sentence[start : start + width] + ("…" if start + width < len(sentence) else "")


# ---------------------------------------------------------------------------------------
# Decisions


def read_decisions(directory: Path) -> list[dict[str, str]]:
    path = directory / DECISIONS
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _record(directory: Path, name: str, kind: str, decision: str, canonical: str | None, note: str | None) -> None:
    """Remember a decision; a later decision on the same name replaces the earlier one."""
    key = (kind, entity_key(name))
    rows = [r for r in read_decisions(directory) if (r["kind"], entity_key(r["name"])) != key]
    rows.append(
        {
            "name": name,
            "kind": kind,
            "decision": decision,
            "canonical": canonical or "",
            "decided_at": date.today().isoformat(),
            "note": note or "",
        }
    )
    _write_rows(directory / DECISIONS, DECISION_COLUMNS, rows)


def reject(name: str, kind: str, directory: Path | None = None, note: str | None = None) -> str:
    """Reject a candidate: it stops being proposed from the next run on."""
    directory = directory or reference_dir()
    kind = KINDS[kind]
    _record(directory, name, kind, "rejected", None, note)
    load_reference.cache_clear()
    return f"rejected {kind} {name!r}: recorded in {directory / DECISIONS}"


ACTOR_TYPES = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)


def accept_actor(
    name: str,
    canonical: str,
    directory: Path | None = None,
    parent: str | None = None,
    actor_type: str | None = None,
    country_code: str | None = None,
    description: str | None = None,
    note: str | None = None,
) -> str:
    """Accept ``name`` as a way of naming ``canonical``: a new alias of a known actor, or a new
    actor (``actor_type`` required, ``parent`` optional) with its name and this alias."""
    directory = directory or reference_dir()
    actors_path, aliases_path = directory / "actors.csv", directory / "actor_aliases.csv"
    actors = _read_rows(actors_path)
    aliases = _read_rows(aliases_path)
    by_name = {a["actor"]: a for a in actors}
    added = []
    if canonical not in by_name:
        if actor_type not in ACTOR_TYPES:
            raise ReviewError(
                f"{canonical!r} is not in actors.csv: to add it, pass --type with one of {', '.join(ACTOR_TYPES)}"
            )
        if parent and parent not in by_name:
            raise ReviewError(f"parent {parent!r} is not in actors.csv: pass an existing actor as --parent, or none")
        row = {
            "actor": canonical,
            "parent": parent or "",
            "actor_type": actor_type,
            "country_code": (country_code or "").upper(),
            "state_default": "false",
            "description": description or f"added in review from the candidate {name!r}",
        }
        _append_row(actors_path, list(actors[0].keys()) if actors else list(row), row)
        added.append(f"actor {canonical!r} to actors.csv")
    elif parent or actor_type:
        existing = by_name[canonical]
        if (parent and parent != existing["parent"]) or (actor_type and actor_type != existing["actor_type"]):
            raise ReviewError(
                f"{canonical!r} is already in actors.csv (parent {existing['parent']!r}, type {existing['actor_type']!r}): "
                "edit actors.csv to change it, or accept the name without --parent/--type"
            )
    present = {(phrase_key(a["alias"]), a["actor"]) for a in aliases}
    columns = list(aliases[0].keys()) if aliases else ["alias", "actor", "kind", "case_sensitive", "needs_antecedent"]
    for alias in dict.fromkeys([canonical, name]):
        if (phrase_key(alias), canonical) in present:
            continue
        acronym = alias.isupper() and " " not in alias
        row = {
            "alias": alias,
            "actor": canonical,
            "kind": "acronym" if acronym else "name",
            "case_sensitive": str(acronym).lower(),
            "needs_antecedent": "false",
        }
        _append_row(aliases_path, columns, row)
        added.append(f"alias {alias!r} to actor_aliases.csv")
    _record(directory, name, "actor", "accepted", canonical, note)
    load_reference.cache_clear()
    return f"accepted {name!r} as actor {canonical!r}: " + (
        "added " + ", ".join(added) if added else "already in the reference data"
    )


PLACE_KINDS = (
    "city",
    "town",
    "village",
    "neighbourhood",
    "area",
    "desert",
    "mountain",
    "border_crossing",
    "airbase",
    "camp",
    "dam",
)


def accept_place(
    name: str,
    canonical: str,
    directory: Path | None = None,
    feature_kind: str | None = None,
    admin1_code: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    note: str | None = None,
) -> str:
    """Accept ``name`` as a place: another spelling of the gazetteer place ``canonical``, or a new
    place called ``canonical`` (``feature_kind``, ``admin1_code``, ``latitude`` and ``longitude``
    required). Writes places_curated.csv (or admin1_geonames.csv for a province) and rebuilds
    places.csv."""
    from extract.tools import gazetteer as build_gazetteer

    directory = directory or reference_dir()
    places = _read_rows(directory / "places.csv")
    target = _find_place(places, canonical)
    if target is not None and target["feature_kind"] == "country":
        raise ReviewError(
            f"{canonical!r} is a country: country names come from ISO 3166 (pycountry) and take no new spellings here"
        )
    if target is not None and target["feature_kind"] == "province":
        what = _add_province_spelling(directory, target, name)
    elif target is not None:
        what = _add_curated(
            directory,
            target["name"],
            name,
            {
                "feature_kind": target["feature_kind"],
                "admin1": target["admin1"],
                "admin1_code": target["admin1_code"],
                "country": target["country"],
                "country_code": target["country_code"],
                "latitude": target["latitude"],
                "longitude": target["longitude"],
            },
        )
    else:
        missing = [
            flag
            for flag, value in (
                ("--feature-kind", feature_kind),
                ("--admin1-code", admin1_code),
                ("--lat", latitude),
                ("--lon", longitude),
            )
            if value in (None, "")
        ]
        if missing:
            raise ReviewError(f"{canonical!r} is not in places.csv: to add it as a new place, pass {' '.join(missing)}")
        if feature_kind not in PLACE_KINDS:
            raise ReviewError(f"--feature-kind {feature_kind!r}: use one of {', '.join(PLACE_KINDS)}")
        province = next(
            (p for p in places if p["feature_kind"] == "province" and p["admin1_code"] == admin1_code), None
        )
        if province is None:
            raise ReviewError(f"--admin1-code {admin1_code!r} is not a province code of places.csv (e.g. IQ-AN, SY-HM)")
        what = _add_curated(
            directory,
            canonical,
            name,
            {
                "feature_kind": feature_kind,
                "admin1": province["admin1"],
                "admin1_code": admin1_code,
                "country": province["country"],
                "country_code": province["country_code"],
                "latitude": f"{float(latitude):.4f}",
                "longitude": f"{float(longitude):.4f}",
            },
        )
    try:
        rebuilt = build_gazetteer.build(directory)
    except build_gazetteer.GazetteerError as error:
        raise ReviewError(
            f"places.csv could not be rebuilt after the change ({error}): fix places_curated.csv"
        ) from None
    build_gazetteer.write_places(rebuilt, directory / "places.csv")
    resolved = any(entity_key(name) in {entity_key(n) for n in (p.name, *p.aliases)} for p in rebuilt)
    _record(directory, name, "place", "accepted", canonical, note)
    load_reference.cache_clear()
    warning = (
        ""
        if resolved
        else (
            f"; note: the gazetteer builder dropped the spelling {name!r} (stoplist, too short, or another province's name)"
        )
    )
    return f"accepted {name!r} as place {canonical!r}: {what}, places.csv rebuilt{warning}"


def _find_place(places: list[dict[str, str]], canonical: str) -> dict[str, str] | None:
    """The gazetteer row called ``canonical`` (its id, name or a spelling); populated places
    and curated features before provinces and countries of the same name."""
    wanted = entity_key(canonical)
    rank = {"country": 2, "province": 1}
    matches = [
        p
        for p in places
        if p["place_id"] == canonical or wanted in {entity_key(n) for n in [p["name"], *p["aliases"].split("|")] if n}
    ]
    return min(matches, key=lambda p: rank.get(p["feature_kind"], 0)) if matches else None


def _add_curated(directory: Path, place_name: str, spelling: str, fields: dict[str, str]) -> str:
    """A spelling on the curated row of ``place_name``, or a new curated row (which the
    gazetteer builder merges into a GeoNames place of the same name and province)."""
    path = directory / "places_curated.csv"
    rows = _read_rows(path)
    key = entity_key(place_name)
    for row in rows:
        if entity_key(row["name"]) == key and row["admin1_code"] == fields["admin1_code"]:
            spellings = [a for a in row["aliases"].split("|") if a]
            if entity_key(spelling) not in {entity_key(a) for a in spellings} | {key}:
                row["aliases"] = "|".join(spellings + [spelling])
                _write_rows(path, list(rows[0].keys()), rows)
            return f"spelling added to the curated row {row['name']!r} of places_curated.csv"
    row = {
        "name": place_name,
        "aliases": spelling if entity_key(spelling) != key else "",
        **fields,
        "source": "curated",
        "note": f"accepted in review on {date.today().isoformat()}",
    }
    _append_row(path, list(rows[0].keys()) if rows else list(row), row)
    return f"row {place_name!r} added to places_curated.csv"


def _add_province_spelling(directory: Path, province: dict[str, str], spelling: str) -> str:
    path = directory / "admin1_geonames.csv"
    rows = _read_rows(path)
    for row in rows:
        if row["iso_code"] == province["admin1_code"]:
            spellings = [a for a in row["aliases"].split("|") if a]
            if entity_key(spelling) not in {entity_key(a) for a in spellings} | {entity_key(row["name"])}:
                row["aliases"] = "|".join(spellings + [spelling])
            _write_rows(path, list(rows[0].keys()), rows)
            return f"spelling added to province {row['name']!r} in admin1_geonames.csv"
    raise ReviewError(f"province {province['admin1_code']} is not in admin1_geonames.csv")


# ---------------------------------------------------------------------------------------
# CSV files in the format of seeds/reference (UTF-8, LF line ends, minimal quoting)


def _read_rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _line(columns: list[str], row: dict[str, Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return buffer.getvalue()


def _append_row(path: Path, columns: list[str], row: dict[str, Any]) -> None:
    """Append one row, keeping the rest of the file byte for byte."""
    text = path.read_text(encoding="utf-8") if path.exists() else ",".join(columns) + "\n"
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + _line(columns, row), encoding="utf-8", newline="")


def _write_rows(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    text = ",".join(columns) + "\n" + "".join(_line(columns, r) for r in rows)
    path.write_text(text, encoding="utf-8", newline="")
