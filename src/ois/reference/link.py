"""Linking people of ours to a reference database: blocking, scoring, and the known / possible / new decision.

Blocking: a reference row is a candidate for a person of ours when it is in the same state within
`link_window_days` of the incident date (any state when ours is unknown), or when a surname or first-name sound
(Soundex) is shared within `link_name_window_days` (for an undated incident: before its first report).

Scoring is Fellegi-Sunter: each compared field (`ois.reference.compare`) reaches a level whose weight is the log2
of m/u, the chance of that level among true links over its chance among other candidate pairs. Weights and the
prior are fitted by `scripts/fit_linking.py` (data/link_weights.json says on what); the sum gives the
probability and the levels give the explanation (evidence for and against).

Deciding: pairs are taken best first, one reference row per person and one person per row. A person is `known`
when the best free candidate reaches `link_known_probability` and every other one stays below
`link_possible_probability` or is `link_margin_log2` bits less likely (two victims of one shooting differ by
their names), and, when no name can be compared, the dates agree within a day;
`possible` when some candidate reaches `link_possible_probability` (the best ones are kept for review); `new` when
none does and the reference covers the date; else no status. A user's confirmation or rejection wins.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ois import data, names
from ois.reference import compare
from ois.reference.records import Candidate, Evidence, Link, RefRow, Who
from ois.settings import Settings

# Our outcome for a person, as evidence: every reference row is a death. Not fitted (the fitting data, MPV rows,
# are all deaths): priors. Roughly half the people police shoot survive, and a survivor's first reports say
# "injured"; a death reported only as an injury is rare (a follow-up that says "died" makes the outcome killed),
# so 1/64; unhurt 1/1024. With them a place-and-date match without a name stays `possible` for a survivor.
OUTCOME_WEIGHTS = {"injured": -6.0, "uninjured": -10.0}
OUTCOME_TEXT = {"injured": "we report them injured, not killed", "uninjured": "we report them unhurt"}


@dataclass(frozen=True)
class Weights:
    prior_log2: float  # log2 odds that a blocked candidate pair is a link, before any comparison
    fields: Mapping[str, Mapping[str, float]]  # field -> level -> log2(m/u)


@cache
def weights() -> Weights:
    table = data.load("link_weights")
    return Weights(table["prior_log2"], table["fields"])


def probability(log2_odds: float) -> float:
    return 1.0 / (1.0 + 2.0 ** (-log2_odds)) if log2_odds > -60 else 0.0


def score(who: Who, ref: RefRow, rule: names.NameRule, settings: Settings, w: Weights | None = None) -> Candidate:
    """The probability that `ref` is `who`, with the evidence of each compared field."""
    w = w or weights()
    evidence = [
        Evidence(name, level, w.fields.get(name, {}).get(level, 0.0), "")
        for name, level in compare.levels(who, ref, rule, settings.link_name_similar_ratio).items()
    ]
    if who.outcome in OUTCOME_WEIGHTS:
        evidence.append(Evidence("outcome", who.outcome, OUTCOME_WEIGHTS[who.outcome], OUTCOME_TEXT[who.outcome]))
    total = w.prior_log2 + sum(e.weight for e in evidence)
    return Candidate(ref, probability(total), tuple(evidence), total)


def explained(who: Who, candidate: Candidate) -> Candidate:
    """The candidate with a readable sentence for each piece of evidence (written only for kept candidates)."""
    evidence = tuple(
        e if e.text else dataclasses.replace(e, text=compare.describe(e.field, e.level, who, candidate.ref))
        for e in candidate.evidence
    )
    return dataclasses.replace(candidate, evidence=evidence)


@lru_cache(maxsize=1 << 15)
def name_keys(name: str | None) -> frozenset[str]:
    """Blocking keys of a name: the Soundex of its surname with its first initial (for each alias)."""
    return frozenset(
        names.soundex(words[-1]) + words[0][0] for words in compare.aliases(name or "") if len(words[-1]) > 1
    )


class Index:
    """Reference rows by state and date, and by name sound, for blocking."""

    def __init__(self, refs: Sequence[RefRow]):
        self.refs = list(refs)
        by_state: dict[str | None, list[tuple[int, int]]] = defaultdict(list)
        by_name: dict[str, list[int]] = defaultdict(list)
        for i, ref in enumerate(self.refs):
            if ref.date is None:
                continue
            day = ref.date.toordinal()
            by_state[ref.state].append((day, i))
            by_state["*"].append((day, i))
            for key in name_keys(ref.name):
                by_name[key].append(i)
        self.by_state = {k: sorted(v) for k, v in by_state.items()}
        self.by_name = dict(by_name)
        dates = [r.date for r in self.refs if r.date]
        self.first, self.last = (min(dates), max(dates)) if dates else (None, None)
        self.by_id = {r.id: r for r in self.refs}

    def covers(self, date: dt.date | None) -> bool:
        return bool(date and self.first and self.last and self.first <= date <= self.last)

    def _dated(self, state: str, day: int, window: int) -> list[int]:
        rows = self.by_state.get(state, [])
        lo = bisect.bisect_left(rows, (day - window, -1))
        hi = bisect.bisect_right(rows, (day + window, len(self.refs)))
        return [i for _, i in rows[lo:hi]]

    def candidates(self, who: Who, window_days: int, name_window_days: int) -> list[RefRow]:
        found: set[int] = set()
        if who.date:
            found.update(self._dated(who.state or "*", who.date.toordinal(), window_days))
        anchor = who.date or who.published
        # Days from the reference date to ours; undated, the shooting happened before its first report.
        low = -name_window_days if who.date else 0
        for key in name_keys(who.name) if anchor else ():
            for i in self.by_name.get(key, ()):
                if low <= (anchor - self.refs[i].date).days <= name_window_days:  # type: ignore[operator]
                    found.add(i)
        return [self.refs[i] for i in sorted(found)]


@dataclass(frozen=True)
class Decisions:
    """Users' word on links, by person (index into the people being linked): confirmed reference id, rejected
    ids, and the decision records to show."""

    confirmed: Mapping[int, str]
    rejected: Mapping[int, frozenset[str]]
    records: Mapping[tuple[int, str], dict]


NO_DECISIONS = Decisions({}, {}, {})


def scored(whos: Sequence[Who], index: Index, settings: Settings) -> list[list[Candidate]]:
    """Every person's blocked candidates, scored, best first."""
    rule = names.rule(settings)
    w = weights()
    out = []
    for who in whos:
        found = index.candidates(who, settings.link_window_days, settings.link_name_window_days)
        out.append(sorted((score(who, ref, rule, settings, w) for ref in found), key=lambda c: -c.probability))
    return out


