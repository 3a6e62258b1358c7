"""Warehouse group: every dbt model and seed is an asset; dbt tests are asset checks.

dbt builds on the target ``CONFLICT_DBT_TARGET`` names (``dev``, the DuckDB file the Python stages
write, when unset). On another target, ``target/sources`` first copies the sources (``raw``,
``clean``, ``extracted``) there, and row counts and previews are read from that target
(docs/scaling_warehouse.md).
"""

import dagster as dg
import duckdb as duckdb_module
import pandas as pd
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets
from dagster_duckdb import DuckDBResource

from extract.settings import LOCAL_TARGET
from extract.storage.postgres import (
    POSTGRES_TARGET,
    PostgresSettings,
    TargetSourcesError,
    copy_sources,
    dbt_target,
)
from extract.tools.dbt_targets import prune
from orchestration.catalog import preview_markdown
from orchestration.checks import MART_FRESHNESS
from orchestration.dbt_project import dbt_project
from orchestration.errors import dbt_failure_summary, user_errors

# the copy of the sources into the dbt target; every dbt node that reads a source depends on it
TARGET_SOURCES_KEY = dg.AssetKey(["target", "sources"])
# the dbt assets write the DuckDB file only on the local target; elsewhere they need no turn in
# the pool that serialises its writers (the definitions are loaded with the deployment's env)
DBT_POOL = "duckdb_writer" if dbt_target() == LOCAL_TARGET else None


class LayerGroups(DagsterDbtTranslator):
    """Groups dbt assets by layer (reference seeds, staging, intermediate, marts), so the asset
    graph reads raw -> cleaning -> extraction -> staging -> intermediate -> marts -> publishing."""

    def get_group_name(self, dbt_resource_props):
        if dbt_resource_props.get("resource_type") == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn") or []
        return fqn[1] if len(fqn) > 2 else "warehouse"

    def get_asset_spec(self, manifest, unique_id, project):
        """Marts carry a freshness policy: the daily schedule should rebuild them. A node that
        reads a source also waits for ``target/sources``, so it never reads sources that were not
        copied to its target yet (its dependency on the Python asset of the source stays)."""
        spec = super().get_asset_spec(manifest, unique_id, project)
        upstream = (self.get_resource_props(manifest, unique_id).get("depends_on") or {}).get("nodes") or []
        if any(node.startswith("source.") for node in upstream):
            spec = spec.merge_attributes(deps=[TARGET_SOURCES_KEY])
        return dg.apply_freshness_policy(spec, MART_FRESHNESS) if spec.group_name == "marts" else spec

    def get_asset_check_spec(self, asset_spec, manifest, unique_id, project):
        """Every dbt test as a check that says, in words, what fails it (the UI shows the check's
        description; dbt's generic tests have none of their own).

        A test of a source is a check on the Python asset that writes it (``raw/articles``...),
        run by ``dbt build``. It does not block: a blocking check there would make the cleaning
        step wait for the dbt step, which itself waits for the cleaning, and Dagster would cut
        the dbt step in pieces that run out of order. dbt itself still skips the models
        downstream of a failed source test.
        """
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None:
            return None
        test = manifest.get("nodes", {}).get(unique_id) or {}
        if not spec.description:
            spec = spec._replace(description=describe_test(test))
        upstream = (test.get("depends_on") or {}).get("nodes") or []
        if upstream and all(node.startswith("source.") for node in upstream):
            spec = spec._replace(blocking=False)
        return spec


