"""The static HTML report ``warehouse/report/index.html``, built from the published copy.

It reads only ``conflict_published.duckdb`` (never the live warehouse), and writes one
self-contained HTML file: inline CSS and SVG charts, no JavaScript, no fonts or scripts from the
network, so it opens from disk, from an e-mail or on a machine without internet.

``python -m extract.publishing.report`` renders it by hand (``make report``).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from html import escape
from pathlib import Path

import duckdb
import pycountry

from extract.publishing.charts import Bar, horizontal_bars, stacked_columns
from extract.publishing.maps import Outline, Point, load_outlines, point_map

EVENT_TYPE_COLORS = {
    "Battles": "#4e79a7",
    "Explosions/Remote violence": "#e15759",
    "Violence against civilians": "#f28e2b",
    "Protests": "#59a14f",
    "Riots": "#b07aa1",
    "Strategic developments": "#9c755f",
}
COUNTRY_COLORS = {"IQ": "#4e79a7", "SY": "#e15759", "TR": "#59a14f", "IR": "#b07aa1", "JO": "#f28e2b", "LB": "#76b7b2"}
OTHER_COLOR = "#7f7f7f"
MODE_COLORS = {
    "shelling": "#e15759",
    "air_strike": "#4e79a7",
    "ground_incursion": "#59a14f",
    "infiltration": "#b07aa1",
    "other": "#9c9c9c",
}
ROLE_COLORS = {"as initiator (actor1)": "#4e79a7", "as target (actor2)": "#f28e2b"}


@dataclass
class Report:
    path: Path
    charts: dict[str, str] = field(default_factory=dict)  # name -> SVG
    summary: dict[str, object] = field(default_factory=dict)

    @property
    def size_bytes(self) -> int:
        return self.path.stat().st_size


def report_path(live: Path) -> Path:
    return live.parent / "report" / "index.html"


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=False)) for row in cursor.fetchall()]


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?", [schema, table]
        ).fetchone()[0]
    )


def plural(count: object, noun: str, plural_form: str = "") -> str:
    """``1 event``, ``2 events``, ``0 events``; a count that is not known reads ``no figure``."""
    if count is None:
        return f"no {noun} figure"
    shown = f"{count:g}" if isinstance(count, float) else str(count)
    return f"{shown} {noun if count == 1 else plural_form or noun + 's'}"


class Countries:
    """Country names for ISO codes: the ``reference.countries`` seed of the published copy (short
    English names: Syria, Iran, Türkiye), else ISO 3166 from pycountry; the code itself last."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.names: dict[str, str] = {}
        if _has_table(con, "reference", "countries"):
            self.names = dict(con.execute("select country_code, name from reference.countries").fetchall())

    def __call__(self, code: str | None) -> str:
        if not code:
            return "unknown country"
        if code in self.names:
            return self.names[code]
        country = pycountry.countries.get(alpha_2=code)
        return getattr(country, "common_name", None) or getattr(country, "name", None) or code


def province_chart(con: duckdb.DuckDBPyConnection, limit: int = 20) -> str:
    rows = _rows(
        con,
        f"""
        select coalesce(admin1, '(province unknown)') as province, country_code,
            sum(events) as events, sum(fatalities) as fatalities
        from marts.events_by_province
        group by all
        order by events desc, province
        limit {int(limit)}""",
    )
    country = Countries(con)
    bars = [
        Bar(
            label=f"{r['province']}, {country(r['country_code'])}",
            values={"events": float(r["events"])},
            tooltip=(
                f"{r['province']}, {country(r['country_code'])}: {plural(r['events'], 'event')}, "
                f"{r['fatalities']} killed"
                if r["fatalities"] is not None
                else f"{r['province']}, {country(r['country_code'])}: {plural(r['events'], 'event')}, no death toll reported"
            ),
        )
        for r in rows
    ]
    return horizontal_bars("events_by_province", "Events per province", bars, {"events": "#4e79a7"})


