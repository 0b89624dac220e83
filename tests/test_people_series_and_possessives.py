"""Fictional articles (issue 8, thirty-fifth pass): stories that count their shooting among others, days that are
not the shooting's, a headline's person and "a second man", officers shot, and whose "his" or "her".

- "For the second time in a week, police have shot and killed a man" tells the story's own shooting (lexicon
  `series`: only other sentences with such words are about other cases), and "On June 2, officers shot and killed
  X", five days before the Sunday the lead gives, is another case (`cues._recalled`) - but not when the only
  weekday is a statement's ("a spokeswoman said Monday") or the lead's shooting was "last week";
- a weekday in a sentence that dates its shooting to last week is a later day's (lexicon `last_week`);
- "A police officer shot in an ambush last week is improving": the parse makes "shot" the officer's verb, but the
  officer was shot (`slips.reduced`);
- "A second man ran from the scene" is not the headline's robber police killed (`Resolver.description`);
- no officer firing, the officers shot count ("officer_count", docs/annotation.md);
- "Roe was shot while sitting in her patrol car": a possessive of its clause's own subject gives that subject's
  gender (`Pronouns.own_possessive`);
- "A State Police trooper shot and killed a man ..., officials said": the parse hangs the trooper on "shot" inside
  what officials said too (`grammar._shot_as_noun`); "the third officer" is not "a second officer" (`Entity.ordinal`);
- "A man who held his girlfriend and her children hostage for six hours was shot and killed": the parse makes
  "hostage" the subject of "was shot" and hangs "man" on it; a noun's own subject is the verb's
  (`slips.subject_of_noun`);
- "A man shot and killed by police", with two named men hurt, is the one police fired on, not the one he stabbed;
  "deputies shot and killed a man ... Roe fired a rifle at deputies": Roe is that man, but a gunman police fired back
  at is not the cashier he killed (`frame._same_one`); "prompting them to return fire": the other side fired first
  (`fire._TO_RETURN`);
- "Officers A and B went to the home. Both officers fired": each of them fired (`frame._whole_roster`); "a pair of
  troopers shot him": the troopers, two (lexicon `partitive_nouns`); "four officers went in, and two of them fired",
  "Two of four officers fired": two (`Resolver._one`, `Resolver._count`);
- "A deputy and a man he tried to arrest were both wounded when they exchanged gunfire" is a police shooting (screen
  cue "exchange of gunfire"), and so is "Four officers went to the home, and two of them fired at him" (cue
  "confronted police and was shot").
"""

from __future__ import annotations

import datetime as dt

import pytest

from ois.models import Article, fact_value
from ois.screen import screen
from tests.articles import READERS, SETTINGS, report

READ = {
    **READERS,
    "date": lambda r: fact_value(r.incident_date),
    "officer count": lambda r: fact_value(r.officer_count),
    "officer fired": lambda r: fact_value(r.officer_fired),
    "first": lambda r: fact_value(r.first_shot_by),
    "how many": lambda r: len(r.people),
    "fired": lambda r: {fact_value(p.name): fact_value(p.fired) for p in r.people if p.name},
}
_SERIES = (
    "Police kill man for second time in a week\n\nHARLOW, Ohio - For the second time in a week, Harlow police "
    "have shot and killed a man, the department said Monday. Officers shot Dale Roe, 31, on Sunday night after he "
    "aimed a pistol at them in a bar's parking lot, Chief Halden Gray said. On June 2, officers shot and killed Ty "
    "Evers, 22, at the end of a car chase. That case is still under review."
)
_AMBUSH = (
    "Officer hurt in ambush is improving\n\nTARNOW, Ill. - A Tarnow police officer shot in an ambush last week is "
    "improving, a hospital spokeswoman said Monday. Officer Dana Kessel, 29, was shot twice while sitting in her "
    "patrol car on June 3. Travis Menkel, 40, is charged with attempted murder."
)
_UNION = (
    "Union backs officer in teen's death\n\nLARKIN, Mo. - The police union on Monday defended the officer who shot "
    "and killed a teenager last week. Officer Travis Menkel shot Ty Evers on Thursday after Evers ran from a "
    "traffic stop, police said."
)
_ACCOMPLICE = (
    "Accomplice sought after police kill armed robber\n\nMARLOWE, Ga. - Police are looking for a second man after "
    "officers shot and killed an armed robbery suspect early Sunday. Halden Gray, 33, was shot after he fired at "
    "officers outside a pawn shop, police said. A second man ran from the scene and has not been found."
)
_MOTEL = (
    "Cashier killed, officer hurt at grocery\n\nHARLOW, Ohio - A cashier was killed and an officer was wounded when "
    "a gunman opened fire at a grocery store on Sunday, police said. When officers pulled up, the gunman fired at "
    "them, prompting them to return fire. The cashier, Mara Voss, 44, died at the scene."
)


