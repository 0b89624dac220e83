"""Merging the reports of one incident into incident fields and people, keeping support and conflicts.

Support is counted in independent sources: MinHash copies of one article count once. The value with the most
independent support wins (ties: more reports, then the earliest report); every other value is kept as a
conflict with its own reports and evidence. List fields (video, legal) keep every distinct value, with one
Alternative per value in `conflicts` giving that value's support (there the alternatives are not disagreements).
Legal facts carry `reported`, the first publication date that gave them, so a follow-up's charges or sentence
show when they became known.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from ois.models import (
    PERSON_FACT_FIELDS,
    REPORT_SINGLE_FIELDS,
    Alternative,
    Fact,
    Incident,
    MergedField,
    Person,
    Report,
    Span,
)
from ois.names import NameRule, fold_short, surname_only, tokens

_FAR = dt.date.max


def _show(value) -> str:
    return json.dumps(value, sort_keys=True, default=str) if isinstance(value, Mapping) else repr(value)


def _key(value) -> str:
    """Grouping key: case and accents do not make a different value."""
    if isinstance(value, str):
        return fold_short(value)
    if isinstance(value, bool | int | float | dt.date):
        return repr(value)
    if isinstance(value, Mapping):
        return json.dumps({k: _key(v) for k, v in value.items()}, sort_keys=True, default=str)
    return json.dumps(value, default=str)


class _Support:
    """Reports backing each value of one field, as independent sources.

    Callers add values in report order (earliest published first), so the first value seen is the earliest.
    """

    def __init__(self, roots: Mapping[str, str]) -> None:
        self.roots = roots
        self.values: dict[str, list[tuple[object, str, Span | None]]] = {}

    def add(self, key: str, value, report_id: str, evidence: Span | None) -> None:
        self.values.setdefault(key, []).append((value, report_id, evidence))

    def _alternative(self, items: list[tuple[object, str, Span | None]]) -> Alternative:
        seen: set[str] = set()
        ids, spans = [], []
        for _, report_id, span in items:
            root = self.roots.get(report_id, report_id)
            if root not in seen:  # one entry per copy group: report_ids lists independent sources
                seen.add(root)
                ids.append(report_id)
                if span is not None:
                    spans.append(span)
        if len(items) == 1:
            return Alternative(items[0][0], tuple(ids), tuple(spans))
        shown = [(_show(v), v) for v, _, _ in items]
        forms = Counter(form for form, _ in shown)
        top = max(forms.values())
        # the most common form, then the fullest ("Pueblo Police Department" over "Pueblo Police"), then the first
        _, value = min(((form, v) for form, v in shown if forms[form] == top), key=lambda fv: -len(fv[0]))
        return Alternative(value, tuple(ids), tuple(spans))

    def ranked(self) -> list[Alternative]:
        """Most independent sources first, then most reports, then the earliest reported."""
        scored = []
        for n, items in enumerate(self.values.values()):
            alt = self._alternative(items)
            scored.append(((-len(alt.report_ids), -len(items), n), alt))
        scored.sort(key=lambda pair: pair[0])
        return [alt for _, alt in scored]

    def nested(self) -> _Support:
        """Values whose words another value contains are that fuller value: "East Orman Avenue" supports "1100 block
        of East Orman Avenue" (one outlet gives the block, another only the street) instead of disputing it."""
        for short in sorted(self.values, key=len):
            fuller = next((k for k in self.values if k != short and f" {short} " in f" {k} "), None)
            if fuller is not None:
                self.values[fuller] = self.values.pop(short) + self.values[fuller]
        return self

    def single(self) -> MergedField | None:
        if not self.values:
            return None
        if len(self.values) == 1:  # the common case, one report giving one value: no ranking needed
            (items,) = self.values.values()
            if len(items) == 1:
                value, report_id, span = items[0]
                return MergedField(value, (report_id,), (span,) if span is not None else ())
        ranked = self.ranked()
        if not ranked:
            return None
        best = ranked[0]
        return MergedField(best.value, best.report_ids, best.evidence, tuple(ranked[1:]))

    def listing(self) -> MergedField | None:
        if not self.values:
            return None
        ranked = self.ranked()
        if not ranked:
            return None
        ids = list(dict.fromkeys(r for alt in ranked for r in alt.report_ids))
        spans = tuple(s for alt in ranked for s in alt.evidence)
        return MergedField([alt.value for alt in ranked], tuple(ids), spans, tuple(ranked))


