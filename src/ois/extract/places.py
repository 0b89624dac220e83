"""City and state of the shooting.

Every place mention is collected with a weight (dateline > "City, State" > agency name > bare place name), scaled
up in sentences that describe the shooting and down in asides and hospital clauses (victims are often taken to a
hospital in another town). A bare city name is resolved with the states the text mentions (Springfield + "Mass."),
else by the gazetteer when it is unambiguous or one city dominates (see `geo.find_city`); a name found in several
states is still the city ("shot in Springfield"), at half weight, and the state stays unknown. Streets and
outlets ("Rockford Register Star") never become cities: names followed by "Street", "Police" ... are not place
mentions, and unknown names are dropped. A big city's force known by its initials ("LAPD", "NOPD") names that city
only when the story names no town.

What "city" means (the rule, as in the Washington Post, Mapping Police Violence and GVA databases):
- the municipality: a neighbourhood the text names as such ("Philadelphia's West Oak Lane neighborhood", "the
  Mott Haven section of the Bronx", "Milwaukee's northwest side") gives the city it lies in, and is itself never
  the city. New York City's boroughs are the exception those databases make: "the Bronx" -> Bronx.
- a county, written as the county ("Scott County"), when the text puts the shooting in the county rather than a
  town: a county dateline ("SCOTT COUNTY, Ky. -") or "in unincorporated/rural X County"; a plain "in X County"
  counts only when no town is named.
- a dateline town with its state is taken as written even when too small for the gazetteer ("ROSEBUD, Mo. -");
  a TV station's dateline that only repeats its own market ("CHICAGO (CBS) -" under "CBS Chicago") is a plain
  mention, so the suburb the story names wins.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypedDict

from ois import data, geo
from ois.extract.cues import Context, Sent, lexicon, pattern
from ois.models import Fact, Span
from ois.settings import Settings

# Weights: how directly a mention of each kind says "this is where it happened". Hand-set by that order; the
# dateline weight (2.5 of 2-3 tried) and _POSITION_DECAY were checked on GVDB dev (city recall +0.01 each).
# An outlet's town only ever decides the state when nothing else does.
_WEIGHTS = {
    "dateline": 2.5,
    "city_state": 2.0,
    "container": 2.0,
    "agency": 1.5,
    "venue": 1.5,  # "at her Randallstown apartment": as "Randallstown police", a town where it happened
    "police": 1.5,
    "entity": 1.0,
    "name": 1.0,
    "county": 1.0,
    "county_in": 0.25,  # "in Adams County": the place only when no town is named (GVA files those as counties)
    "initials": 0.25,  # "LAPD": the city only when no town is named (at 1.5, "NYPD" outweighed "Queens")
    "outlet": 0.1,
}
_SHOOTING_BOOST = 2.0
_STATELESS_DAMP = 0.5  # a town found in several states (none mentioned), when clearly the place (0.25-1 tried)
_ASIDE_DAMP = 0.5
_BACKGROUND_DAMP = 0.2  # a sentence about another case (as a hospital clause: the place of something else)
_HOSPITAL_DAMP = 0.2
# Stories lead with the place; scraped pages trail off into other headlines. Sentence 20 counts half.
_POSITION_DECAY = 0.05
_RESIDENCE_DAMP = 0.3  # "Doe, 27, of Spokane, Wash." / "a Newton resident": where he lives, not where he was shot
# A chase ends where the shooting is ("the pursuit went into Larkin"), not where it began ("fled from Harlow").
# Hand-set (2 and 0.3, as the shooting boost and the residence damp); checked on the gold and MPV tune splits.
_PURSUIT_END = 2.0
_PURSUIT_START = 0.3
# A state the story names clearly (a free mention in a main sentence weighs 1-2) with no gazetteer town of the name
# while a small town (< 50,000) elsewhere has it: the story's town is unlisted, the state is the story's. Hand-set.
_TOLD_STATE = 1.0
_SMALL_TOWN = 50_000
_DATELINE_CHARS = 600  # a dateline opens the story: within the headline plus the first paragraph
_DIRECTIONS = re.compile(
    r"^(?:(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest|Downtown|Greater|"
    r"Metro|Central|Suburban)\s+)+|(?:\s+(?:North|South|East|West|Downtown))+$"
)
_NAME = r"(?:[A-Z][\w'’.\-]*\s){0,3}[A-Z][\w'’\-]*"
_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z'.\-]+(?:\s[A-Z][A-Z'.\-]+){0,3})(?:,\s*(?P<state>[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?))?"
    r",?\s*(?:\([^)]{1,40}\)\s*)?(?:--|—|–|-)\s"
)
_POLICE = re.compile(rf"(?P<city>{_NAME})(?:'s?)?\s+(?:police|sheriff's deputies|(?i:officers?|cops?))\b")
_POLICE_INITIALS = re.compile(r"\b(?P<initials>[A-Z]{2,3})PD\b")  # "LAPD", "NYPD": see geo.city_of_initials
# "shot in Holladay", "the Cicero shooting": place names spaCy often misses.
_IN_PLACE = re.compile(
    r"\b(?i:in|near|outside)\s+(?:the\s+)?(?:(?:city|town|village|suburb|community)\s+of\s+)?"
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|far|suburban|downtown|nearby|rural|"
    r"unincorporated)\s+){0,3}"
    rf"(?P<city>{_NAME})"
)
# "a chase from Harlow into Larkin", "... to Larkin": where a chase went, read only in a sentence about a chase (see
# _weight); never a business ("into Lou's store"), a saint's church ("to St. John the Baptist") or a source
# ("according to Marlowe").
_TO_PLACE = re.compile(
    r"\b(?i:into|(?<!according )to)\s+(?:the\s+)?(?:(?i:city|town|village)\s+of\s+)?"
    rf"(?P<city>(?>{_NAME}))(?<!['’]s)(?!\s+(?:the|of)\s+[A-Z])"
)
_QUARTER = r"(?i:neighborhood|neighbourhood|section|district|community area)"
_NEIGHBOURHOOD = re.compile(
    rf"(?:\b(?i:the|a|an)\s+|['’]s\s+)(?P<city>{_NAME})\s+{_QUARTER}\b|(?P<of>{_NAME})\s+{_QUARTER}\s+of\b"
)
# The city a neighbourhood lies in: "Philadelphia's West Oak Lane neighborhood", "the Mott Haven section of the
# Bronx", "on Milwaukee's northwest side". We report the municipality (docs: a journalist's "city"; reference
# databases write Philadelphia, not Feltonville); New York's boroughs are the one exception, as in those databases.
_CONTAINER = re.compile(
    rf"(?P<city>{_NAME})['’?]s?\s+(?:[\w-]+\s+){{0,3}}?(?:{_QUARTER}|(?i:side))\b"  # "?": a mangled ’ in scraped text
    rf"|\b{_QUARTER}\s+of\s+(?:the\s+)?(?P<city2>{_NAME})"
    rf"|\b(?i:side)\s+of\s+(?P<city3>{_NAME})"
)
# "Chester, Delaware County": the city's state is the one where a county of that name exists.
_CITY_COUNTY = re.compile(rf"(?P<city>{_NAME}),\s(?P<county>{_NAME}\s(?:County|Parish))\b")
# Words that follow a place name without being part of it ("in Rockbridge County Monday"), and that are never
# places themselves ("in August").
_NOT_NAMES = re.compile(
    r"(?:^|\s)(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
    r"July|August|September|October|November|December)$"
)
_IN_COUNTY = re.compile(r"\b(?:in|near|outside)\s+(?:unincorporated|rural)\s+$", re.IGNORECASE)
_COUNTY_NAME = re.compile(r"^(?P<name>.+?)\s+(?P<kind>County|Parish|Co\.?)$", re.IGNORECASE)
_COUNTY = re.compile(rf"(?P<county>{_NAME}\s(?:County|Parish|Borough))\b")
# Not "a Reseda man": that is where he lives.
_PLACE_NOUN = re.compile(
    rf"(?P<city>{_NAME})\s+(?i:(?:double|triple|fatal|deadly|drive-by|officer-involved|police)\s+)?shootings?\b"
)


@dataclass(frozen=True)
class _Mention:
    name: str
    state: str | None  # USPS code written next to it ("Flint, Mich.")
    sent: Sent
    kind: str


# States named like a city ("shot in New York" is the city): a state only as "X state", "state of X", "upstate X".
_CITY_STATES = ("Washington", "New York")


@lru_cache(maxsize=1)
def _state_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(free state mention, "City, State", "City in State"). USPS codes count only right after "City, "."""
    forms = geo.state_forms()
    words = [re.escape(f) for f in forms if not (len(f) == 2 and f.isupper()) and f not in _CITY_STATES]
    words += [rf"{w}(?=\s+[Ss]tate\b)|(?<=state of ){w}|(?<=upstate ){w}" for w in _CITY_STATES]
    free = "|".join(words)
    # not "Colorado City" or "Nevada City": there the state's name is part of a city's, which may lie elsewhere
    cities = "|".join(re.escape(c) for c in geo.state_named_cities())
    with_codes = "|".join([re.escape(f) for f in forms])
    return (
        re.compile(rf"(?<![\w.])(?!(?:{cities})\b)(?:{free})(?![\w])(?!\s+(?:County|Parish)\b)"),
        # not "Chester, Delaware County": that state is a county's name (see _CITY_COUNTY)
        re.compile(rf"(?P<city>{_NAME}),\s(?P<state>{with_codes})(?![\w])(?!,?\s+(?:County|Parish)\b)"),
        re.compile(rf"(?P<city>{_NAME})\s+in\s+(?!(?:{cities})\b)(?P<state>{free})(?![\w])"),
    )


