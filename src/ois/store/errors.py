"""What can go wrong with a database file, said so that the user knows what to do next; and the writer lock that
keeps two writing commands (two `ois ingest`, an ingest and an `ois merge`) from interleaving."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

try:  # POSIX advisory locks; where they are missing, SQLite's busy timeout still serialises each write
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class StoreError(Exception):
    """A database problem with a message that says what to do (the CLI prints it instead of a traceback)."""


class SchemaTooNew(StoreError):
    """The database was written by a newer ois."""


class Busy(StoreError):
    """Another ois process is writing to the database."""


# sqlite3 error text -> what it means for the user and what to do. Matched in order on the lower-cased message.
_ADVICE = (
    (
        ("file is not a database", "malformed", "file is encrypted", "disk image"),
        "is damaged or is not an ois database ({error}). Check the --db path; if it is the right file, restore it "
        "from a backup, or try `sqlite3 {path} .recover | sqlite3 repaired.db` and use --db repaired.db.",
    ),
    (
        ("database is locked", "database table is locked", "busy"),
        "is locked by another program ({error}): another `ois ingest`, `ois merge` or `ois split` is probably "
        "writing to it. Wait for it to finish and run the command again.",
    ),
    (
        ("readonly", "read-only", "permission", "access permission"),
        "cannot be written ({error}): check the permissions of the file and its folder, or copy it somewhere "
        "writable and pass --db COPY. Reading (`ois serve`, `ois export`, `ois incidents`) works read-only.",
    ),
    (
        ("unable to open", "cannot open"),
        "cannot be opened ({error}): check that the path and its folder exist and are readable.",
    ),
    (
        ("disk is full", "database or disk is full", "no space"),
        "could not be written because the disk is full ({error}): free some space and run the command again; "
        "everything already committed is kept.",
    ),
    (
        ("disk i/o error",),
        "could not be read or written ({error}): the disk or network share failed. Check it and run again.",
    ),
)


def explain(exc: BaseException, path: str | Path) -> str:
    """One message for a database error: what happened to `path` and what to do next."""
    if isinstance(exc, StoreError):
        return str(exc)
    error = str(exc) or type(exc).__name__
    lowered = error.lower()
    for needles, advice in _ADVICE:
        if any(needle in lowered for needle in needles):
            return f"The database {path} " + advice.format(error=error, path=path)
    return f"The database {path} gave an unexpected error ({error}). Run `ois status` to check it; please report it."


def is_database_error(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.Error | StoreError)


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _holder(path: Path) -> str:
    with contextlib.suppress(OSError):
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        if text:
            return f" ({text[:200]})"
    return ""


@contextlib.contextmanager
def writer_lock(db_path: Path, wait_s: float, what: str) -> Iterator[None]:
    """Hold `<db>.lock` while a command writes; wait up to `wait_s` for another writer, then raise Busy.

    The operating system releases the lock when its process ends, even by kill -9, so it never goes stale.
    """
    if fcntl is None or str(db_path) == ":memory:":
        yield
        return
    path = lock_path(db_path)
    try:
        handle = path.open("a+", encoding="utf-8")
    except OSError:  # a read-only folder: nothing can write there anyway, and SQLite will say so
        yield
        return
    with handle:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(
                        f"Another ois process is writing to {db_path}{_holder(path)}. Wait for it to finish and "
                        "run the command again (or raise --set db_lock_wait_s=SECONDS to wait longer)."
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}: {what}, since {time.strftime('%H:%M:%S')}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
