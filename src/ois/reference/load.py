"""Loading a reference database file (WaPo v1/v2 and its agencies file, MPV): the schema is recognised from the
header (`data/reference_schemas.json`), every row is checked, and the source's rows are replaced in one
transaction, so a newer download replaces the older one and a bad file changes nothing.

Bad input: an unknown header, a file that is not a CSV, a damaged or truncated quoted field, or a file with no
usable row is refused with a `LoadError` saying what to do. A bad row (wrong number of fields, no id, a duplicate
id, a date in no known format) is skipped with its line number and reason. Users' link decisions live in their
own table, keyed by reference id, so they survive a reload.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ois import data, geo
from ois.models import stable_id
from ois.reference import db, vocab
from ois.reference.records import SOURCES, RefRow

DELIMITERS = (",", ";", "\t", "|")
# Dates as the reference files write them (ISO), and as spreadsheets re-save them (US month first).
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%Y/%m/%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y")
MAX_AGE = 120
# A row with no id (nor a fallback id) gets one made from its name, date and place: stable while those stay.
CONTENT_ID_PREFIX = "h-"
_SHOWN_SKIPS = 200  # skip reasons kept with a load (the count is always exact)


class LoadError(ValueError):
    """A reference file that cannot be loaded; the message says why and what to do."""


@dataclass(frozen=True)
class Schema:
    name: str
    source: str
    kind: str  # "people" | "agencies"
    title: str
    columns: dict[str, str]
    id_fallback: dict[str, str] = field(default_factory=dict)


@dataclass
class Parsed:
    """A reference file read and checked, not yet stored."""

    schema: Schema
    path: str
    rows: list[RefRow] = field(default_factory=list)
    agencies: list[dict[str, Any]] = field(default_factory=list)
    skips: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    notes: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows) if self.schema.kind == "people" else len(self.agencies)


@dataclass(frozen=True)
class Loaded:
    """What a load did: the parsed file, and the confirmed links that point at ids the new file no longer has."""

    parsed: Parsed
    replaced: int  # rows of the source before
    orphaned: tuple[str, ...] = ()


def schemas() -> dict[str, Schema]:
    table = data.load("reference_schemas")["schemas"]
    return {name: Schema(name=name, **spec) for name, spec in table.items()}


def parse_date(text: str) -> dt.date | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _decode(raw: bytes, notes: list[str]) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        notes.append("not UTF-8: read as Windows-1252")
        return raw.decode("cp1252", errors="replace")


def _header(text: str, delimiter: str) -> list[str]:
    try:
        first = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    except csv.Error:
        return []
    return [cell.strip() for cell in first]


def detect(text: str) -> tuple[Schema, str, list[str]]:
    """(schema, delimiter, header) of a file's text; LoadError naming the closest schema when none matches."""
    best: tuple[int, Schema, list[str]] | None = None
    for delimiter in DELIMITERS:
        header = _header(text, delimiter)
        for schema in schemas().values():
            wanted = set(schema.columns.values())
            found = len(wanted & set(header))
            if found == len(wanted):
                return schema, delimiter, header
            if best is None or found > best[0]:
                best = (found, schema, header)
    comma = _header(text, ",")
    shown = ", ".join(repr(c[:40]) for c in comma[:6]) + (", ..." if len(comma) > 6 else "")
    message = f"unknown header ({len(comma)} column{'s' * (len(comma) != 1)}: {shown})."
    if best and best[0]:
        missing = sorted(set(best[1].columns.values()) - set(best[2]))
        message += (
            f" Closest known schema: {best[1].name} ({best[1].title}), which also needs "
            f"{', '.join(repr(m) for m in missing[:8])}{', ...' if len(missing) > 8 else ''}."
        )
    known = "; ".join(f"{s.name} ({s.title})" for s in schemas().values())
    raise LoadError(
        f"{message} Known schemas: {known}. Is this the CSV as downloaded (not re-saved by a spreadsheet with other "
        "column names)? A new download format needs a schema in src/ois/data/reference_schemas.json."
    )


def _cell(record: dict[str, str], schema: Schema, name: str) -> str | None:
    column = schema.columns.get(name)
    value = (record.get(column) or "").strip() if column else ""
    return value or None