def _weight(m: _Mention, offset: int) -> float:
    weight = _WEIGHTS[m.kind] / (1 + _POSITION_DECAY * m.sent.index)
    if m.sent.shooting and not m.sent.aside:
        weight *= _SHOOTING_BOOST
    if m.sent.aside:
        weight *= _ASIDE_DAMP
    if m.sent.background:
        weight *= _BACKGROUND_DAMP
    before = m.sent.text[max(0, offset - 60) : offset]
    if pattern("hospital").search(before):
        weight *= _HOSPITAL_DAMP
    end = pattern("pursuit_end").search(before)
    if (end or pattern("pursuit_start").search(before)) and pattern("pursuit").search(m.sent.text[:offset]):
        weight *= _PURSUIT_END if end else _PURSUIT_START
    after = m.sent.text[offset + len(m.name) : offset + len(m.name) + 30]
    if pattern("residence").search(before) or pattern("resident_after").match(after):
        weight *= _RESIDENCE_DAMP
    return weight


def _mentions(
    ctx: Context, agency_places: Iterable[tuple[str, Sent]], settings: Settings
) -> list[tuple[_Mention, int]]:
    """(mention, offset in its sentence) for every possible city mention."""
    _, city_state, city_in_state = _state_regexes()
    tails = pattern("place_tails")
    out: list[tuple[_Mention, int]] = []
    for sent in ctx.sents:
        for regex in (city_state, city_in_state):
            for m in regex.finditer(sent.text):
                # "in unincorporated Adams County, Colo." names the place; "the Adams County, Colo., sheriff" not
                county = _COUNTY_NAME.match(m.group("city")) and re.search(
                    r"\b(?:in|near)\s+\w*\s*$", sent.text[: m.start()]
                )
                kind = (
                    ("name" if _IN_COUNTY.search(sent.text[: m.start()]) else "county_in") if county else "city_state"
                )
                out.append((_Mention(m.group("city"), geo.state_code(m.group("state")), sent, kind), m.start()))
        for m in _CITY_COUNTY.finditer(sent.text):
            counties = geo.county_states(m.group("county"))
            found = [c for c in geo.candidates(m.group("city")) if c.state in counties]
            ratio = settings.city_dominance_ratio  # as geo.find_city: the biggest only when it dominates
            if found and (len(found) == 1 or found[0].population >= ratio * max(found[1].population, 1)):
                out.append((_Mention(m.group("city"), found[0].state, sent, "city_state"), m.start()))
        for m in _POLICE.finditer(sent.text):
            out.append((_Mention(m.group("city"), None, sent, "police"), m.start()))
        for m in _POLICE_INITIALS.finditer(sent.text):
            city = geo.city_of_initials(m.group("initials"), settings)
            if city is not None:
                out.append((_Mention(city.name, city.state, sent, "initials"), m.start()))
        for m in _CONTAINER.finditer(sent.text):
            group = next(g for g in ("city", "city2", "city3") if m.group(g))
            out.append((_Mention(m.group(group), None, sent, "container"), m.start(group)))
        for m in _venue().finditer(sent.text):  # "at her Randallstown apartment", "outside a Dallas nightclub"
            out.append((_Mention(m.group("city"), None, sent, "venue"), m.start("city")))
        chase = pattern("pursuit").search(sent.text)
        for regex in (_IN_PLACE, _PLACE_NOUN, _TO_PLACE) if chase else (_IN_PLACE, _PLACE_NOUN):
            for m in regex.finditer(sent.text):
                name = m.group("city")
                # "Chapel Hill drive-by shooting": the tail of a place-noun match is the shooting, never a street
                tail = regex is not _PLACE_NOUN and tails.match(sent.text[m.end("city") : m.end("city") + 20])
                # "in the Black River": a named feature, not a town
                feature = m.group(0).lower().split()[1:2] == ["the"] and tails.match(" " + name.split()[-1])
                # A county is the place where the text puts it outside any town ("in unincorporated Adams County");
                # a plain "in Adams County" usually accompanies the town, which GVA and WaPo report: it counts little.
                county = _COUNTY_NAME.match(name) and not _IN_COUNTY.search(m.group(0)[: m.start("city") - m.start()])
                if (
                    not ctx.is_person(name)
                    and not tail
                    and not feature
                    and not _no_town(sent, m.start("city"), len(name))
                ):
                    out.append((_Mention(name, None, sent, "county_in" if county else "name"), m.start("city")))
        # spaCy entities come after the patterns: on a tie of weights the first kind found is kept
        for ent in sent.entities:
            if ent.label != "GPE" or tails.match(ctx.text[ent.end : ent.end + 20]) or ctx.is_person(ent.text):
                continue
            if not _no_town(sent, ent.start - sent.start, ent.end - ent.start):
                out.append((_Mention(ent.text, None, sent, "entity"), ent.start - sent.start))
    for name, sent in agency_places:
        out.append((_Mention(name, None, sent, "agency"), 0))
    lo, hi = ctx.outlet
    outlet = geo.city_key(ctx.text[lo:hi])
    head = ctx.text[:_DATELINE_CHARS]
    for m in _DATELINE.finditer(head):
        sent = ctx.sent_at(m.start())
        if sent is not None:
            # "CHICAGO (CBS) — ... in suburban Sauk Village": a TV station's dateline that only repeats its own
            # market ("CBS Chicago") says where the newsroom is, so it counts as a plain mention.
            station = not m.group("state") and outlet and geo.city_key(m.group("city")) in outlet
            kind = "entity" if station else "dateline"
            state = geo.state_code(m.group("state"))
            out.append((_Mention(m.group("city"), state, sent, kind), m.start() - sent.start))
    # A name the story itself calls a neighbourhood ("the Brighton Park neighborhood") is never the city, even
    # where it stands alone ("shot in Brighton Park"): GeoNames lists many neighbourhoods as populated places.
    quarters = {geo.city_key(m.group("city") or m.group("of")) for m in _NEIGHBOURHOOD.finditer(ctx.text)}
    out = [(m, offset) for m, offset in out if not quarters & {geo.city_key(n) for n in _names(m)[:1]}]
    # One name at one place counts once, as its strongest kind (a dateline is also a spaCy entity).
    best: dict[tuple[int, int], tuple[_Mention, int]] = {}
    for m, offset in out:
        key = (m.sent.start + offset, len(m.name))
        if not lo <= key[0] < hi and (key not in best or _WEIGHTS[m.kind] > _WEIGHTS[best[key][0].kind]):
            best[key] = (m, offset)
    return list(best.values())


