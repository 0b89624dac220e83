"""The one name rule: how person names are folded, split into tokens and compared, everywhere in `ois`.

A shared helper like `geo.py` (it imports no stage). Extraction clusters the mentions of one article with it,
resolution compares people across reports and merges them with it, and evaluation scores names with it, so "the
same person" means one thing. Titles and suffixes come from one lexicon, `data/names.json`.

A name is compared as tokens: folded (lower case, no accents, no dots), a quoted nickname dropped ('Dale "Dee"
Orrin'), titles ("Officer", "Sgt.", "Mr.") and suffixes ("Jr.", "III") dropped, split at anything that is not a
letter ("O'Neil" -> o neil). Two names are the same person when (see `NameRule.similarity`):

1. their surnames (last tokens) agree: equal, or - for surnames longer than four letters - a spelling variant at
   or above the rule's surname ratio (rapidfuzz; Tompkins/Thompkins 94, Smith/Smyth 80, Jones/Jonas 80); and
2. one side is a surname alone ("Orr" = "Malcolm Antwan Orr"; a name opening with a particle such as "De Guzman"
   is one), or the first names agree: equal, one the other's initial ("M. Orr"), one the other's prefix ("Chris" /
   "Christopher"), short forms of one name ("Bill" / "William", lexicon `nicknames`), or a spelling variant at or
   above the rule's first-name ratio. Middle names are ignored.

The thresholds are settings (`person_surname_similarity` within one article, `match_surname_similarity` across
reports, `name_first_similarity`); evaluation uses `STRICT`, where a misspelt name is a wrong name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from ois import data

_LETTERS = re.compile(r"[a-z]+")
_NICKNAME = re.compile(r"[\"“”][^\"“”]*[\"“”]")
_SOUNDEX = str.maketrans("bfpvcgjkqsxzdtlmnr", "111122222222334556")
# Fuzzy surname matches need both surnames longer than this: one letter changes a short name ("Lee" / "Leo").
_FUZZY_SURNAME_MIN_LETTERS = 4


def fold(text: str) -> str:
    """Lower case without accents and dots, single spaces: 'Saint-Jérôme  St.' -> 'saint-jerome st'."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace(".", "").split())


fold_short = lru_cache(maxsize=1 << 16)(fold)  # short values (names, places, agencies) repeat across reports


@lru_cache(maxsize=1)
def _titles() -> dict[str, str]:
    """Title word -> its kind ("officer", "courtesy", "other", "neutral")."""
    return {word: kind for kind, words in data.load("names")["titles"].items() for word in words}


def suffixes() -> frozenset[str]:
    """Name suffixes ("jr", "iii"): part of how a name is written, never a surname."""
    return frozenset(data.load("names")["suffixes"])


def singular(word: str) -> str:
    """The regular singular of a plural noun ending in "s": "Deputies" -> "Deputy", "Officers" -> "Officer"."""
    return word[:-3] + "y" if word.lower().endswith("ies") else word[:-1]


def is_suffix(word: str) -> bool:
    """ "Jr.", "III": a name suffix as written (after a name it stays a name word: "Varn III" is the parser's head of
    the name, and a mention without it would leave its verb's subject nobody)."""
    return word.lower().strip(".") in suffixes()


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, str]:
    """Short form of a given name -> the name it shortens ("bill" -> "william"; data/names.json)."""
    return data.load("names")["nicknames"]


@lru_cache(maxsize=1)
def particles() -> frozenset[str]:
    """Words that open a surname ("de", "van"): "De Guzman" is a surname alone."""
    return frozenset(data.load("names")["particles"])


def surname_only(words: tuple[str, ...]) -> bool:
    """Name tokens that are a surname alone: one word, or a surname opening with a particle ("de guzman")."""
    return len(words) == 1 or (len(words) > 1 and words[0] in particles())


def surname_parts(name: str) -> set[str]:
    """The parts of a double surname a story may call the person by ("ortega-villanueva" -> ortega, villanueva); a
    single surname is its own part."""
    parts = name.split("-")
    return {parts[0], parts[-1]}


def courtesy_gender(title: str) -> str | None:
    """The gender a courtesy title states ("mrs" -> "female"), else None."""
    return data.load("names")["titles"]["courtesy"].get(title)


def title_of(word: str) -> str | None:
    """The kind of title a word is, as written in running text: "officer" for police ranks ("Sgt."), the courtesy
    title itself ("mr", "mrs"; capitalised only: "don't miss Our ..." is no title), "other" for officials quoted
    about a case (sheriffs, chiefs, judges), "neutral" for other titles ("Dr.", "Rev."; capitalised only)."""
    w = word.lower().strip(".")
    kind = _titles().get(w)
    if kind in ("courtesy", "neutral") and not word[:1].isupper():
        return None
    return w if kind == "courtesy" else kind