# Words that name the same force in short and full form ("Pueblo Police" = "Pueblo Police Department").
_AGENCY_GENERIC = re.compile(r"(?:\s+(?:department|dept|office|division|bureau))+$")


def _agency_key(value) -> str:
    return _AGENCY_GENERIC.sub("", re.sub(r"['’]s\b", "", _key(value)))


def _legal_key(value) -> str:
    """One legal step per kind: the same charge or investigation told in other words is the same step."""
    return _key(value.get("kind")) if isinstance(value, Mapping) else _key(value)


_KEYS = {"agency": _agency_key, "legal": _legal_key}
# Fields whose values often name the same thing more or less fully (see `_Support.nested`).
_NESTED = frozenset({"address"})


def _facts_field(support: _Support, facts: Iterable[tuple[str, Fact | None]], key=_key) -> _Support:
    for report_id, fact in facts:
        if fact is not None and fact.value is not None:
            support.add(key(fact.value), fact.value, report_id, fact.evidence)
    return support


def _person_groups(reports: Sequence[Report], rule: NameRule) -> list[list[tuple[str, Person]]]:
    """Persons of all reports grouped as the same real person.

    Named persons first, longest names first, so a surname-only mention ("Orr") joins the full name ("Malcolm
    Orr") and spelling variants (Tompkins/Thompkins, fuzzy) join one person. Each unnamed person then joins the
    group of its role it fits best (`_fit`: same outcome, gender, age; a named person before an unnamed one)
    that no other person of its report joined, else starts one: "the suspect, 18," of one outlet is the
    "Richard Risher, 18," of another, and one report's two officers stay two.
    """
    named = [(r.article_id, p) for r in reports for p in r.people if p.name is not None and tokens(str(p.name.value))]
    named.sort(key=lambda rp: (-len(tokens(str(rp[1].name.value))), rp[0]))
    groups: list[list[tuple[str, Person]]] = []
    tokens_of: list[list[tuple[str, ...]]] = []
    for report_id, person in named:
        words = tokens(str(person.name.value))
        best, best_sim = None, 0.0
        for n, group in enumerate(groups):
            sim = max(rule.similarity(words, t) for t in tokens_of[n])
            sim += 0.05 if group[0][1].role == person.role else 0.0
            if sim > best_sim:
                best, best_sim = n, sim
        if best is not None and best_sim >= 0.6:
            groups[best].append((report_id, person))
            tokens_of[best].append(words)
        else:
            groups.append([(report_id, person)])
            tokens_of.append([words])
    for report in reports:
        for person in (p for p in report.people if p.name is None or not tokens(str(p.name.value))):
            fits = [
                (score, -n)
                for n, group in enumerate(groups)
                if group[0][1].role == person.role
                and all(r != report.article_id for r, _ in group)  # a report's people are different people
                and (score := _fit(person, group)) is not None
            ]
            if fits:
                groups[-max(fits)[1]].append((report.article_id, person))
            else:
                groups.append([(report.article_id, person)])
    return groups


def _fit(person: Person, group: list[tuple[str, Person]]) -> int | None:
    """How well an unnamed person fits a group of the same role from other reports: None when gender or age
    (beyond a birthday) tell them apart, else 2 per matching outcome, 1 per matching gender or age, and 1 for
    a named group (the story named the person another outlet only described)."""
    score = 1 if any(p.name is not None for _, p in group) else 0
    for field, points in (("outcome", 2), ("gender", 1), ("age", 1)):
        mine = getattr(person, field)
        theirs = {getattr(p, field).value for _, p in group if getattr(p, field) is not None}
        if mine is None or not theirs:
            continue
        if mine.value in theirs:
            score += points
        elif field == "gender" or (field == "age" and all(abs(int(mine.value) - int(t)) > 1 for t in theirs)):
            return None
    return score


