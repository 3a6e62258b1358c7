"""The report's map: events as points over country borders, with a legend and labels that do
not collide, as one static SVG (no tiles, no script, no network).

The borders are Natural Earth outlines committed in ``seeds/reference/country_outlines.geojson``
(``extract/tools/country_outlines.py`` builds it). Labels are placed greedily, busiest place
first: each tries the right, left, top and bottom of its point and is dropped when every spot
overlaps a label or point already drawn, so a crowded province shows fewer names, never a
smudge of overlapping ones.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from extract.publishing.charts import GRID, TEXT, _svg
from extract.settings import DEFAULT_REFERENCE_DIR

OUTLINES = DEFAULT_REFERENCE_DIR / "country_outlines.geojson"
SEA = "#e6eef6"
LAND = "#fbfaf6"
BORDER = "#7d8995"
GAZETTEER_DOT = "#c3ccd5"
LEGEND_HEIGHT = 64


@dataclass(frozen=True)
class Point:
    lon: float
    lat: float
    size: float
    color: str
    tooltip: str
    label: str = ""


@dataclass
class Outline:
    """One country's border: its ISO code, name and polygons (each a list of rings of
    (lon, lat), the first ring the outside)."""

    code: str
    name: str
    polygons: list[list[list[tuple[float, float]]]] = field(default_factory=list)


def load_outlines(path: Path = OUTLINES) -> list[Outline]:
    """The committed country outlines; none when the file is missing (the map then draws only
    the graticule and the gazetteer's towns)."""
    if not path.exists():
        return []
    collection = json.loads(path.read_text(encoding="utf-8"))
    return [
        Outline(
            code=feature["properties"].get("iso_a2") or "",
            name=feature["properties"].get("name") or "",
            polygons=[
                [[(lon, lat) for lon, lat in ring] for ring in polygon]
                for polygon in feature["geometry"]["coordinates"]
            ],
        )
        for feature in collection["features"]
    ]


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _text_width(text: str, size: float, spacing: float = 0) -> float:
    """A generous estimate of the drawn width of Helvetica text (no font metrics in SVG)."""
    return len(text) * (size * 0.62 + spacing)


def point_map(
    name: str,
    title: str,
    points: list[Point],
    background: list[tuple[float, float]],
    labels: list[tuple[float, float, str]],
    outlines: list[Outline] | None = None,
    legend: dict[str, str] | None = None,
    width: int = 760,
    height: int = 520,
) -> str:
    """Points by longitude and latitude on an equirectangular projection around them, over the
    country ``outlines``; ``labels`` name areas (countries) at a position; ``legend`` maps a
    colour's meaning to the colour. The legend, with the point sizes, sits under the map."""
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

    # the map itself is a nested <svg>, which clips the borders to its box without a url() reference
    inner = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="{SEA if outlines else "#f7f9fb"}"/>']
    for outline in outlines or []:
        d = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (project(lon, lat) for lon, lat in ring)) + " Z"
            for polygon in outline.polygons
            for ring in polygon
        )
        inner.append(
            f'<path class="border" data-country="{escape(outline.code)}" d="{d}" fill="{LAND}" fill-rule="evenodd" '
            f'stroke="{BORDER}" stroke-width="0.9" stroke-linejoin="round"><title>{escape(outline.name)}</title></path>'
        )
    for meridian in range(math.floor(lon_mid - span_lon), math.ceil(lon_mid + span_lon) + 1):
        if meridian % 2 == 0:
            x, _ = project(meridian, lat_mid)
            if 0 < x < width:
                inner.append(
                    f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" stroke="{GRID}" stroke-opacity="0.7"/>'
                )
                inner.append(f'<text x="{x + 3:.1f}" y="{height - 6}" fill="#999" font-size="10">{meridian}°E</text>')
    for parallel in range(math.floor(lat_mid - span_lat), math.ceil(lat_mid + span_lat) + 1):
        if parallel % 2 == 0:
            _, y = project(lon_mid, parallel)
            if 0 < y < height:
                inner.append(
                    f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="{GRID}" stroke-opacity="0.7"/>'
                )
                inner.append(f'<text x="4" y="{y - 3:.1f}" fill="#999" font-size="10">{parallel}°N</text>')
    for lon, lat in background:
        x, y = project(lon, lat)
        if inside(x, y):
            inner.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.3" fill="{GAZETTEER_DOT}"/>')

    largest = max((p.size for p in points), default=1)

    def radius(point: Point) -> float:
        return 4 + 14 * math.sqrt(point.size / largest)

    placed: list[Box] = []  # every point and label drawn so far
    for point in points:
        x, y = project(point.lon, point.lat)
        r = radius(point)
        placed.append((x - r, y - r, x + r, y + r))
    marks, names = [], []
    for point in sorted(points, key=lambda p: -p.size):  # small points drawn last, on top
        x, y = project(point.lon, point.lat)
        marks.append(
            f'<circle class="mark" cx="{x:.1f}" cy="{y:.1f}" r="{radius(point):.1f}" fill="{point.color}" fill-opacity="0.75" '
            f'stroke="#ffffff" stroke-width="1"><title>{escape(point.tooltip)}</title></circle>'
        )
    for point in points:  # in the caller's order: the busiest places get their names first
        if not point.label:
            continue
        x, y = project(point.lon, point.lat)
        r, size = radius(point), 11
        w = _text_width(point.label, size)
        for tx, ty, anchor in (
            (x + r + 3, y + 4, "start"),
            (x - r - 3, y + 4, "end"),
            (x, y - r - 4, "middle"),
            (x, y + r + 12, "middle"),
        ):
            left = tx if anchor == "start" else tx - w if anchor == "end" else tx - w / 2
            box = (left - 1, ty - size, left + w + 1, ty + 3)
            own = (x - r, y - r, x + r, y + r)
            if box[0] < 0 or box[2] > width or box[1] < 0 or box[3] > height:
                continue
            if any(_overlaps(box, other) for other in placed if other != own):
                continue
            placed.append(box)
            names.append(
                f'<text class="place-label" x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" fill="{TEXT}" font-size="{size}" '
                f'stroke="#ffffff" stroke-width="3" paint-order="stroke">{escape(point.label)}</text>'
            )
            break
    areas = []
    for lon, lat, text in labels:  # country names go where no place or its name is
        x, y = project(lon, lat)
        caption, size, spacing = text.upper(), 15, 3
        w = _text_width(caption, size, spacing)
        box = (x - w / 2, y - size, x + w / 2, y + 3)
        if box[0] < 0 or box[2] > width or box[1] < 0 or box[3] > height or any(_overlaps(box, o) for o in placed):
            continue
        placed.append(box)
        areas.append(
            f'<text class="area-label" x="{x:.1f}" y="{y:.1f}" text-anchor="middle" fill="#8a96a3" font-size="{size}" '
            f'letter-spacing="{spacing}">{escape(caption)}</text>'
        )
    inner += areas + marks + names
    body = [
        f'<svg x="0" y="0" width="{width}" height="{height}" viewBox="0 0 {width} {height}" overflow="hidden">'
        + "".join(inner)
        + "</svg>",
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" fill="none" stroke="{GRID}"/>',
    ]
    body += _map_legend(legend or {}, largest, bool(outlines), bool(background), width, height)
    return _svg(width, height + LEGEND_HEIGHT, name, title, body)


