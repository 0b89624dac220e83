"""The store's schema: numbered migrations, applied in order, each in one transaction with its version number.

Append new migrations; never edit an applied one. A database written by a newer ois (a version above
`len(MIGRATIONS)`) is refused: this ois does not know what the newer tables mean, so it must not write to them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

import sqlite_utils

from ois.models import incident_from_dict
from ois.store.errors import SchemaTooNew
from ois.store.rows import conflict_summary, stored_keys, text_hash


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


# Which stored articles are unfinished (docs/reliability.md): no screening yet, or screened as OIS with neither a
# report nor a recorded extraction failure. Only databases written before migration 4 can hold them.
_UNSCREENED = "not exists (select 1 from screenings s where s.article_id = articles.id)"
_UNEXTRACTED = (
    "exists (select 1 from screenings s where s.article_id = articles.id and s.is_ois)"
    " and not exists (select 1 from reports r where r.article_id = articles.id)"
    " and not exists (select 1 from skipped k where k.article_id = articles.id and k.stage = 'extract')"
)
# An article's state from its stage outputs: stored -> screened -> done.
SET_STATE = (
    f"update articles set state = case when {_UNSCREENED} then 'stored' when {_UNEXTRACTED} then 'screened'"
    " else 'done' end where {where}"
)
# A report written, changed or deleted, or a user override added, bumps report_generation; a resolution records
# the generation it resolved. They differ, or a report has no incident, when a run stopped before resolving.
_GENERATION_TRIGGERS = {
    "reports_inserted": "after insert on reports",
    "reports_deleted": "after delete on reports",
    "reports_changed": "after update of json on reports",
    "overrides_inserted": "after insert on overrides",
}


def _migrate_4(db: sqlite_utils.Database) -> None:
    """Crash safety and corrections (docs/reliability.md): each article's state, text hash and version; earlier
    versions of corrected articles; lookup keys (same text with and without a URL); skip records counted once;
    the report generation that tells whether incidents are up to date."""
    run = db.conn.execute
    for column in (
        "state text not null default 'done'",
        "text_hash text",
        "version integer not null default 1",
        "updated_at text",
    ):
        run(f"alter table articles add column {column}")
    run(SET_STATE.format(where="true"))
    run(
        "create table article_versions (article_id text not null, version integer not null, title text, text text,"
        " url text, published text, outlet text, source text, ingested_at text, text_hash text,"
        " primary key (article_id, version))"
    )
    run("create table article_keys (key text primary key, article_id text not null) without rowid")
    rows = run("select id, text, url from articles order by rowid").fetchall()
    hashes = [(text_hash(text or ""), article_id) for article_id, text, _ in rows]
    db.conn.executemany("update articles set text_hash = ? where id = ?", hashes)
    keys = [
        (k, article_id)
        for (digest, article_id), row in zip(hashes, rows, strict=True)
        for k in stored_keys(article_id, digest, bool(row[2]))
    ]
    db.conn.executemany("insert or ignore into article_keys (key, article_id) values (?, ?)", keys)
    # Skip records: one row per source + stage + reason + article, with how often and when it was last seen.
    run("alter table skipped add column count integer not null default 1")
    run("alter table skipped add column last_seen text")
    run(
        "create temp table skipped_groups as select min(id) id, count(*) n, max(at) last from skipped"
        " group by source, stage, reason, article_id"
    )
    run("delete from skipped where id not in (select id from skipped_groups)")
    run(
        "update skipped set count = (select n from skipped_groups g where g.id = skipped.id),"
        " last_seen = (select last from skipped_groups g where g.id = skipped.id)"
    )
    run("drop table skipped_groups")
    run("create index idx_skipped_key on skipped(source, stage, reason, article_id)")
    run("create index idx_skipped_article on skipped(article_id)")
    run("create index idx_articles_url on articles(url)")
    run("insert or replace into meta (key, value) values ('report_generation', '1')")
    unresolved = run("select count(*) from reports where incident_id is null").fetchone()[0]
    run("insert or replace into meta (key, value) values ('resolved_generation', ?)", ["0" if unresolved else "1"])
    for name, event in _GENERATION_TRIGGERS.items():
        run(
            f"create trigger {name} {event} begin update meta set value = cast(value as integer) + 1"
            " where key = 'report_generation'; end"
        )


# Append new migrations; never edit an applied one.
MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (_migrate_1, _migrate_2, _migrate_3, _migrate_4)


def version_of(conn: sqlite3.Connection) -> int:
    """The schema version recorded in a database (0 for a new, empty one)."""
    has_meta = conn.execute("select 1 from sqlite_master where type = 'table' and name = 'meta'").fetchone()
    if not has_meta:
        return 0
    row = conn.execute("select value from meta where key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def check_version(version: int, path: object) -> None:
    """Refuse a database written by a newer ois."""
    if version > len(MIGRATIONS):
        raise SchemaTooNew(
            f"{path} has schema version {version}, but this ois knows versions up to {len(MIGRATIONS)}: it was "
            "written by a newer ois. Use that newer ois (upgrade this one) to open it; this ois will not touch it."
        )


def migrate(db: sqlite_utils.Database, path: object) -> None:
    """Bring the schema up to date: each migration and its version number in one write transaction, so a crash
    leaves the database at the version before or after it, never half-way."""
    conn = db.conn
    check_version(version_of(conn), path)
    for number, migration in enumerate(MIGRATIONS, start=1):
        if version_of(conn) >= number:  # cheap check first: most opens need no migration
            continue
        try:
            conn.execute("begin immediate")
            version = version_of(conn)  # another process may have migrated while this one waited for the lock
            if version < number:
                conn.execute("create table if not exists meta (key text primary key, value text)")
                migration(db)
                conn.execute("insert or replace into meta (key, value) values ('schema_version', ?)", [str(number)])
            conn.execute("commit")
        except BaseException:
            if conn.in_transaction:
                conn.execute("rollback")
            raise
