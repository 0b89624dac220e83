"""Comparison levels of a candidate pair (one person of ours, one reference row), and the sentence that says what
was compared (`describe`, written only for the candidates a user sees). Scoring (`ois.reference.link`) weighs the
levels; the fitting script counts them.

Names use the one name rule (`ois.names`: tokens, `NameRule.similarity`); where the rule says "different
people" the levels below it say how far apart the names are, because here a name is one piece of evidence among
the date, place, age, gender and agency, not the only one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache

from rapidfuzz import fuzz

from ois import names
from ois.geo import city_key
from ois.reference import vocab
from ois.reference.records import RefRow, Who

# The levels of each compared field, best first (the fitted weights in data/link_weights.json use these names).
LEVELS: dict[str, tuple[str, ...]] = {
    "name": ("exact", "same", "variant", "overlap", "surname_only", "similar", "same_surname", "different", "missing"),
    "date": ("same", "1", "3", "7", "30", "far", "missing"),
    "place": ("city", "near", "county", "region", "state", "other_state", "missing"),
    "age": ("exact", "1", "close", "different", "missing"),
    "gender": ("same", "different", "missing"),
    "agency": ("same", "place", "different", "missing"),
}
NEAR_KM, REGION_KM = 20.0, 60.0  # a suburb of the city named; the same metro area
CLOSE_AGE_YEARS = 3  # ages a reporter or a reference gets slightly wrong (birthdays, estimates)
_DAY_LEVELS = (("1", 1), ("3", 3), ("7", 7), ("30", 30))  # date levels: at most this many days apart
_ALIASES = re.compile(r"\s+(?:aka|a/k/a|or)\s+", re.IGNORECASE)
# Agency words that say what kind of agency it is, not where (the place words identify it).
_AGENCY_KINDS = {
    "police": "police",
    "pd": "police",
    "sheriff": "sheriff",
    "sheriffs": "sheriff",
    "patrol": "patrol",
    "trooper": "patrol",
    "troopers": "patrol",
    "marshal": "marshal",
    "marshals": "marshal",
}
_AGENCY_FILLER = frozenset(
    {
        *("department", "dept", "office", "county", "city", "of", "the", "s", "state", "highway", "division"),
        *("bureau", "public", "safety", "services", "service", "and", "agency", "force", "law", "enforcement"),
        *("parish", "borough", "township", "metropolitan", "metro"),
    }
)


@lru_cache(maxsize=1 << 15)
def aliases(name: str) -> tuple[tuple[str, ...], ...]:
    """Token tuples of a written name and its aliases ("A aka B", "A or B")."""
    return tuple(t for part in _ALIASES.split(name) if (t := names.tokens(part)))


def _name_pair(a: tuple[str, ...], b: tuple[str, ...], rule: names.NameRule, similar_ratio: float) -> str:
    if a == b:
        return "exact"
    similarity = rule.similarity(a, b)
    if similarity:
        return {1.0: "same", 0.9: "variant"}.get(similarity, "surname_only")
    shared = {t for t in a if len(t) > 1} & {t for t in b if len(t) > 1}
    if len(shared) >= 2:
        return "overlap"
    if fuzz.ratio(" ".join(a), " ".join(b)) >= similar_ratio:
        return "similar"
    return "same_surname" if a[-1] == b[-1] else "different"


def name_level(ours: str | None, ref: str | None, rule: names.NameRule, similar_ratio: float) -> str:
    if vocab.is_placeholder_name(ours) or vocab.is_placeholder_name(ref):
        return "missing"
    order = LEVELS["name"]
    pairs = (_name_pair(a, b, rule, similar_ratio) for a in aliases(ours or "") for b in aliases(ref or ""))
    return min(pairs, key=order.index, default="missing")


def date_level(who: Who, ref: RefRow) -> str:
    if who.date is None or ref.date is None:
        return "missing"
    days = abs((who.date - ref.date).days)
    return "same" if days == 0 else next((name for name, limit in _DAY_LEVELS if days <= limit), "far")


def km(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> float | None:
    """Great-circle distance in km, None when a point is missing."""
    if None in a or None in b:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


_key = lru_cache(maxsize=1 << 15)(city_key)


def _distance(who: Who, ref: RefRow) -> float | None:
    return km((who.lat, who.lon), (ref.lat, ref.lon)) if who.city else None


def place_level(who: Who, ref: RefRow) -> str:
    if not who.state and not who.city:
        return "missing"
    if who.state and ref.state and who.state != ref.state:
        return "other_state"
    if who.city and ref.city and _key(who.city) == _key(ref.city):
        return "city"
    distance = _distance(who, ref)
    if distance is not None and distance <= NEAR_KM:
        return "near"
    county = _key(ref.county or "")
    if county and county in _county_keys(who.city, who.agency):
        return "county"
    if distance is None:  # a city (or the reference's point) is missing: the state alone says nothing here
        return "missing"
    return "region" if distance <= REGION_KM else "state"


@lru_cache(maxsize=1 << 15)
def _county_keys(city: str | None, agency: str | None) -> frozenset[str]:
    """Our place names that may be a county: the city, and the words before 'County' in the agency name."""
    found = [city] if city else []
    match = re.search(r"([A-Z][\w.' -]+?)\s+County\b", agency or "")
    if match:
        found.append(match.group(1))
    return frozenset(_key(f) for f in found)


def age_level(who: Who, ref: RefRow) -> str:
    if who.age is None or ref.age is None:
        return "missing"
    gap = abs(who.age - ref.age)
    return "exact" if gap == 0 else "1" if gap == 1 else "close" if gap <= CLOSE_AGE_YEARS else "different"


def gender_level(who: Who, ref: RefRow) -> str:
    if not who.gender or not ref.gender:
        return "missing"
    return "same" if who.gender == ref.gender else "different"


@lru_cache(maxsize=1 << 15)
def _agency_parts(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """(kinds, place words) of an agency name: 'Phoenix Police Dept.' -> ({police}, {phoenix})."""
    words = re.findall(r"[a-z]+", names.fold(name).replace("'s", ""))
    kinds = frozenset(_AGENCY_KINDS[w] for w in words if w in _AGENCY_KINDS)
    return kinds, frozenset(w for w in words if w not in _AGENCY_KINDS and w not in _AGENCY_FILLER)


def agency_pair(a: str, b: str) -> str:
    """Same agency ("same"), agencies of the same place ("place": city police / county sheriff), or "different":
    the place words of one name must all be in the other's ("Phoenix Police" / "City of Phoenix Police
    Department"; not "San Francisco" / "San Bernardino")."""
    kinds_a, place_a = _agency_parts(a)
    kinds_b, place_b = _agency_parts(b)
    if not place_a or not place_b or not (place_a <= place_b or place_b <= place_a):
        return "different"
    return "same" if kinds_a == kinds_b or not (kinds_a and kinds_b) else "place"


