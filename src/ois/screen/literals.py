"""Which words a regex needs: a necessary condition on the text, derived from the regex itself.

`requirement(pattern)` reads a compiled pattern's syntax tree (`re._parser`, the parser `re.compile` itself uses)
and returns a `Requirement`: a conjunction of clauses, each a set of literal strings of which at least one occurs in
every string the pattern can match. "shot by police" needs {shot, shooting, fired, ...} and {by} and {police,
officer, deput, ...}. The derivation only ever forgets constraints, never invents them:

- zero-width items (\\b, ^, $, look-arounds) are dropped: their conditions are ignored, not assumed;
- a character class bigger than `_MAX_CLASS` characters (\\w, [^.;], ...) is "any character";
- sets of alternative strings are kept exactly while they stay small (`_MAX_EXACT`), then cut into clauses;
- a repeat that may match zero times requires nothing; backreferences and conditionals require nothing;
- every literal is cut down to its longest run of word characters ("det." -> "det", "shoot-out" -> "shoot"): any
  part of a required string is required too. A word-only literal lies inside one word of the text, so a condition
  that holds for a sentence holds for any text containing it, and an officer's surname read as "officer" (see
  `cues.find_cues`) can only add the literals inside the alias word.

Literals are case-folded (`fold`) so that a text folded the same way contains a literal whenever the original text
matches it case-insensitively (Python's `re.IGNORECASE` rules, including its few non-ASCII equivalences).
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import product
from math import prod
from typing import Any

_MAX_EXACT = 64  # alternative strings tracked exactly before they are cut into clauses
_MAX_CLASS = 12  # a character class with more members is treated as "any character"
_MAX_CLAUSES = 24  # clauses kept per item, the rarest-looking first (any subset of the clauses is implied by them)
_MAX_COMBOS = 4096  # alternatives' clauses are multiplied out while there are at most this many combinations
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}

# Characters that `re.IGNORECASE` matches with an ASCII letter but `str.lower` does not turn into it (or turns into
# two characters): dotted/dotless i, long s, Kelvin sign. tests/test_screen_prefilter.py checks this table against
# every code point.
_FOLD_EXTRA = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
FOLDS_TO_ASCII = frozenset(_FOLD_EXTRA)  # their code points
_WORD = re.compile(r"\w+")
_EXTRA = "".join(map(chr, FOLDS_TO_ASCII))  # and the characters


def lower_same_length(text: str) -> str:
    """Lower-case `text` keeping its length, so that folded literals are found in it wherever the regex matched."""
    # `in` per character (a `memchr` each) is 10x faster than searching for their class on a non-ASCII text
    if not text.isascii() and any(map(text.__contains__, _EXTRA)):
        text = text.translate(_FOLD_EXTRA)
    return text.lower()


Clause = frozenset[str]  # at least one of these literals occurs


@dataclass(frozen=True)
class Requirement:
    """All clauses must hold; no clauses = no constraint (the pattern could match anything)."""

    clauses: frozenset[Clause]

    @property
    def literals(self) -> frozenset[str]:
        return frozenset().union(*self.clauses)


@dataclass(frozen=True)
class _Info:
    exact: frozenset[str] | None  # every match is one of these strings (None: unknown / too many)
    clauses: frozenset[Clause]  # every match contains a literal of each clause


_ANY = _Info(None, frozenset())
_EMPTY = _Info(frozenset({""}), frozenset())


@cache
def _word_run(text: str) -> str:
    runs = _WORD.findall(text)
    return max(runs, key=len) if runs else ""


def _clause(strings: Iterable[str]) -> Clause | None:
    """A clause from alternative strings, or None when one of them has no word character (no constraint)."""
    words = sorted({_word_run(s) for s in strings}, key=len)
    if not words or not words[0]:
        return None
    kept: list[str] = []
    for word in words:  # "fire" covers "fired": shorter words first
        if not any(short in word for short in kept):
            kept.append(word)
    return frozenset(kept)


def _implies(strong: Clause, weak: Clause) -> bool:
    """Every literal of `strong` contains a literal of `weak`: wherever `strong` holds, `weak` holds."""
    return all(any(w in s for w in weak) for s in strong)


def _simplify(clauses: Iterable[Clause]) -> frozenset[Clause]:
    """The `_MAX_CLAUSES` most selective-looking clauses, dropping those implied by a kept one ({fire} makes
    {fire, shot} redundant)."""
    kept: list[Clause] = []
    for clause in sorted(set(clauses), key=_rarity):
        if not any(_implies(strong, clause) for strong in kept):
            kept.append(clause)
            if len(kept) == _MAX_CLAUSES:
                break
    return frozenset(kept)


def _rarity(clause: Clause) -> tuple[int, int, list[str]]:
    """Sort key, most selective first: long words are rare words ("gunfire" before "at"), few of them is better."""
    return (-min(map(len, clause)), len(clause), sorted(clause))


def _with_exact(exact: frozenset[str], clauses: Iterable[Clause] = ()) -> _Info:
    own = _clause(exact)
    return _Info(exact, _simplify([*clauses, *([own] if own else [])]))


def _char_class(items: list[tuple[Any, Any]]) -> _Info:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(lower_same_length(chr(av)))
        elif op is sre.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(lower_same_length(chr(c)) for c in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY (\w, \s, ...), big ranges
            return _ANY
        if len(chars) > _MAX_CLASS:
            return _ANY
    return _with_exact(frozenset(chars))


def _either(infos: list[_Info]) -> _Info:
    """Alternatives: exact while small; else the clauses every alternative implies, and the unions of one clause
    per alternative (each alternative satisfies its part), for every choice of clauses while the choices are few."""
    if all(i.exact is not None for i in infos):
        union = frozenset().union(*(i.exact for i in infos if i.exact is not None))
        if len(union) <= _MAX_EXACT:
            return _with_exact(union)
    if any(not i.clauses for i in infos):
        return _ANY
    first, *others = infos
    common = [c for c in first.clauses if all(any(_implies(d, c) for d in o.clauses) for o in others)]
    options = [sorted(i.clauses, key=_rarity) for i in infos]
    while prod(len(o) for o in options) > _MAX_COMBOS:  # drop the least selective clause of the longest list
        max(options, key=len).pop()
    merged = {frozenset().union(*combo) for combo in product(*options)}
    return _Info(None, _simplify([*common, *(c for c in map(_clause, merged) if c)]))


def _repeat(lo: int, hi: int, item: _Info) -> _Info:
    if hi == 0:
        return _EMPTY
    if lo == hi == 1:
        return item
    if lo == 0:
        return _with_exact(item.exact | {""}) if hi == 1 and item.exact is not None else _ANY
    return _Info(None, item.clauses)


def _node(op: Any, av: Any) -> _Info:
    if op is sre.LITERAL:
        return _with_exact(frozenset({lower_same_length(chr(av))}))
    if op is sre.IN:
        return _char_class(av)
    if op in _ZERO_WIDTH:
        return _EMPTY
    if op is sre.SUBPATTERN:
        return _sequence(av[3])
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op is sre.BRANCH:
        return _either([_sequence(alt) for alt in av[1]])
    if op in _REPEATS:
        return _repeat(av[0], av[1], _sequence(av[2]))
    return _ANY  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, GROUPREF_EXISTS, ...


def _sequence(items: Any) -> _Info:
    """Concatenation: exact strings multiply out while few; an unknown item or too many strings cuts the run so far
    into a clause and starts a new one."""
    run: frozenset[str] | None = frozenset({""})  # the exact strings of the items since the last cut
    clauses: list[Clause] = []
    whole = True  # no cut yet: the run is the exact language of the sequence

    def cut() -> None:
        nonlocal whole
        whole = False
        if run is not None and (own := _clause(run)):
            clauses.append(own)

    for op, av in items:
        info = _node(op, av)
        if info.exact is None:
            clauses.extend(info.clauses)
            cut()
            run = None
        elif run is None:
            run = info.exact
        elif len(run) * len(info.exact) > _MAX_EXACT:
            cut()
            run = info.exact
        else:
            run = frozenset(a + b for a in run for b in info.exact)
    if whole and run is not None:
        return _with_exact(run)
    cut()
    return _Info(None, _simplify(clauses))


def requirement(pattern: re.Pattern[str]) -> Requirement:
    """The literal clauses every match of `pattern` satisfies (compiled with the pattern's own flags)."""
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    return Requirement(_sequence(tree.data).clauses)


def exact_strings(op: Any, av: Any) -> frozenset[str] | None:
    """Every string one syntax-tree item can match, case-folded, while there are few (else None): the `exact` of
    `_node` without the work of its clauses."""
    if op is sre.LITERAL:
        return frozenset({lower_same_length(chr(av))})
    if op is sre.IN:
        return _char_class(av).exact
    if op in _ZERO_WIDTH:
        return frozenset({""})
    if op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
        return _exact_sequence(av[3] if op is sre.SUBPATTERN else av)
    if op is sre.BRANCH:
        alternatives = [_exact_sequence(alt) for alt in av[1]]
        union = frozenset().union(*(a for a in alternatives if a is not None))
        return union if None not in alternatives and len(union) <= _MAX_EXACT else None
    if op in _REPEATS and (av[1] == 0 or av[:2] in ((1, 1), (0, 1))):
        inner = _exact_sequence(av[2]) if av[1] else frozenset({""})
        return inner | {""} if inner is not None and av[0] == 0 else inner
    return None


def _exact_sequence(items: Any) -> frozenset[str] | None:
    run = frozenset({""})
    for op, av in items:
        strings = exact_strings(op, av)
        if strings is None or len(run) * len(strings) > _MAX_EXACT:
            return None
        run = frozenset(a + b for a in run for b in strings)
    return run
