"""The machine-readable routes (datasette style): every list as `.json` and `.csv`, single records as `.json`,
the map data, and `/export/{fmt}` downloads streamed by `ois.export`.

Each route reads through `ois.query`, with the same filters as the HTML page it mirrors (`ois.web.pages`).
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse
from starlette.exceptions import HTTPException

from ois import export as exports
from ois.query import queries, reference, views
from ois.web.params import ArticleListFilters, Db, IncidentFilters, not_found

router = APIRouter()


def _page_json(request: Request, page: queries.Page) -> dict[str, Any]:
    f = page.filters
    base = str(request.url.replace(query=""))
    return {
        "total": page.total,
        "page": f.page,
        "size": f.size,
        "pages": page.pages,
        "next": f"{base}?{urlencode(f.params(page=f.page + 1))}" if page.has_next else None,
        "filters": f.active(),
        "rows": page.rows,
    }


def _page_csv(rows: list[dict[str, Any]], columns: tuple[str, ...], name: str) -> Response:
    return Response(
        "".join(exports.csv_chunks(rows, columns)),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get("/incidents.json", summary="Incident list (JSON)")
def incidents_json(request: Request, db: Db, filters: IncidentFilters) -> dict[str, Any]:
    page, facets = queries.faceted_list(db, filters)
    return {**_page_json(request, page), "facets": facets}


@router.get("/incidents.csv", summary="Incident list, one page (CSV)", response_class=Response)
def incidents_csv(db: Db, filters: IncidentFilters) -> Response:
    return _page_csv(queries.list_incidents(db, filters).rows, queries.LIST_COLUMNS, "incidents")


@router.get("/incidents/{incident_id}.json", summary="One incident: merged record, evidence, sources (JSON)")
def incident_json(db: Db, incident_id: str) -> dict[str, Any]:
    record = queries.incident_record(db, incident_id)
    if not record:
        raise not_found("incident", incident_id)
    sources = queries.incident_sources(db, incident_id)
    keep = ("id", "title", "url", "published", "outlet")
    history = queries.history(db, list(record["json"].get("report_ids", ())))
    return {
        **{k: v for k, v in record.items() if k != "json"},
        "record": record["json"],
        "sources": [{k: s[k] for k in keep} for s in sources],
        "history": [dataclasses.asdict(views.change(o)) for o in history],
        "reference": reference.incident_links(db, record),  # links to WaPo / MPV, field by field (docs/linking.md)
    }


@router.get("/articles.json", summary="Article list (JSON)")
def articles_json(request: Request, db: Db, filters: ArticleListFilters) -> dict[str, Any]:
    return _page_json(request, queries.list_articles(db, filters))


@router.get("/articles.csv", summary="Article list, one page (CSV)", response_class=Response)
def articles_csv(db: Db, filters: ArticleListFilters) -> Response:
    return _page_csv(queries.list_articles(db, filters).rows, queries.ARTICLE_COLUMNS, "articles")


@router.get("/articles/{article_id}.json", summary="One article with its screening and report (JSON)")
def article_json(db: Db, article_id: str) -> dict[str, Any]:
    record = queries.article_record(db, article_id)
    if not record:
        raise not_found("article", article_id)
    if not record["text_kept"]:
        record["text_note"] = views.TEXT_NOT_KEPT
    return record


@router.get("/map.json", summary="Incident counts per place and per month (JSON)")
def map_json(db: Db, filters: IncidentFilters) -> dict[str, Any]:
    return {
        "filters": filters.active(),
        "places": queries.map_points(db, filters),
        "months": [{"month": m, "n": n} for m, n in queries.per_month(db, filters)],
    }


@router.get(
    "/export/{fmt}",
    summary="Every matching incident as csv, json, geojson or wapo, or its people (streamed)",
    response_class=StreamingResponse,
)
def export_all(request: Request, db: Db, fmt: str, filters: IncidentFilters) -> Response:
    """Streamed: the query runs before the status is sent (a database that cannot be read gets 503, never an empty
    200); if it fails later, the connection is closed without HTTP's final chunk, which clients report as a failed
    download (curl exits 18), never as a complete file. `people`: one row per participant; incidents abroad are
    left out (setting exports_us_only)."""
    if fmt not in exports.FORMATS:
        raise HTTPException(400, f"format must be one of {', '.join(exports.FORMATS)}")
    us_only = request.app.state.settings.exports_us_only
    if fmt == "people":
        rows = exports.rows_of(db, filters, fmt, us_only, own_connection=True)
    else:
        incidents = queries.iter_incidents(db, filters, with_json=fmt in ("json", "wapo"), own_connection=True)
        rows = exports.without_abroad(db, incidents, us_only)
    first = next(rows, None)  # sqlite3.Error here -> the app's 503 handler
    return StreamingResponse(
        exports.chunks(db, fmt, itertools.chain(() if first is None else (first,), rows)),
        media_type=exports.MEDIA_TYPES[fmt],
        headers={"content-disposition": f'attachment; filename="incidents{exports.SUFFIXES[fmt]}"'},
    )
