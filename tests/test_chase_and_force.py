"""Where a chase ended is where the shooting was, and which force fired when a story names several: the place and
agency extractors on fictional articles."""

from __future__ import annotations

import pytest

from ois import nlp
from ois.extract.when_where import when_where
from ois.models import Article
from ois.settings import Settings

SETTINGS = Settings(env={})


def fact(model, text: str, field: str):
    article = Article(Article.make_id(text), text.split("\n", 1)[0], text)
    found = when_where(article, nlp.parse(model, text), SETTINGS).get(field)
    return None if found is None else found.value


def city(model, text: str) -> str | None:
    return fact(model, text, "city")


def agency(model, text: str) -> str | None:
    return fact(model, text, "agency")


@pytest.mark.parametrize(
    "text",
    [
        # the chase went into another town: the shooting is there, not where the police came from
        "Driver killed\n\nPolice tried to stop Dale Roe in Whitefish for speeding. He fled, and officers followed the "
        "car into Columbia Falls, where Roe got out with a rifle and was shot and killed.",
        # "from A to B": the chase ended in B
        "Man shot after chase\n\nA car thief took police on a chase from Whitefish to Columbia Falls. "
        "Officers fired into the car, killing the driver.",
        # "the chase ended in B"
        "Deputies shoot driver\n\nThe incident began with a theft report in Whitefish. Deputies chased the truck "
        "for ten miles, and the chase ended in Columbia Falls after the truck struck a fence. The driver "
        "pointed a gun at deputies and was shot.",
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the rank of whoever fired tells which of the forces named did: deputies are a sheriff's ...
        (
            "Man shot\n\nWhitefish police officers and Flathead County deputies found the man behind a store, and he "
            "was shot by a sheriff's deputy after he swung a knife.",
            "Flathead County Sheriff",
        ),
        (
            "Man killed\n\nTwo Whitefish police officers tried to serve a warrant on Dale Roe. A Flathead County "
            "deputy came to help. Roe hit the deputy with a pipe, and the deputy fired two shots, killing him.",
            "Flathead County Sheriff",
        ),
        # ... troopers a state force's
        (
            "Driver killed\n\nWhitefish police and the Montana Highway Patrol chased a stolen car. The trooper "
            "shot and killed the driver after the chase.",
            "Montana Highway Patrol",
        ),
        # an acronym that abbreviates a force the story names is that force; "<Town> PD" is the town's police
        (
            "Man killed\n\nPolson police and Lake County deputies answered a call about a man firing a rifle. A PPD "
            "officer shot and killed him.",
            "Polson Police",
        ),
        (
            "Man killed\n\nWhitefish police chased the car into Polson, where a Polson PD officer shot and killed the "
            "driver.",
            "Polson Police",
        ),
        # officers and deputies fired together: the first force named stays
        (
            "Man killed\n\nFour Whitefish police officers and two Flathead County deputies fired at the man, who "
            "had a rifle, police said.",
            "Whitefish Police",
        ),
        # a bare acronym heading a list of other stories is no officer's force
        (
            "Officer shoots man\n\nA Whitefish police officer shot a man who fired at him on Friday.\n\n"
            "More news: PPD: man robbed at a gas station.",
            "Whitefish Police",
        ),
    ],
    ids=[
        "shot by a deputy",
        "the deputy fired",
        "the trooper shot",
        "acronym of a named force",
        "town PD",
        "both fired",
        "bare acronym",
    ],
)
def test_the_force_whose_officer_fired(model, text, expected):
    assert agency(model, text) == expected
