"""Incremental resolution: new reports (or new merge/split overrides) re-resolve only what they touch.

`resolve` is a pure function of all reports, and every piece of it is local, so the incidents can be updated
instead of rebuilt, with exactly the incidents a full run would give (tests/test_incremental.py checks it):
- a profile depends on its report, its copy root and how many reports have each of its terms, capped at
  `common_term_reports` (`features.links`); a new report touches the old report whose term it shares for the
  first time, the old reports holding a salient term that it makes common (found through the index's term ->
  report table; each word becomes common once), and the members of a copy group whose root it changes;
- the candidate pairs of a block change only within `window` days of a report that enters or leaves it (or
  anywhere in a copy block, or among a name block's undated reports), so each block's stretch around the
  touched reports is paired before and after, and only the difference is scored;
- clustering works on the connected components of the linked pairs (plus merge overrides), and incident ids on
  the incidents that had those reports: the components holding a touched report or a changed link, closed
  under old incident membership, are clustered, named and merged again; every other incident stays as it is.
The index (`index.py`) is read through the store (`IndexSource`); `resolve_new` returns the rebuilt incidents
and an `IndexDelta`, which the pipeline stores with them in one transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ois import boilerplate, names
from ois.models import Incident, Override, Report
from ois.resolve import clustered, entry
from ois.resolve.blocking import UNDATED, undated_name_pairs, window_of, window_pairs
from ois.resolve.cluster import UnionFind
from ois.resolve.copies import band_keys, group_root, is_copy, signatures
from ois.resolve.features import Profile, build_profile, links, profile_from_json, term_counts
from ois.resolve.index import (
    Edge,
    IndexDelta,
    IndexSource,
    Member,
    ReportEntry,
    TermCount,
    hash64,
    latest_overrides,
    pairs_of,
    signature_of,
)
from ois.resolve.merge import merge_incident
from ois.resolve.scoring import score
from ois.settings import Settings

Pair = tuple[str, str]  # (earlier report, later report) in the reports' order


@dataclass
class Update:
    """An incremental resolution: the rebuilt incidents, the ids of the incidents they replace, the reports
    whose incident was recomputed, and the index changes."""

    incidents: tuple[Incident, ...]
    replaced: set[str]
    region: list[str]
    delta: IndexDelta = field(default_factory=IndexDelta)


@dataclass
class _Run:
    """The working state of one incremental resolution."""

    source: IndexSource
    settings: Settings
    pos: dict[str, int] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    entries: dict[str, ReportEntry] = field(default_factory=dict)  # touched reports, rebuilt
    terms: dict[int, TermCount] = field(default_factory=dict)  # term counts after this batch
    roots: dict[str, str] = field(default_factory=dict)  # copy roots that change (or are new)
    delta: IndexDelta = field(default_factory=IndexDelta)

    def pair(self, a: str, b: str) -> Pair:
        return (a, b) if self.pos[a] < self.pos[b] else (b, a)

    def note(self, members: Iterable[Member]) -> list[Member]:
        """Remember the positions of block members read from the index; returns them."""
        members = list(members)
        self.pos.update({article_id: pos for _, pos, article_id in members})
        return members

    def linking(self, term: int) -> bool:
        """Whether a term (hashed) of a rebuilt report may be one of its salient terms, after this batch."""
        count = self.terms.get(term)
        return count is not None and links(count.reports, self.settings)

    def locate(self, ids: Iterable[str]) -> None:
        missing = [i for i in ids if i not in self.pos]
        if missing:
            self.pos.update(self.source.positions(missing))


# --- touched reports: terms that start or stop linking, copy groups whose root changes -----------------------------
def _count_terms(run: _Run, texts: Mapping[str, str], new: Sequence[str]) -> tuple[dict[str, dict], set[str]]:
    """Per new report its terms (hash -> term counts of the text); updates the term counts; the old reports
    whose profile changes: the one holder of a term a new report now shares, and those holding a salient term
    the new reports make common."""
    counts = {i: term_counts(boilerplate.strip(texts.get(i) or "")) for i in new}
    hashed = {i: {t: hash64(t) for t in tf} for i, tf in counts.items()}
    holders: dict[int, list[str]] = defaultdict(list)
    for article_id in new:
        for h in hashed[article_id].values():
            holders[h].append(article_id)
    before = run.source.term_counts(holders)
    settings, touched, common = run.settings, set(), []
    for h, ids in holders.items():
        had, holder = before.get(h, (0, None))
        now = min(had + len(ids), settings.common_term_reports)
        run.terms[h] = TermCount(h, now, ids[0] if now == 1 else None)
        if now == had:  # common already: it stays so
            continue
        run.delta.terms.append(run.terms[h])
        if holder and links(now, settings):
            touched.add(holder)
        if links(had, settings) and not links(now, settings):
            common.append(h)
    touched.update(run.source.salient_holders(common))
    return {i: {"tf": counts[i], "hashes": hashed[i]} for i in new}, touched


def _copy_groups(run: _Run, new: Sequence[str], texts: Mapping[str, str]) -> tuple[dict, set[str]]:
    """Signatures of the new reports; links them to old and new copies; the old reports whose root changes."""
    settings = run.settings
    sigs = dict(zip(new, signatures([texts.get(i) or "" for i in new], settings), strict=True))
    bands = {i: band_keys(s, settings) for i, s in sigs.items() if s is not None}
    stored = run.source.band_members({b for keys in bands.values() for b in keys})
    info = run.source.copies_of({o for ids in stored.values() for o in ids})
    published = {i: run.reports[i].published for i in new}
    published.update({o: _day(p) for o, (_, _, p) in info.items()})
    groups = UnionFind()
    seen: dict[int, list[str]] = defaultdict(list)
    for article_id in new:  # in the reports' order, like the full run
        if article_id not in bands:
            continue
        keys, mine = bands[article_id], sigs[article_id]
        for other in dict.fromkeys(o for k in keys for o in [*stored.get(k, ()), *seen.get(k, ())]):
            theirs = sigs[other] if other in sigs else signature_of(info[other][1])
            if theirs is not None and is_copy(mine, theirs, published[article_id], published.get(other), settings):
                groups.union(article_id, other)
                if other in info:
                    groups.union(other, "root:" + info[other][0])
        for k in keys:
            seen[k].append(article_id)
    components: dict[str, set[str]] = defaultdict(set)
    for item in set(groups.parent) | set(groups.parent.values()):
        components[groups.find(item)].add(item)
    touched = set()
    for items in components.values():
        members = {i for i in items if not i.startswith("root:")}
        for marker in items - members:
            members.update(run.source.copy_group(marker[5:]))
        old = run.source.copies_of(members - set(new))
        published.update({o: _day(p) for o, (_, _, p) in old.items()})
        root = group_root(sorted(members), published)
        for member in members:
            if member in old and old[member][0] != root:
                touched.add(member)
            if member not in old or old[member][0] != root:
                run.roots[member] = root
    return sigs, touched


def _day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def _rebuild(run: _Run, ids: Sequence[str], texts: Mapping[str, str], parts: dict, sigs: dict) -> None:
    """New index entries (profile, keys, bands) of the touched reports."""
    old = [i for i in ids if i not in parts]
    if old:
        for i, text in run.source.texts_of(old).items():
            tf = term_counts(boilerplate.strip(text or ""))
            parts[i] = {"tf": tf, "hashes": {t: hash64(t) for t in tf}}
        for i in old:
            parts.setdefault(i, {"tf": {}, "hashes": {}})
        missing = {h for i in old for h in parts[i]["hashes"].values() if h not in run.terms}
        for h, (reports, holder) in run.source.term_counts(missing).items():
            run.terms[h] = TermCount(h, reports, holder)
        stored = run.source.copies_of(old)
        sigs.update({i: signature_of(stored[i][1]) if i in stored else None for i in old})
    for article_id in ids:
        hashes = parts[article_id]["hashes"]
        linking = {t for t, h in hashes.items() if run.linking(h)}
        root = run.roots.get(article_id) or _stored_root(run, article_id)
        report = run.reports[article_id]
        profile = build_profile(
            run.pos[article_id], report, parts[article_id]["tf"], linking.__contains__, root, run.settings
        )
        run.entries[article_id] = entry(profile, root, sigs.get(article_id), run.settings)


def _stored_root(run: _Run, article_id: str) -> str:
    stored = run.source.copies_of([article_id])
    return stored[article_id][0] if article_id in stored else article_id


# --- candidate pairs before and after, around the touched reports -------------------------------------------------
@dataclass
class _Blocks:
    """Per affected block: its type, the touched reports' old and new days in it."""

    types: dict[int, str] = field(default_factory=dict)
    days: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    new: dict[int, list[Member]] = field(default_factory=lambda: defaultdict(list))
    removed: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # touched reports it held


