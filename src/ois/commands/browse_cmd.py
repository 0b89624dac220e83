"""Reading the database in a terminal: `ois incidents` (the web list's filters, or `--json`) and `ois show ID`.

Every value that came from an article (headlines, names, URLs, outlets, quotes) is printed with `plain`: literally,
without control characters, so a hostile headline can neither break the output (rich markup) nor drive the
terminal (escape sequences).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
from rich.padding import Padding
from rich.text import Text

from ois.commands import console, err_console, fail, filter_options, plain, reader
from ois.models import LIST_FIELDS
from ois.query import queries, views
from ois.query.database import Database
from ois.query.filters import Filters

# `ois incidents` columns: fixed ones, and the share of the rest the place gets (the tags get the remainder); the
# headline has its own lines below, so it is never cut.
_ID, _DATE, _SOURCES, _GAP = 8, 10, 3, 2
_PLACE_SHARE, _PLACE_MAX, _TAGS_MAX = 0.45, 28, 40
_QUOTE_CHARS = 220  # the first supporting sentence of a value, cut to this many characters
_INDENT = 19  # quotes and conflicts line up under the value column of `ois show`


def _tags(row: dict[str, Any]) -> str:
    tags = [
        "fatal" if row["fatal"] else "",
        "officer shot" if row["officer_shot"] else "",
        row["armed"] or "",
        "video" if row["video"] else "",
    ]
    return ", ".join(t for t in tags if t)


def _cell(text: str, width: int, right: bool = False) -> str:
    text = text if len(text) <= width else text[: width - 1] + "…"
    return text.rjust(width) if right else text.ljust(width)


def print_incidents(db: Database, limit: int, offset: int = 0, filters: Filters | None = None) -> None:
    """Incidents in the web list's order: a line of facts, then the whole headline below it (wrapped)."""
    filters = filters or Filters()
    rows = queries.incident_slice(db, filters, offset, limit)
    total = queries.count_incidents(db, filters)
    active = ", ".join(f"{k}={v}" for k, v in filters.active().items())
    console.print(plain(f"{total} incidents" + (f" matching {active}" if active else ""), "bold"))
    spare = max(20, console.width - _ID - _DATE - _SOURCES - 4 * _GAP)
    place_width = min(_PLACE_MAX, int(spare * _PLACE_SHARE))
    tags_width = min(_TAGS_MAX, spare - place_width)
    gap = " " * _GAP
    header = gap.join((_cell("id", _ID), _cell("date", _DATE), _cell("place", place_width), _cell("what", tags_width)))
    console.print(Text(header + gap + _cell("src", _SOURCES, right=True), style="bold"), no_wrap=True, crop=True)
    for r in rows:
        place = ", ".join(x for x in (r["city"], r["state"]) if x) or "?"
        facts = gap.join(
            (
                _cell(r["id"][:_ID], _ID),
                _cell(r["date"] or "?", _DATE),
                _cell(place, place_width),
                _cell(_tags(r), tags_width),
                _cell(str(r["n_sources"]), _SOURCES, right=True),
            )
        )
        console.print(plain(facts), no_wrap=True, crop=True)
        console.print(Padding(plain(r["title"] or "(no headline)", "dim"), (0, 0, 0, _ID + _GAP)))
    if not rows:
        console.print(
            "No incidents match these filters."
            if active
            else "No incidents yet. Ingest articles with `ois ingest PATH...` (or try `ois demo`).",
            markup=False,
        )
    elif offset + len(rows) < total:
        console.print(f"Showing {offset + 1}-{offset + len(rows)}; more with --offset {offset + len(rows)}.")


def warn_if_unresolved(db: Database) -> None:
    """Say so when an interrupted run left reports out of the incidents (a reader cannot rebuild them)."""
    waiting = db.unresolved()
    if waiting:
        err_console.print(
            f"Note: {waiting} stored reports are not in these incidents yet (a run stopped before resolving). "
            "`ois status` rebuilds the incidents.",
            markup=False,
            style="yellow",
        )


def _support(n: int) -> tuple[str, str]:
    return f"({n} source{'s' * (n != 1)})", "dim"


