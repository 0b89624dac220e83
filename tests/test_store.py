"""Store: schema, idempotent article insert, round trips of reports and incidents, overrides."""

from __future__ import annotations

import datetime as dt

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
)
from ois.store import Store

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
    assert store.schema_version == 3


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
    assert store.find_incident("inc") == incident
    assert store.previous_assignments() == {article.id: "inc1"}
    row = store.incident_rows()[0]
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
