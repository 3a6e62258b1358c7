"""The tables the Python stages write: each defined once, here, as its columns and types.

The DDL, the column lists the writers put into each table, and the order in which a Parquet
part is loaded all derive from :data:`TABLES`. A record (``extract.coding.models``) is written
by column name: the table names the columns, and a record field the table does not name is not
stored (a test checks that every column has its field).
"""

from __future__ import annotations

import duckdb

# (column, type) per table; the first column of a table with "primary key" is its key
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "raw.articles": (
        ("content_hash", "varchar primary key"),
        ("doc_id", "varchar not null"),
        ("title", "varchar"),
        ("text", "varchar not null"),
        ("published_at", "date"),
        ("url", "varchar"),
        ("source", "varchar"),
        ("format", "varchar"),
        ("first_loaded_at", "timestamp"),
    ),
    "raw.article_files": (
        ("content_hash", "varchar not null"),
        ("doc_id", "varchar not null"),
        ("path", "varchar not null"),
        ("line", "integer"),
        ("source", "varchar"),
        ("format", "varchar"),
        ("loaded_at", "timestamp"),
    ),
    "raw.rejected_files": (
        ("path", "varchar not null"),
        ("line", "integer"),
        ("reason", "varchar not null"),
        ("first_bytes", "varchar"),
        ("rejected_at", "timestamp"),
    ),
    # inputs that loaded with something set aside (a publication date before 1900 or in the future)
    "raw.load_warnings": (
        ("path", "varchar not null"),
        ("line", "integer"),
        ("reason", "varchar not null"),
        ("noted_at", "timestamp"),
    ),
    "clean.articles": (
        ("content_hash", "varchar primary key"),
        ("doc_id", "varchar not null"),
        ("title", "varchar"),
        ("body", "varchar not null"),
        ("published_at", "date"),
        ("published_at_source", "varchar"),
        ("date_confidence", "varchar"),
        ("dateline_place", "varchar"),
        ("dateline_date_text", "varchar"),
        ("dateline_agency", "varchar"),
        ("removed", "varchar"),
        ("rules_fingerprint", "varchar"),
    ),
    "extracted.events": (
        ("event_id", "varchar primary key"),
        ("content_hash", "varchar not null"),
        ("doc_id", "varchar not null"),
        ("event_type", "varchar not null"),
        ("sub_event_type", "varchar not null"),
        ("actor1", "varchar"),
        ("actor1_parent", "varchar"),
        ("actor1_type", "varchar"),
        ("actor2", "varchar"),
        ("actor2_parent", "varchar"),
        ("actor2_type", "varchar"),
        ("location", "varchar"),
        ("location_text", "varchar"),
        ("admin1", "varchar"),
        ("admin1_code", "varchar"),
        ("country", "varchar"),
        ("country_code", "varchar"),
        ("latitude", "double"),
        ("longitude", "double"),
        ("geo_precision", "integer"),
        ("event_date", "date"),
        ("date_text", "varchar"),
        ("time_precision", "integer"),
        ("fatalities", "integer"),
        ("fatalities_low", "integer"),
        ("fatalities_high", "integer"),
        ("wounded", "integer"),
        ("casualties_total", "integer"),
        ("cross_border", "boolean"),
        ("origin_country", "varchar"),
        ("target_country", "varchar"),
        ("negated", "boolean"),
        ("hypothetical", "boolean"),
        ("claimed", "boolean"),
        ("evidence", "varchar"),
        ("char_start", "integer"),
        ("char_end", "integer"),
        ("confidence", "double"),
    ),
    "extracted.actor_mentions": (
        ("mention_id", "varchar primary key"),
        ("content_hash", "varchar not null"),
        ("doc_id", "varchar not null"),
        ("event_id", "varchar"),
        ("actor", "varchar not null"),
        ("actor_parent", "varchar"),
        ("actor_type", "varchar"),
        ("text", "varchar"),
        ("char_start", "integer"),
        ("char_end", "integer"),
        ("resolution", "varchar"),
    ),
    "extracted.place_mentions": (
        ("mention_id", "varchar primary key"),
        ("content_hash", "varchar not null"),
        ("doc_id", "varchar not null"),
        ("event_id", "varchar"),
        ("place_id", "varchar"),
        ("location", "varchar"),
        ("text", "varchar"),
        ("feature_kind", "varchar"),
        ("admin1", "varchar"),
        ("admin1_code", "varchar"),
        ("country", "varchar"),
        ("country_code", "varchar"),
        ("latitude", "double"),
        ("longitude", "double"),
        ("geo_precision", "integer"),
        ("role", "varchar"),
        ("char_start", "integer"),
        ("char_end", "integer"),
    ),
    "extracted.entity_mentions": (
        ("mention_id", "varchar primary key"),
        ("content_hash", "varchar not null"),
        ("doc_id", "varchar not null"),
        ("event_id", "varchar"),
        ("entity_type", "varchar not null"),
        ("subtype", "varchar"),
        ("text", "varchar"),
        ("name", "varchar"),
        ("entity_key", "varchar"),
        ("canonical", "varchar"),
        ("title", "varchar"),
        ("role", "varchar"),
        ("affiliation", "varchar"),
        ("affiliation_text", "varchar"),
        ("affiliation_source", "varchar"),
        ("speech_role", "varchar"),
        ("fate", "varchar"),
        ("candidate", "varchar"),
        ("evidence", "varchar"),
        ("sentence", "varchar"),
        ("char_start", "integer"),
        ("char_end", "integer"),
    ),
    "extracted.article_status": (
        ("content_hash", "varchar primary key"),
        ("rules_fingerprint", "varchar not null"),
        ("n_events", "integer"),
        ("extracted_at", "timestamp"),
    ),
}
# columns added after a table was first created (kept as migrations: old files gain them)
ADDED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("raw.articles", "encoding", "varchar"),
    ("extracted.events", "decided_by", "varchar"),
    ("extracted.events", "sides_from", "varchar"),
)
SCHEMAS = ("raw", "clean", "extracted")

# the tables extraction replaces per article, in the order a part is loaded
EXTRACTED_TABLES = tuple(name.split(".", 1)[1] for name in TABLES if name.startswith("extracted."))
# every table that holds rows of an article, the derived ones first (what forgetting an article deletes)
ARTICLE_TABLES = (*(f"extracted.{t}" for t in EXTRACTED_TABLES), "clean.articles", "raw.articles")


def columns(table: str) -> list[str]:
    """The columns of ``table`` (``schema.name``) in table order, added columns last."""
    return [c for c, _ in TABLES[table]] + [c for t, c, _ in ADDED_COLUMNS if t == table]


def ddl() -> str:
    """``create schema`` and ``create table if not exists`` for every table, then the added columns."""
    statements = [f"create schema if not exists {schema};" for schema in SCHEMAS]
    for table, defined in TABLES.items():
        body = ", ".join(f"{column} {kind}" for column, kind in defined)
        statements.append(f"create table if not exists {table} ({body});")
    statements += [f"alter table {t} add column if not exists {c} {kind};" for t, c, kind in ADDED_COLUMNS]
    return "\n".join(statements)


DDL = ddl()


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create what is missing; existing tables and rows are left as they are."""
    con.execute(DDL)
