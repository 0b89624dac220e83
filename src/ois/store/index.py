"""The resolution index's tables (store migrations 7 and 9): what incremental resolution reads and writes.

`IndexReader` answers `ois.resolve.index.IndexSource` in plain values (the store imports no stage). `plan` says
whether the next resolution can be incremental: the index was built with the same code, data and settings
(its fingerprint), and since the last resolution reports were only added (not changed or deleted) and overrides
were only merges and splits. `write_full` stores a whole index inside a full resolution's transaction;
`store_update` stores an incremental resolution (index changes, the incidents it rebuilt) in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ois.models import Incident, Report, report_from_dict
from ois.store.rows import incident_row

if TYPE_CHECKING:
    from ois.store.core import Store

_CHUNK = 500  # ids per `in (...)`: far below SQLite's variable limit
_INDEX_TABLES = (
    "resolve_entries",
    "resolve_keys",
    "resolve_bands",
    "resolve_edges",
    "resolve_terms",
    "resolve_salient",
)
_POS = "(select rowid from reports where article_id = ?)"
# Overrides that change which reports resolution sees: the next resolution must be a full one.
_FULL_KINDS = ("article_not_ois",)


class Rows(Protocol):
    """An index or index delta as plain rows (`ois.resolve.index.IndexRows`)."""

    entries: Iterable[tuple[str, str, str | None, str, bytes | None]]
    keys: Iterable[tuple[int, str, int, str]]
    bands: Iterable[tuple[int, str]]
    edges: Iterable[tuple[str, str, float, int]]
    terms: Iterable[tuple[int, int, str | None]]
    salient: Iterable[tuple[int, str]]
    removed_edges: Iterable[tuple[str, str]]


def _chunks(ids: Iterable[Any]) -> Iterator[list[Any]]:
    batch = list(dict.fromkeys(ids))
    for start in range(0, len(batch), _CHUNK):
        yield batch[start : start + _CHUNK]


class IndexReader:
    """Reads of the resolution index (and of reports, texts and incidents) over one connection."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def _each(self, sql: str, ids: Iterable[Any], *tail: Any) -> Iterator[tuple]:
        """Rows of `sql` (with one "{marks}" for an `in` list) for every chunk of `ids`."""
        for chunk in _chunks(ids):
            yield from self.conn.execute(sql.format(marks=",".join("?" * len(chunk))), [*chunk, *tail])

    def positions(self, ids: Iterable[str]) -> dict[str, int]:
        return dict(self._each("select article_id, rowid from reports where article_id in ({marks})", ids))

    def reports_of(self, ids: Iterable[str]) -> dict[str, Report]:
        rows = self._each("select article_id, json from reports where article_id in ({marks})", ids)
        return {i: report_from_dict(json.loads(doc)) for i, doc in rows}

    def texts_of(self, ids: Iterable[str]) -> dict[str, str]:
        return dict(self._each("select id, text from articles where id in ({marks})", ids))

    def profiles_of(self, ids: Iterable[str]) -> dict[str, str]:
        return dict(self._each("select article_id, profile from resolve_entries where article_id in ({marks})", ids))

    def keys_of(self, ids: Iterable[str]) -> dict[str, list[tuple[int, str, int]]]:
        out: dict[str, list[tuple[int, str, int]]] = {}
        sql = "select article_id, block, type, day from resolve_keys where article_id in ({marks})"
        for article_id, block, kind, day in self._each(sql, ids):
            out.setdefault(article_id, []).append((block, kind, day))
        return out

    def term_counts(self, terms: Iterable[int]) -> dict[int, tuple[int, str | None]]:
        rows = self._each("select term, reports, holder from resolve_terms where term in ({marks})", terms)
        return {term: (reports, holder) for term, reports, holder in rows}

    def salient_holders(self, terms: Iterable[int]) -> list[str]:
        sql = "select article_id from resolve_salient where term in ({marks})"
        return list(dict.fromkeys(r[0] for r in self._each(sql, terms)))

    def band_members(self, bands: Iterable[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        sql = "select band, article_id from resolve_bands where band in ({marks}) order by rowid"
        for band, article_id in self._each(sql, bands):
            out.setdefault(band, []).append(article_id)
        return out

    def copies_of(self, ids: Iterable[str]) -> dict[str, tuple[str, bytes | None, str | None]]:
        sql = "select article_id, root, signature, published from resolve_entries where article_id in ({marks})"
        return {i: (root, sig, published) for i, root, sig, published in self._each(sql, ids)}

    def copy_group(self, root: str) -> list[str]:
        return [r[0] for r in self.conn.execute("select article_id from resolve_entries where root = ?", [root])]

    def block_slice(self, block: int, first_day: int, last_day: int) -> list[tuple[int, int, str]]:
        sql = "select day, pos, article_id from resolve_keys where block = ? and day between ? and ?"
        return [tuple(r) for r in self.conn.execute(sql, [block, first_day, last_day])]

    def block_after(self, block: int, day: int, pos: int, limit: int) -> list[tuple[int, int, str]]:
        sql = (
            "select day, pos, article_id from resolve_keys where block = ? and (day > ? or (day = ? and pos > ?))"
            " order by day, pos limit ?"
        )
        return [tuple(r) for r in self.conn.execute(sql, [block, day, day, pos, limit])]

    def block_last_dated(self, block: int, undated: int, limit: int) -> list[tuple[int, int, str]]:
        sql = "select day, pos, article_id from resolve_keys where block = ? and day != ? order by pos desc limit ?"
        return [tuple(r) for r in self.conn.execute(sql, [block, undated, limit])]

    def edges_of(self, ids: Iterable[str]) -> list[tuple[str, str, float, bool]]:
        ids = list(ids)
        found = {}
        for column in ("a", "b"):
            sql = f"select a, b, score, strict from resolve_edges where {column} in ({{marks}})"
            found.update({(a, b): (a, b, score, bool(strict)) for a, b, score, strict in self._each(sql, ids)})
        return list(found.values())

    def incidents_of(self, ids: Iterable[str]) -> dict[str, str]:
        sql = "select article_id, incident_id from reports where article_id in ({marks}) and incident_id is not null"
        return dict(self._each(sql, ids))

    def members_of(self, incident_ids: Iterable[str]) -> list[str]:
        return [r[0] for r in self._each("select article_id from reports where incident_id in ({marks})", incident_ids)]

    def incident_exists(self, incident_id: str) -> bool:
        return self.conn.execute("select 1 from incidents where id = ?", [incident_id]).fetchone() is not None


@dataclass(frozen=True)
class Plan:
    """An incremental resolution to run: the new reports to resolve (in order), the reports whose merge/split
    overrides are new, the changes it consumes and the last override it has seen."""

    new: list[str]
    override_reports: set[str]
    consumed: list[str]
    last_override: int


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("select value from meta where key = ?", [key]).fetchone()
    return row[0] if row else None


def plan(conn: sqlite3.Connection, fingerprint: str, excluded: set[str]) -> Plan | None:
    """The incremental resolution that brings the incidents up to date, or None when a full one is needed (no
    index, or one built otherwise; a report changed or deleted; an override that changes which reports count).
    `excluded`: articles an editor marked "not a police shooting" (their reports are not resolved)."""
    if _meta(conn, "resolve_index") != fingerprint:
        return None
    changes = conn.execute(
        "select c.article_id, c.change from resolve_changes c left join reports r on r.article_id = c.article_id"
        " order by r.rowid"
    ).fetchall()
    if any(change != "new" for _, change in changes):
        return None
    orphans = conn.execute(  # reports in no incident that no change explains (edited by hand, an older ois)
        "select article_id from reports where incident_id is null"
        " and article_id not in (select article_id from resolve_changes)"
    ).fetchall()
    if any(a not in excluded for (a,) in orphans):
        return None
    seen = int(_meta(conn, "resolve_override") or 0)
    rows = conn.execute("select id, kind, a, b from overrides where id > ? order by id", [seen]).fetchall()
    if any(kind in _FULL_KINDS for _, kind, _, _ in rows):
        return None
    merges = {x for _, kind, a, b in rows if kind in ("merge", "split") for x in (a, b)}
    new = [a for a, _ in changes if a not in excluded]
    return Plan(new, merges - excluded, [a for a, _ in changes], max([seen, *(r[0] for r in rows)]))


def _last_override(conn: sqlite3.Connection) -> int:
    return conn.execute("select coalesce(max(id), 0) from overrides").fetchone()[0]


def _write(conn: sqlite3.Connection, rows: Rows) -> None:
    entries = list(rows.entries)
    ids = [(e[0],) for e in entries]
    for table in ("resolve_keys", "resolve_bands", "resolve_salient"):
        conn.executemany(f"delete from {table} where article_id = ?", ids)
    conn.executemany(
        "insert or replace into resolve_entries (article_id, root, published, profile, signature)"
        " values (?, ?, ?, ?, ?)",
        entries,
    )
    conn.executemany(
        f"insert into resolve_keys (block, type, day, pos, article_id) values (?, ?, ?, {_POS}, ?)",
        ((block, kind, day, article_id, article_id) for block, kind, day, article_id in rows.keys),
    )
    conn.executemany("insert into resolve_bands (band, article_id) values (?, ?)", rows.bands)
    conn.executemany("delete from resolve_edges where a = ? and b = ?", rows.removed_edges)
    conn.executemany("insert or replace into resolve_edges (a, b, score, strict) values (?, ?, ?, ?)", rows.edges)
    conn.executemany("insert or replace into resolve_terms (term, reports, holder) values (?, ?, ?)", rows.terms)
    conn.executemany("insert into resolve_salient (term, article_id) values (?, ?)", rows.salient)


def _stamp(conn: sqlite3.Connection, fingerprint: str, last_override: int) -> None:
    conn.executemany(
        "insert or replace into meta (key, value) values (?, ?)",
        [("resolve_index", fingerprint), ("resolve_override", str(last_override))],
    )


def write_full(conn: sqlite3.Connection, rows: Rows, fingerprint: str) -> None:
    """Replace the whole index (inside a full resolution's transaction): every report was resolved."""
    for table in (*_INDEX_TABLES, "resolve_changes"):
        conn.execute(f"delete from {table}")
    _write(conn, rows)
    _stamp(conn, fingerprint, _last_override(conn))


def store_update(
    store: Store,
    planned: Plan,
    rows: Rows,
    incidents: Sequence[Incident],
    replaced: set[str],
    generation: int,
    limits: tuple[int, int] | None,
    fingerprint: str,
) -> int:
    """Store an incremental resolution in one transaction: the index changes, the incidents that replace
    `replaced` (their reports re-pointed), the changes consumed and the generation resolved. Returns the number
    of incidents."""
    region = [r for incident in incidents for r in incident.report_ids]
    with store.transaction() as conn:
        read = IndexReader(conn)._each
        titles = dict(read("select id, title from articles where id in ({marks})", region))
        stamps = read("select id, content_hash, created_at, updated_at from incidents where id in ({marks})", replaced)
        before = {r[0]: r[1:] for r in stamps}
        conn.executemany("delete from incidents where id = ?", [(i,) for i in replaced])
        for incident in incidents:
            store._insert_incident(conn, incident_row(incident, titles, limits), before.get(incident.id))
            pointed = [(incident.id, r) for r in incident.report_ids]
            conn.executemany("update reports set incident_id = ? where article_id = ?", pointed)
        _write(conn, rows)
        conn.executemany("delete from resolve_changes where article_id = ?", [(a,) for a in planned.consumed])
        _stamp(conn, fingerprint, planned.last_override)
        conn.execute("insert or replace into meta (key, value) values ('resolved_generation', ?)", [str(generation)])
        return conn.execute("select count(*) from incidents").fetchone()[0]
