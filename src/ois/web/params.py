"""Request parameters shared by the page and API routers: the database, validated list filters, 404s.

Filters are parsed by `ois.query.filters`, so a bad value raises QueryError, which the app answers with 400.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request
from starlette.exceptions import HTTPException

from ois.models import ARMED
from ois.query.database import Database
from ois.query.filters import ARTICLE_SORTS, SORTS, ArticleFilters, Filters
from ois.settings import Settings


def _database(request: Request) -> Database:
    return request.app.state.db


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


Db = Annotated[Database, Depends(_database)]
IncidentFilters = Annotated[Filters, Depends(_filters)]
ArticleListFilters = Annotated[ArticleFilters, Depends(_article_filters)]


def not_found(kind: str, key: str) -> HTTPException:
    return HTTPException(404, f"No {kind} with id {key[:80]!r}. Browse /incidents or search with ?q=.")
