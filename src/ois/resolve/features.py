"""Per-report profiles: the normalised values that blocking, pair scoring and merging compare.

Built once per report so the O(pairs) work never re-normalises text. Salient terms are tf-idf weighted words of
the article text (idf over the batch being resolved): they carry street names, victims' names and other details
the extractors may miss, and they down-weight words every crime story shares.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from ois.models import Report
from ois.settings import Settings

_TERM = re.compile(r"[a-z][a-z0-9'-]{2,}|[0-9]{3,}")
_NAME_PART = re.compile(r"[a-z]+")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_SOUNDEX = str.maketrans("bfpvcgjkqsxzdtlmnr", "111122222222334556")


def fold_text(text: str) -> str:
    """Lower case without accents and dots, single spaces: 'Saint-Jérôme  St.' -> 'saint-jerome st'."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace(".", "").split())


fold = lru_cache(maxsize=1 << 16)(fold_text)  # short values (names, places) repeat across reports


@lru_cache(maxsize=1 << 16)
def name_tokens(name: str) -> tuple[str, ...]:
    """Name parts without suffixes: 'Malcolm A. Orr Jr.' -> ('malcolm', 'a', 'orr')."""
    return tuple(t for t in _NAME_PART.findall(fold(name)) if t not in _SUFFIXES)


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


def name_similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """0..1: how likely two name mentions are the same person.

    Surnames must agree fuzzily (ratio >= 85 catches one-letter spelling variants such as Tompkins/Thompkins).
    A surname-only mention ("Orr said") matches any full name with that surname at 0.7; full names need
    compatible first names (same, fuzzy, or an initial).
    """
    if not a or not b:
        return 0.0
    surname = fuzz.ratio(a[-1], b[-1])
    if surname < 85:
        return 0.0
    exact = a[-1] == b[-1]
    if len(a) == 1 or len(b) == 1:
        return 0.7 if exact else 0.6
    first_a, first_b = a[0], b[0]
    if len(first_a) == 1 or len(first_b) == 1:
        compatible = first_a[0] == first_b[0]
    else:
        compatible = fuzz.ratio(first_a, first_b) >= 80 or first_a.startswith(first_b) or first_b.startswith(first_a)
    if not compatible:
        return 0.0
    return 1.0 if exact else 0.9


@dataclass(frozen=True)
class Profile:
    """What resolution compares for one report."""

    idx: int
    id: str
    date: dt.date | None  # incident date
    published: dt.date | None
    city: str | None
    state: str | None
    agency: str | None
    names: tuple[tuple[str, tuple[str, ...]], ...]  # (role, name tokens)
    subject_killed: bool | None  # a subject was killed / subjects were only injured / unknown
    terms: Mapping[str, float]  # salient term -> tf-idf weight (top N)
    root: str  # copy-group root (the id itself when no copy)

    @property
    def anchor(self) -> dt.date | None:
        """The date used for windows: the incident date, else the publication date."""
        return self.date or self.published

    def surnames(self) -> set[str]:
        return {tokens[-1] for _, tokens in self.names if len(tokens[-1]) > 1}

    def name_keys(self) -> set[str]:
        return {soundex(surname) for surname in self.surnames()}


def _value(fact) -> object | None:
    return None if fact is None else fact.value


def _subject_killed(report: Report) -> bool | None:
    outcomes = [_value(p.outcome) for p in report.subjects() if p.outcome is not None]
    if not outcomes:
        return None
    return "killed" in outcomes


def _term_counts(texts: Sequence[str]) -> list[Counter[str]]:
    return [Counter(_TERM.findall(fold_text(t))) for t in texts]


def build_profiles(
    reports: Sequence[Report], texts: Mapping[str, str], copies: Mapping[str, str], settings: Settings
) -> list[Profile]:
    counts = _term_counts([texts.get(r.article_id) or "" for r in reports])
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = max(len(reports), 2)
    keep = settings.salient_terms
    profiles = []
    for idx, (report, tf) in enumerate(zip(reports, counts, strict=True)):
        # df >= 2: a word in one report can never be shared; idf over the batch down-weights common words.
        scored = {t: (1 + math.log(c)) * math.log(n / df[t]) for t, c in tf.items() if 2 <= df[t] < n}
        top = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
        names = tuple(
            (p.role, tokens) for p in report.people if p.name is not None and (tokens := name_tokens(str(p.name.value)))
        )
        city, state, agency = (_value(f) for f in (report.city, report.state, report.agency))
        date = _value(report.incident_date)
        profiles.append(
            Profile(
                idx=idx,
                id=report.article_id,
                date=date if isinstance(date, dt.date) else None,
                published=report.published,
                city=fold(str(city)) if city else None,
                state=str(state).upper() if state else None,
                agency=fold(str(agency)) if agency else None,
                names=names,
                subject_killed=_subject_killed(report),
                terms=dict(top),
                root=copies.get(report.article_id, report.article_id),
            )
        )
    return profiles