def _no_town(sent: Sent, offset: int, length: int) -> bool:
    """A colour or a car make before the name: a car model ("a red Chevrolet Malibu", "a stolen Dodge Durango"), no
    town; nor is a street named without its suffix ("the 4100 block of West Harlow", "the intersection of Larkin
    and Tarnow", "southbound on Larkin", "Larkin and Tarnow Street")."""
    before, after = sent.text[max(0, offset - 40) : offset], sent.text[offset + length : offset + length + 60]
    return bool(
        pattern("vehicle_before", 0).search(before[-30:])
        or pattern("street_before").search(before)
        or pattern("street_after", 0).search(after)
    )


@lru_cache(maxsize=1)
def _venue() -> re.Pattern[str]:
    """A town named as the kind of a place where something happened: "at her Randallstown apartment", "outside a
    Dallas nightclub" (place nouns: `data/location.json`, lower-case: "in the Rogers Park area" names no town); a
    possessive is the business's owner or brand, not a town ("inside a Hadley's store")."""
    nouns = "|".join(re.escape(n) for n in sorted(data.load("location")["place_nouns"], key=len, reverse=True))
    return re.compile(
        rf"\b(?i:at|in|inside|outside|near|behind)\s+(?i:a|an|the|his|her|their)\s+(?P<city>{_NAME})(?<!['’]s)\s+"
        rf"(?:{nouns})\b"
    )


