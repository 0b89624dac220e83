"""Fictional articles (issue 8, thirty-third pass): who was shot, who was not, and who fired.

- "Two men were shot by police ... Roe died at the scene. The second man, Gray, ... will be charged": the named
  dead man is one of the group police shot, not a victim of the other (even though the other is accused);
- "The clerk, Mara Voss, was not hurt": one the story only says was unhurt is no subject of a police shooting;
- "Her passenger, Lila Voss, was not hurt": the woman shot is the named one who was hit, not the unhurt one;
- "a bystander was wounded in an exchange of gunfire between the man and officers": the bystander fired no shot and
  "the man" is not the bystander; "Officers kill man; bystander wounded": the bystander was wounded, not killed;
- "Officer shot by fellow officer": the fellow officer is another officer, the one who fired;
- "fired at a man who shot at them ... The man, Tom Varn, was struck and remains hospitalized": he is that man, hurt;
- "The second officer then fired. His shots hit ...": his is the officer's, not the suspect's further back;
- "A man shot and killed by police Wednesday was wanted in the shooting of his former wife last month": "last month"
  dates the crime he was wanted for, so the lead still tells this shooting; and "Officers found Tom Varn": one
  found (tracked down, arrested) is not the headline's "ex-wife";
- "A prosecutor ruled Tuesday that an officer was justified when he shot ... in March": a ruling is a later step
  (lexicon `aside`), so its day is not the shooting's and the sentence dated March 3 is no other case;
- "the girl did not shoot herself" says who fired, not that she was unhurt;
- "shot in the area of Marlowe and Evers": both are streets, neither a person (the gunman was not "Marlowe");
- "the boy grabbed for the officer's pistol": the officer's own gun arms nobody else; "punched an officer, grabbed
  her baton ... when he was shot": "her" makes the deputy a woman, so "he" is the man, not the deputy;
- "after she had shot the officer": she is not the officer her verb is done to; "Varn was one of two men": a man, so
  a later "she" (a neighbor who heard shots) is not Varn; a gender only a pronoun gave a description ("this deputy
  must answer for his choices") does not draw a later pronoun to it ("a person with no weapon ... now he is dead").
"""

from __future__ import annotations

import datetime as dt

import pytest

from ois.models import fact_value
from tests.articles import READERS, report

READ = {
    **READERS,
    "subject fired": lambda r: fact_value(r.subject_fired),
    "date": lambda r: fact_value(r.incident_date),
    "armed": lambda r: [fact_value(p.armed) for p in r.people if p.role == "subject"],
}
_ROBBERY = (
    "Two robbery suspects shot by officers; one dies\n\nTARNOW, Ohio - Two men suspected of holding up a gas "
    "station were shot by Tarnow police after a chase Friday night, and one of them died. Travis Menkel, 23, died "
    "at the scene. The second man, Halden Gray, 20, is hospitalized and will be charged with robbery. The cashier, "
    "Mara Voss, was not hurt."
)
_PASSENGER = (
    "Deputy shoots woman who drove at him\n\nHARLOW, Ohio - A woman was shot by a Harlow County deputy late Monday "
    "after she drove toward him, the sheriff said. Dana Kessel, 31, was hit once and is in stable condition. Her "
    "passenger, Lila Kessel, 35, was not hurt."
)
_WANTED = (
    "Man killed by officers was wanted in shooting of ex-wife\n\nTARNOW, Ohio - A man shot and killed by Tarnow "
    "police officers Wednesday was wanted in the shooting of his former wife last month, police said. Officers found "
    "Tom Varn, 44, in a parked truck. He raised a pistol and officers fired, police said."
)


def _corner(where: str) -> str:
    return (
        f"Woman killed outside gym\n\nHARLOW, Ohio - A 38-year-old woman was fatally shot in the area of {where}. "
        "Officers later shot and wounded the gunman, police said."
    )


_RULED = (
    "Officer cleared in gas station shooting\n\nHARLOW, Ohio - A prosecutor ruled Tuesday that a Harlow officer was "
    "justified when he shot and killed an armed man at a gas station in March. Officer Dale Roe fired four times at "
    "Travis Menkel, 33, after Menkel pulled a handgun from his waistband on March 3, the prosecutor wrote."
)
_BYSTANDER = (
    "Police kill gunman; bystander hurt\n\nHARLOW, Ohio - A man was killed and a bystander was wounded Sunday in an "
    "exchange of gunfire between the man and Harlow officers, police said. The man, Tom Varn, 41, had fired at "
    "officers first, police said."
)


