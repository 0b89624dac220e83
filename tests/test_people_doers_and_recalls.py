"""Fictional articles (issue 8, thirty-first pass): who did what, and which sentences tell another case.

- "A deputy shot and wounded a man": the deputy fired (the small model reads this "shot" as a noun ending the
  subject, leaving "wounded" the only verb);
- "Officer Evers fired four times": he fired (the count of times is no object that stops it);
- "The man, 41, was taken to a hospital": the age an apposition gives a description;
- "Officers found Roe walking along a canal with a knife": Roe held the knife (one seen or found doing something
  does it), so Roe is the man police shot;
- "The deputy was struck in the arm and returned fire": the deputy fired (a verb joined to a passive is done by
  the one the passive was done to) - but not in "was shot and killed Jan. 9" (the date is no object) nor in "was
  shot by the deputy in the chest, killing him" (a result told after the by-phrase);
- "an officer, who fired twice, striking him": the officer struck, so "him" is not the officer;
- "Two sheriff's deputies and a police officer fired": three (the number the small model hangs on "sheriff", and
  one more listed with the group); "was hit in the shoulder" after shots is a wound;
- "In August, a deputy fired at a man who rammed a cruiser. He was Lou Marsh, 58, ...": a sentence that goes on
  with a sentence dated as another case is about that case too;
- a conviction told in a sentence about an earlier case is not this shooting's legal step, nor is a record ("was
  arrested 12 times");
- the force a retired officer came from is not the one whose officers fired;
- a dateline ("HARLOW, Ohio -") is no part of the lead's parse: "Two deputies fired" stays two;
- serving a warrant ("came to her door early Monday to serve an arrest warrant") came before the shooting: its day
  is the shooting's;
- a paragraph ending with a wire or agency credit ("REUTERS/Jo Roe", "(Jo Roe/Getty Images)") is a caption: no
  evidence.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ois.models import fact_value
from tests.articles import report


def _people(r, role: str) -> dict[str | None, dict[str, object]]:
    fields = ("age", "armed", "outcome", "fired", "accused")
    return {fact_value(p.name): {f: fact_value(getattr(p, f)) for f in fields} for p in r.people if p.role == role}


READ = {
    "officers fired": lambda r: [fact_value(p.fired) for p in r.people if p.role == "officer"],
    "officer outcomes": lambda r: [fact_value(p.outcome) for p in r.people if p.role == "officer"],
    "subject ages": lambda r: [fact_value(p.age) for p in r.people if p.role == "subject"],
    "subjects fired": lambda r: [fact_value(p.fired) for p in r.people if p.role == "subject"],
    "named fired": lambda r: {name: facts["fired"] for name, facts in _people(r, "subject").items() if name},
    "subjects": lambda r: {name: facts["armed"] for name, facts in _people(r, "subject").items()},
    "subjects accused": lambda r: {name: facts["accused"] for name, facts in _people(r, "subject").items()},
    "mentioned": lambda r: sorted(fact_value(p.name) for p in r.mentioned),
    "participants": lambda r: sorted(str(fact_value(p.name)) for p in r.people),
    "officer count": lambda r: fact_value(r.officer_count),
    "named outcomes": lambda r: {fact_value(p.name): fact_value(p.outcome) for p in r.people if p.name},
}


@pytest.mark.parametrize(
    ("story", "what", "expected"),
    [
        pytest.param(
            "Deputy shoots man\n\nHARLOW, Ohio - A sheriff's deputy shot and wounded a man Monday afternoon, the "
            "sheriff's office said. The man, 41, was taken to a hospital in stable condition.",
            "officers fired",
            [True],
            id="shot-and-wounded",
        ),
        pytest.param(
            "Deputy shoots man\n\nHARLOW, Ohio - A sheriff's deputy shot and wounded a man Monday afternoon, the "
            "sheriff's office said. The man, 41, was taken to a hospital in stable condition.",
            "subject ages",
            [41],
            id="the-man-comma-age",
        ),
        pytest.param(
            "Officer fired four times, report says\n\nHARLOW, Ohio - A report released Monday says Officer Ty "
            "Evers fired four times, striking Dale Roe in the chest during a struggle outside a bar on May 2.",
            "officers fired",
            [True],
            id="fired-four-times",
        ),
        pytest.param(
            "Man shot by police had been reported missing\n\nHARLOW, Ohio - Police shot and killed a man Sunday "
            "near a canal, police said. Officers found Travis Menkel, 27, walking along the canal with a knife.",
            "subjects",
            {"Travis Menkel": "knife"},
            id="found-walking-with-a-knife",
        ),
        pytest.param(
            "Deputy wounded, man killed\n\nHARLOW, Ohio - A deputy was wounded and a man was killed in a "
            "shooting Tuesday, the sheriff said. A man came out of a house and opened fire as the deputy "
            "arrived. The deputy was struck in the arm and returned fire, killing the man.",
            "officers fired",
            [True],
            id="struck-and-returned-fire",
        ),
        pytest.param(
            "Girl killed in farmhouse search\n\nHARLOW, Ohio - Lila Voss, 12, was shot and killed Jan. 9 while "
            "deputies searched her family's farmhouse, police said. Her father aimed a rifle at a deputy, who "
            "fired once.",
            "named fired",
            {"Lila Voss": None},
            id="killed-a-date-is-no-object",
        ),
        pytest.param(
            "Man killed by deputy\n\nHARLOW, Ohio - A man and a deputy struggled over a shotgun on a porch "
            "Friday. Police said the man was shot by the deputy in the chest, killing him.",
            "subjects fired",
            [None],
            id="shot-by-killing-him",
        ),
        pytest.param(
            "Robbery suspect shot by officer\n\nHARLOW, Ohio - Two men robbed a pharmacy at gunpoint Monday, "
            "police said. When officers arrived, one of the men pointed a handgun at an officer, who fired "
            "twice, striking him in the abdomen.",
            "officer outcomes",
            [None],
            id="who-fired-striking-him",
        ),
        pytest.param(
            "Man wounded by deputies at motel\n\nHARLOW, Ohio - Deputies shot and wounded a man at a motel "
            "Thursday night after he swung a machete at them, the sheriff said.\n\nIt was the county's third "
            "police shooting in the past year.\n\nIn August, a deputy fired at a man who rammed a cruiser near "
            "the fairgrounds. He was Lou Marsh, 58, a farmhand from Tarnow, and he died two days later.",
            "mentioned",
            ["Lou Marsh"],
            id="goes-on-with-a-recalled-case",
        ),
        pytest.param(
            "Deputies and officer fire at suspect\n\nHARLOW, Ohio - Two Harlow County sheriff's deputies and a "
            "police officer fired at a carjacking suspect after a chase Monday, authorities said. The suspect, Lou "
            "Marsh, 22, was hit in the shoulder and is expected to survive.",
            "officer count",
            3,
            id="two-sheriffs-deputies-and-an-officer",
        ),
        pytest.param(
            "Deputies and officer fire at suspect\n\nHARLOW, Ohio - Two Harlow County sheriff's deputies and a "
            "police officer fired at a carjacking suspect after a chase Monday, authorities said. The suspect, Lou "
            "Marsh, 22, was hit in the shoulder and is expected to survive.",
            "named outcomes",
            {"Lou Marsh": "injured"},
            id="hit-in-the-shoulder",
        ),
        pytest.param(
            "Deputies fire at man\n\nHARLOW, Ohio - Two deputies fired at a man who pointed a rifle at them "
            "Monday, the sheriff said. The man was not hit.",
            "officer count",
            2,
            id="dateline-with-a-full-state-name",
        ),
        pytest.param(
            "Man killed by officer had long record\n\nHARLOW, Ohio - An officer shot and killed Tom Varn, 33, "
            "on Saturday after Varn fired at him, police said. Varn was convicted of burglary in 2009, court "
            "papers show.",
            "subjects accused",
            {"Tom Varn": None},
            id="an-old-conviction",
        ),
        pytest.param(
            "Man killed by officer had long record\n\nHARLOW, Ohio - An officer shot and killed Tom Varn, 33, "
            "on Saturday after Varn fired at him, police said. Varn was arrested 12 times between 2015 and 2021.",
            "subjects accused",
            {"Tom Varn": None},
            id="arrested-twelve-times",
        ),
    ],
)
def test_who_did_what(model, story, what, expected):
    r = report(model, story, dt.date(2026, 1, 18))
    assert READ[what](r) == expected


def test_a_retired_officers_force_is_not_the_one_that_fired(model):
    r = report(
        model,
        "Man who killed his father is shot by officers\n\nStark County police received a call about a domestic "
        "dispute at a home Saturday night. Officers shot the son when he pointed a rifle at them, police said. "
        "Inside, they found his father shot dead: retired Akron Police Officer Dale Roe, 70.",
    )
    assert fact_value(r.agency) == "Stark County Police"
    assert fact_value(r.city) != "Akron"


def test_a_wire_credit_makes_a_caption(model):
    r = report(
        model,
        "Man killed by police in Canton\n\nCanton police officers stand outside the bar where a man was shot, in "
        "Canton, Ohio, U.S. June 2, 2024. REUTERS/Jo Roe\n\nCANTON, Ohio - A Canton police officer shot and "
        "killed a man who fired at officers outside a bar early Sunday, police said.",
    )
    assert fact_value(r.agency) == "Canton Police"
    assert "stand outside" not in r.agency.evidence.text


def test_serving_a_warrant_came_before_the_shooting(model):
    r = report(
        model,
        "Woman killed by police after standoff\n\nHARLOW, Ohio - A woman was shot and killed by a police officer "
        "after a standoff at her apartment this week, police said.\n\nOfficers came to her door early Monday to "
        "serve an arrest warrant.\n\nShe had been wanted in connection with a robbery on April 2, police said.",
        dt.date(2026, 5, 15),
    )
    assert fact_value(r.incident_date) == dt.date(2026, 5, 11)
