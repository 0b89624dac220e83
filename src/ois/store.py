"""SQLite storage (sqlite-utils): articles, screenings, reports, incidents, skipped inputs, user overrides.

WAL mode so the web app can read while an ingest writes; FTS5 over article title+text; schema migrations are
numbered functions applied in order and recorded in `meta`. Records go in as models.to_dict JSON plus flat
columns for filtering, so nothing the extractors found is lost and queries stay simple.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Container, Iterable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from ois.models import (
    LIST_FIELDS,
    Article,
    Incident,
    MergedField,
    Override,
    Report,
    Screening,
    Skipped,
    incident_from_dict,
    person_value,
    report_from_dict,
    to_dict,
)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _migrate_1(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "id": str,
            "title": str,
            "text": str,
            "url": str,
            "published": str,
            "outlet": str,
            "source": str,
            "ingested_at": str,
        },
        pk="id",
    )
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")
    db["screenings"].create(
        {
            "article_id": str,
            "is_ois": int,
            "score": float,
            "police_fired": int,
            "shot_at_police": int,
            "reason": str,
            "cues": str,
        },
        pk="article_id",
    )
    db["reports"].create({"article_id": str, "incident_id": str, "json": str}, pk="article_id")
    db["reports"].create_index(["incident_id"])
    db["incidents"].create(
        {
            "id": str,
            "date": str,
            "city": str,
            "state": str,
            "agency": str,
            "lat": float,
            "lon": float,
            "fatal": int,
            "officer_shot": int,
            "armed": str,
            "video": int,
            "n_reports": int,
            "n_sources": int,
            "first_published": str,
            "last_published": str,
            "title": str,
            "json": str,
        },
        pk="id",
    )
    for cols in (["date"], ["state"], ["fatal"], ["officer_shot"], ["agency"]):
        db["incidents"].create_index(cols)
    db["skipped"].create({"id": int, "source": str, "article_id": str, "stage": str, "reason": str, "at": str}, pk="id")
    db["overrides"].create({"id": int, "kind": str, "a": str, "b": str, "at": str}, pk="id")


def _migrate_2(db: sqlite_utils.Database) -> None:
    """Covering indexes for the web list pages: measured p99 172 ms -> 30 ms at 100k incidents (docs/web.md)."""
    db.execute(
        "create index if not exists idx_incidents_list on incidents"
        "(state, fatal, officer_shot, video, armed, date, n_sources, agency, city, lat, lon)"
    )
    db.execute("create index if not exists idx_reports_article_incident on reports(article_id, incident_id)")
    db.execute("create index if not exists idx_articles_published on articles(published)")


def _migrate_3(db: sqlite_utils.Database) -> None:
    """A readable summary of where sources disagree, so CSV users see conflicts without parsing the JSON."""
    db["incidents"].add_column("conflicts", str)
    rows = db.execute("select id, json from incidents").fetchall()  # fill it for incidents already stored
    db.conn.executemany(
        "update incidents set conflicts = ? where id = ?",
        [(conflict_summary(incident_from_dict(json.loads(doc))), incident_id) for incident_id, doc in rows],
    )


# Append new migrations; never edit an applied one.
MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (_migrate_1, _migrate_2, _migrate_3)


def conflict_summary(incident: Incident) -> str | None:
    """'city: Melbourne (2) / West Melbourne (1); subject 1 name: ...' (independent sources in brackets)."""

    def line(label: str, merged: MergedField) -> str:
        options = [(merged.value, merged.report_ids), *((a.value, a.report_ids) for a in merged.conflicts)]
        return f"{label}: " + " / ".join(f"{value} ({len(ids)})" for value, ids in options)

    parts = [line(name, f) for name, f in incident.fields.items() if f.conflicts and name not in LIST_FIELDS]
    for n, person in enumerate(incident.people, start=1):
        role = person_value(person, "role") or "person"
        parts += [line(f"{role} {n} {key}", f) for key, f in person.items() if key != "role" and f.conflicts]
    return "; ".join(parts) or None


def incident_row(incident: Incident, titles: dict[str, str]) -> dict[str, Any]:
    """Flat, filterable columns of an incident (the JSON keeps everything else)."""

    def people_with(role: str, name: str) -> list[Any]:
        return [person_value(p, name) for p in incident.people_of(role) if name in p]

    date = incident.value("incident_date")
    city, state = incident.value("city"), incident.value("state")
    try:
        from ois import geo  # a shared helper, not a stage

        point = geo.locate(city, state)
    except Exception:  # a geocoding gap must never lose an incident
        point = None
    outcomes = people_with("subject", "outcome") + people_with("officer", "outcome")
    officer_outcomes = people_with("officer", "outcome")
    armed = people_with("subject", "armed")
    independent = [r for r in incident.report_ids if r not in incident.copies]
    earliest = incident.report_ids[0] if incident.report_ids else None
    return {
        "id": incident.id,
        "date": date.isoformat() if isinstance(date, dt.date) else date,
        "city": city,
        "state": state,
        "agency": incident.value("agency"),
        "lat": point[0] if point else None,
        "lon": point[1] if point else None,
        "fatal": int("killed" in outcomes),
        "officer_shot": int(any(o in ("killed", "injured") for o in officer_outcomes)),
        "armed": armed[0] if armed else None,
        "video": int(bool(incident.value("video"))),
        "n_reports": len(incident.report_ids),
        "n_sources": len(independent),
        "first_published": _iso(incident.first_published),
        "last_published": _iso(incident.last_published),
        "title": titles.get(earliest, "") if earliest else "",
        "conflicts": conflict_summary(incident),
        "json": json.dumps(to_dict(incident)),
    }


def _json(record: Any) -> str:
    return json.dumps(to_dict(record))


def _screening_row(screening: Screening) -> dict[str, Any]:
    return {
        "article_id": screening.article_id,
        "is_ois": int(screening.is_ois),
        "score": screening.score,
        "police_fired": screening.police_fired,
        "shot_at_police": screening.shot_at_police,
        "reason": screening.reason,
        "cues": _json(screening.cues),
    }


def _skipped_row(skipped: Skipped) -> dict[str, Any]:
    return {
        "source": skipped.source,
        "article_id": skipped.article_id,
        "stage": skipped.stage,
        "reason": skipped.reason,
        "at": _now(),
    }


class StoredIds(Container[str]):
    """The ids of a store's articles: membership asks the database, iteration lists them."""

    def __init__(self, store: Store):
        self.store = store

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self.store.has_article(article_id)

    def __iter__(self) -> Iterator[str]:
        return (row[0] for row in self.store.db.execute("select id from articles"))


