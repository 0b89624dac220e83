"""Screening scope and the headline cue gaps of issue 8: fictional articles written for these tests."""

from __future__ import annotations

import pytest

from ois.models import Article
from ois.screen import find_cues, screen
from tests.test_screen import SETTINGS, article

STATISTICS = article(
    "Police shootings rose 12 percent in 2025, state data show",
    "Officers in Harlow County shot and killed nine people last year, up from seven, according to a state report.",
    "In March, deputies opened fire on a man who drove at them on Route 9. In July, a trooper shot a man who "
    "pointed a rifle at him during a traffic stop.",
    "The rate of police shootings per capita remains below the national average, the report says.",
)
WEEKEND = article(
    "3 dead, 11 wounded in weekend shootings across Riverton",
    "Three men were killed and 11 people wounded in shootings across Riverton from Friday night to Monday morning.",
    "In one of them, officers shot a man who fired at a patrol car in the 4100 block of Elm Street, police said.",
)
NUMBERS = article(
    "What the numbers say about force in Harlow County",
    "Police shootings have risen since 2019 in the county, the sheriff's data show.",
    "The number of police shootings in the state doubled, according to the university's database.",
    "Per capita, the county now ranks fifth. Twelve people were killed by police in 2025 across the state.",
    "In the most recent case, a deputy shot a man who waved a pistol outside a grocery store.",
)
INCIDENT_WITH_STATISTICS = article(
    "Deputies shoot man who fired at them outside Harlow grocery",
    "Two deputies opened fire on a man who shot at them outside a grocery store on Tuesday, the sheriff said.",
    "Police shootings have risen since 2019 in the county, the sheriff's data show.",
    "The number of police shootings in the state doubled, according to the university's database.",
    "Per capita, the county now ranks fifth. Twelve people were killed by police in 2025 across the state.",
)
OP_ED = article(
    "Opinion: The officer who shot Dale Pruitt should face a jury",
    "On a cold night in March, Officer Ray Lentz shot Dale Pruitt four times outside a feed store.",
    "Lentz fired within two seconds of stepping out of his cruiser. No warning was given.",
)
OP_ED_BY_URL = Article(
    id="oped-url",
    title="The shooting on Elm Street was avoidable",
    text="The shooting on Elm Street was avoidable\n\nOfficers opened fire on a man holding a phone, and he died.",
    url="https://example.org/opinion/2025/03/elm-street-shooting",
)
HUNTING_ACCIDENT = article(
    "Game warden shot in hunting accident near Millbrook",
    "A state game warden was shot in the shoulder Saturday when a hunter mistook him for a deer, officials said.",
    "The officer who was shot is in stable condition.",
)
BYSTANDER = article(
    "Bystander accidentally shot as officers fire at gunman",
    "A woman was struck accidentally when officers fired at a gunman outside a Millbrook bar, police said.",
)
FOREIGN = article(
    "Police shoot knife-wielding man at train station",
    "LONDON (AP) - Armed officers opened fire on a man who attacked commuters with a knife on Tuesday.",
)


@pytest.mark.parametrize(
    ("story", "scope"),
    [
        (STATISTICS, "a roundup of several shootings or statistics"),
        (WEEKEND, "a roundup of several shootings or statistics"),
        (NUMBERS, "a roundup of several shootings or statistics"),
        (OP_ED, "an opinion or editorial piece"),
        (OP_ED_BY_URL, "an opinion or editorial piece"),
        (HUNTING_ACCIDENT, "an accidental shooting"),
    ],
    ids=["statistics", "weekend roundup", "statistics in the body", "op-ed", "opinion URL", "hunting accident"],
)
def test_not_one_incident_report(story: Article, scope: str) -> None:
    result = screen(story, SETTINGS)
    assert result.score >= SETTINGS.screen_threshold  # it reads like a police shooting ...
    assert result.is_ois is False  # ... but it is not one incident report
    assert result.police_fired is False and result.shot_at_police is False
    assert result.reason.startswith(f"not OIS: {scope}")
    evidence = [c for c in result.cues if c.weight == 0.0]
    assert evidence and all(story.text[c.evidence.start : c.evidence.end] == c.evidence.text for c in evidence)


def test_statistics_paragraph_does_not_unmake_an_incident_report() -> None:
    result = screen(INCIDENT_WITH_STATISTICS, SETTINGS)
    assert result.is_ois is True and result.police_fired is True
    assert screen(INCIDENT_WITH_STATISTICS, SETTINGS.replace(screen_scope_body_min=1)).is_ois is True  # headline


def test_body_statistics_threshold_is_a_setting() -> None:
    assert screen(NUMBERS, SETTINGS.replace(screen_scope_body_min=99)).is_ois is True


def test_accident_that_hits_a_bystander_of_police_gunfire_is_still_ois() -> None:
    result = screen(BYSTANDER, SETTINGS)
    assert result.is_ois is True and result.police_fired is True


def test_foreign_dateline_is_named_in_the_reason_without_rejecting() -> None:
    result = screen(FOREIGN, SETTINGS)
    assert result.is_ois is True
    assert result.reason.endswith("outside the US? dateline: LONDON (United Kingdom)")


@pytest.mark.parametrize(
    ("headline", "cue"),
    [
        ("Shootout wounds two Harlow deputies", "shootout hit an officer"),
        ("Trooper dies after gun battle on Route 9", "shootout hit an officer"),
        ("Ambush on officers leaves one dead in Millbrook", "ambush on officers"),
        ("Officer killed in ambush outside Riverton station", "ambush on officers"),
        ("RPD kills man who fired at officers", "police killed someone"),
        ("Millbrook police kill gunman after rampage", "police killed someone"),
        ("Suspect exchanged gunfire with troopers before crash", "exchange of gunfire"),
        ("Man shot at cars, injuring a police officer and two others", "injured an officer"),
        ("Teen shot, killed by Riverton police officer", "shot by police"),
        ("A police officer in Harlow was shot during a traffic stop", "officer was shot"),
        ("Riverton Officer & Suspect Both Shot During Struggle", "headline: officer shot"),
    ],
)
def test_headline_cue_gaps(headline: str, cue: str) -> None:
    assert cue in {c.name for c in find_cues(article(headline, "Details were few."))}


@pytest.mark.parametrize(
    "sentence",
    [
        "An officer shot the dog after it attacked his partner.",
        "A police K9 was shot by the fleeing suspect.",
        "A retired deputy shot a burglar who broke into his home.",
        "The deputy was accidentally shot by another deputy at the range.",
        "Police kill time before the parade by chatting with neighbors.",
        "The officer killed in 2019 was honored by the council.",
        "Ambushes of police officers rose last year, the report says.",
    ],
)
def test_sentences_that_are_not_shootings_at_people(sentence: str) -> None:
    assert not [c for c in find_cues(article("Update", sentence)) if c.weight > 0]
