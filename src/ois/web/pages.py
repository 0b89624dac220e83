"""The HTML pages: incident and article lists, one incident, one article, the map and chart.

Each page reads through `ois.query` and renders a Jinja2 template (autoescaped; article text only ever reaches
a page as escaped text segments). Their `.json`/`.csv` twins are in `ois.web.api`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from ois.query import queries, reference, views
from ois.query.database import Database
from ois.query.filters import FLAGS, Filters
from ois.web import charts
from ois.web.params import ArticleListFilters, Db, IncidentFilters, not_found

router = APIRouter()
# The incident list's facets, in display order, and the values each shows.
FACETS = (
    ("fatal", "Fatal"),
    ("officer_shot", "Officer shot"),
    ("video", "Video reported"),
    ("armed", "Subject armed with"),
    ("state", "State"),
    ("agency", "Agency"),
)
FACET_VALUES = 15
# Rendered facet blocks kept per worker (one per result: filters but the page). Each is ~5 kB.
FACET_BLOCKS = 256


def _render(request: Request, template: str, context: dict[str, Any]) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context)


@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    return RedirectResponse("/incidents")


@router.get("/incidents", response_class=HTMLResponse, summary="Incident list (HTML)")
def incidents_html(request: Request, db: Db, filters: IncidentFilters) -> Response:
    page, _ = queries.faceted_list(db, filters)
    return _render(
        request, "incidents.html", {"page": page, "f": filters, "facets": _facet_block(request, db, filters)}
    )


def facet_links(
    filters: Filters, facets: dict[str, list[tuple[Any, int]]]
) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """(title, [(value shown, URL of the list narrowed to it, count)]) per facet that has values."""
    blocks = []
    for key, title in FACETS:
        links = []
        for value, n in facets[key][:FACET_VALUES]:
            shown = ("yes" if value == 1 else "no" if value == 0 else "unknown") if key in FLAGS else value
            narrowed = filters.params(page=1, **{key: (value,) if key == "state" else shown})
            links.append((shown, f"/incidents?{urlencode(narrowed)}", n))
        if links:
            blocks.append((title, links))
    return blocks


def _facet_block(request: Request, db: Database, filters: Filters) -> Markup:
    """The facet links (half the list page's render time, measured), rendered once per result (the filters but the page)
    and database version, so every page of a result and every repeat of a view shares them. The template
    escapes every value; the block is cached as that escaped output."""
    templates: Jinja2Templates = request.app.state.templates

    def render() -> Markup:
        links = facet_links(filters, queries.facets(db, filters))  # cached: faceted_list just computed them
        return Markup(templates.get_template("_facets.html").render(facets=links))

    key = ("facet block", tuple(sorted(filters.params(page=1).items())))
    return db.cached(key, render, request.app.state.facet_blocks, FACET_BLOCKS)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse, summary="One incident (HTML)")
def incident_html(request: Request, db: Db, incident_id: str) -> Response:
    record = queries.incident_record(db, incident_id)
    if not record:
        raise not_found("incident", incident_id)
    view = views.incident_view(record, queries.incident_sources(db, incident_id))
    view.history = [views.change(o) for o in queries.history(db, view.incident.report_ids)]
    return _render(request, "incident.html", {"v": view, "links": reference.incident_links(db, record)})


@router.get("/articles", response_class=HTMLResponse, summary="Article list (HTML)")
def articles_html(request: Request, db: Db, filters: ArticleListFilters) -> Response:
    return _render(request, "articles.html", {"page": queries.list_articles(db, filters), "f": filters})


@router.get("/articles/{article_id}", response_class=HTMLResponse, summary="One article (HTML)")
def article_html(request: Request, db: Db, article_id: str) -> Response:
    record = queries.article_record(db, article_id)
    if not record:
        raise not_found("article", article_id)
    decisions = [o for o in queries.history(db, [article_id]) if o.kind == "article_not_ois"]
    rejected = decisions[-1] if decisions and decisions[-1].value else None  # the last word wins
    return _render(request, "article.html", {"v": views.article_view(record), "rejected": rejected})


@router.get("/map", response_class=HTMLResponse, summary="Map and incidents per month (HTML, pure SVG)")
def map_html(request: Request, db: Db, filters: IncidentFilters) -> Response:
    points = queries.map_points(db, filters)
    return _render(
        request,
        "map.html",
        {
            "f": filters,
            "total": queries.count_incidents(db, filters),
            "states": charts.state_paths(),
            "dots": charts.dots(points),
            "chart": charts.month_chart(queries.per_month(db, filters)),
            "width": charts.WIDTH,
            "height": charts.HEIGHT,
            "placed": sum(p["n"] for p in points),
        },
    )
