"""Review: corrections as overrides (apply / restore), the actions, and that they survive re-resolution and
later ingests. Fictional sample data (ois.sample) and the fictional fixture articles."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from ois.models import Override, incident_from_dict, to_dict
from ois.review import actions, auth
from ois.review.actions import ActionError, Editor
from ois.review.apply import apply, excluded_articles, person_keys, restore
from ois.sample import _fatal, _officer_shot, build_sample_store
from ois.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
ALICE = Editor("alice", "the department corrected it", "Officers fired five shots, according to the department.")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    build_sample_store(tmp_path / "ois.db")
    store = Store(tmp_path / "ois.db")
    yield store
    store.close()


def test_corrections_apply_and_restore_exactly() -> None:
    _, _, incident = _officer_shot()
    anchor = incident.report_ids[0]
    keys = person_keys(incident.people)
    overrides = [
        Override("set", anchor, "", "agency", "Tulsa County Sheriff's Office", editor="ed", reason="wrong agency"),
        Override("set", anchor, keys[1], "age", 23, 22, editor="ed"),
        Override("person", anchor, keys[0], value="background", editor="ed", who="officer 1"),
        Override("add_person", anchor, "added:1", value={"role": "bystander", "name": "Jo Roe"}, editor="ed"),
        Override("reviewed", anchor, value=True, editor="ed"),
    ]
    (out,) = apply([incident], overrides)
    assert out.value("agency") == "Tulsa County Sheriff's Office"
    assert out.fields["agency"].corrected.editor == "ed"
    assert [a.value for a in out.fields["agency"].conflicts] == ["Tulsa Police Department"]  # the sources' value
    assert [p["role"].value for p in out.people] == ["subject", "bystander"] and len(out.background) == 1
    assert out.review.reviewed.editor == "ed"
    assert out.review.corrected == ("agency", "subject 1 age", "bystander 2 added", "officer 1: background")
    assert incident_from_dict(json.loads(json.dumps(to_dict(out)))) == out  # the JSON form round-trips
    assert restore(out) == incident  # every correction undone: what resolution made
    assert restore(incident_from_dict(to_dict(out))) == incident


def test_last_word_wins_and_revert() -> None:
    _, _, incident = _fatal()
    anchor = incident.report_ids[-1]  # any report of the incident anchors it
    first = Override("set", anchor, "", "shots", 4, editor="a")
    second = Override("set", anchor, "", "shots", 7, editor="b")
    (out,) = apply([incident], [first, second])
    assert out.value("shots") == 7 and out.fields["shots"].corrected.editor == "b"
    (back,) = apply([incident], [first, second, Override("revert", anchor, "", "shots", editor="c")])
    assert back == incident
    state = [Override("not_ois", anchor, value=True), Override("not_ois", anchor, value=False)]
    assert next(apply([incident], state)) == incident


def test_excluded_articles_follow_the_last_word() -> None:
    marks = [Override("article_not_ois", "x", value=True), Override("article_not_ois", "y", value=True)]
    assert excluded_articles([*marks, Override("article_not_ois", "x", value=False)]) == {"y"}


def test_old_override_rows_and_old_date_json_still_load(tmp_path: Path) -> None:
    _, _, incident = _fatal()
    old = json.loads(json.dumps(to_dict(incident)).replace('"2024-03-05"', '{"$date": "2024-03-05"}'))
    assert incident_from_dict(old) == incident
    assert to_dict(incident)["fields"]["incident_date"]["value"] == "2024-03-05"  # plain ISO, no $date
    store = Store(tmp_path / "x.db")
    store.add_override(Override("merge", "a", "b"))
    assert store.overrides() == [Override("merge", "a", "b")]


def test_actions_store_who_when_why_and_keep_incidents_current(store: Store) -> None:
    done = actions.set_value(store, "inc-springfield", "shots", "4", ALICE)
    assert done.value("shots") == 4 and done.fields["shots"].evidence[0].text.startswith("Officers fired five")
    (change,) = store.overrides()
    assert (change.kind, change.field, change.old, change.value, change.editor) == ("set", "shots", 5, 4, "alice")
    assert change.at and change.reason == "the department corrected it"
    assert store.unresolved() == 0  # no re-resolution needed, and none pending
    row = store.db.execute("select corrected_fields, title from incidents where id = 'inc-springfield'").fetchone()
    assert row == ("shots", "Darren Okafor, 34, killed by Springfield police")
    done = actions.set_value(store, "inc-springfield", "age", "35", Editor("bob"), person=1)
    assert done.review.corrected == ("shots", "subject 1 age")
    assert (
        "Darren Okafor, 35, killed"
        in store.db.execute("select title from incidents where id = ?", [done.id]).fetchone()[0]
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("armed", "bazooka", "must be one of"),
        ("incident_date", "last tuesday", "date like"),
        ("shots", "-3", "whole number"),
        ("nonsense", "1", "not a field"),
        ("state", "Texas", "two-letter"),
    ],
)
def test_bad_values_are_refused_with_what_is_allowed(store: Store, field: str, value: str, message: str) -> None:
    person = 1 if field == "armed" else None
    with pytest.raises(ActionError, match=message):
        actions.set_value(store, "inc-springfield", field, value, Editor("alice"), person=person)
    assert store.overrides() == []


def test_evidence_must_be_in_the_incidents_articles(store: Store) -> None:
    with pytest.raises(ActionError, match="not found"):
        actions.set_value(store, "inc-springfield", "shots", "4", Editor("a", "", "A sentence nobody wrote."))
    spaced = Editor("a", "", "  Witnesses said   officers\nfired six shots. ")
    done = actions.set_value(store, "inc-springfield", "shots", "6", spaced)
    assert done.fields["shots"].evidence[0].text == "Witnesses said officers fired six shots."
    assert done.fields["shots"].report_ids  # a value the sources give keeps their support


def test_people_remove_background_add_and_incident_states(store: Store) -> None:
    done = actions.set_person_status(store, "inc-tulsa", 1, "background", Editor("alice", "not in the exchange"))
    assert len(done.people) == 1 and len(done.background) == 1
    done = actions.add_person(store, "inc-tulsa", {"role": "officer", "name": "Sgt. Dee Ames", "age": "41"}, ALICE_NO)
    assert [p["role"].value for p in done.people] == ["subject", "officer"]
    done = actions.set_person_status(store, "inc-tulsa", 2, "removed", Editor("alice"))
    assert len(done.people) == 1 and len(done.removed) == 1
    done = actions.set_person_status(store, "inc-tulsa", 2, "participant", Editor("alice"))  # undo background
    assert len(done.people) == 2 and not done.background
    done = actions.set_state(store, "inc-hostile", "not_ois", True, Editor("alice", "a training exercise"))
    assert done.review.not_ois.reason == "a training exercise"
    assert store.db.execute("select not_ois from incidents where id = 'inc-hostile'").fetchone() == (1,)
    done = actions.set_state(store, "inc-springfield", "reviewed", True, Editor("alice"))
    assert store.db.execute("select reviewed from incidents where id = 'inc-springfield'").fetchone() == (1,)
    with pytest.raises(ActionError, match="no person"):
        actions.set_person_status(store, "inc-tulsa", 9, "removed", Editor("alice"))


ALICE_NO = Editor("alice")


def test_editors_passwords_and_sessions(store: Store) -> None:
    with pytest.raises(auth.AuthError, match="at least"):
        auth.add_editor(store, "alice", "short")
    with pytest.raises(auth.AuthError, match="editor names"):
        auth.add_editor(store, "bad name;", "long enough password")
    auth.add_editor(store, "alice", "long enough password")
    stored = store.db.execute("select password from editors").fetchone()[0]
    assert stored.startswith("scrypt$") and "long enough" not in stored
    assert auth.login(store, "alice", "wrong password!", 1) is None
    assert auth.login(store, "nobody", "long enough password", 1) is None
    token, session = auth.login(store, "alice", "long enough password", 1)
    assert auth.session(store.db.conn, token) == session
    assert token not in json.dumps(store.db.execute("select * from sessions").fetchall())  # only its hash is kept
    assert auth.csrf_ok(session, session.csrf) and not auth.csrf_ok(session, "x") and not auth.csrf_ok(None, "x")
    auth.remove_editor(store, "alice")
    assert auth.session(store.db.conn, token) is None  # removing an editor ends their sessions


def test_throttle_refuses_after_the_limit() -> None:
    throttle = auth.Throttle(limit=2, window_s=60, delay_s=0)
    assert throttle.retry_after_s("name:a") == 0
    throttle.failed("name:a", "client:1")
    throttle.failed("name:a", "client:1")
    assert 0 < throttle.retry_after_s("name:a") <= 60 and throttle.retry_after_s("client:2") == 0
    throttle.succeeded("name:a", "client:1")
    assert throttle.retry_after_s("name:a", "client:1") == 0


def test_migration_6_refreshes_an_older_database(tmp_path: Path) -> None:
    import sqlite_utils

    from ois.store import schema

    """A database written before review mode (schema 5): unknown flags stored as 0, dates as {"$date": ...}, the
    first headline as the title. Opening it brings it up to date."""
    path = tmp_path / "old.db"
    build_sample_store(path)
    with sqlite3.connect(path) as conn:  # take the sample back to schema 5
        conn.execute("drop index idx_incidents_list")
        conn.execute("drop index idx_incidents_updated")
        for column in (*(c.split()[0] for c in NEW_INCIDENT_COLUMNS), "content_hash"):
            conn.execute(f"alter table incidents drop column {column}")
        for column in ("field", "value", "old", "editor", "reason", "evidence", "who"):
            conn.execute(f"alter table overrides drop column {column}")
        conn.execute("drop table editors")
        conn.execute("drop table sessions")
        conn.execute(
            "create index idx_incidents_list on incidents"
            "(state, fatal, officer_shot, video, armed, date, n_sources, agency, city, lat, lon)"
        )
        doc = conn.execute("select json from incidents where id = 'inc-hostile'").fetchone()[0]
        old = doc.replace('"2022-06-13"', '{"$date": "2022-06-13"}')
        conn.execute("update incidents set json = ?, fatal = 0, title = 'Headline' where id = 'inc-hostile'", [old])
    with sqlite3.connect(path) as conn:
        schema._migrate_6(sqlite_utils.Database(conn))  # (later migrations are not this test's business)
    store = Store(path)
    row = store.db.execute("select fatal, title, headline, json, updated_at from incidents where id = 'inc-hostile'")
    fatal, title, headline, doc, updated = row.fetchone()
    assert fatal is None and title == "Police shooting in Dayton" and headline.startswith("Police shooting <script>")
    assert "$date" not in doc and updated
    assert store.overrides() == []


NEW_INCIDENT_COLUMNS = (
    "headline",
    "implausible_date",
    "reviewed",
    "not_ois",
    "corrected_fields",
    "created_at",
    "updated_at",
)


def test_implausible_dates_are_flagged_not_charted(tmp_path: Path) -> None:
    import dataclasses

    from ois.models import MergedField
    from ois.store.rows import incident_row

    _, _, incident = _fatal()
    caption = dataclasses.replace(
        incident, fields={**incident.fields, "incident_date": MergedField(dt.date(1966, 5, 2), incident.report_ids)}
    )
    row = incident_row(caption, {}, (20, 1))
    assert row["date"] is None and row["implausible_date"] == "1966-05-02"
    later = dataclasses.replace(
        incident, fields={**incident.fields, "incident_date": MergedField(dt.date(2024, 4, 1), incident.report_ids)}
    )
    assert incident_row(later, {}, (20, 1))["implausible_date"] == "2024-04-01"  # after its first report
    assert incident_row(incident, {}, (20, 1))["implausible_date"] is None


def test_corrections_survive_reingest_of_the_same_and_of_new_articles(tmp_path: Path) -> None:
    """The real pipeline on fictional articles: corrections are re-applied on every resolution."""
    from ois import pipeline
    from ois.settings import Settings

    settings = Settings(env={})
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("01_pueblo_ledger_fatal.txt", "02_frontrange_fatal.txt", "04_spokane_knife.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    store = Store(tmp_path / "ois.db")
    pipeline.ingest([folder], store, settings, progress=False)
    ids = [r[0] for r in store.db.execute("select id from incidents order by n_reports desc, id")]
    pueblo, spokane = ids[0], ids[1]
    actions.set_value(store, pueblo, "agency", "Pueblo County Sheriff's Office", Editor("alice", "wrong agency"))
    actions.set_state(store, spokane, "not_ois", True, Editor("alice", "a drill"))

    def check() -> None:
        incidents = [incident_from_dict(json.loads(d)) for (d,) in store.db.execute("select json from incidents")]
        by_agency = {i.value("agency"): i for i in incidents}
        assert "Pueblo County Sheriff's Office" in by_agency
        assert by_agency["Pueblo County Sheriff's Office"].fields["agency"].corrected.editor == "alice"
        assert store.db.execute("select count(*) from incidents where not_ois = 1").fetchone() == (1,)

    pipeline.reresolve(store, settings)  # a re-resolution
    check()
    pipeline.ingest([folder], store, settings, progress=False)  # the same articles again
    check()
    shutil.copy(FIXTURES / "03_pueblo_ledger_followup.txt", folder / "03.txt")
    summary = pipeline.ingest([folder], store, settings, progress=False)  # a new article joins
    assert summary.new == 1 and summary.resolved
    check()
    store.close()
