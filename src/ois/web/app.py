"""`ois serve`: a read-only FastAPI app over ois.db. HTML pages, and `.json`/`.csv` for every list (datasette style).

`create_app` wires app state (settings, the read-only `ois.query` database, templates), security headers,
error handlers, static files and the two routers: `ois.web.pages` (HTML) and `ois.web.api` (`.json`, `.csv`,
exports). Templates autoescape everything (article text is untrusted and is only ever rendered as escaped text
segments). Errors have one JSON shape: `{"error": {"status": 404, "title": "Not Found", "detail": "..."}}`
(HTML pages get the same as a page).
"""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from ois.models import ARMED
from ois.query import views
from ois.query.database import Database
from ois.query.filters import SORTS, QueryError
from ois.settings import Settings
from ois.web import api, pages

try:  # Swagger UI's JS/CSS shipped as a package, so /docs works offline (else FastAPI's default loads a CDN)
    from swagger_ui_bundle import swagger_ui_path
except ImportError:
    swagger_ui_path = None

HERE = Path(__file__).resolve().parent
# Pages load only our own CSS; inline scripts and remote resources are refused even if escaping ever failed.
CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'"
MACHINE_EXTENSIONS = (".json", ".csv", ".geojson")


def _error(request: Request, status: int, detail: str) -> Response:
    title = HTTPStatus(status).phrase
    path = request.url.path
    if (
        "text/html" in request.headers.get("accept", "")
        and not path.endswith(MACHINE_EXTENSIONS)
        and not path.startswith("/export")
    ):
        templates: Jinja2Templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "title": title, "detail": detail}, status_code=status
        )
    return JSONResponse({"error": {"status": status, "title": title, "detail": detail}}, status_code=status)


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


def create_app(db: Database | str | Path, settings: Settings | None = None) -> FastAPI:
    """The web app over an existing database: a `Database` (`ois.query.open_reader`) or the path of one."""
    settings = settings or Settings()
    app = FastAPI(
        title="ois: officer-involved shootings",
        version="1",
        description="Read-only API over the incident database. Every list is also `.json` and `.csv`.",
        docs_url=None if swagger_ui_path else "/docs",
    )
    app.state.settings = settings
    app.state.db = db if isinstance(db, Database) else Database(db)
    app.state.templates = _templates()
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

    # The API router first: its `/incidents/{id}.json` must match before the page's `/incidents/{id}`.
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
