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
        console.print(Padding(plain(r["title"] or "(no title)"), (0, 0, 0, _ID + _GAP)))
        if r.get("headline") and r["headline"] != r["title"]:  # the first report's headline, never cut
            console.print(Padding(plain(r["headline"], "dim"), (0, 0, 0, _ID + _GAP)))
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


def _corrected(row: views.Row) -> Text:
    """ "  corrected by NAME (sources: X)" after a value an editor set."""
    c = row.corrected
    if c is None:
        return Text()
    was = views.show(c.original.value) if c.original else "unknown"
    return Text.assemble("  ", ("corrected by ", "cyan"), plain(c.editor, "cyan"), plain(f" (sources: {was})", "dim"))


def _print_field(label: str, row: views.Row) -> None:
    line = Text.assemble((f"{label:<18}", "bold"), " ", plain(row.value), "  ", _support(row.n_sources))
    console.print(Text.assemble(line, _corrected(row)))
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
    everyone = [*view.people, *view.background, *view.removed]
    status = [""] * len(view.people) + ["background"] * len(view.background) + ["removed"] * len(view.removed)
    for n, ((role, rows), note) in enumerate(zip(everyone, status, strict=True), start=1):
        console.print()
        heading = Text.assemble(plain(f"{role.capitalize()} {n}", "bold underline"))
        console.print(Text.assemble(heading, (f"  ({note}: not a participant)", "yellow") if note else ""))
        for row in rows:
            _print_field(f"  {row.label}", row)
    _print_review(view)
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


def print_article(record: dict[str, Any]) -> None:
    """An article (`ois show ARTICLE_ID`): title, source, screening verdict and reason, and its text when kept."""
    console.print(plain(record["title"] or "Untitled", "bold"))
    where = ", ".join(str(x) for x in (record["outlet"], record["published"], record["url"]) if x)
    console.print(plain(f"article {record['id']}" + (f" · {where}" if where else ""), "dim"))
    if record["is_ois"] is not None:
        verdict = "shooting report" if record["is_ois"] else "not a shooting report"
        console.print(plain(f"Screening: {verdict} (score {record['score'] or 0:.2f}). {record['reason'] or ''}"))
    if record["incident_id"]:
        console.print(plain(f"Part of incident {record['incident_id']} (`ois show {record['incident_id']}`)."))
    if not record["text_kept"]:
        console.print(plain(views.TEXT_NOT_KEPT, "yellow"))
        for cue in record["cues"]:  # the sentences the screening read are kept with its verdict
            sentence = " ".join(str((cue.get("evidence") or {}).get("text", "")).split())
            console.print(Padding(plain(f"{cue.get('name')}: “{sentence}”", "italic"), (0, 0, 0, 2)))
        return
    console.print(plain(record["text"]))


def _print_review(view: views.IncidentView) -> None:
    """The review state and the audit trail of corrections, oldest first."""
    review = view.review
    if review and review.not_ois:
        console.print(plain(f"Marked NOT a police shooting by {review.not_ois.editor} ({review.not_ois.at})", "red"))
    if review and review.reviewed:
        console.print(plain(f"Reviewed by {review.reviewed.editor} ({review.reviewed.at})", "green"))
    if view.row.get("implausible_date"):
        console.print(plain(f"Implausible date {view.row['implausible_date']}: not charted or filtered on", "yellow"))
    if view.history:
        console.print()
        console.print(Text("History", style="bold"))
    for c in view.history:
        change = f" {c.old} → {c.new}" if c.old or c.new else ""
        reason = f" — {c.reason}" if c.reason else ""
        console.print(plain(f"{c.at}  {c.editor}: {c.action}{change}{reason}", overflow="fold"))


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
    def show(
        ctx: typer.Context,
        incident_id: str = typer.Argument(..., help="Incident id (or a unique prefix), or an article id."),
    ):
        """One incident: every value next to the sentence that supports it, conflicts, and its sources. Given an
        article id instead: the article, its screening verdict and why, and its text (if it was kept)."""
        db = reader(ctx)
        record = queries.find_incident(db, incident_id)
        if record is None and (article := queries.article_record(db, incident_id)) is not None:
            print_article(article)
            return
        if record is None:
            raise fail(f"no incident {incident_id!r} (or the prefix is ambiguous). List them with `ois incidents`.")
        warn_if_unresolved(db)
        view = views.incident_view(record, queries.incident_sources(db, record["id"]))
        view.history = [views.change(o) for o in queries.history(db, view.incident.report_ids)]
        print_incident(view)
