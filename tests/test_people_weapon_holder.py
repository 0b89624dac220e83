"""Whose weapon, on fictional articles: a weapon a person noun holds - "a man waving a knife", "a man armed with a
rifle", "a man with a gun" - is that person's, whoever the clause's subject is (the deputies who confronted him, the
witnesses who saw him); not when the noun is what a call or report was about ("reports of a man with a gun": what
callers said), and not a weapon further away ("sat with her nephew in the back room with a rifle")."""

from __future__ import annotations

import pytest

from ois.models import fact_value
from tests.articles import report

CONFRONTED = (
    "Deputy wounds man in Harlow\n\n"
    "A deputy shot and wounded a man in Harlow on Friday. Deputies had confronted a man waving a knife in a parking "
    "lot."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (CONFRONTED, ["knife"]),
        (CONFRONTED.replace("a man waving a knife", "a man armed with a rifle"), ["gun"]),
        (
            "Man shot by officers at Harlow bar\n\n"
            "Officers were called to a Harlow bar on Friday. Witnesses said they saw a man with a gun. When officers "
            "arrived, he pointed it at them and an officer shot him.",
            ["gun"],
        ),
        # what a call said is no weapon
        (
            CONFRONTED.replace(
                "had confronted a man waving a knife in", "had been called about a man waving a knife in"
            ),
            [None],
        ),
        (
            "Officers shoot man in Harlow\n\n"
            "Officers went to a Harlow park on Friday after reports of a man with a gun. They found Dale Roe holding a "
            "phone, and an officer shot him.",
            [None],
        ),
    ],
)
def test_a_weapon_a_person_holds_is_theirs(model, text, expected):
    assert [fact_value(p.armed) for p in report(model, text).people if p.role == "subject"] == expected


def test_a_weapon_further_away_arms_no_child(model):
    text = (
        "Woman killed by officers in Harlow standoff\n\n"
        "Officers shot and killed Mara Voss, 23, after a standoff in Harlow on Monday. For hours Voss sat with her "
        "young nephew in the back room of a rented house with a rifle across her knees, police said. The boy was not "
        "hurt."
    )
    armed = [(fact_value(p.name), fact_value(p.armed)) for p in report(model, text).people if p.armed]
    assert armed == [("Mara Voss", "gun")]
