"""Store: schema, idempotent article insert, round trips of reports and incidents, overrides; and how the
read layer opens it (`open_reader`) and finds incidents in it."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ois.models import (
    Alternative,
    Article,
    Fact,
    Incident,
    MergedField,
    Override,
    Person,
    Report,
    Screening,
    Skipped,
    Span,
    incident_from_dict,
)
from ois.query.database import Database, open_reader
from ois.query.filters import Filters
from ois.query.queries import find_incident, incident_slice
from ois.sample import build_sample_store
from ois.settings import Settings
from ois.store import Busy, SchemaTooNew, Store, explain, text_hash
from ois.store import schema as store_module

TEXT = "Deputy shoots man in Millbrook\n\nA Millbrook deputy shot Tom Vale, 31, on Friday, the sheriff said."


def _article() -> Article:
    return Article(
        Article.make_id(TEXT),
        "Deputy shoots man in Millbrook",
        TEXT,
        None,
        dt.date(2026, 3, 7),
        "Millbrook Ledger",
        "fixture.txt",
    )


def _report(article: Article) -> Report:
    sent = Span(32, len(TEXT), TEXT[32:])
    return Report(
        article_id=article.id,
        incident_date=Fact(dt.date(2026, 3, 6), sent),
        city=Fact("Millbrook", sent),
        state=Fact("AL", sent),
        people=(Person("subject", name=Fact("Tom Vale", sent), age=Fact(31, sent), outcome=Fact("injured", sent)),),
        published=article.published,
    )


def test_article_insert_is_idempotent(tmp_path):
    store = Store(tmp_path / "x.db")
    article = _article()
    assert store.add_article(article) is True
    assert store.add_article(article) is False
    assert store.article(article.id) == article
    assert store.counts()["articles"] == 1
    assert store.schema_version == len(store_module.MIGRATIONS)


def test_report_and_incident_round_trip(tmp_path):
    store = Store(tmp_path / "x.db")
    article = _article()
    store.add_article(article)
    store.add_screening(Screening(article.id, True, 2.5, (), True, False, "deputy shot"))
    report = _report(article)
    store.add_report(report)
    assert store.report(article.id) == report
    sent = report.city.evidence
    incident = Incident(
        id="inc1",
        report_ids=(article.id,),
        fields={
            "incident_date": MergedField(dt.date(2026, 3, 6), (article.id,), (sent,)),
            "city": MergedField("Millbrook", (article.id,), (sent,), (Alternative("Millbrok", ("other",)),)),
            "state": MergedField("AL", (article.id,), (sent,)),
        },
        people=({"role": MergedField("subject", (article.id,)), "outcome": MergedField("injured", (article.id,))},),
        first_published=article.published,
        last_published=article.published,
    )
    assert store.replace_incidents([incident]) == 1
    assert store.incident("inc1") == incident
    assert store.previous_assignments() == {article.id: "inc1"}
    db = Database(tmp_path / "x.db")
    assert incident_from_dict(find_incident(db, "inc")["json"]) == incident
    row = incident_slice(db, Filters(), 0, 50)[0]
    assert (row["date"], row["city"], row["fatal"], row["n_sources"]) == ("2026-03-06", "Millbrook", 0, 1)
    assert store.screening(article.id)["reason"] == "deputy shot"
    conflicts = store.db.execute("select conflicts from incidents").fetchone()[0]
    assert conflicts == "city: Millbrook (1) / Millbrok (1)"


def test_skipped_and_overrides_are_kept(tmp_path):
    store = Store(tmp_path / "x.db")
    store.add_skipped(Skipped("bad.bin", "binary file", None, "sources"))
    store.add_override(Override("merge", "a", "b"))
    assert store.skipped()[0]["reason"] == "binary file"
    assert store.overrides() == [Override("merge", "a", "b")]
    # reopening applies no migration twice and keeps the data
    again = Store(tmp_path / "x.db")
    assert again.overrides() == [Override("merge", "a", "b")]


def _settings(path) -> Settings:
    return Settings({"db_path": str(path)}, env={})


def test_open_reader_migrates_an_old_database_then_only_reads(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    with monkeypatch.context() as old:
        old.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:1])  # a database from before migration 2
        Store(path).close()
    db = open_reader(_settings(path))
    version = db.conn().execute("select value from meta where key = 'schema_version'").fetchone()[0]
    assert int(version) == len(store_module.MIGRATIONS)
    assert db.scan == "incidents indexed by idx_incidents_list"  # the list index migration 2 adds is used
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.conn().execute("delete from meta")


def test_open_reader_never_creates_a_database(tmp_path):
    with pytest.raises(FileNotFoundError, match="ois demo` first, or pass --db FILE"):
        open_reader(_settings(tmp_path / "none.db"))
    assert not (tmp_path / "none.db").exists()


def test_find_incident_by_id_or_unique_prefix(tmp_path):
    build_sample_store(tmp_path / "s.db")
    db = Database(tmp_path / "s.db")
    assert find_incident(db, "inc-tulsa")["id"] == "inc-tulsa"
    assert find_incident(db, "inc-s")["id"] == "inc-springfield"
    assert find_incident(db, "inc-") is None  # ambiguous: three incidents start with it
    assert find_incident(db, "nope") is None
    assert find_incident(db, "inc_t") is None and find_incident(db, "%tulsa") is None  # LIKE wildcards are literal


def test_a_database_from_a_newer_ois_is_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("update meta set value = '99' where key = 'schema_version'")
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew, match="schema version 99.*newer ois"):
        Store(path)
    with pytest.raises(SchemaTooNew, match="newer ois"):
        open_reader(_settings(path))
    assert path.read_bytes() == before


def test_damaged_and_locked_databases_get_advice(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(sqlite3.DatabaseError) as damaged:
        Store(junk, busy_timeout_s=0)
    assert "damaged or is not an ois database" in explain(damaged.value, junk) and "restore" in explain(
        damaged.value, junk
    )
    path = tmp_path / "busy.db"
    Store(path).close()
    holder = sqlite3.connect(path)
    holder.execute("begin immediate")  # another process in the middle of a write
    store = Store(path, busy_timeout_s=0.1)
    with pytest.raises(sqlite3.OperationalError) as locked:
        store.add_skipped(Skipped("a", "b"))
    assert "another `ois ingest`" in explain(locked.value, path)
    holder.rollback()
    store.add_skipped(Skipped("a", "b"))  # and works once the other writer is done


def test_a_second_writer_is_told_who_holds_the_database(tmp_path):
    store = Store(tmp_path / "x.db")
    held = pytest.raises(Busy, match=r"Another ois process is writing .*pid \d+: ois ingest big.jsonl")
    with store.writing("ois ingest big.jsonl", wait_s=0), held, Store(tmp_path / "x.db").writing("ois merge", 0.3):
        pass
    with store.writing("ois merge", wait_s=0):  # released when the first writer finished
        pass


def test_a_resolution_that_fails_half_way_keeps_the_old_incidents(tmp_path):
    build_sample_store(tmp_path / "s.db")
    store = Store(tmp_path / "s.db")
    before = store.counts()["incidents"], store.previous_assignments()
    tulsa = store.incident("inc-tulsa")

    def incidents():
        yield tulsa
        raise KeyboardInterrupt  # Ctrl-C (or a crash) while the new incidents are written

    with pytest.raises(KeyboardInterrupt):
        store.replace_incidents(incidents())
    assert (store.counts()["incidents"], store.previous_assignments()) == before
    assert store.unresolved() == 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=6), url=st.booleans())
def test_any_article_is_stored_once_and_found_again(tmp_path, texts, url):
    """Whatever the text (any Unicode, control characters, SQL), a re-read article is `known`, never duplicated."""
    store = Store(":memory:")
    for n, text in enumerate(texts):
        link = f"https://example.org/{n}" if url else None
        article = Article(Article.make_id(text, link), text[:10], text, link)
        first = store.add_processed(article, Screening(article.id, False, 0.0))
        again = store.add_processed(article, Screening(article.id, False, 0.0))
        assert again.outcome == "known" and again.article_id == first.article_id
        assert store.stored_as(article) == first.article_id
    assert store.db.execute("select count(*) from articles").fetchone()[0] == len(
        {
            Article.make_id(t, f"https://example.org/{n}" if url else None) if url else text_hash(t)
            for n, t in enumerate(texts)
        }
    )
