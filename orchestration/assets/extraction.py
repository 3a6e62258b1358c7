"""Cleaning and extraction groups: ``clean.articles`` and the ``extracted.*`` tables.

Only articles not yet processed with the current reference data are worked on, so a re-run on
the same input does nothing, and editing a reference file re-processes everything once.
"""


import time

import dagster as dg
from dagster_duckdb import DuckDBResource

from extract.cleaning import clean_article
from extract.parallel import extract_many, worker_count
from extract.pipeline import Processed
from extract.reference import load_reference
from extract.warehouse import ensure_schema, pending_for_cleaning, pending_for_extraction, write_clean, write_extraction


@dg.asset(
    key=["clean", "articles"],
    deps=[dg.AssetKey(["raw", "articles"])],
    group_name="cleaning",
    pool="duckdb_writer",
    description="Articles with web boilerplate removed, title, dateline and publication date found.",
)
def clean_articles(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    reference = load_reference()
    with duckdb.get_connection() as con:
        ensure_schema(con)
        pending = pending_for_cleaning(con, reference.fingerprint)
        cleaned = [clean_article(article, reference) for article in pending]
        write_clean(con, cleaned, reference.fingerprint)
        total = con.execute("select count(*) from clean.articles").fetchone()[0]
    removed = sum(len(c.removed) for c in cleaned)
    context.log.info(f"cleaned {len(cleaned)} new articles, removed {removed} boilerplate pieces")
    return dg.MaterializeResult(metadata={"dagster/row_count": total, "cleaned_this_run": len(cleaned), "boilerplate_removed": removed})


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["extracted", "events"], deps=[dg.AssetKey(["clean", "articles"])], group_name="extraction",
                     description="Coded events, one row per act, with evidence and confidence."),
        dg.AssetSpec(["extracted", "actor_mentions"], deps=[dg.AssetKey(["clean", "articles"])], group_name="extraction",
                     description="Every actor mention, resolved to the reference actors."),
        dg.AssetSpec(["extracted", "place_mentions"], deps=[dg.AssetKey(["clean", "articles"])], group_name="extraction",
                     description="Every place mention, resolved through the gazetteer, with its role."),
    ],
    pool="duckdb_writer",
)
def extracted_events(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    """Extract events from every cleaned article not yet extracted with the current rules."""
    reference = load_reference()
    started = time.perf_counter()
    with duckdb.get_connection() as con:
        ensure_schema(con)
        pending = pending_for_extraction(con, reference.fingerprint)
        results = extract_many(pending)
        processed = Processed(
            clean=[],
            events=[e for r in results for e in r.events],
            actor_mentions=[a for r in results for a in r.actor_mentions],
            place_mentions=[p for r in results for p in r.place_mentions],
        )
        write_extraction(con, processed, [a.content_hash for a in pending], reference.fingerprint)
        totals = {t: con.execute(f"select count(*) from extracted.{t}").fetchone()[0] for t in ("events", "actor_mentions", "place_mentions")}
        preview = con.execute(
            "select doc_id, sub_event_type, actor1, actor2, location, country from extracted.events order by doc_id, char_start limit 10"
        ).df()
    seconds = time.perf_counter() - started
    rate = len(pending) / seconds if seconds > 0 and pending else 0.0
    context.log.info(f"extracted {len(processed.events)} events from {len(pending)} articles ({rate:.1f} articles/s, up to {worker_count()} workers)")
    yield dg.MaterializeResult(
        asset_key=["extracted", "events"],
        metadata={
            "dagster/row_count": totals["events"],
            "articles_extracted": len(pending),
            "events_this_run": len(processed.events),
            "articles_per_second": round(rate, 1),
            "preview": dg.MetadataValue.md(preview.to_markdown(index=False) if not preview.empty else "(no events)"),
        },
    )
    yield dg.MaterializeResult(asset_key=["extracted", "actor_mentions"], metadata={"dagster/row_count": totals["actor_mentions"]})
    yield dg.MaterializeResult(asset_key=["extracted", "place_mentions"], metadata={"dagster/row_count": totals["place_mentions"]})
