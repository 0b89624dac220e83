"""Fictional articles: the age a predicate gives a named person ("Roe was a 33-year-old former paramedic", "Roe,
a father of three, was 33"), the name a predicate gives a described one ("the shooter's name is Ty Evers"), and the
weapon of a shooting wherever the story names it: recovered afterwards with its modifiers before the verb, or an
officer's own gun he fired (issue 8; GVDB's type of gun is any gun fired); a possession charge is no weapon of the
shooting."""

from __future__ import annotations

import pytest

from ois.evaluation.argmatch import predicted_roles
from ois.models import fact_value
from tests.articles import report

LEAD = (
    "Woman wounded by deputies in Halden\n\n"
    "HALDEN, Mont. — Deputies shot and wounded a woman outside a Halden motel on Monday after she raised a gun "
    "toward them, the sheriff's office said. "
)
OFFICER_KILLED = (
    "Man charged in killing of officer\n\nA man was charged Monday in the shooting death of Halden police Officer "
    "Dale Roe. "
)


@pytest.mark.parametrize(
    "said",
    [
        "Roe was a 33-year-old former paramedic.",
        "Roe, a father of three, was 33.",
        "Roe, who was 33, had joined the force in 2015.",
    ],
)
def test_the_age_a_predicate_gives_a_named_person(model, said):
    r = report(model, OFFICER_KILLED + said)
    roe = next(p for p in r.people if fact_value(p.name) == "Dale Roe")
    assert fact_value(roe.age) == 33


@pytest.mark.parametrize(
    "told", ["Neighbors said the shooter's name is", "Two neighbors told reporters the shooter's name is"]
)
def test_the_name_a_predicate_gives_the_shooter(model, told):
    r = report(
        model,
        "Gunman killed after shooting in Halden\n\nHALDEN, Mont. — Police shot and killed a gunman who opened fire "
        f"on a street Tuesday. {told} Ty Evers, and that he had lost his job.",
    )
    (subject,) = r.subjects()
    assert fact_value(subject.name) == "Ty Evers"
    assert fact_value(subject.outcome) == "killed"


def test_a_weapon_recovered_keeps_the_words_before_it(model):
    r = report(model, LEAD + "Deputies said a .22-caliber revolver was found under the seat of her car.")
    (woman,) = r.subjects()
    assert fact_value(woman.weapon) == ".22-caliber revolver"


def test_a_weapon_recovered_with_other_things(model):
    r = report(model, LEAD + "The rifle and two knives were seized from her truck.")
    (woman,) = r.subjects()
    assert fact_value(woman.weapon) == "rifle"


def test_a_possession_charge_says_nothing_of_the_shooting(model):
    r = report(model, LEAD + "She was charged with being a felon in possession of a handgun.")
    (woman,) = r.subjects()
    assert fact_value(woman.weapon) == "gun"  # what she raised, not what a charge says she held at some time


def test_an_officers_gun_he_fired_is_his_weapon_and_the_shootings(model):
    text = (
        "Man shot by officer in Tarnow\n\n"
        "TARNOW, Mont. — A Tarnow police officer shot and wounded a man who pointed a rifle at him on Friday, police "
        "said. Officer Dale Roe fired his 9mm service pistol twice, striking the man in the leg."
    )
    r = report(model, text)
    roe = next(p for p in r.officers() if fact_value(p.name) == "Dale Roe")
    assert fact_value(roe.weapon) == "9mm service pistol"
    assert roe.armed is None  # officers are armed as police are: no "armed" value
    assert predicted_roles(r, text)["CIR-WEAPON"] == "9mm service pistol"
