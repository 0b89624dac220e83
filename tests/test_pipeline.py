"""End to end over our fictional fixture articles: screen, extract, resolve, store; bad input; re-runs."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ois import pipeline
from ois.models import Article
from ois.settings import Settings
from ois.sources import manifest_articles
from ois.store import Store

from .conftest import FIXTURES

EXPECTED = {k: v for k, v in json.loads((FIXTURES / "articles" / "expected.json").read_text()).items() if k[0] != "_"}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    settings = Settings(env={})
    articles = [
        a for a in manifest_articles(FIXTURES / "articles" / "manifest.jsonl", settings) if isinstance(a, Article)
    ]
    store = Store(tmp_path_factory.mktemp("db") / "ois.db")
    summary = pipeline.ingest_articles(articles, store, settings, progress=False)
    by_file = {a.source.rsplit("/", 1)[-1]: a for a in articles}
    return store, by_file, summary, settings


def test_every_fixture_is_read(run):
    store, by_file, summary, _ = run
    assert set(by_file) == set(EXPECTED)
    assert summary.new == len(EXPECTED) and summary.skipped == 0


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_screening_decision(run, name):
    store, by_file, _, _ = run
    screening = store.screening(by_file[name].id)
    assert bool(screening["is_ois"]) is EXPECTED[name]["is_ois"], screening["reason"]


def test_reports_about_one_event_form_one_incident(run):
    store, by_file, _, _ = run
    incident_of = store.previous_assignments()
    groups: dict[str, set[str]] = {}
    for name, exp in EXPECTED.items():
        if exp["is_ois"]:
            groups.setdefault(exp["incident"], set()).add(incident_of[by_file[name].id])
    assert all(len(ids) == 1 for ids in groups.values()), groups
    assert len({i for ids in groups.values() for i in ids}) == len(groups)
    assert store.counts()["incidents"] == len(groups)


@pytest.mark.parametrize("field", ["incident_date", "city", "state"])
def test_when_and_where_of_each_report(run, field):
    store, by_file, _, _ = run
    wrong = {}
    for name, exp in EXPECTED.items():
        if not exp["is_ois"]:
            continue
        report = store.report(by_file[name].id)
        got = getattr(report, field)
        value = got.value.isoformat() if got and isinstance(got.value, dt.date) else (got.value if got else None)
        if value != exp[field]:
            wrong[name] = (value, exp[field])
        if got:  # evidence always indexes the article text
            assert by_file[name].text[got.evidence.start : got.evidence.end] == got.evidence.text
    assert not wrong


def test_subject_names_and_outcomes(run):
    store, by_file, _, _ = run
    hits = total = 0
    for name, exp in EXPECTED.items():
        if not exp["is_ois"]:
            continue
        report = store.report(by_file[name].id)
        got = {(p.name.value if p.name else None, p.outcome.value if p.outcome else None) for p in report.subjects()}
        for subject in exp["subjects"]:
            total += 1
            hits += (subject["name"], subject["outcome"]) in got
    assert hits / total >= 0.7, f"{hits}/{total} subjects right"


def test_rerun_adds_nothing_and_keeps_incident_ids(run):
    store, by_file, _, settings = run
    before = store.previous_assignments()
    again = pipeline.ingest_articles(list(by_file.values()), store, settings, progress=False)
    assert (again.new, again.already_stored) == (0, len(by_file))
    assert store.previous_assignments() == before


def test_bad_inputs_are_recorded_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = (FIXTURES / "articles" / "04_spokane_knife.txt").read_text()
    (folder / "good.txt").write_text(good)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (folder / "spanish.txt").write_text(
        "Noticias de la ciudad\n\n" + "La policía dijo que el hombre fue detenido por los agentes en la calle. " * 5
    )
    (folder / "huge.txt").write_text("x" * 5000)
    store = Store(tmp_path / "ois.db")
    settings = Settings({"max_file_bytes": 4000}, env={})
    first = pipeline.ingest([folder / "good.txt"], store, settings, progress=False)
    assert first.new == 1 and first.incidents == 1
    summary = pipeline.ingest([folder], store, settings, progress=False)
    assert (summary.new, summary.already_stored, summary.skipped) == (0, 1, 5)
    reasons = {row["source"].rsplit("/", 1)[-1]: row["reason"] for row in store.skipped()}
    assert set(reasons) == {"empty.txt", "binary.txt", "nav.html", "spanish.txt", "huge.txt"}
    assert "empty" in reasons["empty.txt"] and "max_file_bytes" in reasons["huge.txt"]
    assert store.counts()["incidents"] == 1  # nothing already stored is lost


def test_undated_plain_text_reports_of_one_shooting_are_linked(tmp_path):
    """Bare .txt files have no publication date ("Thursday night" stays unresolved): place + names still link."""
    store = Store(tmp_path / "ois.db")
    files = [FIXTURES / "articles" / f for f in ("01_pueblo_ledger_fatal.txt", "02_frontrange_fatal.txt")]
    summary = pipeline.ingest(files, store, Settings(env={}), progress=False)
    assert (summary.reports, summary.incidents) == (2, 1)
    assert all(r.incident_date is None for r in store.reports())


def test_progress_counts_records_not_files(tmp_path):
    """A 3-record JSONL is 3 steps of the bar (the total starts at its line count), a text file one."""
    records = tmp_path / "three.jsonl"
    text = (FIXTURES / "articles" / "04_spokane_knife.txt").read_text()
    records.write_text(
        "\n".join(json.dumps({"title": f"Story {n}", "text": text + f" ({n})"}) for n in range(3)) + "\n"
    )
    steps: list[tuple[int, int]] = []
    items = [str(records), str(FIXTURES / "articles" / "04_spokane_knife.txt")]
    read = list(pipeline.read(items, Settings(env={}), lambda done, change: steps.append((done, change))))
    assert len(read) == 4 and sum(done for done, _ in steps) == 4
    assert pipeline.estimate_records(str(records)) + 1 + sum(change for _, change in steps) == 4
