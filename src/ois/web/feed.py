"""`/incidents.atom`: an Atom feed (RFC 4287) of new and changed incidents, so a desk can follow new shootings in
any feed reader. The list's filters apply (`?state=TX&fatal=yes`); entries are the most recently new or changed
incidents first (`size` of them). An incident's `updated` is when its content last changed (a new report, a
correction), kept across re-resolutions by the store.

Built with ElementTree, so every value is escaped as XML; characters XML 1.0 cannot carry (control characters an
article may hold) are removed.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ois.query import queries
from ois.store.rows import now
from ois.web.params import Db, IncidentFilters

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
router = APIRouter()


def xml_text(value: Any) -> str:
    """Text an XML 1.0 document can carry (escaping is ElementTree's)."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def _add(parent: ET.Element, tag: str, text: Any = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _stamp(row: Mapping[str, Any]) -> str:
    """RFC 3339 time of the last change (stores before review mode: the last article's publication day)."""
    if row.get("updated_at"):
        return str(row["updated_at"])
    day = row.get("last_published") or row.get("first_published")
    return f"{day}T00:00:00+00:00" if day else now()


def summary(row: Mapping[str, Any]) -> str:
    """One line of facts: date, place, agency, outcome, sources, review state."""
    place = ", ".join(x for x in (row.get("city"), row.get("state")) if x) or "place unknown"
    facts = [row.get("date") or "date unknown", place, row.get("agency") or ""]
    facts += ["fatal" if row.get("fatal") else "", "officer shot" if row.get("officer_shot") else ""]
    sources = row.get("n_sources") or 0
    facts.append(f"{sources} independent source{'s' * (sources != 1)}")
    if row.get("reviewed"):
        facts.append("reviewed by an editor")
    if row.get("corrected_fields"):
        facts.append(f"corrected: {row['corrected_fields']}")
    if row.get("headline"):
        facts.append(f"first headline: {row['headline']}")
    return " · ".join(f for f in facts if f)


def atom(rows: list[dict[str, Any]], base: str, query: str, filters: dict[str, str]) -> bytes:
    """The feed document for `rows` (newest change first); `base` is the server's URL, `query` the filters."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    suffix = f"?{query}" if query else ""
    _add(feed, "id", f"{base}/incidents.atom{suffix}")
    shown = ", ".join(f"{k}={v}" for k, v in filters.items())
    _add(feed, "title", "ois: new and changed incidents" + (f" ({shown})" if shown else ""))
    _add(feed, "updated", max((_stamp(r) for r in rows), default=now()))
    _add(feed, "link", rel="self", type="application/atom+xml", href=f"{base}/incidents.atom{suffix}")
    _add(feed, "link", rel="alternate", type="text/html", href=f"{base}/incidents{suffix}")
    _add(_add(feed, "author"), "name", "ois")
    _add(feed, "generator", "ois")
    for row in rows:
        entry = _add(feed, "entry")
        _add(entry, "id", f"urn:ois:incident:{row['id']}")
        _add(entry, "title", row.get("title") or row.get("headline") or f"Incident {row['id']}")
        _add(entry, "updated", _stamp(row))
        _add(entry, "link", rel="alternate", type="text/html", href=f"{base}/incidents/{row['id']}")
        _add(entry, "summary", summary(row), type="text")
        for term, on in (("fatal", row.get("fatal")), ("officer shot", row.get("officer_shot"))):
            if on:
                _add(entry, "category", term=term)
        if row.get("state"):
            _add(entry, "category", term=row["state"], label="state")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


@router.get(
    "/incidents.atom",
    summary="Atom feed of new and changed incidents (the list's filters; newest change first)",
    response_class=Response,
)
def incidents_atom(request: Request, db: Db, filters: IncidentFilters) -> Response:
    newest = dataclasses.replace(filters, sort="-updated")
    rows = queries.incident_slice(db, newest, (filters.page - 1) * filters.size, filters.size)
    base = str(request.base_url).rstrip("/")
    return Response(atom(rows, base, request.url.query, filters.active()), media_type=MEDIA_TYPE)
