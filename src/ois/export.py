"""Exports of the incident table: CSV, JSON, GeoJSON and a Washington Post "fatal-police-shootings" v2 CSV.

All formats stream from `ois.query.queries.iter_incidents`, so they honour the same filters as the web list and
never hold the whole database in memory.

WaPo schema decisions (documented in docs/web.md): the Post's database lists people shot and killed by
on-duty police, one row per person. So `wapo` writes one row per merged *subject* whose outcome is "killed";
incidents where only an officer died, or where nobody died, are left out. Values we never extract
(threat_type, flee_status, county, race, race_source, was_mental_illness_related, agency_ids) are blank, and
so is body_camera unless an article mentions body-camera video (absence of a mention is not "False").
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

from ois.models import incident_from_dict, person_value
from ois.query.database import Database
from ois.query.filters import Filters
from ois.query.queries import LIST_COLUMNS, iter_incidents

FORMATS = ("csv", "json", "geojson", "wapo")
WAPO_COLUMNS = (
    "id",
    "date",
    "threat_type",
    "flee_status",
    "armed_with",
    "city",
    "county",
    "state",
    "latitude",
    "longitude",
    "location_precision",
    "name",
    "age",
    "gender",
    "race",
    "race_source",
    "was_mental_illness_related",
    "body_camera",
    "agency_ids",
)
# Our ARMED vocabulary is a subset of WaPo's armed_with values, spelled the same; anything else stays blank.
WAPO_ARMED = frozenset({"gun", "knife", "vehicle", "other", "unarmed"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHUNK_CHARS = 64_000  # streamed download chunk size


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in untrusted text (OWASP CSV injection); numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_chunks(rows: Iterable[Mapping[str, Any]], columns: tuple[str, ...]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
        if buffer.tell() >= CHUNK_CHARS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def iter_csv(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    return csv_chunks(rows, LIST_COLUMNS)


def iter_json(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """A JSON array: the flat columns plus `record`, the full merged incident with its evidence."""
    yield "["
    for n, row in enumerate(rows):
        item = {c: row.get(c) for c in LIST_COLUMNS}
        if "json" in row:
            item["record"] = json.loads(row["json"]) if isinstance(row["json"], str) else row["json"]
        yield ("," if n else "") + "\n" + json.dumps(item, ensure_ascii=False)
    yield "\n]\n"


def iter_geojson(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """A FeatureCollection of points (city-level precision); incidents without a place get a null geometry."""
    yield '{"type": "FeatureCollection", "features": ['
    for n, row in enumerate(rows):
        has_point = row.get("lat") is not None and row.get("lon") is not None
        feature = {
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]} if has_point else None,
            "properties": {c: row.get(c) for c in LIST_COLUMNS if c not in ("lat", "lon")},
        }
        yield ("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False)
    yield "\n]}\n"


def wapo_rows(rows: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """One WaPo-schema row per subject killed."""
    for row in rows:
        incident = incident_from_dict(json.loads(row["json"]) if isinstance(row["json"], str) else row["json"])
        video = incident.value("video")
        kinds = video if isinstance(video, list | tuple) else [video]
        killed = [p for p in incident.people_of("subject") if person_value(p, "outcome") == "killed"]
        for number, person in enumerate(killed, start=1):
            armed = person_value(person, "armed")
            yield {
                "id": f"{row['id']}-{number}",
                "date": row.get("date"),
                "armed_with": armed if armed in WAPO_ARMED else None,
                "city": row.get("city"),
                "state": row.get("state"),
                "latitude": row.get("lat"),
                "longitude": row.get("lon"),
                # The geocoder places incidents at the city centre, never at an address.
                "location_precision": "city" if row.get("lat") is not None else "not_available",
                "name": person_value(person, "name"),
                "age": person_value(person, "age"),
                "gender": person_value(person, "gender"),
                "body_camera": "True" if "body camera" in kinds else None,
            }


def iter_wapo(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    return csv_chunks(wapo_rows(rows), WAPO_COLUMNS)


# Each format is a generator of text chunks: the CLI writes them to a file, the web app streams them.
CHUNKERS: dict[str, Callable[[Iterable[Mapping[str, Any]]], Iterator[str]]] = {
    "csv": iter_csv,
    "json": iter_json,
    "geojson": iter_geojson,
    "wapo": iter_wapo,
}
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json", "geojson": "application/geo+json", "wapo": "text/csv"}
SUFFIXES = {"csv": ".csv", "json": ".json", "geojson": ".geojson", "wapo": ".wapo.csv"}


def export(db: Database, filters: Filters, fmt: str, out: TextIO) -> int:
    """Write every incident matching `filters` in `fmt`; returns the number of incidents exported."""
    if fmt not in CHUNKERS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    counted = _Counter(iter_incidents(db, filters, with_json=fmt in ("json", "wapo")))
    for chunk in CHUNKERS[fmt](counted):
        out.write(chunk)
    return counted.n


def export_file(db: Database, filters: Filters, fmt: str, path: str | Path) -> int:
    """`export` to a file atomically: written under a temporary name in the same folder, flushed to disk, then
    renamed, so `path` holds the whole export or is left as it was (a failure mid-way removes the partial file)."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    try:
        with partial.open("x", encoding="utf-8", newline="") as handle:
            n = export(db, filters, fmt, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return n


class _Counter:
    """Counts the incidents a writer consumed (wapo writes people, not incidents)."""

    def __init__(self, rows: Iterable[dict[str, Any]]):
        self.rows, self.n = rows, 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self.rows:
            self.n += 1
            yield row
