"""Review from the command line, for scripting: `ois editor add|list|remove`, `ois correct`, `ois person`,
`ois add-person`, `ois reject`, `ois unreject`, `ois reviewed`. The same library functions as the web app's review
mode (`ois.review.actions`); every change is stored with its editor, time and reason and shown by `ois show`.

Incidents are named by id or unique id prefix; people by their number in `ois show` (participants first, then
background, then removed people).
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from typing import Any

import typer
from rich.table import Table

from ois.commands import console, fail, open_store, plain, settings_of
from ois.store import Store

EDITOR_HELP = "Editor to record (a name from `ois editor list`); default: cli:<your login name>."


def _run(action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call an action; its ActionError (a bad value, an unknown field or person) exits 2 with the reason."""
    from ois.review.actions import ActionError
    from ois.review.auth import AuthError

    try:
        return action(*args, **kwargs)
    except (ActionError, AuthError) as exc:
        raise fail(str(exc), 2) from None


def _editor(store: Store, name: str | None, reason: str, evidence: str = "") -> Any:
    from ois.review import auth
    from ois.review.actions import Editor

    if name and not auth.is_editor(store, name):
        raise fail(f"no editor {name!r}; create one with `ois editor add {name}` or leave --editor out.", 2)
    return Editor(name or f"cli:{getpass.getuser()}", reason, evidence)


def _incident_id(store: Store, prefix: str) -> str:
    from ois.query.database import Database
    from ois.query.queries import find_incident

    record = find_incident(Database(store.path), prefix)
    if record is None:
        raise fail(f"no incident {prefix!r} (or the prefix is ambiguous). List them with `ois incidents`.", 2)
    return record["id"]


def _article_id(store: Store, prefix: str) -> str:
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = store.db.execute("select id from articles where id like ? escape '\\' limit 2", [pattern]).fetchall()
    if len(rows) != 1:
        raise fail(f"no article {prefix!r} (or the prefix is ambiguous). `ois show ID` lists an incident's reports.", 2)
    return rows[0][0]


def _start(ctx: typer.Context, incident_id: str, editor: str | None, reason: str, evidence: str = "") -> tuple:
    """The store, the acting editor and the incident's full id, for a command about one incident."""
    store = open_store(ctx)
    return store, _editor(store, editor, reason, evidence), _incident_id(store, incident_id)


def _limits(ctx: typer.Context) -> tuple[int, int]:
    settings = settings_of(ctx)
    return settings.implausible_date_years, settings.implausible_date_after_days


def _resolver(ctx: typer.Context) -> Callable[..., int]:
    from ois import pipeline

    settings = settings_of(ctx)
    return lambda store, overrides: pipeline.add_overrides(store, settings, *overrides)


def _done(store: Store, incident: Any) -> None:
    names = incident.review.corrected if incident.review else ()
    console.print(plain(f"Saved. Incident {incident.id}: corrected {', '.join(names) or 'nothing'}."))


def _register_editors(app: typer.Typer) -> None:
    editor = typer.Typer(help="Editors who may sign in to review mode (`ois serve --review`).", no_args_is_help=True)
    app.add_typer(editor, name="editor")

    @editor.command("add")
    def add(
        ctx: typer.Context,
        name: str = typer.Argument(..., help="Login name: letters, digits and . _ @ -"),
        password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
    ) -> None:
        """Create an editor (or set a new password for one, which ends their sessions)."""
        from ois.review import auth

        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        store = open_store(ctx, must_exist=False)
        _run(auth.add_editor, store, name, password, f"cli:{getpass.getuser()}")
        console.print(plain(f"Editor {name} can now sign in at /login of `ois serve --review`."))

    @editor.command("list")
    def listing(ctx: typer.Context) -> None:
        """Every editor, when they were created and how many changes they made."""
        from ois.review import auth

        rows = auth.editors(open_store(ctx))
        if not rows:
            console.print("No editors yet. Create one with `ois editor add NAME`.", markup=False)
            return
        table = Table("name", "created", "by", "changes", box=None, pad_edge=False)
        for row in rows:
            table.add_row(
                plain(row["name"]), plain(row["created_at"]), plain(row["created_by"]), str(row["corrections"])
            )
        console.print(table)

    @editor.command("remove")
    def remove(ctx: typer.Context, name: str = typer.Argument(..., help="The editor to remove.")) -> None:
        """Remove an editor and end their sessions (their past changes keep their name)."""
        from ois.review import auth

        _run(auth.remove_editor, open_store(ctx), name)
        console.print(plain(f"Editor {name} removed."))


