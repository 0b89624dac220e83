"""ASCII twins of the lexicon's regexes (`ois.screen.plain`): on a plain text they match as the regexes do.
Fictional texts only."""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from ois.screen.literals import FOLDS_TO_ASCII, lower_same_length
from ois.screen.plain import ascii_twin, plain
from tests.test_screen_prefilter import LEXICON, PREFILTER
from tests.test_screen_starts import REGEXES, lexicon_texts

ASCII = [chr(c) for c in range(128)]
SEPARATORS = "\x1c\x1d\x1e\x1f"


def test_plain_texts() -> None:
    assert plain("Deputies fired at the car, the sheriff's office said.")
    assert not plain("The officer\u2019s car")  # a typographic apostrophe
    assert not plain("two\x1frecords")  # an information separator: Unicode's \s matches it, ASCII's does not


def test_only_four_non_ascii_characters_match_an_ascii_character_ignoring_case() -> None:
    """The characters a pattern must not hold for its ASCII twin: Unicode rules match them with an ASCII letter."""
    others = "".join(chr(c) for c in range(128, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    found = {ord(m.group()) for m in re.finditer(r"[\x00-\x7f]", others, re.IGNORECASE)}
    assert found == FOLDS_TO_ASCII


@pytest.mark.parametrize(
    "pattern", ["police\u017f", "[\u0100-\u0180]x", "(?:a|b(?=\u212a))", "(?<!\u0130)z", "[^\u0131]"]
)
def test_a_pattern_with_a_character_folding_to_ascii_keeps_its_unicode_rules(pattern: str) -> None:
    regex = re.compile(pattern, re.IGNORECASE)
    assert ascii_twin(regex) is regex


def test_a_twin_is_compiled_with_ascii_rules() -> None:
    twin = ascii_twin(re.compile(r"\bpolice\s+\w+\u2019s", re.IGNORECASE))
    assert twin.flags & re.ASCII and twin.flags & re.IGNORECASE and not twin.flags & re.UNICODE


def _items(items: Any, flags: int) -> Iterator[tuple[Any, int]]:
    """Every one-character item of a syntax tree (literal, class, category, any) with the flags in force there."""
    for op, av in items:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY, sre.CATEGORY):
            yield (op, av), flags
        elif op is sre.SUBPATTERN:
            yield from _items(av[3], (flags | av[1]) & ~av[2])
        elif op is sre.BRANCH:
            for branch in av[1]:
                yield from _items(branch, flags)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            yield from _items(av[2], flags)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _items(av[1], flags)
        elif op is sre.ATOMIC_GROUP:
            yield from _items(av, flags)


def test_every_item_of_the_lexicon_matches_the_same_ascii_characters_under_both_rules() -> None:
    """A regex is a composition of one-character items and zero-width tests; on ASCII characters each item of every
    lexicon regex matches the same ones compiled either way, but \\s the information separators."""
    differ: set[str] = set()
    seen: set[tuple[str, int]] = set()
    for regex in REGEXES:
        assert ascii_twin(regex) is not regex, regex.pattern[:60]  # else a plain sentence gains nothing
        tree = sre_parse.parse(regex.pattern, regex.flags)
        for item, flags in _items(tree.data, regex.flags):
            if (key := (repr(item), flags)) in seen:
                continue
            seen.add(key)
            state = sre_parse.State()
            state.flags = flags
            unicode = re._compiler.compile(sre_parse.SubPattern(state, [item]), flags)  # type: ignore[attr-defined]
            state.flags = flags & ~re.UNICODE | re.ASCII
            ascii_ = re._compiler.compile(sre_parse.SubPattern(state, [item]), state.flags)  # type: ignore[attr-defined]
            differ.update(c for c in ASCII if bool(unicode.match(c)) != bool(ascii_.match(c)))
    assert differ <= set(SEPARATORS)
    assert len(seen) > 100


@pytest.mark.parametrize("test", [r"\b", r"\B", r"(?<=\w)", r"\s", r"\d", r"\w"])
def test_zero_width_and_class_tests_agree_on_ascii_but_the_separators(test: str) -> None:
    unicode, ascii_ = re.compile(test, re.IGNORECASE), re.compile(test, re.IGNORECASE | re.ASCII)
    for a in ASCII:
        for b in "aZ0_ .\n-'" + a:
            if a not in SEPARATORS and b not in SEPARATORS:
                text = a + b
                assert [m.span() for m in unicode.finditer(text)] == [m.span() for m in ascii_.finditer(text)]


def _plain_texts() -> st.SearchStrategy[tuple[re.Pattern[str], str]]:
    """A regex of the lexicon with a plain text holding a phrase generated from it or from another (its ASCII
    characters), in any case."""
    return lexicon_texts("abcdefghij .,\n'-ABCK19", lambda c: c.isascii() and c not in SEPARATORS)


@hyp_settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(_plain_texts())
def test_a_twin_finds_the_matches_of_its_regex_on_a_plain_text(case: tuple[re.Pattern[str], str]) -> None:
    regex, text = case
    assert plain(text)
    twin = ascii_twin(regex)
    assert [(m.span(), m.groups()) for m in twin.finditer(text)] == [
        (m.span(), m.groups()) for m in regex.finditer(text)
    ]


@hyp_settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(_plain_texts())
def test_the_plain_matcher_and_searches_answer_as_re(case: tuple[re.Pattern[str], str]) -> None:
    """`Prefilter.matcher` told the sentence is plain, `Prefilter.search` and the officers' names read from a
    plain text: the answers of the lexicon's own regexes."""
    _, text = case
    folded = lower_same_length(text)
    matches = PREFILTER.matcher(folded, PREFILTER.satisfied(text, folded), is_plain=True)
    for regex in REGEXES:
        if regex is not LEXICON.officer_name:
            assert matches(regex, text) == (regex.search(text) is not None), regex.pattern[:60]
            assert PREFILTER.search(regex, text) == (regex.search(text) is not None), regex.pattern[:60]
    if LEXICON.officer_name is not None:
        found = [m.span(1) for m in PREFILTER.officer_names(text)]
        assert found == [m.span(1) for m in LEXICON.officer_name.finditer(text)]
