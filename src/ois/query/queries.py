"""The one query layer: validated filters (`ois.query.filters`) -> parameterised SQL over the store tables.

HTML pages, `.json`/`.csv` views, the streaming exports, `ois export`, `ois incidents` and `ois show` all call
these functions, so a filter means the same thing everywhere. They take a read-only `Database`
(`ois.query.database.open_reader`); aggregates are cached per database version.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ois.models import Override, plain_dates
from ois.query.database import BROAD_SEARCH_INCIDENTS, Database
from ois.query.filters import ARTICLE_SORTS, SORTS, ArticleFilters, Filters, fts_query
from ois.store.rows import override_from_row

SEARCH_RESULTS = 32  # searches whose ordered result a worker keeps (an array of rowids each: 160 kB for 20k)
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
    "conflicts",
    "headline",  # the first report's headline (`title` is built from the facts: ois.titles)
    "implausible_date",  # a date too far from the first report's publication (then `date` is empty)
    "reviewed",
    "corrected_fields",
    "not_ois",
    "updated_at",
    "wapo",  # status in the reference databases (docs/linking.md): known / possible / new, or empty
    "mpv",
)


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    total: int
    filters: Filters | ArticleFilters

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.filters.size))

    @property
    def has_next(self) -> bool:
        return self.filters.page < self.pages


def _by_rowid(db: Database, select: str, rowids: list[int]) -> list[dict[str, Any]]:
    """Rows for a page of rowids, in that order; `select` ends with "where ...rowid in" and names it _rowid."""
    if not rowids:
        return []
    found = {}
    for row in db.rows(f"{select} ({','.join('?' * len(rowids))})", rowids):
        found[row.pop("_rowid")] = row
    return [found[r] for r in rowids if r in found]


def list_incidents(db: Database, filters: Filters, total: int | None = None) -> Page:
    """One page of incidents; pass `total` when it is already known (facets sum to it) to save a count."""
    rows = incident_slice(db, filters, (filters.page - 1) * filters.size, filters.size)
    total = count_incidents(db, filters) if total is None else total
    return Page(rows, total, filters)


def incident_slice(db: Database, filters: Filters, offset: int, limit: int) -> list[dict[str, Any]]:
    """The LIST_COLUMNS of matching incidents `offset` to `offset + limit` in sort order (`filters.page` and
    `filters.size` are ignored): a list page, or `ois incidents --offset --limit`."""
    where, args = db.where(filters)
    # Two steps: find the rowids (index-only with the store's list indexes, migration 2), then read just those
    # rows.
    source = "incidents"
    if filters.sort == "-date" and db.search_size(filters.q) > BROAD_SEARCH_INCIDENTS:
        # A broad search: walk the date index from the newest instead of sorting thousands of matches.
        source = db.by_date
    sql = f"select rowid from {source}{where} order by {SORTS[filters.sort]}"
    if filters.q:
        # A search's matches are bound as a JSON array that every statement parses again (3 ms a page for 20k
        # matches): its whole result, in order, is kept per database version (120 ms once for 20k matches at
        # 100k incidents), and each page is a slice of it.
        key = (*_key("ordered", filters), filters.sort)
        ordered = db.cached(
            key, lambda: array("q", (r[0] for r in db.conn().execute(sql, args))), db.ordered, SEARCH_RESULTS
        )
        rowids = ordered[offset : offset + limit].tolist()
    else:
        rowids = [r[0] for r in db.conn().execute(f"{sql} limit ? offset ?", [*args, limit, offset])]
    return _by_rowid(db, f"select rowid _rowid, {', '.join(LIST_COLUMNS)} from incidents where rowid in", rowids)


def faceted_list(db: Database, filters: Filters) -> tuple[Page, dict[str, list[tuple[Any, int]]]]:
    """One page of incidents and the facets of the whole result (their counts give the total: no count query)."""
    counts = facets(db, filters)
    return list_incidents(db, filters, total=sum(n for _, n in counts["fatal"])), counts


def count_incidents(db: Database, filters: Filters) -> int:
    where, args = db.where(filters)
    key = _key("count", filters)
    return db.cached(
        key,
        lambda: db.conn().execute(f"select count(*) from {db.aggregate_source(filters)}{where}", args).fetchone()[0],
    )


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


def _aggregate(db: Database, filters: Filters, columns: str, tail: str, extra: str = "") -> list[sqlite3.Row]:
    """`select columns from incidents where <filters> [and extra] tail` over the cheapest source."""
    where, args = db.where(filters)
    if extra:
        where = f"{where} and {extra}" if where else f" where {extra}"
    return db.conn().execute(f"select {columns} from {db.aggregate_source(filters)}{where} {tail}", args).fetchall()


def _key(kind: str, filters: Filters | ArticleFilters) -> tuple:
    return (kind, tuple(sorted(filters.active().items())))


def facets(db: Database, filters: Filters) -> dict[str, list[tuple[Any, int]]]:
    """Counts per filter value within the current result (datasette-style facets), most common first."""
    names = ("state", "fatal", "officer_shot", "video", "armed")

    def compute() -> dict[str, list[tuple[Any, int]]]:
        # One scan for the five small facets: group by all of them, then add up per facet.
        grouped = _aggregate(db, filters, f"{', '.join(names)}, count(*)", f"group by {', '.join(names)}")
        totals: dict[str, dict[Any, int]] = {k: {} for k in names}
        for *values, n in grouped:
            for key, value in zip(names, values, strict=True):
                value = value or "unknown" if key == "armed" else value
                totals[key][value] = totals[key].get(value, 0) + n
        out = {k: sorted(v.items(), key=lambda kv: (-kv[1], str(kv[0]))) for k, v in totals.items()}
        out["state"] = [(s, n) for s, n in out["state"] if s]
        agencies = _aggregate(
            db, filters, "agency, count(*) n", "group by agency order by n desc, agency limit 12", "agency is not null"
        )
        out["agency"] = [(a, n) for a, n in agencies]
        return out

    return db.cached(_key("facets", filters), compute)


def map_points(db: Database, filters: Filters) -> list[dict[str, Any]]:
    """Incidents grouped by place (the geocoder gives city points), for the map."""

    def compute() -> list[dict[str, Any]]:
        rows = _aggregate(
            db,
            filters,
            "lat, lon, city, state, count(*) n",
            "group by lat, lon, city, state order by n desc limit 5000",
            "lat is not null and lon is not null",
        )
        return [dict(r) for r in rows]

    return db.cached(_key("map", filters), compute)


def per_month(db: Database, filters: Filters) -> list[tuple[str, int]]:
    """(YYYY-MM, incidents) for dated incidents, in order."""

    def compute() -> list[tuple[str, int]]:
        rows = _aggregate(db, filters, "substr(date, 1, 7) m, count(*)", "group by m order by m", "date is not null")
        return [(m, n) for m, n in rows]

    return db.cached(_key("months", filters), compute)


# --- single records ---------------------------------------------------------------------------------------


def incident_record(db: Database, incident_id: str) -> dict[str, Any] | None:
    """The LIST_COLUMNS of one incident plus `json`, the full merged incident (as models.to_dict gives it)."""
    rows = db.rows(f"select {', '.join(LIST_COLUMNS)}, json from incidents where id = ?", [incident_id])
    if not rows:
        return None
    row = rows[0]
    row["json"] = plain_dates(json.loads(row["json"]))
    return row


def find_incident(db: Database, prefix: str) -> dict[str, Any] | None:
    """The incident record (as `incident_record`) whose id is `prefix`, or else the only one whose id starts
    with it (users type the first few characters); None when no incident, or several, match."""
    record = incident_record(db, prefix)
    if record is not None:
        return record
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    ids = [r[0] for r in db.conn().execute("select id from incidents where id like ? escape '\\' limit 2", [pattern])]
    return incident_record(db, ids[0]) if len(ids) == 1 else None


def incident_sources(db: Database, incident_id: str) -> list[dict[str, Any]]:
    """The articles behind an incident, oldest first, with their report JSON and full text."""
    rows = db.rows(
        "select a.id, a.title, a.url, a.published, a.outlet, a.source, a.text, r.json report from reports r"
        " join articles a on a.id = r.article_id where r.incident_id = ? order by a.published nulls last, a.id",
        [incident_id],
    )
    for row in rows:
        row["report"] = json.loads(row["report"])
    return rows


def article_record(db: Database, article_id: str) -> dict[str, Any] | None:
    rows = db.rows(
        "select a.id, a.title, a.text, a.text is not null text_kept, a.url, a.published, a.outlet, a.source,"
        " a.ingested_at, s.is_ois, s.score, s.police_fired, s.shot_at_police, s.reason, s.cues, r.json report,"
        " r.incident_id"
        " from articles a left join screenings s on s.article_id = a.id left join reports r on r.article_id = a.id"
        " where a.id = ?",
        [article_id],
    )
    if not rows:
        return None
    row = rows[0]
    row["text_kept"] = bool(row["text_kept"])  # False: screened out and stored without its text (lean storage)
    row["cues"] = json.loads(row["cues"]) if row["cues"] else []
    row["report"] = plain_dates(json.loads(row["report"])) if row["report"] else None
    return row


def history(db: Database, report_ids: Sequence[str]) -> list[Override]:
    """Every override (merge, split, editorial correction) about these reports or their articles, oldest first:
    the audit trail an incident page shows."""
    if not report_ids:
        return []
    marks = ",".join("?" * len(report_ids))
    rows = db.rows(
        f"select * from overrides where a in ({marks}) or b in ({marks}) order by id", [*report_ids, *report_ids]
    )
    return [override_from_row(r) for r in rows]


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
    # Join screenings only when filtering on them: counting and paging then touch one table (or index).
    base = " from articles a" + (" left join screenings s on s.article_id = a.id" if filters.is_ois is not None else "")
    order = ARTICLE_SORTS[filters.sort]
    offset = (filters.page - 1) * filters.size
    rowids = [
        r[0]
        for r in db.conn().execute(
            f"select a.rowid{base}{where} order by {order} limit ? offset ?", [*args, filters.size, offset]
        )
    ]
    rows = _by_rowid(
        db,
        "select a.rowid _rowid, a.id, a.published, a.outlet, a.title, a.url, s.is_ois, s.score, r.incident_id"
        " from articles a left join screenings s on s.article_id = a.id left join reports r on r.article_id = a.id"
        " where a.rowid in",
        rowids,
    )
    total = db.cached(
        _key("articles", filters), lambda: db.conn().execute(f"select count(*){base}{where}", args).fetchone()[0]
    )
    return Page(rows, total, filters)
