"""The linking evaluation: every row of ../shared/data/mpv/mpv-2021-04-dev.csv, read as if it were a person we
extracted (name, age, gender, date, city, state, agency), linked to WaPo v2 (`wapo/v2`, with its agencies file),
and scored against MPV's own "WaPo ID" column.

Rows MPV links to an id WaPo v2 has give precision and recall (`possible` counts as no link: it waits for a
reviewer); rows MPV does not link show how many we link anyway (MPV's gaps or our errors: docs/linking.md). The
link weights were fitted on half of the rows (`in_fit_half`), so the held-out half is reported on its own.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from ois.evaluation import require
from ois.evaluation.metrics import Tally
from ois.models import stable_id
from ois.reference import load
from ois.reference.link import Index, decide, scored
from ois.reference.records import Link, RefRow, Who, named_agencies
from ois.settings import Settings

MPV_FILE = "mpv/mpv-2021-04-dev.csv"
WAPO_FILE = "wapo/v2/fatal-police-shootings-data.csv"
WAPO_AGENCIES = "wapo/v2/fatal-police-shootings-agencies.csv"
TARGET_PRECISION, TARGET_RECALL = 0.98, 0.97  # issue 11
GROUPS = ("MPV links: all", "MPV links: held-out half", "MPV links: fit half", "MPV has no WaPo id")


def in_fit_half(mpv_id: str) -> bool:
    """The rows whose weights were fitted (scripts/fit_linking.py): a stable hash of the MPV id, first hex digit
    0-7; the rest are held out."""
    return stable_id("mpv-fit", mpv_id)[0] < "8"


def wapo_rows(data_dir: Path) -> list[RefRow]:
    """WaPo v2 people with agency names from its agencies file."""
    rows = load.parse_file(require(data_dir / WAPO_FILE, "WaPo v2 data")).rows
    agencies = load.parse_file(require(data_dir / WAPO_AGENCIES, "WaPo v2 agencies")).agencies
    return named_agencies(rows, {a["id"]: a["name"] for a in agencies})


def mpv_rows(data_dir: Path, limit: int | None = None) -> list[RefRow]:
    rows = load.parse_file(require(data_dir / MPV_FILE, "MPV data")).rows
    return rows[:limit] if limit else rows


def as_person(row: RefRow) -> Who:
    """An MPV row as a person we might have extracted: name, age, gender, date, place, agency; killed."""
    return Who(
        incident_id=f"mpv:{row.id}",
        person=0,
        key=row.id,
        name=row.name,
        age=row.age,
        gender=row.gender,
        date=row.date,
        city=row.city,
        state=row.state,
        agency=row.agency,
        lat=row.lat,
        lon=row.lon,
        outcome="killed",
    )


def _example(row: RefRow, link: Link, outcome: str, wapo: dict[str, RefRow]) -> dict[str, Any]:
    def show(ref: RefRow | None) -> str:
        return f"{ref.id} {ref.name or '(no name)'} {ref.date} {ref.city}, {ref.state}" if ref else "-"

    best = link.candidates[0] if link.candidates else None
    return {
        "article": f"MPV {row.id}",
        "outcome": outcome,
        "gold": show(wapo.get(row.wapo_id or "")) if row.wapo_id else "-",
        "ours": f"{link.status}: {show(best.ref if best else None)} p={best.probability:.2f}" if best else "-",
        "mpv": show(row),
        "for": best.reasons(1) if best else [],
        "against": best.reasons(-1) if best else [],
    }


def evaluate_linking(data_dir: Path, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    """Link MPV rows to WaPo v2 and score the known links against MPV's WaPo ids (the shape of ois.evaluation)."""
    refs = wapo_rows(data_dir)
    rows = mpv_rows(data_dir, limit)
    started = time.perf_counter()
    index = Index(refs)
    whos = [as_person(r) for r in rows]
    links = decide(whos, scored(whos, index, settings), index, "wapo", settings)
    seconds = time.perf_counter() - started
    by_id = {r.id: r for r in refs}
    tallies = {name: Tally() for name in GROUPS}
    statuses: Counter[str] = Counter()
    errors: dict[str, list[dict[str, Any]]] = {"links": [], "linked without a WaPo id in MPV": []}
    for row, link in zip(rows, links, strict=True):
        gold = row.wapo_id if row.wapo_id in by_id else None
        ours = link.candidates[0].ref.id if link.status == "known" else None
        if gold:
            outcome = "right" if ours == gold else "wrong" if ours else "missed"
            groups = (GROUPS[0], GROUPS[2] if in_fit_half(row.id) else GROUPS[1])
        else:
            outcome = "spurious" if ours else "both_empty"
            groups = (GROUPS[3],)
        statuses[f"{'with' if gold else 'without'} a WaPo id: {link.status or 'not covered'}"] += 1
        for name in groups:
            tallies[name].add(outcome)
        if outcome in ("wrong", "missed"):
            errors["links"].append(_example(row, link, outcome, by_id))
        elif outcome == "spurious":
            errors["linked without a WaPo id in MPV"].append(_example(row, link, outcome, by_id))
    unknown_ids = sum(1 for r in rows if r.wapo_id and r.wapo_id not in by_id)
    notes = [
        f"linked {len(rows):,} MPV rows to {len(refs):,} WaPo rows in {seconds:.2f} s (one core, blocking + scoring)",
        f"{unknown_ids} MPV rows name a WaPo id that WaPo v2 does not have: not scored",
        *(f"{k}: {v}" for k, v in sorted(statuses.items())),
    ]
    return {
        "dataset": "linking (MPV 2021-04 dev -> WaPo v2)",
        "articles": len(rows),
        "sections": {
            "known links vs MPV's WaPo id (P and R on rows MPV links; spurious: linked where MPV has none)": {
                name: t.as_dict() for name, t in tallies.items()
            }
        },
        "targets": {"precision": TARGET_PRECISION, "recall": TARGET_RECALL},
        "seconds": seconds,
        "statuses": dict(statuses),
        "errors": errors,
        "notes": notes,
    }
