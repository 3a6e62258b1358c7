"""Raw group: load the input folder into ``raw.articles``, ``raw.article_files`` and
``raw.rejected_files``."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from extract.loading.batches import batch_files, input_dir
from extract.loading.files import input_files
from extract.storage.stages import load_stage
from orchestration.batches import input_batches
from orchestration.errors import user_errors


class LoadConfig(dg.Config):
    """Where to read articles from (empty: ``CONFLICT_INPUT_DIR`` or ``seeds/articles``), and
    ``rebuild`` to forget files no longer in the folder together with their events."""

    input_dir: str = ""
    rebuild: bool = False


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["raw", "articles"],
            description="One row per distinct article text, keyed by content hash.",
            group_name="raw",
        ),
        dg.AssetSpec(
            ["raw", "article_files"], description="Every file and record an article was found in.", group_name="raw"
        ),
        dg.AssetSpec(
            ["raw", "rejected_files"],
            description="Inputs that could not be loaded, each with a one-line reason.",
            group_name="raw",
        ),
    ],
    pool="duckdb_writer",
    partitions_def=input_batches,
)
def raw_articles(context: dg.AssetExecutionContext, config: LoadConfig, duckdb: DuckDBResource):
    """Load the batch's files (partition ``all``: the whole input folder); bad files are set
    aside with a reason."""
    folder = input_dir(config.input_dir)
    with user_errors():
        files = batch_files(context.partition_key)
    with user_errors(), duckdb.get_connection() as con:
        stats = load_stage(con, folder, rebuild=config.rebuild, log=context.log.warning, files=files)
        totals = {
            t: con.execute(f"select count(*) from raw.{t}").fetchone()[0]
            for t in ("articles", "article_files", "rejected_files")
        }
        reasons = con.execute(
            "select reason, count(*) as files from raw.rejected_files group by 1 order by 2 desc limit 20"
        ).df()
    reasons_md = reasons.to_markdown(index=False) if not reasons.empty else "(none)"
    listed = files if files is not None else [p.relative_to(folder).as_posix() for p in input_files(folder)]
    yield dg.MaterializeResult(
        asset_key=["raw", "articles"],
        metadata={
            "input_dir": str(folder),
            "batch": context.partition_key,
            "files_in_batch": len(listed),
            # what the partition holds, on its page in the UI (a batch key says when and how many)
            "files": dg.MetadataValue.md(file_list(listed)),
            "dagster/row_count": totals["articles"],
            **{k: v for k, v in stats.items() if k != "rejection_reasons"},
        },
    )
    yield dg.MaterializeResult(
        asset_key=["raw", "article_files"], metadata={"dagster/row_count": totals["article_files"]}
    )
    yield dg.MaterializeResult(
        asset_key=["raw", "rejected_files"],
        metadata={"dagster/row_count": totals["rejected_files"], "reasons": dg.MetadataValue.md(reasons_md)},
    )


MAX_LISTED = 50


def file_list(names: list[str]) -> str:
    """The batch's files as a Markdown list, the first :data:`MAX_LISTED` of them."""
    shown = [f"- `{name}`" for name in names[:MAX_LISTED]]
    more = [f"- … and {len(names) - MAX_LISTED} more"] if len(names) > MAX_LISTED else []
    return "\n".join(shown + more) or "(no files)"
