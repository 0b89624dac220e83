"""Core commands: demo, ingest, incidents, show, status."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich import box
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ois.commands import console, fail, open_store, reader, settings_of
from ois.models import LIST_FIELDS
from ois.query import queries, views
from ois.query.database import Database
from ois.query.filters import Filters
from ois.settings import Settings

if TYPE_CHECKING:
    from ois.pipeline import RunSummary


def _print_summary(summary: RunSummary) -> None:
    console.print(
        f"[bold]{summary.new}[/] new articles ({summary.already_stored} already stored, {summary.skipped} skipped), "
        f"[bold]{summary.ois}[/] screened as OIS, {summary.reports} reports → [bold]{summary.incidents}[/] incidents "
        f"in {summary.seconds:.1f}s"
    )
    if summary.skipped:
        console.print("See why with `ois status --skipped`.")


def _tags(row: dict[str, Any]) -> str:
    tags = [
        "fatal" if row["fatal"] else "",
        "officer shot" if row["officer_shot"] else "",
        row["armed"] or "",
        "video" if row["video"] else "",
    ]
    return ", ".join(t for t in tags if t)


def print_incidents(db: Database, limit: int, offset: int = 0) -> None:
    """Incidents newest first, one per line (the web list's order)."""
    rows = queries.incident_slice(db, Filters(), offset, limit)
    table = Table(
        title=f"{queries.count_incidents(db, Filters())} incidents",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    # Unwrapped columns keep one incident per line even in an 80-column terminal; the headline takes the rest.
    widths = {"id": 8, "date": 10, "place": 14, "what": 18, "src": 3}
    # The headline gets what the terminal has left (3 characters of separator and padding per column).
    widths["headline"] = max(10, console.width - sum(widths.values()) - 3 * len(widths) - 1)
    for name, width in widths.items():
        table.add_column(name, no_wrap=True, width=width, overflow="ellipsis")
    for r in rows:
        place = ", ".join(x for x in (r["city"], r["state"]) if x)
        table.add_row(r["id"][:8], r["date"] or "?", place or "?", _tags(r), str(r["n_sources"]), r["title"] or "")
    console.print(table)
    if not rows:
        console.print("No incidents yet. Ingest articles with `ois ingest PATH...` (or try `ois demo`).")


def _support(n: int) -> str:
    return f"[dim]({n} source{'s' * (n != 1)})[/]"


def _quote(quotes: tuple[views.Quote, ...], limit: int = 220) -> str:
    text = " ".join(quotes[0].span.text.split())
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"


def _print_quote(quotes: tuple[views.Quote, ...]) -> None:
    """The first supporting sentence, indented under its value."""
    if quotes:
        console.print(Padding(Text(_quote(quotes), style="italic"), (0, 0, 0, 19)))


def _print_field(label: str, row: views.Row) -> None:
    console.print(f"[bold]{label:<18}[/] {escape(row.value)}  {_support(row.n_sources)}")
    _print_quote(row.quotes)
    for alt in row.conflicts:
        console.print(f"{'':<19}[yellow]conflict:[/] {escape(alt.value)}  {_support(len(alt.report_ids))}")
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
    console.print(f"[bold]{row.label}[/]")
    for value, (ids, quotes, dates) in grouped.items():
        first = f" (first reported {views.show(min(dates))})" if dates else ""
        console.print(f"{'':<2}• {escape(value)}{first}  {_support(len(ids))}")
        _print_quote(tuple(quotes))


def print_incident(view: views.IncidentView) -> None:
    """Each value, its support and the sentence behind it; conflicts under the value they dispute."""
    incident = view.incident
    console.rule(f"Incident {incident.id}  ·  {len(incident.report_ids)} reports")
    for row in view.rows:
        if row.name in LIST_FIELDS:
            _print_list_field(row)
        else:
            _print_field(row.label, row)
    for n, (role, rows) in enumerate(view.people, start=1):
        console.print(f"\n[bold underline]{role.capitalize()} {n}[/]")
        for row in rows:
            _print_field(f"  {row.label}", row)
    sources = Table(
        "report",
        "published",
        "outlet",
        "headline",
        title="Sources",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
    )
    for source in view.sources:
        copy = f" (copy of {source['copy_of'][:8]})" if source["copy_of"] else ""
        sources.add_row(
            source["id"][:8] + copy,
            source["published"] or "?",
            source["outlet"] or "",
            f"{source['title'] or ''}\n[dim]{source['url'] or source['source'] or ''}[/]",
        )
    console.print()
    console.print(sources)


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(ctx: typer.Context, quiet: bool = typer.Option(False, "--quiet", help="No progress bars.")) -> None:
        """Ingest the built-in fictional demo articles into the database and list the incidents."""
        from ois import pipeline, sources  # import spaCy: only for the commands that need it

        settings: Settings = settings_of(ctx)
        store = open_store(ctx, must_exist=False)
        console.print(f"Demo: ingesting the built-in sample into [bold]{settings.db_path}[/]")
        summary = pipeline.ingest_articles(sources.demo_articles(settings), store, settings, progress=not quiet)
        store.close()
        _print_summary(summary)
        print_incidents(reader(ctx), limit=50)
        console.print("Next: `ois show ID` for one incident with its evidence; `ois serve` for the web app.")

    @app.command()
    def ingest(
        ctx: typer.Context,
        paths: list[str] = typer.Argument(..., help="Files, folders or URLs: .txt, .html, .jsonl, RSS, WARC."),
        quiet: bool = typer.Option(False, "--quiet", help="No progress bars."),
        dask: str = typer.Option(
            None, "--dask", help="Run read/screen/extract on Dask: processes, threads, or a scheduler tcp://host:port."
        ),
    ) -> None:
        """Read articles, screen, extract and resolve them into the database. Re-running adds nothing twice."""
        missing = [p for p in paths if "://" not in p and not Path(p).exists()]
        if missing and len(missing) == len(paths):
            raise fail(f"nothing to read: {', '.join(missing)} not found. Give files, folders or http(s) URLs.", 2)
        from ois import pipeline

        store = open_store(ctx, must_exist=False)
        if dask:
            from ois.dask_runner import ingest_dask

            try:
                summary = ingest_dask(paths, store, settings_of(ctx), scheduler=dask, progress=not quiet)
            except RuntimeError as exc:
                raise fail(str(exc), 2) from None
        else:
            summary = pipeline.ingest(paths, store, settings_of(ctx), progress=not quiet)
        _print_summary(summary)

    @app.command()
    def incidents(
        ctx: typer.Context,
        limit: int = typer.Option(50, min=1, max=10_000, help="Rows to show."),
        offset: int = typer.Option(0, min=0, help="Rows to skip."),
    ) -> None:
        """List incidents, newest first."""
        print_incidents(reader(ctx), limit, offset)

    @app.command()
    def show(ctx: typer.Context, incident_id: str = typer.Argument(..., help="Incident id (or a unique prefix).")):
        """One incident: every value next to the sentence that supports it, conflicts, and its sources."""
        db = reader(ctx)
        record = queries.find_incident(db, incident_id)
        if record is None:
            raise fail(f"no incident {incident_id!r} (or the prefix is ambiguous). List them with `ois incidents`.")
        print_incident(views.incident_view(record, queries.incident_sources(db, record["id"])))

    @app.command()
    def status(ctx: typer.Context, skipped: bool = typer.Option(False, "--skipped", help="List skipped inputs.")):
        """Counts of articles, reports and incidents; with --skipped, every skipped input and why."""
        store = open_store(ctx)
        console.print(store.counts())
        if skipped:
            table = Table("stage", "source", "reason")
            for row in store.skipped():
                table.add_row(row["stage"], row["source"], row["reason"])
            console.print(table)
