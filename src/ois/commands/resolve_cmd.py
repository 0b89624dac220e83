"""`ois merge ID ID` and `ois split ID REPORT`: user corrections to resolution.

Overrides are stored by report (article) id, never by incident id, so they survive re-resolution and id changes:
a merge links one report of each incident; a split keeps the report apart from every other report of the
incident (one stored row per pair, so the report cannot rejoin through any of them).
"""

from __future__ import annotations

import typer

from ois.commands import console, fail, open_store, settings_of
from ois.models import Incident, Override, incident_from_dict
from ois.query.database import Database
from ois.query.queries import find_incident
from ois.store import Store


def _incident(db: Database, incident_id: str) -> Incident:
    record = find_incident(db, incident_id)
    if record is None:
        raise fail(f"no incident {incident_id!r} (or the prefix is ambiguous). List them with `ois incidents`.")
    return incident_from_dict(record["json"])


def _report_in(incident: Incident, report: str) -> str:
    matches = [r for r in incident.report_ids if r.startswith(report)]
    if len(matches) != 1:
        listed = ", ".join(incident.report_ids)
        raise fail(f"report {report!r} is not (uniquely) in incident {incident.id}; its reports are: {listed}")
    return matches[0]


def _incident_of(store: Store, report_id: str) -> str:
    return store.previous_assignments().get(report_id, "?")


def register(app: typer.Typer) -> None:
    @app.command("merge")
    def merge(
        ctx: typer.Context,
        first: str = typer.Argument(..., help="Incident id (or a unique prefix)."),
        second: str = typer.Argument(..., help="Incident id (or a unique prefix) to merge with the first."),
    ) -> None:
        """Declare two incidents one event. Stored as an override; kept on every re-resolution."""
        from ois.pipeline import add_overrides

        store = open_store(ctx)
        db = Database(store.path)  # the store has brought the schema up to date
        a, b = _incident(db, first), _incident(db, second)
        if a.id == b.id:
            raise fail("both ids name the same incident; nothing to merge.")
        count = add_overrides(store, settings_of(ctx), Override("merge", a.report_ids[0], b.report_ids[0]))
        console.print(
            f"Merged {a.id} and {b.id} into [bold]{_incident_of(store, a.report_ids[0])}[/] "
            f"({count} incidents). Undo by `ois split` of its reports."
        )

    @app.command("split")
    def split(
        ctx: typer.Context,
        incident_id: str = typer.Argument(..., help="Incident id (or a unique prefix)."),
        report: str = typer.Argument(..., help="Id (or unique prefix) of the report to take out of it."),
    ) -> None:
        """Take one report out of an incident. Stored as an override; kept on every re-resolution."""
        from ois.pipeline import add_overrides

        store = open_store(ctx)
        incident = _incident(Database(store.path), incident_id)
        report_id = _report_in(incident, report)
        others = [r for r in incident.report_ids if r != report_id]
        if not others:
            raise fail(f"report {report_id} is the only report of incident {incident.id}; nothing to split.")
        count = add_overrides(store, settings_of(ctx), *(Override("split", report_id, other) for other in others))
        console.print(
            f"Report {report_id} now belongs to incident [bold]{_incident_of(store, report_id)}[/]; "
            f"{incident.id} keeps {len(others)} report(s) ({count} incidents)."
        )
