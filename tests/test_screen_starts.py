"""Searching only where a match can start (`ois.screen.starts`): the same matches as `re`, on small patterns and on
every regex of the lexicon. Fictional texts only."""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Callable, Iterable

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from ois.screen.literals import _node, exact_strings, lower_same_length
from ois.screen.starts import Starts, lead, trie
from tests.test_screen_prefilter import LEXICON, PREFILTER

GUARDED = [*LEXICON.vetoes, *LEXICON.markers]
REGEXES = [
    *LEXICON.gates.values(),
    *(rule.regex for rule in LEXICON.cues),
    *filter(None, [LEXICON.officer_name]),
    *(regex for guarded in GUARDED for regex in (guarded.regex, guarded.unless) if regex is not None),
]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bshot\s+by", {"shot": 0}),
        (r"\b(?:shot|fired)\s+at", {"shot": 0, "fired": 0}),
        (r"(?-i:[A-Z]{1,4}PD|FBI)", {"pd": 4, "fbi": 0}),  # bounded items without literals widen the distance
        (r"(?:the\s+)?police", {"the": 0, "police": 0}),  # an optional item: its words or the next item's
        (r"(?<!no\s)Officer", {"officer": 0}),  # zero-width items consume nothing
        (r"a?b?c", {"abc": 0, "ac": 0, "bc": 0, "c": 0}),
        (r"x{2,3}y", {"x": 0}),  # the first repetition starts the match
        (r"\d{1,2}-year-old", {"-year-old": 2}),
        (r"\w\w{0,20}ly", None),  # too far to be worth it
        (r",?\s*police", None),  # `\s*` has no bound: nothing known about where "police" is
        (r"\w+ly", None),
        (r"(?:police|\d+)\s+fired", {"police": 0, None: 0}),  # None: a digit (\d has too many strings)
        (r"\d[\d,]*\s+people", {None: 0}),  # nothing usable after the digits
        (r".{0,2}\d|1c", {None: 2, "1c": 0}),
        (r"(?:police|\w+)\s+fired", None),  # one alternative without literals
    ],
)
def test_lead_of_a_pattern(pattern: str, expected: dict[str | None, int] | None) -> None:
    assert lead(re.compile(pattern, re.IGNORECASE), min_length=1) == expected


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"a?b?c", None),  # "c": a one-character string occurs nearly everywhere
        (r"\bn(?:ot|ever|o\s+one)\b", {"not": 0, "never": 0, "no": 0}),  # `re` factors "n" out: joined again
        (r"th(?:is|e\s+following)", {"this": 0, "the": 0}),
        (r"^(?:related|more)\s*:", None),  # `re` tries the start of the text only
        (r"(?m)^(?:related|more)\s*:", {"related": 0, "more": 0}),  # ... or of each line
    ],
)
def test_lead_by_default(pattern: str, expected: dict[str | None, int] | None) -> None:
    assert lead(re.compile(pattern, re.IGNORECASE)) == expected


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]


def same_matches(pattern: re.Pattern[str], text: str, min_length: int = 2) -> None:
    starts = Starts.of(pattern, min_length)
    folded = lower_same_length(text)
    assert _spans(starts.finditer(text, folded)) == _spans(pattern.finditer(text))
    assert starts.search(text, folded) == (pattern.search(text) is not None)


SMALL = [
    r"\bab\b",
    r"(?-i:[A-Z]{1,4}PD)",
    r"(?:the\s+)?cab",
    r"a?b?c",
    r"(?:ab|c)?d",
    r"x{2,3}y",
    r"(?<=a)b[cd]",
    r"[ab]{0,2}cd",
    r"(?:a|bc)+d",
    r"(?:a\s){0,3}(bad|dab)\b",
    r"^\W*ab",
    r"(?-i:[A-Z]{1,2}PD|A|PDQ)x?",
    r"\d{1,2}-ab",
    r"(?:ab|\d[\d,]*)\s+c",
    r".{0,2}\d|1c",  # "1c" is found where a digit farther from the start is: tried as far back as the digit
    r"x\d{1,2}|\d+y",
    r"\bn(?:ot|ever|o\s+x)\b",
    r"^(?:ab|c)\s*:",
]


@hyp_settings(max_examples=300, deadline=None)
@given(st.sampled_from(SMALL), st.text(alphabet=st.sampled_from("abcdxyABCDPQXY .,\n-1٣İıſK"), max_size=40))
def test_small_patterns_find_the_same_matches(pattern: str, text: str) -> None:
    same_matches(re.compile(pattern, re.IGNORECASE), text, min_length=1)


