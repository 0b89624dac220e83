"""Where a chase ended is where the shooting was: extract.places on fictional chase stories."""

from __future__ import annotations

import pytest

from ois import nlp
from ois.extract.when_where import when_where
from ois.models import Article
from ois.settings import Settings

SETTINGS = Settings(env={})


def city(model, text: str) -> str | None:
    article = Article(Article.make_id(text), text.split("\n", 1)[0], text)
    fact = when_where(article, nlp.parse(model, text), SETTINGS).get("city")
    return None if fact is None else fact.value


@pytest.mark.parametrize(
    "text",
    [
        # the chase went into another town: the shooting is there, not where the police came from
        "Driver killed\n\nPolice tried to stop Dale Roe in Whitefish for speeding. He fled, and officers followed the "
        "car into Columbia Falls, where Roe got out with a rifle and was shot and killed.",
        # "from A to B": the chase ended in B
        "Man shot after chase\n\nA suspected car thief led police on a chase from Whitefish to Columbia Falls. "
        "Officers fired into the car, killing the driver.",
        # "the chase ended in B"
        "Deputies shoot driver\n\nThe incident began with a theft report in Whitefish. Deputies chased the truck "
        "for ten miles, and the chase ended in Columbia Falls when it hit a wall. The driver pointed a gun at "
        "deputies and was shot.",
    ],
)
def test_the_town_where_a_chase_ended_is_the_place(model, text):
    assert city(model, text) == "Columbia Falls"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a business or a church after "into"/"to" is no town, and neither is a source after "according to"
        (
            "Man shot\n\nPOLSON, Mont. - Dale Roe fled from officers on foot to St. Mary the Virgin Church, where he "
            "shot at them. Officers shot and killed him, according to Whitefish.",
            "Polson",
        ),
        (
            "Man shot\n\nPOLSON, Mont. - Police said Dale Roe fled and made his way into Whitefish's store, where "
            "officers shot him.",
            "Polson",
        ),
        # without a chase, "to <town>" is no place of the shooting
        (
            "Man shot\n\nPOLSON, Mont. - Officers shot a man who pointed a gun at them. He had moved to Whitefish "
            "last year, his sister said.",
            "Polson",
        ),
    ],
)
def test_words_after_into_or_to_that_are_no_chase_town(model, text, expected):
    assert city(model, text) == expected