def _affected(run: _Run, old_keys: Mapping[str, list[tuple[int, str, int]]]) -> _Blocks:
    blocks = _Blocks()
    for keys in old_keys.values():
        for block, kind, day in keys:
            blocks.types[block] = kind
            blocks.days[block].add(day)
            blocks.removed[block] += 1
    for article_id, e in run.entries.items():
        for k in e.keys:
            blocks.types[k.block] = k.type
            blocks.days[k.block].add(k.day)
            blocks.new[k.block].append((k.day, run.pos[article_id], article_id))
    return blocks


def _intervals(days: set[int], window: int) -> list[tuple[int, int, int]]:
    """Merged stretches (first day, last day, last changed day) within `window` of a changed day."""
    out: list[list[int]] = []
    for day in sorted(days):
        if out and day - window <= out[-1][1]:
            out[-1][1], out[-1][2] = day + window, day
        else:
            out.append([day - window, day + window, day])
    return [(a, b, c) for a, b, c in out]


def _pairs(members: Sequence[Member], window: int | None, cap: int, last_first: int | None) -> set[Pair]:
    """Pairs of a stretch of a block (members by day, then order), counting only the neighbour lists that are
    complete in it (those starting on or before `last_first`)."""
    ordered = sorted(members)
    ids = {pos: article_id for _, pos, article_id in ordered}
    days = {pos: day for day, pos, _ in ordered}
    return {
        (ids[i], ids[j])
        for i, j in window_pairs([(day, pos) for day, pos, _ in ordered], window, cap)
        if last_first is None or days[i] <= last_first
    }


