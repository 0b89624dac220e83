"""How much a shared city and a publication day say that two reports are one shooting: a big city's name says less
(several shootings a day there), and a report without an incident date published on the other's incident date or
the next day is news of it, as two undated reports published the same day are of shootings a day apart at most. Pair
scores of fictional report profiles."""

from __future__ import annotations

import datetime as dt

from ois.names import rule
from ois.resolve.features import Profile
from ois.resolve.scoring import SAME_CITY, _same_city, score
from ois.settings import Settings

D = dt.date
SETTINGS = Settings(env={})


def profile(rid: str, published: dt.date, date: dt.date | None, city: str, state: str, terms: dict) -> Profile:
    return Profile(0, rid, date, published, city, state, None, (), None, terms, rid)


def linked(a: Profile, b: Profile) -> bool:
    found = score(a, b, SETTINGS.match_window_days, SETTINGS.followup_window_days, rule(SETTINGS))
    return found is not None and found[0] >= SETTINGS.link_threshold


def test_a_big_city_says_less_than_a_small_town():
    assert _same_city("whitefish", "MT") == SAME_CITY
    assert 0.3 < _same_city("chicago", "IL") < 1.0 < SAME_CITY


def test_two_shootings_a_day_apart_in_a_big_city_stay_apart():
    laundromat, sedan = {"laundromat": 2.0, "pistol": 1.0}, {"sedan": 2.0, "store": 1.0}  # no detail in common
    a = profile("a", D(2021, 6, 2), D(2021, 6, 1), "chicago", "IL", laundromat)
    b = profile("b", D(2021, 6, 3), D(2021, 6, 2), "chicago", "IL", sedan)
    assert not linked(a, b)
    # in a small town the town and the near day are still enough
    c = profile("c", D(2021, 6, 2), D(2021, 6, 1), "whitefish", "MT", laundromat)
    d = profile("d", D(2021, 6, 3), D(2021, 6, 2), "whitefish", "MT", sedan)
    assert linked(c, d)


def test_a_report_published_the_day_of_the_shooting_or_the_next_joins_it():
    dated = profile("dated", D(2021, 6, 7), D(2021, 6, 6), "polson", "MT", {"feed": 2.0, "route": 1.0})
    for day in (D(2021, 6, 6), D(2021, 6, 7)):
        assert linked(dated, profile("news", day, None, "polson", "MT", {"family": 2.0, "condition": 1.0}))
    # published five days later, with no detail in common: no sign it is the same shooting
    assert not linked(dated, profile("later", D(2021, 6, 11), None, "polson", "MT", {"family": 2.0}))


def test_two_undated_reports_published_the_same_day_in_one_town():
    # one detail in common out of twenty: too little alone, enough with the town and the day
    a = profile("a", D(2021, 6, 7), None, "polson", "MT", {"feed": 1.0, "route": 19.0})
    b = profile("b", D(2021, 6, 7), None, "polson", "MT", {"feed": 1.0, "family": 19.0})
    assert linked(a, b)
    assert not linked(a, profile("c", D(2021, 6, 8), None, "polson", "MT", {"feed": 1.0, "family": 19.0}))
