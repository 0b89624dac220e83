"""Sentence-level cue matching: split the text into sentences, read officers' surnames as "officer", and match
every sentence against the cues of the lexicon (vetoes drop the positive cues of a sentence).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from ois.models import Article, Cue, Span
from ois.screen.lexicon import CueRule, Lexicon, Matches, load_lexicon, search
from ois.screen.literals import lower_same_length
from ois.screen.plain import plain

if TYPE_CHECKING:
    from ois.screen.prefilter import Holders, Prefilter, Reading

# a sentence ends at . ! ? followed by space and no lower-case letter or digit ("Jan. 17" and "p.m. on" go on), or at
# line breaks; written to begin with one character class, which `re` skips through instead of trying every position
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"'”’)\]]*\s+(?=[^a-z0-9])|(?<=\n)\n*)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def sentence_bounds(text: str, abbreviations: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, white space trimmed (see `sentences`)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        cut = m.start()
        if text[cut] == "." and "\n" not in m.group():
            before = _WORD_BEFORE.search(text, max(0, cut - 12), cut)
            word = before.group(1).lower() if before else ""
            if word in abbreviations or (len(word) == 1 and word.isalpha()):
                continue
        _add_trimmed(bounds, text, start, start := m.end())
    _add_trimmed(bounds, text, start, len(text))
    return bounds


def sentences(text: str, abbreviations: frozenset[str] = frozenset()) -> Iterator[Span]:
    """Split text into sentence spans (offsets into `text`) at line breaks and at . ! ? followed by space.

    A period after a known abbreviation ("Sgt.", "U.S.") or a single capital initial does not end a sentence.
    """
    return (Span(start, end, text[start:end]) for start, end in sentence_bounds(text, abbreviations))


def _add_trimmed(bounds: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Add `text[start:end]` without its surrounding white space, unless that is all it holds."""
    piece = text[start:end]
    if left := piece.lstrip():
        bounds.append((end - len(left), start + len(piece.rstrip())))


def headline_end(text: str) -> int:
    """Offset where the headline (the first paragraph of an article's text) ends."""
    first = text.lstrip()
    lead = len(text) - len(first)
    newline = first.find("\n")
    return lead + (newline if newline >= 0 else len(first))


def officer_aliases(
    text: str, lexicon: Lexicon, prefilter: Prefilter | None = None, holders: Holders | None = None, start: int = 0
) -> re.Pattern[str] | None:
    """A regex of the surnames `text[start:]` gives officers ("Officer Quincy Smith" -> Smith), or None (see
    `officer_surnames`)."""
    return _aliases(officer_surnames(text, lexicon, prefilter, holders, start))


def officer_surnames(
    text: str, lexicon: Lexicon, prefilter: Prefilter | None = None, holders: Holders | None = None, start: int = 0
) -> list[str]:
    """The surnames `text[start:]` gives officers, sorted (`holders`: `prefilter.holders(prefilter.read(text))`, if
    known).

    News copy names an officer once with a title and then by surname only ("Orr fired eight shots at Smith");
    reading those surnames as "officer" lets the ordinary cues see who was shot and who fired. Names come from the
    body only (`start`: where it starts): Title Case Headlines make every word look like a name."""
    if lexicon.officer_name is None:
        return []
    if prefilter:
        matches = prefilter.officer_names(text, holders, start)
    else:
        matches = lexicon.officer_name.finditer(text[start:])
    names = {m.group(1) for m in matches}
    return sorted(n for n in names if n.lower() not in lexicon.not_names)


def _aliases(names: list[str]) -> re.Pattern[str] | None:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None


def find_cues(
    article: Article, lexicon: Lexicon | None = None, max_chars: int | None = None, prefilter: Prefilter | None = None
) -> list[Cue]:
    """Every cue hit in the article (its first `max_chars` characters), in text order, with sentence evidence.

    With a `prefilter`, a sentence is only matched against the cues whose literal words it contains (the same hits,
    found faster); without, against every cue whose gates match the whole text (the reference path)."""
    lexicon = lexicon or load_lexicon()
    text = article.text[:max_chars]
    bounds = sentence_bounds(text, lexicon.abbreviations)
    return cues_in(text, bounds, lexicon, prefilter, prefilter.read(text) if prefilter else None)


