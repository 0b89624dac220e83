"""Validated filters for every list: web query strings and `ois export` options -> WHERE clauses.

Parsing raises QueryError with a message that says what is allowed (the web app answers 400 with it, the CLI
exits 2 with it). User values only ever reach SQL as bound parameters; columns and sort orders come from the
whitelists here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import Field, dataclass, fields
from functools import cache
from typing import Any

from ois.models import ARMED

# public name -> ORDER BY. rowid breaks ties so paging is stable and, with the store's list indexes (store
# migration 2), "-date" pages are read from an index alone (DESC already puts NULL dates last in SQLite).
SORTS = {
    "-date": "date desc, rowid desc",
    "date": "date is null, date, rowid",
    "state": "state is null, state, city, date desc, rowid",
    "city": "city is null, city, state, date desc, rowid",
    "-sources": "n_sources desc, date desc, rowid desc",
    "-published": "last_published desc, rowid desc",
    "-updated": "updated_at desc, rowid desc",  # most recently new or changed first (the Atom feed)
}

# Incidents (by rowid, so covering indexes answer the outer query) with an article matching an FTS5 expression.
SEARCH_SQL = (
    "select i.rowid from articles_fts f join articles a on a.rowid = f.rowid"
    " join reports r on r.article_id = a.id join incidents i on i.id = r.incident_id where articles_fts match ?"
)

ARTICLE_SORTS = {
    "-published": "a.published desc, a.rowid desc",
    "published": "a.published is null, a.published, a.rowid",
    "-ingested": "a.rowid desc",
}
FLAGS = ("fatal", "officer_shot", "video")
_YES, _NO = {"yes", "true", "1", "y"}, {"no", "false", "0", "n"}
UNKNOWN = "unknown"  # a flag filter's third value: the sources do not say
ANY = "any"  # not_ois=any: rejected incidents too
_STATE = re.compile(r"^[A-Z]{2}$")
# Reference databases an incident is linked to (docs/linking.md) and the statuses they give it: known (linked),
# possible (needs review), new (a death the reference lacks), none (not compared: no reference, outside its
# dates, or nobody died).
REFERENCES = ("wapo", "mpv")
REFERENCE_STATUSES = ("known", "possible", "new", "none")
MAX_QUERY_CHARS = 200


@cache
def _fields(cls: type) -> tuple[Field, ...]:
    return fields(cls)


class QueryError(ValueError):
    """A bad filter value; the message tells the user what is allowed (HTTP 400)."""


def _flag(name: str, raw: Any, unknown: bool = False) -> bool | str | None:
    """yes -> True, no -> False, nothing -> None; with `unknown`, also "unknown" (the sources do not say)."""
    if raw is None or raw == "" or isinstance(raw, bool):
        return raw if isinstance(raw, bool) else None
    text = str(raw).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    if unknown and text == UNKNOWN:
        return UNKNOWN
    allowed = "yes or no (or unknown)" if unknown else "yes or no"
    raise QueryError(f"{name} must be {allowed}, got {str(raw)[:40]!r}")


def _not_ois(raw: Any) -> bool | None:
    """Incidents an editor marked "not a police shooting": hidden (default), only them (yes), or both (any)."""
    if isinstance(raw, str) and raw.strip().lower() == ANY:
        return None
    try:
        value = _flag("not_ois", raw)
    except QueryError:
        raise QueryError(f"not_ois must be yes, no or any, got {str(raw)[:40]!r}") from None
    return False if value is None else bool(value)


def _status(name: str, raw: Any) -> str | None:
    """A reference status filter (wapo=known, mpv=new, ...)."""
    value = _text(name, raw)
    if value and value.lower() not in REFERENCE_STATUSES:
        raise QueryError(f"{name} must be one of {', '.join(REFERENCE_STATUSES)}; got {value[:20]!r}")
    return value.lower() if value else None


def _date(name: str, raw: Any) -> dt.date | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        raise QueryError(f"{name} must be a date like 2024-05-31, got {str(raw)[:40]!r}") from None


def _int(name: str, raw: Any, default: int, low: int, high: int) -> int:
    if raw in (None, ""):
        return default
    try:
        value = int(str(raw))
    except ValueError:
        raise QueryError(f"{name} must be a whole number, got {str(raw)[:40]!r}") from None
    if not low <= value <= high:
        raise QueryError(f"{name} must be between {low} and {high}, got {value}")
    return value


def _text(name: str, raw: Any) -> str | None:
    if raw in (None, ""):
        return None
    text = str(raw).strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"{name} is longer than {MAX_QUERY_CHARS} characters")
    return text or None


def fts_query(text: str) -> str | None:
    """User search text -> a safe FTS5 expression: "quoted phrases" kept, other words ANDed, operators inert."""
    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', text):
        tokens = re.findall(r"\w+", phrase or word)
        if tokens:
            parts.append('"' + " ".join(tokens) + '"')
    return " ".join(parts) or None


@dataclass(frozen=True)
class Filters:
    """Everything a list view can be filtered, sorted and paged by."""

    q: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    state: tuple[str, ...] = ()
    city: str | None = None
    agency: str | None = None
    armed: str | None = None  # one of ARMED or "unknown"
    fatal: bool | str | None = None  # True, False, "unknown" (the sources do not say) or None (any)
    officer_shot: bool | str | None = None
    video: bool | str | None = None
    not_ois: bool | None = False  # marked "not a police shooting" by an editor: False hides them, None: any
    wapo: str | None = None  # status in the WaPo database (docs/linking.md): one of REFERENCE_STATUSES
    mpv: str | None = None  # status in Mapping Police Violence
    sort: str = "-date"
    page: int = 1
    size: int = 50

    @classmethod
    def parse(
        cls, params: Mapping[str, Any], page_size: int = 50, max_page_size: int = 500, sorts: Mapping[str, str] = SORTS
    ) -> Filters:
        """Validate raw parameters (web query string or CLI options); raise QueryError with a helpful message."""
        states: list[str] = []
        raw_states = params.get("state") or ()
        for raw in [raw_states] if isinstance(raw_states, str) else raw_states:
            states += [s.strip().upper() for s in str(raw).split(",") if s.strip()]
        bad = [s for s in states if not _STATE.match(s)]
        if bad:
            raise QueryError(f"state must be two-letter USPS codes like TX or TX,OK; got {bad[0][:10]!r}")
        armed = _text("armed", params.get("armed"))
        if armed and armed not in (*ARMED, "unknown"):
            raise QueryError(f"armed must be one of {', '.join((*ARMED, 'unknown'))}; got {armed[:20]!r}")
        sort = params.get("sort") or next(iter(sorts))
        if sort not in sorts:
            raise QueryError(f"sort must be one of {', '.join(sorts)}; got {str(sort)[:20]!r}")
        filters = cls(
            q=_text("q", params.get("q")),
            date_from=_date("date_from", params.get("date_from")),
            date_to=_date("date_to", params.get("date_to")),
            state=tuple(dict.fromkeys(states)),
            city=_text("city", params.get("city")),
            agency=_text("agency", params.get("agency")),
            armed=armed,
            sort=sort,
            page=_int("page", params.get("page"), 1, 1, 1_000_000),
            size=_int("size", params.get("size"), page_size, 1, max_page_size),
            not_ois=_not_ois(params.get("not_ois")),
            wapo=_status("wapo", params.get("wapo")),
            mpv=_status("mpv", params.get("mpv")),
            **{flag: _flag(flag, params.get(flag), unknown=True) for flag in FLAGS},
        )
        if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
            raise QueryError("date_from is after date_to")
        return filters

    def params(self, **changes: Any) -> dict[str, str]:
        """Query-string form (defaults left out) for links: filters.params(page=2)."""
        out = {}
        for spec in _fields(type(self)):  # not dataclasses.asdict: it deep-copies; a page calls this ~50 times
            key = spec.name
            value = changes[key] if key in changes else getattr(self, key)
            if key == "not_ois" and value is None:
                value = ANY
            if value in (None, "", ()) or (key in ("page", "sort", "not_ois") and value == spec.default):
                continue
            if isinstance(value, bool):
                value = "yes" if value else "no"
            elif isinstance(value, tuple):
                value = ",".join(value)
            out[key] = str(value)
        return out

    def active(self) -> dict[str, str]:
        """The filters (not paging/sorting) that narrow the result, for "remove filter" chips."""
        return {k: v for k, v in self.params().items() if k not in ("sort", "page", "size")}

    def where(self, matches: str | None = None) -> tuple[str, list[Any]]:
        """WHERE clause over `incidents` and its bound arguments.

        matches: the rowids of incidents matching `q`, as a JSON array (see `search_rowids`); without it the
        full-text search runs inside the statement.
        """
        clauses, args = [], []
        if matches is not None:
            clauses.append("rowid in (select value from json_each(?))")
            args.append(matches)
        elif self.q and (match := fts_query(self.q)):
            clauses.append(f"rowid in ({SEARCH_SQL})")
            args.append(match)
        if self.date_from:
            clauses.append("date >= ?")
            args.append(self.date_from.isoformat())
        if self.date_to:
            clauses.append("date <= ?")
            args.append(self.date_to.isoformat())
        if self.state:
            clauses.append(f"state in ({','.join('?' * len(self.state))})")
            args += list(self.state)
        for column in ("city", "agency"):
            if getattr(self, column):
                clauses.append(f"{column} = ?")
                args.append(getattr(self, column))
        if self.armed == "unknown":
            clauses.append("armed is null")
        elif self.armed:
            clauses.append("armed = ?")
            args.append(self.armed)
        for flag in FLAGS:
            if getattr(self, flag) == UNKNOWN:
                clauses.append(f"{flag} is null")
            elif getattr(self, flag) is not None:
                clauses.append(f"{flag} = ?")
                args.append(int(getattr(self, flag)))
        for source in REFERENCES:
            if getattr(self, source) == "none":
                clauses.append(f"{source} is null")
            elif getattr(self, source):
                clauses.append(f"{source} = ?")
                args.append(getattr(self, source))
        if self.not_ois is not None:
            clauses.append("not_ois = ?")
            args.append(int(self.not_ois))
        return (" where " + " and ".join(clauses)) if clauses else "", args


@dataclass(frozen=True)
class ArticleFilters:
    q: str | None = None
    is_ois: bool | None = None
    outlet: str | None = None
    sort: str = "-published"
    page: int = 1
    size: int = 50

    @classmethod
    def parse(cls, params: Mapping[str, Any], page_size: int = 50, max_page_size: int = 500) -> ArticleFilters:
        sort = params.get("sort") or "-published"
        if sort not in ARTICLE_SORTS:
            raise QueryError(f"sort must be one of {', '.join(ARTICLE_SORTS)}; got {str(sort)[:20]!r}")
        return cls(
            q=_text("q", params.get("q")),
            is_ois=_flag("is_ois", params.get("is_ois")),
            outlet=_text("outlet", params.get("outlet")),
            sort=sort,
            page=_int("page", params.get("page"), 1, 1, 1_000_000),
            size=_int("size", params.get("size"), page_size, 1, max_page_size),
        )

    params = Filters.params
    active = Filters.active
