"""Per-report profiles: the normalised values that blocking, pair scoring and merging compare.

Built once per report so the O(pairs) work never re-normalises text. Salient terms are tf-idf weighted words of
the article text: they carry street names, victims' names and other details the extractors may miss, and they
down-weight words every crime story shares. The idf comes from a fixed table of how common words are in news
(`data/resolve_terms.json`, scripts/fit_resolve_terms.py), so a report's profile depends on the report and on one
fact about the others only: how many of them have each of its terms, capped at `common_term_reports` (`links`: a
word in one report can never be shared, and a word that that many reports share is common, whatever the table
says - template wording). That is what lets an ingest re-resolve only what its new reports touch
(`ois.resolve.incremental`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

from ois import data
from ois.models import Report, fact_value
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


def profile_json(p: Profile) -> str:
    """A profile as the resolution index stores it (without its position, which is the report's order)."""
    doc = {
        "id": p.id,
        "date": p.date.isoformat() if p.date else None,
        "published": p.published.isoformat() if p.published else None,
        "city": p.city,
        "state": p.state,
        "agency": p.agency,
        "names": [[role, list(words)] for role, words in p.names],
        "killed": p.subject_killed,
        "terms": p.terms,
        "root": p.root,
    }
    return json.dumps(doc, separators=(",", ":"))


def profile_from_json(raw: str, idx: int) -> Profile:
    doc = json.loads(raw)
    day = dt.date.fromisoformat
    return Profile(
        idx=idx,
        id=doc["id"],
        date=day(doc["date"]) if doc["date"] else None,
        published=day(doc["published"]) if doc["published"] else None,
        city=doc["city"],
        state=doc["state"],
        agency=doc["agency"],
        names=tuple((role, tuple(words)) for role, words in doc["names"]),
        subject_killed=doc["killed"],
        terms=doc["terms"],
        root=doc["root"],
    )


def _subject_killed(report: Report) -> bool | None:
    outcomes = [fact_value(p.outcome) for p in report.subjects() if p.outcome is not None]
    if not outcomes:
        return None
    return "killed" in outcomes


def term_counts(story: str) -> Counter[str]:
    """Salient-term candidates of an article's story and their counts. `story`: its text without page furniture
    (`boilerplate.strip`), which links nothing."""
    return Counter(_TERM.findall(fold(story)))


@dataclass(frozen=True)
class TermTable:
    """How common terms are in news (`data/resolve_terms.json`): document frequencies out of `documents`."""

    documents: int
    df: Mapping[str, int]
    absent_df: float  # a term the table lacks is rarer than any it has

    def rarity(self, term: str) -> float:
        """The term's document frequency in the table (lower = rarer)."""
        return self.df.get(term, self.absent_df)

    def idf(self, term: str) -> float:
        return math.log(self.documents / self.rarity(term))


@cache
def term_table() -> TermTable:
    raw = data.load("resolve_terms")
    return TermTable(int(raw["documents"]), raw["df"], float(raw["absent_df"]))


def links(reports: int, settings: Settings) -> bool:
    """Whether a term that `reports` of the resolved reports have may be a salient term: another report has it
    too, and fewer than `common_term_reports` do (a word that many reports share links nothing)."""
    return 2 <= reports < settings.common_term_reports


def build_profile(
    idx: int, report: Report, tf: Counter[str], linking: Callable[[str], bool], root: str, settings: Settings
) -> Profile:
    """One report's profile. `tf`: its `term_counts`; `linking(term)`: the term `links` (by how many of the
    reports being resolved have it); `root`: its copy-group root (its own id when it has no copy)."""
    table = term_table()
    scored = {t: (1 + math.log(c)) * table.idf(t) for t, c in tf.items() if linking(t)}
    top = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[: settings.salient_terms]
    people = (*report.people, *report.subjects_victims())  # the gunman's victims name the incident too
    names = tuple((p.role, words) for p in people if p.name is not None and (words := tokens(str(p.name.value))))
    city, state, agency = (fact_value(f) for f in (report.city, report.state, report.agency))
    date = fact_value(report.incident_date)
    return Profile(
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
        root=root,
    )
