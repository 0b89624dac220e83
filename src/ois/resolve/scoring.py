"""Pair scoring: how likely two reports describe the same shooting.

Evidence is added as log-odds (weights set by hand on fictional cases, then the prior and the term weights tuned
on the longtail-gva dev split, see docs/resolution.md) and squashed to 0..1; `link_threshold` decides. Hard
contradictions veto the pair (score None, never linked): different states where both reports give a city, an
article published before the other's incident or more than `followup_window_days` after it, and incident dates
further apart than `match_window_days` unless a person's full name links them as a follow-up.

Two reports that both lack a date, a place and names never link except as MinHash copies; a report with no date at
all links to a dated one only through a person's full name in the same place (or as a copy). A report with no
incident date is dated by its publication day: news of a shooting comes out that day or the next. A shared city is
weaker evidence the bigger the city (several shootings a day in Chicago).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from ois import geo
from ois.names import NameRule
from ois.resolve.features import Profile

PRIOR = -1.5  # tuned on the longtail dev split (-3.0 .. -1.0 tried; -1.5 .. -1.0 is the plateau)
SAME_DATE, NEAR_DATE, FAR_DATE = 2.0, 0.8, -1.5
SAME_CITY, NEAR_CITY, OTHER_CITY, SAME_STATE, OTHER_STATE = 1.5, 0.7, -1.0, 0.3, -2.0
NAME_MATCH, NAME_MISMATCH = 4.0, -3.0  # -3: two named, different subjects on one day are two shootings
AGENCY_MATCH, AGENCY_MISMATCH = 0.5, -0.3
OUTCOME_MISMATCH = -0.8
TERMS_WEIGHT, TERMS_BASELINE = 8.0, 0.1  # overlap above what unrelated stories share; longtail dev
COPY = 6.0
# A report with no incident date published on the other's incident date or the next day: news of a shooting comes out
# then (fitted on the longtail dev split: 0.3-2.0 tried, B3 F1 flat from 1.5).
PUBLISHED_NEAR = 1.5
# A shared city says less where shootings are common: per tenfold people above 100,000 the same-city weight drops by
# this much (Chicago: 1.5 -> 0.5). Fitted with PUBLISHED_NEAR on the longtail dev split (0.3-1.0 tried).
BIG_CITY_DAMP, BIG_CITY_PEOPLE = 0.7, 100_000
FOLLOWUP_NAME = 0.9  # name similarity linking reports weeks apart anywhere: full name or a spelling variant


def _date_evidence(a: Profile, b: Profile, window: int, followup: int) -> tuple[float | None, bool, bool]:
    """(log-odds or None = veto, the dates agree, the pair is far apart in time: it links only by a name).

    Incident dates further apart than the window are "far", not a veto: a follow-up about a trial or sentencing
    often yields the court date as its incident date, so only a full-name match may still link it.
    """
    if a.date and b.date:
        gap = abs((a.date - b.date).days)
        if gap > window:
            return 0.0, False, True
        return (SAME_DATE if gap == 0 else NEAR_DATE if gap == 1 else FAR_DATE), gap <= 1, False
    for dated, other in ((a, b), (b, a)):
        if dated.date and other.published:
            lag = (other.published - dated.date).days
            if lag < -1 or lag > followup:  # published before the shooting, or long after any follow-up
                return None, False, False
            return (PUBLISHED_NEAR if 0 <= lag <= 1 else 0.0), False, lag > window
    if a.published and b.published:
        gap = abs((a.published - b.published).days)
        if gap > followup:
            return None, False, False
        # neither gives its incident date: published the same day, their shootings are a day or so apart at most
        return (NEAR_DATE if gap == 0 else 0.0), False, gap > window
    return 0.0, False, False


def _place_evidence(a: Profile, b: Profile) -> tuple[float | None, bool]:
    if a.state and b.state and a.state != b.state:
        # With a city on both sides the states are reliable: veto. A bare state is often the outlet's own.
        return (None if a.city and b.city else OTHER_STATE), False
    if a.city and b.city:
        if a.city == b.city:
            return _same_city(a.city, a.state or b.state), True
        # "Melbourne" vs "West Melbourne": neighbouring places that outlets confuse.
        if fuzz.partial_ratio(a.city, b.city) >= 90:
            return NEAR_CITY, True
        return OTHER_CITY, False
    if a.state and b.state:
        return SAME_STATE, False
    return 0.0, False


@lru_cache(maxsize=4096)
def _same_city(city: str, state: str | None) -> float:
    """The evidence of two reports naming one city: SAME_CITY, less for a big one (BIG_CITY_DAMP)."""
    found = geo.find_city(city, state)
    if found is None or found.population <= BIG_CITY_PEOPLE:
        return SAME_CITY
    return SAME_CITY - BIG_CITY_DAMP * math.log10(found.population / BIG_CITY_PEOPLE)


def place_vetoed(profiles: Sequence[Profile], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Which pairs (profiles[i], profiles[j]) `score` vetoes for their places (`_place_evidence`: both give a city,
    in different states), for many pairs at once."""
    codes: dict[str, int] = {}
    state = np.array([codes.setdefault(p.state, len(codes)) if p.state and p.city else -1 for p in profiles])
    a, b = state[i], state[j]
    return (a >= 0) & (b >= 0) & (a != b)


