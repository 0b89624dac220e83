"""Users' link decisions as linking applies them: the latest per key (reference id, report, person), mapped onto
the people being linked (`ois.reference.relink.decide_link` stores them)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from ois.reference.link import Decisions
from ois.reference.records import Who

DECISION_COLUMNS = ("ref_id", "report_id", "person_key", "decision", "editor", "reason", "at")

Latest = Mapping[tuple[str, str, str], tuple[Any, ...]]  # (ref id, report id, person key) -> stored row


def latest(conn: sqlite3.Connection, source: str) -> Latest:
    """The latest decision per (reference id, report, person) about `source`."""
    rows = conn.execute(
        f"select {', '.join(DECISION_COLUMNS)} from link_decisions where source = ? order by id", [source]
    ).fetchall()
    return {(r[0], r[1], r[2]): r for r in rows}


def decisions_for(decided: Latest, whos: Sequence[Who]) -> Decisions:
    """The decisions mapped onto the people being linked (indexes into `whos`)."""
    if not decided:
        return Decisions({}, {}, {})
    by_report: dict[str, list[int]] = {}
    for n, who in enumerate(whos):
        for report_id in who.report_ids:
            by_report.setdefault(report_id, []).append(n)
    confirmed: dict[int, str] = {}
    rejected: dict[int, set[str]] = {}
    records = {}
    for (ref_id, report_id, key), row in decided.items():
        for n in by_report.get(report_id, ()):
            if whos[n].key != key:
                continue
            records[(n, ref_id)] = dict(zip(DECISION_COLUMNS, row, strict=True))
            if row[3] == "confirm":
                confirmed[n] = ref_id
            else:
                rejected.setdefault(n, set()).add(ref_id)
    return Decisions(confirmed, {n: frozenset(ids) for n, ids in rejected.items()}, records)