def _merge_person(
    group: list[tuple[str, Person]], roots: Mapping[str, str], rank: Mapping[str, int]
) -> dict[str, MergedField]:
    group = sorted(group, key=lambda rp: rank[rp[0]])
    out: dict[str, MergedField] = {}
    role = _Support(roots)
    for report_id, person in group:
        role.add(person.role, person.role, report_id, person.mentions[0] if person.mentions else None)
    out["role"] = role.single()
    full = [p.name.value for _, p in group if p.name is not None and not surname_only(tokens(str(p.name.value)))]
    claims = [(report_id, claim) for report_id, person in group for claim in person.claims]
    for field_name in PERSON_FACT_FIELDS:
        given = [(rid, f) for rid, p in group if (f := getattr(p, field_name)) is not None and f.value is not None]
        # another side's value in the same article: a conflict to show
        told = [(report_id, c.fact) for report_id, c in claims if c.field == field_name and c.fact.value is not None]
        if not (given or told):
            continue
        support = _Support(roots)
        for report_id, fact in given:
            value = fact.value
            if field_name == "name" and surname_only(words := tokens(str(value))):
                # A surname-only mention ("Orr", "De Guzman") supports the full name with that surname; it is not a
                # conflict.
                value = next((f for f in full if tokens(str(f))[-1] == words[-1]), value)
            support.add(_key(value), value, report_id, fact.evidence)
        for report_id, fact in told:
            support.add(_key(fact.value), fact.value, report_id, fact.evidence)
        merged = support.single()
        if merged is not None:
            out[field_name] = merged
    return out


def _with_reported(field: MergedField, published: Mapping[str, dt.date | None]) -> MergedField:
    """Note on each legal value when it was first reported (follow-ups bring charges and sentences later)."""
    alts = []
    for alt in field.conflicts:
        dates = [published[r] for r in alt.report_ids if published.get(r)]
        value = {**alt.value, "reported": min(dates)} if isinstance(alt.value, Mapping) and dates else alt.value
        alts.append(Alternative(value, alt.report_ids, alt.evidence))
    return MergedField([a.value for a in alts], field.report_ids, field.evidence, tuple(alts))


def merge_incident(incident_id: str, reports: Sequence[Report], roots: Mapping[str, str], rule: NameRule) -> Incident:
    """The merged Incident of reports already clustered together; `rule` says which names are one person."""
    reports = sorted(reports, key=lambda r: (r.published or _FAR, r.article_id))  # earliest first, see _Support
    published = {r.article_id: r.published for r in reports}
    rank = {r.article_id: n for n, r in enumerate(reports)}
    fields: dict[str, MergedField] = {}
    for name in REPORT_SINGLE_FIELDS:
        facts = [(r.article_id, f) for r in reports if (f := getattr(r, name)) is not None and f.value is not None]
        if not facts:
            continue
        support = _facts_field(_Support(roots), facts, _KEYS.get(name, _key))
        merged = (support.nested() if name in _NESTED else support).single()
        if merged is not None:
            fields[name] = merged
    video = _facts_field(_Support(roots), ((r.article_id, f) for r in reports for f in r.video))
    legal = _facts_field(_Support(roots), ((r.article_id, f) for r in reports for f in r.legal), _legal_key)
    for name, support in (("video", video), ("legal", legal)):
        merged = support.listing()
        if merged is not None:
            fields[name] = _with_reported(merged, published) if name == "legal" else merged
    people = tuple(_merge_person(g, roots, rank) for g in _person_groups(reports, rule))
    dates = [r.published for r in reports if r.published]
    return Incident(
        id=incident_id,
        report_ids=tuple(r.article_id for r in reports),
        fields=fields,
        people=people,
        copies={
            r.article_id: roots[r.article_id] for r in reports if roots.get(r.article_id, r.article_id) != r.article_id
        },
        first_published=min(dates) if dates else None,
        last_published=max(dates) if dates else None,
    )
