"""Reference databases on the command line: `ois reference load|status|link|confirm|reject` and `ois coverage`.

Reference files and their values are untrusted text: everything from them is printed with `plain`.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from ois.commands import console, err_console, fail, open_store, plain, reader, settings_of

_SHOWN_SKIPS = 10


def _link_counts(linked: dict[str, dict[str, int]]) -> str:
    parts = []
    for source, counts in sorted(linked.items()):
        shown = ", ".join(f"{counts.get(k, 0)} {k}" for k in ("known", "possible", "new", "outside") if counts.get(k))
        parts.append(f"{source}: {shown or 'no subjects'}")
    return "; ".join(parts) or "no reference loaded"


def _print_load(loaded: Any, linked: dict[str, dict[str, int]], show_skips: int) -> None:
    parsed = loaded.parsed
    unit = "agencies" if parsed.schema.kind == "agencies" else "people"
    console.print(
        Text.assemble(
            ("Loaded ", "bold"),
            plain(f"{parsed.count:,} {unit} from {parsed.path} ({parsed.schema.name}: {parsed.schema.title})"),
            plain(f", replacing {loaded.replaced:,}" if loaded.replaced else ""),
            plain(f"; {len(parsed.skips)} rows skipped" if parsed.skips else ""),
        )
    )
    for note in parsed.notes:
        console.print(Text.assemble(("note: ", "yellow"), plain(note)))
    for line, why in parsed.skips[:show_skips]:
        console.print(plain(f"  skipped line {line}: {why}"))
    if len(parsed.skips) > show_skips:
        console.print(f"  ... and {len(parsed.skips) - show_skips} more (--show-skipped N lists more).", markup=False)
    if loaded.orphaned:
        console.print(
            Text.assemble(
                ("Confirmed links to rows this file lacks: ", "yellow"),
                plain(", ".join(loaded.orphaned)),
                plain(" (kept; they apply again if a later file has those ids)."),
            )
        )
    console.print(plain(f"Linked subjects: {_link_counts(linked)}."))


def _coverage_table(title: str, rows: list[dict[str, Any]], columns: tuple[str, ...]) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(plain("" if row.get(c) is None else row.get(c)) for c in columns))
    return table


def _date(value: str | None, option: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise fail(f"{option} must be a date like 2024-05-31, got {value!r}", 2) from None


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Reference databases (WaPo, MPV): load them, link incidents to them, decide links.")
    app.add_typer(group, name="reference")

    @group.command("load")
    def load_command(
        ctx: typer.Context,
        source: str = typer.Argument(..., help="wapo | mpv"),
        path: Path = typer.Argument(..., help="The CSV as downloaded (WaPo v1/v2 data or agencies file, MPV)."),
        show_skipped: int = typer.Option(_SHOWN_SKIPS, "--show-skipped", min=0, help="Skipped rows to list."),
    ) -> None:
        """Load (or replace with a newer download) a reference database, then link every incident to it. The
        schema is recognised from the header; bad rows are skipped with a reason; a bad file changes nothing."""
        from ois import reference

        settings = settings_of(ctx)
        store = open_store(ctx, must_exist=False)
        try:
            with store.writing("ois reference load", settings.db_lock_wait_s), console.status("Loading and linking"):
                loaded, summary = reference.load_file(store, path, source, settings)
        except reference.LoadError as exc:
            raise fail(str(exc), 2) from None
        finally:
            store.close()
        _print_load(loaded, summary.linked, show_skipped)

    @group.command("status")
    def status_command(ctx: typer.Context) -> None:
        """What is loaded (file, schema, rows, dates) and how the subjects link to it."""
        from ois.query import reference as ref_query

        db = reader(ctx)
        loaded = ref_query.loaded(db)
        if not loaded:
            console.print("No reference loaded. Load one with `ois reference load wapo FILE`.", markup=False)
            return
        table = Table("reference", "file", "schema", "rows", "dates", "loaded", "subjects", show_edge=False)
        for source, info in loaded.items():
            linked = ", ".join(f"{n} {status or 'not linked'}" for status, n in ref_query.subject_statuses(db, source))
            dates = f"{info['date_min']} .. {info['date_max']}"
            row = (
                source,
                Path(info["file"]).name,
                info["schema"],
                f"{info['rows']:,}",
                dates,
                info["loaded_at"],
                linked,
            )
            table.add_row(*(plain(v) for v in row))
        console.print(table)

    @group.command("link")
    def link_command(ctx: typer.Context) -> None:
        """Link every incident to the loaded references again (ingests and merges do this themselves)."""
        from ois import reference

        settings = settings_of(ctx)
        store = open_store(ctx)
        with store.writing("ois reference link", settings.db_lock_wait_s):
            summary = reference.relink(store, settings)
        store.close()
        console.print(plain(f"{summary.people:,} people; linked subjects: {_link_counts(summary.linked)}."))

    @group.command("decide")
    def decide_command(
        ctx: typer.Context,
        decision: str = typer.Argument(..., help="confirm | reject"),
        source: str = typer.Argument(..., help="wapo | mpv"),
        ref_id: str = typer.Argument(..., help="The reference's id of the person (WaPo id, MPV id)."),
        incident: str = typer.Argument(..., help="Incident id (or a unique prefix)."),
        person: int = typer.Option(
            0, "--person", min=0, help="The subject's number among the incident's people (from 0, as /people shows)."
        ),
        editor: str = typer.Option(..., "--editor", help="Who decides (kept with the decision)."),
        reason: str = typer.Option("", "--reason", help="Why (kept with the decision)."),
    ) -> None:
        """Confirm or reject that a reference row is a subject of an incident. Kept (signed, with the reason)
        across re-resolutions and newer downloads, and applied at every linking."""
        from ois import reference
        from ois.query import queries

        record = queries.find_incident(reader(ctx), incident)
        if record is None:
            raise fail(f"no incident {incident!r} (or the prefix is ambiguous). List them with `ois incidents`.")
        settings = settings_of(ctx)
        store = open_store(ctx)
        try:
            with store.writing(f"ois reference decide {decision}", settings.db_lock_wait_s):
                stored = reference.decide_link(
                    store, source, ref_id, record["id"], person, decision, editor, reason, settings
                )
        except reference.LinkError as exc:
            raise fail(str(exc), 2) from None
        finally:
            store.close()
        verb = "is" if decision == "confirm" else "is not"
        console.print(
            plain(
                f"Stored: {source} {ref_id} {verb} {stored['person_key']} of incident {record['id']} "
                f"({decision} by {stored['editor']})."
            )
        )

    @app.command("coverage")
    def coverage_command(
        ctx: typer.Context,
        source: str = typer.Option("wapo", "--reference", help="wapo | mpv"),
        date_from: str = typer.Option(None, "--from", help="Start date YYYY-MM-DD (default: our first incident)."),
        date_to: str = typer.Option(None, "--to", help="End date YYYY-MM-DD (default: our last incident)."),
        state: list[str] = typer.Option([], "--state", help="USPS state code; repeat or use TX,OK."),
        limit: int = typer.Option(50, "--limit", min=0, help="Rows listed per list (the counts are complete)."),
        as_json: bool = typer.Option(False, "--json", help="Print everything as JSON."),
    ) -> None:
        """What our sources missed (reference rows no incident links to) and what the reference lacks (our
        subjects it does not list: fatal ones are news, non-fatal ones expected)."""
        from ois.query import QueryError
        from ois.query import reference as ref_query

        db = reader(ctx)
        states = tuple(s.strip().upper() for raw in state for s in raw.split(",") if s.strip())
        try:
            result = ref_query.coverage(db, source, _date(date_from, "--from"), _date(date_to, "--to"), states, limit)
        except QueryError as exc:
            raise fail(str(exc), 2) from None
        if as_json:
            sys.stdout.write(json.dumps(result, indent=1, default=str) + "\n")
            return
        if result["window"] is None:
            raise fail(
                f"nothing to compare: load {source} (`ois reference load {source} FILE`) and ingest articles "
                "with incident dates in its range (or widen --from/--to).",
                2,
            )
        _print_coverage(result, states)


def _print_coverage(result: dict[str, Any], states: tuple[str, ...]) -> None:
    c, (low, high) = result["counts"], result["window"]
    where = f" in {', '.join(states)}" if states else ""
    console.print(plain(f"{result['name']} vs our incidents, {low} .. {high}{where}", "bold"))
    console.print(
        plain(
            f"Reference: {c['reference_rows']:,} people, {c['reference_linked']:,} linked to our incidents, "
            f"{c['reference_missed']:,} not ({len(result['review'])} of them only as a possible link: review)."
        )
    )
    console.print(
        plain(
            f"Ours: {c['subjects']:,} subjects: {c['subjects_known']:,} known, {c['subjects_possible']:,} possible, "
            f"{c['subjects_new']:,} new to the reference ({c['subjects_new_fatal']:,} of them killed: news)."
        )
    )
    columns = ("date", "id", "name", "age", "city", "state")
    console.print(
        _coverage_table("Missed by our sources (in the reference, linked to no incident)", result["missed"], columns)
    )
    ours = ("date", "incident_id", "name", "age", "city", "state", "agency")
    console.print(_coverage_table("Killed, not in the reference (news)", result["new_fatal"], ours))
    console.print(
        _coverage_table("Not killed, not in the reference (expected)", result["new_other"], (*ours, "outcome"))
    )
    if not states:
        err_console.print("Tip: --state narrows both sides to the states your sources cover.", markup=False)
