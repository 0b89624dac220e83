"""`ois serve`: the read-only web UI and JSON API over the database."""

from __future__ import annotations

import typer

from ois.commands import console, reader, settings_of


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

        db = reader(ctx)  # brings an older database's schema up to date; the web app itself only reads
        url = f"http://{host}:{port}/"
        console.print(f"Serving {db.path} read-only at [bold]{url}[/] (API docs at /docs). Ctrl-C stops.")
        uvicorn.run(create_app(db, settings_of(ctx)), host=host, port=port, log_level="warning")
