"""Scoring rules shared by every evaluation: tallies, precision/recall/F1 and the name-matching rule.

Each gold/ours comparison lands in one of four bins (see docs/evaluation.md):

- right:    gold given, ours given and equal
- wrong:    gold given, ours given and different
- missed:   gold given, ours empty
- spurious: gold empty, ours given (a false positive)

Gold empty and ours empty is not counted. Precision = right / (right + wrong + spurious) (of what we said, how
much was right); recall = right / (right + wrong + missed) (of what gold says, how much we got). For sets (names,
video kinds) items are paired one-to-one by a match function; unpaired gold items are missed, unpaired items of
ours are spurious. For yes/no questions (is this a police shooting?) a true positive is right, a false positive
spurious, a false negative missed, so the same formulas give the usual classification P/R/F1.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ois.names import STRICT

BINS = ("right", "wrong", "missed", "spurious")

_NON_WORD = re.compile(r"[^\w\s-]")


@dataclass
class Tally:
    """Counts for one field; `both_empty` is reported for information and never enters P/R/F1."""

    right: int = 0
    wrong: int = 0
    missed: int = 0
    spurious: int = 0
    both_empty: int = 0

    def add(self, outcome: str, n: int = 1) -> None:
        setattr(self, outcome, getattr(self, outcome) + n)

    @property
    def precision(self) -> float | None:
        return ratio(self.right, self.right + self.wrong + self.spurious)

    @property
    def recall(self) -> float | None:
        return ratio(self.right, self.right + self.wrong + self.missed)

    @property
    def f1(self) -> float | None:
        return f1(self.precision, self.recall)

    def as_dict(self) -> dict[str, Any]:
        return {
            **{b: getattr(self, b) for b in BINS},
            "both_empty": self.both_empty,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def ratio(num: int, den: int) -> float | None:
    """num/den, or None when there is nothing to divide (a field never seen is not 0% right)."""
    return num / den if den else None


def f1(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean; when only one side is defined nothing was right (no output, or no gold), so F1 is 0."""
    if precision is None and recall is None:
        return None
    if precision is None or recall is None:
        return 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def as_date(value: Any) -> dt.date | None:
    """A date from a date or an ISO string ("2016-01-27"); None when it is neither."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple | set | frozenset) and not value)


def compare(gold: Any, ours: Any, same: Callable[[Any, Any], bool] | None = None) -> str | None:
    """The bin of one single-valued comparison, or None when both are empty."""
    if _empty(gold):
        return None if _empty(ours) else "spurious"
    if _empty(ours):
        return "missed"
    return "right" if (same or _equal)(gold, ours) else "wrong"


def _equal(gold: Any, ours: Any) -> bool:
    if isinstance(gold, str) and isinstance(ours, str):
        return normalise_text(gold) == normalise_text(ours)
    return gold == ours


def normalise_text(text: str) -> str:
    """Case, accents, punctuation and spacing do not make two values different."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def contains_words(gold: str, ours: str) -> bool:
    """One value is the other or contains it as whole words ("New Orleans East" / "New Orleans"): a lenient match
    for annotations that select a neighbourhood or a longer span than the place name."""
    g, o = f" {normalise_text(gold)} ", f" {normalise_text(ours)} "
    return bool(g.strip() and o.strip()) and (o in g or g in o)


