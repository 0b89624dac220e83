"""Linking people to reference rows: comparison levels, known / possible / new, explanations, users' decisions
that survive re-resolution and reloads, and the MPV -> WaPo evaluation (shared data). Every row is fictional."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from ois import names, reference
from ois.models import incident_from_dict
from ois.reference import compare, link
from ois.reference.records import RefRow, Who
from ois.sample import build_sample_store
from ois.settings import Settings
from ois.store import Store
from tests.test_reference_load import person, wapo_csv

SETTINGS = Settings(env={})
DAY = dt.date(2024, 3, 5)


def who(name: str | None = "Darren Okafor", **extra: object) -> Who:
    values = {"date": DAY, "city": "Springfield", "state": "IL", "age": 34, "gender": "male", "outcome": "killed"}
    return Who(incident_id="i1", person=0, key="darren okafor", name=name, **{**values, **extra})  # type: ignore[arg-type]


def ref(id_: str, name: str | None = "Darren Okafor", **extra: object) -> RefRow:
    values = {"date": DAY, "city": "Springfield", "state": "IL", "age": 34, "gender": "male"}
    return RefRow(source="wapo", id=id_, schema="wapo-v2", name=name, **{**values, **extra})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ours", "theirs", "level"),
    [
        ("Darren Okafor", "Darren Okafor", "exact"),
        ("Darren Okafor", "Darren J. Okafor Jr.", "same"),
        ("Darren Tompkins", "Darren Thompkins", "variant"),
        ("Okafor", "Darren Okafor", "surname_only"),
        ("Okafor Darren", "Darren Okafor", "overlap"),
        ("Darren Ray Okafor", "Dwayne Ray Okafor", "overlap"),
        ("Virgil Thorpe", "Virgil Thrope", "similar"),
        ("Darren Okafor", "Marcus Okafor", "same_surname"),
        ("Darren Okafor", "Lena Brandt", "different"),
        ("Darren Okafor", "Name withheld by police", "missing"),
        ('Dee "D" Okafor aka Darren Okafor', "Darren Okafor", "exact"),
    ],
)
def test_name_levels(ours: str, theirs: str, level: str) -> None:
    assert compare.name_level(ours, theirs, names.rule(SETTINGS), 85) == level


def test_place_levels_use_city_distance_and_county() -> None:
    assert compare.place_level(who(), ref("1")) == "city"
    near = who(city="Chatham", lat=39.676, lon=-89.704)
    assert compare.place_level(near, ref("1", lat=39.80, lon=-89.64)) == "near"
    county = who(city=None, agency="Sangamon County Sheriff's Office")
    assert compare.place_level(county, ref("1", county="Sangamon")) == "county"
    assert compare.place_level(who(state="MO"), ref("1")) == "other_state"
    assert compare.place_level(who(city=None), ref("1")) == "missing"


def test_known_with_an_explanation_for_and_against() -> None:
    (result,) = link.link(
        [who(age=35)], [ref("9001"), ref("9002", "Lena Brandt", date=DAY + dt.timedelta(days=3))], "wapo", SETTINGS
    )
    assert result.status == "known" and result.candidates[0].ref.id == "9001"
    best = result.candidates[0]
    assert best.probability > 0.99
    assert any("same name (Darren Okafor)" in r for r in best.reasons(1))
    assert any("ages 35 / 34" in r for r in best.reasons(-1))


def test_two_unnamed_victims_of_one_shooting_need_review_named_ones_link() -> None:
    refs = [ref("1", None, gender="male"), ref("2", None, gender="male")]
    (unnamed,) = link.link([who(None)], refs, "wapo", SETTINGS)
    assert unnamed.status == "possible" and {c.ref.id for c in unnamed.candidates} == {"1", "2"}
    named = [ref("1", "Darren Okafor"), ref("2", "Lena Brandt", gender="female", age=51)]
    (first,) = link.link([who()], named, "wapo", SETTINGS)
    assert first.status == "known" and first.candidates[0].ref.id == "1"


def test_new_only_within_the_reference_dates_and_survivors_rarely_link() -> None:
    refs = [ref("1", "Lena Brandt", date=dt.date(2024, 1, 2)), ref("2", "Ferris Quill", date=dt.date(2024, 6, 1))]
    (inside,) = link.link([who()], refs, "wapo", SETTINGS)
    assert inside.status == "new"
    (outside,) = link.link([who(date=dt.date(2025, 1, 1))], refs, "wapo", SETTINGS)
    assert outside.status is None
    survivor = who(None, outcome="injured", age=None, gender=None)
    (wounded,) = link.link([survivor], [ref("3", None, age=None), *refs], "wapo", SETTINGS)
    assert wounded.status != "known"


def test_one_reference_row_links_one_person() -> None:
    twice = [who(), dataclasses.replace(who(), incident_id="i2")]
    first, second = link.link(twice, [ref("1")], "wapo", SETTINGS)
    assert first.status == "known" and second.status == "possible"
    assert "linked to incident i1" in second.note


def test_a_wrong_year_is_found_by_the_name_block() -> None:
    (result,) = link.link([who()], [ref("1", date=DAY.replace(year=2023))], "wapo", SETTINGS)
    assert result.candidates and result.candidates[0].ref.id == "1"


# --- the store: relinking after resolution, users' decisions --------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Store:
    path = tmp_path / "ois.db"
    build_sample_store(path)
    store = Store(path)
    refs = tmp_path / "wapo.csv"
    refs.write_text(
        wapo_csv(
            person("9001", "Darren Okafor", age="35", armed_with="gun", agency_ids="7"),
            person("9002", "Lena Brandt", date="2024-03-20", city="Peoria"),
            person("9003", "Ferris Quill", date="2023-01-02", city="Tulsa", state="OK"),
        )
    )
    agencies = tmp_path / "agencies.csv"
    agencies.write_text("id,name,type,state,oricodes,total_shootings\n7,Springfield Police Department,local,IL,,1\n")
    reference.load_file(store, refs, "wapo", SETTINGS)
    reference.load_file(store, agencies, "wapo", SETTINGS)
    return store


def _statuses(store: Store) -> dict[str, str | None]:
    return dict(store.db.execute("select city, wapo from incidents").fetchall())


def test_relink_sets_statuses_people_and_agreement(store: Store) -> None:
    # Tulsa's subject survived: missing from a database of deaths is expected, so the incident is not `new`.
    assert _statuses(store) == {"Springfield": "known", "Tulsa": None, "Dayton": None}
    assert store.db.execute("select wapo from people where city = 'Tulsa' and role = 'subject'").fetchone() == ("new",)
    row = store.db.execute("select name, wapo, wapo_ids from people where wapo = 'known'").fetchone()
    assert row == ("Darren Okafor", "known", "9001")
    comparison = json.loads(
        store.db.execute("select comparison from reference_links where rank = 0 and ref_id = '9001'").fetchone()[0]
    )
    fields = {c["field"]: c for c in comparison}
    assert fields["age"]["ours"] == 34 and fields["age"]["theirs"] == 35 and fields["age"]["agree"] is False
    assert fields["armed"]["agree"] is False  # knife (ours) vs gun
    assert fields["agency"]["agree"] is True  # the agency id names it
    assert not reference.needs_relink(store)


def test_decisions_survive_re_resolution_and_reloads(store: Store, tmp_path: Path) -> None:
    incident_id = store.db.execute("select id from incidents where city = 'Springfield'").fetchone()[0]
    stored = reference.decide_link(store, "wapo", "9001", incident_id, 0, "reject", "Ed Itor", "different man")
    assert stored["person_key"] == "darren okafor" and stored["editor"] == "Ed Itor"
    assert _statuses(store)["Springfield"] != "known"
    # Resolution gives the incident a new id: the decision is keyed by report + person, so it still applies.
    incidents = [incident_from_dict(json.loads(doc)) for (doc,) in store.db.execute("select json from incidents")]
    store.replace_incidents([dataclasses.replace(i, id=f"new-{i.id}") for i in incidents])
    assert reference.needs_relink(store)
    reference.relink(store, SETTINGS)
    assert _statuses(store)["Springfield"] != "known"
    reference.decide_link(store, "wapo", "9001", f"new-{incident_id}", 0, "confirm", "Ed Itor", "checked the file")
    assert _statuses(store)["Springfield"] == "known"
    decision = json.loads(
        store.db.execute("select decision from reference_links where rank = 0 and ref_id = '9001'").fetchone()[0]
    )
    assert decision["decision"] == "confirm" and decision["reason"] == "checked the file"
    assert [d["decision"] for d in reference.link_decisions(store)] == ["reject", "confirm"]  # the audit trail


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("mpx", "9001", "ID", 0, "confirm", "Ed"), "unknown reference"),
        (("wapo", "9001", "ID", 0, "maybe", "Ed"), "decision must be"),
        (("wapo", "9001", "ID", 0, "confirm", " "), "editor"),
        (("wapo", "9001", "nope", 0, "confirm", "Ed"), "no incident"),
        (("wapo", "9001", "ID", 7, "confirm", "Ed"), "no subject number 7"),
        (("wapo", "0000", "ID", 0, "confirm", "Ed"), "no wapo row"),
    ],
)
def test_bad_decisions_say_why(store: Store, args: tuple, message: str) -> None:
    incident_id = store.db.execute("select id from incidents where city = 'Springfield'").fetchone()[0]
    args = tuple(incident_id if a == "ID" else a for a in args)
    with pytest.raises(reference.LinkError, match=message):
        reference.decide_link(store, *args)


# --- the evaluation (shared data) -------------------------------------------------------------------------------


@pytest.mark.shared
def test_mpv_rows_link_to_wapo_at_the_targets(shared_data: Path) -> None:
    from ois.evaluation.linking import TARGET_PRECISION, TARGET_RECALL, evaluate_linking

    if not (shared_data / "mpv").is_dir() or not (shared_data / "wapo" / "v2").is_dir():
        pytest.skip("MPV or WaPo v2 not in the shared data")
    result = evaluate_linking(shared_data, SETTINGS)
    held_out = next(iter(result["sections"].values()))["MPV links: held-out half"]
    assert held_out["precision"] >= TARGET_PRECISION and held_out["recall"] >= TARGET_RECALL
