"""`ois serve`: a read-only FastAPI app over ois.db. HTML pages, and `.json`/`.csv` for every list (datasette style).

Every page goes through `ois.web.queries`; templates autoescape everything (article text is untrusted and is
only ever rendered as escaped text segments). Errors have one JSON shape:
`{"error": {"status": 404, "title": "Not Found", "detail": "..."}}` (HTML pages get the same as a page).
"""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from ois import export as exports
from ois.models import ARMED
from ois.settings import Settings
from ois.web import charts, queries, views
from ois.web.filters import ARTICLE_SORTS, SORTS, ArticleFilters, Filters, QueryError
from ois.web.queries import Database

try:  # Swagger UI's JS/CSS shipped as a package, so /docs works offline (else FastAPI's default loads a CDN)
    from swagger_ui_bundle import swagger_ui_path
except ImportError:
    swagger_ui_path = None

HERE = Path(__file__).resolve().parent
# Pages load only our own CSS; inline scripts and remote resources are refused even if escaping ever failed.
CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'"
MACHINE_SUFFIXES = (".json", ".csv", ".geojson")


def _error(request: Request, status: int, detail: str) -> Response:
    title = HTTPStatus(status).phrase
    path = request.url.path
    if (
        "text/html" in request.headers.get("accept", "")
        and not path.endswith(MACHINE_SUFFIXES)
        and not path.startswith("/export")
    ):
        templates: Jinja2Templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "title": title, "detail": detail}, status_code=status
        )
    return JSONResponse({"error": {"status": status, "title": title, "detail": detail}}, status_code=status)


