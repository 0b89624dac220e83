"""Fictional articles where people listed together are several (issue 8): "he and a second deputy fired" is
two officers who fired, "a county deputy and a city patrolman" two officers, and "driver X and a man" two people: no
description among them is taken for another of them, and an unnamed officer listed with a named one counts; "two
other officers" add to the one before, and subjects are counted by who police shot, not who was arrested."""

from __future__ import annotations

import pytest

from ois.models import fact_value
from tests.articles import report


def test_two_officers_of_two_agencies_listed_together_are_two(model):
    r = report(
        model,
        "Man hurt in standoff with police\n\n"
        "HALDEN, Mont. — A man who barricaded himself in a trailer was shot and wounded by police on Friday, "
        "officials said.\n\n"
        "A Halden County deputy and a Halden city patrolman both fired at the man, officials said.",
    )
    officers = [p for p in r.officers() if fact_value(p.fired)]
    assert len(officers) == 2
    assert fact_value(r.officer_count) == 2


@pytest.mark.parametrize(
    ("text", "field", "number"),
    [
        (  # an unnamed officer listed with a named one who fired counts with him
            "Deputy charged in shooting of boy\n\nDale Roe, a Harlow police officer, was working a shift as a marshal "
            "on the night of May 3 when he and a second deputy fired at a car, killing a 9-year-old boy.",
            "officer_count",
            2,
        ),
        (  # the officers before "two other officers" add to its count
            "Gunman kills tribal officer, wounds two others\n\nHALDEN, Mont. — A gunman killed a tribal police "
            "officer and wounded two other officers on Sunday before he was arrested, police said.",
            "officer_count",
            3,
        ),
        (  # no officer told firing: the officers "involved" (placed on leave) are the ones who did
            "Man killed by Harlow police\n\nHARLOW, Mont. - A man who pointed a rifle at officers was killed by police "
            "on Tuesday night, officials said. The two officers involved are on administrative leave.",
            "officer_count",
            2,
        ),
        (  # subjects are counted by who police shot, not by who was arrested
            "Officer shoots carjacking suspect in Marlowe\n\nMARLOWE, Mont. — A Marlowe police officer shot a teen "
            "carjacking suspect in the leg on Tuesday, police said. Two robbery suspects were arrested hours later.",
            "subject_count",
            1,
        ),
    ],
)
def test_counts_of_people_listed_and_told_apart(model, text, field, number):
    assert fact_value(getattr(report(model, text), field)) == number


def test_a_man_listed_with_a_named_driver_is_not_her(model):
    r = report(
        model,
        "Officer shoots two after traffic stop\n\n"
        "Driver Lila Voss and a man fled a traffic stop on Route 9 in Tarnow on Sunday. The car struck a Tarnow "
        "police officer, who shot both occupants, killing Voss, police said.",
    )
    voss = next(p for p in r.people if fact_value(p.name) == "Lila Voss")
    assert fact_value(voss.gender) != "male"
    assert fact_value(voss.outcome) == "killed"


def _named_outcomes(model, text: str) -> dict[str, tuple[str, str | None]]:
    """Each named person of the report: (role, outcome)."""
    return {
        fact_value(p.name): (p.role, fact_value(p.outcome)) for p in report(model, text).people if p.name is not None
    }


@pytest.mark.parametrize(
    ("named", "second"),
    [
        ("The sheriff's office identified them as", "Mara Voss"),
        ("The sheriff's office identified the suspects as", "Mara Voss"),
        # a name listed with an age is a person whatever NER says (the small model calls this one a place)
        ("The sheriff's office identified them as", "Halden Tarnow"),
    ],
)
def test_a_group_identified_by_name_is_its_members(model, named, second):
    """ "Two suspects died ... identified them (the suspects) as A and B": A and B are the two, shot by police
    like their group ("them": the group last counted as many as the names)."""
    got = _named_outcomes(
        model,
        "Two suspects die in gunfight with Harlow deputies\n\n"
        "HARLOW, Mont. - Two suspects died in a gunfight with deputies on Sunday after a robbery at a Harlow pawn "
        f"shop. {named} Patrick Dunmore, 28, and {second}, 27.",
    )
    assert got == {"Patrick Dunmore": ("subject", "killed"), second: ("subject", "killed")}


@pytest.mark.parametrize(
    "told",
    [
        "Patrick Dunmore, 24, was one of two men wounded by the gunfire.",
        "Patrick Dunmore, 24, was among three men who were wounded.",
    ],
)
def test_one_of_a_group_shot_suffered_what_it_suffered(model, told):
    """ "Dunmore was one of two men wounded": a member of the group police shot, so shot by police himself."""
    got = _named_outcomes(
        model,
        "Three shot as Harlow police fire into car\n\n"
        "HARLOW, Mont. - Harlow police officers fired into a car after a robbery on Tuesday, police said. "
        f"{told} Another man in the car, Lou Marsh, 20, died of his injuries.",
    )
    assert got == {"Patrick Dunmore": ("subject", "injured"), "Lou Marsh": ("subject", "killed")}


@pytest.mark.parametrize(
    "said",
    [
        "The officers involved in the shooting, Patrick Dunmore and Travis Menkel, have been placed on leave.",
        "Patrick Dunmore and Travis Menkel, the officers who fired, have been placed on leave.",
    ],
)
def test_names_in_apposition_to_a_group_are_each_of_it(model, said):
    """ "The officers involved in the shooting, A and B,", "A and B, the officers who fired,": both are officers
    (not only the name next to the group)."""
    r = report(
        model,
        "Man killed by Harlow police\n\n"
        "HARLOW, Mont. - A man was shot and killed by police on Friday after he pointed a rifle at officers, police "
        f"said. {said}",
    )
    assert {fact_value(p.name) for p in r.officers()} == {"Patrick Dunmore", "Travis Menkel"}


@pytest.mark.parametrize(("fired", "officer"), [("fired at", True), ("exchanged gunfire with", False)])
def test_a_name_listed_with_an_officer_as_the_shooters_is_an_officer(model, fired, officer):
    """ "Sgt. Dunmore and Menkel fired at the car": Menkel is an officer too; not where the two exchanged gunfire
    (the two sides)."""
    r = report(
        model,
        "Driver wounded at Harlow checkpoint\n\n"
        "HARLOW, Mont. - A driver who sped at a sheriff's checkpoint was wounded Saturday night. Sgt. Patrick Dunmore "
        f"and Travis Menkel {fired} the car as it came toward them, the sheriff said.",
    )
    roles = {fact_value(p.name): p.role for p in r.people}
    assert roles["Patrick Dunmore"] == "officer"
    assert (roles.get("Travis Menkel") == "officer") == officer
