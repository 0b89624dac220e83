"""The two-stage screen: the literal requirements derived from the lexicon, and the proof obligations of the
prefilter (never rejects what the full screen accepts; the same cues either way). Fictional texts only."""

from __future__ import annotations

import re
import sys
from functools import reduce
from operator import or_
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from ois.models import Article, Screening
from ois.screen import find_cues, lexicon_from_dict, load_lexicon, screen
from ois.screen.literals import lower_same_length, requirement
from ois.screen.prefilter import Prefilter, load_prefilter
from ois.screen.starts import lead
from ois.sources import read
from tests.test_screen import SETTINGS, article

REFERENCE = SETTINGS.replace(screen_prefilter=False)
LEXICON = load_lexicon()
PREFILTER = load_prefilter()
POSITIVE = [rule for rule in LEXICON.cues if rule.weight > 0]


def verdict(result: Screening) -> tuple[bool, bool | None, bool | None]:
    return result.is_ois, result.police_fired, result.shot_at_police


def words(pattern: str, flags: int = re.IGNORECASE) -> list[list[str]]:
    return sorted(sorted(clause) for clause in requirement(re.compile(pattern, flags)).clauses)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bshot\s+by\s+(?:police|officers?)\b", [["by"], ["officer", "police"], ["shot"]]),
        (r"(?:opened|returned)\s+fire", [["fire"], ["opened", "returned"]]),
        (r"deput(?:y|ies)\s+fired", [["deputies", "deputy"], ["fired"]]),
        (r"(?:police\s+)?gunfire", [["gunfire"]]),
        (r"shoot-?outs?\b", [["shoot"]]),  # the longest word run of "shoot-out": any part of a must is a must
        (r"(?<!no\s)\bOfficer(?-i:[A-Z])", [["officer"]]),  # look-arounds and case islands are dropped, not assumed
        (r"(?:police\s+shot|shot\s+by\s+police)", [["police"], ["shot"]]),  # what both alternatives need
        (r"\w+\s+fired|[^.]+", []),  # an alternative that needs nothing: no constraint at all
        (r"(?:shot|killed){2}", [["killed", "shot"]]),
        (r"(?:very\s+)*fast", [["fast"]]),
    ],
)
def test_requirement_of_a_pattern(pattern: str, expected: list[list[str]]) -> None:
    assert words(pattern) == expected


def test_every_literal_is_a_folded_word() -> None:
    for rule in LEXICON.cues:
        for literal in requirement(rule.regex).literals:
            assert re.fullmatch(r"\w+", literal) and lower_same_length(literal) == literal, (rule.name, literal)


def test_lowering_keeps_length_and_word_characters_and_ignorecase_equivalence() -> None:
    """`lower_same_length` must find a literal wherever re.IGNORECASE matched it: checked for every code point
    against every character the lexicon's literals and the strings that lead its matches (`starts.lead`) use."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    folded = lower_same_length(every)
    assert len(folded) == len(every)
    assert all(a.isalnum() == b.isalnum() for a, b in zip(every, folded, strict=True) if a != b)
    alphabet = {char for rule in LEXICON.cues for lit in requirement(rule.regex).literals for char in lit}
    regexes = [*LEXICON.gates.values(), *(rule.regex for rule in LEXICON.cues), LEXICON.officer_name]
    regexes += [regex for g in (*LEXICON.vetoes, *LEXICON.markers) for regex in (g.regex, g.unless)]
    alphabet |= {
        char for regex in regexes if regex and (found := lead(regex)) for text in found if text for char in text
    }
    for char in sorted(alphabet):
        matches = re.findall(re.escape(char), every, re.IGNORECASE)
        assert {lower_same_length(m) for m in matches} == {lower_same_length(char)}, char
    digits = re.compile(r"\d")  # `starts.DIGIT`: the folded text has its digits where the text has
    assert [m.start() for m in digits.finditer(folded)] == [m.start() for m in digits.finditer(every)]


def test_folding_a_text_folds_each_of_its_parts() -> None:
    """`find_cues` folds an article once and takes each sentence's part of it: the same as folding the sentence,
    but for Greek sigma (final or not by its neighbours), which no literal or start string holds."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    text = every + " ΟΔΟΣ ΟΔΟΣ. Σ"
    folded = lower_same_length(text)
    for start, end in [(0, len(text)), (5, 70_000), (len(every), len(text) - 6), (len(text) - 9, len(text) - 5)]:
        part = lower_same_length(text[start:end])
        assert {a + b for a, b in zip(part, folded[start:end], strict=True) if a != b} <= {"σς", "ςσ"}
    alphabet = {char for lit, _ in PREFILTER._word_bits.literal_bits for char in lit}
    alphabet |= {char for starts in PREFILTER._starts.values() for string in starts.back for char in string}
    assert not alphabet & {"σ", "ς"}