def _names(m: _Mention) -> list[str]:
    """Names to try for a mention, longest first. Pattern captures are capitalised runs that may start with other
    words ("Officers Flint, Mich." -> Flint); spaCy entities are whole names, where only directions are dropped
    ("New Orleans East" -> New Orleans; "West Palm Beach" is found before that)."""
    name = re.sub(r"['’]s?$", "", re.sub(r"^(?:the|The)\s+", "", m.name.strip()))
    while _NOT_NAMES.search(name):
        name = _NOT_NAMES.sub("", name)
    out = [name, _DIRECTIONS.sub("", name)]
    if m.kind != "entity":
        words = name.split()
        generic = set(lexicon()["generic_place_words"])
        out[1:1] = [" ".join(words[i:]) for i in range(1, len(words)) if i < len(words) - 1 or words[-1] not in generic]
    out += [n[: -len(" City")] for n in out if n.lower().endswith(" city")]  # "YORK CITY, Pa." is York
    return list(dict.fromkeys(n for n in out if n))


def _unlisted(name: str, state: str | None, state_scores: dict[str, float]) -> geo.City | None:
    """A place the gazetteer cannot confirm, taken as the text writes it: a county ("SCOTT COUNTY, Ky." ->
    Scott County, in the state written or the only/most-mentioned state having that county), or a dateline
    town with its state ("ROSEBUD, Mo. -": a dateline names a place even when it is too small for GeoNames)."""
    county = _COUNTY_NAME.match(name)
    if county:
        base = county.group("name").title() if name.isupper() else county.group("name")
        name = f"{base} {'Parish' if county.group('kind').lower() == 'parish' else 'County'}"
        states = geo.county_states(name) & ({state} if state else set(geo.county_states(name)))
        mentioned = [s for s in states if s in state_scores]
        state = max(mentioned, key=lambda s: state_scores[s]) if mentioned else next(iter(states), None)
        if state is None or (len(states) > 1 and not mentioned):
            return None
    elif not state:
        return None
    centre = geo.locate(None, state)
    lat, lon = centre if centre else (0.0, 0.0)
    return geo.City(name.title() if name.isupper() else name, state, 0, lat, lon)


