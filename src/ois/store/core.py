"""The `Store`: one SQLite database (sqlite-utils, WAL, FTS5) with articles, screenings, reports, incidents, skip
records and user overrides.

Crash safety (docs/reliability.md): every write is one explicit transaction (`BEGIN IMMEDIATE` ... `COMMIT`), so a
crash leaves each article with everything the pipeline found about it, or absent; a resolution replaces all
incidents at once. `needs_resolution` says when stored reports are newer than the incidents.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import sqlite_utils

from ois.models import Article, Incident, Override, Report, Screening, Skipped, incident_from_dict, report_from_dict
from ois.settings import Settings
from ois.store.errors import writer_lock
from ois.store.rows import (
    article_row,
    dumps,
    incident_row,
    lookup_keys,
    now,
    override_from_row,
    override_row,
    screening_row,
    skipped_key,
    stored_keys,
    text_hash,
)
from ois.store.schema import SET_STATE, migrate, version_of

Outcome = Literal["new", "updated", "resumed", "known"]
_ARTICLE_COLUMNS = ("id", "title", "text", "url", "published", "outlet", "source")
_INSERT_OVERRIDE = (
    "insert into overrides (kind, a, b, at, field, value, old, editor, reason, evidence, who)"
    " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True)
class Write:
    """What `Store.add_processed` did: stored a new article, a corrected version of a stored one (same URL,
    other text), finished an article an earlier run left unfinished, or nothing (`known`: already stored as
    `article_id`)."""

    outcome: Outcome
    article_id: str


@dataclass(frozen=True)
class KnownArticles:
    """A snapshot of the store's lookup keys (for Dask workers, which cannot ask the database)."""

    keys: dict[str, str]

    def stored_as(self, article: Article) -> str | None:
        return next((self.keys[k] for k in lookup_keys(article) if k in self.keys), None)


# Reports of articles an editor marked "not a police shooting" (the last word on the article) have no incident.
_NOT_EXCLUDED = (
    "article_id not in (select o.a from overrides o where o.kind = 'article_not_ois' and o.value = 'true'"
    " and o.id = (select max(id) from overrides x where x.kind = 'article_not_ois' and x.a = o.a))"
)


def unresolved_reports(conn: sqlite3.Connection) -> int:
    """How many reports the incidents do not reflect yet (0: up to date; 1 when only the generation tells). A run
    that stopped before resolving leaves reports without an incident, or a generation the last resolution did not
    see (a corrected or deleted report, an override)."""
    pending = conn.execute(f"select count(*) from reports where incident_id is null and {_NOT_EXCLUDED}").fetchone()[0]
    if pending:
        return pending
    meta = dict(conn.execute("select key, value from meta where key like '%_generation'").fetchall())
    behind = meta.get("resolved_generation") != meta.get("report_generation")
    anything = "select exists (select 1 from reports) or exists (select 1 from incidents)"
    return int(behind and conn.execute(anything).fetchone()[0])


