"""The records of the reference step: a reference row, a person of ours to link, the evidence of one comparison,
a scored candidate and a link outcome. Frozen, like the records in `ois.models`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

SOURCES = ("wapo", "mpv")
SOURCE_NAMES = {"wapo": "The Washington Post (Fatal Force)", "mpv": "Mapping Police Violence"}
STATUSES = ("known", "possible", "new")
DECISIONS = ("confirm", "reject")


@dataclass(frozen=True)
class RefRow:
    """One person in a reference database, its values as the reference writes them (gender, dates and numbers
    normalised); `raw` is the file's whole row."""

    source: str
    id: str
    schema: str
    line: int = 0
    date: dt.date | None = None
    name: str | None = None
    age: int | None = None
    gender: str | None = None
    race: str | None = None
    city: str | None = None
    county: str | None = None
    state: str | None = None
    agency: str | None = None  # agency names ("; " between several)
    agency_ids: str | None = None  # WaPo v2: ids into the agencies file ("38;20")
    armed: str | None = None
    fleeing: str | None = None
    body_camera: str | None = None
    mental_illness: str | None = None
    threat: str | None = None
    lat: float | None = None
    lon: float | None = None
    wapo_id: str | None = None  # MPV's cross-reference to WaPo
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Who:
    """A person of ours to link: a participant of an incident (`person` = index in `Incident.people`; -1 = the
    incident itself, when it reports a death but names no subject), or a row of another database (evaluation)."""

    incident_id: str
    person: int
    key: str  # the person's stable key within the incident: folded name, else "subject#<n>"
    report_ids: tuple[str, ...] = ()
    name: str | None = None
    age: int | None = None
    gender: str | None = None
    date: dt.date | None = None
    published: dt.date | None = None  # the first report's date, for people whose incident date is unknown
    city: str | None = None
    state: str | None = None
    agency: str | None = None
    lat: float | None = None
    lon: float | None = None
    outcome: str | None = None


@dataclass(frozen=True)
class Evidence:
    """One comparison of a candidate pair: the field, the level it reached, its weight (log2 Bayes factor: > 0
    for, < 0 against) and a sentence a reader understands."""

    field: str
    level: str
    weight: float
    text: str


@dataclass(frozen=True)
class Candidate:
    ref: RefRow
    probability: float
    evidence: tuple[Evidence, ...]
    log2_odds: float = 0.0  # the score behind the probability (prior + the evidence's weights)

    def reasons(self, sign: int) -> list[str]:
        """The evidence for (sign 1) or against (sign -1), strongest first."""
        chosen = [e for e in self.evidence if e.weight * sign > 0]
        return [e.text for e in sorted(chosen, key=lambda e: -abs(e.weight))]


@dataclass(frozen=True)
class Link:
    """What linking says about one person of ours and one reference: `known` (candidates[0] is the row),
    `possible` (needs review: the best candidates) or `new` (no row in the reference's dates); `status` None:
    the reference does not cover the person's date. `decision` says a user confirmed the link."""

    who: Who
    source: str
    status: str | None
    candidates: tuple[Candidate, ...] = ()
    decision: dict[str, Any] | None = None
    note: str = ""


def named_agencies(rows: list[RefRow], agencies: dict[str, str]) -> list[RefRow]:
    """Rows with their agency names filled in from an agencies file (WaPo v2 gives agency ids: "38;20")."""
    if not agencies:
        return rows
    out = []
    for row in rows:
        if not row.agency and row.agency_ids:
            found = [agencies[i.strip()] for i in row.agency_ids.split(";") if agencies.get(i.strip())]
            row = dataclasses.replace(row, agency="; ".join(found) or None)
        out.append(row)
    return out
