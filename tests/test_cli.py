"""The CLI end to end on the built-in demo: demo, incidents, show, status, export, errors."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from ois.cli import app
from ois.store import Store

from .conftest import FIXTURES

runner = CliRunner()


def invoke(*args: str):
    """Run `ois ARGS` in a wide terminal (rich would otherwise wrap messages at 80 columns)."""
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "demo.db"
    result = invoke("--db", str(db), "demo", "--quiet")
    assert result.exit_code == 0, result.output
    assert "screened as OIS" in result.output
    return db


def test_demo_lists_incidents_and_rerun_adds_nothing(demo_db):
    listed = invoke("--db", str(demo_db), "incidents")
    assert listed.exit_code == 0
    assert "Pueblo, CO" in listed.output and "Ocala, FL" in listed.output
    again = invoke("--db", str(demo_db), "demo", "--quiet")
    assert "0 new articles" in again.output


def test_show_prints_values_with_their_sentences(demo_db):
    exported = invoke("--db", str(demo_db), "export", "--format", "json")
    assert exported.exit_code == 0, exported.output
    pueblo = next(r for r in json.loads(exported.stdout) if r["city"] == "Pueblo")
    shown = invoke("--db", str(demo_db), "show", pueblo["id"][:8])
    assert shown.exit_code == 0, shown.output
    assert "2025-03-13" in shown.output and "Darnell Whitcombe" in shown.output
    assert "Police in Pueblo shot and killed" in shown.output  # the evidence sentence
    assert "Sources" in shown.output
    # video kinds and legal steps are lists with their own support, never shown as conflicts
    assert "• body camera" in shown.output and "• investigation (first reported 2025-03-14)" in shown.output
    assert "conflict: body camera" not in shown.output


def test_csv_export_shows_where_sources_disagree(demo_db):
    exported = invoke("--db", str(demo_db), "export", "--format", "csv")
    rows = {r["city"]: r for r in csv.DictReader(io.StringIO(exported.stdout))}
    assert "Darnell Whitcombe (2) / Darnell Whitcomb (1)" in rows["Pueblo"]["conflicts"]
    assert rows["Salina"]["conflicts"] == ""


def test_errors_tell_the_user_what_to_do(tmp_path, demo_db):
    missing = invoke("--db", str(tmp_path / "none.db"), "incidents")
    assert missing.exit_code == 2 and "ois demo" in missing.output
    unknown = invoke("--db", str(demo_db), "show", "zzzz")
    assert unknown.exit_code == 1 and "ois incidents" in unknown.output
    bad_setting = invoke("--set", "nope=1", "settings")
    assert bad_setting.exit_code == 2 and "known settings" in bad_setting.output
    nothing = invoke("--db", str(tmp_path / "x.db"), "ingest", str(tmp_path / "absent"))
    assert nothing.exit_code == 2 and "not found" in nothing.output


def test_status_lists_skipped_inputs(tmp_path):
    db = tmp_path / "s.db"
    (tmp_path / "empty.txt").write_text("")
    invoke("--db", str(db), "ingest", "--quiet", str(tmp_path / "empty.txt"))
    status = invoke("--db", str(db), "status", "--skipped")
    assert status.exit_code == 0 and "empty file" in status.output


def _incident_ids(db) -> dict[str, str]:
    exported = invoke("--db", str(db), "export", "--format", "json")
    return {row["city"]: row["id"] for row in json.loads(exported.stdout)}


def test_merge_and_split_overrides_survive_new_ingests(demo_db, tmp_path):
    db = tmp_path / "copy.db"
    with sqlite3.connect(demo_db) as source, sqlite3.connect(db) as target:
        source.backup(target)  # the demo database is in WAL mode: a file copy could miss its last writes
    ids = _incident_ids(db)
    merged = invoke("--db", str(db), "merge", ids["Salina"][:8], ids["Spokane"][:8])
    assert merged.exit_code == 0, merged.output
    assert len(_incident_ids(db)) == len(ids) - 1
    # a new article triggers a fresh resolution: the user's merge is kept
    new = invoke("--db", str(db), "ingest", "--quiet", str(FIXTURES / "articles" / "14_gainesville_deputy_shotgun.txt"))
    assert new.exit_code == 0, new.output
    after = _incident_ids(db)
    assert len(after) == len(ids) and "Gainesville" in after
    store = Store(db)
    together = store.incident(after["Spokane"] if "Spokane" in after else after["Salina"])
    assert len(together.report_ids) == 2
    split = invoke("--db", str(db), "split", together.id[:8], together.report_ids[0][:8])
    assert split.exit_code == 0, split.output
    assert Store(db).counts()["incidents"] == len(ids) + 1, split.output
