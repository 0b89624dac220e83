"""Resolution on fictional reports: copies, follow-ups, spelling variants, stable ids, overrides."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from ois.models import Fact, Override, Person, Report, Span
from ois.resolve import resolve
from ois.settings import Settings

D = dt.date
SETTINGS = Settings(env={})


def fact(value):
    return Fact(value, Span(0, 10, f"evidence for {value}"))


def person(role, name=None, outcome=None, age=None):
    return Person(
        role=role,
        name=fact(name) if name else None,
        outcome=fact(outcome) if outcome else None,
        age=fact(age) if age else None,
    )


def report(rid, published, date=None, city=None, state=None, people=(), agency=None, legal=()):
    return Report(
        article_id=rid,
        published=published,
        incident_date=fact(date) if date else None,
        city=fact(city) if city else None,
        state=fact(state) if state else None,
        agency=fact(agency) if agency else None,
        people=tuple(people),
        legal=tuple(fact(v) for v in legal),
    )


WIRE = (
    "A Brevard County deputy shot Darnell Tompkins, 34, after a traffic stop on Palm Bay Road late Thursday, "
    "the sheriff's office said. Tompkins was taken to Holmes Regional Medical Center in serious condition. "
    "Investigators said the deputy fired after Tompkins reached for a handgun on the seat of his pickup truck. "
    "The Florida Department of Law Enforcement will review the shooting, as it does every deputy shooting. "
    "Neighbors on Fernwood Lane said they heard three shots shortly after eleven."
)
SPUN = ". ".join(reversed(WIRE.rstrip(".").split(". "))) + "."  # the same sentences in another order

A = report(
    "a",
    D(2021, 3, 5),
    D(2021, 3, 4),
    "Melbourne",
    "FL",
    [person("subject", "Darnell Tompkins", "injured", 34), person("officer")],
    agency="Brevard County Sheriff",
)
B = report("b", D(2021, 3, 5), D(2021, 3, 4), "Melbourne", "FL", [person("subject", "Darnell Tompkins")])
C = report(
    "c",
    D(2021, 3, 6),
    D(2021, 3, 4),
    "West Melbourne",
    "FL",
    [person("subject", "Darnell Thompkins", "injured"), person("officer"), person("officer")],
)
F = report(
    "f",
    D(2021, 5, 20),
    None,
    "West Melbourne",
    "FL",
    [person("subject", "Tompkins")],
    legal=[{"kind": "charged", "detail": "aggravated assault on an officer"}],
)
OTHER_SAME_DAY = report(
    "e", D(2021, 3, 5), D(2021, 3, 4), "Melbourne", "FL", [person("subject", "Keisha Vance", "killed")]
)
OTHER_STATE = report("g", D(2021, 3, 5), D(2021, 3, 4), "Macon", "GA", [person("subject", "Darnell Tompkins")])
TEXTS = {"a": WIRE, "b": SPUN, "c": "A deputy shot a man in West Melbourne.", "f": "Tompkins was charged."}
ALL = [A, B, C, F, OTHER_SAME_DAY, OTHER_STATE]


def groups(resolution):
    return sorted(sorted(inc.report_ids) for inc in resolution.incidents)


@pytest.fixture(scope="module")
def resolved():
    return resolve(ALL, TEXTS, SETTINGS)


def test_clusters_copies_rewrites_and_follow_ups(resolved):
    assert groups(resolved) == [["a", "b", "c", "f"], ["e"], ["g"]]
    assert resolved.copies == {"b": "a"}


def test_merged_fields_count_copies_once_and_keep_conflicts(resolved):
    inc = next(i for i in resolved.incidents if "a" in i.report_ids)
    city = inc.fields["city"]
    # Melbourne: a + its copy b = one source; West Melbourne: c and f = two independent sources.
    assert city.value == "West Melbourne" and city.report_ids == ("c", "f")
    assert [(alt.value, alt.report_ids) for alt in city.conflicts] == [("Melbourne", ("a",))]
    assert inc.fields["incident_date"].value == D(2021, 3, 4)
    assert inc.copies == {"b": "a"}
    assert (inc.first_published, inc.last_published) == (D(2021, 3, 5), D(2021, 5, 20))
    legal = inc.fields["legal"]
    assert legal.value == [
        {"kind": "charged", "detail": "aggravated assault on an officer", "reported": D(2021, 5, 20)}
    ]


def test_people_merge_fuzzily_and_surname_only_joins(resolved):
    inc = next(i for i in resolved.incidents if "a" in i.report_ids)
    subjects = [p for p in inc.people if p["role"].value == "subject"]
    assert len(subjects) == 1
    name = subjects[0]["name"]
    assert name.value == "Darnell Tompkins"
    assert set(name.report_ids) == {"a", "f"}  # b is a's copy; f's "Tompkins" supports the full name
    assert [alt.value for alt in name.conflicts] == ["Darnell Thompkins"]
    assert subjects[0]["age"].value == 34
    officers = [p for p in inc.people if p["role"].value == "officer"]
    assert len(officers) == 2  # one report says one deputy, another says two: both kept


def test_ids_are_stable_and_incremental():
    first = resolve([A, C, OTHER_SAME_DAY], TEXTS, SETTINGS)
    previous = {r: inc.id for inc in first.incidents for r in inc.report_ids}
    again = resolve([A, C, OTHER_SAME_DAY], TEXTS, SETTINGS)
    assert {i.id for i in again.incidents} == {i.id for i in first.incidents}
    grown = resolve([A, C, OTHER_SAME_DAY, F, B], TEXTS, SETTINGS, previous)
    by_report = {r: inc.id for inc in grown.incidents for r in inc.report_ids}
    assert by_report["f"] == by_report["b"] == previous["a"]
    assert by_report["e"] == previous["e"]


def test_bridging_report_merges_two_incidents_larger_keeps_id():
    place_only = report("p1", D(2022, 1, 10), D(2022, 1, 9), "Dayton", "OH")
    place_copy = report("p2", D(2022, 1, 10), D(2022, 1, 9), "Dayton", "OH")
    names_only = report("n1", D(2022, 2, 1), people=[person("subject", "Orville Pruitt")])
    before = resolve([place_only, place_copy, names_only], {}, SETTINGS)
    assert groups(before) == [["n1"], ["p1", "p2"]]
    previous = {r: inc.id for inc in before.incidents for r in inc.report_ids}
    bridge = report("x", D(2022, 1, 11), D(2022, 1, 9), "Dayton", "OH", [person("subject", "Orville Pruitt")])
    after = resolve([place_only, place_copy, names_only, bridge], {}, SETTINGS, previous)
    assert groups(after) == [["n1", "p1", "p2", "x"]]
    assert after.incidents[0].id == previous["p1"]


def test_reports_without_key_facts_never_link_except_copies():
    bare = [report(f"r{n}", D(2020, 6, 1)) for n in range(3)]
    texts = {"r0": WIRE, "r1": SPUN, "r2": "Police shot a man on Tuesday."}
    assert groups(resolve(bare, texts, SETTINGS)) == [["r0", "r1"], ["r2"]]


def test_overrides_survive_re_resolution_and_keep_ids(resolved):
    previous = {r: inc.id for inc in resolved.incidents for r in inc.report_ids}
    split = Override("split", "f", "a")
    res = resolve(ALL, TEXTS, SETTINGS, previous, overrides=[split])
    assert ["f"] in groups(res)
    by_report = {r: inc.id for inc in res.incidents for r in inc.report_ids}
    assert by_report["a"] == previous["a"] and by_report["f"] != previous["a"]  # the larger part keeps the id
    merged = resolve(ALL, TEXTS, SETTINGS, by_report, overrides=[split, Override("merge", "e", "a")])
    assert ["a", "b", "c", "e"] in groups(merged)
    assert {r: inc.id for inc in merged.incidents for r in inc.report_ids}["e"] == previous["a"]
    # the user's last word on a pair wins: splitting "e" off again undoes the merge
    undone = resolve(ALL, TEXTS, SETTINGS, overrides=[split, Override("merge", "e", "a"), Override("split", "a", "e")])
    assert ["a", "b", "c", "e"] not in groups(undone) and ["a", "b", "c"] in groups(undone)


dates = st.one_of(st.none(), st.dates(D(2020, 1, 1), D(2020, 3, 1)))
maybe = lambda options: st.one_of(st.none(), st.sampled_from(options))  # noqa: E731
random_report = st.builds(
    report,
    st.text("abcdef", min_size=1, max_size=4),
    dates,
    dates,
    maybe(["Akron", "Ada", "Ames"]),
    maybe(["OH", "IA"]),
    st.lists(
        st.builds(person, st.sampled_from(["officer", "subject"]), maybe(["Al Roe", "Roe", "Bo Lee", ""])), max_size=3
    ),
)


@hsettings(max_examples=60, deadline=None)
@given(st.lists(random_report, max_size=12))
def test_any_reports_give_a_partition(reports):
    res = resolve(reports, {}, SETTINGS)
    ids = [r for inc in res.incidents for r in inc.report_ids]
    assert sorted(ids) == sorted({r.article_id for r in reports})
    assert len({inc.id for inc in res.incidents}) == len(res.incidents)


def test_short_and_full_agency_names_agree_and_legal_steps_group_by_kind():
    first = report(
        "a1",
        D(2025, 3, 14),
        D(2025, 3, 13),
        "Pueblo",
        "CO",
        [person("subject", "Dan Whit")],
        agency="Pueblo Police",
        legal=[{"kind": "investigation", "detail": "The CBI is investigating."}],
    )
    second = report(
        "a2",
        D(2025, 3, 14),
        D(2025, 3, 13),
        "Pueblo",
        "CO",
        [person("subject", "Dan Whit")],
        agency="Pueblo Police Department",
        legal=[{"kind": "investigation", "detail": "A state team will review the shooting."}],
    )
    (incident,) = resolve([first, second], {}, SETTINGS).incidents
    agency = incident.fields["agency"]
    assert (agency.value, agency.conflicts, set(agency.report_ids)) == ("Pueblo Police Department", (), {"a1", "a2"})
    legal = incident.fields["legal"]
    assert [alt.value["kind"] for alt in legal.conflicts] == ["investigation"]
    assert set(legal.conflicts[0].report_ids) == {"a1", "a2"}


def test_an_undated_report_links_only_on_a_full_name_in_the_same_place():
    dated = report("dated", D(2021, 6, 2), D(2021, 6, 1), "Dover", "DE", [person("subject", "Travis Menkel")])
    texts = {"dated": "Deputies shot Travis Menkel in Dover.", "undated": "", "surname": "", "elsewhere": ""}
    same = report("undated", None, city="Dover", state="DE", people=[person("subject", "Travis Menkel")])
    surname = report("surname", None, city="Dover", state="DE", people=[person("subject", "Menkel")])
    elsewhere = report("elsewhere", None, city="Salem", state="OR", people=[person("subject", "Travis Menkel")])

    def groups(*reports):
        return sorted(sorted(i.report_ids) for i in resolve(list(reports), texts, SETTINGS).incidents)

    assert groups(dated, same) == [["dated", "undated"]]
    assert groups(dated, surname) == [["dated"], ["surname"]]  # a surname alone is not enough without a date
    assert groups(dated, elsewhere) == [["dated"], ["elsewhere"]]


def test_an_unnamed_person_joins_the_named_one_another_outlet_gives_and_one_reports_two_stay_two():
    from ois.names import rule
    from ois.resolve.merge import merge_incident

    risher, accomplice = person("subject", "Richard Risher", "killed", 18), person("subject", outcome="injured")
    named = report("n", D(2021, 3, 5), people=[risher, accomplice, person("officer", outcome="injured")])
    unnamed = report(
        "u",
        D(2021, 3, 6),
        people=[person("subject", outcome="killed", age=18), person("officer", outcome="injured"), person("officer")],
    )
    inc = merge_incident("i", [named, unnamed], {}, rule(SETTINGS))
    roles = sorted(p["role"].value for p in inc.people)
    assert roles == ["officer", "officer", "subject", "subject"]  # u's two officers are two; its suspect is Risher
    subject = next(p for p in inc.people if "name" in p)
    assert subject["name"].value == "Richard Risher" and set(subject["age"].report_ids) == {"n", "u"}


def test_a_surname_with_its_particle_supports_the_full_name():
    from ois.names import rule
    from ois.resolve.merge import merge_incident

    full = report("f", D(2021, 3, 5), people=[person("officer", "Jonathan De Guzman", "killed")])
    short = report("s", D(2021, 3, 6), people=[person("officer", "De Guzman", "killed")])
    (officer,) = merge_incident("i", [full, short], {}, rule(SETTINGS)).people
    assert officer["name"].value == "Jonathan De Guzman" and set(officer["name"].report_ids) == {"f", "s"}
    assert not [alt for alt in officer["name"].conflicts if alt.value != "Jonathan De Guzman"]


def test_the_gunmans_victim_named_by_two_reports_links_them():
    """The people a report keeps as the subject's victims (mentioned) name the incident as well as its
    participants do: an undated follow-up that names the victim links like one that names the gunman."""
    victim = Person("victim of the subject", name=fact("Travis Menkel"), outcome=fact("killed"))
    dated = Report(
        "dated",
        published=D(2021, 6, 2),
        incident_date=fact(D(2021, 6, 1)),
        city=fact("Dover"),
        state=fact("DE"),
        people=(person("officer", None, "injured"),),
        mentioned=(victim,),
    )
    undated = Report("undated", city=fact("Dover"), state=fact("DE"), mentioned=(victim,))
    texts = {"dated": "A gunman killed Travis Menkel in Dover and wounded a deputy.", "undated": ""}
    assert [sorted(i.report_ids) for i in resolve([dated, undated], texts, SETTINGS).incidents] == [
        ["dated", "undated"]
    ]
