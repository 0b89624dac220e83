"""Fictional articles (issue 8, thirtieth pass): who was hurt, who was named, and who a pronoun means.

- a hospital condition says its person was hurt ("is in critical condition", "was taken to a hospital in serious
  condition"); an officer only where the sentence speaks of shots (an officer may be hurt in a crash);
- "X faces three counts of attempted murder" names X as charged: the man who fired at deputies;
- names listed after a plural noun with their ages ("the men, A, 25, and B, 27,") are the group's members, and a
  name after a singular noun and a comma that the parse missed as an apposition ("wounding the suspect, Lou
  Marsh, 44.") is that person;
- "Officers A, B and C fired" is three officers who fired (the parse hangs B on A as an apposition); "an officer
  and a sheriff's deputy" are two (an owner's article makes "a sheriff's deputy" someone new);
- a description that joins someone of unknown gender gives them its gender ("a man ... the woman" are two);
  "the suspect" is the one called so before, not a driver the story met since;
- "two other troopers" are others: the trooper shot before is the one named later, not one more officer;
- "the man shot and killed by officers" was shot (a reduced relative with its by-phrase), he did not fire;
- a subject pronoun after "X was shot by an officer" means X, not the officer of the by-phrase;
- one the story first quotes ('"He had blood all over his arm," said Jo Roe') is a witness, never "the gunman"
  after (a direct quotation: not a name the parse makes the subject of "police said");
- a negated "going to" ('"I am not going to kill her," the man shouted') hurt no one.
"""

from __future__ import annotations

import pytest

from ois import nlp
from ois.extract.people import read
from ois.models import Article, fact_value
from ois.settings import Settings
from tests.articles import report


def _people(r, role: str) -> dict[str | None, str | None]:
    return {fact_value(p.name): fact_value(p.outcome) for p in r.people if p.role == role}


READ = {
    "subjects": lambda r: _people(r, "subject"),
    "officers": lambda r: _people(r, "officer"),
    "Tom Varn": lambda r: _people(r, "officer").get("Tom Varn"),
    "subject names": lambda r: [fact_value(p.name) for p in r.people if p.role == "subject"],
    "subjects fired": lambda r: [fact_value(p.fired) for p in r.people if p.role == "subject"],
    "named armed": lambda r: [fact_value(p.armed) for p in r.people if p.name is not None],
    "Dale Roe in it": lambda r: "Dale Roe" in [fact_value(p.name) for p in r.people],
    "officers fired": lambda r: (
        {fact_value(p.name): fact_value(p.fired) for p in r.people if p.role == "officer"},
        fact_value(r.officer_count),
    ),
    "officer count": lambda r: fact_value(r.officer_count),
}


@pytest.mark.parametrize(
    "told",
    [
        "The man, identified as Travis Menkel, 34, was hit twice and taken to a hospital, where he remains in "
        "critical condition.",
        "The man, identified as Travis Menkel, 34, was taken to a hospital in serious condition.",
    ],
)
def test_a_hospital_condition_says_the_person_was_hurt(model, told):
    r = report(
        model,
        "Officers fire at man who drove toward them\n\n"
        "HARLOW, Ohio - Three Harlow police officers fired at a man who drove his pickup toward them early "
        f"Saturday, police said. {told}",
    )
    assert _people(r, "subject") == {"Travis Menkel": "injured"}