@pytest.mark.parametrize(
    ("story", "what", "expected"),
    [
        pytest.param(
            _ROBBERY,
            "named",
            {"Travis Menkel": ("subject", "killed"), "Halden Gray": ("subject", "injured")},
            id="the-dead-one-of-two-shot-by-police",
        ),
        pytest.param(_ROBBERY, "mentioned", {"Mara Voss": "other"}, id="the-unhurt-cashier-is-no-subject"),
        pytest.param(_PASSENGER, "named", {"Dana Kessel": ("subject", "injured")}, id="the-woman-shot-is-the-one-hit"),
        pytest.param(_PASSENGER, "mentioned", {"Lila Kessel": "other"}, id="the-unhurt-passenger"),
        pytest.param(
            _BYSTANDER,
            "people",
            [("bystander", "injured", None), ("subject", "killed", True)],
            id="a-bystander-in-an-exchange-between-others",
        ),
        pytest.param(
            "Officers kill man in gunfight; bystander wounded\n\nTARNOW, Ohio - Officers shot a man on Sunday.",
            "people",
            [("bystander", "injured", None), ("subject", "killed", True)],
            id="a-headline-clause-hung-on-another",
        ),
        pytest.param(
            "Officer shot by fellow officer during search\n\nHARLOW, Ohio - Officer Lou Marsh was hit in the "
            "shoulder on Thursday while officers searched a house, police said. He is expected to recover.",
            "people",
            [("officer", "injured", None), ("officer", None, True)],
            id="a-fellow-officer-is-another",
        ),
        pytest.param(
            "Officers named in foot chase shooting\n\nTARNOW, Ohio - Police released the names of two officers who "
            "fired at a man who shot at them during a foot chase last week. The man, Tom Varn, 33, was struck and "
            "remains hospitalized.",
            "named",
            {"Tom Varn": ("subject", "injured")},
            id="the-man-fired-at-is-the-man-struck",
        ),
        pytest.param(
            _corner("Marlowe and Evers on Wednesday night"), "named", {}, id="the-first-of-two-streets-is-no-one"
        ),
        pytest.param(
            _corner("Nine Acre and Kevin Wednesday night"), "named", {}, id="the-second-of-two-streets-is-no-one"
        ),
        pytest.param(
            "Officer kills teen in struggle\n\nHARLOW, Ohio - A Harlow officer shot and killed a 16-year-old boy on "
            "Sunday after the boy grabbed for the officer's pistol during a struggle, police said.",
            "armed",
            [None],
            id="the-officers-own-gun-arms-no-one",
        ),
        pytest.param(
            "Police shooting\n\nTom Varn shoved a deputy and seized her baton and tried to hit her with it when he "
            "was shot and killed.",
            "people",
            [("subject", "killed", None)],
            id="she-makes-the-officer-a-woman-so-he-is-not-her",
        ),
        pytest.param(
            "Police shooting\n\nHARLOW, Ohio - Prosecutors said Friday that Lila Voss was fatally shot by a police "
            "officer after she had shot the officer in the arm.",
            "genders",
            [("officer", None), ("subject", "female")],
            id="she-who-wounded-the-officer-is-not-the-officer",
        ),
        pytest.param(
            "Police shooting\n\nPolice said Tom Varn was one of two men in a stolen car that crashed on Sunday. A "
            "neighbor told reporters that she heard shots. Varn was shot by an officer.",
            "genders",
            [("officer", None), ("subject", None)],
            id="one-of-two-men-is-no-she",
        ),
        pytest.param(
            "Toddler dies after shooting at Harlow home\n\nHARLOW, Ohio - A toddler died after being shot at a Harlow "
            "home on Monday. Mara Voss, 2, was hit once, the sheriff said. Deputies cannot yet say who fired the gun, "
            "but the sheriff said the girl did not shoot herself.",
            "named",
            {"Mara Voss": ("subject", None)},
            id="not-shooting-herself-is-no-fate",
        ),
        pytest.param(_RULED, "date", dt.date(2026, 3, 3), id="a-ruling-day-is-not-the-shooting-day"),
        pytest.param(
            _RULED,
            "named",
            {"Dale Roe": ("officer", None), "Travis Menkel": ("subject", "killed")},
            id="the-officer-a-ruling-clears-fired-in-this-case",
        ),
        pytest.param(
            "Deputy kills teen at home\n\nHARLOW, Ohio - A Harlow County deputy shot and killed Tom Varn, 17, at his "
            'home on Monday. The family said he was unarmed when the deputy opened fire. "This deputy must answer for '
            'his choices," their lawyer said. "We had a person with no weapon, and now he is dead," the uncle said.',
            "people",
            [("officer", None, True), ("subject", "killed", False)],
            id="a-gender-only-a-pronoun-gave-draws-no-later-pronoun",
        ),
        pytest.param(_WANTED, "named", {"Tom Varn": ("subject", "killed")}, id="one-found-is-no-headline-relative"),
        pytest.param(_WANTED, "date", dt.date(2026, 5, 13), id="the-lead-dates-the-shooting-not-the-crime"),
        pytest.param(
            "Officer and suspect shot in struggle\n\nHARLOW, Ohio - A suspect fought an officer after a stop on "
            "Friday, police said. A second officer tried a Taser on the man without effect. The second officer then "
            "fired. His shots hit both the suspect and the first officer.",
            "subject fired",
            None,
            id="his-is-the-officer-just-described",
        ),
    ],
)
def test_fates_and_bystanders(model, story, what, expected):
    r = report(model, story, dt.date(2026, 5, 18))
    assert READ[what](r) == expected
