"""Review from the command line: editors, corrections, people, not-a-shooting, reviewed; `ois show` shows them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ois.cli import app
from ois.sample import build_sample_store

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "ois.db"
    build_sample_store(path)
    return str(path)


def ois(db: str, *args: str, stdin: str | None = None):
    return runner.invoke(app, ["--db", db, *args], input=stdin, env={"COLUMNS": "80"})


def test_editors(db: str) -> None:
    added = ois(db, "editor", "add", "alice", "--password-stdin", stdin="correct horse battery\n")
    assert added.exit_code == 0, added.output
    assert ois(db, "editor", "add", "bob", "--password-stdin", stdin="short\n").exit_code == 2
    listed = ois(db, "editor", "list")
    assert "alice" in listed.output and "bob" not in listed.output
    assert ois(db, "editor", "remove", "alice").exit_code == 0
    missing = ois(db, "editor", "remove", "alice")
    assert missing.exit_code == 2 and "ois editor list" in missing.output


def test_correct_person_reject_reviewed_and_show(db: str) -> None:
    done = ois(db, "correct", "inc-spring", "shots", "4", "--reason", "the chief's count")
    assert done.exit_code == 0 and "corrected shots" in done.output
    assert ois(db, "correct", "inc-spring", "age", "35", "--person", "1").exit_code == 0
    bad = ois(db, "correct", "inc-spring", "armed", "spoon", "--person", "1")
    assert bad.exit_code == 2 and "must be one of" in bad.output
    assert ois(db, "correct", "inc-spring", "shots", "4", "--editor", "nobody").exit_code == 2
    assert ois(db, "person", "inc-tulsa", "1", "background", "--reason", "not there").exit_code == 0
    added = ois(db, "add-person", "inc-tulsa", "--role", "bystander", "--name", "Jo Roe", "--outcome", "injured")
    assert added.exit_code == 0, added.output
    assert ois(db, "reject", "inc-hostile", "--reason", "a drill").exit_code == 0
    assert ois(db, "reviewed", "inc-spring").exit_code == 0

    shown = ois(db, "show", "inc-spring")
    words = " ".join(shown.output.split())
    assert "corrected by cli:" in words and "History" in words and "the chief's count" in words
    assert "Reviewed by cli:" in words
    tulsa = " ".join(ois(db, "show", "inc-tulsa").output.split())
    assert "(background: not a participant)" in tulsa and "Jo Roe" in tulsa

    rows = json.loads(runner.invoke(app, ["--db", db, "incidents", "--json"]).stdout)
    assert {r["id"] for r in rows} == {"inc-springfield", "inc-tulsa"}  # the rejected one is hidden
    out = Path(db).with_name("all.csv")
    assert ois(db, "export", "--format", "csv", "--not-ois", "any", "--out", str(out)).exit_code == 0
    exported = {r["id"]: r for r in csv.DictReader(io.StringIO(out.read_text()))}
    assert exported["inc-springfield"]["reviewed"] == "1"
    assert exported["inc-springfield"]["corrected_fields"] == "shots; subject 1 age"
    assert exported["inc-hostile"]["not_ois"] == "1"

    assert ois(db, "unreject", "inc-hostile").exit_code == 0
    assert len(json.loads(runner.invoke(app, ["--db", db, "incidents", "--json"]).stdout)) == 3
    assert ois(db, "correct", "inc-spring", "shots", "--revert").exit_code == 0
    assert "corrected shots" not in ois(db, "correct", "inc-spring", "city", "Springfield").output


def test_reject_an_article_takes_it_out_of_its_incident(db: str) -> None:
    shown = json.loads(runner.invoke(app, ["--db", db, "incidents", "--json", "--state", "IL"]).stdout)
    assert shown[0]["n_reports"] == 2
    from ois.store import Store

    report = Store(db).incident("inc-springfield").report_ids[1]
    done = ois(db, "reject", report[:10], "--article", "--reason", "an opinion piece")
    assert done.exit_code == 0 and "Done" in done.output
    rows = json.loads(runner.invoke(app, ["--db", db, "incidents", "--json", "--state", "IL"]).stdout)
    assert [r["n_reports"] for r in rows] == [1]
    assert ois(db, "status").exit_code == 0 and "not in the incidents yet" not in ois(db, "status").output
    assert ois(db, "unreject", report, "--article").exit_code == 0
    rows = json.loads(runner.invoke(app, ["--db", db, "incidents", "--json", "--state", "IL"]).stdout)
    assert [r["n_reports"] for r in rows] == [2]
