"""Editors, passwords, sessions and CSRF tokens of review mode (`ois serve --review`; docs/web.md "Security").

- Passwords are stored as scrypt strings (`scrypt$n$r$p$salt$hash`, hashlib's scrypt: a memory-hard standard KDF)
  and compared in constant time. A name that does not exist costs the same scrypt as a wrong password.
- A session id is 32 random bytes (the cookie); the database keeps only its SHA-256, with the editor, an expiry
  and the session's CSRF token (random, compared in constant time on every POST).
- Failed logins are counted per editor name and per client in memory (`Throttle`); past the limit, logins are
  refused until the window ends, and every failure is answered only after a delay.

Tables `editors` and `sessions` are created by the store's migration 6; all writes are single transactions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import sqlite3
import threading
import time
from collections import deque
from dataclasses import dataclass

from ois.store import Store
from ois.store.rows import now

# scrypt cost: n=2**15, r=8, p=1 (32 MiB, ~0.1 s here), RFC 7914's interactive-login example raised one step,
# as OWASP's password storage cheat sheet recommends (n >= 2**15 with r=8, p=1 ... 2**17 when memory allows).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_SALT_BYTES, _KEY_BYTES, _TOKEN_BYTES = 16, 32, 32
MIN_PASSWORD_CHARS = 10  # NIST SP 800-63B asks at least 8; 10 leaves no room for short dictionary words
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


class AuthError(ValueError):
    """A bad editor name or password, or an unknown editor; the message says what to do."""


def hash_password(password: str, n: int = SCRYPT_N) -> str:
    salt = secrets.token_bytes(_SALT_BYTES)
    key = _scrypt(password, salt, n, SCRYPT_R, SCRYPT_P)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${key.hex()}"


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=2 * 128 * r * n + (1 << 20), dklen=_KEY_BYTES
    )


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, key = stored.split("$")
        if kind != "scrypt":
            return False
        candidate = _scrypt(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(candidate, bytes.fromhex(key))


_DUMMY = hash_password("not a password of anyone")  # what an unknown name is checked against (same cost)


def check_name(name: str) -> str:
    if not NAME.match(name or ""):
        raise AuthError(
            f"editor names are 1-64 letters, digits and . _ @ - (starting with a letter or digit); got {name[:70]!r}"
        )
    return name


def add_editor(store: Store, name: str, password: str, by: str = "") -> None:
    """Create an editor (or reset an existing editor's password, ending their sessions)."""
    check_name(name)
    if len(password) < MIN_PASSWORD_CHARS:
        raise AuthError(f"the password needs at least {MIN_PASSWORD_CHARS} characters")
    hashed = hash_password(password)
    with store.transaction() as conn:
        conn.execute("delete from sessions where editor = ?", [name])
        conn.execute(
            "insert into editors (name, password, created_at, created_by) values (?, ?, ?, ?)"
            " on conflict (name) do update set password = excluded.password",
            [name, hashed, now(), by],
        )


def remove_editor(store: Store, name: str) -> None:
    """Remove an editor and end their sessions; their corrections stay (the audit trail names them)."""
    with store.transaction() as conn:
        if not conn.execute("delete from editors where name = ?", [name]).rowcount:
            raise AuthError(f"no editor {name!r}; list them with `ois editor list`")
        conn.execute("delete from sessions where editor = ?", [name])


def editors(store: Store) -> list[dict[str, str]]:
    """Every editor: name, created_at, created_by, and how many corrections they made."""
    rows = store.db.execute(
        "select e.name, e.created_at, e.created_by, (select count(*) from overrides o where o.editor = e.name)"
        " from editors e order by e.name"
    ).fetchall()
    return [dict(zip(("name", "created_at", "created_by", "corrections"), r, strict=True)) for r in rows]


def is_editor(store: Store, name: str) -> bool:
    return store.db.execute("select 1 from editors where name = ?", [name]).fetchone() is not None


@dataclass(frozen=True)
class Session:
    editor: str
    csrf: str
    expires_at: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def login(store: Store, name: str, password: str, hours: float) -> tuple[str, Session] | None:
    """A new session (cookie token, session) when the password is right, else None (same cost either way)."""
    row = store.db.execute("select password from editors where name = ?", [name]).fetchone()
    if not verify_password(password, row[0] if row else _DUMMY) or row is None:
        return None
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    expires = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours)).isoformat(timespec="seconds")
    session = Session(name, secrets.token_urlsafe(_TOKEN_BYTES), expires)
    with store.transaction() as conn:
        conn.execute("delete from sessions where expires_at < ?", [now()])
        conn.execute(
            "insert into sessions (id, editor, csrf, created_at, expires_at) values (?, ?, ?, ?, ?)",
            [_digest(token), name, session.csrf, now(), expires],
        )
    return token, session


def session(conn: sqlite3.Connection, token: str | None) -> Session | None:
    """The live session of a cookie token (None: no token, unknown, expired, or its editor was removed). Any
    connection will do (the web app's read-only one)."""
    if not token or len(token) > 200:
        return None
    row = conn.execute(
        "select s.editor, s.csrf, s.expires_at from sessions s join editors e on e.name = s.editor"
        " where s.id = ? and s.expires_at > ?",
        [_digest(token), now()],
    ).fetchone()
    return Session(row[0], row[1], row[2]) if row else None


def logout(store: Store, token: str | None) -> None:
    if token:
        with store.transaction() as conn:
            conn.execute("delete from sessions where id = ?", [_digest(token)])


def csrf_ok(session: Session | None, token: str | None) -> bool:
    return bool(session and token) and hmac.compare_digest(session.csrf.encode(), str(token).encode())


class Throttle:
    """Failed logins per key (editor name, client address) in a sliding window; past `limit`, refuse."""

    def __init__(self, limit: int, window_s: float, delay_s: float):
        self.limit, self.window_s, self.delay_s = limit, window_s, delay_s
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, at: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= at - self.window_s:
            times.popleft()
        return times

    def retry_after_s(self, *keys: str) -> float:
        """0 when a login may be tried; else seconds until the oldest counted failure leaves the window."""
        at = time.monotonic()
        with self._lock:
            waits = [times[0] + self.window_s - at for k in keys if len(times := self._recent(k, at)) >= self.limit]
        return max(waits, default=0.0)

    def failed(self, *keys: str) -> None:
        at = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, at).append(at)
        time.sleep(self.delay_s)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
