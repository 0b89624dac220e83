"""Core commands: demo, ingest, incidents, show, status."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich import box
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ois.commands import console, fail, open_store, settings_of
from ois.models import LIST_FIELDS, PERSON_FACT_FIELDS, Article, Incident, MergedField
from ois.settings import Settings
from ois.store import Store

if TYPE_CHECKING:
    from ois.pipeline import RunSummary

# Field order and labels of `ois show` (the order a reporter reads a case in).
SHOW_FIELDS = (
    ("incident_date", "Date"),
    ("time_of_day", "Time"),
    ("city", "City"),
    ("state", "State"),
    ("agency", "Agency"),
    ("officer_fired", "Officer fired"),
    ("subject_fired", "Subject fired"),
    ("first_shot_by", "First shot by"),
    ("shots", "Shots"),
    ("video", "Video"),
    ("legal", "Legal aftermath"),
)


def demo_articles(settings: Settings) -> list[Article]:
    """The built-in fictional demo corpus (src/ois/demo): .txt files + manifest.jsonl (url, outlet, published)."""
    from ois.sources import manifest_articles

    with resources.as_file(resources.files("ois") / "demo" / "manifest.jsonl") as manifest:
        return [a for a in manifest_articles(manifest, settings) if isinstance(a, Article)]


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


def print_incidents(store: Store, limit: int, offset: int = 0) -> None:
    rows = store.incident_rows(limit=limit, offset=offset)
    table = Table(
        title=f"{store.counts()['incidents']} incidents",
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


def _format(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_format(v) for v in value)
    if isinstance(value, dict):  # legal aftermath: {"kind", "detail", "reported"}; the detail is the evidence
        return str(value.get("kind", "?"))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _quote(spans: tuple, limit: int = 220) -> str:
    if not spans:
        return ""
    text = " ".join(spans[0].text.split())
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"


def _print_field(label: str, merged: MergedField) -> None:
    n = len(merged.report_ids)
    console.print(f"[bold]{label:<18}[/] {escape(_format(merged.value))}  [dim]({n} source{'s' * (n != 1)})[/]")
    if merged.evidence:
        console.print(Padding(Text(_quote(merged.evidence), style="italic"), (0, 0, 0, 19)))
    for alt in merged.conflicts:
        m = len(alt.report_ids)
        console.print(
            f"{'':<19}[yellow]conflict:[/] {escape(_format(alt.value))}  [dim]({m} source{'s' * (m != 1)})[/]"
        )
        if alt.evidence:
            console.print(Padding(Text(_quote(alt.evidence), style="italic"), (0, 0, 0, 19)))


def _print_list_field(label: str, merged: MergedField) -> None:
    """Video kinds and legal steps: every distinct value with its own support (alternatives are not conflicts)."""
    grouped: dict[str, tuple[set[str], list, list]] = {}
    for alt in merged.conflicts:  # one legal step told in different words, or on different days, is one line
        value = alt.value
        kind = str(value.get("kind", "?")) if isinstance(value, dict) else _format(value)
        ids, spans, dates = grouped.setdefault(kind, (set(), [], []))
        ids.update(alt.report_ids)
        spans.extend(alt.evidence)
        if isinstance(value, dict) and value.get("reported"):
            dates.append(value["reported"])
    console.print(f"[bold]{label}[/]")
    for kind, (ids, spans, dates) in grouped.items():
        n = len(ids)
        first = f" (first reported {min(dates)})" if dates else ""
        console.print(f"{'':<2}• {escape(kind)}{first}  [dim]({n} source{'s' * (n != 1)})[/]")
        if spans:
            console.print(Padding(Text(_quote(tuple(spans)), style="italic"), (0, 0, 0, 19)))


def print_incident(store: Store, incident: Incident) -> None:
    """Each value, its support and the sentence behind it; conflicts under the value they dispute."""
    console.rule(f"Incident {incident.id}  ·  {len(incident.report_ids)} reports")
    for key, label in SHOW_FIELDS:
        if key in LIST_FIELDS and key in incident.fields:
            _print_list_field(label, incident.fields[key])
        elif key in incident.fields:
            _print_field(label, incident.fields[key])
    for n, person in enumerate(incident.people, start=1):
        role = person["role"].value if "role" in person else "person"
        console.print(f"\n[bold underline]{role.capitalize()} {n}[/]")
        for key in PERSON_FACT_FIELDS:
            if key in person:
                _print_field(f"  {key}", person[key])
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
    for article in store.articles(incident.report_ids):
        copy = f" (copy of {incident.copies[article.id][:8]})" if article.id in incident.copies else ""
        sources.add_row(
            article.id[:8] + copy,
            str(article.published or "?"),
            article.outlet or "",
            f"{article.title}\n[dim]{article.url or article.source}[/]",
        )
    console.print()
    console.print(sources)


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(ctx: typer.Context, quiet: bool = typer.Option(False, "--quiet", help="No progress bars.")) -> None:
        """Ingest the built-in fictional demo articles into the database and list the incidents."""
        from ois import pipeline  # imports spaCy: only for the commands that need it

        settings: Settings = settings_of(ctx)
        store = open_store(ctx, must_exist=False)
        console.print(f"Demo: ingesting the built-in sample into [bold]{settings.db_path}[/]")
        _print_summary(pipeline.ingest_articles(demo_articles(settings), store, settings, progress=not quiet))
        print_incidents(store, limit=50)
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
        print_incidents(open_store(ctx), limit, offset)

    @app.command()
    def show(ctx: typer.Context, incident_id: str = typer.Argument(..., help="Incident id (or a unique prefix).")):
        """One incident: every value next to the sentence that supports it, conflicts, and its sources."""
        store = open_store(ctx)
        incident = store.find_incident(incident_id)
        if incident is None:
            raise fail(f"no incident {incident_id!r} (or the prefix is ambiguous). List them with `ois incidents`.")
        print_incident(store, incident)

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
