"""Per-report profiles: the normalised values that blocking, pair scoring and merging compare.

Built once per report so the O(pairs) work never re-normalises text. Salient terms are tf-idf weighted words of
the article text (idf over the batch being resolved): they carry street names, victims' names and other details
the extractors may miss, and they down-weight words every crime story shares.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ois import boilerplate
from ois.models import Report
from ois.names import fold, fold_short, soundex, tokens
from ois.settings import Settings

_TERM = re.compile(r"[a-z][a-z0-9'-]{2,}|[0-9]{3,}")


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
        return {words[-1] for _, words in self.names if len(words[-1]) > 1}

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
    return [Counter(_TERM.findall(fold(boilerplate.strip(t)))) for t in texts]  # page furniture links nothing


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
            (p.role, words) for p in report.people if p.name is not None and (words := tokens(str(p.name.value)))
        )
        city, state, agency = (_value(f) for f in (report.city, report.state, report.agency))
        date = _value(report.incident_date)
        profiles.append(
            Profile(
                idx=idx,
                id=report.article_id,
                date=date if isinstance(date, dt.date) else None,
                published=report.published,
                city=fold_short(str(city)) if city else None,
                state=str(state).upper() if state else None,
                agency=fold_short(str(agency)) if agency else None,
                names=names,
                subject_killed=_subject_killed(report),
                terms=dict(top),
                root=copies.get(report.article_id, report.article_id),
            )
        )
    return profiles
