"""Which state a story names: a state's name inside a city's ("Colorado City"), "New York" (mostly the city), an
outlet's region trailing the headline, and a town too small for the gazetteer in the state the story names; a
street named without its suffix is no town. The place extractor on fictional articles."""

from __future__ import annotations

import pytest

from ois import geo, nlp
from ois.extract.when_where import when_where
from ois.models import Article
from ois.settings import Settings

SETTINGS = Settings(env={})


def place(model, text: str) -> tuple[str | None, str | None]:
    article = Article(Article.make_id(text), text.split("\n", 1)[0], text)
    found = when_where(article, nlp.parse(model, text), SETTINGS)
    city, state = found.get("city"), found.get("state")
    return (city.value if city else None, state.value if state else None)


def test_cities_named_after_another_state_are_listed():
    named = geo.state_named_cities()
    assert "Colorado City" in named and "Nevada City" in named
    assert "Colorado Springs" not in named  # it lies in Colorado: its name still says the state


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Colorado" in "Colorado City" is no mention of Colorado (three states have a Colorado City): the story's
        # own "Arizona" decides
        (
            "Officers shoot man\n\nColorado City police shot a man who fired at them outside a bar on Friday. "
            "Colorado City officers gave him first aid. The Arizona Department of Public Safety is investigating.",
            ("Colorado City", "AZ"),
        ),
        # "a New York newspaper" names the city's press, not the state: the big Montebello is in California
        (
            "Police shoot man in Montebello\n\nMontebello police shot a man who fired at officers on Saturday, a "
            "department spokeswoman told a New York newspaper.",
            ("Montebello", "CA"),
        ),
        # "upstate New York" is the state
        (
            "Trooper shoots man\n\nA state trooper shot a man who pointed a rifle at him in Montebello on Monday, "
            "the third police shooting this year in upstate New York.",
            ("Montebello", "NY"),
        ),
    ],
)
def test_state_names_inside_other_names(model, text, expected):
    assert place(model, text) == expected


def test_an_outlet_region_after_the_headline_is_only_a_hint(model):
    text = (
        "Officer shoots man in Coldwater - WKXR News - Your Station for Central Ohio\n\n"
        "Coldwater police said an officer shot a man who fired at him behind a grocery store on Tuesday. Michigan "
        "State Police are investigating the shooting."
    )
    assert place(model, text) == ("Coldwater", "MI")


def test_a_small_town_in_the_state_the_story_names(model):
    # the gazetteer knows a Polson in Montana only; the story puts its Polson in Idaho
    text = (
        "Troopers shoot man near Polson\n\nIdaho State Police said troopers shot a man who fired at them on a ranch "
        "road outside Polson on Sunday. Idaho troopers had been called to a dispute at the ranch."
    )
    assert place(model, text) == ("Polson", "ID")


def test_a_big_city_keeps_its_state_when_a_state_is_named_in_passing(model):
    text = (
        "Police shoot man in Chicago\n\nChicago police shot a man who fired at officers on the South Side on "
        "Wednesday. The man had moved to Chicago from Indiana last year, police said."
    )
    assert place(model, text) == ("Chicago", "IL")


@pytest.mark.parametrize(
    "text",
    [
        "Five men shot\n\nFive men were wounded in a shooting Monday night in the 4100 block of West Cleveland, police "
        "said.",
        "Four shot\n\nThe shooting happened Friday near Larkin Avenue and Cleveland. The car was heading "
        "southbound on Cleveland when shots were fired, police said.",
        "Four shot\n\nFour people were shot at the intersection of Cleveland and Larkin, police said.",
        "Four shot\n\nFour people were shot near Cleveland and Larkin Avenue, police said.",
        "Four shot\n\nFour people were shot near the intersection of Larkin and Cleveland, police said.",
    ],
    ids=["block of", "avenue and", "intersection of", "and avenue", "intersection of, second"],
)
def test_a_street_named_like_a_city_is_no_town(model, text):
    assert place(model, text)[0] != "Cleveland"


def test_a_home_in_a_headline_is_no_town(model):
    text = "Boy, 7, Fatally Shot in Harlow Home\n\nA 7-year-old boy was shot and killed at a home, police said."
    assert place(model, text)[0] != "Home"
