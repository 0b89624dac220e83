"""Fictional articles (issue 8): an adjective of a person noun says what happened to the person ("the slain
officer", "the wounded officer"): a description so qualified is nobody the story said had the other outcome, a
named person it describes has that outcome, and a headline's person a description took up and that is named is
taken by no later name. A description of nobody named ("the wounded officer" of an update paragraph above the
story) adds no person. "The gunman, Dale Roe," is the man the story said opened fire, not one more subject.
Officers someone fired at are a group in the shooting: their number is the officer count, also where a dateline's
town ("HALDEN, Mont. -") opens the sentence (the small model makes it the verb's subject)."""

from __future__ import annotations

from ois.models import fact_value
from tests.articles import report


def _outcomes(r, role: str) -> dict[str | None, str | None]:
    return {fact_value(p.name): fact_value(p.outcome) for p in r.people if p.role == role}


def test_the_slain_and_the_wounded_officer_are_told_apart(model):
    r = report(
        model,
        "Officer killed, another hurt in Halden shooting\n\n"
        "HALDEN, Mont. - A gunman shot two police officers during a traffic stop in Halden on Thursday, killing "
        "one, before fleeing, police said.\n\n"
        "The chief identified the slain officer as Lou Marsh, a 16-year veteran.\n\n"
        "The wounded officer, nine-year veteran Tom Varn, was in serious condition on Friday and expected to "
        "survive, the chief said.\n\n"
        "A suspect, Dale Roe, 52, was arrested Friday.",
    )
    assert _outcomes(r, "officer") == {"Lou Marsh": "killed", "Tom Varn": "injured"}


def test_an_updates_wounded_officer_adds_no_one(model):
    r = report(
        model,
        "Two officers hurt in Halden shootout\n\n"
        "UPDATE: The wounded officer is in good condition, a spokesman said.\n\n"
        "HALDEN, Mont. - Two officers went to a home in Halden on Thursday to serve a warrant. A man inside "
        "opened fire, and an officer was shot in the arm. Officer Tom Varn was taken to a hospital. The man, "
        "Dale Roe, 40, was arrested.",
    )
    assert [fact_value(p.outcome) for p in r.people if p.role == "officer" and p.name is None] == ["injured"]


def test_the_gunman_named_in_apposition_is_the_man_who_opened_fire(model):
    r = report(
        model,
        "Two officers wounded in Halden courthouse shooting\n\n"
        "HALDEN, Mont. - A man opened fire at the Halden courthouse on Monday, killing his former wife and wounding "
        "two police officers, police said. Officers shot and killed the gunman, Dale Roe, 68.",
    )
    (subject,) = [p for p in r.people if p.role == "subject"]
    assert fact_value(subject.name) == "Dale Roe"
    assert fact_value(subject.outcome) == "killed" and fact_value(subject.fired) is True


def test_officers_a_man_fired_at_are_counted(model):
    r = report(
        model,
        "Man wounded after firing at Halden officers\n\n"
        "A man was wounded in Halden on Friday night after a string of shootings, state police said.\n\n"
        "Upon the arrival of three Halden officers, the suspect reportedly fired at police. A state spokesman said "
        "the officers returned fire and struck the man.",
    )
    assert fact_value(r.officer_count) == 3


def test_a_datelines_town_is_no_doer(model):
    r = report(
        model,
        "Man wounded after firing at Halden officers\n\n"
        "HALDEN, Mont. - Upon the arrival of three Halden officers, the suspect reportedly fired at police. A state "
        "spokesman said the officers returned fire and struck the man.",
    )
    assert fact_value(r.officer_count) == 3