def pair_up(gold: Sequence[Any], ours: Sequence[Any], match: Callable[[Any, Any], bool]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing (gold index, ours index): each gold item takes the first free match of ours."""
    pairs: list[tuple[int, int]] = []
    taken: set[int] = set()
    for i, g in enumerate(gold):
        for j, o in enumerate(ours):
            if j not in taken and match(g, o):
                pairs.append((i, j))
                taken.add(j)
                break
    return pairs


# --- names ---------------------------------------------------------------------------------------------------


def names_match(gold: str | None, ours: str | None) -> bool:
    """The project's one name rule (`ois.names`) at its strict setting, where a misspelt name is a wrong name:
    same surname, and a surname alone or agreeing first names (equal, an initial or a prefix; middle names
    ignored): "Officer Quincy Smith" = "quincy smith", "Orr" = "M. Orr" = "Malcolm Antwan Orr", "Quincy Smith" !=
    "Michael Smith", "Tompkins" != "Thompkins"."""
    return STRICT.match(gold, ours)


# --- collecting scores -------------------------------------------------------------------------------------


@dataclass
class Scorer:
    """Tallies per field plus the examples behind every non-right outcome (for `ois evaluate --errors N`)."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    errors: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def _record(self, name: str, outcome: str | None, doc: str, gold: Any, ours: Any, n: int = 1) -> None:
        tally = self.tallies.setdefault(name, Tally())
        if outcome is None:
            tally.both_empty += 1
            return
        tally.add(outcome, n)
        if outcome != "right":
            self.errors.setdefault(name, []).append(
                {"article": doc, "outcome": outcome, "n": n, "gold": _show(gold), "ours": _show(ours)}
            )

    def single(
        self, name: str, doc: str, gold: Any, ours: Any, same: Callable[[Any, Any], bool] | None = None
    ) -> str | None:
        """Score one single-valued field; returns the bin (None when both empty)."""
        outcome = compare(gold, ours, same)
        self._record(name, outcome, doc, gold, ours)
        return outcome

    def binary(self, name: str, doc: str, gold: bool | None, ours: bool | None) -> None:
        """A yes/no question: true positive right, false positive spurious, false negative missed.

        Gold None (not annotated) is not counted; ours None counts as "no".
        """
        if gold is None:
            return
        outcome = {(True, True): "right", (True, False): "missed", (False, True): "spurious"}.get((gold, bool(ours)))
        self._record(name, outcome, doc, gold, ours)

    def sets(
        self,
        name: str,
        doc: str,
        gold: Iterable[Any],
        ours: Iterable[Any],
        match: Callable[[Any, Any], bool] | None = None,
    ) -> list[tuple[int, int]]:
        """Score a set of values paired one-to-one by `match`; returns the (gold, ours) index pairs."""
        gold, ours = [g for g in gold if not _empty(g)], [o for o in ours if not _empty(o)]
        pairs = pair_up(gold, ours, match or _equal)
        tally = self.tallies.setdefault(name, Tally())
        if not gold and not ours:
            tally.both_empty += 1
            return pairs
        tally.add("right", len(pairs))
        paired_gold, paired_ours = {i for i, _ in pairs}, {j for _, j in pairs}
        lost = [g for i, g in enumerate(gold) if i not in paired_gold]
        extra = [o for j, o in enumerate(ours) if j not in paired_ours]
        # Error examples show both whole lists: the lost/extra items alone hide why they did not pair.
        if lost:
            self._record(name, "missed", doc, gold, ours, len(lost))
        if extra:
            self._record(name, "spurious", doc, gold, ours, len(extra))
        return pairs

    def fields(self, targets: dict[str, float] | None = None) -> dict[str, dict[str, Any]]:
        """JSON-ready scores per field, with the F1 target where one is set."""
        out = {}
        for name, tally in self.tallies.items():
            row = tally.as_dict()
            if targets and name in targets:
                row["target_f1"] = targets[name]
            out[name] = row
        return out


SPLITS = ("tune", "heldout")  # the part rules are developed against, and the part only ever counted


def scored_splits(
    items: Iterable[Any],
    split_of: Callable[[Any], str],
    score: Callable[[Any, Scorer, Scorer], None],
    title: str,
    heldout_targets: dict[str, float] | None = None,
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Sections "screening (<split>)" and "<title> (<split>)" for each split, `score(item, screening, fields)`
    filling both scorers per item; error listings only for the tune split (held-out errors are never read)."""
    items = list(items)
    sections: dict[str, Any] = {}
    errors: dict[str, list[dict[str, Any]]] = {}
    for split in SPLITS:
        screening, fields = Scorer(), Scorer()
        for item in items:
            if split_of(item) == split:
                score(item, screening, fields)
        sections[f"screening ({split})"] = screening.fields()
        sections[f"{title} ({split})"] = fields.fields(heldout_targets if split == "heldout" else None)
        if split == "tune":
            errors = {**screening.errors, **fields.errors}
    return sections, errors


def _show(value: Any) -> Any:
    """A JSON-friendly form of a compared value for error listings."""
    if isinstance(value, list | tuple | set | frozenset):
        return [_show(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def clustering_scores(gold: dict[str, Hashable], ours: dict[str, Hashable]) -> dict[str, Any]:
    """Pairwise precision/recall of "these two articles are the same incident" over articles both label."""
    ids = sorted(set(gold) & set(ours))
    tally = Tally()
    for k, a in enumerate(ids):
        for b in ids[k + 1 :]:
            same_gold, same_ours = gold[a] == gold[b], ours[a] == ours[b]
            if same_gold or same_ours:
                tally.add("right" if same_gold and same_ours else "missed" if same_gold else "spurious")
    return {
        "gold_incidents": len({gold[i] for i in ids}),
        "our_incidents": len({ours[i] for i in ids}),
        "pairs": tally.as_dict(),
    }
