"""The HTML pages: incident and article lists, one incident, one article, the map and chart.

Each page reads through `ois.query` and renders a Jinja2 template (autoescaped; article text only ever reaches
a page as escaped text segments). Their `.json`/`.csv` twins are in `ois.web.api`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from ois.query import queries, reference, views
from ois.web import charts
from ois.web.params import ArticleListFilters, Db, IncidentFilters, not_found

router = APIRouter()


def _render(request: Request, template: str, context: dict[str, Any]) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context)


@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    return RedirectResponse("/incidents")


@router.get("/incidents", response_class=HTMLResponse, summary="Incident list (HTML)")
def incidents_html(request: Request, db: Db, filters: IncidentFilters) -> Response:
    page, facets = queries.faceted_list(db, filters)
    return _render(request, "incidents.html", {"page": page, "f": filters, "facets": facets})


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
