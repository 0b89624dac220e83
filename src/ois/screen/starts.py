"""Where a regex match can start: try the regex only there (the same matches as `re`, found faster).

The cue regexes are case-insensitive and begin with \\b and long alternations, so `re` cannot skip ahead and tries
them at every position of a sentence. `lead(pattern)` reads the syntax tree (as `literals.py` does) for literal
strings, each with a distance: every match starting at `s` holds one of the strings (case-folded) at some `s + k`,
`0 <= k <=` its distance ("\\b(?:shot|fired)\\s+at" -> shot: 0, fired: 0; "[A-Z]{1,4}PD|FBI" -> pd: 4, fbi: 0).
A decimal digit (`\\d`: too many strings) is the key `DIGIT` ("\\d+\\s+people|men" -> DIGIT: 0, men: 0). `Starts`
finds the occurrences of the strings in the folded text (one regex, the strings shaped as a trie: `trie`, and `\\d`
for a digit) and runs `pattern.match` only at the positions up to the distance before each of them, in text order,
as it finds them (`search` stops at the first match); without an occurrence there is no match. A match at any
position is a match of `pattern.search` (look-behinds and \\b see the text before the position), and every position
where a match can start is tried in order, so `Starts.finditer` gives the matches of `pattern.finditer`.

The derivation only uses what holds for every match: zero-width items consume nothing, an item without literals
is skipped when its width is bounded (the distance grows by its maximum width), an item that may match empty
adds the strings of what follows it, exact strings are joined to the strings that start the next item, and digits
give DIGIT only when what follows them gives nothing usable. Anything else gives no lead (nor does `^`, or a
one-character string), and `Starts` falls back to `re` itself. Folding is `lower_same_length`, checked
against `re.IGNORECASE` for the characters of these strings and for digits (tests/test_screen_prefilter.py).
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ois.screen.literals import exact_strings, lower_same_length

_MAX_DISTANCE = 12  # more positions to try per occurrence than this: the regex's own scan is about as cheap
_MAX_LITERALS = 96  # more strings than this: scanning for them is not cheaper than the regex itself
_MIN_LENGTH = 2  # a one-character string occurs nearly everywhere: the regex's own scan is cheaper
_BEGINNINGS = {sre.AT_BEGINNING, sre.AT_BEGINNING_STRING}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}

DIGIT = None  # the lead key of `\\d`: a digit, as `re` reads it, starts the string
Lead = dict[str | None, int]  # string (or DIGIT) -> distance: see the module docstring
_DIGIT_ITEM = (sre.IN, [(sre.CATEGORY, sre.CATEGORY_DIGIT)])
_A_DIGIT = re.compile(r"\d")


def _union(a: Lead | None, b: Lead | None) -> Lead | None:
    if a is None or b is None:
        return None
    return {s: max(a.get(s, 0), b.get(s, 0)) for s in a.keys() | b.keys()}


def _shift(lead: Lead | None, by: int) -> Lead | None:
    return {s: d + by for s, d in lead.items()} if lead is not None else None


def _width(state: Any, item: tuple[Any, Any]) -> tuple[int, int | None]:
    """(minimum, maximum or None when unbounded) characters `item` consumes."""
    lo, hi = sre_parse.SubPattern(state, [item]).getwidth()
    return lo, (hi if hi < sre.MAXREPEAT else None)


def _item(state: Any, op: Any, av: Any) -> Lead | None:
    """The lead of every non-empty match of one item (an item that may match empty is the caller's concern)."""
    if op is sre.SUBPATTERN:
        return _sequence(state, av[3])
    if op is sre.ATOMIC_GROUP:
        return _sequence(state, av)
    if op is sre.BRANCH:
        leads = [_sequence(state, alt) for alt in av[1]]
        result = leads[0]
        for other in leads[1:]:
            result = _union(result, other)
        return result
    if op in _REPEATS and av[1] > 0:
        return _sequence(state, av[2])  # the first repetition starts the match
    if (op, av) == _DIGIT_ITEM:
        return {DIGIT: 0}
    return None


def _sequence(state: Any, items: list[tuple[Any, Any]]) -> Lead | None:
    offset = 0  # the most characters the items before the current one can consume
    for i, item in enumerate(items):
        if item[0] is sre.AT and item[1] in _BEGINNINGS and not state.flags & re.MULTILINE:
            return None  # a match starts at the text's start only: `re` itself tries no other position
        strings, count = _exact_run(items[i:])
        if count:
            found = {s: offset for s in strings if s} or None
            if "" not in strings:
                return _joined(state, strings, items[i + count :], offset) or found
            rest = _shift(_sequence(state, items[i + count :]), offset)  # the run may match empty
            return rest if found is None else _union(found, rest)
        lo, hi = _width(state, item)
        own = _item(state, *item)
        if own == {DIGIT: 0} and hi is not None:  # digits only: the strings after them find fewer positions
            after = _shift(_sequence(state, items[i + 1 :]), offset + hi)
            if _usable(after):
                return after
        if own is not None:
            own = _shift(own, offset)
            return own if lo > 0 else _union(own, _shift(_sequence(state, items[i + 1 :]), offset))
        if hi is None:
            return None
        offset += hi
    return None


def _joined(state: Any, strings: frozenset[str], after: list[tuple[Any, Any]], offset: int) -> Lead | None:
    """The exact strings followed by those that start every match of the next item ("n(?:ot|ever|o\\s+one)" ->
    not, never, no), when that item cannot match empty and its strings lie at its start; else None."""
    if not after or _width(state, after[0])[0] == 0:
        return None
    own = _item(state, *after[0])
    if not own or DIGIT in own or any(own.values()) or len(strings) * len(own) > _MAX_LITERALS:
        return None
    return {a + b: offset for a in strings for b in own if b is not None}


def _exact_run(items: list[tuple[Any, Any]]) -> tuple[frozenset[str], int]:
    """The strings the leading items with exact strings match together, and how many items that is (0: none)."""
    run: frozenset[str] = frozenset({""})
    count = 0
    for op, av in items:
        strings = exact_strings(op, av)
        if strings is None or len(run) * len(strings) > _MAX_LITERALS:
            break
        run = frozenset(a + b for a in run for b in strings)
        count += 1
    return run, count


def lead(pattern: re.Pattern[str], min_length: int = _MIN_LENGTH) -> Lead | None:
    """The strings and their distances for `pattern` (see the module docstring), or None when the tree gives none
    (or too many strings, or too long a distance, to be worth it)."""
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    found = _sequence(tree.state, tree.data)
    return found if _usable(found) and all(s is None or len(s) >= min_length for s in found) else None


def _usable(found: Lead | None) -> bool:
    return bool(found) and len(found) <= _MAX_LITERALS and max(found.values()) <= _MAX_DISTANCE


def trie(strings: Iterable[str]) -> str:
    """An alternation of the non-empty `strings` shaped as a trie (shot, shots, shooting -> "sho(?:oting|t(?:s)?)"):
    `re` tries the branches of an alternation one after the other at every position, so a flat alternation of many
    strings costs a comparison per string per position, the trie about one per character. Greedy optional tails
    make the match at a position the longest of the strings there, as a longest-first flat alternation does."""
    unique = set(strings)
    heads: dict[str, list[str]] = {}
    for string in sorted(unique - {""}):
        heads.setdefault(string[0], []).append(string[1:])
    branches = [re.escape(head) + trie(tails) for head, tails in heads.items()]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in unique else body


@dataclass(frozen=True)
class Starts:
    """`pattern.finditer` and `pattern.search` tried only where a match can start (see the module docstring)."""

    pattern: re.Pattern[str]
    finder: re.Pattern[str] | None  # the lead strings as a case-sensitive trie: the longest one at a position
    back: dict[str, int]  # found string -> how far before it to try: the largest distance of its prefixes
    digit: int = 0  # how far before a digit found as itself (not as the start of a string) to try

    @classmethod
    def of(cls, pattern: re.Pattern[str], min_length: int = _MIN_LENGTH) -> Starts:
        found = lead(pattern, min_length)
        if found is None:
            return cls(pattern, None, {})
        strings = [s for s in found if s is not None]
        digit = found.get(DIGIT)
        # the finder reports the longest string at a position; the shorter ones there are its prefixes (a digit
        # is the prefix of a string that starts with one; a digit that starts no string is found as itself)
        back = {
            s: max(d for t, d in found.items() if (_A_DIGIT.match(s) if t is None else s.startswith(t)))
            for s in strings
        }
        finder = "|".join(filter(None, [trie(strings), r"\d" if digit is not None else ""]))
        return cls(pattern, re.compile(finder), back, digit or 0)

    def finditer(self, text: str, folded: str | None = None) -> Iterator[re.Match[str]]:
        """The matches of `pattern.finditer(text)`; `folded` is `lower_same_length(text)` if known. Every position
        a match can start at is tried once, in order, while the strings are found (the text after the last match
        needed is not scanned)."""
        folded = lower_same_length(text) if folded is None else folded
        if self.finder is None or len(folded) != len(text):
            return self.pattern.finditer(text)
        return self.matches_at(text, self.occurrences(folded))

    def occurrences(self, folded: str) -> Iterator[tuple[int, str]]:
        """Each position of the folded text where a lead string starts, in order, with the longest string there
        (the finder's match; `Starts` with the same strings share these)."""
        if self.finder is None:
            return
        at = self.finder.search(folded)
        while at is not None:
            yield at.start(), at.group()
            at = self.finder.search(folded, at.start() + 1)

    def matches_at(self, text: str, occurrences: Iterable[tuple[int, str]]) -> Iterator[re.Match[str]]:
        """The matches of `pattern.finditer(text)`, given the `occurrences` of the lead strings in the folded text.
        A pattern with a lead cannot match the empty string, so the next match starts at or after the end of the
        last one."""
        end = 0  # no match starts before the end of the last one
        tried = 0  # the positions before this one were tried
        for where, string in occurrences:
            for start in range(max(tried, end, where - self.back.get(string, self.digit)), where + 1):
                if start >= end and (found := self.pattern.match(text, start)):
                    yield found
                    end = found.end()
            tried = where + 1

    def search(self, text: str, folded: str | None = None) -> bool:
        """Whether `pattern.search(text)` matches: whether `finditer` has a first match, found as `matches_at` finds
        it but without its generators (this is the screen's most frequent call)."""
        if self.finder is None:
            return self.pattern.search(text) is not None
        folded = lower_same_length(text) if folded is None else folded
        if len(folded) != len(text):
            return self.pattern.search(text) is not None
        back, digit, match, find = self.back, self.digit, self.pattern.match, self.finder.search
        tried = 0  # the positions before this one were tried
        at = find(folded)
        while at is not None:
            where = at.start()
            for start in range(max(tried, where - back.get(at.group(), digit)), where + 1):
                if match(text, start):
                    return True
            tried = where + 1
            at = find(folded, tried)
        return False
