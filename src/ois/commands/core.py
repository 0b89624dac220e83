"""Core commands: demo, ingest, status."""

from __future__ import annotations

import contextlib
import shlex
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from ois.commands import browse_cmd, console, err_console, fail, open_store, plain, reader, settings_of
from ois.settings import Settings

if TYPE_CHECKING:
    from ois.pipeline import RunSummary


def print_summary(summary: RunSummary) -> None:
    """What a run did, in words (counts only; examples of same-text duplicates are printed literally)."""
    done = [f"{summary.new} new articles"]
    if summary.updated:
        done.append(f"{summary.updated} updated (corrected text at the same URL: earlier version kept, re-extracted)")
    if summary.resumed:
        done.append(f"{summary.resumed} finished that an earlier run had left unfinished")
    done.append(f"{summary.already_stored} already stored, {summary.skipped} skipped")
    rebuilt = "" if summary.resolved else " (unchanged)"
    console.print(
        f"{', '.join(done)}; {summary.ois} screened as OIS, {summary.reports} reports → "
        f"{summary.incidents} incidents{rebuilt} in {summary.seconds:.1f}s",
        markup=False,
        highlight=False,
    )
    if summary.same_text_count:
        console.print(
            f"{summary.same_text_count} of the already stored had the same text as an article stored under another "
            "id (with or without its URL), e.g.:",
            markup=False,
        )
        for example in summary.same_text:
            console.print(plain(f"  {example}"))
    if summary.skipped:
        console.print("See why with `ois status --skipped`.", markup=False)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a `kill`, a container stop) stops a run like Ctrl-C: the current article is rolled back, the
    committed ones are kept."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _again(ctx: typer.Context, *words: str) -> str:
    """The command that finishes an interrupted run: the same command on the same database."""
    db = settings_of(ctx).db_path
    default = Settings(env={}).db_path
    return shlex.join(["ois", *(["--db", str(db)] if db != default else []), *words])


