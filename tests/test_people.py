"""People extraction on fictional articles: roles, names, ages, gender, armed, outcome, who fired."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from ois import nlp
from ois.extract.names import cluster, find_mentions
from ois.extract.people import people
from ois.models import ARMED, GENDERS, OUTCOMES, ROLES, Article
from ois.settings import Settings

SETTINGS = Settings(env={})

ROBBERY = (
    "Deputies shoot armed robbery suspect in Lakeview\n\n"
    "A Harlan County deputy shot and killed a man who pointed a handgun at him outside a gas station on "
    "Tuesday, the sheriff's office said.\n\n"
    "The man was identified as Dwayne Petrosky, 34, of Lakeview.\n\n"
    "Deputy Carla Brennerman was not injured.\n\n"
    "Sheriff Tom Ashgrove said Brennerman had responded to a robbery call.\n\n"
    "Petrosky was pronounced dead at the scene."
)

SHOOTOUT = (
    "Trooper wounded in shootout\n\n"
    "A 27-year-old woman opened fire on a state trooper during a traffic stop Sunday night, police said.\n\n"
    "Trooper Alan Whitcombe returned fire, striking her in the shoulder.\n\n"
    "Whitcombe was shot in the leg and taken to a hospital.\n\n"
    "The woman, whose name was not released, was treated and arrested.\n\n"
    "Anyone with information should call Detective Ray Olumide at 555-0100."
)

VEHICLE = (
    "Officer fires at driver\n\n"
    "An officer fired at a driver who tried to run officers over in a parking lot, police spokeswoman "
    "Lt. Dana Fairbrook said.\n\n"
    "The driver, Marcus Ellington, 19, was unhurt and was arrested a mile away.\n\n"
    "His mother, Irene Ellington, said he was scared."
)

NOT_FIRED = (
    "Clerk's friend helps wounded officer\n\n"
    "Officer Jane Kowalczyk was shot twice by a suspect who fled on foot.\n\n"
    '"I didn\'t draw my firearm," Kowalczyk said later.\n\n'
    "The suspect, Harold Quimby, was arrested on Friday."
)


TWO_OFFICERS = (
    "Police shoot driver in Elkton\n\n"
    "Two officers confronted a driver on Main Street on Monday.\n\n"
    "The driver shot first, and Officer Dana Whitley fired back, police said.\n\n"
    "The driver, a 41-year-old man, was shot in the arm and survived."
)


@pytest.fixture(scope="module")
def model():
    return nlp.load(SETTINGS.spacy_model)


def run(model, text: str) -> dict:
    article = Article(id="t", title=text.split("\n")[0], text=text)
    return people(article, nlp.parse(model, text), SETTINGS)


def by_role(out: dict, role: str):
    return [p for p in out["people"] if p.role == role]


def value(fact):
    return None if fact is None else fact.value


def test_named_subject_and_officer(model):
    out = run(model, ROBBERY)
    (subject,) = by_role(out, "subject")
    (officer,) = by_role(out, "officer")
    assert value(subject.name) == "Dwayne Petrosky"
    assert value(subject.age) == 34
    assert value(subject.gender) == "male"
    assert value(subject.armed) == "gun"
    assert value(subject.outcome) == "killed"
    assert value(officer.name) == "Carla Brennerman"
    assert value(officer.outcome) == "uninjured"
    assert value(out["officer_fired"]) is True
    # the sheriff is quoted, not involved
    assert all(value(p.name) != "Tom Ashgrove" for p in out["people"])


def test_evidence_is_the_supporting_sentence(model):
    out = run(model, ROBBERY)
    (subject,) = by_role(out, "subject")
    sentence = "The man was identified as Dwayne Petrosky, 34, of Lakeview."
    start = ROBBERY.index(sentence)
    assert (subject.name.evidence.start, subject.name.evidence.end) == (start, start + len(sentence))
    assert subject.name.evidence.text == sentence
    assert subject.outcome.evidence.text in ROBBERY
    for p in out["people"]:
        for span in p.mentions:
            assert ROBBERY[span.start : span.end] == span.text


def test_unnamed_subject_shot_first(model):
    out = run(model, SHOOTOUT)
    (subject,) = by_role(out, "subject")
    (officer,) = by_role(out, "officer")
    assert subject.name is None
    assert value(subject.age) == 27
    assert value(subject.gender) == "female"
    assert value(subject.outcome) == "injured"
    assert value(subject.fired) is True
    assert value(subject.armed) == "gun"
    assert value(officer.name) == "Alan Whitcombe"
    assert value(officer.outcome) == "injured"
    assert value(out["subject_fired"]) is True
    assert value(out["officer_fired"]) is True
    assert value(out["first_shot_by"]) == "subject"
    assert out["first_shot_by"].evidence.text == "Trooper Alan Whitcombe returned fire, striking her in the shoulder."
    # a detective to call for tips is not part of the shooting
    assert all(value(p.name) != "Ray Olumide" for p in out["people"])


def test_vehicle_and_non_participants(model):
    out = run(model, VEHICLE)
    names = {value(p.name) for p in out["people"]}
    assert "Dana Fairbrook" not in names
    assert "Irene Ellington" not in names
    (subject,) = by_role(out, "subject")
    assert value(subject.name) == "Marcus Ellington"
    assert value(subject.age) == 19
    assert value(subject.armed) == "vehicle"
    assert value(subject.outcome) == "uninjured"


def test_officer_did_not_fire(model):
    out = run(model, NOT_FIRED)
    (officer,) = by_role(out, "officer")
    assert value(officer.name) == "Jane Kowalczyk"
    assert value(officer.outcome) == "injured"
    assert value(officer.gender) is None  # nothing in the text ties a pronoun to her
    assert value(out["officer_fired"]) is False
    (subject,) = by_role(out, "subject")
    assert value(subject.name) == "Harold Quimby"


def test_two_officers_and_an_unnamed_driver(model):
    out = run(model, TWO_OFFICERS)
    officers = by_role(out, "officer")
    assert [value(p.name) for p in officers] == ["Dana Whitley", None]  # "two officers", one named
    assert value(officers[0].fired) is True
    (subject,) = by_role(out, "subject")
    assert (value(subject.age), value(subject.gender), value(subject.outcome)) == (41, "male", "injured")
    assert value(subject.fired) is True and value(subject.armed) == "gun"
    sentence = "The driver shot first, and Officer Dana Whitley fired back, police said."
    start = TWO_OFFICERS.index(sentence)
    assert value(out["first_shot_by"]) == "subject"
    assert (out["first_shot_by"].evidence.start, out["first_shot_by"].evidence.end) == (start, start + len(sentence))


def test_spelling_variants_are_one_person(model):
    text = (
        "Officer Luis Barrantes was shot by a gunman.\n\nA man named Pete Tompkins helped him.\n\n"
        "Barrantes thanked Thompkins and Mr Tompkins later spoke to reporters."
    )
    sentences = list(nlp.parse(model, text).sentences())
    clusters = cluster(find_mentions(sentences))
    surnames = sorted(c.surname for c in clusters)
    assert surnames == ["barrantes", "tompkins"]


@given(st.text(max_size=300))
@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_gives_valid_people(model, text):
    out = run(model, text or "x")
    assert set(out) == {"people", "officer_fired", "subject_fired", "first_shot_by"}
    for p in out["people"]:
        assert p.role in ROLES
        assert value(p.gender) in (None, *GENDERS)
        assert value(p.armed) in (None, *ARMED)
        assert value(p.outcome) in (None, *OUTCOMES)
