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
from ois.store.rows import conflict_summary, incident_row, stored_keys, text_hash


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


_REFERENCE_TABLES = (
    # Reference databases (WaPo, MPV) as loaded by `ois reference load`: one row per person, the original row in
    # `raw`; a newer download replaces a source's rows in one transaction.
    "create table reference_rows (source text not null, id text not null, schema text not null, line integer,"
    " date text, name text, age integer, gender text, race text, city text, county text, state text, agency text,"
    " agency_ids text, armed text, fleeing text, body_camera text, mental_illness text, threat text, lat real,"
    " lon real, wapo_id text, raw text, primary key (source, id)) without rowid",
    "create index idx_reference_rows_date on reference_rows(source, date)",
    "create table reference_agencies (source text not null, id text not null, name text, type text, state text,"
    " oricodes text, primary key (source, id)) without rowid",
    "create table reference_loads (source text not null, kind text not null, schema text, file text, rows integer,"
    " skipped integer, skips text, date_min text, date_max text, loaded_at text, primary key (source, kind))",
    # Links as the last linking computed them (rebuilt after every resolution): one row per candidate.
    "create table reference_links (source text not null, incident_id text not null, person integer not null,"
    " ref_id text not null, rank integer not null, status text not null, probability real, evidence text,"
    " comparison text, decision text)",
    "create index idx_reference_links_incident on reference_links(incident_id)",
    "create index idx_reference_links_ref on reference_links(source, ref_id)",
    # A user's word on a link, keyed by stable ids (reference id + a report of the incident + the person's name).
    "create table link_decisions (id integer primary key, source text not null, ref_id text not null,"
    " report_id text not null, person_key text not null, decision text not null, editor text, reason text,"
    " at text not null)",
    "create index idx_link_decisions on link_decisions(source, report_id)",
    # One row per participant of an incident (the people view), rebuilt with the links.
    "create table people (incident_id text not null, n integer not null, role text, name text, name_key text,"
    " age integer, gender text, race text, armed text, weapon text, outcome text, fired integer, date text,"
    " city text, state text, agency text, fatal integer, wapo text, wapo_ids text, mpv text, mpv_ids text,"
    " report_id text, primary key (incident_id, n))",
    "create index idx_people_date on people(date)",
    "alter table incidents add column wapo text",
    "alter table incidents add column mpv text",
    "create index idx_incidents_wapo on incidents(wapo)",
    "create index idx_incidents_mpv on incidents(mpv)",
)


def _migrate_5(db: sqlite_utils.Database) -> None:
    """Reference databases (docs/linking.md): loaded WaPo/MPV rows, links and users' link decisions, the people
    view, and each incident's reference status (known / possible / new) as flat columns for the list filters."""
    for statement in _REFERENCE_TABLES:
        db.conn.execute(statement)


_REVIEW_TABLES = (
    # Editorial corrections are overrides too (models.Override): what, the value before and after, who, why.
    *(
        f"alter table overrides add column {column} text"
        for column in ("field", "value", "old", "editor", "reason", "evidence", "who")
    ),
    # Editors (`ois editor add`): the password as a KDF string (ois.review.auth); sessions by the hash of their
    # cookie (a stolen database gives no session), each with its CSRF token.
    "create table editors (name text primary key, password text not null, created_at text not null, created_by text)",
    "create table sessions (id text primary key, editor text not null, csrf text not null, created_at text not null,"
    " expires_at text not null)",
    "create index idx_sessions_editor on sessions(editor)",
    # The factual title replaces the first headline in `title`; the headline stays in `headline`. A date too far
    # from the publication moves to `implausible_date`. Review state, corrected fields, and when an incident first
    # appeared / last changed (the Atom feed).
    *(
        f"alter table incidents add column {column}"
        for column in (
            "headline text",
            "implausible_date text",
            "reviewed integer not null default 0",
            "not_ois integer not null default 0",
            "corrected_fields text",
            "created_at text",
            "updated_at text",
            "content_hash text",
        )
    ),
    # Every list query now says `not_ois = 0`: the covering index of the lists gains the column.
    "drop index if exists idx_incidents_list",
    "create index idx_incidents_list on incidents"
    "(not_ois, state, fatal, officer_shot, video, armed, date, n_sources, agency, city, lat, lon)",
    "create index idx_incidents_updated on incidents(updated_at)",
)
_REFRESHED = (
    "title",
    "headline",
    "date",
    "implausible_date",
    "fatal",
    "officer_shot",
    "video",
    "reviewed",
    "not_ois",
    "corrected_fields",
    "content_hash",
    "json",
)


