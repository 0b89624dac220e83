"""Request parameters shared by the page and API routers: the database, validated list filters, 404s.

Filters are parsed by `ois.query.filters`, so a bad value raises QueryError, which the app answers with 400.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Query, Request
from starlette.exceptions import HTTPException

from ois.models import ARMED
from ois.query.database import Database
from ois.query.filters import ARTICLE_SORTS, SORTS, ArticleFilters, Filters, QueryError
from ois.settings import Settings


async def _database(request: Request) -> Database:
    return request.app.state.db


async def _filters(
    request: Request,
    q: Annotated[str | None, Query(description="Full-text search over the source articles")] = None,
    date_from: Annotated[str | None, Query(description="Incident date on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[str | None, Query(description="Incident date on or before (YYYY-MM-DD)")] = None,
    state: Annotated[list[str], Query(description="USPS state code(s): state=TX&state=OK or TX,OK")] = (),
    city: Annotated[str | None, Query()] = None,
    agency: Annotated[str | None, Query()] = None,
    armed: Annotated[str | None, Query(description=f"One of {', '.join((*ARMED, 'unknown'))}")] = None,
    fatal: Annotated[str | None, Query(description="yes / no / unknown")] = None,
    officer_shot: Annotated[str | None, Query(description="yes / no / unknown")] = None,
    video: Annotated[str | None, Query(description="yes / no / unknown: video reported")] = None,
    not_ois: Annotated[
        str | None, Query(description="Marked not a police shooting by an editor: no (default) / yes / any")
    ] = None,
    wapo: Annotated[str | None, Query(description="In the WaPo database: known / possible / new / none")] = None,
    mpv: Annotated[str | None, Query(description="In Mapping Police Violence: known / possible / new / none")] = None,
    sort: Annotated[str | None, Query(description=f"One of {', '.join(SORTS)}")] = None,
    page: Annotated[str | None, Query(description="Page number, from 1")] = None,
    size: Annotated[str | None, Query(description="Rows per page (bounded by max_page_size)")] = None,
) -> Filters:
    params = dict(locals())
    params.pop("request")
    settings: Settings = request.app.state.settings
    return Filters.parse(params, settings.page_size, settings.max_page_size)


async def _article_filters(
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


def _declared(dependant: Any) -> frozenset[str]:
    """The query parameters a route (and its dependencies) declares."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _declared(sub)
    return frozenset(names)


async def known_params(request: Request) -> None:
    """Every route: a query parameter the route does not take is an error (400 naming it), never ignored (a typo
    like `?stat=TX` would otherwise silently list everything)."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None or not request.query_params:
        return
    declared = _declared(dependant)
    unknown = sorted({k for k in request.query_params if k not in declared})
    if unknown:
        takes = f"this URL takes: {', '.join(sorted(declared))}" if declared else "this URL takes none"
        listed = ", ".join(repr(k[:40]) for k in unknown[:5])
        raise QueryError(f"unknown query parameter{'s' * (len(unknown) > 1)} {listed}; {takes}")


def not_found(kind: str, key: str) -> HTTPException:
    return HTTPException(404, f"No {kind} with id {key[:80]!r}. Browse /incidents or search with ?q=.")