def _texts() -> st.SearchStrategy[tuple[str, str]]:
    """(cue name, article text) with a phrase generated from one positive cue's own regex, in a fictional
    article; officer words are sometimes replaced by the surname of a titled officer (the alias path)."""

    def build(rule_name: str, phrase: str, before: str, after: str, alias: bool) -> tuple[str, str]:
        if alias:
            phrase = re.sub(r"(?i)\bofficers?\b", "Vela", phrase)
        body = ("Sgt. Ann Vela arrived first. " if alias else "") + before + " " + phrase + " " + after
        return rule_name, "Update from Millbrook\n\n" + body

    filler = st.text(alphabet=st.sampled_from("abcdefghij .,\n'’-ABC"), max_size=40)
    return st.sampled_from(POSITIVE).flatmap(
        lambda rule: st.builds(
            build, st.just(rule.name), st.from_regex(rule.regex, fullmatch=True), filler, filler, st.booleans()
        )
    )


@hyp_settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(_texts())
def test_prefilter_never_rejects_what_the_full_screen_accepts(case: tuple[str, str]) -> None:
    _, text = case
    story = Article(id="gen", title=text.split("\n")[0], text=text)
    reference = find_cues(story, LEXICON)
    if any(cue.weight > 0 for cue in reference):
        assert PREFILTER.possible(text)
    assert find_cues(story, LEXICON, prefilter=PREFILTER) == reference


@hyp_settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(POSITIVE).flatmap(lambda rule: st.from_regex(rule.regex, fullmatch=True)))
def test_a_phrase_of_a_cue_is_always_its_candidate(phrase: str) -> None:
    names = {rule.name for rule in PREFILTER.candidates(phrase)}
    gated = [rule for rule in LEXICON.cues if all(LEXICON.gates[g].search(phrase) for g in rule.gates)]
    assert {rule.name for rule in gated if rule.regex.search(phrase)} <= names


_PHRASES = [rule.regex for rule in LEXICON.cues] + [veto.regex for veto in LEXICON.vetoes]


@hyp_settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(_PHRASES).flatmap(lambda regex: st.from_regex(regex, fullmatch=True)), max_size=3))
def test_gates_tried_after_the_regex_fire_the_same_rules(phrases: list[str]) -> None:
    """`_fired(regex_first=True)` (the two-stage path) tries a rule's gates only once its regex matched: the same
    rules fire as with the gates first, on sentences of cue and veto phrases (gates that fail, vetoes included)."""
    from ois.screen.cues import _fired
    from ois.screen.lexicon import search

    sentence, rules = " ".join(phrases), list(LEXICON.cues)
    expected = list(_fired(rules, LEXICON, search, sentence))
    assert list(_fired(rules, LEXICON, search, sentence, regex_first=True)) == expected
    matches = PREFILTER.matcher(lower_same_length(sentence), PREFILTER.satisfied(sentence))
    assert list(_fired(rules, LEXICON, matches, sentence, regex_first=True)) == expected


def _fixture_articles(fixtures: Path) -> list[Article]:
    found = [a for path in sorted((fixtures / "articles").glob("*.txt")) for a in read(str(path), SETTINGS)]
    return [a for a in found if isinstance(a, Article)]


def test_same_screening_with_and_without_the_prefilter_on_fixtures(fixtures: Path) -> None:
    from tests import test_screen, test_screen_scope

    written = [value for module in (test_screen, test_screen_scope) for value in vars(module).values()]
    stories = _fixture_articles(fixtures) + [value for value in written if isinstance(value, Article)]
    assert len(stories) > 20
    for story in stories:
        fast, full = screen(story, SETTINGS), screen(story, REFERENCE)
        assert verdict(fast) == verdict(full), story.id
        if fast.cues or fast.is_ois:  # stage 1 rejects without listing the negative cues; else identical
            assert fast == full, story.id


def test_stage_one_rejects_articles_without_the_words() -> None:
    quiet = article("City council approves budget", "The council voted 5-2 on Tuesday to fund two new parks.")
    result = screen(quiet, SETTINGS)
    assert result.is_ois is False and result.cues == () and result.score == 0.0
    assert "none has the words a cue needs" in result.reason
    assert screen(quiet, REFERENCE).is_ois is False


