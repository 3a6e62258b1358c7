"""Small static SVG charts: horizontal bars, stacked bars, stacked columns and a point map.

Written by hand rather than with a charting library so that the report is one small HTML file
that needs no network and no JavaScript to show its charts: every chart is plain SVG, every mark
(bar, point) has the class ``mark`` and a ``<title>`` that browsers show as a tooltip. The same
SVG strings go into the Dagster UI as images (see ``data_uri``).
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass
from html import escape

FONT = 'font-family="Helvetica, Arial, sans-serif"'
TEXT = "#333333"
GRID = "#e3e3e3"


@dataclass(frozen=True)
class Bar:
    label: str
    values: dict[str, float]  # series name -> value; one series for a plain bar chart
    tooltip: str = ""

    @property
    def total(self) -> float:
        return sum(self.values.values())


@dataclass(frozen=True)
class Point:
    lon: float
    lat: float
    size: float
    color: str
    tooltip: str
    label: str = ""


def _svg(width: int, height: int, name: str, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="{escape(name)}" role="img" '
        f'aria-label="{escape(title)}" width="{width}" height="{height}" viewBox="0 0 {width} {height}" {FONT} font-size="12">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def _axis(value: float, max_ticks: int = 5) -> tuple[float, int]:
    """A round axis maximum at or above value, and the number of tick intervals: the step is
    1, 2 or 5 x 10^n, so counts get whole-number ticks."""
    if value <= 0:
        return 1.0, 1
    step = 10 ** math.floor(math.log10(value / max_ticks)) if value >= max_ticks else 1
    for factor in (1, 2, 5, 10):
        if math.ceil(value / (step * factor)) <= max_ticks:
            step *= factor
            break
    intervals = max(math.ceil(value / step), 1)
    return float(step * intervals), intervals


def _legend(series: dict[str, str], x: float, y: float) -> list[str]:
    out, cursor = [], x
    for name, color in series.items():
        out.append(f'<rect x="{cursor:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{color}"/>')
        out.append(f'<text x="{cursor + 14:.1f}" y="{y:.1f}" fill="{TEXT}">{escape(name)}</text>')
        cursor += 24 + 6.5 * len(name)
    return out


def horizontal_bars(
    name: str,
    title: str,
    bars: list[Bar],
    colors: dict[str, str],
    width: int = 760,
    label_width: int = 230,
    row: int = 22,
) -> str:
    """One row per bar, the series of each bar stacked left to right in the order of ``colors``."""
    top, bottom = 34 if len(colors) > 1 else 12, 26
    height = top + bottom + row * max(len(bars), 1)
    plot = width - label_width - 60
    maximum, intervals = _axis(max((b.total for b in bars), default=0))
    body: list[str] = []
    if len(colors) > 1:
        body += _legend(colors, label_width, 18)
    for tick in range(intervals + 1):
        value = maximum * tick / intervals
        x = label_width + plot * tick / intervals
        body.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - bottom + 4}" stroke="{GRID}"/>')
        body.append(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" fill="{TEXT}">{value:g}</text>')
    for index, bar in enumerate(bars):
        y = top + index * row
        body.append(
            f'<text x="{label_width - 8}" y="{y + row * 0.68:.1f}" text-anchor="end" fill="{TEXT}">{escape(_clip(bar.label, 34))}</text>'
        )
        cursor = float(label_width)
        for series, color in colors.items():
            value = bar.values.get(series, 0)
            if value <= 0:
                continue
            length = plot * value / maximum
            tip = bar.tooltip or f"{bar.label}: {value:g}"
            if len(colors) > 1:
                tip = f"{bar.label}, {series}: {value:g}"
            body.append(
                f'<rect class="mark" x="{cursor:.1f}" y="{y + 3}" width="{length:.1f}" height="{row - 6}" fill="{color}">'
                f"<title>{escape(tip)}</title></rect>"
            )
            cursor += length
        body.append(f'<text x="{cursor + 5:.1f}" y="{y + row * 0.68:.1f}" fill="{TEXT}">{bar.total:g}</text>')
    return _svg(width, height, name, title, body)


def stacked_columns(
    name: str, title: str, columns: list[Bar], colors: dict[str, str], width: int = 760, height: int = 300
) -> str:
    """One column per entry (e.g. month), its series stacked bottom to top."""
    left, right, top, bottom = 44, 12, 34, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    maximum, intervals = _axis(max((c.total for c in columns), default=0))
    slot = plot_w / max(len(columns), 1)
    bar_w = max(min(slot * 0.7, 48), 2)
    body = _legend(colors, left, 18)
    for tick in range(intervals + 1):
        value = maximum * tick / intervals
        y = top + plot_h - plot_h * tick / intervals
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">{value:g}</text>')
    every = max(1, math.ceil(len(columns) / 12))  # at most about twelve axis labels
    for index, column in enumerate(columns):
        x = left + slot * index + (slot - bar_w) / 2
        base: float = top + plot_h
        for series, color in colors.items():
            value = column.values.get(series, 0)
            if value <= 0:
                continue
            length = plot_h * value / maximum
            base -= length
            body.append(
                f'<rect class="mark" x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{length:.1f}" fill="{color}">'
                f"<title>{escape(f'{column.label}, {series}: {value:g}')}</title></rect>"
            )
        if index % every == 0:
            body.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" fill="{TEXT}">{escape(column.label)}</text>'
            )
    return _svg(width, height, name, title, body)


def point_map(
    name: str,
    title: str,
    points: list[Point],
    background: list[tuple[float, float]],
    labels: list[tuple[float, float, str]],
    width: int = 760,
    height: int = 520,
) -> str:
    """Points by longitude and latitude on an equirectangular projection around them. The
    background is faint dots (e.g. every gazetteer town) that sketch the land; no tiles, no
    network."""
    if points:
        lons, lats = [p.lon for p in points], [p.lat for p in points]
        lon_mid, lat_mid = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
        span_lon = max(max(lons) - min(lons) + 3, 8)
        span_lat = max(max(lats) - min(lats) + 3, 6)
    else:
        lon_mid, lat_mid, span_lon, span_lat = 40.5, 34.5, 14, 10  # Iraq and Syria
    scale_x = math.cos(math.radians(lat_mid))
    margin = 24
    # one scale for both axes so that the map is not stretched
    scale = min((width - 2 * margin) / (span_lon * scale_x), (height - 2 * margin) / span_lat)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (width / 2 + (lon - lon_mid) * scale_x * scale, height / 2 - (lat - lat_mid) * scale)

    def inside(x: float, y: float) -> bool:
        return 0 <= x <= width and 0 <= y <= height

    body = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#f7f9fb" stroke="{GRID}"/>']
    for meridian in range(math.floor(lon_mid - span_lon), math.ceil(lon_mid + span_lon) + 1):
        if meridian % 2 == 0:
            x, _ = project(meridian, lat_mid)
            if 0 < x < width:
                body.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" stroke="{GRID}"/>')
                body.append(f'<text x="{x + 3:.1f}" y="{height - 6}" fill="#999" font-size="10">{meridian}°E</text>')
    for parallel in range(math.floor(lat_mid - span_lat), math.ceil(lat_mid + span_lat) + 1):
        if parallel % 2 == 0:
            _, y = project(lon_mid, parallel)
            if 0 < y < height:
                body.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="{GRID}"/>')
                body.append(f'<text x="4" y="{y - 3:.1f}" fill="#999" font-size="10">{parallel}°N</text>')
    for lon, lat in background:
        x, y = project(lon, lat)
        if inside(x, y):
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.3" fill="#c9d1d9"/>')
    for lon, lat, text in labels:
        x, y = project(lon, lat)
        if inside(x, y):
            body.append(
                f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" fill="#8a96a3" font-size="15" '
                f'letter-spacing="3">{escape(text.upper())}</text>'
            )
    largest = max((p.size for p in points), default=1)
    for point in sorted(points, key=lambda p: -p.size):  # small points drawn last, on top
        x, y = project(point.lon, point.lat)
        radius = 4 + 14 * math.sqrt(point.size / largest)
        body.append(
            f'<circle class="mark" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{point.color}" fill-opacity="0.75" '
            f'stroke="#ffffff" stroke-width="1"><title>{escape(point.tooltip)}</title></circle>'
        )
        if point.label:
            body.append(
                f'<text x="{x + radius + 3:.1f}" y="{y + 4:.1f}" fill="{TEXT}" font-size="11">{escape(point.label)}</text>'
            )
    return _svg(width, height, name, title, body)


def data_uri(svg: str) -> str:
    """The SVG as a data: URI, for an ``<img>`` or a Markdown image (the Dagster UI allows data:)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
