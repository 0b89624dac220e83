"""`ois serve`: a read-only FastAPI app over ois.db. HTML pages, and `.json`/`.csv` for every list (datasette style).

`create_app` wires app state (settings, the read-only `ois.query` database, templates), the `Guard` (Host check
against DNS rebinding, HEAD, security headers on every response), error handlers, static files and the two
routers: `ois.web.pages` (HTML) and `ois.web.api` (`.json`, `.csv`, exports). Templates autoescape everything
(article text is untrusted and is only ever rendered as escaped text segments). Errors have one JSON shape:
`{"error": {"status": 404, "title": "Not Found", "detail": "..."}}` (HTML pages get the same as a page).
"""

from __future__ import annotations

import logging
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from functools import cache
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import jinja2
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ois.models import ARMED
from ois.query import views
from ois.query.database import Database
from ois.query.filters import SORTS, QueryError
from ois.settings import Settings
from ois.store import explain

if TYPE_CHECKING:
    from ois.web.review import ReviewConfig
from ois.web import api, feed, pages, reference
from ois.web.params import known_params

HERE = Path(__file__).resolve().parent
# Pages load only our own CSS; inline scripts and remote resources are refused even if escaping ever failed, and
# no other site may frame a page (clickjacking).
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none';"
    " frame-ancestors 'none'"
)
DOCS_CSP = "frame-ancestors 'none'"  # Swagger UI (/docs) runs inline scripts, but it must not be framed either
SECURITY_HEADERS = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "x-frame-options": "DENY"}
# The names a browser on this machine uses for the server; `ois serve --allow-host NAME` adds others.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
MACHINE_EXTENSIONS = (".json", ".csv", ".geojson")
log = logging.getLogger("ois.web")


def secure(headers: MutableHeaders, path: str) -> None:
    """Add the security headers to a response's headers (kept where a route set its own)."""
    for name, value in SECURITY_HEADERS.items():
        headers.setdefault(name, value)
    headers.setdefault("content-security-policy", DOCS_CSP if path.startswith(("/docs", "/redoc")) else CSP)


def host_name(header: str) -> str:
    """The host of a Host header, lower case, without port or IPv6 brackets: '[::1]:8000' -> '::1'."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    if value.count(":") > 1:  # a bare IPv6 address (how --allow-host and the defaults name it)
        return value
    name, _, port = value.rpartition(":")
    return (name if name and port.isdigit() else value).rstrip(".")


class Guard:
    """Every request, before any route: the Host header must name this server (a page on another site that
    rebinds its DNS name to 127.0.0.1 sends its own name, and gets 400, never the database); HEAD is answered as
    GET without a body; every response carries the security headers."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str]):
        self.app = app
        self.hosts = frozenset(host_name(h) for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        host = host_name(dict(scope["headers"]).get(b"host", b"").decode("latin-1"))
        if host not in self.hosts:
            detail = (
                f"This server answers only requests for {', '.join(sorted(self.hosts))}; "
                "start it with `ois serve --allow-host NAME` to serve another name."
            )
            response = _json_error(400, detail)
            secure(response.headers, path)
            await response(scope, receive, send)
            return
        head = scope["method"] == "HEAD"

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                secure(MutableHeaders(scope=message), path)
            elif head and message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"} if head else scope, receive, send_secured)


def _json_error(status: int, detail: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "title": HTTPStatus(status).phrase, "detail": detail}}, status)


def _error(request: Request, status: int, detail: str) -> Response:
    """The error response (a page for browsers, else JSON), with the security headers: a 500 is answered
    outside the middleware stack."""
    response = _error_response(request, status, detail)
    secure(response.headers, request.url.path)
    return response


def _error_response(request: Request, status: int, detail: str) -> Response:
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
    return _json_error(status, detail)


# Reference badges of an incident or person row (docs/linking.md): status -> (class, title, text), {ref} the
# reference's short name. "new" is shown for deaths only: a survivor missing from databases of deaths is expected.
_BADGES = {
    "known": ("ref-known", "linked to a {ref} row", "in {ref}"),
    "possible": ("ref-possible", "a {ref} row may be this: needs review", "{ref}?"),
    "new": ("ref-new", "a death {ref} does not list", "new to {ref}"),
}
_REFERENCES = (("wapo", "WaPo"), ("mpv", "MPV"))


def reference_badges(row: Mapping[str, Any], fatal: bool) -> Markup:
    """The badges of a row's `wapo` / `mpv` status (known | possible | new | none); a template global (a macro
    per row cost a tenth of the incident list's render time)."""
    return _badges(*(row.get(column) if row.get(column) in _BADGES else None for column, _ in _REFERENCES), bool(fatal))


@cache
def _badges(wapo: str | None, mpv: str | None, fatal: bool) -> Markup:
    tags = []
    for status, (_, ref) in zip((wapo, mpv), _REFERENCES, strict=True):
        if status and (status != "new" or fatal):
            css, title, text = (part.format(ref=ref) for part in _BADGES[status])
            tags.append(Markup('<span class="tag {}" title="{}">{}</span>').format(css, title, text))
    return Markup(" ").join(tags)


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
        text_not_kept=views.TEXT_NOT_KEPT,
        reference_badges=reference_badges,
        review_of=lambda request: getattr(getattr(request, "state", None), "review", None),
    )
    return Jinja2Templates(env=env)


def create_app(
    db: Database | str | Path,
    settings: Settings | None = None,
    hosts: Iterable[str] = LOOPBACK_HOSTS,
    review: ReviewConfig | None = None,
) -> FastAPI:
    """The web app over an existing database: a `Database` (`ois.query.open_reader`) or the path of one.
    `hosts`: the names (Host header) it answers to; anything else gets 400 (DNS rebinding). `review`: turns on
    review mode (editors log in and correct; `ois serve --review`); without it the app only reads."""
    settings = settings or Settings()
    app = FastAPI(
        title="ois: officer-involved shootings",
        version="1",
        description="API over the incident database. Every list is also `.json` and `.csv`; `/incidents.atom` "
        "is a feed of new and changed incidents.",
        docs_url=None,
        dependencies=[Depends(known_params)],
    )
    app.state.settings = settings
    app.state.db = db if isinstance(db, Database) else Database(db)
    app.state.templates = _templates()
    app.state.facet_blocks = OrderedDict()  # rendered facet links per result and database version (web.pages)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI 5 (OpenAPI 3.1), vendored in static/ (Apache-2.0, static/swagger-ui.LICENSE): works offline."""
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} - API",
            swagger_js_url="/static/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger-ui.css",
            swagger_favicon_url="/static/swagger-favicon-32x32.png",
        )

    if review is not None:  # before the Guard, so the Guard runs first
        from ois.web import review as review_mode

        review_mode.install(app, review)
    app.add_middleware(Guard, hosts=hosts)

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

    @app.exception_handler(sqlite3.Error)
    async def database_error(request: Request, exc: sqlite3.Error) -> Response:
        log.error("%s %s: %s", request.method, request.url.path, explain(exc, app.state.db.path))
        return _error(request, 503, "The database could not be read just now. Try again; the server log says why.")

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        return _error(request, 500, "Internal error; see the server log.")

    # The API router first: its `/incidents/{id}.json` must match before the page's `/incidents/{id}`.
    app.include_router(api.router)
    app.include_router(feed.router)
    app.include_router(reference.router)  # /people, /coverage (docs/linking.md)
    app.include_router(pages.router)
    return app
