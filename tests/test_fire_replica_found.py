"""Fictional articles (issue 8, thirtieth pass): who fired and with what.

- "the man shot at the officers first" says the subject fired first, words between the verb and "first";
- a subject whose only weapon was a replica ("what turned out to be a pellet gun") did not fire: the gun words of
  a replica's own sentence are no firearm;
- "deputies did not return fire" is no exchange of fire: they did not fire;
- "three officers fired a total of 14 shots" is three officers who fired (the shots are the object's "of");
- "him" in "Roe fired the shots that killed him" is not Roe, who fired them;
- a weapon police found ("investigators found a knife near his body") is the subject's, as "a knife was found"
  is, not the finders'.
"""

from __future__ import annotations

import pytest

from ois.models import fact_value
from tests.articles import report

_LEAD = "Police shoot man\n\nHARLOW, Ohio - Police shot and killed a man Saturday"

READ = {
    "first shot": lambda r: fact_value(r.first_shot_by),
    "subject fired": lambda r: fact_value(r.subject_fired),
    "who fired": lambda r: (fact_value(r.officer_fired), fact_value(r.subject_fired)),
    "subject armed": lambda r: [fact_value(p.armed) for p in r.people if p.role == "subject"],
    "officer count": lambda r: fact_value(r.officer_count),
    "officers": lambda r: [(fact_value(p.name), fact_value(p.outcome)) for p in r.people if p.role == "officer"],
}


@pytest.mark.parametrize(
    ("story", "what", "expected"),
    [
        pytest.param(
            f"{_LEAD}. The man shot at the officers first, and they returned fire, police said.",
            "first shot",
            "subject",
            id="shot-at-the-officers-first",
        ),
        pytest.param(
            f"{_LEAD} who was holding what turned out to be a pellet gun, police said.",
            "subject fired",
            False,
            id="pellet-gun",
        ),
        pytest.param(
            f"{_LEAD}. Investigators found a knife near his body, police said.",
            "subject armed",
            ["knife"],
            id="knife-found",
        ),
        pytest.param(
            "Man charged after firing at deputies during chase\n\n"
            "HARLOW, Ohio - A man was charged with assault on a peace officer after he fired at deputies during a "
            "chase early Sunday, the sheriff's office said. No deputies were hit, and deputies did not return fire. "
            "The man, Lou Marsh, 23, crashed his car and was arrested.",
            "who fired",
            (False, True),
            id="did-not-return-fire",
        ),
        pytest.param(
            f"{_LEAD}. Three officers fired a total of 14 shots, the chief said.",
            "officer count",
            3,
            id="a-total-of-shots",
        ),
        pytest.param(
            f"{_LEAD}. Sgt. Dale Roe, a 15-year veteran, fired the shots that killed him, police said.",
            "officers",
            [("Dale Roe", None)],
            id="the-shots-that-killed-him",
        ),
    ],
)
def test_who_fired_and_with_what(model, story, what, expected):
    assert READ[what](report(model, story)) == expected