@pytest.mark.parametrize(
    ("story", "what", "expected"),
    [
        pytest.param(
            "Driver shot by deputy after chase\n\nHARLOW, Ohio - A deputy shot a driver who tried to run him "
            "over on Route 9 on Friday, the sheriff said. The driver, Dale Roe, 30, died at the scene. A "
            "second deputy, Tom Varn, crashed his cruiser on the way and is in stable condition.",
            "Tom Varn",
            None,
            id="officer-crashed-no-shots",
        ),
        pytest.param(
            "Man fires at deputies, is arrested after standoff\n\nLARKIN, Texas - A man who fired several "
            "shots at sheriff's deputies from his porch surrendered Wednesday after a four-hour standoff, "
            "authorities said. No one was hurt. Deputies did not return fire, Sheriff Halden Gray said. Ty "
            "Evers, 45, faces three counts of attempted capital murder of a peace officer.",
            "subject names",
            ["Ty Evers"],
            id="faces-counts",
        ),
        pytest.param(
            "Two men killed in shootout with Harlow police\n\nHARLOW, Ohio - Two men were killed early Sunday "
            "in a shootout with Harlow police officers outside a nightclub, police said. Officers were "
            "breaking up a fight in the parking lot when the men, Dale Roe, 25, and Tom Varn, 27, began "
            "shooting at them, Lt. Dana Kessel said. Four officers returned fire, striking both men. Roe died "
            "at the scene and Varn died later at a hospital.",
            "subjects",
            {"Dale Roe": "killed", "Tom Varn": "killed"},
            id="listed-with-ages",
        ),
        pytest.param(
            "Deputy killed in shootout\n\nHARLOW, Ohio - A Harlow County sheriff's deputy was killed and the "
            "man who shot him was wounded in a shootout Tuesday, the sheriff said. Deputy Dana Kessel, 36, "
            "was shot while serving a warrant. Other deputies returned fire, wounding the suspect, Lou Marsh, "
            "44.",
            "subjects",
            {"Lou Marsh": "injured"},
            id="the-suspect-comma-name",
        ),
        pytest.param(
            "Bystander wounded when officers fire at fleeing suspect\n\nTARNOW, Wis. - A 62-year-old woman "
            "sitting on her porch was struck by a bullet when Tarnow officers fired at a man fleeing a "
            "traffic stop Monday, police said. The woman was taken to a hospital with a wound to her arm that "
            "was not life-threatening. The man, Tom Varn, 30, was arrested a block away.",
            "subjects",
            {"Tom Varn": None},
            id="the-woman-after-a-man",
        ),
        pytest.param(
            "Trooper wounded, suspect killed after traffic stop\n\nHARLOW, Ohio - A state trooper was shot "
            "and wounded during a traffic stop on Route 9 on Thursday, and the driver was killed when other "
            "troopers returned fire, officials said. Trooper Ty Evers, 33, was hit in the shoulder after the "
            "driver, Lou Marsh, 38, opened fire as Evers approached the car. Two other troopers fired at "
            "Marsh, who died at the scene.",
            "officers",
            {"Ty Evers": "injured"},
            id="two-other-troopers",
        ),
        pytest.param(
            "Man killed by police identified\n\nHARLOW, Ohio - The man shot and killed by Harlow police "
            "officers Tuesday night has been identified as Travis Menkel, 29, the coroner said Thursday. "
            "Officers were called to an apartment after a woman reported that he had a knife. Two officers "
            "fired, hitting Menkel several times.",
            "subjects fired",
            [False],
            id="shot-and-killed-by",
        ),
        pytest.param(
            "Protesters gather after Harlow police shooting\n\nHARLOW, Ohio - About 100 people marched "
            "downtown Sunday to protest the fatal police shooting of Halden Gray, 19, on Friday. Gray was "
            "shot by an officer after a brief foot chase, police said. Police said he had a gun in his hand.",
            "named armed",
            ["gun"],
            id="he-after-a-by-phrase",
        ),
        pytest.param(
            "Gunman killed by SWAT after shooting at car wash\n\nHARLOW, Ohio - A man opened fire at a car "
            "wash Sunday, killing a worker, before a SWAT officer shot and killed him, police said. Two other "
            'people were hurt. A neighbor ran over to help one of them. "He had blood all over his arm," said '
            "Dale Roe. Dale held a towel on the wound until an ambulance came. Police said the gunman carried "
            "a rifle. They said he also shot at a news van.",
            "Dale Roe in it",
            False,
            id="quoted-witness",
        ),
        pytest.param(
            "Deputy kills man who tried to rob store\n\nHARLOW, Ohio - An off-duty deputy shot and killed a "
            "man who tried to rob a store Tuesday night. A clerk said the armed man held a cashier by the arm "
            'and the deputy told him to drop the gun. "I am not going to kill her," the man shouted, '
            "according to the clerk.",
            "officers",
            {None: None},
            id="not-going-to",
        ),
        pytest.param(
            "Task force officers shoot wanted man\n\nHARLOW, Ohio - Members of a fugitive task force shot and "
            "wounded a man they were trying to arrest on a warrant Tuesday, police said. The man, Tom Varn, "
            "27, fired at the officers first, police said.",
            "subjects",
            {"Tom Varn": "injured"},
            id="speaker-without-quotes",
        ),
        pytest.param(
            "Police shoot man\n\nHARLOW, Ohio - Police shot and killed a man Saturday. Officers Dale Roe, Tom "
            "Varn and Lou Marsh fired a combined 19 rounds, according to a report released Monday.",
            "officers fired",
            ({"Dale Roe": True, "Tom Varn": True, "Lou Marsh": True}, 3),
            id="officers-listed-by-name",
        ),
        pytest.param(
            "Police shoot man\n\nHARLOW, Ohio - Police shot and killed a man Saturday. An officer and a "
            "sheriff's deputy fired at the man after he raised a rifle, police said.",
            "officer count",
            2,
            id="a-sheriffs-deputy",
        ),
    ],
)
def test_who_is_who(model, story, what, expected):
    assert READ[what](report(model, story)) == expected


def test_the_suspect_is_not_the_driver_he_stopped(model):
    text = (
        "Robbery suspect arrested after police shooting\n\nHARLOW, Ohio - Police arrested a man sought in "
        "several holdups on Monday night. Officers said the suspect drove off fast, then left his car and ran. "
        "He next tried to pull a woman out of her car at a red light, but she drove off. Officers fired at the "
        "suspect as he ran."
    )
    reading = read(Article("x", "t", text), nlp.parse(model, text), Settings(env={}))
    refs = {
        reading.resolver.descriptions[si, t.i]
        for si, s in enumerate(reading.sentences)
        for t in s.doc
        if t.lower_ == "suspect" and (si, t.i) in reading.resolver.descriptions
    }
    assert len(refs) == 1
