"""`ois serve`: the read-only web UI and JSON API over the database."""

from __future__ import annotations

import gc
import ipaddress
import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.text import Text

from ois.commands import console, err_console, fail, open_store, plain, reader, settings_of

if TYPE_CHECKING:
    from fastapi import FastAPI

    from ois.settings import Settings
    from ois.web.review import ReviewConfig

_WILDCARDS = ("0.0.0.0", "::", "")
# `ois serve --workers N` tells its worker processes (uvicorn starts each with `worker_app`) what to serve
# through the environment: every setting as OIS_<NAME>, and these.
_HOSTS_ENV, _REVIEW_ENV = "OIS_SERVE_HOSTS", "OIS_SERVE_REVIEW"


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
        review: bool = typer.Option(
            False, "--review", help="Review mode: editors (`ois editor add NAME`) log in and correct incidents."
        ),
        workers: int = typer.Option(
            1,
            min=1,
            max=64,
            help="Worker processes answering requests: one per CPU core serves more readers at once (each caches "
            "its own counts and facets until the database changes).",
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
        mode = "in review mode (editors sign in at /login)" if review else "read-only"
        console.print(
            plain(f"Serving {db.path} {mode} at http://{shown}:{port}/ (API docs at /docs). Ctrl-C stops."),
        )
        console.print(plain(f"Answering requests for: {', '.join(names)} (add names with --allow-host).", "dim"))
        config = _review_config(ctx, db.path, host) if review else None
        if workers > 1:
            console.print(plain(f"{workers} worker processes.", "dim"))
            os.environ.update(_worker_environment(settings_of(ctx), db.path, names, review))
            _serve_workers(host, port, workers)
            return
        app_ = frozen(create_app(db, settings_of(ctx), hosts=names, review=config))
        uvicorn.run(app_, host=host, port=port, log_level="warning")


def frozen(app: FastAPI) -> FastAPI:
    """The app, with every object built so far (modules, routes, templates) moved out of the garbage collector's
    reach: a full collection then scans only what requests allocate. Measured on the 100k store: the longest
    collection pause during 600 list requests went from 53 ms to 5 ms, and each pause stalls every queued
    request of the worker."""
    gc.freeze()
    return app


def _serve_workers(host: str, port: int, workers: int) -> None:
    """uvicorn's worker processes over one listening socket, made as a TCP socket: uvicorn's own has protocol 0,
    so asyncio never sets TCP_NODELAY on its connections and each keep-alive response then waits ~40 ms for a
    delayed ACK (measured: 48 ms per request instead of 3)."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    target = f"{__name__}:worker_app"
    config = uvicorn.Config(target, factory=True, host=host, port=port, workers=workers, log_level="warning")
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise fail(f"cannot listen on {host}:{port} ({exc}); pick another --port.", 2) from None
    sock.set_inheritable(True)
    Multiprocess(config, sockets=[sock]).run()


def _worker_environment(settings: Settings, path: Path, names: list[str], review: bool) -> dict[str, str]:
    """What a worker process needs to build the same app: the settings (the database by its absolute path), the
    names it answers to, review mode."""
    values = {f"OIS_{name.upper()}": str(value) for name, value in settings.items()}
    values["OIS_DB_PATH"] = str(Path(path).resolve())
    return {**values, _HOSTS_ENV: "\n".join(names), _REVIEW_ENV: "1" if review else ""}


def worker_app() -> FastAPI:
    """The app of one `ois serve --workers N` worker process, from the environment the command set (uvicorn
    calls this factory in each worker)."""
    from ois.query.database import Database
    from ois.settings import Settings
    from ois.web.app import create_app

    settings = Settings()
    review = _reviewer(Path(settings.db_path), settings) if os.environ.get(_REVIEW_ENV) else None
    hosts = os.environ.get(_HOSTS_ENV, "").split("\n")
    return frozen(create_app(Database(settings.db_path), settings, hosts=[h for h in hosts if h], review=review))


def _reviewer(path: Path, settings: Settings) -> ReviewConfig:
    """Review mode's writer: re-resolution through the pipeline (the web app never imports it)."""
    from ois import pipeline
    from ois.web.review import ReviewConfig

    return ReviewConfig(path, lambda store, overrides: pipeline.add_overrides(store, settings, *overrides), settings)


def _review_config(ctx: typer.Context, path: Path, host: str) -> ReviewConfig:
    """Review mode's writer: the database, and re-resolution through the pipeline (the web app never imports it)."""
    from ois.review import auth

    settings = settings_of(ctx)
    store = open_store(ctx)
    if not auth.editors(store):
        raise fail("review mode needs an editor: create one with `ois editor add NAME`, then serve again.", 2)
    if not _is_loopback(host):
        err_console.print(
            plain(
                "Review mode over plain http sends passwords and session cookies in the clear: serve it behind "
                "https (a reverse proxy) when editors connect from other machines.",
                "yellow",
            )
        )
    return _reviewer(path, settings)
