"""The editorial actions, as library functions the CLI (`ois correct`, `ois reject`, ...) and the web app's review
mode share. Each stores one or more `Override`s (editor, time, old and new value, reason, supporting sentence):

- corrections that need no resolution (a value, a person's status, an added person, "not a police shooting" and
  "reviewed" of an incident) rewrite the one incident in the same transaction (`Store.correct`);
- merges, splits and "this article is not a police shooting" change which reports form which incident: they go
  through `resolver(store, overrides)` (the pipeline's `add_overrides`, injected: this module never imports the
  pipeline), which holds the writer lock. When another ois process holds it (an ingest), the overrides are stored
  and the running process's resolution, or the next one, applies them.

Values arrive as text (a form field, a CLI argument) and are checked against the field's vocabulary
(`parse_value`): a bad value raises `ActionError` saying what is allowed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ois.models import (
    ARMED,
    FLEEING,
    GENDERS,
    LEGAL_KINDS,
    LIST_FIELDS,
    OUTCOMES,
    PERSON_FACT_FIELDS,
    PERSON_STATUSES,
    REPORT_SINGLE_FIELDS,
    ROLES,
    VIDEO_KINDS,
    Incident,
    MergedField,
    Override,
    Span,
    person_value,
    stable_id,
)
from ois.review.apply import INCIDENT_KINDS, correct, person_keys, restore
from ois.store import Busy, Store
from ois.store.rows import now

Resolver = Callable[[Store, Sequence[Override]], int]

# Fields an editor may set, with their vocabulary: a tuple of allowed values, or a kind ("int", "bool", "date",
# "text", "state", or "count" = a number or a word like "several").
CHOICES: dict[str, Any] = {
    "role": ROLES,
    "gender": GENDERS,
    "armed": ARMED,
    "outcome": OUTCOMES,
    "fleeing": FLEEING,
    "first_shot_by": ("officer", "subject"),
    "video": VIDEO_KINDS,
    "legal": LEGAL_KINDS,
}
KINDS = {
    "incident_date": "date",
    "age": "int",
    "officer_count": "int",
    "subject_count": "int",
    "shots": "count",
    "state": "state",
    **dict.fromkeys(("officer_fired", "subject_fired", "mental_health", "body_camera", "fired"), "bool"),
}
INCIDENT_FIELDS = (*REPORT_SINGLE_FIELDS, *LIST_FIELDS)
PERSON_FIELDS = ("role", *PERSON_FACT_FIELDS)
UNKNOWN_WORDS = {"", "unknown", "none", "null", "?"}
MAX_TEXT_CHARS = 300


class ActionError(ValueError):
    """An action that cannot be done as asked; the message says why and what is allowed."""


def parse_value(name: str, raw: Any) -> Any:
    """Form or CLI text -> the field's value (None: unknown). Raises ActionError naming what is allowed."""
    text = " ".join(str(raw if raw is not None else "").split())
    if len(text) > MAX_TEXT_CHARS:
        raise ActionError(f"{name}: at most {MAX_TEXT_CHARS} characters")
    if text.lower() in UNKNOWN_WORDS:
        return None
    kind = KINDS.get(name, "text")
    if name in LIST_FIELDS:
        values = [v.strip().lower() for v in text.split(",") if v.strip()]
        bad = [v for v in values if v not in CHOICES[name]]
        if bad:
            raise ActionError(f"{name}: {bad[0]!r} is not one of {', '.join(CHOICES[name])} (separate with commas)")
        return [{"kind": v, "detail": ""} for v in values] if name == "legal" else values
    if name in CHOICES:
        if text.lower() not in CHOICES[name]:
            raise ActionError(f"{name} must be one of {', '.join(CHOICES[name])} or unknown; got {text[:40]!r}")
        return text.lower()
    return _typed(name, kind, text)


