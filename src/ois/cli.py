"""The `ois` command line: a thin layer over the library. Commands live in `ois.commands.*` modules."""

from __future__ import annotations

import typer

from ois.commands import core, evaluate_cmd, export_cmd, resolve_cmd, serve_cmd, settings_cmd
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


# Each command module adds its commands; a new module is imported here and added to this tuple.
for _module in (core, evaluate_cmd, export_cmd, resolve_cmd, serve_cmd, settings_cmd):
    _module.register(app)


if __name__ == "__main__":
    app()
