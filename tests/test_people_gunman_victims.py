"""Fictional articles (issue 8): in a shooting at police - a gunman who fired or is charged, an officer shot -
the other people he killed or wounded are his victims, mentioned and not participants, even when no sentence says
he shot them ("X died at the scene"). Not someone the story calls a suspect, and not a relative of
the story caught in the gunfire (a bystander)."""

from __future__ import annotations

import pytest

from ois.models import fact_value
from tests.articles import report


def _people(r) -> dict[str | None, str]:
    return {fact_value(p.name): p.role for p in r.people}


def _mentioned(r) -> dict[str | None, str]:
    return {fact_value(p.name): p.role for p in r.mentioned}


def test_a_gunmans_victim_is_mentioned_when_an_officer_was_shot(model):
    r = report(
        model,
        "Officer killed at Halden clinic\n\n"
        "HALDEN, Mont. (AP) - A man with a rifle opened fire at a clinic in Halden on Friday. Officer Tom Varn "
        "was killed, and so were two people in the waiting room. Relatives said Lou Marsh, 29, a nurse, died at "
        "the scene. Dale Roe, 57, surrendered after a standoff and was charged with murder.",
    )
    assert _people(r) == {"Tom Varn": "officer", "Dale Roe": "subject"}
    assert _mentioned(r).get("Lou Marsh") == "victim of the subject"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (  # called a suspect
            "Halden officer wounded at traffic stop\n\n"
            "HALDEN, Mont. - A Halden police officer was wounded Thursday when a shot was fired from a car he had "
            "stopped on Route 9. The passenger, Dale Roe, 19, ran and was arrested Friday. Lou Marsh, 25, the other "
            "suspect, got out of the car. Shots were fired and Marsh was killed.",
            "Lou Marsh",
            "subject",
        ),
        (  # a relative caught in the gunfire
            "Two shot in Halden gunfight\n\n"
            "HALDEN, Mont. - A deputy was shot in the arm outside a home on Tarnow Street on Sunday. Dale Roe, 21, "
            "opened fire when more deputies arrived, the sheriff said. Deputies returned fire and Roe was wounded. "
            "During the gunfight his mother, Mara Voss, 57, stepped outside and was shot and killed.",
            "Mara Voss",
            "bystander",
        ),
    ],
)
def test_no_gunmans_victim(model, text, name, role):
    assert _people(report(model, text)).get(name) == role
