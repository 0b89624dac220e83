"""Which people an incremental relinking links again, with the subjects of the changed incidents.

Linking one reference (`link.decide`) takes the scored pairs best first and gives each reference row to one
person, so a person's link depends on the people competing for the same rows. Two people compete for a row when
it is plausible for both (probability >= `link_possible_probability`) or one of them holds it (a user's
confirmation); and only a row someone holds changes what another person gets. The group linked again is the
subjects of the changed incidents and everyone connected to them through such rows, or to a row a changed (or
removed) incident held before. It is closed: everyone outside competes with no one inside and keeps the link the
last linking computed, and linking the group alone gives what linking everyone gives (tests/test_relink_delta.py).

Stored people are found from a row's date (blocking is by date: within `link_window_days` in its state, within
`link_name_window_days` by name) in the `people` table and scored from their rows (`people.who_from`) without
reading their incidents; only those who join the group are read.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ois import names
from ois.reference import db
from ois.reference.decisions import Latest, decisions_for
from ois.reference.link import Index, name_keys, score, scored, weights
from ois.reference.people import who_from
from ois.reference.records import Candidate, Who
from ois.settings import Settings

Person = tuple[str, int]  # (incident id, index in its people)
_COLUMNS = ("incident_id", "n", "name", "age", "gender", "date", "city", "state", "agency", "outcome")
_STORED = (
    f"select {', '.join('p.' + c for c in _COLUMNS)}, i.first_published, i.lat, i.lon from people p"
    " join incidents i on i.id = p.incident_id where p.role = 'subject' and "
)
_NEAR = (_STORED + "p.date between ? and ?", _STORED + "p.date is null and i.first_published between ? and ?")
_KNOWN = (
    "select {what} from reference_links where source = ? and rank = 0 and status = 'known' and {column} in ({marks})"
)


@dataclass
class Group:
    """The people one reference's relinking links again, with their scored candidates."""

    conn: sqlite3.Connection
    source: str
    index: Index
    settings: Settings
    decided: Latest
    scope: set[str]  # the changed incidents (also removed ones): what `people` and the links say of them is old
    exact: Callable[[Iterable[str]], Mapping[str, list[Who]]]  # incident id -> its subjects, from the incident
    members: dict[Person, tuple[Who, list[Candidate]]] = field(default_factory=dict)
    rows: set[str] = field(default_factory=set)  # reference rows all of whose competitors are in the group

    def grow(self, seed: Sequence[Who]) -> tuple[list[Who], list[list[Candidate]]]:
        """The group around `seed` (the subjects of the changed incidents), in linking order."""
        held = {ref_id for (ref_id,) in self._known("ref_id", "incident_id", self.scope)}  # free again, maybe
        frontier = self._add(seed, scored(seed, self.index, self.settings)) | held
        while frontier:
            self.rows |= frontier
            frontier = self._add(*self._competitors(frontier)) - self.rows
        ordered = [self.members[person] for person in sorted(self.members)]
        return [who for who, _ in ordered], [candidates for _, candidates in ordered]

    def _add(self, whos: Sequence[Who], candidates: Sequence[list[Candidate]]) -> set[str]:
        """Add people to the group; returns the rows they compete for."""
        rows = set(decisions_for(self.decided, whos).confirmed.values())
        for who, found in zip(whos, candidates, strict=True):
            self.members[(who.incident_id, who.person)] = (who, found)
            rows.update(c.ref.id for c in found if c.probability >= self.settings.link_possible_probability)
        return rows

    def _known(self, what: str, column: str, values: Iterable[str]) -> list[tuple]:
        """`what` of the stored known links (rank 0) to this reference whose `column` is one of `values`."""
        sql = _KNOWN.format(what=what, column=column, marks="{marks}")
        return [
            tuple(row)
            for chunk in db.chunks(values)
            for row in self.conn.execute(sql.format(marks=db.marks(chunk)), [self.source, *chunk])
        ]

    def _competitors(self, rows: set[str]) -> tuple[list[Who], list[list[Candidate]]]:
        """The stored people, outside the group and the changed incidents, who hold one of `rows` or for whom one
        is plausible: their subjects read from their incidents, scored against the whole reference."""
        wanted = set(self._known("incident_id, person", "ref_id", rows)) | self._plausible_for(rows)
        wanted = {p for p in wanted if p[0] not in self.scope and p not in self.members}
        subjects = self.exact({incident_id for incident_id, _ in wanted})
        whos = [w for i in sorted(subjects) for w in subjects[i] if (w.incident_id, w.person) in wanted]
        return whos, scored(whos, self.index, self.settings)

    def _plausible_for(self, rows: set[str]) -> set[Person]:
        """The stored people (outside the group and the changed incidents) blocked with one of `rows` for whom it
        is plausible: first those within `link_window_days` of a row's date (blocked by state), then those within
        `link_name_window_days` whose name sounds like a row's (blocked by name)."""
        near = Index([self.index.by_id[r] for r in rows if r in self.index.by_id])
        window, name_window = self.settings.link_window_days, self.settings.link_name_window_days
        rule, fitted, plausible = names.rule(self.settings), weights(), self.settings.link_possible_probability
        days = sorted(r.date for r in near.refs if r.date)
        found: set[Person] = set()
        checked: set[Person] = set()
        for width, by_name in ((window, False), (name_window, True)):
            for row in self._stored_near(days, width):
                person = (row[0], row[1])
                if person in checked or person in self.members or row[0] in self.scope:
                    continue
                if by_name and not name_keys(row[2]) & near.by_name.keys():
                    continue  # not blocked by name, and by state it was checked in the first pass
                checked.add(person)
                who = who_from(dict(zip(_COLUMNS, row, strict=False)), _day(row[-3]), (row[-2], row[-1]))
                blocked = near.candidates(who, window, name_window)
                if any(score(who, ref, rule, self.settings, fitted).probability >= plausible for ref in blocked):
                    found.add(person)
        return found

    def _stored_near(self, days: list[dt.date], width: int) -> Iterator[tuple]:
        """The stored subjects' rows (`_COLUMNS`, first publication, lat, lon) whose date (or, undated, first
        report) is within `width` days of one of `days`."""
        reach = dt.timedelta(days=width)
        for first, last in _spans(days, width):
            for sql in _NEAR:
                yield from self.conn.execute(sql, [(first - reach).isoformat(), (last + reach).isoformat()])


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def _spans(days: list[dt.date], width: int) -> list[tuple[dt.date, dt.date]]:
    """Sorted days merged into (first, last) spans whose `width`-day margins do not overlap."""
    spans: list[tuple[dt.date, dt.date]] = []
    for day in days:
        if spans and (day - spans[-1][1]).days <= 2 * width:
            spans[-1] = (spans[-1][0], day)
        else:
            spans.append((day, day))
    return spans
