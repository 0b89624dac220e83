"""A factual title for each incident, built from its (corrected) facts instead of the first report's headline:

    "Dale Orrin, 19, and Dana Kessel, 55, killed by Chicago police"
    "Man, 34, shot and wounded by Dallas police"
    "Officer shot in Tulsa; suspect killed"

and whether an incident date is plausible (a year read from a photo caption can put a 2016 shooting in 1966).
A shared helper: imports records and data only. The words are data (`data/titles.json`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from ois import data
from ois.models import Incident, MergedField, person_value

_OUTCOME_ORDER = ("killed", "injured", "uninjured", "")


@cache
def _words() -> dict[str, Any]:
    words = dict(data.load("titles"))
    words["patterns"] = [(re.compile(rx, re.IGNORECASE), form) for rx, form in words["agency"]]
    return words


def _number(n: int) -> str:
    numbers = _words()["numbers"]
    return numbers[n] if n < len(numbers) else str(n)


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def police(agency: Any, city: Any) -> str:
    """How the title names the officers: "Chicago police", "Harris County deputies", "police in Dayton"."""
    name = _text(agency)
    for pattern, form in _words()["patterns"] if name else ():
        match = pattern.match(name)
        if match:
            return form.format(**match.groupdict())
    if name:
        return f"officers of {name}"
    return f"police in {_text(city)}" if city else "police"


def _who(person: Mapping[str, MergedField], noun: str) -> str:
    """ "Darren Okafor, 34," / "man, 34," / "boy, 13," / "suspect" (a trailing comma closes the age before the next
    word)."""
    name = _text(person_value(person, "name"))
    age = person_value(person, "age")
    aged = isinstance(age, int) and not isinstance(age, bool)
    if not name:
        gender = person_value(person, "gender")
        nouns = _words()["minor_nouns" if aged and age < _words()["adult_age"] else "nouns"]
        name = noun if noun else nouns.get(gender if gender in ("male", "female") else "", nouns[""])
    return f"{name}, {age}," if aged else name


def _listing(people: list[Mapping[str, MergedField]], noun: str = "") -> str:
    """Several people: "A, 19, and B, 55," (at most `max_listed`, else "4 people")."""
    if len(people) > _words()["max_listed"]:
        return f"{_number(len(people))} people"
    who = [_who(p, noun) for p in people]
    # a comma between items, unless the item's age already closed with one ("A, 16, B, 23, and C")
    head = [w if w.endswith(",") or k == len(who) - 2 else f"{w}," for k, w in enumerate(who[:-1])]
    return f"{' '.join(head)} and {who[-1]}" if head else who[0]


def _groups(people: list[Mapping[str, MergedField]]) -> list[tuple[str, list[Mapping[str, MergedField]]]]:
    by_outcome: dict[str, list[Mapping[str, MergedField]]] = {}
    for person in people:
        outcome = person_value(person, "outcome")
        by_outcome.setdefault(outcome if outcome in _OUTCOME_ORDER else "", []).append(person)
    return [(o, by_outcome[o]) for o in _OUTCOME_ORDER if o in by_outcome]


def _clause(who: str, verb: str, tail: str = "") -> str:
    return f"{who} {verb}{tail}"


def _officers_shot(officers: list[Mapping[str, MergedField]], place: str) -> str:
    killed = sum(person_value(p, "outcome") == "killed" for p in officers)
    wounded = len(officers) - killed
    where = f" in {place}" if place else ""
    if killed:
        head = f"{_number(killed) if killed > 1 else 'officer'}{' officers' if killed > 1 else ''} killed"
        extra = f", {_number(wounded)} wounded" if wounded else ""
        return f"{head}{extra}{where}"
    return f"{_number(wounded) + ' officers' if wounded > 1 else 'officer'} shot{where}"


def incident_title(incident: Incident) -> str:
    """The factual title of an incident (see the module doc); never empty."""
    city = incident.value("city")
    place = _text(city) or _text(incident.value("state"))
    shot = list(incident.people_of("subject"))
    shot += [p for p in incident.people_of("bystander") if person_value(p, "outcome") in ("killed", "injured")]
    officers = [p for p in incident.people_of("officer") if person_value(p, "outcome") in ("killed", "injured")]
    verbs = _words()["outcome"]
    if officers:
        title = _officers_shot(officers, place)
        clauses = [_clause(_listing(group, "suspect"), verbs[o][1]) for o, group in _groups(shot) if o]
        title = "; ".join([title, *clauses])
    elif shot:
        by = f" {police(incident.value('agency'), city)}"
        groups = _groups(shot)
        first_outcome, first = groups[0]
        title = _clause(_listing(first), verbs[first_outcome][0], by)
        title = "; ".join([title, *(_clause(_listing(g), verbs[o][1]) for o, g in groups[1:])])
    else:
        title = f"Police shooting in {place}" if place else "Police shooting"
    return title[:1].upper() + title[1:]


def implausible_date(date: Any, first_published: dt.date | None, max_years_before: int, max_days_after: int) -> bool:
    """True when an incident date cannot be right: after the first report about it (beyond `max_days_after`, for
    time zones) or more than `max_years_before` years before it. Unknown publication: never implausible."""
    if not isinstance(date, dt.date) or first_published is None:
        return False
    if (date - first_published).days > max_days_after:
        return True
    try:
        earliest = first_published.replace(year=first_published.year - max_years_before)
    except ValueError:  # 29 February
        earliest = first_published.replace(year=first_published.year - max_years_before, day=28)
    return date < earliest
