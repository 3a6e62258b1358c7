"""Cleaning and extraction groups: ``clean.articles`` and the ``extracted.*`` tables.

Only articles not yet processed with the current reference data are worked on, so a re-run on
the same input does nothing, and editing a reference file re-processes everything once.
"""

import dagster as dg
from dagster_duckdb import DuckDBResource

from extract.coding.reference import load_reference
from extract.storage.parallel import worker_count
from extract.storage.stages import clean_stage, extract_stage
from orchestration.batches import input_batches
from orchestration.catalog import preview_markdown
from orchestration.errors import user_errors


@dg.asset(
    key=["clean", "articles"],
    deps=[dg.AssetKey(["raw", "articles"])],
    group_name="cleaning",
    pool="duckdb_writer",
    partitions_def=input_batches,
    description="Articles with web boilerplate removed, title, dateline and publication date found.",
)
def clean_articles(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with user_errors(), duckdb.get_connection() as con:
        stats = clean_stage(con, load_reference())
        total = con.execute("select count(*) from clean.articles").fetchone()[0]
    context.log.info(
        f"cleaned {stats['cleaned']} new articles, removed {stats['boilerplate_removed']} boilerplate pieces"
    )
    return dg.MaterializeResult(metadata={"dagster/row_count": total, **stats})


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["extracted", "events"],
            deps=[dg.AssetKey(["clean", "articles"])],
            group_name="extraction",
            description="Coded events, one row per act, with evidence and confidence.",
        ),
        dg.AssetSpec(
            ["extracted", "actor_mentions"],
            deps=[dg.AssetKey(["clean", "articles"])],
            group_name="extraction",
            description="Every actor mention, resolved to the reference actors.",
        ),
        dg.AssetSpec(
            ["extracted", "place_mentions"],
            deps=[dg.AssetKey(["clean", "articles"])],
            group_name="extraction",
            description="Every place mention, resolved through the gazetteer, with its role.",
        ),
        dg.AssetSpec(
            ["extracted", "entity_mentions"],
            deps=[dg.AssetKey(["clean", "articles"])],
            group_name="extraction",
            description="Every person, organisation, armed group and place named, with roles (titles, quoted, killed).",
        ),
        dg.AssetSpec(
            ["extracted", "article_status"],
            deps=[dg.AssetKey(["clean", "articles"])],
            group_name="extraction",
            description="When and with which reference data each article was extracted; the incremental dbt models read it.",
        ),
    ],
    pool="duckdb_writer",
    partitions_def=input_batches,
)
def extracted_events(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    """Extract events from every cleaned article not yet extracted with the current rules, in
    batches that are each written in one transaction."""
    with user_errors(), duckdb.get_connection() as con:
        stats = extract_stage(con, load_reference(), log=context.log.info)
        totals = {
            t: con.execute(f"select count(*) from extracted.{t}").fetchone()[0]
            for t in ("events", "actor_mentions", "place_mentions", "entity_mentions", "article_status")
        }
        preview = con.execute(
            "select doc_id, sub_event_type, actor1, actor2, location, country from extracted.events order by doc_id, char_start limit 10"
        ).df()
    context.log.info(
        f"extracted {stats['events_this_run']} events from {stats['articles_extracted']} articles "
        f"({stats['articles_per_second']} articles/s, up to {worker_count()} workers)"
    )
    yield dg.MaterializeResult(
        asset_key=["extracted", "events"],
        metadata={
            "dagster/row_count": totals["events"],
            **stats,
            "preview": preview_markdown(preview),
        },
    )
    yield dg.MaterializeResult(
        asset_key=["extracted", "actor_mentions"], metadata={"dagster/row_count": totals["actor_mentions"]}
    )
    yield dg.MaterializeResult(
        asset_key=["extracted", "place_mentions"], metadata={"dagster/row_count": totals["place_mentions"]}
    )
    yield dg.MaterializeResult(
        asset_key=["extracted", "entity_mentions"], metadata={"dagster/row_count": totals["entity_mentions"]}
    )
    yield dg.MaterializeResult(
        asset_key=["extracted", "article_status"], metadata={"dagster/row_count": totals["article_status"]}
    )
