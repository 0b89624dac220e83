"""The `ois` command line: a thin layer over the library. Commands live in `ois.commands.*` modules.

`Commands` (the click group) turns the errors a user can cause or meet (a damaged, locked, read-only or newer
database; Ctrl-C) into one message that says what to do, instead of a traceback.
"""

from __future__ import annotations

import sqlite3
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import click
import typer
from typer.core import TyperGroup

from ois.commands import (
    browse_cmd,
    core,
    err_console,
    evaluate_cmd,
    export_cmd,
    fail,
    reference_cmd,
    resolve_cmd,
    review_cmd,
    serve_cmd,
    settings_cmd,
)
from ois.settings import Settings, parse_overrides


class Commands(TyperGroup):
    """The `ois` group: database errors and interruptions become advice and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        from ois.store import StoreError, explain

        try:
            return super().invoke(ctx)
        except (StoreError, sqlite3.Error) as exc:
            settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings()
            raise fail(explain(exc, settings.db_path), 3) from None
        except KeyboardInterrupt:
            err_console.print(
                "Interrupted. Everything committed before it is kept; run the same command again to finish."
            )
            raise typer.Exit(130) from None


app = typer.Typer(
    cls=Commands,
    help="Officer-involved shooting news -> deduplicated, evidence-linked incident database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


def _version(show: bool) -> None:
    if show:
        try:
            typer.echo(f"ois {version('ois')}")
        except PackageNotFoundError:  # running from a source tree that was never installed
            typer.echo("ois (version unknown: not installed; run `pip install -e .`)")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: str = typer.Option(None, "--db", help="SQLite database file (default: setting db_path, ois.db)."),
    set_: list[str] = typer.Option([], "--set", help="Override a setting: --set name=value (see `ois settings`)."),
    _: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    try:
        overrides = parse_overrides(set_)
        if db:
            overrides["db_path"] = db
        ctx.obj = Settings(overrides)
    except (KeyError, ValueError) as exc:
        raise typer.BadParameter(str(exc).strip('"')) from None


# Each command module adds its commands; a new module is imported here and added to this tuple.
_MODULES = (core, browse_cmd, evaluate_cmd, export_cmd, reference_cmd, resolve_cmd, review_cmd, serve_cmd, settings_cmd)
for _module in _MODULES:
    _module.register(app)


if __name__ == "__main__":
    app()
