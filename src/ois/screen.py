"""Screen: is this article a report of one specific officer-involved shooting (OIS)?

Fast by design (no spaCy; several hundred news articles per second on one core): the text is cut into sentences
with a regex, and each sentence is matched against the cue lexicon in `data/screen_cues.json`. A cue is a named
regex with a weight and a direction (police fired / someone shot at police / both). The score is the sum of the
weights of the cues that fired, with extra hits of the same cue worth less and headline hits worth more; the
article is an OIS report when the score reaches `settings.screen_threshold`.

Why sentence-level regexes: the decisive signal is a police actor tied to a firing verb in one clause
("deputies opened fire", "shot by police", "fired at officers"). The far more common crime story in which police
only *report* a civilian shooting ("police said the man was shot") never ties the two together, so it scores 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ois import data
from ois.models import Article, Cue, Screening, Span
from ois.settings import Settings

_DIRECTIONS = ("police_fired", "shot_at_police", "both", None)
_MACRO = re.compile(r"\{([A-Z]+)\}")
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[^a-z0-9])|\n+")  # "Jan. 17" and "p.m. on" go on
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@dataclass(frozen=True)
class _CueRule:
    name: str
    weight: float
    direction: str | None
    gates: tuple[str, ...]  # names of cheap prefilters the sentence must match first
    regex: re.Pattern[str]


@dataclass(frozen=True)
class _Veto:
    name: str
    regex: re.Pattern[str]
    unless: re.Pattern[str] | None  # the veto does not apply when this also matches the sentence

    def applies(self, sentence: str) -> bool:
        return bool(self.regex.search(sentence)) and not (self.unless and self.unless.search(sentence))


@dataclass(frozen=True)
class Lexicon:
    gates: dict[str, re.Pattern[str]]
    cues: tuple[_CueRule, ...]
    vetoes: tuple[_Veto, ...]
    abbreviations: frozenset[str]
    officer_name: re.Pattern[str] | None  # group 1 = the surname of a titled officer ("Officer Jane Roe")
    alias: str  # what an officer's bare surname is read as in later sentences ("Roe fired" -> "officer fired")
    not_names: frozenset[str]


def _expand(pattern: str, macros: dict[str, str]) -> str:
    def sub(m: re.Match[str]) -> str:
        if m.group(1) not in macros:
            raise ValueError(f"screen lexicon: unknown macro {{{m.group(1)}}} in {pattern[:60]!r}")
        return macros[m.group(1)]

    return _MACRO.sub(sub, pattern)


def _compile(name: str, pattern: str, macros: dict[str, str]) -> re.Pattern[str]:
    try:
        return re.compile(_expand(pattern, macros), re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"screen lexicon: cue {name!r} has a bad regex ({exc}); fix data/screen_cues.json") from exc


def lexicon_from_dict(raw: dict[str, Any]) -> Lexicon:
    """Compile a lexicon dict (the JSON form of `data/screen_cues.json`)."""
    macros: dict[str, str] = {}
    for key, value in raw.get("macros", {}).items():  # a macro may use the macros defined before it
        macros[key] = _expand(value, macros)
    gates = {name: _compile(name, pattern, macros) for name, pattern in raw.get("gates", {}).items()}
    cues = []
    for row in raw["cues"]:
        name, direction, cue_gates = row["name"], row.get("direction"), tuple(row.get("gates", ()))
        if direction not in _DIRECTIONS:
            raise ValueError(f"screen lexicon: cue {name!r} has direction {direction!r}; use {_DIRECTIONS}")
        if unknown := set(cue_gates) - set(gates):
            raise ValueError(f"screen lexicon: cue {name!r} uses unknown gates {sorted(unknown)}")
        regex = _compile(name, row["pattern"], macros)
        cues.append(_CueRule(name, float(row["weight"]), direction, cue_gates, regex))
    vetoes = tuple(
        _Veto(
            v["name"],
            _compile(v["name"], v["pattern"], macros),
            _compile(v["name"], v["unless"], macros) if v.get("unless") else None,
        )
        for v in raw.get("vetoes", ())
    )
    abbreviations = frozenset(a.lower() for a in raw.get("abbreviations", ()))
    names = raw.get("officer_names", {})
    officer_name = re.compile(_expand(names["pattern"], macros)) if names else None  # case matters: names
    not_names = frozenset(w.lower() for w in names.get("not_names", ()))
    return Lexicon(gates, tuple(cues), vetoes, abbreviations, officer_name, names.get("alias", "officer"), not_names)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, compiled once per process."""
    return lexicon_from_dict(data.load("screen_cues"))


def sentences(text: str, abbreviations: frozenset[str] = frozenset()) -> Iterator[Span]:
    """Split text into sentence spans (offsets into `text`) at line breaks and at . ! ? followed by space.

    A period after a known abbreviation ("Sgt.", "U.S.") or a single capital initial does not end a sentence.
    """
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith(".") and "\n" not in m.group():
            before = _WORD_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
            word = before.group(1).lower() if before else ""
            if word in abbreviations or (len(word) == 1 and word.isalpha()):
                continue
        yield from _trimmed(text, start, m.end())
        start = m.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[Span]:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        offset = start + piece.find(stripped)
        yield Span(offset, offset + len(stripped), stripped)


