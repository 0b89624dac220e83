"""When and where: incident date, time of day, city, state and the law-enforcement agency.

Dates and times are in `dates.py`, places in `places.py`, the agency in `agency.py`; this module assembles them
(a city named by a capitalised agency name, "Little Rock Police Department", is a place mention too).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypedDict

from ois import nlp
from ois.extract.agency import agency_facts
from ois.extract.country import country
from ois.extract.cues import build
from ois.extract.dates import day_part, incident_date, publication_stamp, time_of_day
from ois.extract.location import location
from ois.extract.places import places
from ois.models import Article, Fact
from ois.settings import Settings


class WhenWhere(TypedDict, total=False):
    """The when/where facts of a Report; a key is absent when the text does not support it."""

    incident_date: Fact  # datetime.date
    time_of_day: Fact  # "HH:MM" or a coarse word
    day_part: Fact  # a coarse word
    address: Fact  # the street location as written
    place_type: Fact  # the kind of place
    country: Fact  # "US" or the country abroad
    city: Fact
    state: Fact  # USPS code
    agency: Fact


def when_where(article: Article, parsed: nlp.ParsedText, settings: Settings) -> WhenWhere:
    """{incident_date, time_of_day, city, state, agency} -> Fact, for the keys the text supports."""
    ctx = build(article, parsed)
    if ctx.published is None:  # a page stamp ("Posted: Jan. 27, 2016") anchors "Tuesday" as a publication date does
        stamp = publication_stamp(ctx.text)
        ctx = replace(ctx, published=stamp[1] if stamp else None)
    agency, city_names = agency_facts(ctx)
    place = places(ctx, settings, city_names)
    clock = time_of_day(ctx)
    out = {
        "incident_date": incident_date(ctx),
        "time_of_day": clock,
        "day_part": day_part(ctx, clock),
        "agency": agency,
        **place,
        "country": country(ctx, place.get("state")),
        **location(ctx),
    }
    return WhenWhere(**{k: v for k, v in out.items() if v is not None})
