"""Factual incident titles (ois.titles) and implausible dates."""

from __future__ import annotations

import datetime as dt

import pytest

from ois.models import Incident, MergedField
from ois.titles import implausible_date, incident_title, police


def _person(**values: object) -> dict[str, MergedField]:
    return {k: MergedField(v, ("r1",)) for k, v in values.items()}


def incident(*people: dict[str, MergedField], **fields: object) -> Incident:
    return Incident("i", ("r1",), {k: MergedField(v, ("r1",)) for k, v in fields.items()}, people=tuple(people))


@pytest.mark.parametrize(
    ("record", "title"),
    [
        (
            incident(
                _person(role="subject", name="Dale Orrin", age=19, outcome="killed"),
                _person(role="bystander", name="Dana Kessel", age=55, outcome="killed"),
                agency="Chicago Police Department",
                city="Chicago",
            ),
            "Dale Orrin, 19, and Dana Kessel, 55, killed by Chicago police",
        ),
        (
            incident(
                _person(role="subject", gender="male", age=34, outcome="injured"), city="Dallas", agency="Dallas Police"
            ),
            "Man, 34, shot and wounded by Dallas police",
        ),
        (
            incident(_person(role="subject", gender="female", age=16, outcome="killed"), agency="Harlow Police"),
            "Girl, 16, killed by Harlow police",
        ),
        (
            incident(_person(role="subject", age=9, outcome="injured"), city="Harlow"),
            "Child, 9, shot and wounded by police in Harlow",
        ),
        (
            incident(
                _person(role="officer", outcome="injured"),
                _person(role="subject", outcome="killed"),
                city="Tulsa",
                agency="Tulsa Police Department",
            ),
            "Officer shot in Tulsa; suspect killed",
        ),
        (
            incident(
                _person(role="officer", outcome="injured"),
                _person(role="subject", name="Dale Pryce", age=22, outcome="uninjured"),
                city="Dothan",
            ),
            "Officer shot in Dothan; Dale Pryce, 22, unhurt",  # the shooter was not "shot at" when nobody fired back
        ),
        (
            incident(
                _person(role="officer", outcome="killed"), _person(role="officer", outcome="killed"), city="Dallas"
            ),
            "Two officers killed in Dallas",
        ),
        (
            incident(_person(role="subject", gender="female"), agency="Harris County Sheriff's Office"),
            "Woman in shooting with Harris County deputies",
        ),
        (
            incident(
                _person(role="subject", name="A B", outcome="killed"),
                _person(role="subject", gender="female", age=25, outcome="injured"),
                city="Mesa",
            ),
            "A B killed by police in Mesa; woman, 25, wounded",
        ),
        (
            incident(
                _person(role="subject", name="Dale Orrin", age=22, outcome="killed"),
                _person(role="bystander", gender="female", age=23, outcome="injured"),
                _person(role="bystander", gender="female", age=16, outcome="injured"),
                _person(role="bystander", name="Ty Evers", outcome="injured"),
                city="Larkin",
            ),
            "Dale Orrin, 22, killed by police in Larkin; woman, 23, girl, 16, and Ty Evers wounded",  # one comma each
        ),
        (
            incident(*(_person(role="subject", name=n, outcome="killed") for n in ("A B", "C D", "E F")), city="Reno"),
            "A B, C D and E F killed by police in Reno",
        ),
        (incident(_person(role="subject", outcome="uninjured"), state="TX"), "Person shot at by police"),
        (incident(city="Dayton"), "Police shooting in Dayton"),
        (incident(), "Police shooting"),
    ],
)
def test_titles_say_what_happened(record: Incident, title: str) -> None:
    assert incident_title(record) == title


def test_many_people_are_counted_not_listed() -> None:
    many = [_person(role="subject", name=f"P{n} Q", outcome="killed") for n in range(5)]
    assert incident_title(incident(*many, city="Reno")) == "Five people killed by police in Reno"


def test_agency_names() -> None:
    assert police("Missouri State Highway Patrol", None) == "Missouri troopers"
    assert police("U.S. Marshals Service", None) == "officers of U.S. Marshals Service"
    assert police(None, "Austin") == "police in Austin"


def test_implausible_dates() -> None:
    published = dt.date(2016, 5, 1)
    assert implausible_date(dt.date(1966, 5, 1), published, 20, 1)  # a caption's year
    assert not implausible_date(dt.date(1998, 5, 1), published, 20, 1)  # a cold case retold
    assert implausible_date(dt.date(2016, 5, 3), published, 20, 1)  # after the first report
    assert not implausible_date(dt.date(2016, 5, 2), published, 20, 1)  # time zones
    assert not implausible_date(dt.date(1900, 1, 1), None, 20, 1)  # no publication date: cannot tell
    assert not implausible_date(dt.date(2000, 2, 29), dt.date(2020, 2, 29), 20, 1)