def cues_in(
    text: str,
    bounds: list[tuple[int, int]],
    lexicon: Lexicon,
    prefilter: Prefilter | None = None,
    reading: Reading | None = None,
) -> list[Cue]:
    """`find_cues` on a text already cut into sentences (`bounds`, from `sentence_bounds`) and, with a prefilter,
    read by it (`reading`: `prefilter.read(text)`)."""
    holders = prefilter.holders(reading) if prefilter and reading else None
    names = officer_surnames(text, lexicon, prefilter, holders, headline_end(text))
    aliases = _aliases(names)
    if prefilter is None or reading is None or holders is None:
        sentences = _every_sentence(text, bounds, lexicon, aliases)
    else:
        sentences = _candidate_sentences(text, bounds, lexicon, (aliases, names), prefilter, reading, holders)
    found: list[Cue] = []
    for start, end, seen, rules, matches in sentences:
        if fired := list(_fired(rules, lexicon, matches, seen, regex_first=prefilter is not None)):
            evidence = Span(start, end, text[start:end])  # the evidence stays the original sentence
            found.extend(Cue(rule.name, rule.weight, evidence) for rule in fired)
    return found


_Sentence = tuple[int, int, str, list[CueRule], Matches]  # start, end, as the cues see it, cues to try, matcher


def _every_sentence(
    text: str, bounds: list[tuple[int, int]], lexicon: Lexicon, aliases: re.Pattern[str] | None
) -> Iterator[_Sentence]:
    """The reference path: every sentence (officers' surnames read as the alias word) with every cue whose gates
    match the whole text, matched by `re`."""
    whole = aliases.sub(lexicon.alias, text) if aliases else text
    live = {name for name, regex in lexicon.gates.items() if regex.search(whole)}
    every = [r for r in lexicon.cues if set(r.gates) <= live and (r.gates or r.regex.search(whole))]
    for start, end in bounds:
        original = text[start:end]
        yield start, end, aliases.sub(lexicon.alias, original) if aliases else original, every, search


def _candidate_sentences(
    text: str,
    bounds: list[tuple[int, int]],
    lexicon: Lexicon,
    surnames: tuple[re.Pattern[str] | None, list[str]],
    prefilter: Prefilter,
    reading: Reading,
    holders: Holders,
) -> Iterator[_Sentence]:
    """The two-stage path: the sentences that can hold a cue, each with its candidate cues. Only a sentence whose
    words (`holders`), with the alias word for an officer's surname (`surnames`: their regex and the names; each
    place a name occurs: a superset of the regex's matches), are `Prefilter.promising` can have a candidate; the
    others are not renamed, folded or looked up."""
    aliases, names = surnames
    where, held = holders.where, holders.bits
    named = sorted(_occurrences(text, names))  # a sentence where no name occurs is not renamed
    if named:
        found = [*zip(where, held, strict=True), *((at, prefilter.alias_bits) for at in named)]
        found.sort()
        where, held = [at for at, _ in found], [bits for _, bits in found]
    at, every = 0, prefilter.every_sentence
    for start, end in bounds:
        if not every:
            if (after := bisect_left(where, end, at)) == at:
                continue
            promising = prefilter.promising(reduce(or_, held[at:after]))
            at = after
            if not promising:
                continue
        original = text[start:end]
        if aliases and bisect_left(named, end) > bisect_left(named, start):
            seen, renamed = aliases.subn(lexicon.alias, original)
        else:
            seen, renamed = original, 0
        # folding keeps each character's place: the sentence's part of the folded text is the folded sentence
        folded = lower_same_length(seen) if renamed else reading.folded[start:end]
        mask = prefilter.satisfied(seen, folded)
        if rules := prefilter.candidates(mask):
            yield start, end, seen, rules, prefilter.matcher(folded, mask, plain(seen))


def _occurrences(text: str, strings: list[str]) -> Iterator[int]:
    """Where each of `strings` occurs in `text` (`str.find`: faster than a regex of them, which has no prefix to
    skip to)."""
    for string in strings:
        at = text.find(string)
        while at >= 0:
            yield at
            at = text.find(string, at + 1)


def _fired(
    rules: list[CueRule], lexicon: Lexicon, matches: Matches, seen: str, regex_first: bool = False
) -> Iterator[CueRule]:
    """The rules that fire on the sentence `seen`: its gates and its regex match (`matches(regex, seen)`: whether a
    regex of the lexicon matches it); a veto drops the positive ones. With `regex_first`, a rule's gates are tried
    only once its regex matched (the same rules fire): on a candidate sentence the gates match nearly always
    ("police" 90 %, "gun" 97 % of the ingest mix's) and a cue's regex rarely (3 %), so most gates need no scan."""
    gates: dict[str, bool] = {}
    vetoed: bool | None = None
    for rule in rules:
        if regex_first and not (all(gates.get(gate, True) for gate in rule.gates) and matches(rule.regex, seen)):
            continue
        for gate in rule.gates:
            if gate not in gates:
                gates[gate] = matches(lexicon.gates[gate], seen)
        if not all(gates[gate] for gate in rule.gates):
            continue
        if not regex_first and not matches(rule.regex, seen):
            continue
        if rule.weight > 0:
            if vetoed is None:
                vetoed = any(veto.applies(seen, matches) for veto in lexicon.vetoes)
            if vetoed:
                continue
        yield rule
