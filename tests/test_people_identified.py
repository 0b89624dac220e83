"""Fictional articles: names a release gives with an age before them, "identified the officer who fired as X"
(the "as" hung on the object's clause), and wounds a person did not suffer (issue 8)."""

from __future__ import annotations

import pytest

from ois.models import fact_value
from tests.articles import report


def _named(r, name: str):
    return next(p for p in r.people if fact_value(p.name) == name)


def _people(text: str, model) -> dict[str | None, tuple[str, str | None]]:
    r = report(model, text)
    return {fact_value(p.name): (p.role, fact_value(p.outcome)) for p in r.people}


def test_a_name_after_its_age_is_a_person_whatever_ner_says(model):
    """ "the driver taken into custody as 31-year-old Halden Gray": the small model calls the name a building."""
    got = _people(
        "Driver arrested after Tarnow deputy fires\n\n"
        "TARNOW, Mont. - A deputy fired at a driver who had threatened a cashier with a pistol at a gas station on "
        "Friday, the sheriff said. Deputies identified the driver taken into custody as 31-year-old Halden Gray.",
        model,
    )
    assert "Halden Gray" in got and got["Halden Gray"][0] == "subject"


def test_identified_as_hung_on_the_clause_of_the_object(model):
    """ "identified the deputy who opened fire as 40-year-old Patrick Dunmore": Dunmore is that deputy."""
    r = report(
        model,
        "Deputy named in Tarnow gas station shooting\n\n"
        "TARNOW, Mont. - A deputy fired at a driver who had threatened a cashier with a pistol at a gas station on "
        "Friday, the sheriff said. Sheriff's officials on Saturday identified the deputy who opened fire as "
        "40-year-old Patrick Dunmore, a ten-year veteran.",
    )
    assert (_named(r, "Patrick Dunmore").role, fact_value(_named(r, "Patrick Dunmore").fired)) == ("officer", True)


@pytest.mark.parametrize("said", ["did not sustain any injuries", "suffered no injuries"])
def test_injuries_not_suffered_leave_a_person_unhurt(model, said):
    got = _people(
        "Deputy fires at driver in Tarnow\n\n"
        "TARNOW, Mont. - A deputy fired at a driver who had threatened a cashier with a pistol at a gas station on "
        f"Friday, the sheriff said. The driver {said} and was taken into custody.",
        model,
    )
    assert ("subject", "uninjured") in got.values()


RESTSTOP = (
    "Man dies at Harlow rest stop\n\n"
    "HARLOW, Mont. - Two troopers answered a call about a man with a knife at a rest stop near Harlow on Sunday, "
    "where Dale Kessel had flagged down a driver. A second trooper, Tom Varn, fatally shot Kessel, who had charged "
    "at him with a knife."
)
STRAY = "Another trooper mistakenly shot Lou Marsh, 61, a trucker parked nearby, the patrol said."


def test_a_shot_the_parse_made_an_adjective_keeps_its_doer(model):
    """ "A second trooper, Tom Varn, fatally shot Kessel": the small model makes "shot" an adjective of Kessel in
    apposition to Varn; Varn fired and Kessel, shot by police, is the subject (not someone whose shooter the text
    never tells, while it tells police shot another)."""
    r = report(model, f"{RESTSTOP} {STRAY}")
    got = {fact_value(p.name): (p.role, fact_value(p.outcome)) for p in r.people}
    assert got["Dale Kessel"] == ("subject", "killed")
    assert _named(r, "Tom Varn").role == "officer"


@pytest.mark.parametrize(
    ("later", "role"),
    [
        (STRAY, "bystander"),
        # nobody else shot by police: the person police shot by mistake is its subject
        ("", None),
    ],
)
def test_whom_police_shot_by_mistake_besides_the_subject_is_a_bystander(model, later, role):
    got = _people(f"{RESTSTOP} {later}", model)
    assert got.get("Lou Marsh", (None,))[0] == role


def test_one_shot_by_mistake_alone_is_the_subject(model):
    got = _people(
        "Troopers shoot homeowner\n\n"
        "HARLOW, Mont. - Two troopers accidentally shot Lou Marsh, 57, while they answered a burglary call at his "
        "home near Harlow on Sunday, officials said.",
        model,
    )
    assert got["Lou Marsh"][0] == "subject"


def test_one_called_the_gunman_fired(model):
    """ "Police shot and killed a gunman ... identified the gunman as Dunmore": Dunmore fired, so a subject fired."""
    r = report(
        model,
        "Gunman killed by Harlow police\n\n"
        "HARLOW, Mont. - Police shot and killed a gunman at an office park in Harlow on Tuesday, officials said. Two "
        "workers were wounded. Officials identified the gunman as Patrick Dunmore, 41, of Harlow.",
    )
    assert (fact_value(_named(r, "Patrick Dunmore").fired), fact_value(_named(r, "Patrick Dunmore").armed)) == (
        True,
        "gun",
    )
    assert fact_value(r.subject_fired) is True


def test_a_headline_alone_gives_the_subject_police_shot(model):
    """A paywall stub tells its shooting in the headline only (here one the small model parses badly): the person
    it opens with is the subject."""
    r = report(model, "Boy, 16, wounded by Harlow troopers after chase, family says\n\nSubscribers only: sign in.")
    (subject,) = r.subjects()
    assert (subject.name, fact_value(subject.outcome), fact_value(subject.age)) == (None, "injured", 16)
    assert fact_value(r.subject_count) == 1


def test_a_headline_subject_is_never_a_second_subject(model):
    r = report(model, "Man, 30, killed by deputies in Harlow standoff\n\nSubscribers only: sign in.")
    assert len(r.subjects()) == 1


@pytest.mark.parametrize("credit", ["Sgt. Dale Roe (retired)", "Detective Sergeant Dale Roe (retired)"])
def test_a_retired_officer_credited_with_a_photo_is_no_officer_of_the_shooting(model, credit):
    """ "The photo above was taken by Sgt. Dale Roe (retired) of the Marlowe Police Department": not an officer here."""
    r = report(
        model,
        "Officer shoots man in Harlow\n\nHARLOW, Mont. - A Harlow officer shot and wounded a man who fired at him on "
        f"Tuesday, police said. The photo above was taken by {credit} of the Marlowe Police Department.",
    )
    assert "Dale Roe" not in {fact_value(p.name) for p in r.people}
