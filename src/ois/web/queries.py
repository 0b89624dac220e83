"""The one query layer: validated filters -> parameterised SQL over the store tables.

HTML pages, `.json`/`.csv` views, the streaming exports and `ois export` all call these functions, so a filter
means the same thing everywhere. User input only ever reaches SQL as bound parameters; column names and sort
orders come from the whitelists below.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import Field, dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from ois.models import ARMED

LIST_COLUMNS = (
    "id",
    "date",
    "city",
    "state",
    "agency",
    "lat",
    "lon",
    "fatal",
    "officer_shot",
    "armed",
    "video",
    "n_reports",
    "n_sources",
    "first_published",
    "last_published",
    "title",
)
# public name -> ORDER BY. rowid breaks ties so paging is stable and, with LIST_INDEX, "-date" pages are read
# from the index alone (DESC already puts NULL dates last in SQLite).
SORTS = {
    "-date": "date desc, rowid desc",
    "date": "date is null, date, rowid",
    "state": "state is null, state, city, date desc, rowid",
    "city": "city is null, city, state, date desc, rowid",
    "-sources": "n_sources desc, date desc, rowid desc",
    "-published": "last_published desc, rowid desc",
}
# Incidents (by rowid, so covering indexes answer the outer query) with an article matching an FTS5 expression.
SEARCH_SQL = (
    "select i.rowid from articles_fts f join articles a on a.rowid = f.rowid"
    " join reports r on r.article_id = a.id join incidents i on i.id = r.incident_id where articles_fts match ?"
)
# A broad search ("police") matches most articles; its incident set is computed once per query and database
# version and reused by the list, count, facets, map and chart of that page (and the next pages).
_SEARCH_CACHE_SIZE = 32
# Indexes the list views need to stay fast at 100k incidents (docs/web.md has the measurements). The incidents
# rows carry the merged JSON (kilobytes), so any query that has to visit rows reads one page per incident;
# these covering indexes let filters, counts, facets, the map, the chart and FTS joins read only index pages.
# The web app opens the database read-only, so the store must create them (proposed store migration).
LIST_INDEXES = (
    "create index if not exists idx_incidents_list on incidents"
    "(state, fatal, officer_shot, video, armed, date, n_sources, agency, city, lat, lon)",
    "create index if not exists idx_reports_article_incident on reports(article_id, incident_id)",
)
ARTICLE_SORTS = {"-published": "a.published desc nulls last, a.id", "published": "a.published asc nulls last, a.id"}
FLAGS = ("fatal", "officer_shot", "video")
_YES, _NO = {"yes", "true", "1", "y"}, {"no", "false", "0", "n"}
_STATE = re.compile(r"^[A-Z]{2}$")
MAX_QUERY_CHARS = 200
# Facet cache: the unfiltered front page is by far the most requested view; its facet counts scan the whole
# table, so they are cached per database version (file mtimes), which any ingest changes.
_FACET_CACHE_SIZE = 256


@cache
def _fields(cls: type) -> tuple[Field, ...]:
    return fields(cls)


class QueryError(ValueError):
    """A bad filter value; the message tells the user what is allowed (HTTP 400)."""


def _flag(name: str, raw: Any) -> bool | None:
    if raw is None or raw == "" or isinstance(raw, bool):
        return raw if isinstance(raw, bool) else None
    text = str(raw).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise QueryError(f"{name} must be yes or no, got {str(raw)[:40]!r}")


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
    fatal: bool | None = None
    officer_shot: bool | None = None
    video: bool | None = None
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
            **{flag: _flag(flag, params.get(flag)) for flag in FLAGS},
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
            if value in (None, "", ()) or (key in ("page", "sort") and value == spec.default):
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
            if getattr(self, flag) is not None:
                clauses.append(f"{flag} = ?")
                args.append(int(getattr(self, flag)))
        return (" where " + " and ".join(clauses)) if clauses else "", args


class Database:
    """Read-only access to an ois.db: one sqlite connection per thread (sqlite objects are not shareable)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"No database at {self.path}. Run `ois ingest PATH...` or `ois demo` first.")
        self._local = threading.local()
        names = {r[0] for r in self.connect().execute("select name from sqlite_master where type = 'index'")}
        # Aggregates (counts, facets, map, chart) scan the covering index when the store has it; SQLite's
        # planner otherwise prefers the narrow state index and then reads every (large) row.
        self.scan = "incidents indexed by idx_incidents_list" if "idx_incidents_list" in names else "incidents"
        self._facets: OrderedDict[tuple, Any] = OrderedDict()
        self._searches: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()

    def connect(self) -> sqlite3.Connection:
        """A new connection; mode=ro: the web app can never write, whatever a request contains."""
        conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        return conn

    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self.connect()
        return conn

    def rows(self, sql: str, args: list[Any] | tuple = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn().execute(sql, args).fetchall()]

    def version(self) -> tuple[int, ...]:
        """Changes whenever the database is written (main file or WAL)."""
        stamps = []
        for suffix in ("", "-wal"):
            try:
                st = Path(str(self.path) + suffix).stat()
                stamps += [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                stamps += [0, 0]
        return tuple(stamps)

    def search_rowids(self, q: str | None) -> str | None:
        """JSON array of the rowids of incidents matching search text `q` (None: no search)."""
        match = fts_query(q) if q else None
        if match is None:
            return None

        def compute() -> str:
            rows = self.conn().execute(SEARCH_SQL, [match]).fetchall()
            return json.dumps(sorted({r[0] for r in rows}))

        return self.cached(("search", match), compute, self._searches, _SEARCH_CACHE_SIZE)

    def where(self, filters: Filters) -> tuple[str, list[Any]]:
        return filters.where(self.search_rowids(filters.q))

    def cached(self, key: tuple, compute: Any, store: OrderedDict | None = None, size: int = 0) -> Any:
        store = self._facets if store is None else store
        size = size or _FACET_CACHE_SIZE
        key = (*key, self.version())
        with self._lock:
            if key in store:
                store.move_to_end(key)
                return store[key]
        value = compute()
        with self._lock:
            store[key] = value
            while len(store) > size:
                store.popitem(last=False)
        return value


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    total: int
    filters: Filters

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.filters.size))

    @property
    def has_next(self) -> bool:
        return self.filters.page < self.pages


