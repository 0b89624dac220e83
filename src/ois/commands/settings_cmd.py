"""`ois settings`: the settings table with current values."""

from __future__ import annotations

import typer
from rich.table import Table

from ois.commands import console, settings_of
from ois.settings import TABLE


def register(app: typer.Typer) -> None:
    @app.command("settings")
    def show_settings(ctx: typer.Context) -> None:
        """List every setting: name, current value, default, help. Override with --set or OIS_<NAME>."""
        current = settings_of(ctx)
        table = Table("name", "value", "default", "help")
        for s in TABLE:
            table.add_row(s.name, str(current[s.name]), str(s.default), s.help)
        console.print(table)