def _name_evidence(a: Profile, b: Profile, rule: NameRule) -> tuple[float, float]:
    """(log-odds, best name similarity; 0.9+ is a full-name match)."""
    if not a.names or not b.names:
        return 0.0, 0.0
    best = max(rule.similarity(x, y) for _, x in a.names for _, y in b.names)
    if best > 0:
        return NAME_MATCH * best, best
    # Both name someone and nobody matches: different people, unless one side names only officers.
    subjects_a = any(role == "subject" for role, _ in a.names)
    subjects_b = any(role == "subject" for role, _ in b.names)
    return (NAME_MISMATCH if subjects_a and subjects_b else 0.0), 0.0


def _terms_overlap(a: Profile, b: Profile) -> float:
    small, large = (a.terms, b.terms) if len(a.terms) <= len(b.terms) else (b.terms, a.terms)
    shared = sum(min(w, large[t]) for t, w in small.items() if t in large)
    return shared / min(sum(a.terms.values()), sum(b.terms.values()))


def _has_key_facts(p: Profile) -> bool:
    return bool(p.date or p.city or p.state or p.names)


def score(a: Profile, b: Profile, window_days: int, followup_days: int, rule: NameRule) -> tuple[float, bool] | None:
    """(probability-like score in 0..1 that a and b report the same incident, strict), None when they contradict.

    strict is False for a follow-up link (dates far apart, joined by a full name): clustering then does not
    hold the dates against it. `window_days` / `followup_days` are match_window_days / followup_window_days; `rule`
    is the name rule across reports (`ois.names.rule(settings)`).
    """
    date, _, far = _date_evidence(a, b, window_days, followup_days)
    if date is None:
        return None
    place, place_ok = _place_evidence(a, b)
    if place is None:
        return None
    names, best_name = _name_evidence(a, b, rule)
    copy = a.root == b.root
    if (a.anchor is None) != (b.anchor is None) and not copy:
        # one report has no date at all: only a person's full name in the same place links it
        same_place = place_ok or bool(a.state and a.state == b.state)
        if not (best_name >= FOLLOWUP_NAME and same_place):
            return None
    if far and not copy and not (best_name >= FOLLOWUP_NAME or (best_name > 0 and place_ok)):
        # Weeks apart: only a person's full name (or a surname in the same place) links a follow-up.
        return None if a.date and b.date else (0.0, True)
    if not (copy or _has_key_facts(a) or _has_key_facts(b)):
        return 0.0, True  # nothing but vocabulary and a publication week: never the same incident
    total = PRIOR + date + place + names + (COPY if copy else 0.0)
    if a.agency and b.agency:
        total += AGENCY_MATCH if fuzz.token_set_ratio(a.agency, b.agency) >= 90 else AGENCY_MISMATCH
    if a.subject_killed is not None and b.subject_killed is not None and a.subject_killed != b.subject_killed:
        total += OUTCOME_MISMATCH  # "injured" reports may precede a death: a hint, not a veto
    if a.terms and b.terms:
        total += TERMS_WEIGHT * (_terms_overlap(a, b) - TERMS_BASELINE)
    return 1.0 / (1.0 + math.exp(-total)), not far