def list_incidents(db: Database, filters: Filters, total: int | None = None) -> Page:
    """One page of incidents; pass `total` when it is already known (facets sum to it) to save a count."""
    where, args = db.where(filters)
    # Two steps: find the page's rowids (index-only when LIST_INDEXES exist), then read just those rows.
    sql = f"select rowid from incidents{where} order by {SORTS[filters.sort]} limit ? offset ?"
    rowids = [r[0] for r in db.conn().execute(sql, [*args, filters.size, (filters.page - 1) * filters.size])]
    found = {}
    if rowids:
        marks = ",".join("?" * len(rowids))
        for row in db.rows(
            f"select rowid as _rowid, {', '.join(LIST_COLUMNS)} from incidents where rowid in ({marks})", rowids
        ):
            found[row.pop("_rowid")] = row
    total = count_incidents(db, filters) if total is None else total
    return Page([found[r] for r in rowids if r in found], total, filters)


def count_incidents(db: Database, filters: Filters) -> int:
    where, args = db.where(filters)
    key = ("count", tuple(sorted(filters.active().items())))
    return db.cached(key, lambda: db.conn().execute(f"select count(*) from {db.scan}{where}", args).fetchone()[0])


def iter_incidents(
    db: Database, filters: Filters, with_json: bool = False, own_connection: bool = False
) -> Iterator[dict[str, Any]]:
    """Every matching incident (no paging), streamed: what exports use.

    own_connection: a streamed HTTP download is resumed on whichever worker thread is free, so it must not
    borrow a thread's shared connection.
    """
    where, args = db.where(filters)
    columns = [*LIST_COLUMNS, "json"] if with_json else LIST_COLUMNS
    conn = db.connect() if own_connection else db.conn()
    try:
        sql = f"select {', '.join(columns)} from incidents{where} order by {SORTS[filters.sort]}"
        for row in conn.execute(sql, args):
            yield dict(row)
    finally:
        if own_connection:
            conn.close()


def facets(db: Database, filters: Filters) -> dict[str, list[tuple[Any, int]]]:
    """Counts per filter value within the current result (datasette-style facets), most common first."""

    def compute() -> dict[str, list[tuple[Any, int]]]:
        where, args = db.where(filters)
        grouped = (
            db.conn()
            .execute(
                f"select state, fatal, officer_shot, video, armed, count(*) from {db.scan}{where}"
                " group by state, fatal, officer_shot, video, armed",
                args,
            )
            .fetchall()
        )
        totals: dict[str, dict[Any, int]] = {k: {} for k in ("state", "fatal", "officer_shot", "video", "armed")}
        for state, fatal, officer_shot, video, armed, n in grouped:
            for key, value in (
                ("state", state),
                ("fatal", fatal),
                ("officer_shot", officer_shot),
                ("video", video),
                ("armed", armed or "unknown"),
            ):
                totals[key][value] = totals[key].get(value, 0) + n
        out = {k: sorted(v.items(), key=lambda kv: (-kv[1], str(kv[0]))) for k, v in totals.items()}
        out["state"] = [(s, n) for s, n in out["state"] if s]
        agencies = (
            db.conn()
            .execute(
                f"select agency, count(*) n from {db.scan}{where}{' and' if where else ' where'} agency is not null"
                " group by agency order by n desc, agency limit 12",
                args,
            )
            .fetchall()
        )
        out["agency"] = [(a, n) for a, n in agencies]
        return out

    return db.cached(("facets", tuple(sorted(filters.active().items()))), compute)


