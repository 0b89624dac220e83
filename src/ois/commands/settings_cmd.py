"""`ois settings`: the settings table with current values, one block per setting so names are never cut."""

from __future__ import annotations

import typer
from rich.padding import Padding
from rich.text import Text

from ois.commands import console, plain, settings_of
from ois.settings import TABLE


def register(app: typer.Typer) -> None:
    @app.command("settings")
    def show_settings(ctx: typer.Context) -> None:
        """List every setting: name, current value, default, help. Override with --set or OIS_<NAME>."""
        current = settings_of(ctx)
        console.print("Override any of these with --set name=value or the environment variable OIS_<NAME>.\n")
        for s in TABLE:
            value = current[s.name]
            line = Text.assemble((s.name, "bold"), " = ", plain(repr(value) if value == "" else value))
            if value != s.default:
                line.append_text(plain(f"   (default {s.default!r})", "yellow"))
            console.print(line, overflow="fold")
            console.print(Padding(Text(s.help, style="dim"), (0, 0, 0, 4)))
