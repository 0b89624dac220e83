"""The store stage: SQLite storage (sqlite-utils) of articles, screenings, reports, incidents, skip records and user
overrides.

WAL mode so the web app can read while an ingest writes; FTS5 over article title+text; schema migrations are
numbered functions applied in order and recorded in `meta` (`schema`). Records go in as models.to_dict JSON plus
flat columns for filtering (`rows`), so nothing the extractors found is lost and queries stay simple. `core` has the
`Store` (one transaction per article; corrected texts kept as versions); `errors` says what a database problem
means for the user and holds the writer lock.
"""

from __future__ import annotations

from ois.store.core import KnownArticles, Store, Write, unresolved_reports
from ois.store.errors import Busy, SchemaTooNew, StoreError, explain, is_database_error
from ois.store.rows import conflict_summary, incident_row, lookup_keys, stored_keys, text_hash
from ois.store.schema import MIGRATIONS, check_version, version_of

__all__ = [
    "MIGRATIONS",
    "Busy",
    "KnownArticles",
    "SchemaTooNew",
    "Store",
    "StoreError",
    "Write",
    "check_version",
    "conflict_summary",
    "explain",
    "incident_row",
    "is_database_error",
    "lookup_keys",
    "stored_keys",
    "text_hash",
    "unresolved_reports",
    "version_of",
]
