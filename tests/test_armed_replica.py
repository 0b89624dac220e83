"""What a subject was armed with when the gun turned out to be a replica, and which kind of gun a bare "gun" was:
extract on fictional articles."""

from __future__ import annotations

import datetime as dt

import pytest

from ois import nlp
from ois.extract import extract
from ois.models import Article
from ois.settings import Settings

SETTINGS = Settings(env={})


def subject(model, text: str):
    article = Article(Article.make_id(text), text.split("\n", 1)[0], text, published=dt.date(2023, 3, 14))
    (person,) = [p for p in extract(article, nlp.parse(model, text), SETTINGS).people if p.role == "subject"]
    return person


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        (
            "Man killed\n\nDale Roe pointed a replica gun at police and was shot and killed. Roe had called 911 "
            "earlier and said he had a gun.",
            "replica gun",
        ),
        (
            "Man killed\n\nOfficers found Dale Roe in the street brandishing what appeared to be a black handgun. Roe "
            "aimed it at officers, who shot and killed him. It turned out he held a BB gun.",
            "bb gun",
        ),
        (
            "Man killed\n\nDale Roe reached for a gun in his waistband and was shot and killed by deputies. "
            "Investigators found the gun was a replica.",
            "gun",
        ),
    ],
    ids=["replica named first", "a BB gun after all", "the gun was a replica"],
)
def test_a_gun_that_turned_out_to_be_a_replica_is_a_replica(model, text, weapon):
    person = subject(model, text)
    assert (person.armed.value, person.weapon.value) == ("replica", weapon)
    assert person.weapon.evidence == person.armed.evidence  # the weapon named where the replica was told


def test_a_real_gun_stays_a_gun(model):
    text = (
        "Man killed\n\nDale Roe pointed a handgun at deputies, who shot and killed him. Deputies said he also "
        "carried a knife."
    )
    assert subject(model, text).armed.value == "gun"


def test_a_bare_gun_takes_the_kind_of_firearm_the_story_names(model):
    said = "A .40-caliber pistol was recovered at the scene, the sheriff said."
    person = subject(model, f"Man killed\n\nDale Roe confronted deputies with a gun, and they shot him dead. {said}")
    assert person.armed.value == "gun"
    assert person.weapon.value.endswith("pistol") and person.weapon.words.text.endswith("pistol")
    assert person.weapon.evidence.text == said


def test_a_named_kind_of_gun_is_kept(model):
    text = (
        "Man killed\n\nDale Roe pointed a revolver at the deputies, who shot and killed him. A rifle was found in "
        "his truck, the sheriff said."
    )
    assert subject(model, text).weapon.value == "revolver"


@pytest.mark.parametrize(
    "told",
    [
        "Dale Roe walked out of a garage holding a baseball bat, and an officer shot and killed him.",
        "Dale Roe lunged at a deputy and swung wildly with a claw hammer before the deputy shot and killed him.",
    ],
    ids=["holding", "swung with"],
)
def test_a_blunt_weapon_held_or_swung_is_other(model, told):
    person = subject(model, f"Man killed\n\n{told}")
    assert person.armed.value == "other"


@pytest.mark.parametrize(
    ("said", "armed"),
    [
        ("Police said he was not armed.", "unarmed"),
        ("He did not have a weapon, the sheriff said.", "unarmed"),
        ("Investigators said he had no weapon.", "unarmed"),
        ("No gun was found at the scene.", "unarmed"),
        ("Investigators said he had no gun.", None),  # (a knife is not ruled out)
        ("He was not carrying a gun, but he held a knife.", "knife"),
    ],
)
def test_a_weapon_denied_is_no_gun(model, said, armed):
    person = subject(model, f"Man wounded\n\nDeputies shot and wounded Dale Roe on Friday. {said}")
    assert (person.armed.value if person.armed else None) == armed
