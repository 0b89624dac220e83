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
- one the story first quotes ('"I saw a guy ...," said Jo Roe') is a witness, never "the main gunman" after (a
  direct quotation: not a name the parse makes the subject of "police said");
- "I'm not going to hurt her" hurt no one.
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


def test_an_officer_in_a_condition_without_shots_told_is_not_shot(model):
    r = report(
        model,
        "Driver shot by deputy after chase\n\n"
        "HARLOW, Ohio - A deputy shot a driver who tried to run him over on Route 9 on Friday, the sheriff said. "
        "The driver, Dale Roe, 30, died at the scene. A second deputy, Tom Varn, crashed his cruiser on the way "
        "and is in stable condition.",
    )
    assert _people(r, "officer").get("Tom Varn") != "injured"


def test_facing_counts_of_attempted_murder_names_the_gunman(model):
    r = report(
        model,
        "Man fires at deputies, is arrested after standoff\n\n"
        "LARKIN, Texas - A man who fired several shots at sheriff's deputies from his porch surrendered Wednesday "
        "after a four-hour standoff, authorities said. No one was hurt. Deputies did not return fire, Sheriff "
        "Halden Gray said. Ty Evers, 45, faces three counts of attempted capital murder of a peace officer.",
    )
    assert [fact_value(p.name) for p in r.people if p.role == "subject"] == ["Ty Evers"]


def test_names_listed_with_their_ages_are_the_groups_members(model):
    r = report(
        model,
        "Two men killed in shootout with Harlow police\n\n"
        "HARLOW, Ohio - Two men were killed early Sunday in a shootout with Harlow police officers outside a "
        "nightclub, police said. Officers were breaking up a fight in the parking lot when the men, Dale Roe, 25, "
        "and Tom Varn, 27, began shooting at them, Lt. Dana Kessel said. Four officers returned fire, striking "
        "both men. Roe died at the scene and Varn died later at a hospital.",
    )
    assert _people(r, "subject") == {"Dale Roe": "killed", "Tom Varn": "killed"}


def test_a_name_after_the_suspect_and_a_comma_is_the_suspect(model):
    r = report(
        model,
        "Deputy killed in shootout\n\n"
        "HARLOW, Ohio - A Harlow County sheriff's deputy was killed and the man who shot him was wounded in a "
        "shootout Tuesday, the sheriff said. Deputy Dana Kessel, 36, was shot while serving a warrant. Other "
        "deputies returned fire, wounding the suspect, Lou Marsh, 44.",
    )
    assert _people(r, "subject") == {"Lou Marsh": "injured"}


def test_the_woman_after_a_man_is_not_him(model):
    r = report(
        model,
        "Bystander wounded when officers fire at fleeing suspect\n\n"
        "TARNOW, Wis. - A 62-year-old woman sitting on her porch was struck by a bullet when Tarnow officers "
        "fired at a man fleeing a traffic stop Monday, police said. The woman was taken to a hospital with a "
        "wound to her arm that was not life-threatening. The man, Tom Varn, 30, was arrested a block away.",
    )
    assert [fact_value(p.outcome) for p in r.people if p.role == "subject"] == [None]


def test_the_suspect_is_not_the_driver_he_stopped(model):
    text = (
        "Robbery suspect arrested after police shooting\n\n"
        "HARLOW, Ohio - A man wanted in a string of robberies was arrested Monday night. Police said the suspect "
        "sped away, then ran from his car. He next tried to pull a woman out of her car at a red light, but she "
        "drove off. Officers fired at the suspect as he ran."
    )
    reading = read(Article("x", "t", text), nlp.parse(model, text), Settings(env={}))
    refs = {
        reading.resolver.descriptions[si, t.i]
        for si, s in enumerate(reading.sentences)
        for t in s.doc
        if t.lower_ == "suspect" and (si, t.i) in reading.resolver.descriptions
    }
    assert len(refs) == 1