def agency_level(who: Who, ref: RefRow) -> str:
    if not who.agency or not ref.agency:
        return "missing"
    order = LEVELS["agency"]
    return min((agency_pair(who.agency, theirs) for theirs in ref.agency.split("; ")), key=order.index)


def levels(who: Who, ref: RefRow, rule: names.NameRule, similar_ratio: float) -> dict[str, str]:
    """Every compared field's level for one candidate pair."""
    compared: dict[str, Callable[[Who, RefRow], str]] = {
        "date": date_level,
        "place": place_level,
        "age": age_level,
        "gender": gender_level,
        "agency": agency_level,
    }
    return {
        "name": name_level(who.name, ref.name, rule, similar_ratio),
        **{k: f(who, ref) for k, f in compared.items()},
    }


# What each level means, for a reader: {ours} and {ref} are the two values, {gap} their distance.
_TEXT = {
    "name": {
        "exact": "same name ({ours})",
        "same": "same first name and surname ({ours} / {ref})",
        "variant": "the name spelled differently ({ours} / {ref})",
        "overlap": "names sharing two words ({ours} / {ref})",
        "surname_only": "a surname alone on one side ({ours} / {ref})",
        "similar": "similar names ({ours} / {ref})",
        "same_surname": "the same surname, another first name ({ours} / {ref})",
        "different": "different names ({ours} / {ref})",
        "missing": "a name is not known on both sides",
    },
    "date": {"same": "same date ({ours})", "missing": "no incident date of ours to compare"},
    "place": {
        "city": "same city ({ours})",
        "county": "ours ({ours}) is in their county ({gap} County)",
        "other_state": "different states ({ours} / {ref})",
        "missing": "no city on one side to compare",
    },
    "age": {"exact": "same age ({ours})", "missing": "an age is not known on both sides"},
    "gender": {
        "same": "same gender ({ours})",
        "different": "different genders ({ours} / {ref})",
        "missing": "a gender is not known on both sides",
    },
    "agency": {
        "same": "same agency ({ours} / {ref})",
        "place": "agencies of the same place ({ours} / {ref})",
        "different": "different agencies ({ours} / {ref})",
        "missing": "an agency is not known on both sides",
    },
}
_OTHERWISE = {
    "date": "dates {gap} apart ({ours} / {ref})",
    "place": "places {gap} apart ({ours} / {ref})",
    "age": "ages {ours} / {ref}",
}


def describe(field: str, level: str, who: Who, ref: RefRow) -> str:
    """The sentence a reader sees for one compared field of a candidate pair."""
    values = {
        "name": (who.name, ref.name, ""),
        "date": (who.date, ref.date, _days(who, ref)),
        "place": (_place(who.city, who.state), _place(ref.city, ref.state), _km_text(who, ref, level)),
        "age": (who.age, ref.age, ""),
        "gender": (who.gender, ref.gender, ""),
        "agency": (who.agency, ref.agency, ""),
    }
    ours, theirs, gap = values.get(field, ("", "", ""))
    template = _TEXT.get(field, {}).get(level) or _OTHERWISE.get(field, "{ours} / {ref}")
    return template.format(ours=ours, ref=theirs, gap=gap)


def _place(city: str | None, state: str | None) -> str:
    return ", ".join(x for x in (city, state) if x) or "?"


def _days(who: Who, ref: RefRow) -> str:
    days = abs((who.date - ref.date).days) if who.date and ref.date else 0
    return f"{days} day{'s' * (days != 1)}"


def _km_text(who: Who, ref: RefRow, level: str) -> str:
    if level == "county":
        return ref.county or ""
    distance = _distance(who, ref)
    return "not measured" if distance is None else f"{distance:.0f} km"
