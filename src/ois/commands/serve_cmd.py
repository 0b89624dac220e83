"""`ois serve`: the read-only web UI and JSON API over the database."""

from __future__ import annotations

import ipaddress
import socket

import typer
from rich.text import Text

from ois.commands import console, err_console, plain, reader, settings_of

_WILDCARDS = ("0.0.0.0", "::", "")


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def served_names(host: str, allowed: list[str]) -> list[str]:
    """The Host header names the app answers to: this machine's loopback names, the address it listens on
    (unless a wildcard), this machine's name when it listens on every interface, and `--allow-host` names."""
    from ois.web.app import LOOPBACK_HOSTS

    names = [*LOOPBACK_HOSTS, *allowed]
    if host in _WILDCARDS:
        names += [socket.gethostname(), socket.getfqdn()]
    else:
        names.append(host)
    return list(dict.fromkeys(n for n in names if n))


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        ctx: typer.Context,
        host: str = typer.Option("127.0.0.1", help="Interface to listen on (keep 127.0.0.1 unless you mean it)."),
        port: int = typer.Option(8000, min=1, max=65535, help="TCP port."),
        allow_host: list[str] = typer.Option(
            [], "--allow-host", help="Another name the server is reached by (the browser's Host header); repeat."
        ),
    ) -> None:
        """Browse incidents, evidence and sources in a web browser; every list is also .json and .csv."""
        import uvicorn

        from ois.web.app import create_app

        db = reader(ctx)  # brings an older database's schema up to date; the web app itself only reads
        if not _is_loopback(host):
            err_console.print(
                Text.assemble(
                    ("Warning: ", "bold yellow"),
                    plain(
                        f"--host {host} lets anyone who can reach this machine read the whole database "
                        "(articles, names, evidence). Use it only on a network you trust; 127.0.0.1 keeps it private."
                    ),
                )
            )
        names = served_names(host, allow_host)
        shown = f"[{host}]" if ":" in host else host
        console.print(
            plain(f"Serving {db.path} read-only at http://{shown}:{port}/ (API docs at /docs). Ctrl-C stops."),
        )
        console.print(plain(f"Answering requests for: {', '.join(names)} (add names with --allow-host).", "dim"))
        uvicorn.run(create_app(db, settings_of(ctx), hosts=names), host=host, port=port, log_level="warning")
