"""The GVDB approximate-match metric of Ebner et al. 2020 ("Multi-Sentence Argument Linking", ACL), on GVDB dev.

Their scorer (`miso/metrics/gvdb_scores.py` in github.com/pitrack/arglinking) fills 12 roles per article from the
annotation JSON (`data/gvdb/conversion_scripts/convert_gvdb_to_json.py`): the first victim's name, age and race,
the first shooter's name, age and race, the city, the time of day, the clock time, the place details, the type of
gun and the number of shots. A gold value is the annotated string, stripped; an empty or unplaced value
(`startIndex` -1), or one not found in the article text, is no gold. A predicted string matches a gold string of
the same role when one contains the other (case-sensitive, after stripping); "exact" when they are equal.
Precision, recall and F1 are micro-averaged over all roles: matched / predicted and matched / gold.

Our predictions are the exact words of the text that state each value (`Fact.words`), else the value as text:
- the city as first written in the text (annotators marked the first mention, and the match is case-sensitive);
- victim / shooter: in a shooting by police the officers fired and the subjects were shot; in a shooting at police
  (an officer was shot, or the subject fired and the report has an officer) the reverse; otherwise the first person
  shot (killed or injured) who did not fire and is not accused is the victim (when every person shot also fired or
  is accused - an exchange of fire, a shot at himself - the first person shot: GVDB's victim is whoever was shot),
  and the first other person who fired or is accused (arrested, charged, sought) the shooter (the victim himself
  when nobody else is: GVDB names one person in both roles when he shot himself); people are taken in order of first
  mention, named people before unnamed ones;
- clock time from `time_of_day` when it is a clock time, time of day from `day_part`;
- place details from `address`, else `place_type`; gun type from the shooter's (else anyone's) `weapon` when it
  is a firearm of a named type (a plain "gun", "firearm" or "weapon" says no type); number of shots from `shots`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ois.models import Fact, Person, Report

ROLES = (
    "VIC-NAME",
    "VIC-AGE",
    "VIC-RACE",
    "SHO-NAME",
    "SHO-AGE",
    "SHO-RACE",
    "DAT-CITY",
    "DAT-TIME",
    "DAT-CLOCK",
    "DAT-LOC",
    "CIR-WEAPON",
    "CIR-NUM-SHOTS",
)
_GOLD_FIELDS = {
    "DAT-CITY": ("date-and-time", "city"),
    "DAT-CLOCK": ("date-and-time", "clock-time"),
    "DAT-LOC": ("date-and-time", "details"),
    "DAT-TIME": ("date-and-time", "time-day"),
    "CIR-WEAPON": ("circumstances", "type-of-gun"),
    "CIR-NUM-SHOTS": ("circumstances", "number-of-shots-fired"),
}
_PERSON_FIELDS = {"NAME": "name", "AGE": "age", "RACE": "race"}
_GENERIC_GUN = re.compile(r"^(?:an? |the |his |her |their )?(?:gun|firearm|weapon)s?$", re.IGNORECASE)
_NOT_FIREARMS = ("knife", "vehicle", "car", "truck", "bat", "pipe", "hammer", "machete", "sword", "scissors")


def _span_value(field: Any) -> str | None:
    """The annotated string of one GVDB span field, as the conversion script keeps it."""
    if not isinstance(field, Mapping) or int(field.get("startIndex", -1)) == -1:
        return None
    return str(field.get("value") or "").strip() or None


def gold_roles(annotation: Mapping[str, Any], text: str) -> dict[str, str]:
    """Role -> gold string for one article (roles the annotators left empty are absent)."""
    out: dict[str, str | None] = {}
    for role, (section, key) in _GOLD_FIELDS.items():
        out[role] = _span_value((annotation.get(section) or {}).get(key))
    for prefix, section in (("VIC", "victim-section"), ("SHO", "shooter-section")):
        people = annotation.get(section) or []
        first = people[0] if people and isinstance(people[0], Mapping) else {}
        for suffix, key in _PERSON_FIELDS.items():
            out[f"{prefix}-{suffix}"] = _span_value(first.get(key))
    return {role: value for role, value in out.items() if value and value in text}


def _said(fact: Fact | None) -> str | None:
    """The words of the text stating a fact, else its value as text."""
    if fact is None or fact.value is None:
        return None
    return (fact.words.text if fact.words is not None else str(fact.value)).strip() or None


def was_shot(p: Person) -> bool:
    """Killed or injured."""
    return p.outcome is not None and p.outcome.value in ("killed", "injured")


def _fired(p: Person) -> bool:
    return p.fired is not None and p.fired.value is True


def victim_and_shooter(report: Report) -> tuple[Person | None, Person | None]:
    """The first victim and the first shooter of a report (see the module docstring)."""
    people = report.people
    officers, subjects = report.officers(), report.subjects()
    by_police = (report.officer_fired is not None and report.officer_fired.value) or any(_fired(p) for p in officers)
    subject_fired = report.subject_fired is not None and report.subject_fired.value
    at_police = any(was_shot(p) for p in officers) or (bool(officers) and subject_fired)  # no officer: not at police
    if by_police and not any(was_shot(p) for p in officers):
        victims, shooters = [p for p in subjects if was_shot(p)] or list(subjects), officers
    elif at_police and not by_police:
        victims, shooters = [p for p in officers if was_shot(p)], [p for p in subjects if _fired(p)] or subjects
    else:  # GVDB's victim is whoever was shot: one who also fired (an exchange, a shot at himself) when nobody else
        shot = [p for p in people if was_shot(p)]
        victim = _first([p for p in shot if not _fired(p) and p.accused is None] or shot)
        shooters = [p for p in people if _fired(p) or p.accused is not None]
        return victim, _first([p for p in shooters if p is not victim] or shooters)  # himself, when nobody else
    return _first(victims), _first(shooters)


def _first(candidates: Sequence[Person]) -> Person | None:
    """The first of people in order of mention, a named one before an unnamed one."""
    return next((p for p in candidates if p.name is not None), candidates[0] if candidates else None)


def _first_occurrence(words: str | None, text: str) -> str | None:
    """The first place the story (after its headline, else the headline) writes these words (any case), as written
    there: GVDB annotators mark the first mention in the story (often the dateline, "AURORA, Colo. -") and the
    metric is case-sensitive."""
    if not words:
        return words
    body = text.find("\n")
    lower, key = text.lower(), words.lower()
    at = lower.find(key, body + 1 if body >= 0 else 0)
    at = at if at >= 0 else lower.find(key)
    return text[at : at + len(words)] if at >= 0 else words


def predicted_roles(report: Report | None, text: str = "") -> dict[str, str]:
    """Role -> our string for one article's report (`text`: the article's text)."""
    if report is None:
        return {}
    victim, shooter = victim_and_shooter(report)
    out: dict[str, str | None] = {}
    for prefix, person in (("VIC", victim), ("SHO", shooter)):
        for suffix, key in _PERSON_FIELDS.items():
            out[f"{prefix}-{suffix}"] = _said(getattr(person, key)) if person is not None else None
    clock = report.time_of_day if report.time_of_day and ":" in str(report.time_of_day.value) else None
    out["DAT-CITY"] = _first_occurrence(_said(report.city), text)
    out["DAT-CLOCK"] = _said(clock)
    out["DAT-TIME"] = _said(report.day_part)
    out["DAT-LOC"] = _said(report.address) or _said(report.place_type)
    weapons = [p.weapon for p in (shooter, *report.people) if p is not None and p.weapon is not None]
    firearms = [w for w in weapons if not any(word in str(w.value) for word in _NOT_FIREARMS)]
    said = _said(firearms[0]) if firearms else None
    out["CIR-WEAPON"] = None if said is None or _GENERIC_GUN.match(said) else said  # "a gun" is no type of gun
    out["CIR-NUM-SHOTS"] = _said(report.shots)
    return {role: value for role, value in out.items() if value}


@dataclass
class RoleTally:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    approximate: int = 0

    def add(self, gold: str | None, ours: str | None) -> None:
        self.gold += gold is not None
        self.predicted += ours is not None
        if gold is not None and ours is not None:
            self.exact += gold == ours
            self.approximate += gold in ours or ours in gold

    def scores(self, matched: int) -> dict[str, float]:
        p = matched / self.predicted if self.predicted else 0.0
        r = matched / self.gold if self.gold else 0.0
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "exact": self.exact,
            "approximate": self.approximate,
            **{f"approx_{k}": v for k, v in self.scores(self.approximate).items()},
            **{f"exact_{k}": v for k, v in self.scores(self.exact).items()},
        }


def score_roles(pairs: Sequence[tuple[str, Mapping[str, str], Mapping[str, str]]]) -> dict[str, Any]:
    """Per-role and micro-averaged tallies over (doc, gold roles, our roles); errors listed per role."""
    tallies = {role: RoleTally() for role in ROLES}
    errors: dict[str, list[dict[str, Any]]] = {}
    for doc, gold, ours in pairs:
        for role in ROLES:
            g, o = gold.get(role), ours.get(role)
            tallies[role].add(g, o)
            if (g or o) and not (g and o and (g in o or o in g)):
                errors.setdefault(role, []).append({"article": doc, "gold": g, "ours": o})
    total = RoleTally()
    for t in tallies.values():
        total.gold, total.predicted = total.gold + t.gold, total.predicted + t.predicted
        total.exact, total.approximate = total.exact + t.exact, total.approximate + t.approximate
    return {
        "roles": {role: t.as_dict() for role, t in tallies.items()},
        "micro": total.as_dict(),
        "errors": errors,
    }
