"""Editorial corrections applied to resolved incidents: a verb over Incident + overrides -> corrected Incidents.

The pipeline calls `apply` right after every resolution (so re-resolutions and later ingests keep every
correction) and `excluded_articles` before it (articles an editor marked "not a police shooting" are left out).
Review actions that need no resolution call `restore` + `correct` on one stored incident.

Corrections are keyed by report ids, never by incident ids (which change): an incident-level correction applies
to the incident that holds its anchor report (`Override.a`), a person-level one to the person of that incident
whose `person_key` is `Override.b`. The last word on a thing (a field, a person's status, the incident's review
state) wins. A corrected value keeps what it replaced (`Correction.original`), so `restore` gives back exactly
what resolution produced, and the sources' value is still shown beside the editor's.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ois.models import (
    Alternative,
    Correction,
    Incident,
    MergedField,
    Override,
    Review,
    person_value,
)

Person = Mapping[str, MergedField]
INCIDENT_KINDS = frozenset({"set", "revert", "person", "add_person", "not_ois", "reviewed"})


def excluded_articles(overrides: Iterable[Override]) -> set[str]:
    """Articles whose last word is "not a police shooting": resolution leaves their reports out."""
    latest: dict[str, bool] = {}
    for o in overrides:
        if o.kind == "article_not_ois":
            latest[o.a] = bool(o.value)
    return {article for article, rejected in latest.items() if rejected}


def resolution_overrides(overrides: Iterable[Override]) -> list[Override]:
    """The overrides resolution itself applies (report pairs)."""
    return [o for o in overrides if o.kind in ("merge", "split")]


def person_key(person: Person, taken: Counter[str] | None = None) -> str:
    """A person's key, stable across re-resolutions of the same reports: role, earliest report, first mention
    (an added person: the key it was added under). `taken` counts keys already given in this incident, so two
    people with the same first mention get distinct keys (`...#2`)."""
    role = _chain_attr(person.get("role"), "person")
    if role:
        return role
    merged = _uncorrected(person.get("role"))
    report = merged.report_ids[0] if merged and merged.report_ids else ""
    start = merged.evidence[0].start if merged and merged.evidence else -1
    key = f"{merged.value if merged else 'person'}:{report}:{start}"
    if taken is not None:
        taken[key] += 1
        if taken[key] > 1:
            key = f"{key}#{taken[key]}"
    return key


def person_keys(people: Sequence[Person]) -> list[str]:
    taken: Counter[str] = Counter()
    return [person_key(p, taken) for p in people]


def _uncorrected(merged: MergedField | None) -> MergedField | None:
    while merged is not None and merged.corrected is not None:
        merged = merged.corrected.original
    return merged


def _chain_attr(merged: MergedField | None, name: str) -> Any:
    """The first correction along a field's chain of corrections that sets `name` (position, person)."""
    while merged is not None and merged.corrected is not None:
        value = getattr(merged.corrected, name)
        if value not in (None, ""):
            return value
        merged = merged.corrected.original
    return None


def _correction(o: Override, original: MergedField | None = None, position: int | None = None) -> Correction:
    return Correction(o.editor, o.at, o.reason, original, position, o.b if o.kind == "add_person" else "")


def corrected_field(original: MergedField | None, o: Override) -> MergedField:
    """The editor's value in place of the merged one: support from the sources that gave that value (if any),
    the editor's sentence first, and the replaced value kept as a conflict (what the sources say)."""
    options = [] if original is None else [Alternative(original.value, original.report_ids, original.evidence)]
    options += list(original.conflicts) if original is not None else []
    same = next((a for a in options if _same(a.value, o.value)), None)
    evidence = ((o.evidence,) if o.evidence else ()) + (same.evidence if same else ())
    others = tuple(a for a in options if a is not same and a.value is not None)
    return MergedField(o.value, same.report_ids if same else (), evidence, others, corrected=_correction(o, original))


def _same(a: Any, b: Any) -> bool:
    fold = (lambda v: " ".join(v.lower().split())) if isinstance(a, str) and isinstance(b, str) else (lambda v: v)
    return fold(a) == fold(b)


def _set_fields(fields: Mapping[str, MergedField], changes: Mapping[str, Override]) -> dict[str, MergedField]:
    out = dict(fields)
    for name, o in changes.items():
        if o.kind == "set":
            out[name] = corrected_field(out.get(name), o)
    return out


def _added(o: Override) -> dict[str, MergedField]:
    """A person an editor added: each given value marked as the editor's (the role carries the person's key)."""
    values = {k: v for k, v in (o.value or {}).items() if v not in (None, "")}
    values.setdefault("role", "subject")
    return {k: corrected_field(None, dataclasses.replace(o, value=v)) for k, v in values.items()}


