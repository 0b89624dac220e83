"""`ois export`: every incident matching the list filters, as csv, json, geojson or a WaPo-schema CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import typer

from ois.commands import clean, err_console, fail, filter_options, plain, reader, settings_of
from ois.query.filters import Filters


class _Terminal:
    """Standard output that is a terminal: exported text (untrusted) reaches it without control characters."""

    def __init__(self, out: TextIO):
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(clean(text, one_line=False))


def register(app: typer.Typer) -> None:
    @app.command("export")
    @filter_options
    def export_command(
        ctx: typer.Context,
        filters: Filters,
        fmt: str = typer.Option("csv", "--format", "-f", help="csv | json | geojson | wapo | people"),
        out: Path = typer.Option(None, "--out", "-o", help="File to write (default: standard output)."),
    ) -> None:
        """Export incidents with the same filters as the web list (`people`: one row per participant; `wapo`: the
        Washington Post v2 schema, one row per person killed by police gunfire). Incidents abroad are left out
        (setting exports_us_only). A failed export exits non-zero and leaves no partial file under the --out
        name."""
        from ois import export

        if fmt not in export.FORMATS:
            raise fail(f"--format must be one of {', '.join(export.FORMATS)}, got {fmt!r}")
        db = reader(ctx)  # says what to do when there is no database; brings an older schema up to date
        us_only, unit = settings_of(ctx).exports_us_only, export.UNITS.get(fmt, "incidents")
        if out:
            try:
                n = export.export_file(db, filters, fmt, out, us_only)
            except OSError as exc:
                raise fail(f"could not write {out}: {exc.strerror or exc}. Check the folder and free space.") from None
            err_console.print(plain(f"Exported {n} {unit} to {out} ({fmt})."))
        else:
            stdout = _Terminal(sys.stdout) if sys.stdout.isatty() else sys.stdout
            n = export.export(db, filters, fmt, stdout, us_only)  # type: ignore[arg-type]
            err_console.print(f"Exported {n} {unit} ({fmt}).", markup=False)