def map_chart(con: duckdb.DuckDBPyConnection, outlines: list[Outline] | None = None) -> str:
    """Events by place over the country borders (``outlines``; the committed Natural Earth ones
    when not given)."""
    places = _rows(
        con,
        """
        select location, admin1, country_code, latitude, longitude, n_events, geo_precision
        from marts.dim_locations
        where latitude is not null and longitude is not null
        order by n_events desc, place_key""",
    )
    country = Countries(con)
    points = [
        Point(
            lon=r["longitude"],
            lat=r["latitude"],
            size=float(r["n_events"]),
            color=COUNTRY_COLORS.get(r["country_code"], OTHER_COLOR),
            tooltip=(
                f"{r['location'] or r['admin1'] or country(r['country_code'])}"
                f"{', ' + r['admin1'] if r['admin1'] and r['admin1'] != r['location'] else ''}"
                f", {country(r['country_code'])}: {plural(r['n_events'], 'event')}"
                f"{'' if r['geo_precision'] == 1 else ' (approximate place)'}"
            ),
            # the busiest places are offered a name first; the map drops those that would collide
            label=r["location"] or "",
        )
        for r in places
    ]
    present = [c for c in COUNTRY_COLORS if any(r["country_code"] == c for r in places)]
    legend = {f"in {country(c)}": COUNTRY_COLORS[c] for c in present}
    if any(r["country_code"] not in COUNTRY_COLORS for r in places):
        legend["elsewhere"] = OTHER_COLOR
    background: list[tuple[float, float]] = []
    labels: list[tuple[float, float, str]] = []
    if _has_table(con, "reference", "places"):
        background = [
            (r["longitude"], r["latitude"])
            for r in _rows(
                con,
                """
                select longitude, latitude from reference.places
                where latitude is not null and feature_kind not in ('country', 'province')""",
            )
        ]
        labels = [
            (r["longitude"], r["latitude"], country(r["country_code"]))
            for r in _rows(
                con,
                """
                select longitude, latitude, country_code from reference.places
                where feature_kind = 'country' and latitude is not null""",
            )
        ]
    return point_map(
        "event_map",
        "Events by place (point size = number of events)",
        points,
        background,
        labels,
        outlines=load_outlines() if outlines is None else outlines,
        legend=legend,
    )


def monthly_chart(con: duckdb.DuckDBPyConnection) -> tuple[str, int]:
    """Events per month, stacked by event type, every month from the first to the last shown;
    also returns how many events have no month at all."""
    rows = _rows(
        con,
        """
        select event_month, event_type, sum(events) as events
        from marts.events_by_province
        group by all""",
    )
    undated = int(sum(r["events"] for r in rows if r["event_month"] is None))
    dated = [r for r in rows if r["event_month"] is not None]
    months: list[date] = []
    if dated:
        first, last = min(r["event_month"] for r in dated), max(r["event_month"] for r in dated)
        current = first
        while current <= last:
            months.append(current)
            current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    columns = [
        Bar(
            label=m.strftime("%b %Y"),
            values={
                t: float(sum(r["events"] for r in dated if r["event_month"] == m and r["event_type"] == t))
                for t in EVENT_TYPE_COLORS
            },
        )
        for m in months
    ]
    present = {r["event_type"] for r in dated}
    colors = {t: c for t, c in EVENT_TYPE_COLORS.items() if t in present} or {"Battles": EVENT_TYPE_COLORS["Battles"]}
    return stacked_columns("monthly_events_by_type", "Events per month by event type", columns, colors), undated


