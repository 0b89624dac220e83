"""Row builders of the store: records (models) -> flat table rows, and the readable conflict summary."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ois.models import LIST_FIELDS, Article, Incident, MergedField, Screening, Skipped, person_value, stable_id, to_dict


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


def skipped_key(skipped: Skipped) -> tuple[str, str, str, str | None]:
    return (skipped.source, skipped.stage, skipped.reason, skipped.article_id)


def conflict_summary(incident: Incident) -> str | None:
    """'city: Melbourne (2) / West Melbourne (1); subject 1 name: ...' (independent sources in brackets)."""

    def line(label: str, merged: MergedField) -> str:
        options = [(merged.value, merged.report_ids), *((a.value, a.report_ids) for a in merged.conflicts)]
        return f"{label}: " + " / ".join(f"{value} ({len(ids)})" for value, ids in options)

    parts = [line(name, f) for name, f in incident.fields.items() if f.conflicts and name not in LIST_FIELDS]
    for n, person in enumerate(incident.people, start=1):
        role = person_value(person, "role") or "person"
        parts += [line(f"{role} {n} {key}", f) for key, f in person.items() if key != "role" and f.conflicts]
    return "; ".join(parts) or None


def incident_row(incident: Incident, titles: dict[str, str]) -> dict[str, Any]:
    """Flat, filterable columns of an incident (the JSON keeps everything else)."""

    def people_with(role: str, name: str) -> list[Any]:
        return [person_value(p, name) for p in incident.people_of(role) if name in p]

    date = incident.value("incident_date")
    city, state = incident.value("city"), incident.value("state")
    try:
        from ois import geo  # a shared helper, not a stage

        point = geo.locate(city, state)
    except Exception:  # a geocoding gap must never lose an incident
        point = None
    outcomes = people_with("subject", "outcome") + people_with("officer", "outcome")
    officer_outcomes = people_with("officer", "outcome")
    armed = people_with("subject", "armed")
    independent = [r for r in incident.report_ids if r not in incident.copies]
    earliest = incident.report_ids[0] if incident.report_ids else None
    return {
        "id": incident.id,
        "date": date.isoformat() if isinstance(date, dt.date) else date,
        "city": city,
        "state": state,
        "agency": incident.value("agency"),
        "lat": point[0] if point else None,
        "lon": point[1] if point else None,
        "fatal": int("killed" in outcomes),
        "officer_shot": int(any(o in ("killed", "injured") for o in officer_outcomes)),
        "armed": armed[0] if armed else None,
        "video": int(bool(incident.value("video"))),
        "n_reports": len(incident.report_ids),
        "n_sources": len(independent),
        "first_published": iso(incident.first_published),
        "last_published": iso(incident.last_published),
        "title": titles.get(earliest, "") if earliest else "",
        "conflicts": conflict_summary(incident),
        "json": json.dumps(to_dict(incident)),
    }
