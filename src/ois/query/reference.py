"""Reading the reference databases' tables (store migration 5; written by `ois.reference`): what is loaded, an
incident's links (each candidate with its evidence for and against and the side-by-side agreement table, our
values with their supporting sentences), coverage (reference rows no incident links to, our incidents the
reference lacks), and the look-ups the exports need (WaPo agency ids, incidents abroad).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ois import names
from ois.models import incident_from_dict
from ois.query.database import Database
from ois.query.filters import REFERENCES, QueryError
from ois.query.views import label

REFERENCE_NAMES = {"wapo": "The Washington Post", "mpv": "Mapping Police Violence"}
SHORT_NAMES = {"wapo": "WaPo", "mpv": "MPV"}
REF_COLUMNS = ("id", "date", "name", "age", "gender", "race", "city", "county", "state", "agency", "agency_ids")
REF_COLUMNS += ("armed", "fleeing", "body_camera", "mental_illness", "threat", "wapo_id")
COVERAGE_LIMIT = 1000  # rows listed per coverage list (the counts are always complete)
_US = ("US", "USA", "UNITED STATES", "UNITED STATES OF AMERICA")


def _checked(source: str) -> str:
    """A reference name, checked: it becomes a column name in SQL."""
    if source not in REFERENCES:
        raise QueryError(f"reference must be one of {', '.join(REFERENCES)}; got {source[:20]!r}")
    return source


def _has_tables(db: Database) -> bool:
    return db.conn().execute("select 1 from sqlite_master where name = 'reference_links'").fetchone() is not None


def loaded(db: Database) -> dict[str, dict[str, Any]]:
    """Source -> its loaded people file (schema, file, rows, skipped, date range, when) and `agencies` rows."""
    if not _has_tables(db):
        return {}
    out: dict[str, dict[str, Any]] = {}
    for row in db.rows("select * from reference_loads order by source, kind"):
        entry = out.setdefault(row["source"], {"name": REFERENCE_NAMES.get(row["source"], row["source"])})
        if row["kind"] == "people":
            entry.update({k: row[k] for k in ("schema", "file", "rows", "skipped", "date_min", "date_max")})
            entry["loaded_at"] = row["loaded_at"]
        else:
            entry["agencies"] = row["rows"]
    return {k: out[k] for k in REFERENCES if "rows" in out.get(k, {})}


def _ref_rows(db: Database, source: str, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = db.rows(
        f"select {', '.join(REF_COLUMNS)} from reference_rows where source = ? and id in ({marks})", [source, *ids]
    )
    agencies = dict(db.conn().execute("select id, name from reference_agencies where source = ?", [source]).fetchall())
    for row in rows:
        if not row["agency"] and row["agency_ids"]:
            row["agency"] = "; ".join(agencies.get(i, f"agency {i}") for i in row["agency_ids"].split(";"))
    return {r["id"]: r for r in rows}


def _evidence(record_json: Mapping[str, Any], person: int, field: str, scope: str) -> list[str]:
    """The sentences supporting one of our values (the merged field's evidence)."""
    incident = incident_from_dict(record_json)
    if scope == "person":
        merged = incident.people[person].get(field) if 0 <= person < len(incident.people) else None
    else:
        merged = incident.fields.get(field)
    return [span.text for span in merged.evidence[:2]] if merged else []


def incident_links(db: Database, record: Mapping[str, Any]) -> dict[str, Any]:
    """An incident's links to every loaded reference: per source its status and, per subject, the status and the
    candidates (best first) with probability, evidence for and against, and the agreement table (each field ours
    with its sentences vs theirs, `agree` False where they differ). Empty when no reference is loaded."""
    sources = loaded(db)
    if not sources:
        return {}
    incident_id = record["id"]
    people = db.rows("select n, role, name, wapo, mpv from people where incident_id = ? order by n", [incident_id])
    links = db.rows(
        "select source, person, ref_id, rank, status, probability, evidence, comparison, decision"
        " from reference_links where incident_id = ? order by source, person, rank",
        [incident_id],
    )
    out: dict[str, Any] = {}
    for source, info in sources.items():
        mine = [link for link in links if link["source"] == source]
        refs = _ref_rows(db, source, sorted({link["ref_id"] for link in mine}))
        subjects = []
        for person in people:
            if person["role"] != "subject":
                continue
            candidates = [_candidate(link, refs, record, person["n"]) for link in mine if link["person"] == person["n"]]
            first = next((link for link in mine if link["person"] == person["n"]), None)
            meta = json.loads(first["decision"]) if first and first["decision"] else {}
            subjects.append(
                {
                    "person": person["n"],
                    "name": person["name"],
                    "status": person[source],
                    "note": meta.get("note", ""),
                    "decision": {k: v for k, v in meta.items() if k != "note"} or None,
                    "candidates": candidates if person[source] in ("known", "possible") else [],
                    "closest": candidates[:1] if person[source] == "new" else [],
                }
            )
        status = record.get(source)
        out[source] = {"name": info["name"], "short": SHORT_NAMES[source], "status": status, "people": subjects}
        out[source]["covered"] = {"from": info.get("date_min"), "to": info.get("date_max"), "file": info.get("file")}
    return out


def _candidate(link: Mapping[str, Any], refs: Mapping[str, Any], record: Mapping[str, Any], n: int) -> dict:
    evidence = json.loads(link["evidence"] or "[]")
    comparison = json.loads(link["comparison"] or "[]")
    for row in comparison:
        row["label"] = label(row["field"])
        row["evidence"] = _evidence(record["json"], n, row["field"], row["scope"])
    return {
        "ref_id": link["ref_id"],
        "rank": link["rank"],
        "probability": link["probability"],
        "for": [e["text"] for e in sorted(evidence, key=lambda e: -e["weight"]) if e["weight"] > 0],
        "against": [e["text"] for e in sorted(evidence, key=lambda e: e["weight"]) if e["weight"] < 0],
        "ref": refs.get(link["ref_id"], {"id": link["ref_id"]}),
        "comparison": comparison,
        "disagreements": sum(1 for row in comparison if row["agree"] is False),
    }


def _window(db: Database, source: str, date_from: dt.date | None, date_to: dt.date | None) -> tuple[str, str] | None:
    """The dates to compare: given, else those our incidents span, within the reference's dates."""
    ours = db.conn().execute("select min(date), max(date) from incidents where date is not null").fetchone()
    info = loaded(db).get(source)
    if not info or not ours[0]:
        return None
    low = max(x for x in (date_from.isoformat() if date_from else ours[0], info["date_min"]) if x)
    high = min(x for x in (date_to.isoformat() if date_to else ours[1], info["date_max"]) if x)
    return (low, high) if low <= high else None


def coverage(
    db: Database,
    source: str,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    states: Sequence[str] = (),
    limit: int = COVERAGE_LIMIT,
) -> dict[str, Any]:
    """What each side lacks in a date window (default: the dates our incidents span, within the reference's):
    `missed`, the reference rows no incident links to (what our sources missed; `review`: those only a
    `possible` link points at), and our subjects the reference lacks (`new_fatal`: news; `new_other`: expected,
    the reference lists deaths only)."""
    window = _window(db, _checked(source), date_from, date_to)
    result: dict[str, Any] = {"source": source, "name": REFERENCE_NAMES.get(source, source), "window": window}
    if window is None:
        return {**result, "counts": {}, "missed": [], "review": [], "new_fatal": [], "new_other": []}
    state_sql = f" and state in ({','.join('?' * len(states))})" if states else ""
    ref_where = f"source = ? and date between ? and ?{state_sql}"
    args = [source, *window, *states]
    linked = "select ref_id from reference_links where source = ? and rank = 0 and status = 'known'"
    plausible = "select ref_id from reference_links where source = ? and status = 'possible'"
    columns = "id, date, name, age, city, state, agency_ids"
    missed = db.rows(
        f"select {columns} from reference_rows where {ref_where} and id not in ({linked})"
        f" and id not in ({plausible}) order by date desc, id limit ?",
        [*args, source, source, limit],
    )
    review = db.rows(
        f"select {columns} from reference_rows where {ref_where} and id not in ({linked})"
        f" and id in ({plausible}) order by date desc, id limit ?",
        [*args, source, source, limit],
    )
    people_where = f"role = 'subject' and date between ? and ?{state_sql}"
    people_args = [*window, *states]
    person = f"incident_id, n, name, age, date, city, state, agency, outcome, {source} status"
    new_fatal = db.rows(
        f"select {person} from people where {people_where} and {source} = 'new' and outcome = 'killed'"
        " order by date desc limit ?",
        [*people_args, limit],
    )
    new_other = db.rows(
        f"select {person} from people where {people_where} and {source} = 'new' and coalesce(outcome, '') != 'killed'"
        " order by date desc limit ?",
        [*people_args, limit],
    )
    subjects = f"select count(*) from people where {people_where}"
    counts = {
        "reference_rows": _count(db, f"select count(*) from reference_rows where {ref_where}", args),
        "reference_linked": _count(
            db, f"select count(*) from reference_rows where {ref_where} and id in ({linked})", [*args, source]
        ),
        "subjects": _count(db, subjects, people_args),
        "subjects_new_fatal": _count(db, f"{subjects} and {source} = 'new' and outcome = 'killed'", people_args),
    }
    for status in ("known", "possible", "new"):
        counts[f"subjects_{status}"] = _count(db, f"{subjects} and {source} = ?", [*people_args, status])
    counts["reference_missed"] = counts["reference_rows"] - counts["reference_linked"]
    return {
        **result,
        "counts": counts,
        "missed": missed,
        "review": review,
        "new_fatal": new_fatal,
        "new_other": new_other,
    }


def _count(db: Database, sql: str, args: Sequence[Any]) -> int:
    return db.conn().execute(sql, list(args)).fetchone()[0]


def agency_lookup(db: Database, source: str = "wapo") -> Callable[[str | None, str | None], str | None]:
    """A function (our agency name, state) -> the reference's agency id(s), by name as the reference writes it
    (folded; the state must agree when both know it)."""
    rows = (
        db.rows("select id, name, state from reference_agencies where source = ?", [source]) if _has_tables(db) else []
    )
    by_name: dict[str, list[tuple[str, str | None]]] = {}
    for row in rows:
        by_name.setdefault(names.fold(row["name"] or ""), []).append((row["id"], row["state"]))

    def find(name: str | None, state: str | None) -> str | None:
        found = [i for i, s in by_name.get(names.fold(name or ""), []) if not state or not s or s == state]
        return ";".join(found) if len(found) == 1 else None

    return find


def subject_statuses(db: Database, source: str) -> list[tuple[str | None, int]]:
    """(status, subjects) for one reference, most common first."""
    source = _checked(source)
    sql = f"select {source}, count(*) n from people where role = 'subject' group by {source} order by n desc"
    return [(status, n) for status, n in db.conn().execute(sql)]


def known_links(db: Database, source: str) -> dict[tuple[str, int], str]:
    """(incident id, person number) -> the reference id of every person linked as `known`."""
    if not _has_tables(db):
        return {}
    source = _checked(source)
    rows = db.conn().execute(f"select incident_id, n, {source}_ids from people where {source} = 'known'")
    return {(i, n): ref_id for i, n, ref_id in rows}


def foreign_incidents(db: Database) -> frozenset[str]:
    """Ids of incidents whose country is known and not the US (setting exports_us_only leaves them out)."""
    marks = ",".join("?" * len(_US))
    rows = db.conn().execute(
        "select id from incidents where json_extract(json, '$.fields.country.value') is not null"
        f" and upper(json_extract(json, '$.fields.country.value')) not in ({marks})",
        _US,
    )
    return frozenset(r[0] for r in rows)
