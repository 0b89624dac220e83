"""Crash safety, resumability and corrections, through the library (issue 9, items 1, 2, 7 and 11).

The articles are fictional. Crashes in a real subprocess (SIGKILL, SIGINT) are in tests/test_crash.py.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from ois import pipeline
from ois.models import Article, Override, Screening, Skipped
from ois.settings import Settings
from ois.store import Store, text_hash
from ois.store import schema as store_schema

SETTINGS = Settings(env={})
URL = "https://valleygazette.example/2031/04/02/deputy-shoots-man-at-feed-store"
FIRST = (
    "Deputy shoots man outside Harlow feed store\n\n"
    "HARLOW, Kan. - A Reno County sheriff's deputy shot and wounded a man who fired a rifle at him outside a feed "
    "store on Tuesday afternoon in Harlow, Kansas, the sheriff's office said. The man, identified as Corwin Tate, 41, "
    "was taken to a hospital in Hutchinson. The deputy was not hurt."
)
# The outlet's correction: the man's age and surname were wrong, and he died.
CORRECTED = (
    "Deputy shoots man outside Harlow feed store\n\n"
    "HARLOW, Kan. - A Reno County sheriff's deputy shot and killed a man who fired a rifle at him outside a feed "
    "store on Tuesday afternoon in Harlow, Kansas, the sheriff's office said. The man, identified as Corwin Tatum, "
    "44, died at a hospital in Hutchinson. The deputy was not hurt. (This story was corrected.)"
)
OTHER = (
    "Trooper fires at driver on Route 9\n\n"
    "MILLBANK, Vt. - A Vermont state trooper shot at a driver who tried to run him down at a checkpoint on Route 9 "
    "early Sunday in Millbank, Vermont, state police said. The driver, Abel Wren, 29, was not hit and was arrested."
)
COUNCIL = (
    "Council delays vote on library hours\n\n"
    "The Harlow city council on Monday delayed a vote on longer library hours until its May meeting, after residents "
    "asked for weekend openings and the budget committee asked for more time."
)


def _jsonl(path, *records: dict) -> str:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return str(path)


def _record(text: str, url: str | None = None, published: str = "2031-04-02") -> dict:
    title, _, body = text.partition("\n\n")
    return {"url": url, "title": title, "published": published, "text": body}


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "ois.db")


def test_corrected_text_at_the_same_url_is_a_new_version_and_is_extracted_again(tmp_path, store):
    first = pipeline.ingest([_jsonl(tmp_path / "a.jsonl", _record(FIRST, URL))], store, SETTINGS, progress=False)
    assert (first.new, first.reports) == (1, 1)
    article_id = Article.make_id("", URL)
    incident_before = store.previous_assignments()[article_id]
    again = pipeline.ingest([str(tmp_path / "a.jsonl")], store, SETTINGS, progress=False)
    assert (again.new, again.updated, again.already_stored, again.resolved) == (0, 0, 1, False)

    second = pipeline.ingest([_jsonl(tmp_path / "b.jsonl", _record(CORRECTED, URL))], store, SETTINGS, progress=False)
    assert (second.new, second.updated, second.reports, second.resolved) == (0, 1, 1, True)
    assert store.article(article_id).text.endswith("(This story was corrected.)")  # the current version
    versions = store.versions(article_id)
    assert len(versions) == 1 and "Tate, 41" in versions[0].text  # the old version is kept
    names = [p.name.value for p in store.report(article_id).subjects() if p.name]
    assert "Corwin Tatum" in names and "Corwin Tate" not in names  # re-extracted from the new text
    assert store.previous_assignments()[article_id] == incident_before  # the incident keeps its id
    assert store.counts()["updated_articles"] == 1 and store.counts()["articles"] == 1
    # Reading either version again changes nothing: both are stored versions of the article.
    both = pipeline.ingest([str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")], store, SETTINGS, progress=False)
    assert (both.new, both.updated, both.already_stored) == (0, 0, 2)


def test_same_story_with_and_without_a_url_is_one_article(tmp_path, store):
    with_url = _jsonl(tmp_path / "url.jsonl", _record(OTHER, "https://gazette.example/trooper-route-9"))
    without = _jsonl(tmp_path / "bare.jsonl", _record(OTHER))
    first = pipeline.ingest([with_url], store, SETTINGS, progress=False)
    stored_id = Article.make_id("", "https://gazette.example/trooper-route-9")
    second = pipeline.ingest([without], store, SETTINGS, progress=False)
    assert (first.new, second.new, second.already_stored) == (1, 0, 1)
    assert second.same_text_count == 1 and second.same_text[0].endswith(f"already stored as {stored_id}")
    assert store.counts()["articles"] == 1 and store.counts()["incidents"] == 1
    # The reverse: first without a URL, then with one.
    other = Store(tmp_path / "other.db")
    pipeline.ingest([without], other, SETTINGS, progress=False)
    reverse = pipeline.ingest([with_url], other, SETTINGS, progress=False)
    assert (reverse.new, reverse.already_stored, reverse.same_text_count) == (0, 1, 1)
    assert other.counts()["articles"] == 1


def test_skip_records_are_counted_not_repeated(tmp_path, store):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "no text here"}\n[1, 2]\n', encoding="utf-8")
    for _ in range(3):
        summary = pipeline.ingest([bad], store, SETTINGS, progress=False)
        assert summary.skipped == 2  # each run reports what it skipped ...
    rows = store.skipped()
    assert len(rows) == 2 and {r["count"] for r in rows} == {3}  # ... and the database keeps each skip once
    assert all(r["last_seen"] >= r["at"] for r in rows)


def test_results_come_out_in_input_order(tmp_path):
    """Non-OIS articles wait for the OIS articles read before them: storing order is reading order."""
    articles = [
        Article(Article.make_id(text), text.split("\n")[0], text, source=f"#{n}")
        for n, text in enumerate((FIRST, COUNCIL, OTHER))
    ]
    results = list(pipeline.process(articles, SETTINGS))
    assert [r.article.source for r in results] == ["#0", "#1", "#2"]
    assert [r.report is not None for r in results] == [True, False, True]
    small = SETTINGS.replace(max_buffered_articles=1)  # a full buffer extracts early; the order still holds
    assert [r.article.source for r in pipeline.process(articles, small)] == ["#0", "#1", "#2"]


def test_an_interrupted_run_keeps_what_it_committed_and_the_next_run_finishes(tmp_path, store, monkeypatch):
    records = [_record(FIRST, URL), _record(COUNCIL, "https://gazette.example/council"), _record(OTHER)]
    path = _jsonl(tmp_path / "in.jsonl", *records)
    real = Store.add_processed
    calls = []

    def interrupted_on_the_second(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "add_processed", interrupted_on_the_second)
    with pytest.raises(pipeline.Interrupted) as stopped:
        pipeline.ingest([path], store, SETTINGS, progress=False)
    assert stopped.value.summary.new == 1
    assert store.counts()["articles"] == 1 and store.unresolved() == 1  # stored, not yet in an incident
    monkeypatch.setattr(Store, "add_processed", real)
    again = pipeline.ingest([path], store, SETTINGS, progress=False)
    assert (again.new, again.already_stored, again.resolved) == (2, 1, True)
    assert store.counts()["incidents"] == 2 and store.unresolved() == 0


def test_a_failure_inside_an_article_transaction_writes_nothing(store, monkeypatch):
    article = Article(Article.make_id(FIRST), "Deputy shoots man", FIRST)
    screening = Screening(article.id, True, 3.0)

    def broken(conn, skipped):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Store, "_skip", staticmethod(broken))
    with pytest.raises(sqlite3.OperationalError):
        store.add_processed(article, screening, failure=Skipped("x", "extraction failed", article.id, "extract"))
    assert store.counts()["articles"] == 0 and store.screening(article.id) is None


def test_every_run_finishes_articles_an_older_ois_left_unfinished(tmp_path, monkeypatch):
    """A database from before migration 4 with an article stored but never screened (the old crash bug)."""
    path = tmp_path / "old.db"
    with monkeypatch.context() as old:
        old.setattr(store_schema, "MIGRATIONS", store_schema.MIGRATIONS[:3])
        v3 = Store(path)
        v3.db.execute(
            "insert into articles (id, title, text, url, source, ingested_at) values (?, ?, ?, ?, 'x', 'then')",
            [Article.make_id("", URL), "Deputy shoots man", FIRST, URL],
        )
        v3.close()
    store = Store(path)
    assert [a.url for a in store.unfinished()] == [URL]
    summary = pipeline.ingest([], store, SETTINGS, progress=False)
    assert (summary.resumed, summary.reports, summary.incidents) == (1, 1, 1)
    assert list(store.unfinished()) == [] and store.counts()["unfinished_articles"] == 0


def test_reports_left_unresolved_are_resolved_by_the_next_run_and_by_status(tmp_path, store):
    path = _jsonl(tmp_path / "in.jsonl", _record(FIRST, URL))
    pipeline.ingest([path], store, SETTINGS, progress=False)
    with store.transaction() as conn:  # as after a crash between storing and resolving
        conn.execute("delete from incidents")
        conn.execute("update reports set incident_id = null")
    assert store.unresolved() == 1
    summary = pipeline.ingest([path], store, SETTINGS, progress=False)
    assert (summary.new, summary.resolved, summary.incidents) == (0, True, 1)
    store.add_override(Override("split", "a", "b"))  # an override stored, its resolution not run
    assert store.unresolved() == 1
    assert pipeline.resolve_pending(store, SETTINGS) == 1 and store.unresolved() == 0


def test_migration_4_counts_old_duplicate_skips_once_and_marks_unfinished_articles(tmp_path, monkeypatch):
    path = tmp_path / "v3.db"
    with monkeypatch.context() as old:
        old.setattr(store_schema, "MIGRATIONS", store_schema.MIGRATIONS[:3])
        v3 = Store(path)
        for _ in range(3):
            v3.db.execute("insert into skipped (source, stage, reason, at) values ('a.txt', 'sources', 'empty', 't')")
        v3.db.execute("insert into articles (id, title, text) values ('x1', 'T', 'Some text')")
        v3.close()
    store = Store(path)
    assert [(r["source"], r["count"]) for r in store.skipped()] == [("a.txt", 3)]
    assert store.db.execute("select state, text_hash from articles").fetchone() == ("stored", text_hash("Some text"))
