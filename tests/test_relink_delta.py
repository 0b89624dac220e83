"""Incremental relinking (issue 10): after a resolution only the changed incidents, and the people competing with
them for reference rows, are linked again, and the people view, links and statuses stored are exactly those of a
full relinking from scratch: batch after batch, when an incident is removed or merged, when a reference row
moves to a better incident, with users' decisions, an editor's correction, and a run stopped between resolving
and linking. Every incident, report and reference row is fictional."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from ois import pipeline, reference
from ois.models import Incident, Override
from ois.reference.relink import RelinkSummary, relink
from ois.sample import merged
from ois.settings import Settings
from ois.store import Store
from tests.test_incremental import add, corpus
from tests.test_reference_load import person, wapo_csv

SETTINGS = Settings(env={})
DAY = dt.date(2021, 5, 3)
FIRST_REPORTS = (  # of two incidents
    "select min(article_id) from reports where incident_id is not null group by incident_id"
    " order by incident_id limit 2"
)
_SNAPSHOT = {
    "people": "select * from people order by incident_id, n",
    "links": "select * from reference_links order by source, incident_id, person, rank",
    "statuses": "select id, wapo, mpv from incidents order by id",
}


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock one second further at every reading (the store's and the reference step's), so "written since the
    last linking" is exact in a test that runs within a second."""
    ticks = itertools.count()
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

    def now() -> str:
        return (start + dt.timedelta(seconds=next(ticks))).isoformat(timespec="seconds")

    monkeypatch.setattr("ois.store.core.now", now)
    monkeypatch.setattr("ois.reference.db.now", now)


def snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    return {name: [tuple(r) for r in conn.execute(sql)] for name, sql in _SNAPSHOT.items()}


def from_scratch(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """What a full relinking of a copy of the store, forgetting every stored link, gives."""
    copy = sqlite3.connect(":memory:")
    store.db.conn.backup(copy)
    copy.execute("delete from people")
    copy.execute("delete from reference_links")
    copy.execute("update incidents set wapo = null, mpv = null")
    copy.execute("delete from meta where key = 'linked'")
    copy.commit()
    assert relink(copy, SETTINGS).full  # not through `reference`, where a test records the pipeline's calls
    return snapshot(copy)


def assert_as_full(store: Store) -> None:
    ours, full = snapshot(store.db.conn), from_scratch(store)
    for name in _SNAPSHOT:
        assert ours[name] == full[name], name


def incident(
    id_: str,
    name: str | None,
    day: dt.date,
    city: str = "Dayton",
    age: int | None = None,
    reports: Iterable[str] = (),
    outcome: str = "killed",
) -> Incident:
    support = [(r, None) for r in (*reports, f"rep-{id_}")]
    subject = {"role": merged("subject", support), "outcome": merged(outcome, support)}
    subject |= {"name": merged(name, support)} if name else {}
    subject |= {"age": merged(age, support)} if age is not None else {}
    fields = {"incident_date": merged(day, support), "city": merged(city, support), "state": merged("OH", support)}
    return Incident(id_, tuple(r for r, _ in support), fields, (subject,), first_published=day)


def resolved(store: Store, incidents: list[Incident]) -> RelinkSummary:
    """Store `incidents` as a resolution would (every row written again, their reports pointed at them), then
    relink what it wrote."""
    before = {r[0] for r in store.db.execute("select id from incidents")}
    reports = [(r,) for i in incidents for r in i.report_ids]
    store.db.conn.executemany("insert or ignore into reports (article_id, json) values (?, '{}')", reports)
    store.db.conn.commit()
    store.replace_incidents(incidents)
    return reference.relink(store, SETTINGS, before | {i.id for i in incidents})


def status(store: Store, incident_id: str) -> tuple[str | None, str | None, str]:
    row = store.db.execute(
        "select p.wapo, p.wapo_ids, l.decision from people p left join reference_links l on l.incident_id ="
        " p.incident_id and l.person = p.n and l.rank = 0 where p.incident_id = ?",
        [incident_id],
    ).fetchone()
    return row[0], row[1], row[2] or ""


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "ois.db")
    rows = [
        person("901", "Tamsin Okoro", DAY.isoformat(), city="Dayton", state="OH", age="29"),
        person("902", "Bram Ellery", "2021-06-10", city="Toledo", state="OH", age="41"),
        person("903", "Ivo Stent", "2021-07-01", city="Akron", state="OH", age="23"),
        person("904", "Cass Wendle", "2021-09-15", city="Parma", state="OH", age="52"),
    ]
    path = tmp_path / "wapo.csv"
    path.write_text(wapo_csv(*rows))
    reference.load_file(store, path, "wapo", SETTINGS)
    return store


