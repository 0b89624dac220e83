"""Follow-up days are no incident dates: an arrest "without incident", a suspect who turns himself in, a witness who
took the stand, a statement, a warrant, a later hearing; "last week" names no day, "a day after" and "10 days ago"
count back, a date to come or from history is not the shooting's. The when/where extractor on fictional articles."""

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


# "last week" names no day; the day of a statement, however introduced; a month and day just after publication is
# a day to come, not last year's
NO_DAY = [
    "Deputy recovering\n\nA Polson deputy shot during a traffic stop last week is back at home, the sheriff said.",
    "Sheriff speaks\n\nSheriff Dale Roe told reporters Tuesday that the deputy shot a man who pointed a rifle at him.",
    "Department statement\n\nIn a statement Monday, the department said an officer shot a man who fired at him.",
    "Meetings planned\n\nA man was shot by a deputy in Polson. Town meetings about the shooting will start Nov. 5.",
    # a day someone speaks of in a quotation that tells no shooting is the speaker's
    'Deputy mourned\n\nDeputy Lou Marsh, who was killed during a traffic stop, "loved his job," his sister said. '
    '"Today our whole county is grieving," the mayor said.',
]


@pytest.mark.parametrize(
    "text", NO_DAY, ids=["last week", "told reporters", "in a statement", "a day to come", "quoted today"]
)
def test_no_day_of_the_shooting(model, text):
    assert incident_date(model, text) is None


SHOOTING_DAY = {
    # "a day after" the shooting: the day before
    "A Polson man was arrested Wednesday, a day after a deputy was shot at a gas station.": dt.date(2021, 10, 26),
    # history the story recalls is not this shooting
    "On June 2, 1962, a constable shot a bank robber in Polson. A man was shot by a deputy in Polson on Sunday.": (
        dt.date(2021, 10, 24)
    ),
    # a day of the aftermath, when the shooting's own day is told
    "The deputy who was shot in Polson was out of critical condition Tuesday. The shooting happened Sunday night.": (
        dt.date(2021, 10, 24)
    ),
    "A warrant was issued Tuesday for the man accused of shooting a Polson deputy. The deputy was shot Sunday.": (
        dt.date(2021, 10, 24)
    ),
    "Preliminary hearings in the shooting of a Polson deputy ended Tuesday. The deputy was shot on Oct. 3.": (
        dt.date(2021, 10, 3)
    ),
    # a quotation that tells the shooting dates it
    '"A deputy shot a man in Polson today," the sheriff said Wednesday.': WEDNESDAY,
}


@pytest.mark.parametrize(
    "body", SHOOTING_DAY, ids=["a day after", "history", "out of critical", "warrant", "hearings", "quoted"]
)
def test_the_shootings_own_day_over_later_ones(model, body):
    assert incident_date(model, f"Deputy shooting\n\n{body}") == SHOOTING_DAY[body]


def test_days_ago_counts_back_from_publication(model):
    text = (
        "Halden deputy back on patrol\n\nThe deputy who fired at Dale Roe outside a Halden bar 10 days ago is "
        "back on patrol as of Tuesday, the sheriff said. Roe is still in the hospital."
    )
    assert incident_date(model, text) == WEDNESDAY - dt.timedelta(days=10)


def test_a_written_date_before_a_relative_day_in_one_sentence(model):
    text = (
        "Guard wounded at Halden courthouse\n\nPhoto dated October 26, 2021: the Halden courthouse steps, taped "
        "off after a guard was wounded in a shooting this morning."
    )
    assert incident_date(model, text) == dt.date(2021, 10, 26)