def _resolve(m: _Mention, state_scores: dict[str, float], settings: Settings) -> geo.City | None:
    names = _names(m)
    if names and m.kind in ("dateline", "name", "county_in") and _COUNTY_NAME.match(names[0]):
        return _unlisted(names[0], m.state, state_scores)
    for name in names:
        if geo.state_code(name) or geo.is_country(name):
            return None  # a state or a country ("Mexico", not Mexico, Mo.), not a city
        found = geo.candidates(name, settings)
        if not found:
            continue
        if m.state:
            in_state = [c for c in found if c.state == m.state]
            if in_state:
                return in_state[0]
            continue  # "ROSEBUD, Mo.": not Rosebud, Texas
        mentioned = [c for c in found if c.state in state_scores]
        if mentioned:
            return max(mentioned, key=lambda c: (state_scores[c.state], c.population))
        # "Police in Wilmington": the town is named even when the text never says which state's
        stateless = geo.City(found[0].name, "", 0, 0.0, 0.0)
        if found[0].population < _SMALL_TOWN and max(state_scores.values(), default=0.0) >= _TOLD_STATE:
            return stateless  # the story's state has a town of that name too small for the gazetteer
        return geo.find_city(name, None, settings) or stateless
    if m.kind == "dateline" and m.name.isupper() and not geo.state_code(m.name):
        return _unlisted(m.name, m.state, state_scores)
    return None