@dataclasses.dataclass
class _Plan:
    """The last word on each thing of one incident."""

    fields: dict[tuple[str, str], Override] = dataclasses.field(default_factory=dict)  # (person key, field)
    status: dict[str, Override] = dataclasses.field(default_factory=dict)  # person key -> "person" override
    added: dict[str, Override] = dataclasses.field(default_factory=dict)
    state: dict[str, Override] = dataclasses.field(default_factory=dict)  # "not_ois" / "reviewed"

    @classmethod
    def of(cls, overrides: Iterable[Override]) -> _Plan:
        plan = cls()
        for o in overrides:
            if o.kind in ("set", "revert"):
                plan.fields[(o.b, o.field)] = o
            elif o.kind == "person":
                plan.status[o.b] = o
            elif o.kind == "add_person":
                plan.added[o.b] = o
            elif o.kind in ("not_ois", "reviewed"):
                plan.state[o.kind] = o
        return plan

    def changes(self, key: str) -> dict[str, Override]:
        return {name: o for (who, name), o in self.fields.items() if who == key}


def correct(incident: Incident, overrides: Sequence[Override]) -> Incident:
    """`incident` (as resolution made it: see `restore`) with `overrides` (its corrections, oldest first)."""
    plan = _Plan.of(overrides)
    fields = _set_fields(incident.fields, plan.changes(""))
    people = list(zip(person_keys(incident.people), incident.people, strict=True))
    people += [(key, _added(o)) for key, o in plan.added.items()]
    groups: dict[str, list[Person]] = {"participant": [], "background": [], "removed": []}
    for position, (key, person) in enumerate(people):
        corrected = _set_fields(person, plan.changes(key))
        status = plan.status.get(key)
        kind = status.value if status is not None and status.value in groups else "participant"
        if kind != "participant" and status is not None:
            role = corrected.get("role")
            marked = role or MergedField("person", ())
            here = position if position < len(incident.people) else None
            corrected["role"] = dataclasses.replace(marked, corrected=_correction(status, role, here))
        groups[kind].append(corrected)
    state = {k: o for k, o in plan.state.items() if o.value}
    review = Review(
        _correction(state["reviewed"]) if "reviewed" in state else None,
        _correction(state["not_ois"]) if "not_ois" in state else None,
        corrected_names(fields, groups["participant"], plan),
    )
    return dataclasses.replace(
        incident,
        fields=fields,
        people=tuple(groups["participant"]),
        background=tuple(groups["background"]),
        removed=tuple(groups["removed"]),
        review=review if review.reviewed or review.not_ois or review.corrected else None,
    )


def corrected_names(fields: Mapping[str, MergedField], people: Sequence[Person], plan: _Plan) -> tuple[str, ...]:
    """Readable names of what editors changed: "agency", "subject 1 age", "officer 2 added", "subject: removed"."""
    names = [name for name, merged in fields.items() if merged.corrected]
    for n, person in enumerate(people, start=1):
        role = person_value(person, "role") or "person"
        if _chain_attr(person.get("role"), "person"):
            names.append(f"{role} {n} added")
            continue
        names += [f"{role} {n} {name}" for name, merged in person.items() if merged.corrected]
    names += [f"{o.who or 'person'}: {o.value}" for o in plan.status.values() if o.value != "participant"]
    return tuple(names)


def restore(incident: Incident) -> Incident:
    """The incident as resolution made it: every correction undone (editors' values, added, moved people)."""
    if not incident.review and not incident.background and not incident.removed and not _has_corrections(incident):
        return incident

    def plain(person: Person) -> dict[str, MergedField]:
        out = {k: _uncorrected(v) for k, v in person.items()}
        return {k: v for k, v in out.items() if v is not None}

    fields = {k: v for k, v in ((k, _uncorrected(v)) for k, v in incident.fields.items()) if v is not None}
    people = [plain(p) for p in incident.people if not _chain_attr(p.get("role"), "person")]
    moved = [
        (_chain_attr(p.get("role"), "position"), plain(p))
        for p in (*incident.background, *incident.removed)
        if not _chain_attr(p.get("role"), "person")
    ]
    for position, person in sorted(moved, key=lambda pp: pp[0] if pp[0] is not None else len(people)):
        people.insert(position if position is not None else len(people), person)
    return dataclasses.replace(incident, fields=fields, people=tuple(people), background=(), removed=(), review=None)


def _has_corrections(incident: Incident) -> bool:
    return any(f.corrected for f in incident.fields.values()) or any(
        f.corrected for p in incident.people for f in p.values()
    )


def apply(incidents: Iterable[Incident], overrides: Sequence[Override]) -> Iterator[Incident]:
    """Every incident with the corrections anchored on its reports (the pipeline's step after resolution)."""
    anchored: dict[str, list[tuple[int, Override]]] = {}
    for n, o in enumerate(overrides):
        if o.kind in INCIDENT_KINDS:
            anchored.setdefault(o.a, []).append((n, o))
    for incident in incidents:
        mine = sorted((pair for r in incident.report_ids for pair in anchored.get(r, ())), key=lambda p: p[0])
        yield correct(incident, [o for _, o in mine]) if mine else incident
