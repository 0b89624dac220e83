"""What the stored links were computed from (the `linked` row of `meta`), and what a relinking must redo.

The stamp says:
- `incidents`: the resolution the links follow (resolved report generation, index fingerprint, last override
  seen, a hash of the incident ids). The pipeline reads `needs_relink` before it resolves: when the links follow
  the incidents then, the incidents that resolution writes are all that changed (`relink(..., changed)`);
- `basis`: the loaded reference files, the users' link decisions, and the linking code, data and settings. When
  any differs, every link is computed again;
- `at` and `override`: when the linking ended, and the last override when it began. Of the incidents a
  resolution writes, those whose content changed since (`incidents.updated_at`) are linked again; so are those
  an editor corrected (a correction stores an incident without resolving, with an override naming one of its
  reports).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ois import data
from ois.reference import db
from ois.settings import Settings

# Settings linking reads besides the `link_*` ones: the name rule (`ois.names.rule`).
NAME_RULE_SETTINGS = ("match_surname_similarity", "name_first_similarity")
_RESOLUTION_META = ("resolved_generation", "resolve_index", "resolve_override")


def fingerprint(settings: Settings) -> str:
    """The linking code, data and settings."""
    chosen = sorted(n for n in settings if n.startswith("link_") or n in NAME_RULE_SETTINGS)
    values = json.dumps({name: settings[name] for name in chosen}, sort_keys=True, default=str)
    code = data.code_digest(("reference",), ("names.py", "geo.py"), ("link_weights", "reference_vocab", "names"))
    return hashlib.sha256((code + values).encode()).hexdigest()[:24]


def _incidents(conn: sqlite3.Connection) -> list[Any]:
    keys = list(_RESOLUTION_META)
    meta = dict(conn.execute(f"select key, value from meta where key in ({db.marks(keys)})", keys).fetchall())
    ids = hashlib.sha256("\x1f".join(r[0] for r in conn.execute("select id from incidents order by id")).encode())
    return [*(meta.get(k) for k in _RESOLUTION_META), ids.hexdigest()[:16]]


def _basis(conn: sqlite3.Connection, settings: Settings) -> list[Any]:
    loads = conn.execute("select source, kind, loaded_at, rows from reference_loads order by source, kind").fetchall()
    decided = conn.execute("select count(*), max(id) from link_decisions").fetchone()
    return [[list(r) for r in loads], list(decided), fingerprint(settings)]


def stored(conn: sqlite3.Connection) -> dict[str, Any] | None:
    row = conn.execute("select value from meta where key = 'linked'").fetchone()
    try:
        found = json.loads(row[0]) if row else None
    except ValueError:
        return None
    return found if isinstance(found, dict) else None  # an older ois wrote a list: link everything again


def current(conn: sqlite3.Connection, settings: Settings) -> bool:
    """The links and the people view follow the incidents, references, decisions and settings as they are."""
    previous = stored(conn)
    if previous is None or previous.get("incidents") != _incidents(conn):
        return False
    return _same_basis(previous, conn, settings)


def _same_basis(previous: dict[str, Any], conn: sqlite3.Connection, settings: Settings) -> bool:
    return previous.get("basis") == _basis(conn, settings)


@dataclass(frozen=True)
class Scope:
    """What an incremental relinking redoes: the incidents whose people and links are rebuilt (new, changed or
    removed since the last linking), and those a resolution wrote again unchanged (only their statuses, reset
    by the rewrite, are set again)."""

    rebuilt: set[str]
    rewritten: set[str]


def scope(conn: sqlite3.Connection, settings: Settings, changed: Iterable[str] | None) -> Scope | None:
    """The scope of a relinking after a resolution wrote or removed the incidents `changed`; None: every incident
    (no `changed`, no stamp, links computed from other references, decisions, code or settings, or a clock that
    went back). Rebuilt: the removed incidents, those whose content the resolution changed (the store keeps
    `updated_at` while an incident's content stays the same, so a later one means changed since the last linking
    ended), and those an editor corrected since it began (`Store.correct` writes an override naming a report of
    the incident with it)."""
    previous = stored(conn)
    if changed is None or previous is None or not _same_basis(previous, conn, settings):
        return None
    if (previous.get("at") or "") > db.now():  # the clock went back: "changed since" cannot be trusted
        return None
    written = set(changed)
    found, updated = set(), set()
    for chunk in db.chunks(written):
        for incident_id, updated_at in conn.execute(
            f"select id, updated_at from incidents where id in ({db.marks(chunk)})", chunk
        ):
            found.add(incident_id)
            if (updated_at or "") >= (previous.get("at") or ""):
                updated.add(incident_id)
    corrected = {
        row[0]
        for row in conn.execute(
            "select r.incident_id from overrides o join reports r on r.article_id = o.a where o.id > ?"
            " and r.incident_id is not null",
            [previous.get("override") or 0],
        )
    }
    rebuilt = (written - found) | updated | corrected
    return Scope(rebuilt, found - rebuilt)


def last_override(conn: sqlite3.Connection) -> int:
    """The newest override (an editor's correction among them), read before a relinking reads the incidents."""
    return conn.execute("select coalesce(max(id), 0) from overrides").fetchone()[0]


def write(conn: sqlite3.Connection, settings: Settings, override: int) -> None:
    """Store the stamp of the links just computed, as the relinking's last write (`override`: `last_override`
    when it began, so that a correction made meanwhile is linked again next time)."""
    value = {"incidents": _incidents(conn), "basis": _basis(conn, settings), "at": db.now(), "override": override}
    conn.execute("insert or replace into meta (key, value) values ('linked', ?)", [json.dumps(value)])
