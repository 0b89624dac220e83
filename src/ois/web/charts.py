"""Server-rendered SVG: the US map (Albers USA with Alaska and Hawaii insets) and the incidents-per-month chart.

Pure geometry, no JavaScript and no tile server, so the map works offline and in every browser. The projection
constants are those of d3-geo's geoAlbersUsa (960x500 viewport, scale 1070), the de-facto standard US layout.
"""

from __future__ import annotations

import calendar
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

OUTLINE = Path(__file__).resolve().parent / "static" / "us_states.geojson"
WIDTH, HEIGHT, SCALE = 960, 500, 1070.0
_TX, _TY = WIDTH / 2, HEIGHT / 2


class _ConicEqualArea:
    """Albers conic equal-area as d3 defines it: rotate, raw projection, then scale/translate about a centre."""

    def __init__(
        self,
        rotate: float,
        center: tuple[float, float],
        parallels: tuple[float, float],
        scale: float,
        translate: tuple[float, float],
    ):
        sy0 = math.sin(math.radians(parallels[0]))
        self.n = (sy0 + math.sin(math.radians(parallels[1]))) / 2
        self.c = 1 + sy0 * (2 * self.n - sy0)
        self.r0 = math.sqrt(self.c) / self.n
        self.rotate, self.k = rotate, scale
        cx, cy = self._raw(math.radians(center[0]), math.radians(center[1]))
        self.dx, self.dy = translate[0] - scale * cx, translate[1] + scale * cy

    def _raw(self, lam: float, phi: float) -> tuple[float, float]:
        r = math.sqrt(max(self.c - 2 * self.n * math.sin(phi), 0.0)) / self.n
        return r * math.sin(lam * self.n), self.r0 - r * math.cos(lam * self.n)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        lam = math.radians(((lon + self.rotate + 180) % 360) - 180)
        x, y = self._raw(lam, math.radians(lat))
        return self.dx + self.k * x, self.dy - self.k * y


_LOWER48 = _ConicEqualArea(96, (-0.6, 38.7), (29.5, 45.5), SCALE, (_TX, _TY))
_ALASKA = _ConicEqualArea(154, (-2, 58.5), (55, 65), 0.35 * SCALE, (_TX - 0.307 * SCALE, _TY + 0.201 * SCALE))
_HAWAII = _ConicEqualArea(157, (-3, 19.9), (8, 18), SCALE, (_TX - 0.205 * SCALE, _TY + 0.212 * SCALE))


def project(lon: float, lat: float, state: str | None = None) -> tuple[float, float]:
    """Viewport (x, y) of a point; Alaska and Hawaii go to their insets (by state code, else by longitude)."""
    if state == "AK" or (state is None and lat > 51):
        return _ALASKA(lon, lat)
    if state == "HI" or (state is None and lon < -150):
        return _HAWAII(lon, lat)
    return _LOWER48(lon, lat)


@dataclass(frozen=True)
class StatePath:
    state: str
    name: str
    d: str  # SVG path data


@cache
def state_paths() -> tuple[StatePath, ...]:
    """The bundled outline, projected once per process."""
    collection = json.loads(OUTLINE.read_text())
    paths = []
    for feature in collection["features"]:
        code = feature["properties"]["state"]
        parts = []
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                points = [project(lon, lat, code) for lon, lat in ring]
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        paths.append(StatePath(code, feature["properties"]["name"], "".join(parts)))
    return tuple(paths)


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    label: str
    count: int
    city: str | None
    state: str | None


def dots(points: Sequence[dict]) -> list[Dot]:
    """Circles for {lat, lon, city, state, n} rows; area grows with the count (sqrt scale), capped for legibility."""
    biggest = max((p["n"] for p in points), default=1)
    out = []
    for p in points:
        x, y = project(p["lon"], p["lat"], p["state"])
        r = 2.5 + 14 * math.sqrt(p["n"] / biggest)
        place = ", ".join(v for v in (p["city"], p["state"]) if v)
        noun = "incident" if p["n"] == 1 else "incidents"
        out.append(
            Dot(round(x, 1), round(y, 1), round(r, 1), f"{place}: {p['n']} {noun}", p["n"], p["city"], p["state"])
        )
    return sorted(out, key=lambda d: -d.r)  # big circles first so small ones stay clickable on top


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    month: str
    count: int

    @property
    def first_day(self) -> str:
        return f"{self.month}-01"

    @property
    def last_day(self) -> str:
        year, month = int(self.month[:4]), int(self.month[5:7])
        return f"{self.month}-{calendar.monthrange(year, month)[1]:02d}"


@dataclass(frozen=True)
class MonthChart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    top: int  # the y-axis maximum
    ticks: tuple[tuple[float, str], ...]  # x position, year label


def month_chart(months: Sequence[tuple[str, int]], width: int = 960, height: int = 180) -> MonthChart:
    """Bars for consecutive YYYY-MM months (gaps filled with zero so time is not distorted)."""
    filled = _fill_months(months)
    top = max((n for _, n in filled), default=0) or 1
    plot_h, left = height - 24, 36
    step = (width - left) / max(len(filled), 1)
    bars, ticks = [], []
    for i, (month, n) in enumerate(filled):
        h = plot_h * n / top
        x = left + i * step
        bars.append(Bar(round(x, 1), round(plot_h - h, 1), round(max(step - 1, 0.5), 1), round(h, 1), month, n))
        if month.endswith("-01") or i == 0:
            ticks.append((round(x, 1), month[:4]))
    return MonthChart(tuple(bars), width, height, top, tuple(ticks))


def _fill_months(months: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    counts = dict(months)
    if not counts:
        return []
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        out.append((key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