@pytest.mark.parametrize(
    ("story", "what", "expected"),
    [
        pytest.param(
            _SERIES, "named", {"Dale Roe": ("subject", "killed")}, id="a-lead-counting-its-shooting-is-its-own"
        ),
        pytest.param(_SERIES, "mentioned", {"Ty Evers": "earlier case", "Halden Gray": "official"}, id="days-before"),
        pytest.param(_SERIES, "date", dt.date(2026, 6, 7), id="the-sunday-of-the-lead"),
        pytest.param(
            _AMBUSH,
            "named",
            {"Dana Kessel": ("officer", "injured"), "Travis Menkel": ("subject", None)},
            id="a-statement-day-recalls-nothing",
        ),
        pytest.param(_AMBUSH, "date", dt.date(2026, 6, 3), id="the-date-after-a-statement-day"),
        pytest.param(_AMBUSH, "officer fired", None, id="an-officer-shot-in-an-ambush-fired-nothing"),
        pytest.param(
            "Officer wounded at traffic stop\n\nLARKIN, Mo. - Officer Dana Kessel was shot in the arm during a "
            "traffic stop Friday night, police said. The driver sped away and has not been found.",
            "officer count",
            1,
            id="no-officer-fired-so-the-officers-shot-count",
        ),
        pytest.param(_AMBUSH, "genders", [("officer", "female"), ("subject", None)], id="her-own-patrol-car"),
        pytest.param(_UNION, "date", dt.date(2026, 6, 4), id="a-weekday-after-last-week-is-a-later-day"),
        pytest.param(
            "Third person dies after shooting at a party\n\nHARLOW, Ohio - A third person has died after a shooting "
            "at a party on Nine Acre Road on Saturday, police said. Two other people were killed at the scene.",
            "how many",
            1,
            id="a-third-person-is-the-headlines-third-person",
        ),
        pytest.param(
            "Man shot by police after standoff at home\n\nTARNOW, Ga. - A man who held his girlfriend and her two "
            "children hostage for six hours was shot and killed by a SWAT officer Tuesday, police said.",
            "people",
            [("officer", None, True), ("subject", "killed", None)],
            id="held-them-hostage-then-was-shot-and-killed",
        ),
        pytest.param(
            _ACCOMPLICE,
            "people",
            [("subject", "killed", True)],
            id="a-second-man-is-not-the-headlines-robber",
        ),
        pytest.param(
            "Suspect who fired at troopers dies\n\nHARLOW, Pa. - Lou Marsh pulled a revolver from his waistband and "
            "fired at two troopers on Friday, police said. A trooper fired back, killing Marsh.",
            "genders",
            [("officer", None), ("subject", "male")],
            id="his-own-waistband",
        ),
        pytest.param(
            "Trooper kills man on interstate\n\nTARNOW, Ill. - An Illinois State Police trooper shot and killed a man "
            "on the interstate near Tarnow early Monday, and the county sheriff's office is investigating, officials "
            "said.",
            "people",
            [("officer", None, True), ("subject", "killed", None)],
            id="a-trooper-the-parse-hung-on-shot-in-what-officials-said",
        ),
        pytest.param(
            "Three officers fire at man with machete\n\nLARKIN, Mo. - Three officers fired at a man who ran at them "
            "with a machete on Tuesday, police said. One officer fired four times. A second officer fired twice, and "
            "the third officer fired once.",
            "people",
            [("officer", None, True)] * 3 + [("subject", None, False)],
            id="the-third-officer-is-not-the-second",
        ),
        pytest.param(
            "Man killed by police had stabbed roommate\n\nTARNOW, Ill. - A man shot and killed by Tarnow police on "
            "Sunday had stabbed his roommate moments before officers arrived, police said. Two officers fired at Ty "
            "Evers, 44, after he refused to drop a knife. His roommate, Halden Gray, 51, was taken to a hospital "
            "with stab wounds.",
            "named",
            {"Ty Evers": ("subject", "killed")},
            id="a-man-police-killed-is-the-one-they-fired-on",
        ),
        pytest.param(
            "Deputies kill man at farmhouse\n\nHARLOW, Ohio - Sheriff's deputies shot and killed a man Sunday at a "
            "farmhouse near Larkin, authorities said. The sheriff said Dale Roe, 56, fired a rifle at deputies who "
            "came to serve a warrant.",
            "people",
            [("subject", "killed", True)],
            id="who-fired-at-deputies-is-the-man-they-killed",
        ),
        pytest.param(
            _MOTEL,
            "mentioned",
            {"Mara Voss": "victim of the subject"},
            id="the-gunmans-victim-is-not-the-gunman-police-fired-back-at",
        ),
        pytest.param(_MOTEL, "first", "subject", id="forced-to-return-fire-fired-second"),
        pytest.param(
            "Officers fire at man in apartment\n\nHARLOW, Ohio - Officers Tom Varn and Dana Kessel went to an "
            "apartment after a 911 call Monday. Both officers fired when Patrick Dunmore, 28, raised a gun, police "
            "said. Dunmore was wounded.",
            "fired",
            {"Tom Varn": True, "Dana Kessel": True, "Patrick Dunmore": None},
            id="both-officers-are-the-two-named",
        ),
        pytest.param(
            "Troopers shoot man at traffic stop\n\nLARKIN, Mo. - A pair of state troopers shot a man who pointed a "
            "shotgun at them during a traffic stop Thursday, police said.",
            "officer count",
            2,
            id="a-pair-of-troopers-fired",
        ),
        pytest.param(
            "Man shot at his door\n\nHARLOW, Ohio - Four officers went to the home, and two of them fired at Dale "
            "Roe, 40, when he came out with a rifle on Sunday, police said.",
            "officer count",
            2,
            id="two-of-them-of-four-officers",
        ),
        pytest.param(
            "Two of four officers fired, chief says\n\nHARLOW, Ohio - Officers shot Dale Roe, 40, when he came out of "
            "his home with a rifle on Sunday, police said.",
            "officer count",
            2,
            id="two-of-four-officers-in-a-headline",
        ),
    ],
)
def test_series_and_possessives(model, story, what, expected):
    r = report(model, story, dt.date(2026, 6, 9))
    assert READ[what](r) == expected


@pytest.mark.parametrize(
    ("headline", "at_police"),
    [
        (
            "A Marlowe County deputy and a man he was trying to arrest were both wounded when they exchanged gunfire "
            "Saturday, the sheriff said.",
            True,
        ),
        ("Deputy and suspect trade shots; both hurt", True),
        ("Four officers went to the home, and two of them fired at Dale Roe when he came out with a rifle.", False),
    ],
)
def test_shootings_told_of_a_pair_or_some_of_them(headline, at_police):
    verdict = screen(Article("x", headline, headline), SETTINGS)
    assert (verdict.is_ois, verdict.police_fired, verdict.shot_at_police) == (True, True, at_police)