def lexicon_texts(
    letters: str = "abcdefghij .,\n'’-ABCİK", keep: Callable[[str], bool] = lambda c: True
) -> st.SearchStrategy[tuple[re.Pattern[str], str]]:
    """A regex of the lexicon with a text holding a phrase generated from it (or from another one), in any case:
    filler drawn from `letters`, and only the characters `keep` accepts."""
    filler = st.text(alphabet=st.sampled_from(letters), max_size=30)

    def build(
        pattern: re.Pattern[str], phrase: str, before: str, after: str, upper: bool
    ) -> tuple[re.Pattern[str], str]:
        text = "".join(c for c in f"{before} {phrase} {after}" if keep(c))
        return pattern, text.upper() if upper else text

    return st.builds(
        build,
        st.sampled_from(REGEXES),
        st.sampled_from(REGEXES).flatmap(lambda other: st.from_regex(other, fullmatch=True)),
        filler,
        filler,
        st.booleans(),
    )


@hyp_settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(lexicon_texts())
def test_lexicon_regexes_find_the_same_matches(case: tuple[re.Pattern[str], str]) -> None:
    same_matches(*case)


@hyp_settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(lexicon_texts())
def test_a_sentence_matcher_answers_as_re_for_every_regex(case: tuple[re.Pattern[str], str]) -> None:
    """`Prefilter.matcher` shares the scans for lead strings between the regexes tried on one sentence and skips
    a veto or marker without its words: the same answers as `re`, for every regex of the lexicon in turn; so do
    `Prefilter.search` and a `Prefilter.searcher` (which keeps the bits of the sentences it saw) on this and
    another sentence."""
    _, text = case
    folded = lower_same_length(text)
    matches = PREFILTER.matcher(folded, PREFILTER.satisfied(text, folded))
    searcher = PREFILTER.searcher()
    for regex in [*REGEXES[::-1], *REGEXES]:
        if regex is not LEXICON.officer_name:
            assert matches(regex, text) == (regex.search(text) is not None), regex.pattern[:60]
            assert PREFILTER.search(regex, text) == (regex.search(text) is not None), regex.pattern[:60]
            for sentence in (text, "Police said 12 people were shot by officers in 2020.", text):
                assert searcher(regex, sentence) == (regex.search(sentence) is not None), regex.pattern[:60]


def test_every_lexicon_regex_is_covered_or_falls_back() -> None:
    """Most regexes get a lead (else the speed-up is gone); those without one fall back to `re` itself: "police then
    shot", the "link to another story" veto and the "opinion label" marker start with `^`, "officer-involved
    shooting" has "a" among its strings, "another, earlier incident" starts with `\\w+`."""
    with_lead = [pattern for pattern in REGEXES if lead(pattern)]
    assert len(with_lead) >= len(REGEXES) - 5
    assert Starts.of(re.compile(r",?\s*police")).finder is None


def test_exact_strings_are_those_of_the_requirement_analysis() -> None:
    """`exact_strings` (the light form `starts.lead` uses) gives the exact strings of `literals._node` for every
    item of every lexicon regex."""
    stack = [item for regex in REGEXES for item in sre_parse.parse(regex.pattern, regex.flags).data]
    while stack:
        op, av = stack.pop()
        assert exact_strings(op, av) == _node(op, av).exact, (op, av)
        if op is sre.SUBPATTERN:
            stack.extend(av[3])
        elif op is sre.BRANCH:
            stack.extend(item for alternative in av[1] for item in alternative)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            stack.extend(av[2])


@hyp_settings(max_examples=300, deadline=None)
@given(
    st.sets(st.text(alphabet="abcs’.-", min_size=1, max_size=6), min_size=1, max_size=12),
    st.text(alphabet="abcs’.- ", max_size=60),
)
def test_a_trie_finds_the_longest_string_where_the_flat_alternation_does(strings: set[str], text: str) -> None:
    flat = re.compile("|".join(map(re.escape, sorted(strings, key=lambda s: (-len(s), s)))))
    shaped = re.compile(trie(strings))
    for start in range(len(text) + 1):
        expected, found = flat.search(text, start), shaped.search(text, start)
        assert (found and (found.start(), found.group())) == (expected and (expected.start(), expected.group()))


def test_a_trie_shares_prefixes() -> None:
    assert trie(["shot", "shots", "shooting"]) == "sho(?:oting|t(?:s)?)"
    assert trie(["a.b"]) == r"a\.b"
