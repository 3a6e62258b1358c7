"""Small static SVG charts: horizontal bars and stacked columns (the map is in ``maps.py``).

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


def data_uri(svg: str) -> str:
    """The SVG as a data: URI, for an ``<img>`` or a Markdown image (the Dagster UI allows data:)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
