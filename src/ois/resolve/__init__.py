"""Resolve stage: link reports about the same real-world shooting into incidents.

    copies (MinHash/LSH)  ->  profiles  ->  blocking  ->  pair scoring  ->  constrained clustering
                          ->  stable ids (from the previous run)  ->  merged fields with support and conflicts

`resolve` is a pure function of all reports: a new report joins an existing incident (which keeps its id), a
bridging report can merge two incidents (the larger keeps its id), and user overrides (merge / split, stored by
report id) are re-applied every time. With `index=True` it also returns what `incremental.resolve_new` needs to
resolve later reports by redoing only the blocks they touch, with the same incidents as a full run
(docs/performance.md, Incremental resolution).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ois import boilerplate, names
from ois.models import Incident, Override, Report
from ois.resolve.blocking import candidate_pairs, day_of, report_keys
from ois.resolve.cluster import assign_ids, cluster
from ois.resolve.copies import band_keys, copy_roots, signatures
from ois.resolve.features import Profile, build_profile, links, term_counts
from ois.resolve.index import Edge, Index, Key, ReportEntry, TermCount, hash64, latest_overrides, pairs_of
from ois.resolve.merge import merge_incident
from ois.resolve.scoring import place_vetoed, score
from ois.settings import Settings

__all__ = ["Resolution", "resolve"]

_FAR = dt.date.max
_CHUNK = 4096  # texts read together


@dataclass(frozen=True)
class Resolution:
    incidents: tuple[Incident, ...]
    copies: Mapping[str, str] = field(default_factory=dict)  # article id -> id of the article it copies
    index: Index | None = None  # with resolve(..., index=True)


def linked(
    profiles: Sequence[Profile], pairs: tuple[np.ndarray, np.ndarray], settings: Settings
) -> list[tuple[float, int, int, bool]]:
    """The candidate pairs (`candidate_pairs`: the arrays of i and of j) that score at or above `link_threshold`:
    (score, i, j, strict). Pairs vetoed for their places are dropped at once, unscored."""
    threshold, window, followup = settings.link_threshold, settings.match_window_days, settings.followup_window_days
    rule = names.rule(settings)
    edges = []
    kept = ~place_vetoed(profiles, *pairs)
    for i, j in zip(pairs[0][kept].tolist(), pairs[1][kept].tolist(), strict=True):
        scored = score(profiles[i], profiles[j], window, followup, rule)
        if scored is not None and scored[0] >= threshold:
            edges.append((scored[0], i, j, scored[1]))
    return edges


def clustered(
    profiles: Sequence[Profile],
    edges: Iterable[tuple[float, int, int, bool]],
    overrides: Sequence[Override],
    previous: Mapping[str, str],
    settings: Settings,
    taken: Container[str] | None = None,
) -> list[tuple[str, list[int]]]:
    """Clusters of profile indices over their links and the user's overrides, each with its stable incident id.
    `taken`: incident ids in use (default: those of `previous`)."""
    index = {p.id: p.idx for p in profiles}
    latest = latest_overrides(overrides)  # the user's last word on a pair wins (split after merge)
    pairs = {
        kind: [(index[a], index[b]) for a, b in pairs_of(latest, kind) if a in index and b in index]
        for kind in ("merge", "split")
    }
    groups = cluster(profiles, edges, pairs["merge"], pairs["split"], settings.match_window_days)
    members = [[profiles[i].id for i in g] for g in groups]
    published = {p.id: p.published for p in profiles}
    ids = assign_ids(members, previous, lambda rid: (published.get(rid) or _FAR, rid), taken)
    return list(zip(ids, groups, strict=True))


def incidents_of(
    reports: Sequence[Report],
    profiles: Sequence[Profile],
    edges: Iterable[tuple[float, int, int, bool]],
    roots: Mapping[str, str],
    previous: Mapping[str, str],
    overrides: Sequence[Override],
    settings: Settings,
) -> tuple[Incident, ...]:
    """Cluster reports (profiles[i] is reports[i]'s), give each cluster its stable id and merge it."""
    rule = names.rule(settings)
    named = clustered(profiles, edges, overrides, previous, settings)
    merged = (merge_incident(iid, [reports[i] for i in g], roots, rule) for iid, g in named)
    return tuple(sorted(merged, key=lambda inc: inc.id))


def term_index(
    counts: Sequence[Counter[str]], ids: Sequence[str], settings: Settings
) -> tuple[Counter[str], list[TermCount]]:
    """How many reports have each term, and the index's view of it (the count capped at `common_term_reports`,
    and its holder while only one report has it)."""
    df = _document_counts(counts)
    holder: dict[str, str] = {}
    for article_id, tf in zip(ids, counts, strict=True):
        for term in tf:
            holder.setdefault(term, article_id)
    cap = settings.common_term_reports
    return df, [TermCount(hash64(t), min(n, cap), holder[t] if n == 1 else None) for t, n in df.items()]


def read_texts(texts: Sequence[str], settings: Settings) -> tuple[list[np.ndarray | None], list[Counter[str]]]:
    """Each text's MinHash `signatures` and `term_counts`, stripping its boilerplate once (a chunk at a time: the
    stripped texts are not all kept)."""
    sigs: list[np.ndarray | None] = []
    counts: list[Counter[str]] = []
    for first in range(0, len(texts), _CHUNK):
        chunk = texts[first : first + _CHUNK]
        stories = [boilerplate.strip(text) for text in chunk]
        sigs += signatures(chunk, settings, stories)
        counts += map(term_counts, stories)
    return sigs, counts


def entry(p: Profile, root: str, signature, settings: Settings) -> ReportEntry:
    """A report's index entry (`signature`: its MinHash signature, None when its text is too short)."""
    keys = tuple(Key(hash64(*k), k[0], day_of(p)) for k in report_keys(p, settings))
    bands = tuple(band_keys(signature, settings)) if signature is not None else ()
    return ReportEntry(p.id, p, keys, root, signature, bands)


def resolve(
    reports: Sequence[Report],
    texts: Mapping[str, str],
    settings: Settings,
    previous: Mapping[str, str] | None = None,
    overrides: Sequence[Override] = (),
    index: bool = False,
) -> Resolution:
    """Cluster reports into incidents (see module doc). Deterministic: same input, same incidents and ids."""
    reports = list({r.article_id: r for r in reports}.values())  # one report per article, the last one given
    ids = [r.article_id for r in reports]
    published = {r.article_id: r.published for r in reports}
    sigs, counts = read_texts([texts.get(i) or "" for i in ids], settings)
    roots = copy_roots(ids, sigs, published, settings)
    df, terms = term_index(counts, ids, settings) if index else (_document_counts(counts), [])
    linking = {t for t, n in df.items() if links(n, settings)}
    profiles = [
        build_profile(n, r, tf, linking.__contains__, roots.get(r.article_id, r.article_id), settings)
        for n, (r, tf) in enumerate(zip(reports, counts, strict=True))
    ]
    del counts
    edges = linked(profiles, candidate_pairs(profiles, settings), settings)
    incidents = incidents_of(reports, profiles, edges, roots, previous or {}, overrides, settings)
    built = None
    if index:
        built = Index(
            [entry(p, p.root, sig, settings) for p, sig in zip(profiles, sigs, strict=True)],
            [Edge(ids[i], ids[j], s, strict) for s, i, j, strict in edges],
            terms,
        )
    return Resolution(incidents, {a: r for a, r in roots.items() if a != r}, built)


def _document_counts(counts: Sequence[Counter[str]]) -> Counter[str]:
    df: Counter[str] = Counter()
    for tf in counts:
        df.update(tf.keys())
    return df
