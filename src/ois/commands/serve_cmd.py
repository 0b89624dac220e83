"""`ois serve`: the read-only web UI and JSON API over the database."""

from __future__ import annotations

from pathlib import Path

import typer

from ois.commands import console, fail, open_store, settings_of


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        ctx: typer.Context,
        host: str = typer.Option("127.0.0.1", help="Interface to listen on (keep 127.0.0.1 unless you mean it)."),
        port: int = typer.Option(8000, min=1, max=65535, help="TCP port."),
    ) -> None:
        """Browse incidents, evidence and sources in a web browser; every list is also .json and .csv."""
        import uvicorn

        from ois.web.app import create_app

        settings = settings_of(ctx)
        path = Path(settings.db_path)
        if not path.is_file():
            raise fail(f"No database at {path}. Run `ois ingest PATH...` or `ois demo` first, or pass --db FILE.", 2)
        open_store(ctx).close()  # brings an older database's schema up to date; the web app itself only reads
        console.print(f"Serving {path} read-only at [bold]http://{host}:{port}/[/] (API docs at /docs). Ctrl-C stops.")
        uvicorn.run(create_app(path, settings), host=host, port=port, log_level="warning")
