"""Incremental resolution (issue 10): ingesting reports batch by batch gives exactly the incidents, ids and
resolution index that one full resolution of the same reports gives, with overrides and undated reports too."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from ois import pipeline
from ois.models import Article, Override, Report, Screening, to_dict
from ois.resolve import resolve
from ois.settings import Settings
from ois.store import Store

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from synth_reports import generate  # noqa: E402

SETTINGS = Settings(env={})
_INDEX_QUERIES = {
    "entries": "select article_id, root, published, profile, signature from resolve_entries",
    "keys": "select block, day, pos, article_id, type from resolve_keys",
    "bands": "select band, article_id from resolve_bands",
    "edges": "select a, b, score, strict from resolve_edges",
    "terms": "select term, reports, holder from resolve_terms",
    "salient": "select term, article_id from resolve_salient",
}


def corpus(n: int, seed: int, undated_every: int = 0) -> tuple[list[Report], dict[str, str]]:
    """Synthetic reports (scripts/synth_reports.py); every `undated_every`-th has no date at all."""
    reports, texts, _ = generate(n, seed)
    if undated_every:
        reports = [
            dataclasses.replace(r, incident_date=None, published=None) if k % undated_every == 3 else r
            for k, r in enumerate(reports)
        ]
    return reports, texts


def add(store: Store, reports: Sequence[Report], texts: dict[str, str]) -> None:
    for r in reports:
        article = Article(r.article_id, f"Report {r.article_id}", texts[r.article_id], None, r.published)
        store.add_processed(article, Screening(r.article_id, True, 3.0, reason="synthetic"), r)


def stored_incidents(store: Store) -> dict[str, dict]:
    rows = store.db.execute("select id from incidents").fetchall()
    return {incident_id: to_dict(store.incident(incident_id)) for (incident_id,) in rows}


def index_of(db: Path | Store) -> dict[str, set]:
    conn = db.db.conn if isinstance(db, Store) else sqlite3.connect(db)
    return {name: set(conn.execute(sql).fetchall()) for name, sql in _INDEX_QUERIES.items()}


def full(store: Store, previous: dict[str, str], settings: Settings = SETTINGS) -> dict[str, dict]:
    """What one full resolution of every stored report gives, from the same previous assignments."""
    resolution = resolve(store.reports(), store.texts(), settings, previous, store.overrides())
    return {incident.id: to_dict(incident) for incident in resolution.incidents}


def ingest_in_batches(
    store: Store, reports: list[Report], texts: dict[str, str], cuts: Sequence[int], settings: Settings = SETTINGS
) -> None:
    """Store the reports batch by batch, resolving after each; every incremental step equals a full one."""
    bounds = [0, *sorted(set(cuts)), len(reports)]
    for start, end in zip(bounds, bounds[1:], strict=False):
        if start == end:
            continue
        previous = store.previous_assignments()
        add(store, reports[start:end], texts)
        pipeline.reresolve(store, settings)
        assert store.unresolved() == 0
        assert stored_incidents(store) == full(store, previous, settings), f"batch {start}:{end}"


def test_batches_resolve_like_one_full_resolution(tmp_path):
    reports, texts = corpus(400, seed=3, undated_every=29)
    store = Store(tmp_path / "inc.db")
    ingest_in_batches(store, reports, texts, [150, 151, 260, 330])
    # The index after the increments is the one a full resolution of everything builds.
    rebuilt = Store(tmp_path / "full.db")
    add(rebuilt, reports, texts)
    pipeline.reresolve(rebuilt, SETTINGS)
    assert index_of(store) == index_of(rebuilt)

    # The same incidents (ids may differ: an incident keeps the id it had when a later batch grew it).
    def partition(s: Store) -> set[tuple[str, ...]]:
        return {tuple(sorted(d["report_ids"])) for d in stored_incidents(s).values()}

    assert partition(store) == partition(rebuilt)


def test_words_becoming_common_mid_way_resolve_like_one_full_resolution(tmp_path):
    """The synthetic template's words cross `common_term_reports` in the second batch: the reports holding them
    among their salient terms are rebuilt, and every batch still equals a full resolution, index included."""
    reports, texts = corpus(160, seed=6)
    settings = SETTINGS.replace(common_term_reports=40)
    store = Store(tmp_path / "inc.db")
    ingest_in_batches(store, reports, texts, [30, 45, 100], settings)
    assert store.db.execute("select count(*) from resolve_terms where reports = 40").fetchone()[0] > 10
    rebuilt = Store(tmp_path / "full.db")
    add(rebuilt, reports, texts)
    pipeline.reresolve(rebuilt, settings)
    assert index_of(store) == index_of(rebuilt)


def test_an_increment_rebuilds_only_what_it_touches(tmp_path, monkeypatch):
    reports, texts = corpus(300, seed=5)
    store = Store(tmp_path / "inc.db")
    add(store, reports[:290], texts)
    pipeline.reresolve(store, SETTINGS)
    untouched = {i: d for i, d in stored_incidents(store).items()}
    calls: list[int] = []
    real = pipeline.resolve

    def no_full_resolution(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "resolve", no_full_resolution)
    add(store, reports[290:], texts)
    pipeline.reresolve(store, SETTINGS)
    assert calls == []  # resolved incrementally
    after = stored_incidents(store)
    kept = sum(1 for i, d in untouched.items() if after.get(i) == d)
    assert kept >= len(untouched) - 30  # ten new reports rewrite a few incidents, not all


def test_overrides_apply_incrementally(tmp_path):
    reports, texts = corpus(200, seed=11)
    store = Store(tmp_path / "inc.db")
    ingest_in_batches(store, reports, texts, [120])
    incidents = sorted(stored_incidents(store).values(), key=lambda d: -len(d["report_ids"]))
    big = incidents[0]["report_ids"]
    lone = incidents[-1]["report_ids"][0]
    for override in (Override("split", big[0], big[1]), Override("merge", lone, big[0])):
        previous = store.previous_assignments()
        pipeline.add_overrides(store, SETTINGS, override)
        assert stored_incidents(store) == full(store, previous)
    by_report = store.previous_assignments()
    assert by_report[lone] == by_report[big[0]] != by_report[big[1]]


def test_a_changed_report_falls_back_to_a_full_resolution(tmp_path):
    reports, texts = corpus(120, seed=2)
    store = Store(tmp_path / "inc.db")
    ingest_in_batches(store, reports, texts, [60])
    first = reports[0]
    moved = dataclasses.replace(first, published=(first.published or dt.date(2020, 1, 1)) + dt.timedelta(days=900))
    previous = store.previous_assignments()
    store.add_report(moved)  # a corrected article's new report
    pipeline.reresolve(store, SETTINGS)
    assert stored_incidents(store) == full(store, previous)
    assert store.db.execute("select count(*) from resolve_changes").fetchone()[0] == 0


def test_other_settings_rebuild_the_index(tmp_path):
    reports, texts = corpus(100, seed=4)
    store = Store(tmp_path / "inc.db")
    ingest_in_batches(store, reports, texts, [50])
    looser = SETTINGS.replace(link_threshold=0.3)
    add(store, [], texts)
    store.db.execute("update meta set value = '0' where key = 'resolved_generation'")  # ask for a resolution
    store.db.conn.commit()
    pipeline.reresolve(store, looser)
    expected = resolve(store.reports(), store.texts(), looser, store.previous_assignments())
    assert set(stored_incidents(store)) == {i.id for i in expected.incidents}


def test_status_resolves_reports_a_stopped_run_left(tmp_path):
    reports, texts = corpus(80, seed=9)
    store = Store(tmp_path / "inc.db")
    ingest_in_batches(store, reports, texts, [40, 70])
    assert pipeline.resolve_pending(store, SETTINGS) == 0
    late = dataclasses.replace(reports[0], article_id="late-copy")  # a wire copy stored by a run that then stopped
    previous = store.previous_assignments()
    add(store, [late], {"late-copy": texts[reports[0].article_id] + " The story was updated."})
    assert store.unresolved() == 1
    assert pipeline.resolve_pending(store, SETTINGS) == 1
    assert store.unresolved() == 0
    assert stored_incidents(store) == full(store, previous)
    assert store.previous_assignments()["late-copy"] == store.previous_assignments()[reports[0].article_id]


@hsettings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(20, 90),
    cuts=st.lists(st.integers(1, 89), max_size=4),
    undated_every=st.sampled_from([0, 7]),
    common=st.sampled_from([SETTINGS.common_term_reports, 12]),  # 12: template words become common mid-way
)
def test_any_split_into_batches_equals_a_full_resolution(tmp_path_factory, seed, n, cuts, undated_every, common):
    reports, texts = corpus(n, seed, undated_every)
    store = Store(tmp_path_factory.mktemp("prop") / "inc.db")
    settings = SETTINGS.replace(common_term_reports=common)
    ingest_in_batches(store, reports, texts, [c for c in cuts if c < n], settings)