def _typed(name: str, kind: str, text: str) -> Any:
    if kind in ("int", "count") and text.isdigit():
        return int(text)
    if kind == "count" and re.fullmatch(r"[a-z -]{2,30}", text.lower()):
        return text.lower()
    if kind in ("int", "count"):
        raise ActionError(f"{name} must be a whole number{' or a word like several' * (kind == 'count')}")
    if kind == "bool":
        if text.lower() in ("yes", "true", "y"):
            return True
        if text.lower() in ("no", "false", "n"):
            return False
        raise ActionError(f"{name} must be yes, no or unknown; got {text[:40]!r}")
    if kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ActionError(f"{name} must be a date like 2024-03-05; got {text[:40]!r}") from None
    if kind == "state":
        if not re.fullmatch(r"[A-Za-z]{2}", text):
            raise ActionError(f"state must be a two-letter USPS code like TX; got {text[:40]!r}")
        return text.upper()
    return text


def incident(store: Store, incident_id: str) -> Incident:
    found = store.incident(incident_id)
    if found is None:
        raise ActionError(f"no incident {incident_id!r}; it may have been merged or re-resolved: reload the list")
    return found


def people(found: Incident) -> list[tuple[str, str, Mapping[str, MergedField]]]:
    """(key, label, person) for everyone an editor can address: participants, then background, then removed
    (numbered in that order, as `ois show` and the incident page number them)."""
    everyone = [*found.people, *found.background, *found.removed]
    out = []
    for n, (key, person) in enumerate(zip(person_keys(everyone), everyone, strict=True), start=1):
        role = person_value(person, "role") or "person"
        name = person_value(person, "name")
        out.append((key, f"{role} {n}" + (f" {name}" if name else ""), person))
    return out


def person_of(found: Incident, which: str | int) -> tuple[str, str, Mapping[str, MergedField]]:
    """A person by key or by number (1 = the first one listed)."""
    listed = people(found)
    for n, (key, label, person) in enumerate(listed, start=1):
        if which in (key, n, str(n)):
            return key, label, person
    raise ActionError(f"incident {found.id} has no person {which!r}; it lists {len(listed)} (numbered from 1)")


def find_evidence(store: Store, found: Incident, sentence: str) -> Span | None:
    """The span of `sentence` (whitespace-insensitive) in one of the incident's articles; None for no sentence."""
    wanted = " ".join((sentence or "").split())
    if not wanted:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in wanted.split(" ")))
    for article in store.articles(found.report_ids):
        match = pattern.search(article.text)
        if match:
            return Span(match.start(), match.end(), match.group(0))
    raise ActionError("the supporting sentence was not found in this incident's articles: copy it exactly")


@dataclasses.dataclass(frozen=True)
class Editor:
    """Who acts, and what the action carries: a reason and, for values, a supporting sentence."""

    name: str
    reason: str = ""
    evidence: str = ""

    def override(self, kind: str, a: str, **values: Any) -> Override:
        reason = " ".join(self.reason.split())[:MAX_TEXT_CHARS]
        return Override(kind, a, editor=self.name, at=now(), reason=reason, **values)


def _anchor(found: Incident) -> str:
    return found.report_ids[0]


def _rebuild(stored: Incident, overrides: list[Override]) -> Incident:
    """How `Store.correct` rebuilds the incident: as resolution made it, with every correction on its reports."""
    mine = [o for o in overrides if o.kind in INCIDENT_KINDS and o.a in stored.report_ids]
    return correct(restore(stored), mine)


def _apply(store: Store, found: Incident, overrides: Sequence[Override], limits: tuple[int, int] | None) -> Incident:
    done = store.correct(overrides, found.id, _rebuild, limits)
    if done is None:
        raise ActionError("saved, but the incident was re-resolved meanwhile: the next resolution applies it")
    return done


def set_value(
    store: Store,
    incident_id: str,
    name: str,
    raw: Any,
    editor: Editor,
    person: str | int | None = None,
    limits: tuple[int, int] | None = None,
) -> Incident:
    """Correct one value of an incident, or of one of its people (`person`: key or number)."""
    found = incident(store, incident_id)
    allowed = INCIDENT_FIELDS if person is None else PERSON_FIELDS
    if name not in allowed:
        raise ActionError(f"{name!r} is not a field an editor can set here; choose one of {', '.join(allowed)}")
    value = parse_value(name, raw)
    key, who, fields = ("", "", found.fields) if person is None else person_of(found, person)
    old = fields.get(name)
    evidence = find_evidence(store, found, editor.evidence)
    change = editor.override(
        "set",
        _anchor(found),
        b=key,
        field=name,
        value=value,
        old=old.value if old else None,
        evidence=evidence,
        who=who,
    )
    return _apply(store, found, [change], limits)


