"""Follow-up days are no incident dates: an arrest "without incident", a suspect who turns himself in, a witness who
took the stand. The when/where extractor on fictional articles."""

from __future__ import annotations

import datetime as dt

import pytest

from ois import nlp
from ois.extract.when_where import when_where
from ois.models import Article
from ois.settings import Settings

SETTINGS = Settings(env={})
WEDNESDAY = dt.date(2021, 10, 27)


def incident_date(model, text: str) -> dt.date | None:
    article = Article(Article.make_id(text), text.split("\n", 1)[0], text, published=WEDNESDAY)
    found = when_where(article, nlp.parse(model, text), SETTINGS).get("incident_date")
    return None if found is None else found.value


def test_an_arrest_without_incident_is_no_day_of_the_shooting(model):
    text = (
        "Man charged in dance hall shooting\n\nA Polson man was arrested without incident at his home Wednesday "
        "afternoon, deputies said. He is accused of firing into a crowd at a dance hall on Sept. 26, wounding four "
        "people."
    )
    assert incident_date(model, text) == dt.date(2021, 9, 26)


@pytest.mark.parametrize(
    "text",
    [
        "Mother to face charges\n\nA boy who found a pistol in his mother's car shot himself in the hand at their "
        "home, police said. His mother is expected to turn herself in to police Wednesday.",
        "Trial opens in deputy shooting\n\nThe trial of Dale Roe, accused of shooting a deputy during a traffic stop "
        "near Whitefish, opened this week. On Monday, the deputy took the stand and testified that Roe fired first.",
    ],
)
def test_a_day_in_court_or_of_a_surrender_is_no_incident_date(model, text):
    assert incident_date(model, text) is None
