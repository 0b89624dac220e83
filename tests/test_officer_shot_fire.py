"""Fictional articles where an officer's gunshot wound says a subject fired (issue 8): "a police officer was shot
in the arm during a traffic stop" means someone shot at police (subject_fired, and so who fired first), unless the
story says police fire hit the officer (friendly fire, a fellow officer's shot) or the wound's sentence has a
subject shot too ("his rounds hit both the driver and the wounded officer": whose shots is left open). When both
sides fired and an officer was hit, police fire answered the subject's: he fired first."""

from __future__ import annotations

import pytest

from ois.models import fact_value
from tests.articles import report


def test_an_officer_shot_means_a_subject_fired_first(model):
    r = report(
        model,
        "Halden officer shot during traffic stop\n\n"
        "HALDEN, Mont. — A Halden police officer was shot in the arm Tuesday night during a traffic stop, police "
        "said. The officer is expected to survive. Police are searching for the driver.",
    )
    assert fact_value(r.subject_fired) is True
    assert "shot" in r.subject_fired.evidence.text  # (the officer's wound)
    assert fact_value(r.first_shot_by) == "subject"


@pytest.mark.parametrize(
    "story",
    [
        "A Halden police officer was shot in the leg Tuesday during a raid, police said. Investigators believe he was "
        "hit by friendly fire.",
        "A Halden police officer was shot in the arm Tuesday night while struggling with a driver, police said. A "
        "second officer fired twice, and his rounds hit both the driver and the wounded officer.",
    ],
)
def test_police_fire_that_may_have_hit_the_officer_says_nothing_of_the_subject(model, story):
    r = report(model, f"Halden officer shot\n\nHALDEN, Mont. — {story}")
    assert r.subject_fired is None


@pytest.mark.parametrize(
    ("story", "first"),
    [
        (
            "Halden deputy shot, gunman wounded\n\nHALDEN, Mont. — A Halden County deputy was shot in the shoulder "
            "Tuesday night. Tom Varn, 41, fired a rifle from his porch, and deputies shot back, hitting him in the "
            "leg, the sheriff said. Varn is in custody.",
            "subject",  # (on the evidence of the wound)
        ),
        (
            "Halden man wounded by deputies\n\nHALDEN, Mont. — Tom Varn, 41, fired a rifle from his porch Tuesday "
            "night, and deputies shot him in the leg, the sheriff said. No deputy was hurt. Varn is in custody.",
            None,  # no officer hit: who fired first is left open
        ),
    ],
)
def test_both_sides_fired_and_an_officer_was_hit_the_subject_fired_first(model, story, first):
    r = report(model, story)
    assert fact_value(r.officer_fired) is True and fact_value(r.subject_fired) is True
    assert fact_value(r.first_shot_by) == first
    assert first is None or "shoulder" in r.first_shot_by.evidence.text


@pytest.mark.parametrize(
    ("said", "shooter"),
    [
        (
            "Police said Dale Roe, 30, pointed a gun at Officer Tom Varn on Friday. Roe's bullet struck a car.",
            "Dale Roe",
        ),
        (
            "Police said Dale Roe, 30, pointed a gun at a family on Friday before Officer Tom Varn arrived. His shots "
            "went wide and hit a parked van.",
            "Tom Varn",
        ),
    ],
)
def test_whose_shots_or_bullet_did_something_fired(model, said, shooter):
    """ "Roe's bullet struck a car", "His shots went wide": the owner of the gunfire fired."""
    r = report(model, f"Gunfire in Harlow\n\nHARLOW, Mont. - {said}")
    assert {fact_value(p.name) for p in r.people if fact_value(p.fired)} == {shooter}
