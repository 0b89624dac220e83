"""View models of incidents and articles: merged values with their evidence, highlighted article text.

The web pages and `ois show` both render these, so labels (`LABELS`), field order (`FIELD_ORDER`) and value
formatting (`show`) are the same everywhere.

Highlighting slices the untrusted article text at evidence offsets into plain-text segments; templates escape
every segment (autoescape), so no markup from an article can ever reach the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ois.models import (
    LIST_FIELDS,
    PERSON_FACT_FIELDS,
    REPORT_SINGLE_FIELDS,
    Alternative,
    Correction,
    Fact,
    Incident,
    MergedField,
    Override,
    Report,
    Review,
    Span,
    incident_from_dict,
    person_value,
    report_from_dict,
)
from ois.review.apply import person_keys

LABELS = {
    "incident_date": "Date",
    "time_of_day": "Time of day",
    "day_part": "Part of day",
    "address": "Street location",
    "place_type": "Kind of place",
    "city": "City",
    "state": "State",
    "country": "Country",
    "agency": "Agency",
    "officer_count": "Officers (number)",
    "subject_count": "Subjects (number)",
    "officer_fired": "Officer fired",
    "subject_fired": "Subject fired",
    "first_shot_by": "First shot by",
    "shots": "Shots fired",
    "mental_health": "Mental-health crisis",
    "fleeing": "Fleeing",
    "body_camera": "Body camera",
    "video": "Video",
    "legal": "Legal / aftermath",
    "role": "Role",
    "name": "Name",
    "age": "Age",
    "gender": "Gender",
    "race": "Race (as stated)",
    "armed": "Armed with",
    "weapon": "Weapon",
    "accused": "Arrested / charged",
    "outcome": "Outcome",
    "fired": "Fired a gun",
}
# Incident fields first (the order a reporter reads a case in), then a person's.
FIELD_ORDER = tuple(LABELS)


def label(name: str) -> str:
    """The reader's name of a field ("incident_date" -> "Date")."""
    return LABELS.get(name, name.replace("_", " ").capitalize())


def show(value: Any) -> str:
    """A merged or extracted value as a reader sees it."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):  # a legal step: its kind; the detail is the evidence sentence shown beside it
        return str(value.get("kind") or value.get("detail") or "")
    if isinstance(value, list | tuple):
        return "; ".join(show(v) for v in value) or "none"
    return str(value)


def http_url(url: Any) -> str | None:
    """Only http(s) links leave the page: a stored `javascript:` URL must never become a link."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


@dataclass(frozen=True)
class Segment:
    text: str
    labels: tuple[str, ...] = ()
    anchor: str | None = None  # id of the first segment of a span, for links to it


def segments(text: str, marks: Iterable[tuple[int, int, str]]) -> list[Segment]:
    """Cut `text` at every mark boundary; each piece carries the labels of the marks covering it."""
    valid = []
    for start, end, name in marks:
        start, end = max(0, int(start)), min(len(text), int(end))
        if start < end:
            valid.append((start, end, name))
    cuts = sorted({0, len(text), *(s for s, _, _ in valid), *(e for _, e, _ in valid)})
    starts = {s for s, _, _ in valid}
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        names = tuple(dict.fromkeys(n for s, e, n in valid if s <= a and b <= e))
        out.append(Segment(text[a:b], names, f"s{a}" if a in starts else None))
    return out


@dataclass(frozen=True)
class Quote:
    """One supporting sentence and the article it comes from."""

    span: Span
    article_id: str | None
    outlet: str


@dataclass(frozen=True)
class Alt:
    """One value of a field with the outlets giving it: a disagreeing value, or one entry of a list field."""

    value: str
    outlets: tuple[str, ...]  # one per report, in the order of report_ids
    quotes: tuple[Quote, ...]
    report_ids: tuple[str, ...]
    reported: Any = None  # when a legal fact was first reported

    @property
    def note(self) -> str:
        return f"reported {show(self.reported)}" if self.reported else ""


@dataclass(frozen=True)
class Row:
    name: str
    label: str
    value: str
    n_sources: int
    quotes: tuple[Quote, ...]
    conflicts: tuple[Alt, ...] = ()
    items: tuple[Alt, ...] = ()  # a list field (video, legal): each value with its own support and evidence
    corrected: Correction | None = None  # an editor's value (who, when, why; `original`: what it replaced)


