"""Resolve stage: link reports about the same real-world shooting into incidents.

    copies (MinHash/LSH)  ->  profiles  ->  blocking  ->  pair scoring  ->  constrained clustering
                          ->  stable ids (from the previous run)  ->  merged fields with support and conflicts

Resolution is a pure function of all reports, so incremental ingestion is simply a re-run: a new report joins
an existing incident (which keeps its id), a bridging report can merge two incidents (the larger keeps its id),
and user overrides (merge / split, stored by report id) are re-applied every time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ois import names
from ois.models import Incident, Override, Report
from ois.resolve.blocking import candidate_pairs
from ois.resolve.cluster import assign_ids, cluster
from ois.resolve.copies import find_copies
from ois.resolve.features import build_profiles
from ois.resolve.merge import merge_incident
from ois.resolve.scoring import score
from ois.settings import Settings

__all__ = ["Resolution", "resolve"]


@dataclass(frozen=True)
class Resolution:
    incidents: tuple[Incident, ...]
    copies: Mapping[str, str] = field(default_factory=dict)  # article id -> id of the article it copies


def resolve(
    reports: Sequence[Report],
    texts: Mapping[str, str],
    settings: Settings,
    previous: Mapping[str, str] | None = None,
    overrides: Sequence[Override] = (),
) -> Resolution:
    """Cluster reports into incidents (see module doc). Deterministic: same input, same incidents and ids."""
    previous = previous or {}
    reports = list({r.article_id: r for r in reports}.values())  # one report per article, the last one given
    published = {r.article_id: r.published for r in reports}
    roots = find_copies([r.article_id for r in reports], texts, published, settings)
    profiles = build_profiles(reports, texts, roots, settings)
    threshold, window, followup = settings.link_threshold, settings.match_window_days, settings.followup_window_days
    rule = names.rule(settings)
    edges = []
    for i, j in candidate_pairs(profiles, settings):
        scored = score(profiles[i], profiles[j], window, followup, rule)
        if scored is not None and scored[0] >= threshold:
            edges.append((scored[0], i, j, scored[1]))
    index = {r.article_id: n for n, r in enumerate(reports)}
    latest = {frozenset((o.a, o.b)): o for o in overrides}  # the user's last word on a pair wins (split after merge)
    pairs = {
        kind: [(index[o.a], index[o.b]) for o in latest.values() if o.kind == kind and o.a in index and o.b in index]
        for kind in ("merge", "split")
    }
    groups = cluster(profiles, edges, pairs["merge"], pairs["split"], settings.match_window_days)
    members = [[reports[i].article_id for i in g] for g in groups]
    far = dt.date.max
    ids = assign_ids(members, previous, lambda rid: (published.get(rid) or far, rid))
    incidents = tuple(
        sorted(
            (merge_incident(iid, [reports[i] for i in g], roots, rule) for iid, g in zip(ids, groups, strict=True)),
            key=lambda inc: inc.id,
        )
    )
    return Resolution(incidents, {a: r for a, r in roots.items() if a != r})
