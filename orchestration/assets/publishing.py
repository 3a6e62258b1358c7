"""Publishing group: the copy of the warehouse that BI tools open, and the Parquet exports.

Runs after every successful ``dbt build`` (it depends on every mart), in the ``duckdb_writer``
pool because it reads the live file, which a writer must not hold at the same time.

The marts it copies are those of the local DuckDB file. When dbt builds on another target
(``CONFLICT_DBT_TARGET=postgres``), the local file holds no marts, or stale ones from before the
move, so nothing is published: the asset is not materialized (the report after it is skipped
too) and an observation on it says why (docs/scaling_warehouse.md). BI tools then read the
target's ``marts`` schema directly.
"""

from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from extract.publishing.publish import EXPORTED_SCHEMAS, PublishError, exports_dir, publish, published_path
from extract.settings import LOCAL_TARGET
from extract.storage.postgres import dbt_target
from orchestration.assets.dbt import warehouse_models

MART_KEYS = sorted((key for key in warehouse_models.keys if key.path[0] in EXPORTED_SCHEMAS), key=lambda k: k.path)
PUBLISHED_KEY = dg.AssetKey(["published", "warehouse"])


def not_on_local_target(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, what: str
) -> dg.AssetObservation | None:
    """None on the local target; else an observation (and a warning) saying why ``what`` is not
    made: the DuckDB file does not hold the marts dbt just built elsewhere."""
    target = dbt_target(dbt.target)
    if target == LOCAL_TARGET:
        return None
    reason = (
        f"not {what}: dbt builds on target {target!r}, so the marts of the local DuckDB file are missing or stale; "
        f"read the marts in {target!r} instead, or unset CONFLICT_DBT_TARGET to publish from the local file"
    )
    context.log.warning(reason)
    return dg.AssetObservation(
        asset_key=context.asset_key, metadata={"skipped": True, "target": target, "reason": reason}
    )


@dg.asset(
    key=PUBLISHED_KEY,
    deps=MART_KEYS,
    group_name="publishing",
    pool="duckdb_writer",
    kinds={"duckdb", "parquet"},
    output_required=False,
    description=(
        "conflict_published.duckdb: the marts and reference tables in DuckDB 1.0 storage format, swapped in "
        "atomically for BI tools; plus one Parquet file per mart in exports/. Only when dbt builds on the local "
        "DuckDB file (CONFLICT_DBT_TARGET unset or dev)."
    ),
)
def published_warehouse(context: dg.AssetExecutionContext, duckdb: DuckDBResource, dbt: DbtCliResource):
    skipped = not_on_local_target(context, dbt, "published")
    if skipped is not None:
        yield skipped
        return
    live = Path(duckdb.database)
    try:
        publication = publish(live, published_path(live), exports_dir(live), run_id=context.run.run_id)
    except PublishError as error:  # one line that says what to do, not a traceback
        raise dg.Failure(description=str(error), allow_retries=False) from None
    context.log.info(
        f"published {publication.path} ({len(publication.rows)} tables, DuckDB storage {publication.storage_version}); "
        f"the live warehouse was read for {publication.seconds_reading_live:.2f} s"
    )
    table = "\n".join(["| table | rows |", "|---|---:|"] + [f"| {t} | {n} |" for t, n in publication.rows.items()])
    yield dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(publication.path)),
            "storage_version": publication.storage_version,
            "size_bytes": publication.size_bytes,
            "tables": dg.MetadataValue.md(table),
            "exports": dg.MetadataValue.path(str(exports_dir(live))),
            "parquet_files": len(publication.exports),
            "seconds_reading_live": round(publication.seconds_reading_live, 3),
            "dagster/row_count": publication.rows.get("marts.fct_events", 0),
        }
    )
