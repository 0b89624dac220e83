"""The people view: one row per participant of an incident (`people`, rebuilt with the links after every
resolution), searchable by name and filtered like the incident list, for `/people` (HTML, .json, .csv) and
`ois export --format people`.

`PeopleFilters` adds the person's own filters (name, role, outcome, armed, reference status) to the incident
list's `Filters` (date range, state, city, agency, full-text search, fatal, ...), which select the incidents.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ois import names
from ois.models import ARMED, OUTCOMES, ROLES
from ois.query.database import Database
from ois.query.filters import REFERENCES, Filters, QueryError, _text
from ois.query.queries import Page

PEOPLE_COLUMNS = (
    "incident_id",
    "n",
    "role",
    "name",
    "age",
    "gender",
    "race",
    "armed",
    "weapon",
    "outcome",
    "fired",
    "date",
    "city",
    "state",
    "agency",
    "fatal",
    "wapo",
    "wapo_ids",
    "mpv",
    "mpv_ids",
)
PEOPLE_SORTS = {
    "-date": "p.date is null, p.date desc, p.incident_id, p.n",
    "date": "p.date is null, p.date, p.incident_id, p.n",
    "name": "p.name_key is null, p.name_key, p.date desc, p.n",
}
_PERSON_FILTERS = ("name", "role", "outcome", "person_armed")


def _choice(name: str, raw: Any, allowed: tuple[str, ...]) -> str | None:
    value = _text(name, raw)
    if value and value not in allowed:
        raise QueryError(f"{name} must be one of {', '.join(allowed)}; got {value[:20]!r}")
    return value


@dataclass(frozen=True)
class PeopleFilters:
    """The incident filters (`incident`: which incidents; its sort, page and size apply to people) and the
    person's own: name search, role, outcome, armed, WaPo / MPV status."""

    incident: Filters
    name: str | None = None
    role: str | None = None
    outcome: str | None = None
    person_armed: str | None = None

    @classmethod
    def parse(cls, params: Mapping[str, Any], page_size: int = 50, max_page_size: int = 500) -> PeopleFilters:
        incident = Filters.parse(
            {k: v for k, v in params.items() if k not in ("armed", *_PERSON_FILTERS)},
            page_size,
            max_page_size,
            sorts=PEOPLE_SORTS,
        )
        return cls(
            incident,
            name=_text("name", params.get("name")),
            role=_choice("role", params.get("role"), ROLES),
            outcome=_choice("outcome", params.get("outcome"), (*OUTCOMES, "unknown")),
            person_armed=_choice("armed", params.get("armed"), (*ARMED, "unknown")),
        )

    @property
    def armed(self) -> str | None:
        """The person's weapon (the shared filter form's `armed`)."""
        return self.person_armed

    def __getattr__(self, name: str) -> Any:
        """The incident filters' fields (q, dates, state, fatal, page, size, sort, ...) read through."""
        if name.startswith("_") or name == "incident":
            raise AttributeError(name)
        return getattr(self.incident, name)

    def params(self, **changes: Any) -> dict[str, str]:
        """Query-string form for links (defaults left out): filters.params(page=2)."""
        own = {"name": self.name, "role": self.role, "outcome": self.outcome, "armed": self.person_armed}
        mine = {k: changes.pop(k) if k in changes else v for k, v in own.items()}
        return {**self.incident.params(**changes), **{k: str(v) for k, v in mine.items() if v}}

    def active(self) -> dict[str, str]:
        return {k: v for k, v in self.params().items() if k not in ("sort", "page", "size")}

    def where(self, db: Database) -> tuple[str, list[Any]]:
        """WHERE clause over `people p` and its arguments."""
        incident_where, args = db.where(dataclasses.replace(self.incident, armed=None, wapo=None, mpv=None))
        clauses = [f"p.incident_id in (select id from incidents{incident_where})"] if incident_where else []
        for word in names.tokens(self.name or ""):
            clauses.append("p.name_key like ? escape '\\'")
            args.append("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        for column, value in (("role", self.role), ("outcome", self.outcome), ("armed", self.person_armed)):
            if value == "unknown":
                clauses.append(f"p.{column} is null")
            elif value:
                clauses.append(f"p.{column} = ?")
                args.append(value)
        for source in REFERENCES:
            value = getattr(self.incident, source)
            if value == "none":
                clauses.append(f"p.{source} is null")
            elif value:
                clauses.append(f"p.{source} = ?")
                args.append(value)
        return (" where " + " and ".join(clauses)) if clauses else "", args


def list_people(db: Database, filters: PeopleFilters) -> Page:
    """One page of people, and how many match."""
    where, args = filters.where(db)
    offset = (filters.page - 1) * filters.size
    sql = (
        f"select {', '.join('p.' + c for c in PEOPLE_COLUMNS)} from people p{where}"
        f" order by {PEOPLE_SORTS[filters.sort]} limit ? offset ?"
    )
    rows = db.rows(sql, [*args, filters.size, offset])
    total = db.cached(
        ("people", tuple(sorted(filters.active().items()))),
        lambda: db.conn().execute(f"select count(*) from people p{where}", args).fetchone()[0],
    )
    return Page(rows, total, filters)  # type: ignore[arg-type]


def iter_people(db: Database, filters: PeopleFilters, own_connection: bool = False) -> Iterator[dict[str, Any]]:
    """Every matching person (no paging), streamed: the people export."""
    where, args = filters.where(db)
    conn = db.connect() if own_connection else db.conn()
    try:
        sql = f"select {', '.join('p.' + c for c in PEOPLE_COLUMNS)} from people p{where}"
        for row in conn.execute(f"{sql} order by {PEOPLE_SORTS[filters.sort]}", args):
            yield dict(row)
    finally:
        if own_connection:
            conn.close()


def needs_index(db: Database) -> bool:
    """The people view is empty although there are incidents: the database was resolved by an ois without it
    (run `ois reference link` once)."""
    sql = "select exists (select 1 from incidents) and not exists (select 1 from people)"
    return bool(db.conn().execute(sql).fetchone()[0])
