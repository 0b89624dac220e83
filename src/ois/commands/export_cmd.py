"""`ois export`: every incident matching the list filters, as csv, json, geojson or a WaPo-schema CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import typer

from ois.commands import clean, err_console, fail, filter_options, plain, reader
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
        fmt: str = typer.Option("csv", "--format", "-f", help="csv | json | geojson | wapo"),
        out: Path = typer.Option(None, "--out", "-o", help="File to write (default: standard output)."),
    ) -> None:
        """Export incidents with the same filters as the web list (`wapo`: one row per person killed). A failed
        export exits non-zero and leaves no partial file under the --out name."""
        from ois import export

        if fmt not in export.FORMATS:
            raise fail(f"--format must be one of {', '.join(export.FORMATS)}, got {fmt!r}")
        db = reader(ctx)  # says what to do when there is no database; brings an older schema up to date
        if out:
            try:
                n = export.export_file(db, filters, fmt, out)
            except OSError as exc:
                raise fail(f"could not write {out}: {exc.strerror or exc}. Check the folder and free space.") from None
            err_console.print(plain(f"Exported {n} incidents to {out} ({fmt})."))
        else:
            stdout = _Terminal(sys.stdout) if sys.stdout.isatty() else sys.stdout
            n = export.export(db, filters, fmt, stdout)  # type: ignore[arg-type]
            err_console.print(f"Exported {n} incidents ({fmt}).", markup=False)