def revert_value(
    store: Store, incident_id: str, name: str, editor: Editor, person: str | int | None = None, limits=None
) -> Incident:
    """Undo an editor's value: the field shows what the sources say again."""
    found = incident(store, incident_id)
    key, who, fields = ("", "", found.fields) if person is None else person_of(found, person)
    merged = fields.get(name)
    if merged is None or merged.corrected is None:
        raise ActionError(f"{name!r} was not corrected; nothing to revert")
    change = editor.override("revert", _anchor(found), b=key, field=name, old=merged.value, who=who)
    return _apply(store, found, [change], limits)


def set_person_status(
    store: Store, incident_id: str, person: str | int, status: str, editor: Editor, limits=None
) -> Incident:
    """Remove a person, mark them background (not a participant), or make them a participant again."""
    if status not in PERSON_STATUSES:
        raise ActionError(f"status must be one of {', '.join(PERSON_STATUSES)}")
    found = incident(store, incident_id)
    key, who, _ = person_of(found, person)
    change = editor.override("person", _anchor(found), b=key, value=status, who=who)
    return _apply(store, found, [change], limits)


def add_person(store: Store, incident_id: str, raw: Mapping[str, Any], editor: Editor, limits=None) -> Incident:
    """Add a person the extractor missed; `raw` maps person fields to text (role defaults to subject)."""
    found = incident(store, incident_id)
    values = {k: parse_value(k, v) for k, v in raw.items() if k in PERSON_FIELDS and v not in (None, "")}
    if not values.get("role"):
        values["role"] = "subject"
    key = f"added:{stable_id(found.id, now(), repr(sorted(values.items(), key=str)))}"
    who = f"{values['role']}" + (f" {values['name']}" if values.get("name") else "")
    evidence = find_evidence(store, found, editor.evidence)
    change = editor.override("add_person", _anchor(found), b=key, value=values, evidence=evidence, who=who)
    return _apply(store, found, [change], limits)


def set_state(store: Store, incident_id: str, kind: str, flag: bool, editor: Editor, limits=None) -> Incident:
    """Mark an incident "not a police shooting" (kind not_ois) or reviewed (kind reviewed), or undo it."""
    if kind not in ("not_ois", "reviewed"):
        raise ActionError("kind must be not_ois or reviewed")
    found = incident(store, incident_id)
    review = found.review
    old = bool(review and getattr(review, kind))
    return _apply(store, found, [editor.override(kind, _anchor(found), value=flag, old=old)], limits)


def _resolving(store: Store, overrides: Sequence[Override], resolver: Resolver) -> str:
    try:
        count = resolver(store, overrides)
    except Busy:
        store.add_override(*overrides)
        return "Saved. Another ois process is writing to the database; its resolution (or the next) applies it."
    return f"Done: {count} incidents."


def set_article_not_ois(store: Store, article_id: str, flag: bool, editor: Editor, resolver: Resolver) -> str:
    """Mark an article "not a police shooting" (its report leaves every incident), or undo it."""
    if store.report(article_id) is None:
        raise ActionError(f"article {article_id!r} has no report: it was never screened as a police shooting")
    return _resolving(store, [editor.override("article_not_ois", article_id, value=flag)], resolver)


def merge(store: Store, first: str, second: str, editor: Editor, resolver: Resolver) -> str:
    """Declare two incidents one event (kept on every re-resolution; undo by splitting)."""
    a, b = incident(store, first), incident(store, second)
    if a.id == b.id:
        raise ActionError("both ids name the same incident; nothing to merge")
    return _resolving(store, [editor.override("merge", a.report_ids[0], b=b.report_ids[0])], resolver)


def split(store: Store, incident_id: str, report_id: str, editor: Editor, resolver: Resolver) -> str:
    """Take one report out of an incident (kept apart from every other report of it)."""
    found = incident(store, incident_id)
    if report_id not in found.report_ids:
        raise ActionError(f"report {report_id!r} is not in incident {found.id}")
    others = [r for r in found.report_ids if r != report_id]
    if not others:
        raise ActionError(f"report {report_id} is the only report of incident {found.id}; nothing to split")
    return _resolving(store, [editor.override("split", report_id, b=other) for other in others], resolver)