def _interrupted(summary: RunSummary, again: str) -> typer.Exit:
    print_summary(summary)
    err_console.print(
        Text.assemble(
            ("Interrupted. ", "bold yellow"),
            plain(
                f"Every article committed before the interruption is kept, each with its screening and report. To "
                f"finish, run `{again}` again: stored articles are skipped, the rest are read, and the incidents are "
                "rebuilt.",
            ),
        )
    )
    return typer.Exit(130)


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(ctx: typer.Context, quiet: bool = typer.Option(False, "--quiet", help="No progress bars.")) -> None:
        """Ingest the built-in fictional demo articles into the database and list the incidents."""
        from ois import pipeline, sources  # import spaCy: only for the commands that need it

        settings: Settings = settings_of(ctx)
        store = open_store(ctx, must_exist=False)
        console.print(Text.assemble("Demo: ingesting the built-in sample into ", plain(settings.db_path, "bold")))
        with _terminate_as_interrupt():
            try:
                summary = pipeline.ingest_articles(sources.demo_articles(settings), store, settings, not quiet)
            except pipeline.Interrupted as stop:
                raise _interrupted(stop.summary, _again(ctx, "demo")) from None
        store.close()
        print_summary(summary)
        browse_cmd.print_incidents(reader(ctx), limit=50)
        console.print("Next: `ois show ID` for one incident with its evidence; `ois serve` for the web app.")

    @app.command()
    def ingest(
        ctx: typer.Context,
        paths: list[str] = typer.Argument(
            ..., help="Files, folders or URLs: .txt, .html, .json/.jsonl, .csv/.tsv, RSS/Atom, WARC."
        ),
        quiet: bool = typer.Option(False, "--quiet", help="No progress bars."),
        dask: str = typer.Option(
            None, "--dask", help="Run read/screen/extract on Dask: processes, threads, or a scheduler tcp://host:port."
        ),
        workers: int = typer.Option(
            None, "--workers", min=0, help="Screen and extract on N local processes (0: one per core). [default: 0]"
        ),
    ) -> None:
        """Read articles, screen, extract and resolve them into the database. Re-running adds nothing twice and
        finishes what an interrupted run left."""
        missing = [p for p in paths if "://" not in p and not _exists(p)]
        if missing and len(missing) == len(paths):
            named = ", ".join(p if len(p) <= 80 else p[:77] + "..." for p in missing)
            raise fail(f"nothing to read: {named} not found. Give files, folders or http(s) URLs.", 2)
        from ois import pipeline

        if dask and workers is not None:
            raise fail("--workers runs local processes and --dask runs Dask's: give one of them.", 2)
        settings = settings_of(ctx)
        if workers is not None:
            settings = settings.replace(ingest_workers=workers)
        store = open_store(ctx, must_exist=False)
        with _terminate_as_interrupt():
            try:
                if dask:
                    from ois.dask_runner import ingest_dask

                    summary = ingest_dask(paths, store, settings, scheduler=dask, progress=not quiet)
                else:
                    summary = pipeline.ingest(paths, store, settings, progress=not quiet)
            except pipeline.Interrupted as stop:
                raise _interrupted(stop.summary, _again(ctx, "ingest", *paths)) from None
            except RuntimeError as exc:  # Dask missing or unreachable
                raise fail(str(exc), 2) from None
        print_summary(summary)

    @app.command()
    def status(ctx: typer.Context, skipped: bool = typer.Option(False, "--skipped", help="List skipped inputs.")):
        """Counts of articles, reports and incidents; rebuilds incidents an interrupted run left out of date. With
        --skipped, every skipped input and why."""
        settings = settings_of(ctx)
        store = open_store(ctx)
        waiting = store.unresolved()
        if waiting:
            from ois import pipeline

            resolved = pipeline.resolve_pending(store, settings)
            console.print(
                f"{waiting} reports were not in the incidents yet (a run stopped before resolving): incidents rebuilt."
                if resolved is not None
                else f"{waiting} reports are not in the incidents yet: another ois process is writing to this "
                "database and will rebuild them when it finishes.",
                markup=False,
            )
        counts = store.counts()
        table = Table(box=None, show_header=False, pad_edge=False, title_justify="left")
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column()
        table.title = Text.assemble("Database ", plain(store.path, "bold"), f" (schema {store.schema_version})")
        notes = {
            "articles": f"{counts['updated_articles']} corrected (earlier versions kept)"
            if counts["updated_articles"]
            else "",
            "unfinished articles": "run `ois ingest` (any input) to finish them"
            if counts["unfinished_articles"]
            else "",
            "skipped inputs": "`ois status --skipped` lists them" if counts["skipped"] and not skipped else "",
            "screened out, text not kept": "title, URL, date and verdict kept; ingest with --set "
            "store_rejected_text=true to keep the text",
        }
        for label, key in (
            ("articles", "articles"),
            ("unfinished articles", "unfinished_articles"),
            ("screened as OIS", "ois_articles"),
            ("screened out, text not kept", "texts_not_kept"),
            ("reports", "reports"),
            ("incidents", "incidents"),
            ("skipped inputs", "skipped"),
        ):
            if key not in ("unfinished_articles", "texts_not_kept") or counts[key]:
                table.add_row(label, f"{counts[key]:,}", Text(notes.get(label, ""), style="dim"))
        console.print(table)
        if skipped:
            rows = Table("stage", "source", "reason", "seen", "last seen", box=box.SIMPLE_HEAD, show_edge=False)
            for row in store.skipped():
                rows.add_row(
                    plain(row["stage"]),
                    plain(row["source"], overflow="fold"),
                    plain(row["reason"]),
                    str(row["count"]),
                    plain(row["last_seen"] or row["at"]),
                )
            console.print(rows)


def _exists(path: str) -> bool:
    """Whether a path names a file or folder; a name the system cannot hold (too long, a NUL byte) does not."""
    try:
        return Path(path).exists()
    except (OSError, ValueError):
        return False
