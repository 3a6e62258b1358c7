"""The one ``Definitions`` of the project."""

import dagster as dg

from orchestration.assets.dbt import warehouse_models
from orchestration.assets.extraction import clean_articles, extracted_events
from orchestration.assets.ingestion import raw_articles
from orchestration.assets.publishing import published_warehouse
from orchestration.assets.reporting import conflict_report
from orchestration.automation import conflict_pipeline, daily_refresh, new_article_files
from orchestration.resources import build_resources

# extracted.article_status (when each article was extracted) is written by extracted_events in
# the same transaction as extracted.events; the incremental dbt models read it. Declared here,
# not executable, so that its dbt source joins the graph instead of floating apart.
article_status = dg.AssetSpec(
    ["extracted", "article_status"],
    deps=[dg.AssetKey(["extracted", "events"])],
    group_name="extraction",
    description="When and with which reference data each article was extracted (written with extracted.events).",
)

defs = dg.Definitions(
    assets=[
        raw_articles, clean_articles, extracted_events, article_status, warehouse_models,
        published_warehouse, conflict_report,
    ],
    jobs=[conflict_pipeline],
    schedules=[daily_refresh],
    sensors=[new_article_files],
    resources=build_resources(),
)
