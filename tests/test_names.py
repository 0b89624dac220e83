"""The one name rule (ois.names): folding, tokens, titles and suffixes, similarity at each threshold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ois import names
from ois.settings import Settings

ACROSS = names.rule(Settings(env={}))
WITHIN = names.rule(Settings(env={}), within_article=True)


def test_fold_and_tokens():
    assert names.fold("Saint-Jérôme  St.") == "saint-jerome st"
    assert names.tokens("Malcolm A. Orr Jr.") == ("malcolm", "a", "orr")
    assert names.tokens('Sgt. Dale "Dee" Orrin III') == ("dale", "orrin")
    assert names.tokens("Shaquille O'Neal") == ("shaquille", "o", "neal")
    assert names.surname(("Malcolm", "Orr", "Jr.")) == "orr"


def test_titles_from_one_lexicon():
    assert names.title_of("Sgt.") == "officer" and names.title_of("deputy") == "officer"
    assert names.title_of("Mrs.") == "mrs" and names.courtesy_gender("mrs") == "female"
    assert names.title_of("miss") is None  # "don't miss Our ..." is no title
    assert names.title_of("Sheriff") == "other" and names.title_of("Rev.") == "neutral"
    assert names.title_of("Hunter") is None


def test_soundex():
    assert names.soundex("Tompkins") == names.soundex("Thompkins") == "T512"
    assert names.soundex("Robert") == "R163" and names.soundex("Ashcraft") == "A261"


def test_similarity_levels():
    assert ACROSS.similarity(("darnell", "tompkins"), ("darnell", "thompkins")) == 0.9
    assert ACROSS.similarity(("tompkins",), ("darnell", "tompkins")) == 0.7
    assert ACROSS.similarity(("thompkins",), ("darnell", "tompkins")) == 0.6
    assert ACROSS.similarity(("keisha", "tompkins"), ("darnell", "tompkins")) == 0.0
    assert ACROSS.similarity(("chris", "orr"), ("christopher", "orr")) == 1.0  # a prefix of the first name
    assert ACROSS.similarity(("jon", "orr"), ("john", "orr")) == 1.0  # spelling variant, ratio 86
    assert ACROSS.similarity(("m", "orr"), ("malcolm", "orr")) == 1.0  # an initial
    assert ACROSS.similarity(("de", "guzman"), ("jonathan", "de", "guzman")) == 0.7  # a surname with its particle
    assert ACROSS.similarity(("van", "dyke"), ("jason", "van", "dyke")) == 0.7
    assert names.surname_only(("de", "guzman")) and names.surname_only(("orr",))
    assert not names.surname_only(("jonathan", "de", "guzman"))
    # a double surname the extractor keeps as one word: its last part is the same surname, the whole is a surname alone
    assert WITHIN.similarity(("ortega-villanueva",), ("rafael", "ortega-villanueva")) == 0.7
    assert WITHIN.similarity(("villanueva",), ("rafael", "ortega-villanueva")) == 0.6
    assert WITHIN.similarity(("rafael", "villanueva"), ("rafael", "ortega-villanueva")) == 0.9
    # ... and so is its first part, which stories use as often ("Ortega" for Rafael Ortega-Villanueva)
    assert WITHIN.similarity(("ortega",), ("rafael", "ortega-villanueva")) == 0.6
    assert WITHIN.similarity(("rafael", "ortega-villanueva"), ("ortega",)) == 0.6
    assert WITHIN.similarity(("ortega-ruiz",), ("rafael", "ortega-villanueva")) == 0.0  # another double surname


@pytest.mark.parametrize(
    ("a", "b", "across", "within", "strict"),
    [
        ("Darnell Tompkins", "Darnell Thompkins", True, True, False),  # ratio 94
        ("Ann Hall", "Ann Halls", False, False, False),  # four letters: never fuzzy
        ("Ann Smith", "Ann Smyth", False, False, False),  # ratio 80
        ("Kim Johnston", "Kim Johnstone", True, True, False),  # ratio 96
        ("Ray Thompson", "Ray Thomsson", True, False, False),  # ratio 87.5: across reports only
    ],
)
def test_thresholds(a, b, across, within, strict):
    assert ACROSS.match(a, b) is across
    assert WITHIN.match(a, b) is within
    assert names.STRICT.match(a, b) is strict


def test_thresholds_are_settings():
    loose = names.rule(Settings({"match_surname_similarity": 80}, env={}))
    assert loose.match("Ann Smith", "Ann Smyth")
    assert not names.rule(Settings({"name_first_similarity": 90}, env={})).match("Jon Orr", "John Orr")


@given(st.text(max_size=40), st.text(max_size=40))
def test_never_fails(a, b):
    words = names.tokens(a)
    assert all(t and t.isascii() and t == t.lower() for t in words)
    assert 0.0 <= ACROSS.similarity(words, names.tokens(b)) <= 1.0
    assert ACROSS.match(a, b) == ACROSS.match(b, a)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Bill Roe", "William Roe", True),  # a short form
        ("Billy Roe", "Bill Roe", True),  # two short forms of one name
        ("Mike Roe", "Michael Roe", True),
        ("Chris Roe", "Christian Roe", True),  # a prefix still agrees though "chris" is listed for Christopher
        ("Mike Roe", "Mark Roe", False),
        ("Bill Roe", "Robert Roe", False),
    ],
)
def test_short_forms_of_a_given_name_are_one_person_even_strictly(a, b, same):
    assert names.STRICT.match(a, b) is same and ACROSS.match(a, b) is same


@pytest.mark.parametrize(
    ("word", "first", "same"),
    [("pat", "pat", True), ("pat", "patrick", True), ("jamie", "jim", False), ("patrick", "pat", False)],
)
def test_a_first_name_alone_is_a_name_or_its_short_form(word, first, same):
    assert names.short_for(word, first) is same  # (two short forms of one name may be a man's and a woman's)