@dataclass
class IncidentView:
    incident: Incident
    row: dict[str, Any]
    rows: list[Row]
    people: list[tuple[str, list[Row]]]
    sources: list[dict[str, Any]]
    texts: dict[str, list[Segment]] = field(default_factory=dict)
    # Review mode: people editors marked background or removed (same shape as `people`), every person's key
    # (people, then background, then removed: `ois.review.apply.person_key`), the review state, the audit trail.
    background: list[tuple[str, list[Row]]] = field(default_factory=list)
    removed: list[tuple[str, list[Row]]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    review: Review | None = None
    history: list[Change] = field(default_factory=list)

    @property
    def conflicts(self) -> list[Row]:
        every = self.rows + [r for _, rows in self.people for r in rows]
        return [r for r in every if r.conflicts and not r.corrected]  # an editor's value settles a conflict


class _Locator:
    """Finds which source article a span belongs to (the span's text sits at its offsets in that article)."""

    def __init__(self, sources: Sequence[Mapping[str, Any]]):
        self.texts = {s["id"]: s["text"] or "" for s in sources}
        self.outlets = {s["id"]: s["outlet"] or s["id"][:8] for s in sources}

    def find(self, span: Span, prefer: Sequence[str]) -> str | None:
        candidates = [*prefer, *(k for k in self.texts if k not in prefer)]
        for article_id in candidates:
            if self.texts.get(article_id, "")[span.start : span.end] == span.text:
                return article_id
        return next((a for a in prefer if a in self.texts), None)

    def quotes(self, spans: Iterable[Span | None], prefer: Sequence[str]) -> tuple[Quote, ...]:
        out = []
        for span in spans:
            if span is None:
                continue
            article_id = self.find(span, prefer)
            out.append(Quote(span, article_id, self.outlets.get(article_id, "unknown source")))
        return tuple(out)


def _alt(alt: Alternative, where: _Locator) -> Alt:
    reported = alt.value.get("reported") if isinstance(alt.value, Mapping) else None
    return Alt(
        show(alt.value),
        tuple(where.outlets.get(r, r[:8]) for r in alt.report_ids),
        where.quotes(alt.evidence, alt.report_ids),
        alt.report_ids,
        reported,
    )


def _row(name: str, merged: MergedField, where: _Locator) -> Row:
    alts = tuple(_alt(a, where) for a in merged.conflicts)
    quotes = where.quotes(merged.evidence, merged.report_ids)
    if name in LIST_FIELDS and alts:  # one alternative per listed value: support, not disagreement
        items, alts = alts, ()
    else:
        items = ()
    n = len(merged.report_ids)
    return Row(name, label(name), show(merged.value), n, quotes, alts, items, corrected=merged.corrected)


def _people(people: Sequence[Mapping[str, MergedField]], where: _Locator) -> list[tuple[str, list[Row]]]:
    out = []
    for person in people:
        role = show(person_value(person, "role") or "person")
        rows = [_row(k, person[k], where) for k in PERSON_FACT_FIELDS if k in person]
        rows += [_row(k, v, where) for k, v in person.items() if k not in PERSON_FACT_FIELDS and k != "role"]
        out.append((role, rows))
    return out


def _days_after(date: Any, published: Any) -> int | None:
    """Days from the incident to a report's publication (the timeline shows how coverage unfolded)."""
    try:
        return (dt.date.fromisoformat(str(published)) - date).days if isinstance(date, dt.date) else None
    except ValueError:
        return None


def incident_view(record: Mapping[str, Any], sources: list[dict[str, Any]]) -> IncidentView:
    """An incident record (`queries.incident_record`) and its sources (`queries.incident_sources`, which gain
    `copy_of` and `lag_days`) as rows of labelled values with evidence, people, and highlighted source texts."""
    incident = incident_from_dict(record["json"])
    where = _Locator(sources)
    fields = incident.fields
    ordered = sorted(fields, key=lambda k: (FIELD_ORDER.index(k) if k in FIELD_ORDER else 99, k))
    rows = [_row(k, fields[k], where) for k in ordered]
    people = _people(incident.people, where)
    moved = {"background": _people(incident.background, where), "removed": _people(incident.removed, where)}
    date = incident.value("incident_date")
    for source in sources:
        source["copy_of"] = incident.copies.get(source["id"])
        source["lag_days"] = _days_after(date, source.get("published"))
    marks: dict[str, list[tuple[int, int, str]]] = {s["id"]: [] for s in sources}
    for r in rows + [r for _, rs in (*people, *moved["background"]) for r in rs]:
        for q in (*r.quotes, *(q for a in (*r.conflicts, *r.items) for q in a.quotes)):
            if q.article_id in marks:
                marks[q.article_id].append((q.span.start, q.span.end, r.label))
    texts = {s["id"]: segments(s["text"] or "", marks[s["id"]]) for s in sources}
    public = {k: v for k, v in record.items() if k != "json"}
    keys = person_keys([*incident.people, *incident.background, *incident.removed])
    return IncidentView(incident, public, rows, people, sources, texts, keys=keys, review=incident.review, **moved)


@dataclass(frozen=True)
class Change:
    """One entry of an incident's audit trail, as a reader sees it."""

    at: str
    editor: str
    action: str  # "set Shots fired", "marked subject 2 background", "merged with report ab12..."
    old: str
    new: str
    reason: str
    evidence: str


_ACTIONS = {  # kind -> (what it says, what its undo says)
    "merge": ("merged with the incident of report {b}", ""),
    "split": ("split report {a} from report {b}", ""),
    "revert": ("reverted {what} to the sources' value", ""),
    "add_person": ("added {who}", ""),
    "article_not_ois": ("marked article {a} not a police shooting", "undid: article {a} not a police shooting"),
    "not_ois": ("marked the incident not a police shooting", "undid: not a police shooting"),
    "reviewed": ("marked the incident reviewed", "withdrew: reviewed"),
}


def change(o: Override) -> Change:
    """An override (`queries.history`) in words."""
    what = f"{o.who}: {label(o.field)}" if o.who else label(o.field)
    if o.kind == "set":
        action = f"set {what}"
    elif o.kind == "person":
        action = f"marked {o.who or 'a person'} {o.value}"
    else:
        done, undone = _ACTIONS.get(o.kind, (o.kind, o.kind))
        action = (done if o.value or o.value is None else undone).format(a=o.a[:8], b=o.b[:8], what=what, who=o.who)
    old = show(o.old) if o.kind in ("set", "revert") else ""
    new = show(o.value) if o.kind == "set" else ""
    return Change(o.at, o.editor or "command line", action, old, new, o.reason, o.evidence.text if o.evidence else "")


def report_facts(report: Report) -> list[tuple[str, Fact]]:
    """Every fact a report holds, labelled ("Officer 1: Name") in reading order."""
    out: list[tuple[str, Fact]] = []
    for name in REPORT_SINGLE_FIELDS:
        fact = getattr(report, name)
        if fact is not None:
            out.append((label(name), fact))
    out += [(label("video"), f) for f in report.video if f]
    out += [(label("legal"), f) for f in report.legal if f]
    counters: dict[str, int] = {}
    for person in report.people:
        counters[person.role] = counters.get(person.role, 0) + 1
        who = f"{person.role.capitalize()} {counters[person.role]}"
        for name in PERSON_FACT_FIELDS:
            fact = getattr(person, name)
            if fact is not None:
                out.append((f"{who}: {label(name)}", fact))
    return out


@dataclass
class ArticleView:
    record: dict[str, Any]
    facts: list[tuple[str, str, Span | None]]  # label, value, evidence
    cues: list[tuple[str, float, Span | None]]
    segments: list[Segment]


def _span(d: Mapping[str, Any] | None) -> Span | None:
    try:
        return Span(int(d["start"]), int(d["end"]), str(d["text"])) if d else None
    except (KeyError, TypeError, ValueError):
        return None


# What the web page, the JSON API and `ois show` say for an article stored without its text (lean storage).
TEXT_NOT_KEPT = (
    "Text not kept: this article was screened out as not a police shooting, so only its title, URL, date and "
    "screening are stored. Ingest it again with --set store_rejected_text=true to keep the text."
)


def article_view(record: dict[str, Any]) -> ArticleView:
    report = report_from_dict(record["report"]) if record.get("report") else None
    facts = [(lab, show(f.value), f.evidence) for lab, f in report_facts(report)] if report else []
    cues = [
        (str(c.get("name", "")), float(c.get("weight") or 0), _span(c.get("evidence")))
        for c in record.get("cues") or []
        if isinstance(c, Mapping)
    ]
    marks = [(s.start, s.end, f"{lab}: {value}") for lab, value, s in facts if s]
    marks += [(s.start, s.end, f"screening cue: {name}") for name, _, s in cues if s]
    if record.get("text") is None:  # no text to mark: the cue sentences are shown on their own
        marks = []
    public = {k: v for k, v in record.items() if k not in ("report", "text")}
    return ArticleView(public, facts, cues, segments(record.get("text") or "", marks))
