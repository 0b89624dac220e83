"""CLI command modules. Each module defines `register(app)`; `ois.cli` imports and registers each one."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.console import Console

from ois.settings import Settings

if TYPE_CHECKING:
    from ois.query import Database
    from ois.store import Store

console = Console()
err_console = Console(stderr=True)


def settings_of(ctx: typer.Context) -> Settings:
    return ctx.obj if isinstance(ctx.obj, Settings) else Settings()


def open_store(ctx: typer.Context, must_exist: bool = True) -> Store:
    """Open the database named by the settings; tell the user what to do when there is none."""
    from pathlib import Path

    from ois.store import Store

    settings = settings_of(ctx)
    path = Path(settings.db_path)
    if must_exist and not path.exists():
        err_console.print(
            f"[red]No database at {path}.[/] Run `ois ingest PATH...` or `ois demo` first, or pass --db FILE."
        )
        raise typer.Exit(2)
    return Store(path)


def reader(ctx: typer.Context) -> Database:
    """The read-only database the settings name, its schema up to date; exit 2 saying what to do if there is none."""
    from ois.query import open_reader

    try:
        return open_reader(settings_of(ctx))
    except FileNotFoundError as exc:
        raise fail(str(exc), 2) from None


def fail(message: str, code: int = 1) -> typer.Exit:
    err_console.print(f"[red]Error:[/] {message}")
    return typer.Exit(code)
