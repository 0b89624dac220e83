"""The two-stage screen's fast part: which cues could fire at all, from the words of the text.

Every cue's regex needs some words (`literals.requirement`): "police opened fire" needs a police word and one of
fire/firing/discharged; "shot by police" needs "by", a shooting word and a police word. A cue's gates add their
own words. `Prefilter` reads the words of a text once (`read`: the case-folded text split at white space) and
answers:

- `possible(text)`: could any positive cue fire in any sentence of the article? If not, no sentence can reach the
  screening threshold and the article is rejected without splitting it into sentences (stage 1).
- `holders(reading)`: the words that hold a picked clause (of each group below, its clauses that no short
  literal satisfies) or a string a titled officer's name starts with, where they start and their clause bits: a
  sentence whose words hold all picked clauses of no group (`promising`; officers' surnames add the alias word's)
  has no candidate and is not looked at again (stage 2).
- `candidates(sentence)`: the cues whose words are all in this sentence; only those are matched (stage 2). Cues
  are grouped by the clause most of them need (the police words); a sentence that holds the shared clauses of no
  group has no candidate, found before the cues are checked one by one.
- `search(regex, sentence, folded)`: a gate, cue, veto or scope marker regex tried only where one of the strings
  its matches start with occurs (`starts.py`), a veto or marker only on a sentence holding the words it needs;
  `matcher(folded, mask, is_plain)` does the same for the regexes tried on one sentence, scanning once for lead
  strings that several regexes share; `officer_names(text, holders)` does it for the titled officers' names. All
  three match a plain ASCII sentence with the regexes' ASCII twins (`plain.py`: the same matches, found faster).

All are conservative by construction: a cue whose regex matches a sentence always passes, because its requirement
holds for the sentence and hence for the whole text. Nothing is listed by hand, so a new cue cannot bypass it.

All literals are runs of word characters, so a literal occurs in a text exactly when it occurs inside one of the
text's white-space separated words ("officer's," holds "officer"): each word is looked up in a cache of the
clauses its literals satisfy (worked out on a word's first sight). Clauses are numbered and a text's satisfied
clauses are the bits of one integer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache, reduce
from itertools import compress, repeat
from operator import and_, or_
from typing import NamedTuple

from ois.screen.lexicon import CueRule, Lexicon, Matches, load_lexicon
from ois.screen.literals import Clause, Requirement, lower_same_length, requirement
from ois.screen.plain import ascii_twin, plain
from ois.screen.starts import Starts, lead

_WORD_CACHE_MAX = 200_000  # distinct words remembered with their clause bits (about 30 MB at most)
_PROMISING_MAX = 100_000  # sentences' bit sets remembered with the answer of `promising` (a few MB at most)
_PICK_MIN = 3  # a clause with a shorter literal ("a", "at", "by") holds in nearly every sentence: not worth finding


class _WordBits(dict[str, int]):
    """word -> the bits of the clauses its literals satisfy, computed on first sight of the word."""

    def __init__(self, literal_bits: Iterable[tuple[str, int]]) -> None:
        super().__init__()
        self.literal_bits = tuple(literal_bits)
        self._by_start: dict[str, list[tuple[str, int]]] = {}  # a literal's first two characters -> literals
        for lit, lit_bits in self.literal_bits:
            self._by_start.setdefault(lit[:2], []).append((lit, lit_bits))

    def __missing__(self, word: str) -> int:
        """Only the literals that start with a character or two characters of the word can be in it."""
        bits = 0
        for start in {*word, *(word[i : i + 2] for i in range(len(word) - 1))}:
            for lit, lit_bits in self._by_start.get(start, ()):
                if lit in word:
                    bits |= lit_bits
        if len(self) < _WORD_CACHE_MAX:
            self[word] = bits
        return bits


class Reading(NamedTuple):
    """A text as stage 1 reads it (`Prefilter.read`)."""

    folded: str  # lower_same_length(text)
    words: list[str]  # folded.split()
    bits: list[int]  # each word's clause bits
    mask: int  # the clause bits of all words


class Holders(NamedTuple):
    """The words of a text that hold a picked clause or a title string (`Prefilter.holders`), in text order."""

    folded: str  # the folded text
    where: list[int]  # where each word starts
    words: list[str]
    bits: list[int]  # each word's clause bits


class Prefilter:
    """Built once per lexicon (`load_prefilter`); see the module docstring."""

    def __init__(self, lexicon: Lexicon) -> None:
        gates = {name: requirement(regex) for name, regex in lexicon.gates.items()}
        needs = [(rule, _all(requirement(rule.regex), *(gates[g] for g in rule.gates))) for rule in lexicon.cues]
        titles = requirement(lexicon.officer_name) if lexicon.officer_name else Requirement(frozenset())
        guarded = [*lexicon.vetoes, *lexicon.markers]
        guards = [regex for g in guarded for regex in (g.regex, g.unless) if regex is not None]
        guard_needs = {id(regex): requirement(regex) for regex in guards}
        cued = frozenset().union(titles.clauses, *(need.clauses for _, need in needs))
        guarding = frozenset().union(*(need.clauses for need in guard_needs.values())) - cued
        clauses = sorted(cued, key=sorted) + sorted(guarding, key=sorted)  # the cues' bits: small numbers
        # the strings a titled name starts with, when each lies inside a word: a clause, to find the words holding one
        names = lead(lexicon.officer_name) if lexicon.officer_name else None
        titled = frozenset(names) if names and all(s is not None and s.split() == [s] for s in names) else None
        clauses += [titled] if titled and titled not in clauses else []
        bit = {clause: 1 << i for i, clause in enumerate(clauses)}
        self._word_bits = _WordBits(
            (lit, sum(b for clause, b in bit.items() if lit in clause)) for lit in sorted(frozenset().union(*clauses))
        )
        # officers' surnames are read as the alias word: where titled names occur, any sentence may hold that word
        self.alias_bits = self._word_bits[lower_same_length(lexicon.alias)]
        self._titles = _mask(titles, bit)
        self._titled = bit[titled] if titled else 0
        self._needs = tuple((rule, _mask(need, bit)) for rule, need in needs)
        self._positive = tuple(mask for rule, mask in self._needs if rule.weight > 0)
        self._cores = _cores([mask for _, mask in self._needs])
        # a sentence is looked at only when it holds all of some core's clauses that no short literal satisfies
        picked = [core & (_key(core, clauses) | _long(core, clauses)) for core in self._cores]
        self._picks = None if 0 in self._cores else reduce(or_, picked)
        self._picked = tuple(picked)
        self._held = (self._picks or 0) | self._titled  # a word with one of these bits is a holder
        self._promising: dict[int, bool] = {}
        # vetoes and scope markers are tried on sentences that were not picked by their words: check those first
        self._guard_needs = {key: mask for key, need in guard_needs.items() if (mask := _mask(need, bit))}
        regexes = [*lexicon.gates.values(), *(r.regex for r in lexicon.cues), *guards]
        # by id: hashing a compiled pattern hashes its whole compiled code, each time (the lexicon keeps them alive)
        self._starts = {id(regex): Starts.of(regex) for regex in regexes}
        # the same, matching with the regexes' ASCII twins: for a plain sentence (`plain.py`)
        self._plain_starts = {
            key: replace(starts, pattern=ascii_twin(starts.pattern)) for key, starts in self._starts.items()
        }
        leads = Counter(starts.finder.pattern for starts in self._starts.values() if starts.finder is not None)
        self._shared = frozenset(pattern for pattern, n in leads.items() if n > 1)  # lead strings of several regexes
        self._names = Starts.of(lexicon.officer_name) if lexicon.officer_name else None
        self._plain_names = replace(self._names, pattern=ascii_twin(self._names.pattern)) if self._names else None

    def satisfied(self, text: str, folded: str | None = None) -> int:
        """The bit set of the clauses that hold in `text` (`folded`: `lower_same_length(text)`, if known)."""
        folded = lower_same_length(text) if folded is None else folded
        return reduce(or_, map(self._word_bits.__getitem__, folded.split()), 0)

    def read(self, text: str) -> Reading:
        """`text` folded and split at white space once, with the clause bits of its words."""
        folded = lower_same_length(text)
        words = folded.split()
        bits = list(map(self._word_bits.__getitem__, words))
        return Reading(folded, words, bits, reduce(or_, bits, 0))

    def possible(self, text: str | Reading) -> bool:
        """Stage 1: False only when no positive cue can match any sentence of `text` (aliases included)."""
        mask = (text if isinstance(text, Reading) else self.read(text)).mask
        if mask & self._titles == self._titles:
            mask |= self.alias_bits
        return any(mask & need == need for need in self._positive)

    def holders(self, reading: Reading) -> Holders:
        """The words that hold a picked clause or a title string: the picked clauses are those of each core that no
        short literal satisfies ("a", "the" hold nearly everywhere), and its key clause (the one with the longest
        words: "shooting"); a sentence whose words hold all of no core's picked clauses has no candidate (before
        its officers' surnames are read as the alias word: `promising`). A word is found where it occurs after the
        last one found: the words between are no holders, so none of them contains it (it contains a literal or
        title string they would hold)."""
        at, where, found, held, find = 0, [], [], [], reading.folded.find
        words = zip(reading.words, reading.bits, strict=True)
        for word, bits in compress(words, map(and_, reading.bits, repeat(self._held))):
            at = find(word, at)
            where.append(at)
            found.append(word)
            held.append(bits)
            at += len(word)
        return Holders(reading.folded, where, found, held)

    @property
    def every_sentence(self) -> bool:
        """Whether every sentence may have a candidate (a cue needs nothing): then `promising` says nothing."""
        return self._picks is None

    def promising(self, held: int) -> bool:
        """Whether a sentence whose words hold the clause bits `held` (of `holders`) can have a candidate: it holds
        all picked clauses of some core."""
        if (answer := self._promising.get(held)) is None:
            answer = any(held & core == core for core in self._picked)
            if len(self._promising) < _PROMISING_MAX:
                self._promising[held] = answer
        return answer

    def candidates(self, sentence: str | int, folded: str | None = None) -> list[CueRule]:
        """Stage 2: the cues (in lexicon order) whose literals all occur in `sentence` (as the cues see it; or in
        the sentence whose clause bits `sentence` is)."""
        mask = sentence if isinstance(sentence, int) else self.satisfied(sentence, folded)
        if not any(mask & core == core for core in self._cores):
            return []
        return [rule for rule, need in self._needs if mask & need == need] if mask else []

    def search(self, regex: re.Pattern[str], sentence: str, folded: str | None = None) -> bool:
        """`regex.search(sentence)` for a gate, cue, veto or scope marker regex of the lexicon, tried only where a
        match can start (`folded`: `lower_same_length(sentence)`, if known), and a veto or marker regex only where
        the words it needs occur."""
        return self._search(regex, sentence, folded, self.satisfied)

    def searcher(self) -> Matches:
        """`search` for the regexes tried on the sentences of one text (the scope check tries each sentence's
        markers scope after scope): each sentence's clause bits are looked up once."""
        masks: dict[str, int] = {}

        def bits(sentence: str, folded: str | None) -> int:
            if (mask := masks.get(sentence)) is None:
                mask = masks[sentence] = self.satisfied(sentence, folded)
            return mask

        return lambda regex, sentence: self._search(regex, sentence, None, bits)

    def _search(
        self, regex: re.Pattern[str], sentence: str, folded: str | None, bits: Callable[[str, str | None], int]
    ) -> bool:
        need = self._guard_needs.get(id(regex), 0)
        if need and bits(sentence, folded) & need != need:
            return False
        return (self._plain_starts if plain(sentence) else self._starts)[id(regex)].search(sentence, folded)

    def matcher(self, folded: str, mask: int, is_plain: bool = False) -> Matches:
        """`search` for the regexes tried on one sentence (`folded`: the folded sentence, `mask`: its clause bits;
        `is_plain`: `plain(sentence)`, then the regexes' ASCII twins match): regexes with the same lead strings
        (11 start with a police word) share one scan for them (a whole one; a regex with lead strings of its own
        scans only up to its first match)."""
        found: dict[str, list[tuple[int, str]]] = {}
        by_id = self._plain_starts if is_plain else self._starts

        def matches(regex: re.Pattern[str], sentence: str) -> bool:
            need = self._guard_needs.get(id(regex), 0)
            if mask & need != need:
                return False
            starts = by_id[id(regex)]
            if starts.finder is None or starts.finder.pattern not in self._shared or len(folded) != len(sentence):
                return starts.search(sentence, folded)  # the scan stops at the first match
            if (occurrences := found.get(starts.finder.pattern)) is None:
                occurrences = found[starts.finder.pattern] = list(starts.occurrences(folded))
            return next(starts.matches_at(sentence, occurrences), None) is not None

        return matches

    def officer_names(self, text: str, holders: Holders | None = None, start: int = 0) -> Iterator[re.Match[str]]:
        """`lexicon.officer_name.finditer(text[start:])`, tried only where a title string occurs; with `holders`
        (`holders(read(text))`), those are found in the holders' words (`_titles_in`): the text is not scanned."""
        if self._names is None or self._plain_names is None:
            return iter(())
        body = text[start:]
        names = self._plain_names if plain(body) else self._names
        if holders is None or not self._titled:
            return names.finditer(body)
        return names.matches_at(body, self._titles_in(holders, start))

    def _titles_in(self, holders: Holders, start: int) -> Iterator[tuple[int, str]]:
        """`Starts.occurrences` of the officers' names in `holders.folded[start:]`: each title string lies inside a
        word, and a word holding one is a holder."""
        if self._names is None or self._names.finder is None:
            return
        search, folded = self._names.finder.search, holders.folded
        for at, word, bits in zip(holders.where, holders.words, holders.bits, strict=True):
            if at >= start and bits & self._titled:
                end = at + len(word)
                found = search(folded, at, end)
                while found is not None:
                    yield found.start() - start, found.group()
                    found = search(folded, found.start() + 1, end)