def test_only_the_changed_incidents_and_their_competitors_are_linked_again(store: Store) -> None:
    a = incident("a", "Tamsin Okoroh", DAY + dt.timedelta(days=2))
    c = incident("c", "Bram Ellery", dt.date(2021, 6, 10), city="Toledo", age=41)
    f = incident("f", "Bram Ellery", dt.date(2021, 6, 11), city="Toledo")  # the same shooting twice in ours
    d = incident("d", "Ivo Stent", dt.date(2021, 7, 1), city="Akron", age=23)
    e = incident("e", "Wynn Harrow", dt.date(2021, 8, 2), city="Parma")
    resolved(store, [a, c, f, d, e])
    assert_as_full(store)
    assert status(store, "a")[:2] == ("known", "901") and status(store, "f")[0] == "possible"

    # A better incident for row 901 arrives: the row moves to it, the old holder needs review.
    b = incident("b", "Tamsin Okoro", DAY, age=29)
    summary = resolved(store, [a, b, c, f, d, e])
    assert not summary.full and summary.linked["wapo"] == {"known": 1, "possible": 1}  # b and a, no one else
    assert status(store, "b")[:2] == ("known", "901")
    assert status(store, "a")[0] == "possible" and "linked to incident b" in status(store, "a")[2]
    assert_as_full(store)

    # c merges into f (c is removed): the row c held goes to f.
    f2 = incident("f", "Bram Ellery", dt.date(2021, 6, 11), city="Toledo", age=41, reports=["rep-c"])
    summary = resolved(store, [a, b, f2, d, e])
    assert not summary.full and status(store, "f")[:2] == ("known", "902")
    assert store.db.execute("select count(*) from people where incident_id = 'c'").fetchone() == (0,)
    assert_as_full(store)

    # An editor's correction stores an incident without resolving: the next relinking picks it up.
    corrected = incident("e", "Cass Wendle", dt.date(2021, 9, 15), city="Parma", age=52)
    store.correct([Override("set", "rep-e", field="name", value="Cass Wendle")], "e", lambda *_: corrected)
    assert not reference.relink(store, SETTINGS, ()).full
    assert status(store, "e")[:2] == ("known", "904")
    assert_as_full(store)


def test_decisions_hold_in_incremental_relinking(store: Store) -> None:
    a = incident("a", "Tamsin Okoroh", DAY + dt.timedelta(days=2))
    b = incident("b", "Tamsin Okoro", DAY, age=29)
    resolved(store, [a, b])
    reference.decide_link(store, "wapo", "901", "b", 0, "reject", "Ed Itor", "another woman")
    reference.decide_link(store, "wapo", "901", "a", 0, "confirm", "Ed Itor", "the file says so")
    assert_as_full(store)
    g = incident("g", "Ivo Stent", dt.date(2021, 7, 2), city="Akron")
    assert not resolved(store, [a, b, g]).full
    assert status(store, "a")[:2] == ("known", "901") and status(store, "b")[0] != "known"
    a2 = incident("a", "Tamsin Okoroh", DAY + dt.timedelta(days=2), age=30)  # a changes: its decision holds
    assert not resolved(store, [a2, b, g]).full
    assert status(store, "a")[:2] == ("known", "901") and '"confirm"' in status(store, "a")[2]
    assert_as_full(store)


def test_other_settings_or_a_reload_relink_everything(store: Store, tmp_path: Path) -> None:
    resolved(store, [incident("a", "Tamsin Okoro", DAY)])
    stricter = Settings({"link_known_probability": 0.99}, env={})
    assert reference.relink(store, stricter, {"a"}).full
    assert reference.needs_relink(store, SETTINGS) and not reference.needs_relink(store, stricter)
    path = tmp_path / "wapo2.csv"
    path.write_text(wapo_csv(person("905", "Tamsin Okoro", DAY.isoformat(), city="Dayton", state="OH")))
    _, summary = reference.load_file(store, path, "wapo", SETTINGS)
    assert summary.full
    assert_as_full(store)


NAMES = ("Tamsin Okoro", "Tamsin Okoroh", "Okoro", "Bram Ellery", "Ivo Stent", None)
CITIES = ("Dayton", "Kettering", "Toledo")


def _random_incident(rng: random.Random, id_: str, reports: Iterable[str] = ()) -> Incident:
    day = DAY + dt.timedelta(days=rng.randint(-6, 6) if rng.random() < 0.6 else rng.randint(-90, 90))  # by name
    age = rng.choice((None, 29, 30, 41))
    outcome = rng.choice(("killed", "killed", "injured"))
    return incident(id_, rng.choice(NAMES), day, rng.choice(CITIES), age, reports, outcome)


