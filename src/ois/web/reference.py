"""The people view and the coverage page (docs/linking.md): `/people` (HTML, `.json`, `.csv`) and `/coverage`
(HTML, `.json`), read through `ois.query.people` and `ois.query.reference`.

The people filters are the incident list's (the same query parameters, declared once in `ois.web.params`) plus
the person's own: `name`, `role`, `outcome`; `armed` is the person's weapon here.
"""

from __future__ import annotations

import datetime as dt
import inspect
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from ois.models import OUTCOMES, ROLES
from ois.query import people as people_query
from ois.query import reference as ref_query
from ois.query.filters import QueryError
from ois.query.people import PEOPLE_SORTS, PeopleFilters
from ois.settings import Settings
from ois.web import api, params
from ois.web.pages import _render
from ois.web.params import Db

router = APIRouter()


async def _people_filters(request: Request, **raw: Any) -> PeopleFilters:
    settings: Settings = request.app.state.settings
    return PeopleFilters.parse(raw, settings.page_size, settings.max_page_size)


def _query(name: str, description: str) -> inspect.Parameter:
    kind = inspect.Parameter.KEYWORD_ONLY
    return inspect.Parameter(name, kind, default=None, annotation=Annotated[str | None, Query(description=description)])


# The incident list's parameters (one declaration, in ois.web.params), the person's own, and people sorts.
_incident_parameters = inspect.signature(params._filters, eval_str=True).parameters.values()
_people_filters.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [
        *(
            p.replace(kind=inspect.Parameter.KEYWORD_ONLY) if p.name != "request" else p
            for p in _incident_parameters
            if p.name != "sort"
        ),
        _query("name", "Search people by name (every word must appear)"),
        _query("role", f"One of {', '.join(ROLES)}"),
        _query("outcome", f"One of {', '.join((*OUTCOMES, 'unknown'))}"),
        _query("sort", f"One of {', '.join(PEOPLE_SORTS)}"),
    ]
)
People = Annotated[PeopleFilters, Depends(_people_filters)]


@router.get("/people.json", summary="People list: one row per participant, with WaPo / MPV status (JSON)")
def people_json(request: Request, db: Db, filters: People) -> dict[str, Any]:
    return api._page_json(request, people_query.list_people(db, filters))


@router.get("/people.csv", summary="People list, one page (CSV)", response_class=Response)
def people_csv(db: Db, filters: People) -> Response:
    return api._page_csv(people_query.list_people(db, filters).rows, people_query.PEOPLE_COLUMNS, "people")


@router.get("/people", response_class=HTMLResponse, summary="People list (HTML)")
def people_html(request: Request, db: Db, filters: People) -> Response:
    page = people_query.list_people(db, filters)
    return _render(
        request,
        "people.html",
        {
            "page": page,
            "f": filters,
            "loaded": ref_query.loaded(db),
            "roles": ROLES,
            "outcomes": OUTCOMES,
            "needs_index": not page.total and people_query.needs_index(db),
        },
    )


async def _coverage_params(
    reference: Annotated[str, Query(description="wapo | mpv")] = "wapo",
    date_from: Annotated[str | None, Query(description="From (YYYY-MM-DD); default: our first incident")] = None,
    date_to: Annotated[str | None, Query(description="To (YYYY-MM-DD); default: our last incident")] = None,
    state: Annotated[list[str], Query(description="USPS state code(s): state=TX&state=OK or TX,OK")] = (),
) -> dict[str, Any]:
    def day(name: str, value: str | None) -> dt.date | None:
        try:
            return dt.date.fromisoformat(value) if value else None
        except ValueError:
            raise QueryError(f"{name} must be a date like 2024-05-31, got {value[:40]!r}") from None

    states = tuple(s.strip().upper() for raw in state for s in raw.split(",") if s.strip())
    if any(len(s) != 2 or not s.isalpha() for s in states):
        raise QueryError("state must be two-letter USPS codes like TX or TX,OK")
    return {
        "source": reference,
        "date_from": day("date_from", date_from),
        "date_to": day("date_to", date_to),
        "states": states,
    }


Coverage = Annotated[dict[str, Any], Depends(_coverage_params)]


@router.get("/coverage.json", summary="What our sources missed and what the reference lacks (JSON)")
def coverage_json(db: Db, args: Coverage) -> dict[str, Any]:
    return ref_query.coverage(db, **args)


@router.get("/coverage", response_class=HTMLResponse, summary="Coverage against WaPo / MPV (HTML)")
def coverage_html(request: Request, db: Db, args: Coverage) -> Response:
    result = ref_query.coverage(db, **args)
    return _render(request, "coverage.html", {"c": result, "args": args, "loaded": ref_query.loaded(db)})
