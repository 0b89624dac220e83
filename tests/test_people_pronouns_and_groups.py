"""Fictional articles (issue 8, thirty-second pass): whom a pronoun means, and who is in a group.

- "Roe, a Harlow police officer, was working a shift as a marshal when he and a second deputy fired at the car":
  "he" is Roe (or the marshal he was working as), never the man of the sentence before: a recent referent whose
  gender is known wins over the nearest description of unknown gender only when no name comes between them. So the
  man who led the chase did not fire, and two officers did.
- "The dog, Rex, was shot by the man", "police dog Rex", "his K9 partner, Rex": a name an animal noun gives or
  takes is a police dog's, never a participant (it had made the dog the subject, killed and firing);
- "A woman ... was wounded when an officer shot and killed the man holding her": "killed" belongs to the clause
  with its own subject, so the woman was wounded, not killed;
- "when Roe and Lincoln Steel Jr. fired": a name ending in a suffix is a person's whatever NER says (the small
  model takes this one for an organisation), so the second deputy who fired is listed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ois.models import fact_value
from tests.articles import report

READ = {
    "named outcomes": lambda r: {fact_value(p.name): fact_value(p.outcome) for p in r.people if p.name},
    "mentioned outcomes": lambda r: {fact_value(p.name): fact_value(p.outcome) for p in r.mentioned},
    "officers fired": lambda r: [fact_value(p.fired) for p in r.people if p.role == "officer"],
    "officer count": lambda r: fact_value(r.officer_count),
    "officers fired by name": lambda r: {
        fact_value(p.name): fact_value(p.fired) for p in r.people if p.role == "officer" and p.name
    },
    "subject fired": lambda r: fact_value(r.subject_fired),
}

_MARSHALS = (
    "Marshals fire on car after chase\n\nHARLOW, Ohio - A man led deputy marshals on a chase through Harlow on "
    "Friday night. Dale Roe, a Harlow police officer, was working a shift as a marshal when he and a second deputy "
    "fired at the car, officials said."
)


@pytest.mark.parametrize(
    ("story", "what", "expected"),
    [
        pytest.param(_MARSHALS, "officers fired", [True, True], id="he-is-not-the-man-before-a-name"),
        pytest.param(_MARSHALS, "subject fired", None, id="nobody-says-the-man-fired"),
        pytest.param(_MARSHALS, "officer count", 2, id="he-and-another-deputy"),
        pytest.param(
            "Police dog shot, man killed\n\nHARLOW, Ohio - A Harlow police dog was shot and a man was killed by "
            "officers after a standoff early Saturday, police said. The dog, Rex, was shot in the chest by the man, "
            "identified as Tom Varn, 52, and is recovering. Officer Lou Marsh then shot Varn, police said.",
            "named outcomes",
            {"Tom Varn": "killed", "Lou Marsh": None},
            id="the-dog-comma-name",
        ),
        pytest.param(
            "Officer, police dog wounded\n\nHARLOW, Ohio - Officer Lou Marsh and his K9 partner, Rex, were shot "
            "Sunday by a man who was then killed by other officers, police said.",
            "mentioned outcomes",
            {},
            id="k9-partner-comma-name",
        ),
        pytest.param(
            "Hostage wounded as police kill captor\n\nHARLOW, Ohio - A woman held hostage in a Harlow apartment "
            "was wounded Tuesday when a SWAT officer shot and killed the man holding her, police said. Lila Voss, "
            "29, was in stable condition.",
            "mentioned outcomes",
            {"Lila Voss": "injured"},
            id="wounded-when-another-was-killed",
        ),
        pytest.param(
            "Deputies charged in shooting of driver\n\nHARLOW, Ohio - Deputy marshal Dale Roe and another deputy "
            "were charged Monday in the shooting of a driver after a chase. Prosecutors say body-camera footage shows "
            "the driver with both hands up when Roe and Lincoln Steel Jr. fired.",
            "officers fired by name",
            {"Dale Roe": True, "Lincoln Steel Jr.": True},
            id="a-suffix-makes-a-name",
        ),
    ],
)
def test_pronouns_and_groups(model, story, what, expected):
    r = report(model, story, dt.date(2026, 1, 18))
    assert READ[what](r) == expected