def decide(
    whos: Sequence[Who],
    candidates: Sequence[list[Candidate]],
    index: Index,
    source: str,
    settings: Settings,
    decisions: Decisions = NO_DECISIONS,
) -> list[Link]:
    """Known / possible / new for each person (see the module docstring), one reference row per person."""
    known_min, possible_min = settings.link_known_probability, settings.link_possible_probability
    rule = names.rule(settings)
    lists = [[c for c in cands if c.ref.id not in decisions.rejected.get(n, ())] for n, cands in enumerate(candidates)]
    links: dict[int, Link] = {}
    taken: dict[str, int] = {}
    for n, ref_id in decisions.confirmed.items():
        ref = index.by_id.get(ref_id)
        if ref is None:
            links[n] = Link(whos[n], source, None, note=f"confirmed link to {ref_id}, which the loaded file lacks")
            continue
        chosen = next((c for c in lists[n] if c.ref.id == ref_id), None) or score(whos[n], ref, rule, settings)
        links[n] = Link(whos[n], source, "known", (explained(whos[n], chosen),), decisions.records.get((n, ref_id)))
        taken[ref_id] = n
    pairs = sorted(((c.probability, n, c) for n, cands in enumerate(lists) for c in cands), key=lambda x: -x[0])
    for p, n, cand in pairs:
        if p < known_min:
            break
        if n in links or cand.ref.id in taken:
            continue
        rivals = [
            c
            for c in lists[n]
            if c is not cand
            and c.ref.id not in taken
            and c.probability >= possible_min
            and cand.log2_odds - c.log2_odds < settings.link_margin_log2
        ]
        if not rivals and _identified(cand):
            links[n] = Link(whos[n], source, "known", (explained(whos[n], cand),))
            taken[cand.ref.id] = n
    shown = settings.link_candidates_shown
    for n, who in enumerate(whos):
        if n in links:
            continue
        plausible = [c for c in lists[n] if c.probability >= possible_min][:shown]
        if plausible:
            notes = [_taken_note(c.ref.id, who, whos[taken[c.ref.id]]) for c in plausible if c.ref.id in taken]
            links[n] = Link(who, source, "possible", tuple(explained(who, c) for c in plausible), note="; ".join(notes))
        else:
            covered = index.covers(who.date)
            closest = [explained(who, c) for c in lists[n][:1] if c.probability >= CLOSEST_MIN_PROBABILITY]
            links[n] = Link(who, source, "new" if covered else None, tuple(closest))
    return [links[n] for n in range(len(whos))]


# Without a name on both sides, only place, date, age and agency identify a person: such a link is made only when
# the dates agree within a day (else it waits for review). Hand checks (docs/linking.md): an unnamed subject
# five days from an unnamed reference row in the same city was another shooting.
UNNAMED_DATE_LEVELS = ("same", "1")
# A person with no plausible candidate keeps its closest row (shown as "closest, not a link") only when it is at
# least this likely: enough to show a near miss (a name match four days off scored 0.02), not every neighbour.
CLOSEST_MIN_PROBABILITY = 0.001


def _identified(candidate: Candidate) -> bool:
    levels = {e.field: e.level for e in candidate.evidence}
    return levels.get("name") != "missing" or levels.get("date") in UNNAMED_DATE_LEVELS


def _taken_note(ref_id: str, who: Who, holder: Who) -> str:
    """Why a plausible candidate is not this person's link: another person of ours holds it."""
    if holder.incident_id == who.incident_id:
        return f"{ref_id} is linked to person {holder.person + 1} of this incident (the same person listed twice?)"
    return f"{ref_id} is linked to incident {holder.incident_id} (the same shooting twice in our database?)"


def link(
    whos: Sequence[Who],
    refs: Iterable[RefRow] | Index,
    source: str,
    settings: Settings,
    decisions: Decisions = NO_DECISIONS,
) -> list[Link]:
    """Link people of ours to one reference database (rows or a prebuilt `Index`)."""
    index = refs if isinstance(refs, Index) else Index(list(refs))
    return decide(whos, scored(whos, index, settings), index, source, settings, decisions)
