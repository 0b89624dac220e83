"""Exports: the incident table as CSV, JSON and GeoJSON, the people view as CSV (`people`: one row per
participant, with their WaPo / MPV status and ids), and The Washington Post's fatal-police-shootings v2 CSV
(`wapo`).

All formats stream from the read layer (`ois.query`), so they honour the same filters as the web lists and never
hold the whole database in memory. With the setting `exports_us_only` (default on) every format leaves out the
incidents whose country is known and is not the US (WaPo and MPV are US-only).

The `wapo` export is exactly WaPo's v2 schema (docs/linking.md): one row per person killed by police gunfire (a
subject whose outcome is killed, unless the sources say no officer fired; never a bystander, an officer or a
gunman's victim), in WaPo's own value vocabularies where we know the value and blank where we do not, and
WaPo's id when the person is linked (`known`) to a WaPo row, else `<incident id>-<n>`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ois.models import Incident, incident_from_dict, person_value
from ois.query import reference
from ois.query.database import Database
from ois.query.filters import Filters
from ois.query.people import PEOPLE_COLUMNS, PeopleFilters, iter_people
from ois.query.queries import LIST_COLUMNS, iter_incidents
from ois.reference import vocab

FORMATS = ("csv", "json", "geojson", "wapo", "people")
UNITS = {"wapo": "people killed", "people": "people"}  # what a format's rows are (else incidents)
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


def _flag(value: object) -> str | None:
    """A yes/no value as WaPo writes it ("True"/"False"), blank when unknown."""
    return None if value is None else str(bool(value))


def _body_camera(incident: Incident) -> str | None:
    stated = incident.value("body_camera")
    video = incident.value("video")
    kinds = video if isinstance(video, list | tuple) else [video]
    return _flag(stated) if stated is not None else ("True" if "body camera" in kinds else None)


@dataclass(frozen=True)
class WapoLookups:
    """What the wapo rows need besides the incidents: WaPo ids of linked people, WaPo agency ids by name."""

    linked: Mapping[tuple[str, int], str]
    agency_ids: Callable[[str | None, str | None], str | None]


NO_LOOKUPS = WapoLookups({}, lambda name, state: None)


def wapo_rows(rows: Iterable[Mapping[str, Any]], lookups: WapoLookups = NO_LOOKUPS) -> Iterator[dict[str, Any]]:
    """One WaPo v2 row per person killed by police gunfire (see the module docstring)."""
    for row in rows:
        incident = incident_from_dict(json.loads(row["json"]) if isinstance(row["json"], str) else row["json"])
        if incident.value("officer_fired") is False:  # killed, but not by police gunfire as far as the sources say
            continue
        ordinal = 0
        for n, person in enumerate(incident.people):
            if person_value(person, "role") != "subject" or person_value(person, "outcome") != "killed":
                continue
            ordinal += 1
            race = person_value(person, "race")
            yield {
                "id": lookups.linked.get((row["id"], n)) or f"{row['id']}-{ordinal}",
                "date": row.get("date"),
                "threat_type": "shoot" if person_value(person, "fired") is True else None,
                "flee_status": vocab.wapo_flee(incident.value("fleeing")),
                "armed_with": vocab.wapo_armed_with(person_value(person, "armed"), person_value(person, "weapon")),
                "city": row.get("city"),
                "state": row.get("state"),
                "latitude": row.get("lat"),
                "longitude": row.get("lon"),
                # WaPo has no city-level precision; ours is the city centre, so: precision not available.
                "location_precision": "not_available" if row.get("lat") is not None else None,
                "name": person_value(person, "name"),
                "age": person_value(person, "age"),
                "gender": vocab.gender(person_value(person, "gender")),
                "race": vocab.wapo_race(race),
                "race_source": "other" if vocab.wapo_race(race) else None,  # a news report
                "was_mental_illness_related": _flag(incident.value("mental_health")),
                "body_camera": _body_camera(incident),
                "agency_ids": lookups.agency_ids(row.get("agency"), row.get("state")),
            }


def iter_wapo(rows: Iterable[Mapping[str, Any]], lookups: WapoLookups = NO_LOOKUPS) -> Iterator[str]:
    return csv_chunks(wapo_rows(rows, lookups), WAPO_COLUMNS)


def iter_people_csv(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    return csv_chunks(rows, PEOPLE_COLUMNS)


# Each format is a generator of text chunks: the CLI writes them to a file, the web app streams them.
CHUNKERS: dict[str, Callable[[Iterable[Mapping[str, Any]]], Iterator[str]]] = {
    "csv": iter_csv,
    "json": iter_json,
    "geojson": iter_geojson,
    "wapo": iter_wapo,
    "people": iter_people_csv,
}
MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "geojson": "application/geo+json",
    "wapo": "text/csv",
    "people": "text/csv",
}
SUFFIXES = {"csv": ".csv", "json": ".json", "geojson": ".geojson", "wapo": ".wapo.csv", "people": ".people.csv"}


def without_abroad(
    db: Database, rows: Iterable[dict[str, Any]], us_only: bool, key: str = "id"
) -> Iterator[dict[str, Any]]:
    """The rows, less those of incidents whose country is known and not the US when `us_only`."""
    abroad = reference.foreign_incidents(db) if us_only else frozenset()
    return (row for row in rows if row[key] not in abroad) if abroad else iter(rows)


def rows_of(
    db: Database, filters: Filters, fmt: str, us_only: bool = True, own_connection: bool = False
) -> Iterator[dict[str, Any]]:
    """The rows a format writes (incidents, or people for `people`), without incidents abroad when `us_only`."""
    if fmt == "people":
        return without_abroad(db, iter_people(db, PeopleFilters(filters), own_connection), us_only, "incident_id")
    with_json = fmt in ("json", "wapo")
    return without_abroad(db, iter_incidents(db, filters, with_json=with_json, own_connection=own_connection), us_only)


def wapo_lookups(db: Database) -> WapoLookups:
    return WapoLookups(reference.known_links(db, "wapo"), reference.agency_lookup(db, "wapo"))


def chunks(db: Database, fmt: str, rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """`fmt`'s text chunks of `rows` (from `rows_of`)."""
    if fmt == "wapo":
        return iter_wapo(rows, wapo_lookups(db))
    return CHUNKERS[fmt](rows)


def export(db: Database, filters: Filters, fmt: str, out: TextIO, us_only: bool = True) -> int:
    """Write everything matching `filters` in `fmt`; returns how many rows were written (incidents, or people for
    `wapo` and `people`)."""
    if fmt not in CHUNKERS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    counted = _Counter(rows_of(db, filters, fmt, us_only))
    if fmt == "wapo":
        counted = _Counter(wapo_rows(counted, wapo_lookups(db)))
        text = csv_chunks(counted, WAPO_COLUMNS)
    else:
        text = CHUNKERS[fmt](counted)
    for chunk in text:
        out.write(chunk)
    return counted.n


def export_file(db: Database, filters: Filters, fmt: str, path: str | Path, us_only: bool = True) -> int:
    """`export` to a file atomically: written under a temporary name in the same folder, flushed to disk, then
    renamed, so `path` holds the whole export or is left as it was (a failure mid-way removes the partial file)."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    try:
        with partial.open("x", encoding="utf-8", newline="") as handle:
            n = export(db, filters, fmt, handle, us_only)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return n


class _Counter:
    """Counts the rows a writer consumed."""

    def __init__(self, rows: Iterable[Mapping[str, Any]]):
        self.rows, self.n = rows, 0

    def __iter__(self) -> Iterator[Mapping[str, Any]]:
        for row in self.rows:
            self.n += 1
            yield row