def register(app: typer.Typer) -> None:
    _register_editors(app)
    reason_opt = typer.Option("", "--reason", help="Why (kept in the history).")
    editor_opt = typer.Option(None, "--editor", help=EDITOR_HELP)

    @app.command("correct")
    def correct(
        ctx: typer.Context,
        incident_id: str = typer.Argument(..., help="Incident id (or a unique prefix)."),
        field: str = typer.Argument(..., help="Field: city, agency, incident_date, shots, ...; a person's: name, age."),
        value: str = typer.Argument("", help="The right value ('unknown' clears it)."),
        person: int = typer.Option(None, "--person", min=1, help="Correct this person (their number in `ois show`)."),
        revert: bool = typer.Option(False, "--revert", help="Undo the correction: show what the sources say."),
        evidence: str = typer.Option("", "--evidence", help="The sentence that supports the value (copy it)."),
        reason: str = reason_opt,
        editor: str = editor_opt,
    ) -> None:
        """Correct one value of an incident or of one of its people; kept on every re-resolution."""
        from ois.review import actions

        store, who, target = _start(ctx, incident_id, editor, reason, evidence)
        if revert:
            done = _run(actions.revert_value, store, target, field, who, person, _limits(ctx))
        else:
            done = _run(actions.set_value, store, target, field, value, who, person, _limits(ctx))
        _done(store, done)

    @app.command("person")
    def person_status(
        ctx: typer.Context,
        incident_id: str = typer.Argument(..., help="Incident id (or a unique prefix)."),
        person: int = typer.Argument(..., min=1, help="The person's number in `ois show`."),
        status: str = typer.Argument(..., help="removed | background (named, not a participant) | participant"),
        reason: str = reason_opt,
        editor: str = editor_opt,
    ) -> None:
        """Remove a person from an incident, mark them background, or make them a participant again."""
        from ois.review import actions

        store, who, target = _start(ctx, incident_id, editor, reason)
        _done(store, _run(actions.set_person_status, store, target, person, status, who))

    @app.command("add-person")
    def add_person(
        ctx: typer.Context,
        incident_id: str = typer.Argument(..., help="Incident id (or a unique prefix)."),
        role: str = typer.Option("subject", help="subject | officer | bystander"),
        name: str = typer.Option("", help="Name as the articles give it."),
        age: str = typer.Option("", help="Age in years."),
        gender: str = typer.Option("", help="male | female"),
        race: str = typer.Option("", help="As the articles state it."),
        armed: str = typer.Option("", help="gun | knife | vehicle | replica | other | unarmed"),
        outcome: str = typer.Option("", help="killed | injured | uninjured"),
        fired: str = typer.Option("", help="yes | no: fired a gun"),
        evidence: str = typer.Option("", "--evidence", help="The sentence that names them (copy it)."),
        reason: str = reason_opt,
        editor: str = editor_opt,
    ) -> None:
        """Add a person the extractor missed."""
        from ois.review import actions

        store, who, target = _start(ctx, incident_id, editor, reason, evidence)
        values = {"role": role, "name": name, "age": age, "gender": gender, "race": race, "armed": armed}
        values |= {"outcome": outcome, "fired": fired}
        _done(store, _run(actions.add_person, store, target, values, who, _limits(ctx)))

    def _reject(ctx: typer.Context, target: str, article: bool, flag: bool, reason: str, editor: str | None) -> None:
        from ois.review import actions

        store = open_store(ctx)
        who = _editor(store, editor, reason)
        if article:
            article_id = _article_id(store, target)
            message = _run(actions.set_article_not_ois, store, article_id, flag, who, _resolver(ctx))
            console.print(plain(message))
            return
        _done(store, _run(actions.set_state, store, _incident_id(store, target), "not_ois", flag, who))

    def _reject_command(flag: bool) -> Callable[..., None]:
        def command(
            ctx: typer.Context,
            target: str = typer.Argument(..., help="Incident id (or prefix); with --article, an article id."),
            article: bool = typer.Option(False, "--article", help="About an article (its report), not an incident."),
            reason: str = reason_opt,
            editor: str = editor_opt,
        ) -> None:
            _reject(ctx, target, article, flag, reason, editor)

        return command

    app.command(
        "reject",
        help='Mark an incident (hidden from lists, maps, exports) or an article (left out of every incident) "not a '
        'police shooting".',
    )(_reject_command(True))
    app.command("unreject", help="Undo `ois reject` (for an article: with --article).")(_reject_command(False))

    @app.command("reviewed")
    def reviewed(
        ctx: typer.Context,
        incident_id: str = typer.Argument(..., help="Incident id (or a unique prefix)."),
        undo: bool = typer.Option(False, "--undo", help="Withdraw the mark."),
        reason: str = reason_opt,
        editor: str = editor_opt,
    ) -> None:
        """Mark an incident reviewed by an editor (exports carry `reviewed`)."""
        from ois.review import actions

        store, who, target = _start(ctx, incident_id, editor, reason)
        _done(store, _run(actions.set_state, store, target, "reviewed", not undo, who))