def test_a_new_cue_cannot_bypass_the_prefilter() -> None:
    raw = {"cues": [{"name": "zebra", "weight": 3.0, "direction": "both", "pattern": r"\bzebras?\s+(?:fled|ran)\b"}]}
    prefilter = Prefilter(lexicon_from_dict(raw))
    assert prefilter.possible("Two zebras fled the zoo.")
    assert not prefilter.possible("Officers opened fire on a man.")


@pytest.mark.shared
def test_same_verdicts_on_the_dev_sets(shared_data: Path) -> None:
    from ois.evaluation.gvdb import load_gvdb
    from ois.evaluation.longtail import load_longtail

    stories = [a for a, _ in load_gvdb(shared_data)] + load_longtail(shared_data)[0]
    changed = [a.id for a in stories if verdict(screen(a, SETTINGS)) != verdict(screen(a, REFERENCE))]
    assert changed == []


def test_every_need_holds_a_core() -> None:
    """`candidates` skips a sentence that satisfies no core: each cue's need must hold one (else it could be
    skipped where it matches)."""
    cores = PREFILTER._cores
    assert all(any(need & core == core for core in cores) for _, need in PREFILTER._needs)
    assert len(cores) < len(PREFILTER._needs)


@hyp_settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aceiklnopstrdfgu'’-9"), min_size=1, max_size=14))
def test_a_word_has_the_bits_of_the_literals_in_it(word: str) -> None:
    """The word cache looks only at the literals that start with one or two of the word's characters."""
    expected = 0
    for literal, bits in PREFILTER._word_bits.literal_bits:
        expected |= bits if literal in word else 0
    assert PREFILTER._word_bits.__missing__(word) == expected


@hyp_settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(_texts())
def test_only_sentences_without_the_picked_words_are_skipped(case: tuple[str, str]) -> None:
    """`holders` are the words holding a picked clause or a title string, where they start and their bits; every
    sentence with a candidate cue (officers' surnames aside) holds one and is `promising` by the bits of those it
    holds; the officers' names found from the holders are those `re` finds in the body."""
    from ois.screen.cues import headline_end, sentence_bounds

    _, text = case
    reading = PREFILTER.read(text)
    bits = PREFILTER._word_bits
    assert not PREFILTER.every_sentence and PREFILTER._titled
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", reading.folded)]
    holders = PREFILTER.holders(reading)
    expected = [(at, word, bits[word]) for at, word in words if bits[word] & PREFILTER._held]
    assert list(zip(holders.where, holders.words, holders.bits, strict=True)) == expected
    for start, end in sentence_bounds(text, LEXICON.abbreviations):
        if PREFILTER.candidates(text[start:end]):
            inside = [held for at, held in zip(holders.where, holders.bits, strict=True) if start <= at < end]
            assert inside and PREFILTER.promising(reduce(or_, inside))
    for start in {0, headline_end(text), len(text) // 2}:
        names = [m.span(1) for m in PREFILTER.officer_names(text, holders, start)]
        assert names == [m.span(1) for m in LEXICON.officer_name.finditer(text[start:])]


@pytest.mark.parametrize(
    "text",
    [
        "Officer Dan Ruiz shot him\n\nLt. Amy Cole fired. Deputy Jo Park, 30, and Sgt.Ray Lin said. OFFICER Ken Wu ran",
        "Trooper Ed Vance said\nSgt. Ann Vela arrived first; later Det. Bo Sims and Capt Lee Hart left.",
        "Police say\n(officer Al Moss) and Agent Jon Diaz-Reyes’ partner, Marshal Tim Oakes, said",
    ],
)
def test_officer_names_from_the_holders_are_those_of_re(text: str) -> None:
    from ois.screen.cues import headline_end

    holders = PREFILTER.holders(PREFILTER.read(text))
    for start in (0, headline_end(text)):
        names = [m.span(1) for m in PREFILTER.officer_names(text, holders, start)]
        assert names == [m.span(1) for m in LEXICON.officer_name.finditer(text[start:])]
        assert names == [m.span(1) for m in PREFILTER.officer_names(text[start:])]


@hyp_settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["Vela", "Ann", "Anna", "Diaz-Reyes", "Reyes", "Orr"]), min_size=1, max_size=3),
    st.lists(st.sampled_from(["Vela", "Ann", "Anna", "Diaz-", "Reyes", "Orr", "s", " ", ".", "-", "\n"])).map("".join),
)
def test_every_surname_match_is_a_place_a_name_occurs(names: list[str], text: str) -> None:
    """A sentence with an officer's surname gets the alias word's bits: the names' occurrences hold every match."""
    from ois.screen.cues import _aliases, _occurrences

    names = sorted(set(names))
    aliases = _aliases(names)
    assert aliases is not None
    assert {m.start() for m in aliases.finditer(text)} <= set(_occurrences(text, names))
