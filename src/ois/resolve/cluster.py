"""Clustering scored pairs into incidents, and incident ids that stay stable across runs.

Greedy constrained agglomeration (strongest links first, like single linkage) with cannot-link checks between
whole clusters: two clusters never merge when their prevailing states differ, their prevailing incident dates
are more than `match_window_days` apart, or a user's split override separates a report of one from a report of
the other. The checks stop the chaining that plain union-find suffers from (A~B, B~C, yet A is not C).
User merge overrides are applied first and unconditionally.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ois.models import stable_id
from ois.resolve.features import Profile


class UnionFind:
    """Disjoint sets over hashable items; the smaller root wins so results do not depend on input order."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:  # path compression
            self.parent[x], x = root, self.parent.get(x, x)
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
        return min(ra, rb)


@dataclass
class _Group:
    members: set[int]
    states: Counter = field(default_factory=Counter)
    dates: Counter = field(default_factory=Counter)
    apart: set[int] = field(default_factory=set)  # reports a split override keeps out of this group

    def absorb(self, other: _Group) -> None:
        self.members |= other.members
        self.states.update(other.states)
        self.dates.update(other.dates)
        self.apart |= other.apart


def _mode(counter: Counter):
    return counter.most_common(1)[0][0] if counter else None


def _compatible(a: _Group, b: _Group, window: int, strict: bool) -> bool:
    if a.apart & b.members or b.apart & a.members:
        return False
    state_a, state_b = _mode(a.states), _mode(b.states)
    if state_a and state_b and state_a != state_b:
        return False
    if not strict:
        return True  # a follow-up link (full name, dates weeks apart): its dates are court dates, not a conflict
    date_a, date_b = _mode(a.dates), _mode(b.dates)
    return not (date_a and date_b and abs((date_a - date_b).days) > window)


def cluster(
    profiles: Sequence[Profile],
    edges: Iterable[tuple[float, int, int, bool]],
    forced: Iterable[tuple[int, int]],
    apart: Iterable[tuple[int, int]],
    window_days: int,
) -> list[list[int]]:
    """Clusters of profile indices (each sorted), from edges (score, i, j, strict) and user overrides.

    A strict edge must respect the date check; a follow-up edge (strict False) only the state and split checks.
    """
    groups = {p.idx: _Group({p.idx}) for p in profiles}
    for p in profiles:
        if p.state and p.city:  # a bare state is often the outlet's own, not the incident's
            groups[p.idx].states[p.state] += 1
        if p.date:
            groups[p.idx].dates[p.date] += 1
    for i, j in apart:
        groups[i].apart.add(j)
        groups[j].apart.add(i)
    uf = UnionFind()

    def join(i: int, j: int, check: bool, strict: bool = True) -> None:
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj or (check and not _compatible(groups[ri], groups[rj], window_days, strict)):
            return
        root = uf.union(ri, rj)
        keep, gone = (ri, rj) if root == ri else (rj, ri)
        if len(groups[keep].members) < len(groups[gone].members):  # merge small into large: O(n log n)
            groups[keep], groups[gone] = groups[gone], groups[keep]
        groups[keep].absorb(groups.pop(gone))

    for i, j in forced:
        join(i, j, check=False)
    for _, i, j, strict in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        join(i, j, check=True, strict=strict)
    return sorted(sorted(g.members) for g in groups.values())


def assign_ids(
    clusters: Sequence[Sequence[str]],
    previous: Mapping[str, str],
    age: Callable[[str], tuple[dt.date, str]],
    taken: Container[str] | None = None,
) -> list[str]:
    """One id per cluster of report ids.

    A cluster keeps the previous id most of its reports had. When two old incidents merge, the one with more
    reports keeps its id, then the older one (whose earliest report is earliest). A split-off part gets a new id.
    A brand-new cluster's id derives from its earliest report, so re-running on the same input gives the same ids.
    `taken`: incident ids a new id must not reuse (default: those in `previous`).
    """
    oldest: dict[str, tuple[dt.date, str]] = {}
    for report_id, incident_id in previous.items():
        key = age(report_id)
        if incident_id not in oldest or key < oldest[incident_id]:
            oldest[incident_id] = key
    claims = []
    for n, members in enumerate(clusters):
        counts = Counter(previous[r] for r in members if r in previous)
        first = min(age(r) for r in members) if counts else None
        # Ties between parts of a split incident: the part holding the earliest report keeps the id.
        claims.extend((-count, oldest[old], first, old, n) for old, count in counts.items())
    ids: list[str | None] = [None] * len(clusters)
    taken = set(previous.values()) if taken is None else taken
    used: set[str] = set()
    for _, _, _, old, n in sorted(claims):
        if ids[n] is None and old not in used:
            ids[n] = old
            used.add(old)
    for n, members in enumerate(clusters):
        if ids[n] is None:
            first = min(members, key=age)
            candidate, k = stable_id("incident", first), 0
            while candidate in taken or candidate in used:
                k += 1
                candidate = stable_id("incident", first, str(k))
            ids[n] = candidate
            used.add(candidate)
    return [i for i in ids if i is not None]
