"""Asset checks that tell users when extraction went wrong, and the freshness the marts keep.

dbt tests appear as asset checks on the dbt assets by themselves; these cover the Python side.
Each check says what it measures, and whether a failure is an error (the data is wrong) or a
warning (the data may be thin or odd and deserves a look).
"""

from datetime import timedelta

import dagster as dg
from dagster_duckdb import DuckDBResource

EVENTS = dg.AssetKey(["extracted", "events"])
MIN_ARTICLES_WITH_EVENT = 0.5
MIN_EVENTS_WITH_PROVINCE = 0.6
MAX_FATALITIES = 5000


def _value(duckdb: DuckDBResource, sql: str) -> float:
    with duckdb.get_connection() as con:
        return float(con.execute(sql).fetchone()[0] or 0)


@dg.asset_check(
    asset=EVENTS,
    description=f"Warns when fewer than {MIN_ARTICLES_WITH_EVENT:.0%} of loaded articles yield at least one event: "
    "the input may not be conflict news, or the patterns may no longer fit the sources.",
)
def articles_with_events(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    share = _value(
        duckdb,
        "select count(distinct e.content_hash) / nullif(count(distinct s.content_hash), 0) "
        "from extracted.article_status s left join extracted.events e using (content_hash)",
    )
    return dg.AssetCheckResult(
        passed=share >= MIN_ARTICLES_WITH_EVENT,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"share": round(share, 3)},
    )


@dg.asset_check(
    asset=EVENTS,
    description=f"Warns when fewer than {MIN_EVENTS_WITH_PROVINCE:.0%} of events resolve to a province: "
    "the gazetteer (seeds/reference/places.csv) may lack the places the articles name.",
)
def events_with_province(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    share = _value(duckdb, "select avg(case when admin1_code is not null then 1.0 else 0.0 end) from extracted.events")
    return dg.AssetCheckResult(
        passed=share >= MIN_EVENTS_WITH_PROVINCE,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"share": round(share, 3)},
    )


@dg.asset_check(
    asset=EVENTS,
    description="Errors when an event has no evidence sentence: every coded event must be checkable against its text.",
)
def every_event_has_evidence(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    missing = int(
        _value(duckdb, "select count(*) from extracted.events where evidence is null or length(trim(evidence)) = 0")
    )
    return dg.AssetCheckResult(
        passed=missing == 0, severity=dg.AssetCheckSeverity.ERROR, metadata={"events_without_evidence": missing}
    )


@dg.asset_check(
    asset=EVENTS,
    description=f"Errors when a casualty figure is negative or above {MAX_FATALITIES} for one event: a number was misread.",
)
def casualty_figures_are_plausible(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    bad = int(
        _value(
            duckdb,
            f"""select count(*) from extracted.events where
            least(coalesce(fatalities, 0), coalesce(wounded, 0), coalesce(casualties_total, 0)) < 0
            or greatest(coalesce(fatalities, 0), coalesce(wounded, 0), coalesce(casualties_total, 0)) > {MAX_FATALITIES}""",
        )
    )
    return dg.AssetCheckResult(
        passed=bad == 0, severity=dg.AssetCheckSeverity.ERROR, metadata={"implausible_events": bad}
    )


extraction_checks = [
    articles_with_events,
    events_with_province,
    every_event_has_evidence,
    casualty_figures_are_plausible,
]

# The marts should be rebuilt at least daily (the schedule runs every day): warn after 26 hours,
# fail after 50. Attached to the mart assets in definitions.py.
MART_FRESHNESS = dg.FreshnessPolicy.time_window(fail_window=timedelta(hours=50), warn_window=timedelta(hours=26))