def _headline_end(text: str) -> int:
    """Offset where the headline (the first paragraph of an article's text) ends."""
    first = text.lstrip()
    lead = len(text) - len(first)
    newline = first.find("\n")
    return lead + (newline if newline >= 0 else len(first))


def find_cues(article: Article, lexicon: Lexicon | None = None, max_chars: int | None = None) -> list[Cue]:
    """Every cue hit in the article (its first `max_chars` characters), in text order, with sentence evidence.

    Speed: gates (keyword prefilters) and gate-less cues are first tried on the whole text, so most sentences of
    most articles are never matched against a cue pattern; vetoes are only checked where a positive cue could fire.
    """
    lexicon = lexicon or load_lexicon()
    text = article.text[:max_chars]
    aliases = _officer_aliases(text[_headline_end(text) :], lexicon)
    whole = aliases.sub(lexicon.alias, text) if aliases else text
    live_gates = {name: regex for name, regex in lexicon.gates.items() if regex.search(whole)}
    rules = [r for r in lexicon.cues if set(r.gates) <= live_gates.keys() and (r.gates or r.regex.search(whole))]
    if not rules:
        return []
    found = []
    for sent in sentences(text, lexicon.abbreviations):
        # cues see officers' surnames as the alias word; the evidence stays the original sentence
        seen = aliases.sub(lexicon.alias, sent.text) if aliases else sent.text
        passed = {name for name, regex in live_gates.items() if regex.search(seen)}
        vetoed: bool | None = None  # computed on first need
        for rule in rules:
            if not passed.issuperset(rule.gates):
                continue
            if rule.weight > 0:
                if vetoed is None:
                    vetoed = any(veto.applies(seen) for veto in lexicon.vetoes)
                if vetoed:
                    continue
            if rule.regex.search(seen):
                found.append(Cue(rule.name, rule.weight, sent))
    return found


def _officer_aliases(text: str, lexicon: Lexicon) -> re.Pattern[str] | None:
    """A regex of the surnames `text` gives officers ("Officer Quincy Smith" -> Smith), or None.

    News copy names an officer once with a title and then by surname only ("Orr fired eight shots at Smith");
    reading those surnames as "officer" lets the ordinary cues see who was shot and who fired. Names come from the
    body only: Title Case Headlines make every word look like a name."""
    if lexicon.officer_name is None:
        return None
    names = {m.group(1) for m in lexicon.officer_name.finditer(text)}
    names = sorted(n for n in names if n.lower() not in lexicon.not_names)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None


def _score(cues: list[Cue], headline_end: int, settings: Settings) -> tuple[float, dict[str, float]]:
    """Sum cue weights: repeats of a cue add `screen_repeat_factor` of its weight (at most
    `screen_max_repeats` repeats; negative cues count once); a headline hit is worth `screen_headline_factor`."""
    score = 0.0
    by_name: dict[str, float] = {}
    seen: dict[str, int] = {}
    for cue in cues:
        n = seen.get(cue.name, 0)
        seen[cue.name] = n + 1
        if n and (cue.weight < 0 or n > settings.screen_max_repeats):
            continue
        value = cue.weight * (settings.screen_repeat_factor if n else 1.0)
        if cue.weight > 0 and cue.evidence.start < headline_end:
            value *= settings.screen_headline_factor
        score += value
        by_name[cue.name] = by_name.get(cue.name, 0.0) + value
    return score, by_name


def _direction_weight(cues: list[Cue], lexicon: Lexicon, direction: str) -> float:
    directions = {rule.name: rule.direction for rule in lexicon.cues}
    return sum(c.weight for c in cues if directions.get(c.name) in (direction, "both"))


def screen(article: Article, settings: Settings) -> Screening:
    """Score an article against the cue lexicon and decide whether it reports one specific OIS."""
    lexicon = load_lexicon()
    cues = find_cues(article, lexicon, settings.max_article_chars)
    score, by_name = _score(cues, _headline_end(article.text), settings)
    is_ois = score >= settings.screen_threshold
    police_fired = is_ois and _direction_weight(cues, lexicon, "police_fired") >= settings.screen_direction_min
    shot_at_police = is_ois and _direction_weight(cues, lexicon, "shot_at_police") >= settings.screen_direction_min
    return Screening(
        article_id=article.id,
        is_ois=is_ois,
        score=round(score, 3),
        cues=tuple(cues),
        police_fired=police_fired,
        shot_at_police=shot_at_police,
        reason=_reason(is_ois, score, by_name, police_fired, shot_at_police, settings.screen_threshold),
    )


def _reason(
    is_ois: bool, score: float, by_name: dict[str, float], police_fired: bool, shot_at_police: bool, threshold: float
) -> str:
    ranked = sorted(by_name.items(), key=lambda kv: -abs(kv[1]))
    named = ", ".join(f"{name} ({value:+.1f})" for name, value in ranked[:4]) or "no police-shooting cue"
    if not is_ois:
        return f"not OIS: score {score:.1f} < {threshold:g}; {named}"
    who = " and ".join(w for w, on in (("police fired", police_fired), ("shot at police", shot_at_police)) if on)
    return f"OIS ({who or 'direction unclear'}): score {score:.1f} >= {threshold:g}; {named}"
