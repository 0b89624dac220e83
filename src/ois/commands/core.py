"""Core commands: demo, ingest, incidents, show, status."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from ois.commands import console, fail, open_store, settings_of
from ois.models import Article, Incident, MergedField
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
PERSON_FIELDS = ("name", "age", "gender", "armed", "outcome", "fired")


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


def _yes(flag: Any) -> str:
    return "yes" if flag else ""


def print_incidents(store: Store, limit: int, offset: int = 0) -> None:
    rows = store.incident_rows(limit=limit, offset=offset)
    table = Table(
        "id",
        "date",
        "place",
        "agency",
        "fatal",
        "officer shot",
        "armed",
        "video",
        "sources",
        "headline",
        title=f"{store.counts()['incidents']} incidents",
        title_justify="left",
    )
    for r in rows:
        place = ", ".join(x for x in (r["city"], r["state"]) if x)
        table.add_row(
            r["id"][:10],
            r["date"] or "?",
            place or "?",
            r["agency"] or "",
            _yes(r["fatal"]),
            _yes(r["officer_shot"]),
            r["armed"] or "",
            _yes(r["video"]),
            str(r["n_sources"]),
            (r["title"] or "")[:60],
        )
    console.print(table)
    if not rows:
        console.print("No incidents yet. Ingest articles with `ois ingest PATH...` (or try `ois demo`).")


def _format(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_format(v) for v in value)
    if isinstance(value, dict):
        return ": ".join(str(v) for v in value.values() if v)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _evidence_rows(table: Table, label: str, merged: MergedField) -> None:
    sources = f"{len(merged.report_ids)} src"
    quote = f"“{merged.evidence[0].text.strip()}”" if merged.evidence else ""
    table.add_row(label, _format(merged.value), sources, quote)
    for alt in merged.conflicts:
        alt_quote = f"“{alt.evidence[0].text.strip()}”" if alt.evidence else ""
        table.add_row("", f"[yellow]conflict:[/] {_format(alt.value)}", f"{len(alt.report_ids)} src", alt_quote)


def print_incident(store: Store, incident: Incident) -> None:
    console.print(f"[bold]Incident {incident.id}[/]  ({len(incident.report_ids)} reports)")
    table = Table("field", "value", "support", "evidence (sentence)", show_lines=False)
    for key, label in SHOW_FIELDS:
        if key in incident.fields:
            _evidence_rows(table, label, incident.fields[key])
    for n, person in enumerate(incident.people, start=1):
        role = person["role"].value if "role" in person else "person"
        for key in PERSON_FIELDS:
            if key in person:
                _evidence_rows(table, f"{role} {n}: {key}", person[key])
    console.print(table)
    sources = Table("report", "published", "outlet", "headline", "url", title="Sources", title_justify="left")
    for article in store.articles(incident.report_ids):
        copy = f" (copy of {incident.copies[article.id][:8]})" if article.id in incident.copies else ""
        sources.add_row(
            article.id[:10] + copy,
            str(article.published or "?"),
            article.outlet or "",
            article.title[:70],
            article.url or article.source,
        )
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