def _map_legend(colors: dict[str, str], largest: float, borders: bool, towns: bool, width: int, top: int) -> list[str]:
    """Under the map: one swatch per colour, then what the point sizes, grey dots and lines mean."""
    out = [f'<g class="legend" transform="translate(0 {top})">']
    x, y = 8.0, 22.0
    for label, color in colors.items():
        w = 18 + _text_width(label, 12) + 14
        if x + w > width:
            x, y = 8.0, y + 20
        out.append(f'<circle cx="{x + 6:.1f}" cy="{y - 4:.1f}" r="6" fill="{color}" fill-opacity="0.75"/>')
        out.append(f'<text x="{x + 16:.1f}" y="{y:.1f}" fill="{TEXT}">{escape(label)}</text>')
        x += w
    x, y = 8.0, y + 26
    sizes = [1.0] if largest <= 1 else [1.0, float(largest)]
    for size in sizes:
        r = 4 + 14 * math.sqrt(size / largest)
        label = f"{size:g} event{'s' if size != 1 else ''}"
        out.append(
            f'<circle cx="{x + r:.1f}" cy="{y - 4:.1f}" r="{r:.1f}" fill="none" stroke="{TEXT}" stroke-opacity="0.6"/>'
        )
        out.append(f'<text x="{x + 2 * r + 5:.1f}" y="{y:.1f}" fill="{TEXT}">{escape(label)}</text>')
        x += 2 * r + 14 + _text_width(label, 12)
    if towns:
        out.append(f'<circle cx="{x + 3:.1f}" cy="{y - 4:.1f}" r="2" fill="{GAZETTEER_DOT}"/>')
        out.append(f'<text x="{x + 10:.1f}" y="{y:.1f}" fill="{TEXT}">town in the gazetteer</text>')
        x += 24 + _text_width("town in the gazetteer", 12)
    if borders:
        out.append(f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 18:.1f}" y2="{y - 4:.1f}" stroke="{BORDER}"/>')
        out.append(f'<text x="{x + 24:.1f}" y="{y:.1f}" fill="{TEXT}">country border (Natural Earth)</text>')
    out.append("</g>")
    return out
