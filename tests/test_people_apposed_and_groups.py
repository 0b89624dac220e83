"""Fictional articles (issue 8, thirty-fourth pass): names the parse split from their noun, groups and their members,
steps that did not happen, and gunfire told by its bullets.

- "The driver, Ty Evers, 27, died" and "after the driver, Ty Evers, 36, reached ...": the small model makes the name
  a second subject (or hangs the noun elsewhere); the name is still the driver's (`lists.listed`);
- "Two men were shot by deputies ... His passenger, Lou Marsh, was wounded": both men are of the group police shot,
  so the wounded one is no "other" person (`frame.not_participants`);
- "a grand jury declined to charge the trooper" charges nobody (`hurt.refused`); "had been arrested twice before"
  is a record, not this case's arrest (`hurt.on_record`);
- "a bullet fired by police", "a round from an officer's rifle" are police gunfire; a hostage is a bystander, and
  whom a stray police bullet hit is one too (`roles._gunfire_police`, `roles._stray`);
- "were treated for gunshot wounds" were hurt (lexicon `care_verbs`);
- "Two officers fired back ... The officers, A and B," and "identified the two officers who shot and killed X as A
  and B": each of them fired; officers a gunman killed do not share the gunfire of the police who killed him;
- "An officer was stabbed and the man who attacked him was fatally shot by a second officer": the parse joins "the
  man" to the arm, but the officer is not the one shot (`slips.lost_subject`);
- "DATELINE - A man shot and wounded by an officer was holding a BB gun": a participle, so the man fired nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ois.models import fact_value
from tests.articles import READERS, report

READ = {
    **READERS,
    "accused": lambda r: {fact_value(p.name): fact_value(p.accused) for p in r.people if p.name},
    "fired": lambda r: {fact_value(p.name): fact_value(p.fired) for p in r.people if p.name},
    "roles": lambda r: sorted(p.role for p in r.people),
    "officer count": lambda r: fact_value(r.officer_count),
}
_CHASE = (
    "Two men shot by deputies after chase\n\nMARLOWE, Ga. - Two men who fled from deputies in a stolen car were shot "
    "late Saturday when one of them fired at deputies at the end of the chase, the sheriff said. The driver, Ty "
    "Evers, 27, died at the scene. His passenger, Lou Marsh, 25, was wounded in the leg and was arrested at a "
    "hospital. Evers had fired a pistol at two deputies, who fired back."
)
_CLEARED = (
    "Jury clears trooper in traffic stop death\n\nHARLOW, Pa. - A grand jury has declined to charge a state trooper "
    "who shot and killed a driver during a traffic stop in March, the district attorney said Wednesday. Trooper Dale "
    "Roe fired twice after the driver, Ty Evers, 36, reached under the seat and pulled out a phone, the jury found."
)

_RELEASED = (
    "Man killed by police had been freed days earlier\n\nTARNOW, Mo. - A man shot and killed by Tarnow police on "
    "Tuesday had been released from jail three days earlier, court records show. Travis Menkel, 40, pointed a "
    "handgun at officers outside his home, police said. In 2023, Menkel shot his neighbor, Halden Gray, in the leg "
    "during an argument."
)


@pytest.mark.parametrize(
    ("story", "what", "expected"),
    [
        pytest.param(
            _CHASE,
            "named",
            {"Ty Evers": ("subject", "killed"), "Lou Marsh": ("subject", "injured")},
            id="names-apposed-to-nouns-of-a-group-police-shot",
        ),
        pytest.param(
            _CLEARED,
            "named",
            {"Dale Roe": ("officer", None), "Ty Evers": ("subject", "killed")},
            id="the-driver-named-after-the-parse-split-them",
        ),
        pytest.param(
            "Two wounded outside club\n\nHARLOW, Ind. - According to police, Tom Varn, who has a permit to carry, "
            "fired his handgun at two men who had punched his friend. Both men were wounded.",
            "named",
            {"Tom Varn": ("subject", None)},
            id="a-name-after-according-to-police-is-no-officer",
        ),
        pytest.param(_CLEARED, "accused", {"Dale Roe": None, "Ty Evers": None}, id="declined-to-charge-is-no-charge"),
        pytest.param(
            "Deputies kill man who fired at them\n\nHARLOW, Texas - Deputies shot and killed a man who fired a "
            "shotgun at them in his driveway on Thursday, the sheriff said. The man, Dale Roe, 47, died at the "
            "scene. Roe had been arrested twice before on domestic violence charges.",
            "accused",
            {"Dale Roe": None},
            id="arrested-twice-before-is-a-record",
        ),
        pytest.param(
            "Hostage dies in bank standoff\n\nTARNOW, Ill. - A hostage was killed by a bullet fired by police during a "
            "bank standoff on Friday, investigators said. The gunman, Patrick Dunmore, 45, fired at officers through "
            "the door and was arrested.",
            "people",
            [("bystander", "killed", None), ("subject", None, True)],
            id="a-hostage-killed-by-a-bullet-fired-by-police",
        ),
        pytest.param(
            "Autopsy released in standoff\n\nTARNOW, Ill. - Tom Varn, 40, fired at officers during a standoff "
            "on Friday, and officers fired back. An autopsy found that Lila Voss, 29, was struck by a round from an "
            "officer's rifle.",
            "named",
            {"Tom Varn": ("subject", None), "Lila Voss": ("subject", "injured")},
            id="a-round-from-an-officers-rifle",
        ),
        pytest.param(
            "Bystander hurt in shootout\n\nTARNOW, Va. - A stray bullet fired by a Tarnow officer during a shootout "
            "with a robbery suspect struck Lou Marsh, 70, on his porch a block away, police said.",
            "named",
            {"Lou Marsh": ("bystander", "injured")},
            id="whom-a-stray-police-bullet-hit-is-a-bystander",
        ),
        pytest.param(
            "Deputies wounded in ambush\n\nTARNOW, Ky. - A gunman opened fire on deputies at a house on Thursday. "
            "Deputies Ty Evers and Dana Kessel were treated for gunshot wounds and released.",
            "named",
            {"Ty Evers": ("officer", "injured"), "Dana Kessel": ("officer", "injured")},
            id="treated-for-gunshot-wounds",
        ),
        pytest.param(
            "Man dies after shootout with officers\n\nLARKIN, Ohio - Travis Menkel, 39, fired at officers who came to "
            "his apartment early Sunday, police said. Two officers fired back. The officers, Sgt. Dale Roe and "
            "Officer Mara Voss, are on paid leave.",
            "fired",
            {"Travis Menkel": True, "Dale Roe": True, "Mara Voss": True},
            id="the-named-officers-of-a-group-that-fired",
        ),
        pytest.param(
            "Officers named in teen's death\n\nHARLOW, Minn. - Police on Friday identified the two officers who shot "
            "and killed a 17-year-old boy last weekend as Officers Dale Roe and Tom Varn.",
            "fired",
            {"Dale Roe": True, "Tom Varn": True},
            id="identified-the-officers-who-shot-and-killed-as",
        ),
        pytest.param(
            "Gunman kills two officers\n\nLARKIN, Ohio - Officers shot and killed a gunman on Sunday after he killed "
            "Officers Dale Roe and Mara Voss outside a store, police said.",
            "fired",
            {"Dale Roe": None, "Mara Voss": None},
            id="slain-officers-do-not-share-the-police-gunfire",
        ),
        pytest.param(
            "Officer stabbed, man shot dead\n\nMARLOWE, Wis. - A Marlowe police officer was stabbed in the arm and the "
            "man who attacked him was fatally shot by a second officer on Friday, police said.",
            "people",
            [("officer", None, True), ("subject", "killed", None)],
            id="the-man-the-parse-joined-to-the-arm-was-shot",
        ),
        pytest.param(
            "Man shot by officer had BB gun\n\nLARKIN, Ore. - A man shot and wounded by a Larkin police officer on "
            "Monday night was holding a BB gun, police said.",
            "people",
            [("officer", None, True), ("subject", "injured", False)],
            id="a-participle-after-a-dateline",
        ),
        pytest.param(
            "Officer shoots one of two suspects\n\nTARNOW, Fla. - A Tarnow officer shot one of two men suspected of "
            "robbing a pharmacy on Wednesday, police said. The wounded man, Travis Menkel, 20, was in fair "
            "condition.",
            "named",
            {"Travis Menkel": ("subject", "injured")},
            id="the-one-of-a-counted-group-police-shot-is-the-named-wounded-man",
        ),
        pytest.param(
            "Driver killed at traffic stop\n\nHARLOW, Ohio - A Harlow officer shot and killed a driver who dragged "
            "her with his car during a traffic stop early Friday, police said.",
            "genders",
            [("officer", None), ("subject", "male")],
            id="her-is-not-the-one-who-dragged-her",
        ),
        pytest.param(
            "Two shot near school\n\nHARLOW, Ohio - Police reported that two people were shot near a school on "
            "Thursday. A teenage boy and a man were shot at 2:15 p.m. Police confirmed the teen, Ty Evers, of Harlow "
            "died Thursday evening. The adult male is expected to survive.",
            "people",
            [("subject", "injured", None), ("subject", "killed", None)],
            id="the-man-listed-apart-from-the-teen-is-apart-from-his-name",
        ),
        pytest.param(
            "Man shot by police after standoff\n\nTARNOW, Ga. - A man who held his girlfriend and her two children "
            "hostage for six hours was shot and killed by a SWAT officer on Tuesday, police said.",
            "roles",
            ["officer", "subject"],
            id="held-hostage-makes-no-hostage-person",
        ),
        pytest.param(
            "Officers kill man after chase\n\nMARLOWE, N.J. - Two Marlowe police officers shot and killed a man who "
            "fired at them after a chase.",
            "officer count",
            2,
            id="a-count-the-parse-hung-on-the-city",
        ),
        pytest.param(
            "Officers killed in ambush\n\nMARLOWE, Texas - Three officers were killed and several others were hurt "
            "by a sniper on Thursday night. The wounded officers were identified Friday as Officer Dale Roe, 44, and "
            "Officer Mara Voss, 32.",
            "named",
            {"Dale Roe": ("officer", "injured"), "Mara Voss": ("officer", "injured")},
            id="the-injured-officers-identified-were-not-killed",
        ),
        pytest.param(
            "Teen killed in shooting\n\nHARLOW, Ga. - A teenager was shot and killed outside a store Saturday night, "
            "police said. Investigators think the shooting was revenge for the killing of Dale Roe, 22, outside a "
            "Harlow bar on Thursday.",
            "mentioned",
            {"Dale Roe": "earlier case"},
            id="whom-a-shooting-avenged-is-another-case",
        ),
        pytest.param(
            _RELEASED,
            "named",
            {"Travis Menkel": ("subject", "killed")},
            id="what-he-did-in-an-older-case-keeps-no-one-apart",
        ),
        pytest.param(_RELEASED, "fired", {"Travis Menkel": None}, id="shots-of-an-older-case-are-not-this-ones"),
    ],
)
def test_apposed_and_groups(model, story, what, expected):
    r = report(model, story, dt.date(2026, 5, 18))
    assert READ[what](r) == expected
