"""Relinking the stored incidents to the loaded reference databases, and users' decisions on links.

`relink(store_or_conn, settings, changed=None)` runs after every resolution (the pipeline calls it) and after a
reference is loaded: it rebuilds the people view (one row per participant, `ois.reference.people`) and the links
of subjects to each loaded reference, and sets each incident's status per reference (`incidents.wapo`,
`incidents.mpv`: its subjects' best of known / possible / new, where `new` counts only for a subject who died or
whose outcome is unknown), all in one transaction. Given `changed`, the incidents a resolution wrote (created,
rewritten or removed) since the links last followed the incidents, it redoes only those and the people whose
links they can change (`ois.reference.affected`), with the same result; everything when the links were computed
from other reference files, decisions, code or settings (`ois.reference.stamp`).

`decide_link(store_or_conn, source, ref_id, incident_id, person, decision, editor, reason)` stores a user's
confirmation or rejection. Incident ids change when resolution merges or splits, so a decision is keyed by
stable ids: the reference id, one report (article) of the incident and the person's folded name (or
"subject#<n>" when unnamed), like merge/split overrides; every relinking applies the latest decision per key.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ois.models import Incident, incident_from_dict, person_value
from ois.reference import db, stamp
from ois.reference.affected import Group
from ois.reference.agree import agreement
from ois.reference.decisions import DECISION_COLUMNS, decisions_for, latest
from ois.reference.link import Index, decide, scored
from ois.reference.people import PERSON_COLUMNS, load_incidents, people_of, person_key
from ois.reference.records import DECISIONS, SOURCES, STATUSES, Link, Who
from ois.settings import Settings

_RANK = {s: n for n, s in enumerate(STATUSES)}  # known < possible < new: an incident's status is its best person's
_PEOPLE = ("incident_id", "n", *PERSON_COLUMNS, "name_key", "date", "city", "state", "agency", "fatal")
_PEOPLE += ("wapo", "wapo_ids", "mpv", "mpv_ids", "report_id")


class LinkError(ValueError):
    """A link decision that cannot be stored; the message says why."""


@dataclass
class RelinkSummary:
    people: int = 0  # people rows written
    linked: dict[str, dict[str, int]] = field(default_factory=dict)  # source -> status -> people linked
    full: bool = True  # every incident was linked again (else the changed ones and the people competing with them)


def needs_relink(store_or_conn: Any, settings: Settings | None = None) -> bool:
    """The links and the people view do not follow the current incidents, references, decisions or settings (a
    run stopped between resolving and linking, or an older ois resolved)."""
    conn = db.connection(store_or_conn)
    return db.has_table(conn, "people") and not stamp.current(conn, settings or Settings())


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


class _Relinking:
    """One relinking: the incidents whose people are rebuilt (every one, or `scope.rebuilt`), the people linked
    again (theirs, and for each reference the group competing with them) and their links."""

    def __init__(self, conn: sqlite3.Connection, settings: Settings, scope: stamp.Scope | None, override: int):
        self.conn, self.settings, self.scope, self.override = conn, settings, scope, override
        self.incidents: dict[str, Incident] = {}
        self.people: list[dict[str, Any]] = []  # rows of the rebuilt incidents
        self.whos: list[Who] = []  # their subjects
        self.links: dict[str, list[Link]] = {}
        self.summary = RelinkSummary(full=scope is None)
        for incident, point in load_incidents(conn, None if scope is None else scope.rebuilt):
            self.incidents[incident.id] = incident
            rows, whos = people_of(incident, point)
            self.people += rows
            self.whos += whos

    def subjects(self, ids: Iterable[str]) -> dict[str, list[Who]]:
        """The subjects of stored incidents outside the scope (read from the incidents), by incident id."""
        found: dict[str, list[Who]] = {}
        for incident, point in load_incidents(self.conn, ids):
            self.incidents[incident.id] = incident
            found[incident.id] = people_of(incident, point)[1]
        return found

    def link(self, source: str) -> None:
        index = Index(db.read_rows(self.conn, source))
        decided = latest(self.conn, source)
        if self.scope is None:
            whos, candidates = self.whos, scored(self.whos, index, self.settings)
        else:
            group = Group(self.conn, source, index, self.settings, decided, self.scope.rebuilt, self.subjects)
            whos, candidates = group.grow(self.whos)
        links = decide(whos, candidates, index, source, self.settings, decisions_for(decided, whos))
        self.links[source] = links
        counts = self.summary.linked.setdefault(source, {})
        for link in links:
            counts[link.status or "outside"] = counts.get(link.status or "outside", 0) + 1

    def write(self) -> RelinkSummary:
        """Store the people rows, links and statuses, and the stamp, in one transaction."""
        rebuilt = {(p["incident_id"], p["n"]): p for p in self.people}
        others: dict[str, list[tuple[Any, ...]]] = {}  # source -> status, ids, person of people not rebuilt
        link_rows: list[list[Any]] = []
        for source, links in self.links.items():
            for link in links:
                person = (link.who.incident_id, link.who.person)
                if person in rebuilt:
                    rebuilt[person][source], rebuilt[person][f"{source}_ids"] = _status_ids(link)
                else:
                    others.setdefault(source, []).append((*_status_ids(link), *person))
            link_rows += _link_rows(links, self.incidents)
        with db.transaction(self.conn) as conn:
            if self.scope is None:
                conn.execute("delete from people")
                conn.execute("delete from reference_links")
            for chunk in db.chunks(() if self.scope is None else self.scope.rebuilt):
                for table in ("people", "reference_links"):
                    conn.execute(f"delete from {table} where incident_id in ({db.marks(chunk)})", chunk)
            for source, people in others.items():
                conn.executemany(
                    "delete from reference_links where source = ? and incident_id = ? and person = ?",
                    [(source, i, n) for _, _, i, n in people],
                )
                conn.executemany(
                    f"update people set {source} = ?, {source}_ids = ? where incident_id = ? and n = ?", people
                )
            conn.executemany(
                f"insert into people ({', '.join(_PEOPLE)}) values ({db.marks(list(_PEOPLE))})",
                [[p.get(c) for c in _PEOPLE] for p in self.people],
            )
            conn.executemany(
                "insert into reference_links (source, incident_id, person, ref_id, rank, status, probability,"
                " evidence, comparison, decision) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                link_rows,
            )
            if self.scope is None:
                _set_statuses(conn, None)
            else:
                relinked = (i for people in others.values() for *_, i, _ in people)
                _set_statuses(conn, {*self.incidents, *relinked, *self.scope.rewritten})
            stamp.write(conn, self.settings, self.override)
        self.summary.people = len(self.people)
        return self.summary


def _set_statuses(conn: sqlite3.Connection, ids: set[str] | None) -> None:
    """Each incident's status per reference (of `ids`, or every one) from its subjects' rows in the people view.
    An incident is `new` to a database of deaths only for a subject who died (or may have): a survivor missing
    from it is expected, not news (the people view and coverage still list them as new)."""
    sql = f"select incident_id, outcome, {', '.join(SOURCES)} from people where role = 'subject'"
    if ids is None:
        rows = conn.execute(sql).fetchall()
        conn.execute(f"update incidents set {', '.join(f'{s} = null' for s in SOURCES)}")
    else:
        rows = [
            r for chunk in db.chunks(ids) for r in conn.execute(f"{sql} and incident_id in ({db.marks(chunk)})", chunk)
        ]
    best: dict[str, dict[str, str]] = {}
    for incident_id, outcome, *states in rows:
        mine = best.setdefault(incident_id, {})
        for source, state in zip(SOURCES, states, strict=True):
            counts = state != "new" or outcome in ("killed", None)
            if state and counts and (source not in mine or _RANK[state] < _RANK[mine[source]]):
                mine[source] = state
    chosen = best if ids is None else {i: best.get(i, {}) for i in ids}
    conn.executemany(
        f"update incidents set {', '.join(f'{s} = ?' for s in SOURCES)} where id = ?",
        [[*(statuses.get(s) for s in SOURCES), i] for i, statuses in chosen.items() if statuses or ids is not None],
    )


def relink(store_or_conn: Any, settings: Settings, changed: Iterable[str] | None = None) -> RelinkSummary:
    """Bring the people view and the links to the loaded references up to date, in one transaction (see the
    module): everything, or, given the incidents a resolution `changed` while the links followed the incidents
    (`needs_relink` false before it), only what they change."""
    conn = db.connection(store_or_conn)
    if not db.has_table(conn, "people"):
        return RelinkSummary()
    override = stamp.last_override(conn)  # before reading: an incident corrected meanwhile is linked again next time
    relinking = _Relinking(conn, settings, stamp.scope(conn, settings, changed), override)
    for source in db.loaded_sources(conn):
        relinking.link(source)
    return relinking.write()


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
