"""Agreement and disagreement: each field we and a reference row both describe, side by side ("age 34 vs 35",
armed "gun" vs "unarmed"), flagged where they differ. Values are compared in one vocabulary (`vocab`); each side
is shown as written (ours as merged, theirs as the reference writes it), so a reporter sees exactly what to check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ois import names
from ois.geo import city_key
from ois.models import Incident, MergedField, person_value
from ois.reference import compare, vocab
from ois.reference.records import RefRow

# (field of ours, scope, reference attribute); scope "person": a field of the merged person, "incident": of the
# incident. Labels are the read side's (`ois.query.views.LABELS`).
FIELDS = (
    ("name", "person", "name"),
    ("age", "person", "age"),
    ("gender", "person", "gender"),
    ("race", "person", "race"),
    ("armed", "person", "armed"),
    ("incident_date", "incident", "date"),
    ("city", "incident", "city"),
    ("state", "incident", "state"),
    ("agency", "incident", "agency"),
    ("fleeing", "incident", "fleeing"),
    ("body_camera", "incident", "body_camera"),
    ("mental_health", "incident", "mental_illness"),
)


def _same_name(ours: Any, theirs: Any) -> bool | None:
    if vocab.is_placeholder_name(ours) or vocab.is_placeholder_name(theirs):
        return None
    level = compare.name_level(str(ours), str(theirs), names.STRICT, 100)
    return level in ("exact", "same", "surname_only")


def _same_armed(ours: Any, theirs: Any) -> bool | None:
    values = vocab.armed(theirs) or ({v} if (v := vocab.armed_status(theirs)) else None)
    return None if not ours or not values else ours in values


def _same_agency(ours: Any, theirs: Any) -> bool | None:
    if not ours or not theirs:
        return None
    return any(compare.agency_pair(str(ours), t) in ("same", "place") for t in str(theirs).split("; "))


def _equal(convert: Any) -> Any:
    def same(ours: Any, theirs: Any) -> bool | None:
        a, b = convert(ours), convert(theirs)
        return None if a is None or b is None else a == b

    return same


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else (str(value) if value else None)


def _plain(value: Any) -> Any:
    """A JSON value: dates as YYYY-MM-DD, the rest as they are."""
    return value.isoformat() if isinstance(value, dt.date) else value


_AGREE = {
    "name": _same_name,
    "age": _equal(lambda v: int(v) if isinstance(v, int | float) or str(v).isdigit() else None),
    "gender": _equal(vocab.gender),
    "race": _equal(vocab.race_code),
    "armed": _same_armed,
    "incident_date": _equal(_iso),
    "city": _equal(lambda v: city_key(str(v)) if v else None),
    "state": _equal(lambda v: str(v).upper() if v else None),
    "agency": _same_agency,
    "fleeing": _equal(lambda v: vocab.fleeing(v) if isinstance(v, str) else None),
    "body_camera": _equal(vocab.flag),
    "mental_health": _equal(lambda v: vocab.flag(v) if vocab.key(v) not in ("drug or alcohol use",) else None),
}


def _ours(incident: Incident, person: Mapping[str, MergedField] | None, field: str, scope: str) -> Any:
    if scope == "person":
        return person_value(person, field) if person is not None else None
    return incident.value(field)


def agreement(incident: Incident, person_index: int, ref: RefRow) -> list[dict[str, Any]]:
    """One entry per field either side knows: {field, scope, ours, theirs, agree} (agree None: not comparable)."""
    person = incident.people[person_index] if 0 <= person_index < len(incident.people) else None
    out = []
    for field, scope, attribute in FIELDS:
        ours = _ours(incident, person, field, scope)
        theirs = getattr(ref, attribute)
        if ours in (None, "") and theirs in (None, ""):
            continue
        agree = _AGREE[field](ours, theirs) if ours not in (None, "") and theirs not in (None, "") else None
        out.append({"field": field, "scope": scope, "ours": _plain(ours), "theirs": _plain(theirs), "agree": agree})
    return out