class Store:
    """The incident database. One instance per process/thread (sqlite connections are not shared)."""

    def __init__(self, path: str | Path, check_same_thread: bool = True, busy_timeout_s: float | None = None):
        self.path = Path(path)
        memory = str(path) == ":memory:"
        if not memory:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        timeout = Settings().db_busy_timeout_s if busy_timeout_s is None else busy_timeout_s
        conn = sqlite3.connect(str(path), check_same_thread=check_same_thread, timeout=timeout)
        try:
            self.db = sqlite_utils.Database(conn)
            if not memory and version_of(conn) < 1:
                self.db.enable_wal()
            migrate(self.db, self.path)
        except BaseException:
            conn.close()
            raise

    @property
    def schema_version(self) -> int:
        return version_of(self.db.conn)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside is committed together or not at all (also on Ctrl-C)."""
        conn = self.db.conn
        try:
            conn.execute("begin immediate")
            yield conn
            conn.execute("commit")
        except BaseException:
            if conn.in_transaction:
                conn.execute("rollback")
            raise

    def writing(self, what: str, wait_s: float) -> contextlib.AbstractContextManager[None]:
        """Hold the database's writer lock (see `errors.writer_lock`) for a command that writes."""
        return writer_lock(self.path, wait_s, what)

    def _one(self, sql: str, args: Iterable[Any] = ()) -> Any:
        row = self.db.conn.execute(sql, list(args)).fetchone()
        return row[0] if row else None

    # --- articles -----------------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self._one("select 1 from articles where id = ?", [article_id]) is not None

    def stored_as(self, article: Article) -> str | None:
        """The id under which this article, with this text, is stored and finished; None when it is new, is a
        corrected version of a stored article, or an earlier run left it unfinished (see `lookup_keys`)."""
        for key in lookup_keys(article):
            found = self._one(
                "select k.article_id from article_keys k join articles a on a.id = k.article_id"
                " where k.key = ? and a.state = 'done'",
                [key],
            )
            if found:
                return found
        return None

    def known_articles(self) -> KnownArticles:
        """Every finished article's lookup keys, for workers that cannot ask the database."""
        rows = self.db.conn.execute(
            "select k.key, k.article_id from article_keys k join articles a on a.id = k.article_id"
            " where a.state = 'done'"
        )
        return KnownArticles(dict(rows.fetchall()))

    def restore_text(self, article_id: str, text: str) -> None:
        """Give an article stored without its text (`store_rejected_text` off) its text back, if it is this text."""
        with self.transaction() as conn:
            sql = "update articles set text = ? where id = ? and text is null and text_hash = ?"
            conn.execute(sql, [text, article_id, text_hash(text)])

    def add_article(self, article: Article) -> bool:
        """Insert an article; False (and nothing written) when it is already stored."""
        return self.add_processed(article).outcome == "new"

    def add_processed(
        self,
        article: Article,
        screening: Screening | None = None,
        report: Report | None = None,
        failure: Skipped | None = None,
        keep_text: bool = True,
    ) -> Write:
        """Store an article with its screening, its report and why its extraction failed, in one transaction:
        after a crash an article is there with everything the pipeline found, or not at all.

        Same text already stored (with or without its URL): nothing is written (`known`). Same URL, other text:
        the stored text becomes an earlier version and this one, with its new screening and report, the current
        one (`updated`). An article an earlier run stored unfinished gets its screening and report (`resumed`).
        `keep_text=False` (`store_rejected_text`): an article screened out is stored without its text.
        """
        digest = text_hash(article.text)
        lean = not keep_text and screening is not None and not screening.is_ois and report is None
        with self.transaction() as conn:
            found = next((row for key in lookup_keys(article) if (row := self._keyed(conn, key)) is not None), None)
            stored = conn.execute("select state, text_hash, text from articles where id = ?", [article.id]).fetchone()
            if found is None and stored is not None and (stored[1] or text_hash(stored[2] or "")) == digest:
                found = (article.id, stored[0])  # a row written without its lookup keys (by a script, by hand)
            if found is not None and found[1] == "done":
                return Write("known", found[0])
            if found is not None:
                self._write_outputs(conn, found[0], screening, report, failure, lean)
                return Write("resumed", found[0])
            if stored is not None:
                self._new_version(conn, article)
                self._write_outputs(conn, article.id, screening, report, failure, lean)
                return Write("updated", article.id)
            row = {**article_row(article), **({"text": None} if lean else {})}
            conn.execute(
                f"insert into articles ({', '.join(row)}) values ({', '.join('?' * len(row))})", list(row.values())
            )
            self._add_keys(conn, article.id, row["text_hash"], bool(article.url))
            self._write_outputs(conn, article.id, screening, report, failure)
            return Write("new", article.id)

    @staticmethod
    def _keyed(conn: sqlite3.Connection, key: str) -> tuple[str, str] | None:
        return conn.execute(
            "select a.id, a.state from article_keys k join articles a on a.id = k.article_id where k.key = ?", [key]
        ).fetchone()

    @staticmethod
    def _add_keys(conn: sqlite3.Connection, article_id: str, digest: str, has_url: bool) -> None:
        conn.executemany(
            "insert or ignore into article_keys (key, article_id) values (?, ?)",
            [(key, article_id) for key in stored_keys(article_id, digest, has_url)],
        )

    def _new_version(self, conn: sqlite3.Connection, article: Article) -> None:
        """Keep the stored text as an earlier version and make `article` the current one (same id)."""
        conn.execute(
            "insert into article_versions (article_id, version, title, text, url, published, outlet, source,"
            " ingested_at, text_hash) select id, version, title, text, url, published, outlet, source, ingested_at,"
            " text_hash from articles where id = ?",
            [article.id],
        )
        row = article_row(article)
        conn.execute(
            "update articles set title = ?, text = ?, url = ?, published = ?, outlet = ?, source = ?,"
            " text_hash = ?, version = version + 1, updated_at = ? where id = ?",
            [*(row[c] for c in _ARTICLE_COLUMNS[1:]), row["text_hash"], now(), article.id],
        )
        conn.execute("delete from screenings where article_id = ?", [article.id])
        conn.execute("delete from skipped where article_id = ? and stage = 'extract'", [article.id])
        self._add_keys(conn, article.id, row["text_hash"], bool(article.url))

    def _write_outputs(
        self,
        conn: sqlite3.Connection,
        article_id: str,
        screening: Screening | None,
        report: Report | None,
        failure: Skipped | None,
        drop_text: bool = False,
    ) -> None:
        """The stage outputs of one article (inside the caller's transaction), and the state they give it."""
        if drop_text:  # screened out, text not kept (FTS forgets it through the update trigger)
            conn.execute("update articles set text = null where id = ? and text is not null", [article_id])
        if screening is not None:
            self._put_screening(conn, screening)
        if report is not None:
            self._put_report(conn, report)
        elif screening is not None:  # a corrected text that is no longer a shooting report has no report
            conn.execute("delete from reports where article_id = ?", [article_id])
        if failure is not None:
            self._skip(conn, failure)
        conn.execute(SET_STATE.format(where="id = ?"), [article_id])

    @staticmethod
    def _put_screening(conn: sqlite3.Connection, screening: Screening) -> None:
        row = screening_row(screening)
        conn.execute(
            f"insert or replace into screenings ({', '.join(row)}) values ({', '.join('?' * len(row))})",
            list(row.values()),
        )

    @staticmethod
    def _put_report(conn: sqlite3.Connection, report: Report) -> None:
        """Insert or replace a report; an upsert keeps its incident, so a corrected article keeps its incident id."""
        conn.execute(
            "insert into reports (article_id, json) values (?, ?)"
            " on conflict (article_id) do update set json = excluded.json",
            [report.article_id, dumps(report)],
        )

    def unfinished(self) -> Iterator[Article]:
        """Articles an earlier run stored without finishing them (not screened, or an OIS article with neither a
        report nor a recorded extraction failure); `add_processed` finishes them."""
        rows = self.db.conn.execute(
            f"select {', '.join(_ARTICLE_COLUMNS)} from articles where state != 'done' order by rowid"
        )
        for row in rows.fetchall():
            yield self._article(dict(zip(_ARTICLE_COLUMNS, row, strict=True)))

    def _article(self, row: dict[str, Any]) -> Article:
        published = dt.date.fromisoformat(row["published"]) if row["published"] else None
        return Article(
            row["id"],
            row["title"] or "",
            row["text"] or "",
            row["url"],
            published,
            row["outlet"],
            row["source"] or "",
        )

    def article(self, article_id: str) -> Article | None:
        rows = list(self.db["articles"].rows_where("id = ?", [article_id]))
        return self._article(rows[0]) if rows else None

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is None:
            for row in self.db["articles"].rows_where(order_by="rowid"):
                yield self._article(row)
            return
        for article_id in ids:
            article = self.article(article_id)
            if article:
                yield article

    def versions(self, article_id: str) -> list[Article]:
        """The earlier versions of a corrected article, oldest first (the current one is `article`)."""
        rows = self.db["article_versions"].rows_where("article_id = ?", [article_id], order_by="version")
        return [self._article({**row, "id": row["article_id"]}) for row in rows]

    def texts(self) -> dict[str, str]:
        """Article id -> text for every article that has a report (what copy detection needs)."""
        sql = "select a.id, a.text from articles a join reports r on r.article_id = a.id"
        return dict(self.db.execute(sql).fetchall())

    def titles(self) -> dict[str, str]:
        return dict(self.db.execute("select id, title from articles").fetchall())

    # --- stage outputs ------------------------------------------------------------------------------------
    def add_screening(self, screening: Screening) -> None:
        with self.transaction() as conn:
            self._put_screening(conn, screening)
            conn.execute(SET_STATE.format(where="id = ?"), [screening.article_id])

    def screening(self, article_id: str) -> dict[str, Any] | None:
        rows = list(self.db["screenings"].rows_where("article_id = ?", [article_id]))
        if not rows:
            return None
        row = rows[0]
        row["cues"] = json.loads(row["cues"] or "[]")
        return row

    def add_report(self, report: Report) -> None:
        with self.transaction() as conn:
            self._put_report(conn, report)
            conn.execute(SET_STATE.format(where="id = ?"), [report.article_id])

    def reports(self, incident_id: str | None = None) -> list[Report]:
        where, args = ("incident_id = ?", [incident_id]) if incident_id else (None, [])
        rows = self.db["reports"].rows_where(where, args, order_by="rowid")
        return [report_from_dict(json.loads(r["json"])) for r in rows]

    def report(self, article_id: str) -> Report | None:
        rows = list(self.db["reports"].rows_where("article_id = ?", [article_id]))
        return report_from_dict(json.loads(rows[0]["json"])) if rows else None

    @staticmethod
    def _skip(conn: sqlite3.Connection, skipped: Skipped) -> None:
        """Record a skip once per source + stage + reason + article; seeing it again counts it."""
        source, stage, reason, article_id = skipped_key(skipped)
        at = now()
        updated = conn.execute(
            "update skipped set count = count + 1, last_seen = ?"
            " where source = ? and stage = ? and reason = ? and article_id is ?",
            [at, source, stage, reason, article_id],
        )
        if not updated.rowcount:
            conn.execute(
                "insert into skipped (source, article_id, stage, reason, at, count, last_seen)"
                " values (?, ?, ?, ?, ?, 1, ?)",
                [source, article_id, stage, reason, at, at],
            )

    def add_skipped(self, skipped: Skipped) -> None:
        with self.transaction() as conn:
            self._skip(conn, skipped)

    def skipped(self) -> list[dict[str, Any]]:
        return list(self.db["skipped"].rows_where(order_by="id"))

    # --- incidents ----------------------------------------------------------------------------------------
    def previous_assignments(self) -> dict[str, str]:
        """Report id -> incident id from the last resolution (keeps incident ids stable)."""
        rows = self.db.execute("select article_id, incident_id from reports where incident_id is not null")
        return dict(rows.fetchall())

    def report_generation(self) -> int:
        """Bumped (by triggers) whenever a report is written, changed or deleted, or an override is added."""
        return int(self._one("select value from meta where key = 'report_generation'") or 0)

    def unresolved(self) -> int:
        """How many reports the incidents do not reflect yet (see `unresolved_reports`)."""
        return unresolved_reports(self.db.conn)

    def replace_incidents(
        self,
        incidents: Iterable[Incident],
        generation: int | None = None,
        limits: tuple[int, int] | None = None,
        index: Callable[[sqlite3.Connection], None] | None = None,
    ) -> int:
        """Store a fresh resolution in one transaction: incidents rewritten, reports re-pointed, and the report
        generation it resolved recorded (`generation`, read before resolving; default: the current one). An
        incident keeps when it first appeared, and when it last changed unless its content changed now.
        `limits`: the plausible-date settings (`rows.date_limits`). `index(conn)`: `index.write_full`."""
        titles = self.titles()
        count = 0
        with self.transaction() as conn:
            resolved = self.report_generation() if generation is None else generation
            stamps = conn.execute("select id, content_hash, created_at, updated_at from incidents")
            before = {r[0]: r[1:] for r in stamps}
            conn.execute("delete from incidents")
            conn.execute("update reports set incident_id = null")
            for incident in incidents:  # consumed inside the transaction: a crash half-way keeps the old incidents
                self._insert_incident(conn, incident_row(incident, titles, limits), before.get(incident.id))
                conn.executemany(
                    "update reports set incident_id = ? where article_id = ?",
                    [(incident.id, rid) for rid in incident.report_ids],
                )
                count += 1
            if index is not None:
                index(conn)
            conn.execute("insert or replace into meta (key, value) values ('resolved_generation', ?)", [str(resolved)])
        return count

    @staticmethod
    def _insert_incident(conn: sqlite3.Connection, row: dict[str, Any], before: tuple | None) -> None:
        """Insert an incident row; `before`: (content hash, created, updated) of the row it replaces."""
        stamp = now()
        row["created_at"] = before[1] if before and before[1] else stamp
        row["updated_at"] = before[2] if before and before[0] == row["content_hash"] and before[2] else stamp
        conn.execute(
            f"insert or replace into incidents ({', '.join(row)}) values ({', '.join('?' * len(row))})",
            list(row.values()),
        )

    def correct(
        self,
        overrides: Sequence[Override],
        incident_id: str,
        build: Callable[[Incident, list[Override]], Incident],
        limits: tuple[int, int] | None = None,
    ) -> Incident | None:
        """Store corrections that need no resolution, and rewrite the incident they are about as
        `build(stored incident, every override)` gives it, in one transaction (two editors correcting one incident
        at once both count). The incidents stay up to date if they were. None (only the overrides stored; the
        next resolution applies them) when no incident has that id any more (a resolution ran meanwhile)."""
        with self.transaction() as conn:
            generations = "select key, value from meta where key like '%_generation'"
            meta = dict(conn.execute(generations).fetchall())
            current = meta.get("resolved_generation") == meta.get("report_generation")
            for override in overrides:
                conn.execute(_INSERT_OVERRIDE, override_row(override))
            old = conn.execute(
                "select content_hash, created_at, updated_at, json from incidents where id = ?", [incident_id]
            ).fetchone()
            if old is None:
                return None
            incident = build(incident_from_dict(json.loads(old[3])), self.overrides())
            self._insert_incident(conn, incident_row(incident, self.titles(), limits), old[:3])
            if current:
                conn.execute(
                    "update meta set value = (select value from meta where key = 'report_generation')"
                    " where key = 'resolved_generation'"
                )
            return incident

    def incident(self, incident_id: str) -> Incident | None:
        row = self.db.execute("select json from incidents where id = ?", [incident_id]).fetchone()
        return incident_from_dict(json.loads(row[0])) if row else None

    # --- overrides ----------------------------------------------------------------------------------------
    def add_override(self, *overrides: Override) -> list[int]:
        """Store user overrides (merges, splits, editorial corrections), all in one transaction; their row ids."""
        with self.transaction() as conn:
            return [conn.execute(_INSERT_OVERRIDE, override_row(o)).lastrowid for o in overrides]

    def overrides(self) -> list[Override]:
        """Every override, oldest first (the last word on a thing wins)."""
        return [override_from_row(r) for r in self.db["overrides"].rows_where(order_by="id")]

    # --- summary ------------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        def count(sql: str) -> int:
            return self._one(sql)

        return {
            "articles": count("select count(*) from articles"),
            "updated_articles": count("select count(distinct article_id) from article_versions"),
            "unfinished_articles": count("select count(*) from articles where state != 'done'"),
            "ois_articles": count("select count(*) from screenings where is_ois"),
            "texts_not_kept": count("select count(*) from articles where text is null"),
            "reports": count("select count(*) from reports"),
            "incidents": count("select count(*) from incidents"),
            "unresolved_reports": self.unresolved(),
            "skipped": count("select count(*) from skipped"),
        }

    def close(self) -> None:
        self.db.conn.close()
