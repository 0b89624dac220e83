"""The screening lexicon (`data/screen_cues.json`) compiled: cues, vetoes, scope markers, officer names.

The JSON form is documented in the file's own "about" entry. Compiling checks what a lexicon editor can get wrong
(an unknown macro, a bad regex, a direction or scope that does not exist) and says what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ois import data

DIRECTIONS = ("police_fired", "shot_at_police", "both", None)
MARKER_PLACES = ("headline", "body", "url")
_MACRO = re.compile(r"\{([A-Z]+)\}")

Matches = Callable[[re.Pattern[str], str], bool]  # does a regex of the lexicon match somewhere in a text


def search(regex: re.Pattern[str], text: str) -> bool:
    """`Matches` by `re` itself (the prefilter's `search` gives the same answers, faster)."""
    return regex.search(text) is not None


@dataclass(frozen=True)
class CueRule:
    name: str
    weight: float
    direction: str | None
    gates: tuple[str, ...]  # names of keyword gates the sentence must match too
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Guarded:
    """A named regex that does not apply when its `unless` regex also matches."""

    name: str
    regex: re.Pattern[str]
    unless: re.Pattern[str] | None = None

    def applies(self, text: str, matches: Matches = search) -> bool:
        return matches(self.regex, text) and not (self.unless is not None and matches(self.unless, text))


class Veto(Guarded):
    """Drops every positive cue of the sentence it applies to (negation, hypotheticals, less-lethal weapons ...)."""


@dataclass(frozen=True, kw_only=True)
class ScopeMarker(Guarded):
    """Evidence that an article is not one incident report: a roundup, an opinion piece, an accident."""

    scope: str
    where: str  # "headline", "body" (counted per sentence) or "url"


@dataclass(frozen=True)
class Lexicon:
    gates: dict[str, re.Pattern[str]]
    cues: tuple[CueRule, ...]
    vetoes: tuple[Veto, ...]
    scopes: dict[str, str]  # scope name -> the reason a user reads ("a roundup of several shootings ...")
    markers: tuple[ScopeMarker, ...]
    foreign_places: dict[str, re.Pattern[str]]  # "dateline" / "headline": group "place" (and "country") to look up
    abbreviations: frozenset[str]
    officer_name: re.Pattern[str] | None  # group 1 = the surname of a titled officer ("Officer Jane Roe")
    alias: str  # what an officer's bare surname is read as in later sentences ("Roe fired" -> "officer fired")
    not_names: frozenset[str]

    def direction_of(self, name: str) -> str | None:
        return next((rule.direction for rule in self.cues if rule.name == name), None)


def _expand(pattern: str, macros: dict[str, str]) -> str:
    def sub(m: re.Match[str]) -> str:
        if m.group(1) not in macros:
            raise ValueError(f"screen lexicon: unknown macro {{{m.group(1)}}} in {pattern[:60]!r}")
        return macros[m.group(1)]

    return _MACRO.sub(sub, pattern)


def _compile(name: str, pattern: str, macros: dict[str, str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    try:
        return re.compile(_expand(pattern, macros), flags)
    except re.error as exc:
        raise ValueError(f"screen lexicon: {name!r} has a bad regex ({exc}); fix data/screen_cues.json") from exc


def _cue(row: dict[str, Any], macros: dict[str, str], gates: dict[str, re.Pattern[str]]) -> CueRule:
    name, direction, cue_gates = row["name"], row.get("direction"), tuple(row.get("gates", ()))
    if direction not in DIRECTIONS:
        raise ValueError(f"screen lexicon: cue {name!r} has direction {direction!r}; use {DIRECTIONS}")
    if unknown := set(cue_gates) - set(gates):
        raise ValueError(f"screen lexicon: cue {name!r} uses unknown gates {sorted(unknown)}")
    return CueRule(name, float(row["weight"]), direction, cue_gates, _compile(name, row["pattern"], macros))


def _guarded(row: dict[str, Any], macros: dict[str, str]) -> tuple[str, re.Pattern[str], re.Pattern[str] | None]:
    name = row["name"]
    unless = _compile(name, row["unless"], macros) if row.get("unless") else None
    return name, _compile(name, row["pattern"], macros), unless


def _marker(row: dict[str, Any], macros: dict[str, str], scopes: dict[str, str]) -> ScopeMarker:
    name, scope, where = row["name"], row["scope"], row["where"]
    if scope not in scopes:
        raise ValueError(
            f"screen lexicon: marker {name!r} has scope {scope!r}; add it to 'scopes' or use {list(scopes)}"
        )
    if where not in MARKER_PLACES:
        raise ValueError(f"screen lexicon: marker {name!r} is matched in {where!r}; use one of {MARKER_PLACES}")
    return ScopeMarker(*_guarded(row, macros), scope=scope, where=where)


def lexicon_from_dict(raw: dict[str, Any]) -> Lexicon:
    """Compile a lexicon dict (the JSON form of `data/screen_cues.json`)."""
    macros: dict[str, str] = {}
    for key, value in raw.get("macros", {}).items():  # a macro may use the macros defined before it
        macros[key] = _expand(value, macros)
    gates = {name: _compile(name, pattern, macros) for name, pattern in raw.get("gates", {}).items()}
    cues = tuple(_cue(row, macros, gates) for row in raw["cues"])
    vetoes = tuple(Veto(*_guarded(row, macros)) for row in raw.get("vetoes", ()))
    scopes = dict(raw.get("scopes", {}))
    markers = tuple(_marker(row, macros, scopes) for row in raw.get("scope_markers", ()))
    places = raw.get("foreign_places", {})
    foreign = {w: _compile(f"foreign_places.{w}", places[w], macros) for w in ("dateline", "headline") if w in places}
    abbreviations = frozenset(a.lower() for a in raw.get("abbreviations", ()))
    names = raw.get("officer_names", {})
    officer_name = _compile("officer_names", names["pattern"], macros, flags=0) if names else None  # case matters
    not_names = frozenset(w.lower() for w in names.get("not_names", ()))
    alias = names.get("alias", "officer")
    return Lexicon(gates, cues, vetoes, scopes, markers, foreign, abbreviations, officer_name, alias, not_names)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, compiled once per process."""
    return lexicon_from_dict(data.load("screen_cues"))