def _migrate_6(db: sqlite_utils.Database) -> None:
    """Review mode (docs/web.md): corrections as overrides, editors and sessions; factual titles (the headline
    kept), implausible dates, unknown flags as NULL (not 0) and plain ISO dates in the JSON, refreshed for the
    incidents already stored; when each incident appeared and last changed (from its articles' ingest times)."""
    for statement in _REVIEW_TABLES:
        db.conn.execute(statement)
    titles = dict(db.conn.execute("select id, title from articles").fetchall())
    updates = []
    for incident_id, doc in db.conn.execute("select id, json from incidents").fetchall():
        row = incident_row(incident_from_dict(json.loads(doc)), titles)
        updates.append([*(row[c] for c in _REFRESHED), incident_id])
    db.conn.executemany(f"update incidents set {', '.join(f'{c} = ?' for c in _REFRESHED)} where id = ?", updates)
    for column, pick in (("created_at", "min"), ("updated_at", "max")):
        db.conn.execute(
            f"update incidents set {column} = (select {pick}(a.ingested_at) from reports r join articles a"
            " on a.id = r.article_id where r.incident_id = incidents.id)"
        )


_RESOLUTION_INDEX = (
    # What incremental resolution keeps (ois.resolve.index): per report its profile, copy root and MinHash
    # signature, its blocking keys (hashed block, day, position = the report's rowid) and LSH bands; linked pairs;
    # whether each term (hashed) is held by one report or several.
    "create table resolve_entries (article_id text primary key, root text not null, published text,"
    " profile text not null, signature blob)",
    "create index idx_resolve_entries_root on resolve_entries(root)",
    "create table resolve_keys (block integer not null, day integer not null, pos integer not null,"
    " article_id text not null, type text not null)",
    "create index idx_resolve_keys_block on resolve_keys(block, day, pos)",
    "create index idx_resolve_keys_article on resolve_keys(article_id)",
    "create table resolve_bands (band integer not null, article_id text not null)",
    "create index idx_resolve_bands on resolve_bands(band)",
    "create index idx_resolve_bands_article on resolve_bands(article_id)",
    "create table resolve_edges (a text not null, b text not null, score real not null, strict integer not null,"
    " primary key (a, b)) without rowid",
    "create index idx_resolve_edges_b on resolve_edges(b)",
    "create table resolve_terms (term integer primary key, shared integer not null, holder text)",
    # Reports written since the last resolution: new ones can be resolved incrementally; a changed or deleted one
    # needs a full resolution.
    "create table resolve_changes (article_id text primary key, change text not null) without rowid",
    "create trigger resolve_report_inserted after insert on reports begin insert into resolve_changes values"
    " (new.article_id, 'new') on conflict (article_id) do update set change = 'changed'; end",
    "create trigger resolve_report_changed after update of json on reports begin insert into resolve_changes"
    " values (new.article_id, 'changed') on conflict (article_id) do update set change = 'changed'; end",
    "create trigger resolve_report_deleted after delete on reports begin insert into resolve_changes values"
    " (old.article_id, 'deleted') on conflict (article_id) do update set change = 'deleted'; end",
)


def _migrate_7(db: sqlite_utils.Database) -> None:
    """Incremental resolution (docs/performance.md): the resolution index and the reports changed since the
    last resolution. Empty until the next resolution, which is then a full one and builds the index."""
    for statement in _RESOLUTION_INDEX:
        db.conn.execute(statement)


def _migrate_8(db: sqlite_utils.Database) -> None:
    """Filtered list pages walk one state's incidents in date order instead of the date index over every
    incident, reading each row: a random state + start year + flag at 100k incidents, 73 ms -> 0.3 ms
    (docs/performance.md, Web). Its statistics let the planner pick it."""
    db.conn.execute(
        "create index if not exists idx_incidents_state_date on incidents"
        "(state, date, fatal, officer_shot, video, armed, agency, n_sources)"
    )
    db.conn.execute("analyze idx_incidents_state_date")


def _migrate_9(db: sqlite_utils.Database) -> None:
    """Incremental resolution demotes words that many stored reports share (docs/performance.md, Incremental
    resolution): each term's report count (capped at `common_term_reports`) instead of a shared flag, and the
    reports holding each term among their salient terms. The old index is dropped: the next resolution is a
    full one, which rebuilds it."""
    for table in ("resolve_entries", "resolve_keys", "resolve_bands", "resolve_edges"):
        db.conn.execute(f"delete from {table}")
    db.conn.execute("delete from meta where key = 'resolve_index'")
    db.conn.execute("drop table resolve_terms")
    db.conn.execute("create table resolve_terms (term integer primary key, reports integer not null, holder text)")
    db.conn.execute("create table resolve_salient (term integer not null, article_id text not null)")
    db.conn.execute("create index idx_resolve_salient on resolve_salient(term)")
    db.conn.execute("create index idx_resolve_salient_article on resolve_salient(article_id)")


# Append new migrations; never edit an applied one.
MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _migrate_1,
    _migrate_2,
    _migrate_3,
    _migrate_4,
    _migrate_5,
    _migrate_6,
    _migrate_7,
    _migrate_8,
    _migrate_9,
)


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