def _all(*requirements: Requirement) -> Requirement:
    return Requirement(frozenset().union(*(r.clauses for r in requirements)))


def _cores(needs: list[int]) -> tuple[int, ...]:
    """Masks such that every need holds one of them (the clauses a group of needs shares, grouped by the clause most
    of them need: the police words): a sentence that satisfies none of them is no cue's candidate."""
    cores: list[int] = []
    while needs:
        bits = Counter(b for need in needs for b in range(need.bit_length()) if need >> b & 1)
        if not bits:  # a need without clauses: every sentence is its candidate
            return (0,)
        shared = 1 << bits.most_common(1)[0][0]
        cores.append(reduce(and_, (need for need in needs if need & shared)))
        needs = [need for need in needs if not need & shared]
    return tuple(cores)


def _key(core: int, clauses: list[Clause]) -> int:
    """The bit of the core's clause with the longest shortest literal (`clauses`: the clause of each bit)."""
    return 1 << max((b for b in range(core.bit_length()) if core >> b & 1), key=lambda b: min(map(len, clauses[b])))


def _long(core: int, clauses: list[Clause]) -> int:
    """The bits of the core's clauses without a literal shorter than `_PICK_MIN` characters."""
    return sum(1 << b for b in range(core.bit_length()) if core >> b & 1 and min(map(len, clauses[b])) >= _PICK_MIN)


def _mask(need: Requirement, bit: dict[frozenset[str], int]) -> int:
    return sum(bit[clause] for clause in need.clauses)


@lru_cache(maxsize=1)
def load_prefilter() -> Prefilter:
    """The prefilter of the packaged lexicon, built once per process."""
    return Prefilter(load_lexicon())