@pytest.mark.parametrize("seed", range(6))
def test_random_changes_relink_as_a_full_relinking(tmp_path: Path, seed: int) -> None:
    """Crowded, fictional incidents (few names, towns and days) against rows that fit several of them: random
    additions, changes, merges and unchanged rewrites, with users' decisions now and then."""
    rng = random.Random(seed)
    store = Store(tmp_path / "ois.db")
    rows = [
        person(f"95{n}", name or "", (DAY + dt.timedelta(days=rng.randint(-4, 4))).isoformat(), city=city, state="OH")
        for n, (name, city) in enumerate(zip(NAMES * 2, CITIES * 4, strict=False))
    ]
    path = tmp_path / "wapo.csv"
    path.write_text(wapo_csv(*rows))
    reference.load_file(store, path, "wapo", SETTINGS)
    incidents = {f"i{k}": _random_incident(rng, f"i{k}") for k in range(8)}
    resolved(store, list(incidents.values()))
    ids = itertools.count(8)
    for _ in range(8):
        for _ in range(rng.randint(1, 3)):
            action, target = rng.choice(("add", "change", "merge", "decide")), rng.choice(sorted(incidents))
            if action == "add":
                new = f"i{next(ids)}"
                incidents[new] = _random_incident(rng, new)
            elif action == "change":
                incidents[target] = _random_incident(rng, target, incidents[target].report_ids[:-1])
            elif action == "merge" and len(incidents) > 2:
                gone = incidents.pop(target)
                into = rng.choice(sorted(incidents))
                incidents[into] = _random_incident(rng, into, (*incidents[into].report_ids[:-1], *gone.report_ids))
            elif action == "decide" and incidents[target].people[0].get("name"):
                verdict = rng.choice(("confirm", "reject"))
                reference.decide_link(store, "wapo", rng.choice(rows)["id"], target, 0, verdict, "Ed Itor")
        assert not resolved(store, list(incidents.values())).full
        assert_as_full(store)


def _reference_rows(reports: list) -> str:
    """A fictional WaPo file for synthetic reports: each dated, named subject killed, by its first report."""
    rows, seen = [], set()
    for report in reports:
        subject = report.people[0]
        name = subject.name.value if subject.name else None
        if not name or not report.incident_date or subject.outcome.value != "killed" or name in seen:
            continue
        seen.add(name)
        city, state = report.city.value if report.city else "", report.state.value if report.state else ""
        day = report.incident_date.value.isoformat()
        rows.append(person(f"9{len(rows):05d}", name, day, city=city, state=state, age=str(subject.age.value)))
    return wapo_csv(*rows)


def test_batches_merges_and_a_stopped_run_relink_as_a_full_relinking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports, texts = corpus(360, seed=5)
    store = Store(tmp_path / "ois.db")
    path = tmp_path / "wapo.csv"
    path.write_text(_reference_rows(reports[::2]))  # half the incidents' subjects, so rows compete
    reference.load_file(store, path, "wapo", SETTINGS)
    summaries: list[RelinkSummary] = []

    def recorded(*args: Any, **kwargs: Any) -> RelinkSummary:
        summaries.append(relink(*args, **kwargs))
        return summaries[-1]

    monkeypatch.setattr(reference, "relink", recorded)
    reports.sort(key=lambda r: r.published or dt.date.min)
    for start in range(0, len(reports), 90):
        add(store, reports[start : start + 90], texts)
        pipeline.reresolve(store, SETTINGS)
        assert_as_full(store)
    assert [s.full for s in summaries] == [True, False, False, False]
    assert max(sum(s.linked["wapo"].values()) for s in summaries[1:]) < store.counts()["incidents"]

    first, second = (r[0] for r in store.db.execute(FIRST_REPORTS))
    pipeline.add_overrides(store, SETTINGS, Override("merge", first, second))
    assert not summaries[-1].full
    assert_as_full(store)

    def stopped(*args: Any, **kwargs: Any) -> RelinkSummary:
        raise KeyboardInterrupt

    monkeypatch.setattr(reference, "relink", stopped)
    split = Override("split", first, second)
    with pytest.raises(KeyboardInterrupt):
        pipeline.add_overrides(store, SETTINGS, split)
    assert reference.needs_relink(store, SETTINGS)
    monkeypatch.setattr(reference, "relink", recorded)
    pipeline.reresolve(store, SETTINGS)  # nothing new to resolve: the stale links are all redone
    assert summaries[-1].full
    assert_as_full(store)