def map_points(db: Database, filters: Filters) -> list[dict[str, Any]]:
    """Incidents grouped by place (the geocoder gives city points), for the map."""
    where, args = db.where(filters)
    sql = (
        f"select lat, lon, city, state, count(*) n from {db.scan}{where}"
        f"{' and' if where else ' where'} lat is not null and lon is not null"
        " group by lat, lon, city, state order by n desc limit 5000"
    )
    return db.cached(("map", tuple(sorted(filters.active().items()))), lambda: db.rows(sql, args))


def per_month(db: Database, filters: Filters) -> list[tuple[str, int]]:
    where, args = db.where(filters)
    sql = (
        f"select substr(date, 1, 7) m, count(*) from {db.scan}{where}{' and' if where else ' where'}"
        " date is not null group by m order by m"
    )
    return db.cached(
        ("months", tuple(sorted(filters.active().items()))),
        lambda: [tuple(r) for r in db.conn().execute(sql, args).fetchall()],
    )


# --- single records ---------------------------------------------------------------------------------------


def incident_record(db: Database, incident_id: str) -> dict[str, Any] | None:
    rows = db.rows(f"select {', '.join(LIST_COLUMNS)}, json from incidents where id = ?", [incident_id])
    if not rows:
        return None
    row = rows[0]
    row["json"] = json.loads(row["json"])
    return row


def incident_sources(db: Database, incident_id: str) -> list[dict[str, Any]]:
    """The articles behind an incident, oldest first, with their report JSON and full text."""
    rows = db.rows(
        "select a.id, a.title, a.url, a.published, a.outlet, a.text, r.json report from reports r"
        " join articles a on a.id = r.article_id where r.incident_id = ? order by a.published nulls last, a.id",
        [incident_id],
    )
    for row in rows:
        row["report"] = json.loads(row["report"])
    return rows


def article_record(db: Database, article_id: str) -> dict[str, Any] | None:
    rows = db.rows(
        "select a.id, a.title, a.text, a.url, a.published, a.outlet, a.source, a.ingested_at,"
        " s.is_ois, s.score, s.police_fired, s.shot_at_police, s.reason, s.cues, r.json report, r.incident_id"
        " from articles a left join screenings s on s.article_id = a.id left join reports r on r.article_id = a.id"
        " where a.id = ?",
        [article_id],
    )
    if not rows:
        return None
    row = rows[0]
    row["cues"] = json.loads(row["cues"]) if row["cues"] else []
    row["report"] = json.loads(row["report"]) if row["report"] else None
    return row


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


ARTICLE_COLUMNS = ("id", "published", "outlet", "title", "url", "is_ois", "score", "incident_id")


def list_articles(db: Database, filters: ArticleFilters) -> Page:
    clauses, args = [], []
    if filters.q and (match := fts_query(filters.q)):
        clauses.append("a.rowid in (select rowid from articles_fts where articles_fts match ?)")
        args.append(match)
    if filters.is_ois is not None:
        clauses.append("coalesce(s.is_ois, 0) = ?")
        args.append(int(filters.is_ois))
    if filters.outlet:
        clauses.append("a.outlet = ?")
        args.append(filters.outlet)
    where = (" where " + " and ".join(clauses)) if clauses else ""
    base = (
        " from articles a left join screenings s on s.article_id = a.id"
        f" left join reports r on r.article_id = a.id{where}"
    )
    rows = db.rows(
        "select a.id, a.published, a.outlet, a.title, a.url, s.is_ois, s.score, r.incident_id"
        f"{base} order by {ARTICLE_SORTS[filters.sort]} limit ? offset ?",
        [*args, filters.size, (filters.page - 1) * filters.size],
    )
    key = ("articles", tuple(sorted(filters.active().items())))
    total = db.cached(key, lambda: db.conn().execute(f"select count(*){base}", args).fetchone()[0])
    return Page(rows, total, filters)  # type: ignore[arg-type]
