"""The CLI end to end on the built-in demo: demo, incidents, show, status, export, errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ois.cli import app

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