def describe_test(test: dict) -> str:
    """What makes a dbt test fail, from its name and arguments in the manifest."""
    meta = test.get("test_metadata") or {}
    kwargs = meta.get("kwargs") or {}
    column = kwargs.get("column_name")
    severity = str((test.get("config") or {}).get("severity", "error")).lower()
    then = "warns" if severity == "warn" else "fails"
    name = meta.get("name")
    if name == "not_null":
        what = f"{then} when a row has no {column}"
    elif name == "unique":
        what = f"{then} when two rows share a {column}"
    elif name == "accepted_values":
        what = f"{then} when {column} holds a value other than {', '.join(map(str, kwargs.get('values') or []))}"
    elif name == "relationships":
        target = str(kwargs.get("to", "")).replace("ref(", "").replace("source(", "").strip("')\" ")
        what = f"{then} when {column} names no row of {target} (by {kwargs.get('field')})"
    elif name == "unique_combination_of_columns":
        what = f"{then} when two rows share {', '.join(kwargs.get('combination_of_columns') or [])}"
    elif name:
        what = f"dbt test {name}: {then} when its query returns rows"
    else:
        what = f"{then} when the query of dbt_project/{test.get('original_file_path', 'tests')} returns rows"
    return f"dbt test: {what}."


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    pool=DBT_POOL,
    # Source tests stay observations (dagster-dbt's default). As checks on the Python assets
    # (enable_source_tests_as_checks=True) they are selected with those assets, and a run of
    # raw/articles alone then ran dbt's source tests before the tables existed (tested:
    # tests/e2e/test_executors.py::test_the_job_runs_in_process_by_default).
    dagster_dbt_translator=LayerGroups(DagsterDbtTranslatorSettings(enable_source_tests_as_checks=False)),
)
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, duckdb: DuckDBResource):
    """``dbt build``: seeds, staging views, marts and their tests, in dependency order.

    The events are held until dbt has finished and released the file; then each table's row
    count (and, for marts, a short preview) is added to its materialization, read from the
    target dbt built on.
    """
    invocation = dbt.cli(["build"], context=context, raise_on_error=False)
    events = list(invocation.stream())
    prune(invocation.target_path.parent)  # keep the newest dbt run folders, not one per run forever
    yield from with_table_metadata(events, duckdb, target=dbt_target(dbt.target))
    if not invocation.is_successful():
        raise dg.Failure(description=dbt_failure_summary(invocation), allow_retries=False)


# the Python assets dbt reads as sources (raw/*, clean/*, extracted/*), from the manifest
SOURCE_KEYS = sorted(
    warehouse_models.dependency_keys - set(warehouse_models.keys) - {TARGET_SOURCES_KEY}, key=lambda k: k.path
)


@dg.asset(
    key=TARGET_SOURCES_KEY,
    deps=SOURCE_KEYS,
    group_name="warehouse",
    pool="duckdb_writer",  # reads the DuckDB file, which a writer must not hold meanwhile
    kinds={"duckdb", "postgres"},
    description=(
        "The source tables (raw, clean, extracted) in the dbt target's database: copied from the DuckDB file "
        "(only the rows of changed articles) when CONFLICT_DBT_TARGET=postgres; nothing to do on the local file (dev)."
    ),
)
def target_sources(
    context: dg.AssetExecutionContext, duckdb: DuckDBResource, dbt: DbtCliResource
) -> dg.MaterializeResult:
    target = dbt_target(dbt.target)
    if target == LOCAL_TARGET:
        reason = "dbt target is dev, the DuckDB file the Python stages write: dbt reads the sources in place, nothing to copy"
        context.log.info(reason)
        return dg.MaterializeResult(metadata={"target": target, "copied": False, "reason": reason})
    if target != POSTGRES_TARGET:
        reason = (
            f"dbt target {target!r}: the sources are copied automatically to postgres only; refresh them in {target!r} "
            "by hand (docs/scaling_warehouse.md, MotherDuck) or dbt builds on the sources it finds there"
        )
        context.log.warning(reason)
        return dg.MaterializeResult(metadata={"target": target, "copied": False, "reason": reason})
    try:
        settings = PostgresSettings.from_env()
        with user_errors(), duckdb.get_connection() as con:
            copied = copy_sources(con, settings)
    except TargetSourcesError as error:  # one line that says what to do, not a traceback
        raise dg.Failure(description=str(error), allow_retries=False) from None
    context.log.info(copied.summary())
    table = "\n".join(
        ["| table | mode | rows | written | deleted |", "|---|---|---:|---:|---:|"]
        + [f"| {name} | {t.mode} | {t.rows} | {t.written} | {t.deleted} |" for name, t in copied.tables.items()]
    )
    return dg.MaterializeResult(
        metadata={
            "target": target,
            "database": copied.target,
            "copied": True,
            "tables": dg.MetadataValue.md(table),
            "rows_written": copied.written,
            "rows_deleted": copied.deleted,
            "seconds": round(copied.seconds, 3),
            "rows_per_second": round(copied.rows_per_second),
            "dagster/row_count": sum(copied.rows.values()),
        }
    )


