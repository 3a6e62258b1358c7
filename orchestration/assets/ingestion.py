"""Raw group: load the input folder into ``raw.articles``, ``raw.article_files`` and
``raw.rejected_files``."""


import os
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from extract.loading import load_directory, max_bytes_from_env
from extract.reference import PROJECT_ROOT
from extract.warehouse import ensure_schema, write_load


class LoadConfig(dg.Config):
    """Where to read articles from; empty means ``CONFLICT_INPUT_DIR`` or ``seeds/articles``."""

    input_dir: str = ""


def input_dir(configured: str = "") -> Path:
    """The input folder: run config, then ``CONFLICT_INPUT_DIR``, then the sample articles."""
    chosen = configured or os.environ.get("CONFLICT_INPUT_DIR") or str(PROJECT_ROOT / "seeds" / "articles")
    return Path(chosen).expanduser().resolve()


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "articles"], description="One row per distinct article text, keyed by content hash.", group_name="raw"),
        dg.AssetSpec(["raw", "article_files"], description="Every file and record an article was found in.", group_name="raw"),
        dg.AssetSpec(["raw", "rejected_files"], description="Inputs that could not be loaded, each with a one-line reason.", group_name="raw"),
    ],
    pool="duckdb_writer",
)
def raw_articles(context: dg.AssetExecutionContext, config: LoadConfig, duckdb: DuckDBResource):
    """Load every supported file of the input folder; bad files are set aside with a reason."""
    folder = input_dir(config.input_dir)
    loaded = load_directory(folder, max_bytes=max_bytes_from_env())
    for rejection in loaded.rejections:
        where = f"{rejection.path}:{rejection.line}" if rejection.line else rejection.path
        context.log.warning(f"skipped {where}: {rejection.reason}")
    with duckdb.get_connection() as con:
        ensure_schema(con)
        stats = write_load(con, loaded)
        totals = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in ("articles", "article_files", "rejected_files")}
    yield dg.MaterializeResult(
        asset_key=["raw", "articles"],
        metadata={"input_dir": str(folder), "dagster/row_count": totals["articles"], **{k: v for k, v in stats.items()}},
    )
    yield dg.MaterializeResult(asset_key=["raw", "article_files"], metadata={"dagster/row_count": totals["article_files"]})
    yield dg.MaterializeResult(asset_key=["raw", "rejected_files"], metadata={"dagster/row_count": totals["rejected_files"]})
