"""The `ois` command line: a thin layer over the library. Commands live in `ois.commands.*` modules."""

from __future__ import annotations

import importlib
import pkgutil

import typer

from ois import commands
from ois.settings import Settings, parse_overrides

app = typer.Typer(
    help="Officer-involved shooting news -> deduplicated, evidence-linked incident database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


@app.callback()
def main(
    ctx: typer.Context,
    db: str = typer.Option(None, "--db", help="SQLite database file (default: setting db_path, ois.db)."),
    set_: list[str] = typer.Option([], "--set", help="Override a setting: --set name=value (see `ois settings`)."),
) -> None:
    try:
        overrides = parse_overrides(set_)
        if db:
            overrides["db_path"] = db
        ctx.obj = Settings(overrides)
    except (KeyError, ValueError) as exc:
        raise typer.BadParameter(str(exc).strip('"')) from None


for _module in pkgutil.iter_modules(commands.__path__):
    importlib.import_module(f"ois.commands.{_module.name}").register(app)


if __name__ == "__main__":
    app()