def _relation(event) -> list[str]:
    """[schema, table] of a model's output (named "<schema>__<table>"; table names may hold "__")."""
    path = event.output_name.split("__", 1) if isinstance(event, dg.Output) else []
    return path if len(path) == 2 else []


def _with_counts(event, rows: int, preview: pd.DataFrame | None):
    metadata = {**event.metadata, "dagster/row_count": dg.MetadataValue.int(int(rows))}
    if preview is not None:
        metadata["preview"] = preview_markdown(preview)
    return event.with_metadata(metadata)


def with_table_metadata(events: list, duckdb: DuckDBResource, target: str = LOCAL_TARGET) -> list:
    """dbt's events, with ``dagster/row_count`` and a Markdown preview of each table built, read
    from the target dbt built on: the DuckDB file (dev) or PostgreSQL. On any other target they
    are left out, with a log line: the local file would give wrong numbers.

    Asset keys are [schema, table], so each names its relation.
    """
    if target == LOCAL_TARGET:
        return _duckdb_table_metadata(events, duckdb)
    if target == POSTGRES_TARGET:
        return _postgres_table_metadata(events)
    dg.get_dagster_logger().warning(
        f"row counts and previews of the dbt tables were not added: dbt built on target {target!r}, "
        "which the orchestration does not read (only dev and postgres)"
    )
    return events


def _duckdb_table_metadata(events: list, duckdb: DuckDBResource) -> list:
    """One connection, closed before the next asset runs (an in-process connection left open
    would block the writers)."""
    enriched = []
    try:
        with duckdb.get_connection() as con:
            for event in events:
                path = _relation(event)
                if not path:
                    enriched.append(event)
                    continue
                relation = f'"{path[0]}"."{path[1]}"'
                try:
                    rows = con.execute(f"select count(*) from {relation}").fetchone()[0]
                except duckdb_module.Error:
                    enriched.append(event)
                    continue
                preview = con.execute(f"select * from {relation} limit 5").df() if path[0] == "marts" else None
                enriched.append(_with_counts(event, rows, preview))
    except duckdb_module.Error as error:
        dg.get_dagster_logger().warning(f"row counts of the dbt tables were not added: {str(error).splitlines()[0]}")
        return events
    return enriched


def _postgres_table_metadata(events: list) -> list:
    """The same counts and previews, queried in PostgreSQL (``CONFLICT_PG_*``), read-only."""
    import psycopg2

    log = dg.get_dagster_logger()
    try:
        con = PostgresSettings.from_env().connect()
    except TargetSourcesError as error:
        log.warning(f"row counts of the dbt tables were not added: {error}")
        return events
    enriched, missing = [], []
    try:
        con.set_session(readonly=True, autocommit=True)  # a failed query must not abort the ones after it
        with con.cursor() as cur:
            for event in events:
                path = _relation(event)
                if not path:
                    enriched.append(event)
                    continue
                relation = f'"{path[0]}"."{path[1]}"'
                try:
                    cur.execute(f"select count(*) from {relation}")
                    rows = cur.fetchone()[0]
                    preview = None
                    if path[0] == "marts":
                        cur.execute(f"select * from {relation} limit 5")
                        preview = pd.DataFrame(cur.fetchall(), columns=[d[0] for d in cur.description])
                except psycopg2.Error:
                    missing.append(f"{path[0]}.{path[1]}")
                    enriched.append(event)
                    continue
                enriched.append(_with_counts(event, rows, preview))
    finally:
        con.close()
    if missing:
        log.warning(f"no row count for {len(missing)} dbt tables not found in PostgreSQL: {', '.join(missing[:5])}")
    return enriched
