"""The HTML report: rendered by the pipeline from the published copy, opened in headless
Chromium (Debian's ``chromium``, installed by .ci/run) to check that every chart is laid out
and painted, and its key charts attached to the Dagster materialization."""

import base64
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from extract.publishing.charts import Bar, Point, horizontal_bars, point_map
from extract.publishing.report import render
from tests.support import analyst_warehouse

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# Appended to a copy of the report: for every chart, how many marks (bars, points) the browser
# laid out with a size inside the chart, and how many it hit-tests at their centre (painted on
# top there). The result is written into the page, which --dump-dom prints.
MEASURE = """
<script>
(function () {
  var result = [];
  document.querySelectorAll('svg.chart').forEach(function (svg) {
    var box = svg.getBoundingClientRect(), marks = svg.querySelectorAll('.mark'), laid = 0, hit = 0;
    marks.forEach(function (mark) {
      var r = mark.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.left >= box.left - 1 && r.right <= box.right + 1 &&
          r.top >= box.top - 1 && r.bottom <= box.bottom + 1) { laid++; }
      if (document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === mark) { hit++; }
    });
    result.push({chart: svg.getAttribute('data-chart'), width: box.width, height: box.height,
                 marks: marks.length, laid: laid, hit: hit});
  });
  var out = document.createElement('pre');
  out.id = 'chart-check';
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
})();
</script>
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return analyst_warehouse.build(tmp_path_factory)


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--window-size=1200,6000",
    ]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120)


def test_the_report_opens_in_chromium_with_every_chart_drawn(built, tmp_path):
    report = built["live"].parent / "report" / "index.html"
    html = report.read_text(encoding="utf-8")
    # nothing to run and nothing to fetch: no script, stylesheet link, image source or CSS url()
    assert "<script" not in html and "<link" not in html and "url(" not in html
    assert not re.search(r'\b(src|href)\s*=\s*"(?!data:)', html)
    page = tmp_path / "measured.html"
    page.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    done = chromium("--dump-dom", page.as_uri(), profile=tmp_path / "profile")
    assert done.returncode == 0, done.stderr[-2000:]
    measured = {
        c["chart"]: c for c in json.loads(re.search(r'<pre id="chart-check">(.*?)</pre>', done.stdout, re.S).group(1))
    }
    # what the articles give (tests/support/analyst_warehouse.py): Nineveh and Deir ez-Zor; Sousa, Sinjar,
    # Mosul and Qairawan; March 2024 with battles and explosions; routes IQ->SY and TR->IQ;
    # Islamic State, PMF, security forces, Turkish forces and the PKK
    expected = {
        "events_by_province": 2,
        "event_map": 4,
        "monthly_events_by_type": 2,
        "border_crossings": 2,
        "top_actors": 5,
    }
    assert set(measured) == set(expected)
    for chart, marks in expected.items():
        got = measured[chart]
        assert got["width"] > 300 and got["height"] > 50, got
        assert got["marks"] == got["laid"] == marks, got
        assert got["hit"] == marks, got  # every bar and point is painted on top at its centre
    screenshot = tmp_path / "report.png"
    shot = chromium(f"--screenshot={screenshot}", report.as_uri(), profile=tmp_path / "profile")
    assert shot.returncode == 0 and screenshot.stat().st_size > 20_000  # a blank page is a few kB


def test_key_charts_are_attached_to_the_dagster_materialization(built):
    metadata = built["report_metadata"]
    assert {"chart_events_by_province", "chart_event_map", "chart_monthly_events_by_type"} <= set(metadata)
    markdown = metadata["chart_events_by_province"].value
    encoded = re.fullmatch(r"!\[Events per province\]\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)", markdown).group(
        1
    )
    svg = base64.b64decode(encoded).decode("utf-8")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and svg.count('class="mark"') == 2
    assert metadata["events"].value == 5 and metadata["charts"].value == 5


def test_the_report_needs_only_the_published_file(built, tmp_path):
    alone = tmp_path / "elsewhere" / "conflict_published.duckdb"
    alone.parent.mkdir()
    shutil.copy(built["published"], alone)
    report = render(alone, tmp_path / "out" / "index.html")
    assert report.path.exists() and report.summary["events"] == 5 and report.summary["merged_events"] == 2
    assert "Sinjar" in report.charts["event_map"] and "Nineveh (IQ)" in report.charts["events_by_province"]


def test_bars_are_proportional_and_the_map_keeps_north_up_and_east_right():
    svg = horizontal_bars("t", "T", [Bar("a", {"n": 2}), Bar("b", {"n": 4}), Bar("c", {"n": 1})], {"n": "#000"})
    widths = [float(w) for w in re.findall(r'class="mark" x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)]
    assert len(widths) == 3 and widths[1] == pytest.approx(2 * widths[0]) and widths[0] == pytest.approx(2 * widths[2])
    mosul, baghdad = Point(43.13, 36.34, 1, "#000", "Mosul"), Point(44.36, 33.31, 1, "#000", "Baghdad")
    centres = {
        tip: (float(x), float(y))
        for x, y, tip in re.findall(
            r'<circle class="mark" cx="([\d.]+)" cy="([\d.]+)".*?<title>(\w+)</title>',
            point_map("m", "M", [mosul, baghdad], [], []),
        )
    }
    assert centres["Baghdad"][0] > centres["Mosul"][0]  # Baghdad is east of Mosul
    assert centres["Baghdad"][1] > centres["Mosul"][1]  # and south of it: lower on the map