def _undated_pairs(
    run: _Run, block: int, members_now: Sequence[Member], touched: set[str], removed: int
) -> tuple[set[Pair], set[Pair]]:
    """A name block's undated reports paired with its `cap` last stored dated ones, before and after."""
    cap = run.settings.block_max_neighbors
    undated_old = run.note(run.source.block_slice(block, UNDATED, UNDATED))
    undated_new = [m for m in undated_old if m[2] not in touched] + [m for m in members_now if m[0] == UNDATED]
    if not undated_old and not undated_new:
        return set(), set()
    dated_old = run.note(run.source.block_last_dated(block, UNDATED, cap + removed))
    dated_new = sorted(
        [m for m in dated_old if m[2] not in touched] + [m for m in members_now if m[0] != UNDATED],
        key=lambda m: m[1],
    )

    def pairs(undated: Sequence[Member], dated: Sequence[Member]) -> set[Pair]:
        last = [m[2] for m in sorted(dated, key=lambda m: m[1])[-cap:]]
        return {run.pair(u, d) for u, d in undated_name_pairs((m[2] for m in undated), last)}

    return pairs(undated_old, dated_old), pairs(undated_new, dated_new)


def _changed_pairs(run: _Run, blocks: _Blocks, touched: set[str]) -> tuple[set[Pair], set[Pair]]:
    """(candidate pairs before, after) over the stretches of every affected block around its changes."""
    cap, before, after = run.settings.block_max_neighbors, set(), set()
    for block, kind in blocks.types.items():
        window = window_of(kind, run.settings)
        if window is None:
            stretches = [(-UNDATED, 2 * UNDATED, None)]
        else:
            stretches = [(a, b, c) for a, b, c in _intervals(blocks.days[block], window)]
        for first, last, last_first in stretches:
            old = run.note(run.source.block_slice(block, first, last))
            mine = [m for m in blocks.new[block] if first <= m[0] <= last]
            new = [m for m in old if m[2] not in touched] + mine
            before |= {run.pair(*p) for p in _pairs(old, window, cap, last_first)}
            after |= {run.pair(*p) for p in _pairs(new, window, cap, last_first)}
        if kind == "name":
            old_pairs, new_pairs = _undated_pairs(run, block, blocks.new[block], touched, blocks.removed[block])
            before |= old_pairs
            after |= new_pairs
    return before, after