def test_two_other_troopers_leave_the_shot_trooper_the_named_one(model):
    r = report(
        model,
        "Trooper wounded, suspect killed after traffic stop\n\n"
        "HARLOW, Ohio - A state trooper was shot and wounded during a traffic stop on Route 9 on Thursday, and "
        "the driver was killed when other troopers returned fire, officials said. Trooper Ty Evers, 33, was hit "
        "in the shoulder after the driver, Lou Marsh, 38, opened fire as Evers approached the car. Two other "
        "troopers fired at Marsh, who died at the scene.",
    )
    assert _people(r, "officer") == {"Ty Evers": "injured"}


def test_the_man_shot_and_killed_by_officers_did_not_fire(model):
    r = report(
        model,
        "Man killed by police identified\n\n"
        "HARLOW, Ohio - The man shot and killed by Harlow police officers Tuesday night has been identified as "
        "Travis Menkel, 29, the coroner said Thursday. Officers were called to an apartment after a woman "
        "reported that he had a knife. Two officers fired, hitting Menkel several times.",
    )
    assert [fact_value(p.fired) for p in r.people if p.role == "subject"] != [True]


def test_he_after_a_by_phrase_is_the_one_shot(model):
    r = report(
        model,
        "Protesters gather after Harlow police shooting\n\n"
        "HARLOW, Ohio - About 100 people marched downtown Sunday to protest the fatal police shooting of Halden "
        "Gray, 19, on Friday. Gray was shot by an officer after a brief foot chase, police said. Police said he "
        "had a gun in his hand.",
    )
    assert [fact_value(p.armed) for p in r.people if p.name is not None] == ["gun"]


def test_a_quoted_witness_is_not_the_main_gunman(model):
    r = report(
        model,
        "Gunman killed by SWAT after shooting at shop\n\n"
        "HARLOW, Ohio - A man came into an auto shop and began shooting Sunday, killing a customer, before being "
        "killed by a SWAT officer, police said. Three other citizens were wounded. A teen jumped into action to "
        'save one of those victims, who had been shot in the thigh. "I saw a guy on the side of the road whose '
        "leg was bleeding,\" said Dale Roe. Dale wrapped the victim's vest around his leg until paramedics "
        "arrived. According to police, the main gunman had a rifle. They say he fired at a police helicopter.",
    )
    assert "Dale Roe" not in [fact_value(p.name) for p in r.people]


def test_going_to_hurt_her_hurt_no_one(model):
    r = report(
        model,
        "Deputy kills robbery suspect at restaurant\n\n"
        "HARLOW, Ohio - An off-duty deputy shot and killed a robbery suspect who entered a restaurant Tuesday "
        'night. A cook said the armed man grabbed a manager and the deputy ordered him to drop his weapon. "His '
        "words were 'No, I'm not going to hurt her,'\" the cook said.",
    )
    assert [fact_value(p.outcome) for p in r.people if p.role == "officer"] == [None]


def test_a_name_the_parse_makes_a_speaker_without_quotes_is_no_witness(model):
    r = report(
        model,
        "Task force officers shoot wanted man\n\n"
        "HARLOW, Ohio - Members of a fugitive task force shot and wounded a man they were trying to arrest on a "
        "warrant Tuesday, police said. The man, Tom Varn, 27, fired at the officers first, police said.",
    )
    assert [fact_value(p.name) for p in r.people if p.role == "subject"] == ["Tom Varn"]


def test_officers_listed_by_name_each_fired(model):
    r = report(
        model,
        "Police shoot man\n\n"
        "HARLOW, Ohio - Police shot and killed a man Saturday. Officers Dale Roe, Tom Varn and Lou Marsh fired a "
        "combined 19 rounds, according to a report released Monday.",
    )
    fired = {fact_value(p.name): fact_value(p.fired) for p in r.people if p.role == "officer"}
    assert fired == {"Dale Roe": True, "Tom Varn": True, "Lou Marsh": True}
    assert fact_value(r.officer_count) == 3


def test_a_sheriffs_deputy_is_someone_new(model):
    r = report(
        model,
        "Police shoot man\n\n"
        "HARLOW, Ohio - Police shot and killed a man Saturday. An officer and a sheriff's deputy fired at the man "
        "after he raised a rifle, police said.",
    )
    assert fact_value(r.officer_count) == 2