def _number(text: str | None, low: float, high: float) -> float | None:
    try:
        value = float(text) if text else None
    except ValueError:
        return None
    return value if value is not None and low <= value <= high else None


def _age(text: str | None) -> int | None:
    value = _number(text, 0, MAX_AGE)
    return int(value) if value is not None and value == int(value) else None


def _state(text: str | None) -> str | None:
    if not text:
        return None
    return text.upper() if len(text) == 2 and text.isalpha() else geo.state_code(text)


def _row_id(record: dict[str, str], schema: Schema) -> str | None:
    value = _cell(record, schema, "id")
    if value:
        return value
    for column, prefix in schema.id_fallback.items():
        fallback = (record.get(column) or "").strip()
        if fallback:
            return prefix + fallback
    parts = [_cell(record, schema, k) or "" for k in ("name", "date", "city", "state")]
    return f"{CONTENT_ID_PREFIX}{stable_id(*parts, length=10)}" if any(parts) else None


def person_row(record: dict[str, str], schema: Schema, line: int) -> RefRow | str:
    """A reference row, or the reason it is skipped."""
    row_id = _row_id(record, schema)
    if not row_id:
        return f"no id (column {schema.columns['id']!r} is blank) and no name, date or place"
    raw_date = _cell(record, schema, "date")
    if not raw_date:
        return f"id {row_id}: no date"
    date = parse_date(raw_date)
    if date is None:
        return f"id {row_id}: date {raw_date[:30]!r} is in no known format (YYYY-MM-DD or M/D/YYYY)"
    name = _cell(record, schema, "name")
    lat, lon = _number(_cell(record, schema, "lat"), -90, 90), _number(_cell(record, schema, "lon"), -180, 180)
    city, state = _cell(record, schema, "city"), _state(_cell(record, schema, "state"))
    if (lat is None or lon is None) and city:
        point = geo.locate(city, state)
        lat, lon = point if point else (None, None)
    return RefRow(
        source=schema.source,
        id=row_id,
        schema=schema.name,
        line=line,
        date=date,
        name=None if vocab.is_placeholder_name(name) else name,
        age=_age(_cell(record, schema, "age")),
        gender=vocab.gender(_cell(record, schema, "gender")),
        race=_cell(record, schema, "race"),
        city=city,
        county=_cell(record, schema, "county"),
        state=state,
        agency=_cell(record, schema, "agency"),
        agency_ids=_cell(record, schema, "agency_ids"),
        armed=_cell(record, schema, "armed") or _cell(record, schema, "armed_status"),
        fleeing=_cell(record, schema, "fleeing"),
        body_camera=_cell(record, schema, "body_camera"),
        mental_illness=_cell(record, schema, "mental_illness"),
        threat=_cell(record, schema, "threat"),
        lat=lat,
        lon=lon,
        wapo_id=_cell(record, schema, "wapo_id"),
        raw={k: v for k, v in record.items() if k},
    )


def _agency_row(record: dict[str, str], schema: Schema) -> dict[str, Any] | str:
    agency_id = _cell(record, schema, "id")
    if not agency_id:
        return "no agency id"
    return {"id": agency_id, **{k: _cell(record, schema, k) for k in ("name", "type", "state", "oricodes")}}