def _filters(
    request: Request,
    q: Annotated[str | None, Query(description="Full-text search over the source articles")] = None,
    date_from: Annotated[str | None, Query(description="Incident date on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[str | None, Query(description="Incident date on or before (YYYY-MM-DD)")] = None,
    state: Annotated[list[str], Query(description="USPS state code(s): state=TX&state=OK or TX,OK")] = (),
    city: Annotated[str | None, Query()] = None,
    agency: Annotated[str | None, Query()] = None,
    armed: Annotated[str | None, Query(description=f"One of {', '.join((*ARMED, 'unknown'))}")] = None,
    fatal: Annotated[str | None, Query(description="yes / no")] = None,
    officer_shot: Annotated[str | None, Query(description="yes / no")] = None,
    video: Annotated[str | None, Query(description="yes / no: video reported")] = None,
    sort: Annotated[str | None, Query(description=f"One of {', '.join(SORTS)}")] = None,
    page: Annotated[str | None, Query(description="Page number, from 1")] = None,
    size: Annotated[str | None, Query(description="Rows per page (bounded by max_page_size)")] = None,
) -> Filters:
    params = dict(locals())
    params.pop("request")
    settings: Settings = request.app.state.settings
    return Filters.parse(params, settings.page_size, settings.max_page_size)


def _article_filters(
    request: Request,
    q: Annotated[str | None, Query(description="Full-text search over title and text")] = None,
    is_ois: Annotated[str | None, Query(description="yes / no: screened as a shooting report")] = None,
    outlet: Annotated[str | None, Query()] = None,
    sort: Annotated[str | None, Query(description=f"One of {', '.join(ARTICLE_SORTS)}")] = None,
    page: Annotated[str | None, Query()] = None,
    size: Annotated[str | None, Query()] = None,
) -> ArticleFilters:
    params = dict(locals())
    params.pop("request")
    settings: Settings = request.app.state.settings
    return ArticleFilters.parse(params, settings.page_size, settings.max_page_size)


IncidentFilters = Annotated[Filters, Depends(_filters)]
ArticleListFilters = Annotated[ArticleFilters, Depends(_article_filters)]


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


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )  # templates ship with the package; no stat() per render
    env.globals.update(
        http_url=views.http_url,
        show=views.show,
        label=views.label,
        urlencode=urlencode,
        armed_values=(*ARMED, "unknown"),
        sorts=SORTS,
    )
    return Jinja2Templates(env=env)


def create_app(db_path: str | Path, settings: Settings | None = None) -> FastAPI:
    """The web app over an existing database (opened read-only)."""
    settings = settings or Settings()
    db = Database(db_path)
    app = FastAPI(
        title="ois: officer-involved shootings",
        version="1",
        description="Read-only API over the incident database. Every list is also `.json` and `.csv`.",
        docs_url=None if swagger_ui_path else "/docs",
    )
    app.state.settings, app.state.db, app.state.templates = settings, db, _templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    if swagger_ui_path:
        app.mount("/swagger-ui", StaticFiles(directory=str(swagger_ui_path)), name="swagger-ui")

        @app.get("/docs", include_in_schema=False)
        def docs() -> HTMLResponse:
            return get_swagger_ui_html(
                openapi_url=app.openapi_url,
                title=f"{app.title} - API",
                swagger_js_url="/swagger-ui/swagger-ui-bundle.js",
                swagger_css_url="/swagger-ui/swagger-ui.css",
                swagger_favicon_url="/swagger-ui/favicon-32x32.png",
            )

    render = app.state.templates.TemplateResponse

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # noqa: ANN001 - starlette signature
        response = await call_next(request)
        response.headers["x-content-type-options"] = "nosniff"
        response.headers["referrer-policy"] = "no-referrer"
        if not request.url.path.startswith(("/docs", "/redoc")):
            response.headers["content-security-policy"] = CSP
        return response

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "query")
        return _error(request, 400, f"{where}: {first.get('msg', 'invalid value')}")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        return _error(request, 500, "Internal error; see the server log.")

    def not_found(kind: str, key: str) -> HTTPException:
        return HTTPException(404, f"No {kind} with id {key[:80]!r}. Browse /incidents or search with ?q=.")

    # --- incidents --------------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/incidents")

    @app.get("/incidents", response_class=HTMLResponse, summary="Incident list (HTML)")
    def incidents_html(request: Request, filters: IncidentFilters) -> Response:
        facets = queries.facets(db, filters)
        page = queries.list_incidents(db, filters, total=sum(n for _, n in facets["fatal"]))
        return render(request, "incidents.html", {"page": page, "f": filters, "facets": facets})

    @app.get("/incidents.json", summary="Incident list (JSON)")
    def incidents_json(request: Request, filters: IncidentFilters) -> dict[str, Any]:
        facets = queries.facets(db, filters)
        page = queries.list_incidents(db, filters, total=sum(n for _, n in facets["fatal"]))
        return {**_page_json(request, page), "facets": facets}

    @app.get("/incidents.csv", summary="Incident list, one page (CSV)", response_class=Response)
    def incidents_csv(filters: IncidentFilters) -> Response:
        return _page_csv(queries.list_incidents(db, filters).rows, queries.LIST_COLUMNS, "incidents")

    @app.get("/incidents/{incident_id}.json", summary="One incident: merged record, evidence, sources (JSON)")
    def incident_json(incident_id: str) -> dict[str, Any]:
        record = queries.incident_record(db, incident_id)
        if not record:
            raise not_found("incident", incident_id)
        sources = queries.incident_sources(db, incident_id)
        keep = ("id", "title", "url", "published", "outlet")
        return {
            **{k: v for k, v in record.items() if k != "json"},
            "record": record["json"],
            "sources": [{k: s[k] for k in keep} for s in sources],
        }

    @app.get("/incidents/{incident_id}", response_class=HTMLResponse, summary="One incident (HTML)")
    def incident_html(request: Request, incident_id: str) -> Response:
        record = queries.incident_record(db, incident_id)
        if not record:
            raise not_found("incident", incident_id)
        view = views.incident_view(record, queries.incident_sources(db, incident_id))
        return render(request, "incident.html", {"v": view})

    # --- articles ---------------------------------------------------------------------------------------
    @app.get("/articles", response_class=HTMLResponse, summary="Article list (HTML)")
    def articles_html(request: Request, filters: ArticleListFilters) -> Response:
        return render(request, "articles.html", {"page": queries.list_articles(db, filters), "f": filters})

    @app.get("/articles.json", summary="Article list (JSON)")
    def articles_json(request: Request, filters: ArticleListFilters) -> dict[str, Any]:
        return _page_json(request, queries.list_articles(db, filters))

    @app.get("/articles.csv", summary="Article list, one page (CSV)", response_class=Response)
    def articles_csv(filters: ArticleListFilters) -> Response:
        return _page_csv(queries.list_articles(db, filters).rows, queries.ARTICLE_COLUMNS, "articles")

    @app.get("/articles/{article_id}.json", summary="One article with its screening and report (JSON)")
    def article_json(article_id: str) -> dict[str, Any]:
        record = queries.article_record(db, article_id)
        if not record:
            raise not_found("article", article_id)
        return record

    @app.get("/articles/{article_id}", response_class=HTMLResponse, summary="One article (HTML)")
    def article_html(request: Request, article_id: str) -> Response:
        record = queries.article_record(db, article_id)
        if not record:
            raise not_found("article", article_id)
        return render(request, "article.html", {"v": views.article_view(record)})

    # --- map, chart, exports ----------------------------------------------------------------------------
    @app.get("/map", response_class=HTMLResponse, summary="Map and incidents per month (HTML, pure SVG)")
    def map_html(request: Request, filters: IncidentFilters) -> Response:
        points = queries.map_points(db, filters)
        return render(
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

    @app.get("/map.json", summary="Incident counts per place and per month (JSON)")
    def map_json(filters: IncidentFilters) -> dict[str, Any]:
        return {
            "filters": filters.active(),
            "places": queries.map_points(db, filters),
            "months": [{"month": m, "n": n} for m, n in queries.per_month(db, filters)],
        }

    @app.get(
        "/export/{fmt}",
        summary="Every matching incident as csv, json, geojson or wapo (streamed)",
        response_class=StreamingResponse,
    )
    def export_all(fmt: str, filters: IncidentFilters) -> Response:
        if fmt not in exports.FORMATS:
            raise HTTPException(400, f"format must be one of {', '.join(exports.FORMATS)}")
        rows = queries.iter_incidents(db, filters, with_json=fmt in ("json", "wapo"), own_connection=True)
        return StreamingResponse(
            exports.CHUNKERS[fmt](rows),
            media_type=exports.MEDIA_TYPES[fmt],
            headers={"content-disposition": f'attachment; filename="incidents{exports.SUFFIXES[fmt]}"'},
        )

    return app
