"""Row builders of the store: records (models) -> flat table rows, and the readable conflict summary."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ois.models import (
    LIST_FIELDS,
    Article,
    Incident,
    MergedField,
    Override,
    Screening,
    Skipped,
    Span,
    decode_field,
    person_value,
    stable_id,
    to_dict,
)
from ois.settings import Settings
from ois.titles import implausible_date, incident_title


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def dumps(record: Any) -> str:
    return json.dumps(to_dict(record))


def text_hash(text: str) -> str:
    """The hash of an article's normalised text: the id a URL-less article gets (`Article.make_id`)."""
    return stable_id("text", " ".join(text.split()))


def lookup_keys(article: Article) -> tuple[str, ...]:
    """The `article_keys` under which an already stored copy of `article` would be found, best first.

    "v:<id>:<text>": this article with this text (any stored version); "n:<text>": a URL-less article with this
    text (the same story read once without its URL); "t:<text>": any article with this text (what a URL-less
    article matches: its URL may have been known when it was first stored).
    """
    digest = text_hash(article.text)
    if article.url:
        return (f"v:{article.id}:{digest}", f"n:{digest}")
    return (f"t:{digest}",)


def stored_keys(article_id: str, digest: str, has_url: bool) -> tuple[str, ...]:
    """The keys a stored article version (id, text hash) is found by (see `lookup_keys`)."""
    return (f"v:{article_id}:{digest}", f"t:{digest}", *(() if has_url else (f"n:{digest}",)))


def article_row(article: Article) -> dict[str, Any]:
    return {
        **to_dict(article),
        "published": iso(article.published),
        "ingested_at": now(),
        "text_hash": text_hash(article.text),
        "state": "stored",  # set from its stage outputs in the same transaction
    }


def screening_row(screening: Screening) -> dict[str, Any]:
    return {
        "article_id": screening.article_id,
        "is_ois": int(screening.is_ois),
        "score": screening.score,
        "police_fired": screening.police_fired,
        "shot_at_police": screening.shot_at_police,
        "reason": screening.reason,
        "cues": dumps(screening.cues),
    }


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(to_dict(value))


def override_row(o: Override) -> list[Any]:
    """The `overrides` columns (kind, a, b, at, field, value, old, editor, reason, evidence, who) of an override;
    values as JSON."""
    evidence = json.dumps(to_dict(o.evidence)) if o.evidence else None
    return [o.kind, o.a, o.b, o.at or now(), o.field, _json(o.value), _json(o.old), o.editor, o.reason, evidence, o.who]


def override_from_row(row: dict[str, Any]) -> Override:
    """An override as stored (rows written before review mode have only kind, a, b and at)."""

    def load(name: str) -> Any:
        raw = row.get(name)
        return None if raw is None else decode_field(row.get("field") or "", json.loads(raw))

    span = json.loads(row["evidence"]) if row.get("evidence") else None
    return Override(
        row["kind"],
        row["a"],
        row["b"] or "",
        field=row.get("field") or "",
        value=load("value"),
        old=load("old"),
        editor=row.get("editor") or "",
        at=row.get("at") or "",
        reason=row.get("reason") or "",
        evidence=Span(span["start"], span["end"], span["text"]) if span else None,
        who=row.get("who") or "",
        id=row.get("id"),
    )


def skipped_key(skipped: Skipped) -> tuple[str, str, str, str | None]:
    return (skipped.source, skipped.stage, skipped.reason, skipped.article_id)


def conflict_summary(incident: Incident) -> str | None:
    """'city: Melbourne (2) / West Melbourne (1); subject 1 name: ...' (independent sources in brackets)."""

    def line(label: str, merged: MergedField) -> str:
        options = [(merged.value, merged.report_ids), *((a.value, a.report_ids) for a in merged.conflicts)]
        return f"{label}: " + " / ".join(f"{value} ({len(ids)})" for value, ids in options)

    def open_conflict(name: str, merged: MergedField) -> bool:  # an editor's value settles it
        return bool(merged.conflicts) and not merged.corrected and name not in LIST_FIELDS

    parts = [line(name, f) for name, f in incident.fields.items() if open_conflict(name, f)]
    for n, person in enumerate(incident.people, start=1):
        role = person_value(person, "role") or "person"
        parts += [line(f"{role} {n} {key}", f) for key, f in person.items() if key != "role" and open_conflict(key, f)]
    return "; ".join(parts) or None


def date_limits(settings: Settings) -> tuple[int, int]:
    """The plausible-date settings `incident_row` applies (years before, days after the first report)."""
    return settings.implausible_date_years, settings.implausible_date_after_days


def _known_flag(values: list[Any], yes: set[str], no: set[str]) -> int | None:
    """1 when any value is in `yes`; 0 when every value is known and in `no` (at least one); else None (unknown)."""
    if any(v in yes for v in values):
        return 1
    return 0 if values and all(v in no for v in values) else None


def incident_row(incident: Incident, titles: dict[str, str], limits: tuple[int, int] | None = None) -> dict[str, Any]:
    """Flat, filterable columns of an incident (the JSON keeps everything else). Flags are 1 (yes), 0 (the
    sources say no) or None (unknown). An implausible date (see `titles.implausible_date`; `limits` from
    `date_limits`, default the settings) is moved from `date` to `implausible_date`: it is neither charted nor
    filtered on. A date an editor set is always taken as given."""

    def people_with(role: str, name: str) -> list[Any]:
        return [person_value(p, name) for p in incident.people_of(role) if name in p]

    date = incident.value("incident_date")
    city, state = incident.value("city"), incident.value("state")
    try:
        from ois import geo  # a shared helper, not a stage

        point = geo.locate(city, state)
    except Exception:  # a geocoding gap must never lose an incident
        point = None
    subjects = [person_value(p, "outcome") for p in incident.people_of("subject")]
    officer_outcomes = people_with("officer", "outcome")
    armed = people_with("subject", "armed")
    independent = [r for r in incident.report_ids if r not in incident.copies]
    earliest = incident.report_ids[0] if incident.report_ids else None
    iso_date = date.isoformat() if isinstance(date, dt.date) else date
    corrected = incident.fields.get("incident_date")
    years, days = limits or date_limits(Settings())
    odd = not (corrected and corrected.corrected) and implausible_date(date, incident.first_published, years, days)
    everyone = [person_value(p, "outcome") for p in incident.people]
    video = incident.value("video")
    review = incident.review
    doc = json.dumps(to_dict(incident))
    return {
        "id": incident.id,
        "date": None if odd else iso_date,
        "city": city,
        "state": state,
        "agency": incident.value("agency"),
        "lat": point[0] if point else None,
        "lon": point[1] if point else None,
        "fatal": 1 if "killed" in everyone else _known_flag(subjects, set(), {"injured", "uninjured"}),
        "officer_shot": _known_flag(officer_outcomes, {"killed", "injured"}, {"uninjured"}),
        "armed": armed[0] if armed else None,
        "video": 1 if video else (0 if incident.value("body_camera") is False else None),
        "n_reports": len(incident.report_ids),
        "n_sources": len(independent),
        "first_published": iso(incident.first_published),
        "last_published": iso(incident.last_published),
        "title": incident_title(incident),
        "headline": titles.get(earliest, "") if earliest else "",
        "implausible_date": iso_date if odd else None,
        "reviewed": int(bool(review and review.reviewed)),
        "not_ois": int(bool(review and review.not_ois)),
        "corrected_fields": "; ".join(review.corrected) if review and review.corrected else None,
        "conflicts": conflict_summary(incident),
        "content_hash": stable_id(doc),
        "json": doc,
    }
