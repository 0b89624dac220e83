"""Fictional articles (issue 8): an adjective of a person noun says what happened to the person ("the slain
officer", "the wounded officer"): a description so qualified is nobody the story said had the other outcome, a
named person it describes has that outcome, and a headline's person a description took up and that is named is
taken by no later name. A description of nobody named ("the wounded officer" of an update paragraph above the
story) adds no person. "The gunman, Dale Roe," is the man the story said opened fire, not one more subject.
Officers someone fired at are a group in the shooting: their number is the officer count, also where a dateline's
town ("HALDEN, Mont. -") opens the sentence (the small model makes it the verb's subject)."""

from __future__ import annotations

import pytest

from ois.models import fact_value
from tests.articles import report


def _outcomes(r, role: str) -> dict[str | None, str | None]:
    return {fact_value(p.name): fact_value(p.outcome) for p in r.people if p.role == role}


def test_the_slain_and_the_wounded_officer_are_told_apart(model):
    r = report(
        model,
        "Halden deputy dies, partner hurt after traffic stop\n\n"
        "HALDEN, Mont. - Two county deputies were shot on Route 9 late Thursday when a driver they pulled over "
        "got out firing, killing one of them, the sheriff's office said.\n\n"
        "On Friday the sheriff identified the slain deputy as Lou Marsh, who had joined the office in 2009.\n\n"
        "The wounded deputy, Cpl. Tom Varn, had surgery overnight and is likely to recover, a spokeswoman "
        "said.\n\n"
        "The driver, Dale Roe, 52, was caught near Tarnow on Saturday.",
    )
    assert _outcomes(r, "officer") == {"Lou Marsh": "killed", "Tom Varn": "injured"}


def test_an_updates_wounded_officer_adds_no_one(model):
    r = report(
        model,
        "Officer hurt serving Halden warrant\n\n"
        "LATEST: Doctors expect the wounded officer to go home this weekend.\n\n"
        "HALDEN, Mont. - Two officers went to a home in Halden on Thursday to serve a warrant. A man inside "
        "opened fire, and an officer was shot in the arm. Officer Tom Varn was taken to a hospital. The man, "
        "Dale Roe, 40, was arrested.",
    )
    assert [fact_value(p.outcome) for p in r.people if p.role == "officer" and p.name is None] == ["injured"]


def test_the_gunman_named_in_apposition_is_the_man_who_opened_fire(model):
    r = report(
        model,
        "Gunfire at Halden library leaves two dead\n\n"
        "HALDEN, Mont. - A man opened fire in the lobby of the Halden library on Monday, killing a clerk and "
        "wounding an officer, police said. Officers shot and killed the gunman, Dale Roe, 68.",
    )
    assert _outcomes(r, "subject") == {"Dale Roe": "killed"}
    assert [fact_value(p.fired) for p in r.people if p.role == "subject"] == [True]


@pytest.mark.parametrize(
    ("story", "count"),
    [
        (
            "A man was wounded in Halden on Friday night after a string of shootings, state police said.\n\n"
            "When three Halden officers got to the motel, the man fired at police from a window. A state spokesman "
            "said the officers shot back and hit him.",
            3,
        ),
        (  # a dateline's town is no doer: the small model makes "HALDEN" a second subject of "shot"
            "HALDEN, Mont. - Before dawn on Friday, a man shot at two deputies outside a bar. The deputies fired back "
            "and hit him, the sheriff said.",
            2,
        ),
    ],
)
def test_officers_a_man_fired_at_are_counted(model, story, count):
    r = report(model, "Man wounded after firing at Halden officers\n\n" + story)
    assert fact_value(r.officer_count) == count


@pytest.mark.parametrize(
    ("said", "outcome"),
    [
        ("Sgt. Tom Varn took a round to the chest plate of his vest and was back on duty Monday.", "injured"),
        ("Sgt. Tom Varn, who received a round of applause at the hearing, has returned to work.", None),
    ],
)
def test_a_round_taken_in_a_vest_is_a_hit(model, said, outcome):
    """ "took a round to the chest plate of his vest": hit (as "took a bullet"); a round of anything ("of
    applause") is no hit."""
    r = report(
        model,
        "Harlow man charged in gunfire at police\n\n"
        "HARLOW, Mont. - Dale Roe, 34, opened fire at officers outside a Harlow bar on Friday, police said. "
        f"{said} Roe was arrested after a short chase.",
    )
    assert _outcomes(r, "officer").get("Tom Varn") == outcome