class Store:
    """The incident database. One instance per process/thread (sqlite connections are not shared)."""

    def __init__(self, path: str | Path, check_same_thread: bool = True):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), check_same_thread=check_same_thread)
        self.db = sqlite_utils.Database(conn)
        if str(path) != ":memory:":
            self.db.enable_wal()
        self._migrate()

    def _migrate(self) -> None:
        meta = self.db["meta"]
        if not meta.exists():
            meta.create({"key": str, "value": str}, pk="key")
        row = self.db.execute("select value from meta where key = 'schema_version'").fetchone()
        version = int(row[0]) if row else 0
        for number, migration in enumerate(MIGRATIONS, start=1):
            if number > version:
                with self.db.conn:
                    migration(self.db)
                    meta.upsert({"key": "schema_version", "value": str(number)}, pk="key")

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("select value from meta where key = 'schema_version'").fetchone()[0])

    # --- articles -----------------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.db.execute("select 1 from articles where id = ?", [article_id]).fetchone() is not None

    def stored_ids(self) -> StoredIds:
        """The ids of stored articles, as a container that asks the database (nothing is loaded up front)."""
        return StoredIds(self)

    def _insert(self, table: str, row: dict[str, Any], replace: bool = False) -> None:
        """One row in plain SQL, inside the caller's transaction (sqlite-utils' insert commits on its own)."""
        verb = "insert or replace" if replace else "insert"
        marks = ", ".join("?" * len(row))
        self.db.conn.execute(f"{verb} into [{table}] ({', '.join(row)}) values ({marks})", list(row.values()))

    def add_article(self, article: Article) -> bool:
        """Insert an article; False (and nothing written) when its id is already stored."""
        return self.add_processed(article)

    def add_processed(
        self,
        article: Article,
        screening: Screening | None = None,
        report: Report | None = None,
        failure: Skipped | None = None,
    ) -> bool:
        """Store a new article with its screening, its report and why its extraction failed, in one transaction:
        after a crash an article is there with everything the pipeline found, or not at all. False (and nothing
        written) when its id is already stored."""
        if self.has_article(article.id):
            return False
        row = {**to_dict(article), "published": _iso(article.published), "ingested_at": _now()}
        try:
            with self.db.conn:
                self._insert("articles", row)
                if screening is not None:
                    self._insert("screenings", _screening_row(screening), replace=True)
                if report is not None:
                    self._insert("reports", {"article_id": report.article_id, "json": _json(report)}, replace=True)
                if failure is not None:
                    self._insert("skipped", _skipped_row(failure))
        except sqlite3.IntegrityError:  # another writer stored the same article since has_article
            return False
        return True

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

    def texts(self) -> dict[str, str]:
        """Article id -> text for every article that has a report (what copy detection needs)."""
        sql = "select a.id, a.text from articles a join reports r on r.article_id = a.id"
        return dict(self.db.execute(sql).fetchall())

    def titles(self) -> dict[str, str]:
        return dict(self.db.execute("select id, title from articles").fetchall())

    # --- stage outputs ------------------------------------------------------------------------------------
    def add_screening(self, screening: Screening) -> None:
        self.db["screenings"].upsert(_screening_row(screening), pk="article_id")

    def screening(self, article_id: str) -> dict[str, Any] | None:
        rows = list(self.db["screenings"].rows_where("article_id = ?", [article_id]))
        if not rows:
            return None
        row = rows[0]
        row["cues"] = json.loads(row["cues"] or "[]")
        return row

    def add_report(self, report: Report) -> None:
        self.db["reports"].upsert({"article_id": report.article_id, "json": _json(report)}, pk="article_id")

    def reports(self, incident_id: str | None = None) -> list[Report]:
        where, args = ("incident_id = ?", [incident_id]) if incident_id else (None, [])
        rows = self.db["reports"].rows_where(where, args, order_by="rowid")
        return [report_from_dict(json.loads(r["json"])) for r in rows]

    def report(self, article_id: str) -> Report | None:
        rows = list(self.db["reports"].rows_where("article_id = ?", [article_id]))
        return report_from_dict(json.loads(rows[0]["json"])) if rows else None

    def add_skipped(self, skipped: Skipped) -> None:
        with self.db.conn:
            self._insert("skipped", _skipped_row(skipped))

    def skipped(self) -> list[dict[str, Any]]:
        return list(self.db["skipped"].rows_where(order_by="id"))

    # --- incidents ----------------------------------------------------------------------------------------
    def previous_assignments(self) -> dict[str, str]:
        """Report id -> incident id from the last resolution (keeps incident ids stable)."""
        rows = self.db.execute("select article_id, incident_id from reports where incident_id is not null")
        return dict(rows.fetchall())

    def replace_incidents(self, incidents: Iterable[Incident]) -> int:
        """Store a fresh resolution atomically: incidents table rewritten, reports re-pointed."""
        titles = self.titles()
        rows, links = [], []
        for incident in incidents:
            rows.append(incident_row(incident, titles))
            links.extend((incident.id, rid) for rid in incident.report_ids)
        with self.db.conn:
            self.db.execute("delete from incidents")
            self.db.execute("update reports set incident_id = null")
            if rows:
                self.db["incidents"].insert_all(rows, batch_size=1000)
            self.db.conn.executemany("update reports set incident_id = ? where article_id = ?", links)
        return len(rows)

    def incident(self, incident_id: str) -> Incident | None:
        row = self.db.execute("select json from incidents where id = ?", [incident_id]).fetchone()
        return incident_from_dict(json.loads(row[0])) if row else None

    # --- overrides ----------------------------------------------------------------------------------------
    def add_override(self, override: Override) -> None:
        self.db["overrides"].insert({"kind": override.kind, "a": override.a, "b": override.b, "at": _now()})

    def overrides(self) -> list[Override]:
        return [Override(r["kind"], r["a"], r["b"]) for r in self.db["overrides"].rows_where(order_by="id")]

    # --- summary ------------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        def count(sql: str) -> int:
            return self.db.execute(sql).fetchone()[0]

        return {
            "articles": count("select count(*) from articles"),
            "ois_articles": count("select count(*) from screenings where is_ois"),
            "reports": count("select count(*) from reports"),
            "incidents": count("select count(*) from incidents"),
            "skipped": count("select count(*) from skipped"),
        }

    def close(self) -> None:
        self.db.conn.close()
