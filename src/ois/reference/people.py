"""The people view's rows and the people to link, from the stored incidents.

`people_of(incident, point)` gives an incident's rows of the people view (one per participant) and its subjects
to link. A subject to link (`Who`) is built from its people row (`who_from`), so the rows stored in `people`
give the same values again: relinking scores stored people without reading their incidents (`ois.reference
.affected`).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ois import names
from ois.models import Incident, MergedField, incident_from_dict, person_value
from ois.reference import db
from ois.reference.records import Who

PERSON_COLUMNS = ("role", "name", "age", "gender", "race", "armed", "weapon", "outcome", "fired")


def person_key(person: Mapping[str, MergedField], ordinal: int) -> str:
    """A person's stable key within an incident: the folded name tokens, else "subject#<n>"."""
    words = names.tokens(str(person_value(person, "name") or ""))
    return " ".join(words) if words else f"{person_value(person, 'role') or 'person'}#{ordinal}"


def _outcome(person: Mapping[str, MergedField]) -> Any:
    """Killed when any source says so (a follow-up reports the death), else the merged outcome."""
    merged = person.get("outcome")
    if merged is None:
        return None
    return "killed" if "killed" in (merged.value, *(a.value for a in merged.conflicts)) else merged.value


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def people_of(incident: Incident, point: tuple[Any, Any]) -> tuple[list[dict[str, Any]], list[Who]]:
    """(people rows, people to link) of one incident: a row per participant; the subjects are linked (an
    incident's status for a reference is its subjects' best)."""
    date, city, state, agency = (incident.value(k) for k in ("incident_date", "city", "state", "agency"))
    outcomes = [_outcome(p) for p in incident.people]
    fatal = int("killed" in outcomes)
    rows, whos, ordinal = [], [], 0
    for n, person in enumerate(incident.people):
        values = {k: person_value(person, k) for k in PERSON_COLUMNS}
        anchor = next(iter(person["name"].report_ids), None) if "name" in person else None
        row = {
            **values,
            "incident_id": incident.id,
            "n": n,
            "name_key": " ".join(names.tokens(str(values["name"] or ""))) or None,
            "age": _int(values["age"]),
            "fired": None if values["fired"] is None else int(bool(values["fired"])),
            "outcome": outcomes[n],
            "date": date.isoformat() if date else None,
            "city": city,
            "state": state,
            "agency": agency,
            "fatal": fatal,
            "report_id": anchor or (incident.report_ids[0] if incident.report_ids else None),
        }
        rows.append(row)
        if values["role"] == "subject":
            ordinal += 1
            key = person_key(person, ordinal)
            whos.append(who_from(row, incident.first_published, point, key, tuple(incident.report_ids)))
    return rows, whos


def who_from(
    row: Mapping[str, Any],
    published: dt.date | None,
    point: tuple[Any, Any],
    key: str = "",
    report_ids: tuple[str, ...] = (),
) -> Who:
    """The person to link of a people row (a dict from `people_of`, or a stored row: the same values), with the
    incident's first publication date and point. `key` and `report_ids` only place users' decisions."""
    return Who(
        incident_id=row["incident_id"],
        person=row["n"],
        key=key,
        report_ids=report_ids,
        name=row["name"],
        age=row["age"],
        gender=row["gender"],
        date=dt.date.fromisoformat(row["date"]) if row["date"] else None,
        published=published,
        city=row["city"],
        state=row["state"],
        agency=row["agency"],
        lat=point[0],
        lon=point[1],
        outcome=row["outcome"],
    )


def load_incidents(conn: sqlite3.Connection, ids: Iterable[str] | None = None) -> Iterator[tuple[Incident, Any]]:
    """(incident, point) of every stored incident, or of those of `ids` that exist, in id order (the order of
    the people being linked: ties between equally likely pairs go the same way whatever is relinked)."""
    sql = "select json, lat, lon from incidents"
    if ids is None:
        found = conn.execute(f"{sql} order by id").fetchall()
    else:
        found = [
            row
            for chunk in db.chunks(sorted(set(ids)))
            for row in conn.execute(f"{sql} where id in ({db.marks(chunk)}) order by id", chunk)
        ]
    for doc, lat, lon in found:
        yield incident_from_dict(json.loads(doc)), (lat, lon)
