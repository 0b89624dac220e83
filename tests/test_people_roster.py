"""Fictional articles (issue 8): officers a police release lists one per line under "The three officers who fired
are:" are each an officer who fired; a year that dates an officer's career ("who joined the department in
2009") does not make his sentence one about an earlier case; "None of the officers were injured" leaves each of
them uninjured; "two other officers" counts with the officer told before; "two officers -- A and B -- and Deputy
C" kills C too."""

from __future__ import annotations

from ois.models import fact_value
from tests.articles import report

RELEASE = (
    "Harlow police name officers in Larkin Avenue shooting\n\n"
    "HARLOW, Ind. — Police on Friday named the officers who shot a man that had been firing a rifle at cars on "
    "Larkin Avenue on May 30, 2024.\n\n"
    "Tom Varn, 44, was hit several times and died where he fell.\n\n"
    "None of the officers was hurt.\n\n"
    "The three officers who fired are:\n\n"
    "Sergeant D. Kessel, a patrol supervisor hired in 1999\n\n"
    "Officer L. Voss, with the department since 2015\n\n"
    "Officer T. Evers, a traffic officer since 2019\n\n"
    "Detective L. Marsh, who leads the inquiry, wrote:\n\n"
    "Officers arrived to find the man still shooting."
)


def test_the_listed_officers_fired_and_were_unhurt(model):
    r = report(model, RELEASE)
    officers = {p.name.value: p for p in r.people if p.role == "officer" and p.name is not None}
    assert set(officers) == {"D. Kessel", "L. Voss", "T. Evers"}
    assert all(fact_value(p.fired) is True and fact_value(p.outcome) == "uninjured" for p in officers.values())
    assert fact_value(r.officer_count) == 3
    assert "L. Marsh" not in {p.name.value for p in r.people if p.name is not None}


def test_the_year_an_officer_joined_dates_his_career_not_another_case(model):
    r = report(
        model,
        "Harlow officer shoots armed man\n\n"
        "HARLOW, Ind. — A Harlow police officer shot and wounded a man who pointed a gun at him on Tuesday, police "
        "said.\n\nOfficer Dale Roe, who joined the department in 2009, fired twice, hitting Tom Varn, 33, in the "
        "leg.\n\nVarn was taken to a hospital.",
    )
    officers = [p for p in r.people if p.role == "officer"]
    assert [p.name.value for p in officers if p.name] == ["Dale Roe"]
    assert fact_value(officers[0].fired) is True


def test_none_of_the_officers_injured_leaves_each_unhurt(model):
    r = report(
        model,
        "Harlow officers wound man\n\n"
        "HARLOW, Ind. — Two Harlow officers shot and wounded Tom Varn, 33, on Tuesday after he fired at them, police "
        "said. None of the officers were injured. The officers, Dale Roe and Lou Marsh, are on leave.",
    )
    officers = [p for p in r.people if p.role == "officer"]
    assert sorted(p.name.value for p in officers) == ["Dale Roe", "Lou Marsh"]
    assert [fact_value(p.outcome) for p in officers] == ["uninjured", "uninjured"]


def test_two_other_officers_count_with_the_one_told_before(model):
    r = report(
        model,
        "Harlow officers hurt in standoff\n\n"
        "HARLOW, Ind. — A man fired a rifle at police from his home on Tuesday, police said. A Harlow officer was "
        "shot in the arm. Two other officers were hurt by broken glass, police said. The man surrendered later.",
    )
    assert fact_value(r.officer_count) == 3


def test_one_more_named_after_a_closed_list_is_a_person_of_its_own(model):
    r = report(
        model,
        "Gunman kills three Harlow lawmen\n\n"
        "HARLOW, Ind. — A gunman, Tom Varn, fatally shot two Harlow officers -- Lila Voss and Mara Voss -- and "
        "Deputy Dale Roe of the county sheriff's office, police said.",
    )
    killed = {p.name.value for p in r.people if p.role == "officer" and fact_value(p.outcome) == "killed"}
    assert killed == {"Lila Voss", "Mara Voss", "Dale Roe"}
