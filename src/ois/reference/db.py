"""The reference step's tables (store migration 5): its own transactions over the store's SQLite connection, and
reference rows in and out. Functions take a `Store` or a `sqlite3.Connection` (`store_or_conn`), so callers that
hold either (the pipeline, the CLI, the web review forms) use them alike, and this package imports no stage."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import fields
from typing import Any

from ois.reference.records import RefRow, named_agencies

ROW_COLUMNS = tuple(f.name for f in fields(RefRow))
_CHUNK = 500  # values per `in (...)`: far below SQLite's variable limit


def connection(store_or_conn: Any) -> sqlite3.Connection:
    """The sqlite connection of a `Store` (its `db.conn`), or the connection itself."""
    if isinstance(store_or_conn, sqlite3.Connection):
        return store_or_conn
    return store_or_conn.db.conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction (BEGIN IMMEDIATE ... COMMIT): all of it is written, or none (also on Ctrl-C)."""
    conn.execute("begin immediate")
    with conn:  # commits when the block ends, rolls back when it raises (any exception)
        yield conn


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    """`values` in lists short enough for one `in (...)`."""
    batch = list(values)
    for start in range(0, len(batch), _CHUNK):
        yield batch[start : start + _CHUNK]


def marks(values: list[Any]) -> str:
    """The placeholders of an `in (...)` over `values`."""
    return ",".join("?" * len(values))


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("select 1 from sqlite_master where type = 'table' and name = ?", [name]).fetchone() is not None


def insert_rows(conn: sqlite3.Connection, rows: Iterable[RefRow]) -> None:
    columns = ", ".join(ROW_COLUMNS)
    conn.executemany(
        f"insert into reference_rows ({columns}) values ({', '.join('?' * len(ROW_COLUMNS))})",
        [_flat(row) for row in rows],
    )


def _flat(row: RefRow) -> list[Any]:
    values = []
    for name in ROW_COLUMNS:
        value = getattr(row, name)
        if name == "raw":
            value = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        values.append(value)
    return values


def read_rows(conn: sqlite3.Connection, source: str) -> list[RefRow]:
    """Every stored row of a reference, agency names filled in from its agencies file when one was loaded."""
    if not has_table(conn, "reference_rows"):
        return []
    agencies = dict(conn.execute("select id, name from reference_agencies where source = ?", [source]).fetchall())
    cursor = conn.execute(f"select {', '.join(ROW_COLUMNS)} from reference_rows where source = ?", [source])
    out = []
    for values in cursor.fetchall():
        item = dict(zip(ROW_COLUMNS, values, strict=True))
        item["date"] = dt.date.fromisoformat(item["date"]) if item["date"] else None
        item["raw"] = json.loads(item["raw"]) if item["raw"] else {}
        out.append(RefRow(**item))
    return named_agencies(out, agencies)


def loaded_sources(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """Source -> what was loaded (schema, file, rows, date range, when), for the people rows of each reference."""
    if not has_table(conn, "reference_loads"):
        return {}
    cursor = conn.execute(
        "select source, schema, file, rows, skipped, date_min, date_max, loaded_at from reference_loads"
        " where kind = 'people' order by source"
    )
    names = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
