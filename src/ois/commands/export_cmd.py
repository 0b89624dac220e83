"""`ois export`: every incident matching the list filters, as csv, json, geojson or a WaPo-schema CSV."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ois.commands import err_console, fail, reader


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_command(
        ctx: typer.Context,
        fmt: str = typer.Option("csv", "--format", "-f", help="csv | json | geojson | wapo"),
        out: Path = typer.Option(None, "--out", "-o", help="File to write (default: standard output)."),
        q: str = typer.Option(None, help="Full-text search over the source articles."),
        date_from: str = typer.Option(None, help="Incident date on or after YYYY-MM-DD."),
        date_to: str = typer.Option(None, help="Incident date on or before YYYY-MM-DD."),
        state: list[str] = typer.Option([], help="USPS state code; repeat or use TX,OK."),
        city: str = typer.Option(None, help="City name, exactly as stored."),
        agency: str = typer.Option(None, help="Agency name, exactly as stored."),
        armed: str = typer.Option(None, help="gun | knife | vehicle | other | unarmed | unknown"),
        fatal: str = typer.Option(None, help="yes | no"),
        officer_shot: str = typer.Option(None, help="yes | no"),
        video: str = typer.Option(None, help="yes | no"),
        sort: str = typer.Option(None, help="-date (default) | date | state | city | -sources | -published"),
    ) -> None:
        """Export incidents with the same filters as the web list (`wapo`: one row per person killed)."""
        params = {k: v for k, v in locals().items() if k not in ("ctx", "fmt", "out")}
        from ois import export
        from ois.query.filters import Filters, QueryError

        if fmt not in export.FORMATS:
            raise fail(f"--format must be one of {', '.join(export.FORMATS)}, got {fmt!r}")
        db = reader(ctx)  # says what to do when there is no database; brings an older schema up to date
        try:
            filters = Filters.parse(params)
        except QueryError as exc:
            raise fail(str(exc), 2) from None
        if out:
            with out.open("w", encoding="utf-8", newline="") as handle:
                n = export.export(db, filters, fmt, handle)
            err_console.print(f"Exported {n} incidents to {out} ({fmt}).")
        else:
            n = export.export(db, filters, fmt, sys.stdout)
            err_console.print(f"Exported {n} incidents ({fmt}).")
