"""CLI command modules. Each module defines `register(app)`; `ois.cli` imports and registers each one.

Shared here: the consoles, `plain` (untrusted text as inert terminal text), `fail`, opening the database with
advice instead of tracebacks, and `filter_options`, the one set of incident-list filters (`ois incidents`,
`ois export`).
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from ois.models import ARMED
from ois.settings import Settings

if TYPE_CHECKING:
    from ois.query import Database
    from ois.store import Store

console = Console()
err_console = Console(stderr=True)

# C0 and C1 control characters (ESC, CSI, OSC, BEL, backspace, carriage return, ...) and the Unicode bidi
# controls that reorder what a terminal shows: none of them may reach the terminal from an article, a URL or a file.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+")


def clean(value: Any, one_line: bool = True) -> str:
    """Untrusted text for a terminal: control characters removed (line breaks become spaces when `one_line`)."""
    text = "" if value is None else str(value)
    if one_line:
        text = _LINE_BREAKS.sub(" ", text)
    return _CONTROL.sub("", text)


def plain(value: Any, style: str = "", one_line: bool = True, overflow: str | None = None) -> Text:
    """Untrusted text as a rich `Text`: printed literally (no markup, no emoji codes), without control characters."""
    return Text(clean(value, one_line), style=style, overflow=overflow)  # type: ignore[arg-type]


def settings_of(ctx: typer.Context) -> Settings:
    return ctx.obj if isinstance(ctx.obj, Settings) else Settings()


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `message` (may hold paths and other user input: printed literally) and return the Exit to raise."""
    err_console.print(Text.assemble(("Error: ", "bold red"), plain(message, one_line=False)))
    return typer.Exit(code)


def open_store(ctx: typer.Context, must_exist: bool = True) -> Store:
    """Open the database named by the settings; tell the user what to do when there is none (or it is unusable:
    `ois.cli` turns database errors into advice)."""
    from ois.store import Store

    settings = settings_of(ctx)
    path = Path(settings.db_path)
    if must_exist and not path.exists():
        raise fail(f"No database at {path}. Run `ois ingest PATH...` or `ois demo` first, or pass --db FILE.", 2)
    return Store(path, busy_timeout_s=settings.db_busy_timeout_s)


def reader(ctx: typer.Context) -> Database:
    """The read-only database the settings name, its schema up to date; exit 2 saying what to do if there is none."""
    from ois.query import open_reader

    try:
        return open_reader(settings_of(ctx))
    except FileNotFoundError as exc:
        raise fail(str(exc), 2) from None


# --- the incident-list filters, shared by `ois incidents` and `ois export` ----------------------------------------
FILTER_OPTIONS: dict[str, tuple[Any, Any]] = {
    "q": (str, typer.Option(None, help="Full-text search over the source articles.")),
    "date_from": (str, typer.Option(None, help="Incident date on or after YYYY-MM-DD.")),
    "date_to": (str, typer.Option(None, help="Incident date on or before YYYY-MM-DD.")),
    "state": (list[str], typer.Option([], help="USPS state code; repeat or use TX,OK.")),
    "city": (str, typer.Option(None, help="City name, exactly as stored.")),
    "agency": (str, typer.Option(None, help="Agency name, exactly as stored.")),
    "armed": (str, typer.Option(None, help=" | ".join((*ARMED, "unknown")))),
    "fatal": (str, typer.Option(None, help="yes | no | unknown")),
    "officer_shot": (str, typer.Option(None, help="yes | no | unknown")),
    "video": (str, typer.Option(None, help="yes | no | unknown")),
    "not_ois": (str, typer.Option(None, help="Marked not a police shooting: no (default) | yes | any")),
    "sort": (str, typer.Option(None, help="-date (default) | date | state | city | -sources | -published")),
}
Command = TypeVar("Command", bound=Callable[..., Any])


def filter_options(command: Command) -> Command:
    """Give a command the web list's filters as options and call it with `filters=Filters(...)` (exit 2 with the
    reason when a value is bad). The command declares `filters: Filters` and none of the options itself."""
    from ois.query.filters import Filters, QueryError

    signature = inspect.signature(command)
    kept = [p for p in signature.parameters.values() if p.name != "filters"]
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=kind)
        for name, (kind, option) in FILTER_OPTIONS.items()
    ]

    @functools.wraps(command)
    def with_filters(*args: Any, **kwargs: Any) -> Any:
        raw = {name: kwargs.pop(name) for name in FILTER_OPTIONS}
        try:
            filters = Filters.parse(raw)
        except QueryError as exc:
            raise fail(str(exc), 2) from None
        return command(*args, filters=filters, **kwargs)

    with_filters.__signature__ = signature.replace(parameters=[*kept, *added])  # type: ignore[attr-defined]
    annotations = {k: v for k, v in command.__annotations__.items() if k != "filters"}
    with_filters.__annotations__ = {**annotations, **{name: kind for name, (kind, _) in FILTER_OPTIONS.items()}}
    return with_filters  # type: ignore[return-value]