def _still_candidate(run: _Run, pair: Pair, blocks: _Blocks, touched: set[str]) -> bool:
    """Whether two untouched reports whose pair left a stretch still pair through one of their shared blocks."""
    a, b = pair
    keys = run.source.keys_of(pair)
    first = {k[0]: k for k in keys.get(a, ())}
    other = {k[0]: k for k in keys.get(b, ())}
    cap = run.settings.block_max_neighbors
    for block in first.keys() & other.keys():
        kind, day_a, day_b = first[block][1], first[block][2], other[block][2]
        lead, follow = sorted([(day_a, run.pos[a], a), (day_b, run.pos[b], b)])
        window = window_of(kind, run.settings)
        if kind == "name" and (day_a == UNDATED) != (day_b == UNDATED):
            if pair in _undated_pairs(run, block, blocks.new.get(block, []), touched, blocks.removed[block])[1]:
                return True
            continue
        if window is not None and follow[0] - lead[0] > window:
            continue
        later = run.note(run.source.block_after(block, lead[0], lead[1], cap + blocks.removed.get(block, 0)))
        later = sorted([m for m in later if m[2] not in touched] + [m for m in blocks.new.get(block, []) if m > lead])
        if follow in later[:cap]:
            return True
    return False


# --- links, the region they change, and its incidents ----------------------------------------------------------
def _profiles(run: _Run, ids: Iterable[str]) -> dict[str, Profile]:
    ids = set(ids)
    out = {i: run.entries[i].profile for i in ids if i in run.entries}
    stored = run.source.profiles_of(ids - out.keys())
    run.locate(stored)
    out.update({i: profile_from_json(raw, run.pos[i]) for i, raw in stored.items()})
    return out


def _relink(run: _Run, before: set[Pair], after: set[Pair], blocks: _Blocks, touched: set[str]) -> set[str]:
    """Score the pairs that are new or involve a touched report; drop the links that are no longer candidates.
    Returns the reports whose links changed."""
    settings = run.settings
    rescored = {p for p in after if p[0] in touched or p[1] in touched} | (after - before)
    around = touched | {x for p in before | after for x in p}
    old_edges = {(a, b): (s, strict) for a, b, s, strict in run.source.edges_of(around)}
    profiles = _profiles(run, {x for p in rescored for x in p})
    rule = names.rule(settings)
    changed: set[str] = set()
    for a, b in sorted(rescored, key=lambda p: (run.pos[p[0]], run.pos[p[1]])):
        scored = score(profiles[a], profiles[b], settings.match_window_days, settings.followup_window_days, rule)
        now = (scored[0], scored[1]) if scored is not None and scored[0] >= settings.link_threshold else None
        if now is not None and old_edges.get((a, b)) != now:
            run.delta.edges.append(Edge(a, b, now[0], now[1]))
            changed.update((a, b))
        elif now is None and (a, b) in old_edges:
            run.delta.removed_edges.add((a, b))
            changed.update((a, b))
    lost = before - after
    for pair in old_edges.keys() - rescored:
        mine = pair[0] in touched or pair[1] in touched  # its pairs after this run are all in `after`
        if mine or (pair in lost and not _still_candidate(run, pair, blocks, touched)):
            run.delta.removed_edges.add(pair)
            changed.update(pair)
    return changed


def _region(
    run: _Run, seeds: set[str], merges: Sequence[tuple[str, str]], excluded: Container[str]
) -> tuple[list[str], dict[str, str]]:
    """The reports whose incident may change: the seeds, closed under links, merge overrides and the old
    incidents' membership (never `excluded` ones). Returns them in the reports' order, with their old incident
    ids."""
    added = {(e.a, e.b): e for e in run.delta.edges}
    forced: dict[str, set[str]] = defaultdict(set)
    for a, b in merges:
        forced[a].add(b)
        forced[b].add(a)
    region: set[str] = set()
    previous: dict[str, str] = {}
    frontier = set(seeds)
    while frontier:
        region |= frontier
        found = run.source.incidents_of(frontier)
        previous.update(found)
        stored = run.source.edges_of(frontier)
        linked = {x for a, b, _, _ in stored if (a, b) not in run.delta.removed_edges for x in (a, b)}
        linked |= {x for a, b in added for x in (a, b) if a in frontier or b in frontier}
        linked |= {x for i in frontier for x in forced.get(i, ())}
        frontier = {i for i in set(run.source.members_of(set(found.values()))) | linked if i not in excluded} - region
    run.locate(region)
    return sorted(
        (i for i in region if i in run.pos), key=run.pos.__getitem__
    ), previous  # overrides may name gone reports