@lru_cache(maxsize=1)
def _not_tokens() -> frozenset[str]:
    return frozenset(_titles().keys() | suffixes())


@lru_cache(maxsize=1 << 16)
def tokens(name: str) -> tuple[str, ...]:
    """Name tokens: 'Sgt. Malcolm A. "Mac" Orr Jr.' -> ('malcolm', 'a', 'orr')."""
    drop = _not_tokens()
    return tuple(t for t in _LETTERS.findall(fold(_NICKNAME.sub(" ", name))) if t not in drop)


def surname(words: tuple[str, ...]) -> str:
    """The surname of name words as written ("Malcolm Orr Jr." -> "orr"): the last word that is no suffix."""
    rest = [w for w in words if w.lower().strip(".") not in suffixes()] or list(words)
    return rest[-1].lower().strip(".")


@lru_cache(maxsize=1 << 16)  # surnames repeat across reports
def soundex(word: str) -> str:
    """American Soundex, so 'Tompkins' and 'Thompkins' share a blocking key (T512)."""
    if not word:
        return ""
    codes = word.lower().translate(_SOUNDEX)
    out, last = word[0].upper(), codes[0]
    for ch, raw in zip(codes[1:], word[1:].lower(), strict=True):
        if ch.isdigit() and ch != last:
            out += ch
        if raw not in "hw":  # h and w do not separate equal codes
            last = ch if ch.isdigit() else ""
    return (out + "000")[:4]


def short_for(word: str, first: str) -> bool:
    """A folded first name written alone is this first name or its short form ("pat" for "patrick"; not "jamie"
    for "jim": two short forms of one name may be two people's, a man's and a woman's)."""
    return word == first or _nicknames().get(word) == first


@dataclass(frozen=True)
class NameRule:
    """The name rule with its two thresholds (rapidfuzz ratios, 0-100; 100 = exact only)."""

    surname_min: float
    first_min: float

    def same_surname(self, a: str, b: str) -> bool:
        """Equal, or spelling variants of a surname longer than four letters; "Villanueva" and "Ortega" are also
        the last and the first part of a double surname written as one word ("Ortega-Villanueva": stories call a
        man by either)."""
        if a == b or a.rsplit("-", 1)[-1] == b.rsplit("-", 1)[-1]:
            return True
        if ("-" in a) != ("-" in b) and (a if "-" in b else b) in surname_parts(b if "-" in b else a):
            return True
        long_enough = min(len(a), len(b)) > _FUZZY_SURNAME_MIN_LETTERS
        return long_enough and self.surname_min < 100 and fuzz.ratio(a, b) >= self.surname_min

    def same_first(self, a: str, b: str) -> bool:
        """First names agree: equal, an initial, a prefix (Chris/Christopher), a short form (Bill/William) or a
        spelling variant."""
        if len(a) == 1 or len(b) == 1:
            return a[0] == b[0]
        if a == b or a.startswith(b) or b.startswith(a):
            return True
        if _nicknames().get(a, a) == _nicknames().get(b, b):  # "Bill" / "William", "Billy" / "Bill"
            return True
        return self.first_min < 100 and fuzz.ratio(a, b) >= self.first_min

    def similarity(self, a: tuple[str, ...], b: tuple[str, ...]) -> float:
        """0..1 from name tokens: 1.0 the same name, 0.9 a spelling variant of it, 0.7 a surname alone matching a
        name (0.6 a variant of it), 0.0 different people (see the module docstring)."""
        if not a or not b or not self.same_surname(a[-1], b[-1]):
            return 0.0
        exact = a[-1] == b[-1]
        if surname_only(a) or surname_only(b):
            return 0.7 if exact else 0.6
        if not self.same_first(a[0], b[0]):
            return 0.0
        return 1.0 if exact else 0.9

    def match(self, a: str | None, b: str | None) -> bool:
        """Two written names are the same person."""
        return bool(a and b) and self.similarity(tokens(a), tokens(b)) > 0


# Evaluation: a misspelt surname or first name is a wrong name.
STRICT = NameRule(surname_min=100, first_min=100)


def rule(settings: Any, within_article: bool = False) -> NameRule:
    """The rule with the thresholds of `settings` (an `ois.settings.Settings`): within one article, or across
    reports of different outlets (which misspell names more often)."""
    surname_min = settings.person_surname_similarity if within_article else settings.match_surname_similarity
    return NameRule(surname_min, settings.name_first_similarity)