def border_chart(con: duckdb.DuckDBPyConnection) -> tuple[str, list[dict]]:
    incidents = _rows(
        con,
        """
        select event_id, event_date, event_month, origin_country, target_country, location, admin1, mode,
            actor1, actor2, fatalities, wounded, casualties_total, n_reports, sources, article_ids
        from marts.border_crossing_incidents
        order by coalesce(event_date, event_month) nulls last, event_id""",
    )
    country = Countries(con)
    routes: dict[str, dict[str, float]] = {}
    for incident in incidents:
        incident["route"] = f"{country(incident['origin_country'])} → {country(incident['target_country'])}"
        route = incident["route"]
        routes.setdefault(route, {})
        routes[route][incident["mode"]] = routes[route].get(incident["mode"], 0) + 1
    bars = [
        Bar(label=route, values=modes)
        for route, modes in sorted(routes.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    ]
    modes = {m: c for m, c in MODE_COLORS.items() if any(m in b.values for b in bars)} or {
        "shelling": MODE_COLORS["shelling"]
    }
    return horizontal_bars("border_crossings", "Border-crossing incidents by route and mode", bars, modes), incidents


def actors_chart(con: duckdb.DuckDBPyConnection, limit: int = 15) -> str:
    rows = _rows(
        con,
        f"""
        select actor, n_events, n_events_as_actor1, n_events_as_actor2
        from marts.dim_actors
        where n_events > 0
        order by n_events desc, actor
        limit {int(limit)}""",
    )
    labels = list(ROLE_COLORS)
    bars = [
        Bar(
            label=r["actor"],
            values={labels[0]: float(r["n_events_as_actor1"]), labels[1]: float(r["n_events_as_actor2"])},
        )
        for r in rows
    ]
    return horizontal_bars("top_actors", "Top actors by events", bars, ROLE_COLORS)


def summary(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    row = _rows(
        con,
        """
        select
            count(*) as events,
            coalesce(sum(n_reports), 0) as reports,
            count(*) filter (where n_reports > 1) as merged_events,
            count(*) filter (where cross_border) as cross_border_events,
            coalesce(sum(fatalities), 0) as fatalities,
            min(coalesce(event_date, published_at)) as first_day,
            max(coalesce(event_date, published_at)) as last_day
        from marts.fct_events""",
    )[0]
    row["articles"] = (
        con.execute("select count(*) from marts.dim_articles").fetchone()[0]
        if _has_table(con, "marts", "dim_articles")
        else None
    )
    if _has_table(con, "meta", "publication"):
        row["published_at"] = con.execute("select max(published_at) from meta.publication").fetchone()[0]
    return row


def render(published: Path, target: Path) -> Report:
    """Render the report of a published warehouse file into ``target`` (written atomically)."""
    con = duckdb.connect(str(published), read_only=True)
    try:
        facts = summary(con)
        charts = {"events_by_province": province_chart(con), "event_map": map_chart(con)}
        charts["monthly_events_by_type"], undated = monthly_chart(con)
        charts["border_crossings"], incidents = border_chart(con)
        charts["top_actors"] = actors_chart(con)
    finally:
        con.close()
    html = _page(facts, charts, undated, incidents, published)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    partial.write_text(html, encoding="utf-8")
    os.replace(partial, target)
    return Report(path=target, charts=charts, summary=facts)


CSS = """
body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 0 auto; max-width: 980px; padding: 24px; }
h1 { font-size: 24px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 36px; border-bottom: 1px solid #ddd; }
.meta { color: #666; font-size: 13px; } .note { color: #666; font-size: 13px; } td.none { color: #999; }
.facts { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.fact { background: #f3f5f8; border-radius: 6px; padding: 10px 14px; min-width: 110px; }
.fact b { display: block; font-size: 22px; }
figure { margin: 12px 0; } svg.chart { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 12px; width: 100%; }
th, td { border-bottom: 1px solid #e6e6e6; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f3f5f8; }
"""


def _page(facts: dict, charts: dict[str, str], undated: int, incidents: list[dict], published: Path) -> str:
    def fact(one: str, many: str, value: object) -> str:
        label = one if value == 1 else many
        return f'<div class="fact"><b>{escape(str(value if value is not None else "–"))}</b>{escape(label)}</div>'

    period = f"{facts['first_day']} to {facts['last_day']}" if facts.get("first_day") else "no dated events"
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    rows = (
        "".join(
            "<tr>"
            + "".join(
                f"<td>{escape(_cell(value))}</td>"
                for value in (
                    i["event_date"] or (f"{i['event_month']:%b %Y}" if i["event_month"] else None),
                    i["route"],
                    ", ".join(dict.fromkeys(p for p in (i["location"], i["admin1"]) if p)),
                    i["mode"].replace("_", " "),
                    " vs ".join(a for a in (i["actor1"], i["actor2"]) if a),
                )
            )
            + _casualty_cells(i)
            + "".join(
                f"<td>{escape(_cell(value))}</td>"
                for value in (i["n_reports"], "; ".join(i["sources"] or []) or "; ".join(i["article_ids"] or []))
            )
            + "</tr>"
            for i in incidents
        )
        or '<tr><td colspan="9">No cross-border incidents.</td></tr>'
    )
    undated_note = (
        (
            f'<p class="note">{plural(undated, "event")} with neither an event date nor a publication date '
            f"{'is' if undated == 1 else 'are'} not shown by month.</p>"
        )
        if undated
        else ""
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conflict events report</title>
<style>{CSS}</style>
</head>
<body>
<h1>Conflict events on the Iraq–Syria border</h1>
<p class="meta">Generated {escape(generated)} from {escape(published.name)}
{f"(published {escape(str(facts['published_at'])[:19])} UTC)" if facts.get("published_at") else ""}. Events are
deduplicated across articles; hover a bar or point for its numbers.</p>
<div class="facts">
{fact("event", "events", facts["events"])}{fact("article report", "article reports", facts["reports"])}
{fact("event in 2+ reports", "events in 2+ reports", facts["merged_events"])}{fact("article", "articles", facts.get("articles"))}
{fact("cross-border event", "cross-border events", facts["cross_border_events"])}{fact("killed (conservative)", "killed (conservative)", facts["fatalities"])}
</div>
<p class="meta">Period: {escape(period)}.</p>

<h2>Events per province</h2>
<figure>{charts["events_by_province"]}</figure>

<h2>Where: events by place</h2>
<figure>{charts["event_map"]}</figure>
<p class="note">Point size is the number of events at the place, its colour the country; grey dots are the towns
of the gazetteer, lines the country borders (Natural Earth, de facto). Events located only by province or country are
drawn at its centre. Busy places are named first; a name that would overlap another is left out (hover the point).</p>

<h2>Events per month by type</h2>
<figure>{charts["monthly_events_by_type"]}</figure>
{undated_note}

<h2>Border-crossing incidents</h2>
<figure>{charts["border_crossings"]}</figure>
<table>
<thead><tr><th>date</th><th>route</th><th>place</th><th>mode</th><th>actors</th><th>killed</th><th>wounded</th><th>reports</th><th>sources</th></tr></thead>
<tbody>{rows}</tbody>
</table>

<h2>Top actors</h2>
<figure>{charts["top_actors"]}</figure>
</body>
</html>
"""


def _casualty_cells(incident: dict) -> str:
    """The killed and wounded cells: the figures when the reports give them; one cell across both
    with the total when they give only "killed and injured 35"; "not reported" otherwise."""
    killed, wounded, total = incident["fatalities"], incident["wounded"], incident.get("casualties_total")
    if killed is None and wounded is None and total is not None:
        return f'<td colspan="2">{escape(plural(total, "casualty", "casualties"))} (killed and wounded, not split)</td>'
    return "".join(
        f"<td>{escape(str(value))}</td>" if value is not None else '<td class="none">not reported</td>'
        for value in (killed, wounded)
    )


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def main() -> int:
    from extract.publishing.publish import published_path
    from extract.storage.warehouse import warehouse_path

    live = warehouse_path()
    published = published_path(live)
    if not published.exists():
        print(
            f"no published warehouse at {published}: run the pipeline (make run) or make publish first", file=sys.stderr
        )
        return 1
    report = render(published, report_path(live))
    print(f"report: {report.path} ({report.size_bytes} bytes, {len(report.charts)} charts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
