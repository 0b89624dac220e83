"""Fictional articles: who was shot is not who is sought, a shooting that befell someone is not theirs, and
fleeing is no step of justice (issue 8, fifth pass)."""

from __future__ import annotations

import datetime as dt

import pytest

from ois import nlp
from ois.extract import extract
from ois.models import Article, Report
from ois.settings import Settings

SETTINGS = Settings(env={})


@pytest.fixture(scope="module")
def model():
    return nlp.load(SETTINGS.spacy_model)


def report(model, text: str) -> Report:
    article = Article(Article.make_id(text), text.split("\n", 1)[0], text, published=dt.date(2021, 3, 6))
    return extract(article, nlp.parse(model, text), SETTINGS)


STORE = (
    "Store owner killed in Halverton robbery\n\n"
    "Police are searching for a killer after a store owner was fatally shot during a robbery in Halverton on "
    "Saturday. Tomasz Brecki, 64, the owner of the shop on Dunmore Avenue, died at the scene."
)


def test_the_person_killed_is_not_the_one_police_are_looking_for(model):
    killed = [p for p in report(model, STORE).people if p.name is not None]
    assert len(killed) == 1 and killed[0].outcome is not None and killed[0].outcome.value == "killed"
    assert killed[0].accused is None


def test_a_shooting_that_befell_him_is_not_his(model):
    text = (
        "24-year-old man dies at hospital following shooting near 65th and Thurston\n\n"
        "EASTBROOK, Wis. — Marcus Hill, 24, has died after he was shot Thursday night while seated in a car, "
        "police said."
    )
    hill = next(p for p in report(model, text).people if p.name is not None)
    assert hill.outcome is not None and hill.outcome.value == "killed"
    assert hill.fired is None and hill.armed is None


@pytest.mark.parametrize(
    "sentence",
    ["A man died Sunday after shooting at deputies.", "A man was wounded after shooting into a crowded bar."],
)
def test_shooting_at_or_into_something_is_still_his(model, sentence):
    text = f"Deputies return fire in Ferncliff\n\nFERNCLIFF, Ore. — {sentence} Deputies returned fire, police said."
    people = [p for p in report(model, text).people if p.role == "subject"]
    assert any(p.fired is not None and p.fired.value for p in people)


def test_fleeing_is_no_step_of_justice(model):
    text = (
        "Man shot by officer\n\n"
        "Daniel Reyes fled on foot from a traffic stop in Redmond Falls on Tuesday. An officer shot Reyes in the "
        "leg, police said."
    )
    reyes = next(p for p in report(model, text).people if p.name is not None)
    assert reyes.outcome is not None and reyes.outcome.value == "injured"
    assert reyes.accused is None  # he fled; nobody said police are looking for him


@pytest.mark.parametrize(
    "sentence", ["They found John Miller shot to death inside the home", "They found John Miller shot in the street"]
)
def test_found_shot_is_the_state_he_was_found_in(model, sentence):
    text = (
        "Man found shot in Dunmore\n\n"  # the headline drops "was": nobody said who shot him
        f"Police in Dunmore were called to a home on Elm Street on Tuesday. {sentence}, police said."
    )
    miller = next(p for p in report(model, text).people if p.name is not None)
    assert miller.outcome is not None and miller.outcome.value in ("killed", "injured")
    assert miller.fired is None and miller.armed is None


def test_a_denied_view_of_someone_shooting_is_no_shooting(model):
    text = (
        "Man killed in Pine Hollow\n\n"
        "Jerome Banks was shot and killed on Sixth Street late Friday. His family said they do not believe Banks "
        "fired at anyone."
    )
    banks = next(p for p in report(model, text).people if p.name is not None)
    assert banks.outcome is not None and banks.outcome.value == "killed"
    assert banks.fired is None