def parse_text(text: str, path: str = "", source: str | None = None) -> Parsed:
    """Check a reference file's text: recognise its schema, convert every row or say why it is skipped."""
    if not text.strip():
        raise LoadError(f"{path or 'the file'} is empty. Download the reference CSV again.")
    schema, delimiter, header = detect(text)
    if source and schema.source != source:
        raise LoadError(
            f"{path or 'this file'} is a {schema.title} file ({schema.name}), not {source}: "
            f"run `ois reference load {schema.source} {path or 'FILE'}`."
        )
    parsed = Parsed(schema, path)
    if delimiter != ",":
        parsed.notes.append(f"read as {delimiter!r}-separated (the original files are comma-separated)")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    seen: dict[str, int] = {}
    try:
        next(reader)
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                parsed.skips.append((line, f"{len(cells)} fields, the header has {len(header)}"))
                continue
            record = dict(zip(header, cells, strict=True))
            item = person_row(record, schema, line) if schema.kind == "people" else _agency_row(record, schema)
            if isinstance(item, str):
                parsed.skips.append((line, item))
                continue
            item_id = item.id if isinstance(item, RefRow) else item["id"]
            if item_id in seen:
                parsed.skips.append((line, f"duplicate id {item_id} (first on line {seen[item_id]}): kept the first"))
                continue
            seen[item_id] = line
            (parsed.rows if isinstance(item, RefRow) else parsed.agencies).append(item)  # type: ignore[arg-type]
    except csv.Error as exc:
        raise LoadError(
            f"{path or 'the file'}, line {reader.line_num}: damaged CSV ({exc}). The file looks truncated or edited; "
            "download it again. Nothing was loaded."
        ) from None
    if parsed.skips and parsed.skips[-1][0] == reader.line_num and "fields, the header" in parsed.skips[-1][1]:
        line, why = parsed.skips[-1]
        parsed.skips[-1] = (line, f"{why}: the file ends here, cut short (download it again for this row)")
    made = sum(r.id.startswith(CONTENT_ID_PREFIX) for r in parsed.rows)
    if made:
        parsed.notes.append(
            f"{made} rows had no id: each got one made from its name, date and place ({CONTENT_ID_PREFIX}...)"
        )
    if not parsed.count:
        first = "; ".join(f"line {n}: {why}" for n, why in parsed.skips[:3])
        raise LoadError(f"{path or 'the file'} has no usable row{f' ({first})' if first else ''}. Nothing was loaded.")
    return parsed


def parse_file(path: str | Path, source: str | None = None, max_bytes: int = 50_000_000) -> Parsed:
    """`parse_text` of a file (refused above `max_bytes`)."""
    path = Path(path)
    if source is not None and source not in SOURCES:
        raise LoadError(f"unknown reference {source!r}; choose one of {', '.join(SOURCES)}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(f"{path} is {size:,} bytes, more than max_file_bytes ({max_bytes:,}): not a reference CSV?")
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"\x00" in raw[:4096]:
        raise LoadError(f"{path} is binary, not a CSV (a zipped or spreadsheet download? export it as CSV).")
    notes: list[str] = []
    text = _decode(raw, notes)
    parsed = parse_text(text, str(path), source)
    parsed.notes[:0] = notes
    return parsed


def store(store_or_conn: Any, parsed: Parsed) -> Loaded:
    """Replace the source's rows (or agencies) with the parsed file's, in one transaction."""
    conn = db.connection(store_or_conn)
    schema = parsed.schema
    dates = [r.date for r in parsed.rows if r.date]
    skips = [f"line {n}: {why}" for n, why in parsed.skips[:_SHOWN_SKIPS]]
    with db.transaction(conn):
        if schema.kind == "people":
            replaced = conn.execute("select count(*) from reference_rows where source = ?", [schema.source]).fetchone()
            conn.execute("delete from reference_rows where source = ?", [schema.source])
            db.insert_rows(conn, parsed.rows)
        else:
            replaced = conn.execute("select count(*) from reference_agencies where source = ?", [schema.source])
            replaced = replaced.fetchone()
            conn.execute("delete from reference_agencies where source = ?", [schema.source])
            conn.executemany(
                "insert into reference_agencies (source, id, name, type, state, oricodes) values (?, ?, ?, ?, ?, ?)",
                [(schema.source, a["id"], a["name"], a["type"], a["state"], a["oricodes"]) for a in parsed.agencies],
            )
        conn.execute(
            "insert or replace into reference_loads (source, kind, schema, file, rows, skipped, skips, date_min,"
            " date_max, loaded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                schema.source,
                schema.kind,
                schema.name,
                parsed.path,
                parsed.count,
                len(parsed.skips),
                "\n".join(skips),
                min(dates).isoformat() if dates else None,
                max(dates).isoformat() if dates else None,
                db.now(),
            ],
        )
        orphaned = conn.execute(
            "select distinct ref_id from link_decisions d where source = ? and decision = 'confirm' and not exists"
            " (select 1 from reference_rows r where r.source = d.source and r.id = d.ref_id) order by ref_id",
            [schema.source],
        ).fetchall()
    return Loaded(parsed, replaced[0], tuple(r[0] for r in orphaned) if schema.kind == "people" else ())
