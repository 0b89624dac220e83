"""What incremental resolution keeps between runs, and how it asks for it.

A full resolution (`resolve(..., index=True)`) gives, besides the incidents, an `Index`: per report its profile,
blocking keys (hashed, with the report's day), copy root, MinHash signature and LSH band keys; the linked pairs
(`Edge`: pair score at or above `link_threshold`); for every term how many reports have it, capped at
`common_term_reports` (`TermCount`: the only thing a profile needs to know about the other reports); and which
reports hold each term among their salient terms (to redo when the term becomes common). The store keeps it in
tables of its own. `ois.resolve.incremental` reads it back through `IndexSource` (the store implements it; a stage never
imports another) and returns an `IndexDelta` to write together with the incidents it rebuilt.

`fingerprint(settings)` names the code, data and settings an index was built with: an index built otherwise is
never used (the next resolution is a full one, which rebuilds it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from ois import data
from ois.models import Override, Report
from ois.resolve.features import Profile, profile_json
from ois.settings import Settings

# The settings resolution reads: an index built with other values is rebuilt.
RESOLUTION_SETTINGS = (
    "match_window_days",
    "minhash_threshold",
    "minhash_perm",
    "link_threshold",
    "copy_min_words",
    "followup_window_days",
    "block_max_neighbors",
    "block_term_max_df",
    "salient_terms",
    "common_term_reports",
    "match_surname_similarity",
    "name_first_similarity",
)


def fingerprint(settings: Settings) -> str:
    values = json.dumps({name: settings[name] for name in RESOLUTION_SETTINGS}, sort_keys=True)
    code = data.code_digest(("resolve",), ("names.py", "boilerplate.py"), ("resolve_terms", "names", "boilerplate"))
    return hashlib.sha256((code + values).encode()).hexdigest()[:24]


def hash64(*parts: object) -> int:
    """A stable signed 64-bit hash (SQLite's integer) of a blocking key or a term."""
    raw = hashlib.blake2b(repr(parts).encode(), digest_size=8).digest()
    return int.from_bytes(raw, "big", signed=True)


@dataclass(frozen=True)
class Key:
    """A report's membership of one block: the block (hashed key), the key's type, the report's day."""

    block: int
    type: str
    day: int


@dataclass(frozen=True)
class Edge:
    """Two linked reports (`a` stored before `b`): the pair score and whether the link is strict (dates agree)."""

    a: str
    b: str
    score: float
    strict: bool


@dataclass(frozen=True)
class TermCount:
    """A term (hashed): how many reports have it (`reports`, capped at `common_term_reports`) and, while only
    one does, which (`holder`)."""

    term: int
    reports: int
    holder: str | None


@dataclass(frozen=True)
class ReportEntry:
    """Everything the index keeps about one report."""

    article_id: str
    profile: Profile
    keys: tuple[Key, ...]
    root: str
    signature: np.ndarray | None
    bands: tuple[int, ...]


@dataclass
class IndexRows:
    """An index (or the changed part of one) as plain rows for the store's tables."""

    entries: Iterable[tuple[str, str, str | None, str, bytes | None]]  # id, copy root, published, profile, signature
    keys: Iterable[tuple[int, str, int, str]]  # block, key type, day, article id
    bands: Iterable[tuple[int, str]]  # band key, article id
    edges: Iterable[tuple[str, str, float, int]]  # a, b, score, strict
    terms: Iterable[tuple[int, int, str | None]]  # term, reports (capped), holder
    salient: Iterable[tuple[int, str]]  # term, article id: the report's salient terms
    removed_edges: Iterable[tuple[str, str]] = ()


def _entry_rows(entries: Sequence[ReportEntry]) -> dict[str, Iterator[tuple]]:
    def signature(e: ReportEntry) -> bytes | None:
        return None if e.signature is None else e.signature.astype("<u4").tobytes()

    return {
        "entries": (
            (e.article_id, e.root, _iso(e.profile.published), profile_json(e.profile), signature(e)) for e in entries
        ),
        "keys": ((k.block, k.type, k.day, e.article_id) for e in entries for k in e.keys),
        "bands": ((b, e.article_id) for e in entries for b in e.bands),
        "salient": ((hash64(t), e.article_id) for e in entries for t in e.profile.terms),
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _edge_rows(edges: Iterable[Edge]) -> Iterator[tuple[str, str, float, int]]:
    return ((e.a, e.b, e.score, int(e.strict)) for e in edges)


def _term_rows(terms: Iterable[TermCount]) -> Iterator[tuple[int, int, str | None]]:
    return ((t.term, t.reports, t.holder) for t in terms)


@dataclass
class Index:
    """A whole index, as a full resolution builds it (`entries` in the reports' order)."""

    entries: list[ReportEntry] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    terms: list[TermCount] = field(default_factory=list)

    def rows(self) -> IndexRows:
        return IndexRows(**_entry_rows(self.entries), edges=_edge_rows(self.edges), terms=_term_rows(self.terms))


@dataclass
class IndexDelta:
    """What one incremental resolution changes: entries written anew (replacing a report's keys, profile, root
    and bands: new reports, and old ones whose profile or copy root changed), edges removed and written, term
    counts written."""

    entries: list[ReportEntry] = field(default_factory=list)
    removed_edges: set[tuple[str, str]] = field(default_factory=set)
    edges: list[Edge] = field(default_factory=list)
    terms: list[TermCount] = field(default_factory=list)

    def rows(self) -> IndexRows:
        return IndexRows(
            **_entry_rows(self.entries),
            edges=_edge_rows(self.edges),
            terms=_term_rows(self.terms),
            removed_edges=sorted(self.removed_edges),
        )


Member = tuple[int, int, str]  # a report in a block: day, position (the reports' order), article id


class IndexSource(Protocol):
    """What incremental resolution reads (the store implements it over its index tables, in plain values)."""

    def positions(self, ids: Iterable[str]) -> dict[str, int]: ...
    def reports_of(self, ids: Iterable[str]) -> dict[str, Report]: ...
    def texts_of(self, ids: Iterable[str]) -> dict[str, str]: ...
    def profiles_of(self, ids: Iterable[str]) -> dict[str, str]: ...
    def keys_of(self, ids: Iterable[str]) -> dict[str, list[tuple[int, str, int]]]: ...
    def term_counts(self, terms: Iterable[int]) -> dict[int, tuple[int, str | None]]: ...
    def salient_holders(self, terms: Iterable[int]) -> list[str]: ...
    def band_members(self, bands: Iterable[int]) -> dict[int, list[str]]: ...
    def copies_of(self, ids: Iterable[str]) -> dict[str, tuple[str, bytes | None, str | None]]: ...
    def copy_group(self, root: str) -> list[str]: ...
    def block_slice(self, block: int, first_day: int, last_day: int) -> list[Member]: ...
    def block_after(self, block: int, day: int, pos: int, limit: int) -> list[Member]: ...
    def block_last_dated(self, block: int, undated: int, limit: int) -> list[Member]: ...
    def edges_of(self, ids: Iterable[str]) -> list[tuple[str, str, float, bool]]: ...
    def incidents_of(self, ids: Iterable[str]) -> dict[str, str]: ...
    def members_of(self, incident_ids: Iterable[str]) -> list[str]: ...
    def incident_exists(self, incident_id: str) -> bool: ...


def signature_of(raw: bytes | None) -> np.ndarray | None:
    return None if raw is None else np.frombuffer(raw, dtype="<u4").astype(np.uint32)


def latest_overrides(overrides: Sequence[Override]) -> dict[frozenset[str], Override]:
    """The user's last word on each report pair (a split after a merge wins)."""
    return {frozenset((o.a, o.b)): o for o in overrides if o.kind in ("merge", "split")}


def pairs_of(latest: Mapping[frozenset[str], Override], kind: str) -> list[tuple[str, str]]:
    return [(o.a, o.b) for o in latest.values() if o.kind == kind]
