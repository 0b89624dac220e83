"""Read-only access to an ois.db: `open_reader(settings)` and the `Database` every query function takes.

The database is opened with SQLite `mode=ro`, so no reader (web request, export, CLI listing) can write to it
while an `ois ingest` writes (WAL). A database on read-only storage (file or folder) is opened `immutable` when
`mode=ro` cannot be (WAL needs a writable folder for its shared-memory file), so serving a copy on a read-only
share works. Aggregates and full-text matches are cached per database version.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from ois.query.filters import SEARCH_SQL, Filters, fts_query
from ois.settings import Settings
from ois.store import MIGRATIONS, Store, StoreError, check_version, unresolved_reports, version_of

# A broad search ("police") matches most articles; its incident set is computed once per query and database
# version and reused by the list, count, facets, map and chart of that page (and the next pages).
_SEARCH_CACHE_SIZE = 32
# Above this many matching incidents, walking the date index beats sorting the matches (crossover measured on
# the 100k synthetic store: a 300-match search is 12 ms either way, 20k matches 2.5 ms vs 59 ms).
BROAD_SEARCH_INCIDENTS = 2000
# Facet cache: the unfiltered front page is by far the most requested view; its facet counts scan the whole
# table, so they are cached per database version (file mtimes), which any ingest changes.
_FACET_CACHE_SIZE = 256


def _no_database(path: Path) -> FileNotFoundError:
    return FileNotFoundError(f"No database at {path}. Run `ois ingest PATH...` or `ois demo` first, or pass --db FILE.")


def _read_only_storage(exc: sqlite3.OperationalError) -> bool:
    """The error SQLite gives when a file or its folder cannot be written (mode=ro on read-only storage)."""
    return "readonly" in str(exc) or "unable to open" in str(exc)


def open_reader(settings: Settings) -> Database:
    """The read-only database named by the settings (`db_path`), its schema brought up to date first.

    An older database is opened once for writing to run its migrations (it gains the list indexes and columns
    the queries use); a current one is never opened for writing, so read-only files and folders work. Raises
    FileNotFoundError, saying what to do, when there is no database: a reader never creates one; StoreError when
    the schema is newer than this ois, or older and the file cannot be written.
    """
    path = Path(settings.db_path)
    if not path.is_file():
        raise _no_database(path)
    db = Database(path)
    if db.schema_version >= len(MIGRATIONS):
        return db
    try:
        Store(path, busy_timeout_s=settings.db_busy_timeout_s).close()
    except sqlite3.OperationalError as exc:
        if not _read_only_storage(exc):
            raise
        raise StoreError(
            f"{path} has schema version {db.schema_version}, older than this ois ({len(MIGRATIONS)}), and cannot be "
            f"written to bring it up to date ({exc}). Run any ois command on it once with write access, or copy it "
            "somewhere writable and pass --db COPY."
        ) from None
    return Database(path)


class Database:
    """Read-only access to an ois.db: one sqlite connection per thread (sqlite objects are not shareable).

    The incidents rows carry the merged JSON (kilobytes), so any query that visits rows reads one page per
    incident. The store's list indexes (store migration 2) let filters, counts, facets, the map, the chart and
    full-text joins read index pages only; `scan` and `by_date` name them when this database has them.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise _no_database(self.path)
        self._local = threading.local()
        self.schema_version = 0  # read with the index names below
        self._uri = f"{self.path.resolve().as_uri()}?mode=ro"
        try:
            names = self._index_names()
        except sqlite3.OperationalError as exc:  # read-only storage: WAL cannot create its shared-memory file
            if Path(f"{self.path}-wal").exists() or not _read_only_storage(exc):
                raise
            # Nobody can write it here, so nothing changes under the reader: SQLite may skip locking.
            self._uri = f"{self.path.resolve().as_uri()}?immutable=1"
            names = self._index_names()
        # Aggregates (counts, facets, map, chart) scan the covering index when the store has it; SQLite's
        # planner otherwise prefers the narrow state index and then reads every (large) row.
        self.scan = "incidents indexed by idx_incidents_list" if "idx_incidents_list" in names else "incidents"
        self.by_date = "incidents indexed by idx_incidents_date" if "idx_incidents_date" in names else "incidents"
        self._facets: OrderedDict[tuple, Any] = OrderedDict()
        self._searches: OrderedDict[tuple, Any] = OrderedDict()
        self.ordered: OrderedDict[tuple, Any] = OrderedDict()  # a search's result in order (queries)
        self._lock = threading.Lock()
        self._computing: dict[tuple, threading.Lock] = {}  # keys being computed (cached)

    def _index_names(self) -> set[str]:
        with closing(self.connect()) as conn:
            self.schema_version = version_of(conn)
            check_version(self.schema_version, self.path)
            return {r[0] for r in conn.execute("select name from sqlite_master where type = 'index'")}

    def connect(self) -> sqlite3.Connection:
        """A new connection; mode=ro (or immutable): a reader can never write, whatever a request contains."""
        conn = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        return conn

    def unresolved(self) -> int:
        """Reports the incidents do not reflect yet (a run stopped before resolving; `ois status` rebuilds them)."""
        return unresolved_reports(self.conn()) if self.schema_version >= len(MIGRATIONS) else 0

    def conn(self) -> sqlite3.Connection:
        """This thread's shared connection."""
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

    def aggregate_source(self, filters: Filters) -> str:
        """Table expression for counts and facets: the covering index, unless a narrow search makes reading
        its few matching rows by rowid cheaper than scanning the whole index."""
        size = self.search_size(filters.q) if filters.q else None
        return "incidents" if size is not None and size <= BROAD_SEARCH_INCIDENTS else self.scan

    def search_size(self, q: str | None) -> int:
        """How many incidents search text `q` matches (0 without a search)."""
        rowids = self.search_rowids(q)
        return rowids.count(",") + 1 if rowids and rowids != "[]" else 0

    def where(self, filters: Filters) -> tuple[str, list[Any]]:
        if filters.not_ois is False and not self.any_not_ois():  # nothing to hide: keep the date index usable
            filters = dataclasses.replace(filters, not_ois=None)
        return filters.where(self.search_rowids(filters.q))

    def any_not_ois(self) -> bool:
        """Whether an editor marked any incident "not a police shooting" (cached per database version)."""
        if self.schema_version < len(MIGRATIONS):
            return False
        sql = "select exists (select 1 from incidents where not_ois = 1)"
        return bool(self.cached(("any_not_ois",), lambda: self.conn().execute(sql).fetchone()[0]))

    def cached(self, key: tuple, compute: Callable[[], Any], store: OrderedDict | None = None, size: int = 0) -> Any:
        """compute() once per key and database version (an LRU of `size` entries, the facet cache by default).

        Threads asking for the same missing value wait for the one computing it: after a write, or when a worker
        starts, 8 clients on one view otherwise ran its facet scan 8 times at once (seconds under load)."""
        store = self._facets if store is None else store
        size = size or _FACET_CACHE_SIZE
        key = (*key, self.version())
        with self._lock:
            if key in store:
                store.move_to_end(key)
                return store[key]
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            with self._lock:
                if key in store:  # computed while this thread waited
                    return store[key]
            try:
                value = compute()
                with self._lock:
                    store[key] = value
                    while len(store) > size:
                        store.popitem(last=False)
            finally:  # stored first: a thread arriving in between finds the value
                with self._lock:
                    self._computing.pop(key, None)
        return value
