"""Relinking the stored incidents to the loaded reference databases, and users' decisions on links.

`relink(store_or_conn, settings)` runs after every resolution (the pipeline calls it) and after a reference is
loaded: it reads the incidents, rebuilds the people view (one row per participant) and the links of every
subject to each loaded reference, and sets each incident's status per reference (`incidents.wapo`,
`incidents.mpv`: its subjects' best of known / possible / new, where `new` counts only for a subject who died or
whose outcome is unknown), all in one transaction.

`decide_link(store_or_conn, source, ref_id, incident_id, person, decision, editor, reason)` stores a user's
confirmation or rejection. Incident ids change when resolution merges or splits, so a decision is keyed by
stable ids: the reference id, one report (article) of the incident and the person's folded name (or
"subject#<n>" when unnamed), like merge/split overrides; every relinking applies the latest decision per key.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ois import names
from ois.models import Incident, MergedField, incident_from_dict, person_value
from ois.reference import db
from ois.reference.agree import agreement
from ois.reference.link import Decisions, Index, decide, scored
from ois.reference.records import DECISIONS, SOURCES, STATUSES, Link, Who
from ois.settings import Settings

DECISION_COLUMNS = ("ref_id", "report_id", "person_key", "decision", "editor", "reason", "at")
PERSON_COLUMNS = ("role", "name", "age", "gender", "race", "armed", "weapon", "outcome", "fired")
_RANK = {s: n for n, s in enumerate(STATUSES)}  # known < possible < new: an incident's status is its best person's


class LinkError(ValueError):
    """A link decision that cannot be stored; the message says why."""


@dataclass
class RelinkSummary:
    people: int = 0
    linked: dict[str, dict[str, int]] = field(default_factory=dict)  # source -> status -> people


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
        rows.append(
            {
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
        )
        if values["role"] == "subject":
            ordinal += 1
            whos.append(_who(incident, n, person_key(person, ordinal), values, outcomes[n], point))
    return rows, whos


def _who(incident: Incident, n: int, key: str, values: Mapping[str, Any], outcome: Any, point: tuple[Any, Any]) -> Who:
    return Who(
        incident_id=incident.id,
        person=n,
        key=key,
        report_ids=tuple(incident.report_ids),
        name=values.get("name"),
        age=_int(values.get("age")),
        gender=values.get("gender"),
        date=incident.value("incident_date"),
        published=incident.first_published,
        city=incident.value("city"),
        state=incident.value("state"),
        agency=incident.value("agency"),
        lat=point[0],
        lon=point[1],
        outcome=outcome,
    )


def _incidents(conn: sqlite3.Connection) -> Iterator[tuple[Incident, tuple[Any, Any]]]:
    for doc, lat, lon in conn.execute("select json, lat, lon from incidents order by rowid").fetchall():
        yield incident_from_dict(json.loads(doc)), (lat, lon)


def decisions_for(conn: sqlite3.Connection, source: str, whos: list[Who]) -> Decisions:
    """The latest decision per (reference id, report, person) mapped onto the people being linked."""
    rows = conn.execute(
        f"select {', '.join(DECISION_COLUMNS)} from link_decisions where source = ? order by id",
        [source],
    ).fetchall()
    latest = {(r[0], r[1], r[2]): r for r in rows}
    if not latest:
        return Decisions({}, {}, {})
    by_report: dict[str, list[int]] = {}
    for n, who in enumerate(whos):
        for report_id in who.report_ids:
            by_report.setdefault(report_id, []).append(n)
    confirmed: dict[int, str] = {}
    rejected: dict[int, set[str]] = {}
    records = {}
    for (ref_id, report_id, key), row in latest.items():
        for n in by_report.get(report_id, ()):
            if whos[n].key != key:
                continue
            records[(n, ref_id)] = dict(zip(DECISION_COLUMNS, row, strict=True))
            if row[3] == "confirm":
                confirmed[n] = ref_id
            else:
                rejected.setdefault(n, set()).add(ref_id)
    return Decisions(confirmed, {n: frozenset(ids) for n, ids in rejected.items()}, records)


def _stamp(conn: sqlite3.Connection) -> str:
    """What the links were computed from: the resolution (its generation and incident ids), the loaded files and
    the decisions."""
    meta = dict(conn.execute("select key, value from meta where key = 'resolved_generation'").fetchall())
    loads = conn.execute("select source, kind, loaded_at, rows from reference_loads order by source, kind").fetchall()
    decided = conn.execute("select count(*), max(id) from link_decisions").fetchone()
    ids = hashlib.sha256("\x1f".join(r[0] for r in conn.execute("select id from incidents order by id")).encode())
    return json.dumps([meta.get("resolved_generation"), ids.hexdigest()[:16], loads, list(decided)])


def needs_relink(store_or_conn: Any) -> bool:
    """The links and the people view do not reflect the current incidents, references or decisions (a run
    stopped between resolving and linking, or an older ois resolved)."""
    conn = db.connection(store_or_conn)
    if not db.has_table(conn, "people"):
        return False
    row = conn.execute("select value from meta where key = 'linked'").fetchone()
    return (row[0] if row else None) != _stamp(conn)


def _link_rows(links: list[Link], incidents: Mapping[str, Incident]) -> Iterator[list[Any]]:
    for link in links:
        incident = incidents[link.who.incident_id]
        for rank, cand in enumerate(link.candidates):
            evidence = [{"field": e.field, "level": e.level, "weight": e.weight, "text": e.text} for e in cand.evidence]
            decision = link.decision if rank == 0 else None
            yield [
                link.source,
                incident.id,
                link.who.person,
                cand.ref.id,
                rank,
                link.status or "outside",
                round(cand.probability, 4),
                json.dumps(evidence, ensure_ascii=False),
                json.dumps(agreement(incident, link.who.person, cand.ref), ensure_ascii=False),
                json.dumps({**decision, "note": link.note} if decision else {"note": link.note}, ensure_ascii=False),
            ]


def _status_ids(link: Link) -> tuple[str | None, str | None]:
    if link.status == "known":
        return "known", link.candidates[0].ref.id
    if link.status == "possible":
        return "possible", ";".join(c.ref.id for c in link.candidates)
    return link.status, None


def relink(store_or_conn: Any, settings: Settings) -> RelinkSummary:
    """Rebuild the people view and every link to the loaded references, in one transaction (see the module)."""
    conn = db.connection(store_or_conn)
    summary = RelinkSummary()
    if not db.has_table(conn, "people"):
        return summary
    incidents: dict[str, Incident] = {}
    people: list[dict[str, Any]] = []
    whos: list[Who] = []
    for incident, point in _incidents(conn):
        incidents[incident.id] = incident
        rows, linked = people_of(incident, point)
        people += rows
        whos += linked
    by_person = {(p["incident_id"], p["n"]): p for p in people}
    status: dict[str, dict[str, str]] = {s: {} for s in SOURCES}
    link_rows: list[list[Any]] = []
    for source in db.loaded_sources(conn):
        index = Index(db.read_rows(conn, source))
        links = decide(whos, scored(whos, index, settings), index, source, settings, decisions_for(conn, source, whos))
        counts = summary.linked.setdefault(source, {})
        for link in links:
            state, ids = _status_ids(link)
            counts[state or "outside"] = counts.get(state or "outside", 0) + 1
            row = by_person[(link.who.incident_id, link.who.person)]
            row[source], row[f"{source}_ids"] = state, ids
            best = status[source].get(link.who.incident_id)
            # An incident is `new` to a database of deaths only for a subject who died (or may have): a survivor
            # missing from it is expected, not news (the people view and coverage still list them as new).
            counts_for_incident = state != "new" or link.who.outcome in ("killed", None)
            if state and counts_for_incident and (best is None or _RANK[state] < _RANK[best]):
                status[source][link.who.incident_id] = state
        link_rows += _link_rows(links, incidents)
    columns = ("incident_id", "n", *PERSON_COLUMNS, "name_key", "date", "city", "state", "agency", "fatal")
    columns += ("wapo", "wapo_ids", "mpv", "mpv_ids", "report_id")
    with db.transaction(conn):
        conn.execute("delete from people")
        conn.executemany(
            f"insert into people ({', '.join(columns)}) values ({', '.join('?' * len(columns))})",
            [[p.get(c) for c in columns] for p in people],
        )
        conn.execute("delete from reference_links")
        conn.executemany(
            "insert into reference_links (source, incident_id, person, ref_id, rank, status, probability, evidence,"
            " comparison, decision) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            link_rows,
        )
        conn.execute("update incidents set wapo = null, mpv = null")
        for source in SOURCES:
            conn.executemany(
                f"update incidents set {source} = ? where id = ?", [(s, i) for i, s in status[source].items()]
            )
        conn.execute("insert or replace into meta (key, value) values ('linked', ?)", [_stamp(conn)])
    summary.people = len(people)
    return summary


def decide_link(
    store_or_conn: Any,
    source: str,
    ref_id: str,
    incident_id: str,
    person: int,
    decision: str,
    editor: str,
    reason: str = "",
    settings: Settings | None = None,
) -> dict[str, Any]:
    """Store a user's confirmation ("confirm") or rejection ("reject") that reference row `ref_id` of `source` is
    person `person` (index in the incident's people, as the people view and incident JSON give it) of incident
    `incident_id`, then relink so every view shows it. Raises LinkError saying what is wrong. Returns the stored
    decision (keyed by stable ids: it survives re-resolution and a newer reference download)."""
    conn = db.connection(store_or_conn)
    if source not in SOURCES:
        raise LinkError(f"unknown reference {source!r}; choose one of {', '.join(SOURCES)}")
    if decision not in DECISIONS:
        raise LinkError(f"decision must be one of {', '.join(DECISIONS)}, got {decision!r}")
    if not editor.strip():
        raise LinkError("say who decides (editor): decisions are signed")
    row = conn.execute("select json from incidents where id = ?", [incident_id]).fetchone()
    if row is None:
        raise LinkError(f"no incident {incident_id!r} (incident ids change when incidents merge; reload the page)")
    incident = incident_from_dict(json.loads(row[0]))
    if not 0 <= person < len(incident.people) or person_value(incident.people[person], "role") != "subject":
        raise LinkError(f"incident {incident_id} has no subject number {person} (people are counted from 0)")
    known = conn.execute("select 1 from reference_rows where source = ? and id = ?", [source, ref_id]).fetchone()
    if known is None and decision == "confirm":
        raise LinkError(f"no {source} row {ref_id!r} is loaded; load the reference with `ois reference load`")
    ordinal = sum(1 for p in incident.people[: person + 1] if person_value(p, "role") == "subject")
    target = incident.people[person]
    anchor = next(iter(target["name"].report_ids), None) if "name" in target else None
    stored = {
        "source": source,
        "ref_id": ref_id,
        "report_id": anchor or incident.report_ids[0],
        "person_key": person_key(target, ordinal),
        "decision": decision,
        "editor": editor.strip(),
        "reason": reason.strip(),
        "at": db.now(),
    }
    with db.transaction(conn):
        conn.execute(
            f"insert into link_decisions ({', '.join(stored)}) values ({', '.join('?' * len(stored))})",
            list(stored.values()),
        )
    relink(conn, settings or Settings())
    return stored


def link_decisions(store_or_conn: Any, source: str | None = None) -> list[dict[str, Any]]:
    """Every stored decision, oldest first (the audit trail: each one is kept; the latest per key applies)."""
    conn = db.connection(store_or_conn)
    where, args = (" where source = ?", [source]) if source else ("", [])
    cursor = conn.execute(
        f"select id, source, {', '.join(DECISION_COLUMNS)} from link_decisions{where} order by id", args
    )
    names_ = [d[0] for d in cursor.description]
    return [dict(zip(names_, r, strict=True)) for r in cursor.fetchall()]