def resolve_new(
    new_ids: Sequence[str],
    source: IndexSource,
    settings: Settings,
    overrides: Sequence[Override] = (),
    override_reports: Iterable[str] = (),
    excluded: Container[str] = (),
) -> Update:
    """Resolve the reports `new_ids` (stored, not yet in the index) into the indexed incidents, and re-apply
    the user's merge/split overrides about `override_reports` (those added since the last resolution).
    `excluded`: articles whose reports resolution leaves out (an editor marked them not a police shooting)."""
    run = _Run(source, settings)
    new = list(set(new_ids))
    run.locate(new)
    new.sort(key=run.pos.__getitem__)
    run.reports.update(source.reports_of(new))
    texts = source.texts_of(new)
    parts, shared_first = _count_terms(run, texts, new)
    sigs, regrouped = _copy_groups(run, new, texts)
    touched = set(new) | shared_first | regrouped
    old = sorted(touched - set(new))
    run.locate(old)
    run.reports.update(source.reports_of(old))
    _rebuild(run, sorted(touched, key=run.pos.__getitem__), texts, parts, sigs)
    blocks = _affected(run, source.keys_of(old))
    before, after = _changed_pairs(run, blocks, touched)
    changed = _relink(run, before, after, blocks, touched)
    latest = latest_overrides(overrides)
    overridden = source.positions(override_reports)  # an override may name reports that are gone
    run.pos.update(overridden)
    ids, previous = _region(run, touched | changed | set(overridden), pairs_of(latest, "merge"), excluded)
    profiles = _profiles(run, ids)
    local = {article_id: n for n, article_id in enumerate(ids)}
    edges = [(s, local[a], local[b], strict) for a, b, s, strict in _final_edges(run, ids)]
    named = clustered(
        [dataclasses.replace(profiles[i], idx=local[i]) for i in ids],
        edges,
        [o for o in latest.values() if o.a in local and o.b in local],
        previous,
        settings,
        taken=_Taken(source, set(previous.values())),
    )
    # An incident with the same id and reports as before, none of them touched, merges to what is stored.
    before: dict[str, set[str]] = defaultdict(set)
    for report_id, incident_id in previous.items():
        before[incident_id].add(report_id)
    redo = [
        (iid, [ids[n] for n in g])
        for iid, g in named
        if before.get(iid) != {ids[n] for n in g} or touched & {ids[n] for n in g}
    ]
    run.reports.update(source.reports_of([r for _, g in redo for r in g if r not in run.reports]))
    roots = {i: r for i, (r, _, _) in source.copies_of([r for _, g in redo for r in g]).items()} | run.roots
    rule = names.rule(settings)
    incidents = tuple(merge_incident(iid, [run.reports[r] for r in g], roots, rule) for iid, g in redo)
    kept = {iid for iid, g in named} - {iid for iid, _ in redo}
    run.delta.entries = [run.entries[i] for i in sorted(run.entries, key=run.pos.__getitem__)]
    return Update(incidents, set(previous.values()) - kept, ids, run.delta)


def _final_edges(run: _Run, ids: Sequence[str]) -> list[tuple[str, str, float, bool]]:
    """The links among the region's reports after this run's changes."""
    inside = set(ids)
    edges = {
        (a, b): (s, strict)
        for a, b, s, strict in run.source.edges_of(inside)
        if a in inside and b in inside and (a, b) not in run.delta.removed_edges
    }
    edges.update({(e.a, e.b): (e.score, e.strict) for e in run.delta.edges if e.a in inside and e.b in inside})
    return [(a, b, s, strict) for (a, b), (s, strict) in edges.items()]


class _Taken:
    """Incident ids in use: the region's own, and any stored incident's."""

    def __init__(self, source: IndexSource, region: set[str]):
        self.source, self.region = source, region

    def __contains__(self, incident_id: object) -> bool:
        return incident_id in self.region or (isinstance(incident_id, str) and self.source.incident_exists(incident_id))