def _print_quote(quotes: tuple[views.Quote, ...]) -> None:
    """The first supporting sentence, indented under its value."""
    if quotes:
        text = " ".join(quotes[0].span.text.split())
        text = text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"
        console.print(Padding(plain(f"“{text}”", "italic"), (0, 0, 0, _INDENT)))


def _print_field(label: str, row: views.Row) -> None:
    console.print(Text.assemble((f"{label:<18}", "bold"), " ", plain(row.value), "  ", _support(row.n_sources)))
    _print_quote(row.quotes)
    for alt in row.conflicts:
        line = Text.assemble(" " * _INDENT, ("conflict: ", "yellow"), plain(alt.value), "  ")
        console.print(Text.assemble(line, _support(len(alt.report_ids))))
        _print_quote(alt.quotes)


def _print_list_field(row: views.Row) -> None:
    """Video kinds and legal steps: every distinct value with its own support (alternatives are not conflicts)."""
    grouped: dict[str, tuple[set[str], list[views.Quote], list[Any]]] = {}
    for item in row.items:  # one legal step told in different words, or on different days, is one line
        ids, quotes, dates = grouped.setdefault(item.value, (set(), [], []))
        ids.update(item.report_ids)
        quotes.extend(item.quotes)
        if item.reported:
            dates.append(item.reported)
    console.print(Text(row.label, style="bold"))
    for value, (ids, quotes, dates) in grouped.items():
        first = f" (first reported {views.show(min(dates))})" if dates else ""
        console.print(Text.assemble("  • ", plain(value), first, "  ", _support(len(ids))))
        _print_quote(tuple(quotes))


def print_incident(view: views.IncidentView) -> None:
    """Each value, its support and the sentence behind it; conflicts under the value they dispute; then every
    source with its whole URL (folded over lines, never cut)."""
    incident = view.incident
    console.rule(plain(f"Incident {incident.id}  ·  {len(incident.report_ids)} reports"))
    for row in view.rows:
        if row.name in LIST_FIELDS:
            _print_list_field(row)
        else:
            _print_field(row.label, row)
    for n, (role, rows) in enumerate(view.people, start=1):
        console.print()
        console.print(plain(f"{role.capitalize()} {n}", "bold underline"))
        for row in rows:
            _print_field(f"  {row.label}", row)
    console.print()
    console.print(Text("Sources", style="bold"))
    for n, source in enumerate(view.sources, start=1):
        copy = f"; copy of {source['copy_of'][:8]}" if source["copy_of"] else ""
        facts = f"{n}. {source['published'] or '?'}  {source['outlet'] or ''}  (report {source['id'][:8]}{copy})"
        console.print(plain(facts))
        console.print(Padding(plain(source["title"] or "(no headline)"), (0, 0, 0, 3)))
        where = source["url"] or source["source"] or ""
        if where:
            console.print(Padding(plain(where, "dim", overflow="fold"), (0, 0, 0, 3)))


def register(app: typer.Typer) -> None:
    @app.command()
    @filter_options
    def incidents(
        ctx: typer.Context,
        filters: Filters,
        limit: int = typer.Option(50, min=1, max=10_000, help="Rows to show."),
        offset: int = typer.Option(0, min=0, help="Rows to skip."),
        as_json: bool = typer.Option(False, "--json", help="Print the rows as a JSON array (all list columns)."),
    ) -> None:
        """List incidents, newest first, with the web list's filters."""
        db = reader(ctx)
        if as_json:
            rows = queries.incident_slice(db, filters, offset, limit)
            sys.stdout.write(json.dumps(rows, indent=1) + "\n")  # ASCII-escaped: safe in any terminal
            return
        warn_if_unresolved(db)
        print_incidents(db, limit, offset, filters)

    @app.command()
    def show(ctx: typer.Context, incident_id: str = typer.Argument(..., help="Incident id (or a unique prefix).")):
        """One incident: every value next to the sentence that supports it, conflicts, and its sources."""
        db = reader(ctx)
        record = queries.find_incident(db, incident_id)
        if record is None:
            raise fail(f"no incident {incident_id!r} (or the prefix is ambiguous). List them with `ois incidents`.")
        warn_if_unresolved(db)
        print_incident(views.incident_view(record, queries.incident_sources(db, record["id"])))
