"""Fictional articles where someone who only watched or spoke is not the one shot (issue 8): the third-person
pronouns of a direct quotation are never its speaker and its "me" is, one first met watching the shooting ("X
witnessed the shooting") is not "the gunman", and "two more men" are not the two men killed."""

from __future__ import annotations

import datetime as dt

import pytest

from ois.extract.names import quoting_speaker
from ois.models import Report, fact_value
from tests import articles


def report(model, text: str) -> Report:
    return articles.report(model, text, dt.date(2023, 3, 14))


def shot(r: Report) -> dict[str | None, str | None]:
    return {p.name.value if p.name else None: fact_value(p.outcome) for p in r.people}


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('"He shot him twice," she said.', "she"),
        ('She said, "Somebody shot him."', "She"),
        ("Roe said he was shot in the leg.", None),  # reported speech: he may be Roe
    ],
)
def test_the_speaker_of_a_direct_quotation(model, sentence, speaker):
    doc = model(sentence)
    found = quoting_speaker(next(t for t in doc if t.lower_ in ("he", "him")))
    assert (found.text if found is not None else None) == speaker


WALKING_HOME = """Harlow man wounded outside bar

A man was shot in the leg on Friday night outside a bar in Harlow, police said.

Tom Varn was walking home when it happened.

"He was lying on the ground and someone walked up and shot him again," Varn said.
"""


def test_the_pronouns_of_a_quotation_are_not_its_speaker(model):
    r = report(model, WALKING_HOME)
    assert "Tom Varn" not in shot(r)  # he told what he saw
    assert shot(r) == {None: "injured"}


PARTY = """Two men killed at Harlow party

HARLOW, Mont. - Two men were killed in a shooting at a party early Sunday, police said.

Police said the two men killed were Dale Roe, 30, and Tom Varn, 31.

Two more men, Lou Marsh and Ty Evers, cut their hands on broken glass as they ran.
"""


def test_two_more_men_are_not_the_two_men_killed(model):
    r = report(model, PARTY)
    assert shot(r) == {"Dale Roe": "killed", "Tom Varn": "killed"}


SPREE = """Motorist among two dead, gunman killed by Harlow deputies

Two people are dead, one of them the gunman, after shootings across Harlow on Sunday evening.

Deputies went to three places.

Motorist Lila Voss witnessed the first shooting from her car.

"A man on a motorcycle stopped beside a pickup and fired through the window," Voss said.

Deputies found the gunman an hour later behind a gas station. The gunman fired at them and the deputies fired
back. The gunman died at the scene.
"""


def test_a_motorist_who_witnessed_the_shooting_is_not_the_gunman(model):
    r = report(model, SPREE)
    assert "Lila Voss" not in shot(r)  # she watched; "the gunman" is the gunman of the headline
    gunman = next(p for p in r.people if p.role == "subject")
    assert gunman.name is None and fact_value(gunman.outcome) == "killed" and fact_value(gunman.fired) is True


SCHOOL = """Student wounded near Harlow school

A student was shot in the hand near Harlow High School on Monday, police said.

Police arrested Ty Evers, 17, on Tuesday.

"I saw him lift the gun, and then he shot me," Mara Voss said.
"""


def test_me_in_a_quotation_is_its_speaker(model):
    r = report(model, SCHOOL)
    assert shot(r).get("Mara Voss") == "injured"  # "he shot me," she said
    assert shot(r).get("Ty Evers") is None


def test_a_quotation_inside_a_quotation_is_someone_elses(model):
    doc = model("\"She kept yelling, 'I've been hit!'\" said Dana Roe, her cousin.")
    assert quoting_speaker(next(t for t in doc if t.text == "I")) is None  # the cousin only repeats it