def _regional_states(ctx: Context) -> list[tuple[str, float, Sent]]:
    """States implied by a county that exists in one state only ("Los Angeles County" -> CA) and, weakly, by the
    outlet named after the headline ("... | FOX Wilmington, NC"): enough for a state, never for a city."""
    out = []
    for sent in ctx.sents:
        for m in _COUNTY.finditer(sent.text):
            words = m.group("county").split()
            for i in range(len(words) - 1):  # "Officers Van Buren County": try shorter names
                states = geo.county_states(" ".join(words[i:]))
                if states:
                    if len(states) == 1:
                        mention = _Mention(m.group("county"), next(iter(states)), sent, "county")
                        out.append((mention.state, _weight(mention, m.start()), sent))
                    break
    lo, hi = ctx.outlet
    sent = ctx.sent_at(lo)
    if sent is not None and hi > lo:
        outlet = ctx.text[lo:hi]
        for m in re.finditer(rf"(?P<city>{_NAME}),\s(?P<state>[A-Z]{{2}})\b", outlet):
            code = geo.state_code(m.group("state"))
            if code:
                out.append((code, _WEIGHTS["outlet"], sent))
        for m in re.finditer(_NAME, outlet):
            words = m.group(0).split()
            for n in range(len(words), 0, -1):  # "Los Angeles Times" -> Los Angeles
                city = geo.find_city(" ".join(words[:n]))
                if city:
                    out.append((city.state, _WEIGHTS["outlet"], sent))
                    break
    host_city = geo.city_in_host(ctx.host) if ctx.host and ctx.sents else None
    if host_city is not None:
        out.append((host_city.state, _WEIGHTS["outlet"], ctx.sents[0]))
    return out


class Place(TypedDict, total=False):
    """Where the shooting happened; a key is absent when the text does not support it."""

    city: Fact
    state: Fact  # USPS code


def _words(m: _Mention, offset: int, city: str) -> Span | None:
    """The words naming the city in the mention's sentence: the city's name as written there ("AURORA", "Saint
    Louis"), nearest the mention; None when the sentence names it otherwise ("LAPD", "Philly")."""
    found = list(re.finditer(re.escape(city), m.sent.text, re.IGNORECASE))
    if not found:
        return None
    best = min(found, key=lambda x: abs(x.start() - offset))
    return m.sent.words(best.start(), best.end())


def places(ctx: Context, settings: Settings, agency_places: Iterable[tuple[str, Sent]] = ()) -> Place:
    """The city and state of the shooting, for whatever the text supports."""
    free_state = _state_regexes()[0]
    state_scores: dict[str, float] = defaultdict(float)
    state_sents: dict[str, tuple[float, Sent]] = {}
    lo, hi = ctx.outlet
    for sent in ctx.sents:
        for m in free_state.finditer(sent.text):
            code = geo.state_code(m.group(0).replace("state of ", ""))
            # "... - News for the Southern Plains": an outlet's region weighs as the outlet (_regional_states)
            if code and not lo <= sent.start + m.start() < hi:
                weight = _weight(_Mention(m.group(0), code, sent, "entity"), m.start())
                state_scores[code] += weight
                if weight > state_sents.get(code, (0.0, sent))[0]:
                    state_sents[code] = (weight, sent)
    for code, weight, sent in _regional_states(ctx):
        state_scores[code] += weight
        state_sents.setdefault(code, (0.0, sent))
    mentions = _mentions(ctx, agency_places, settings)
    for m, offset in mentions:
        if m.state:
            state_scores[m.state] += _weight(m, offset)
            state_sents.setdefault(m.state, (0.0, m.sent))
    city_scores: dict[geo.City, float] = defaultdict(float)
    best_mention: dict[geo.City, tuple[float, _Mention, int]] = {}
    for m, offset in mentions:
        city = _resolve(m, state_scores, settings)
        if city is None:
            continue
        weight = _weight(m, offset) * (_STATELESS_DAMP if not city.state else 1.0)
        city_scores[city] += weight
        if city not in best_mention or weight > best_mention[city][0]:
            best_mention[city] = (weight, m, offset)
    out = Place()
    if city_scores:
        city = max(city_scores, key=lambda c: (city_scores[c], c.population))
        _, mention, offset = best_mention[city]
        out["city"] = Fact(city.name, mention.sent.span(), _words(mention, offset, city.name))
        if not city.state:  # a town found in several states: the state stays whatever the text says, if anything
            if state_scores:
                code = max(state_scores, key=lambda c: state_scores[c])
                out["state"] = Fact(code, state_sents[code][1].span())
            return out
        if mention.state == city.state:
            state_sent = mention.sent
        elif city.state in state_sents:
            state_sent = state_sents[city.state][1]
        else:
            state_sent = mention.sent  # the gazetteer names the state of an unambiguous city
        out["state"] = Fact(city.state, state_sent.span())
    elif state_scores:
        code = max(state_scores, key=lambda c: state_scores[c])
        out["state"] = Fact(code, state_sents[code][1].span())
    return out
