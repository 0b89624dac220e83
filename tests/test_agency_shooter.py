"""Which force fired, when a story names several: extract.agency on fictional articles."""

from __future__ import annotations

import pytest

from ois import nlp
from ois.extract.when_where import when_where
from ois.models import Article
from ois.settings import Settings

SETTINGS = Settings(env={})


def agency(model, text: str) -> str | None:
    article = Article(Article.make_id(text), text.split("\n", 1)[0], text)
    fact = when_where(article, nlp.parse(model, text), SETTINGS).get("agency")
    return None if fact is None else fact.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the rank of whoever fired tells which of the forces named did: deputies are a sheriff's ...
        (
            "Man shot\n\nWhitefish police officers and Flathead County deputies found the man behind a store, and he "
            "was shot by a sheriff's deputy when he raised a knife.",
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
    ],
    ids=["shot by a deputy", "the deputy fired", "the trooper shot", "acronym of a named force", "town PD"],
)
def test_the_force_whose_officer_fired(model, text, expected):
    assert agency(model, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
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
    ids=["both fired", "bare acronym"],
)
def test_the_first_force_stays_when_nothing_tells_them_apart(model, text, expected):
    assert agency(model, text) == expected
