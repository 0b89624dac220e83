"""The CLI end to end on the built-in demo: demo, incidents, show, status, export, errors."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
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
    too_long = invoke("--db", str(tmp_path / "x.db"), "ingest", "a" * 5000)  # no OSError traceback
    assert too_long.exit_code == 2 and "not found" in too_long.output and "a" * 100 not in too_long.output


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


# --- untrusted text, narrow terminals, database problems (issues 9 and 12) -------------------------------------------
HOSTILE_TITLE = (
    "Deputy [/] shoots [bold red]man[/] \x1b[2J\x1b]0;pwned\x07 \x1b]8;;file:///etc/passwd\x07click\x1b]8;;\x07"
    " \u202eevil"
)
HOSTILE_URL = "https://news.example/[/]story\x1b]8;;file:///etc/passwd\x07\x9b2J"
LAKEVIEW = (
    "A Harlan County deputy shot and killed a man who pointed a handgun at him outside a gas station on Tuesday "
    "in Lakeview, Kentucky, the sheriff's office said. The man was identified as Dwayne Petrosky, 34."
)


def narrow(*args: str):
    """`ois ARGS` in an 80-column terminal."""
    return runner.invoke(app, list(args), env={"COLUMNS": "80"})


@pytest.fixture
def hostile_db(tmp_path):
    """An incident whose headline, URL, outlet and skip records carry rich markup and terminal escapes."""
    db = tmp_path / "hostile.db"
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"title": "Deputy shoots man in Lakeview", "text": LAKEVIEW, "url": "https://a.example/1"})
    )
    assert invoke("--db", str(db), "ingest", "--quiet", str(source)).exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("update articles set title = ?, url = ?, outlet = ?", [HOSTILE_TITLE, HOSTILE_URL, "[/]\x1b[31m"])
        conn.execute("update incidents set title = ?, city = ?", [HOSTILE_TITLE, "Lake[/]view\x1b[5m"])
        conn.execute(
            "insert into skipped (source, stage, reason, at) values (?, 'sources', ?, 'now')",
            [f"{tmp_path}/[/]bad\x1b]0;x\x07.txt", "binary [red]file[/] \x1b[2J"],
        )
    return db


def test_hostile_text_neither_breaks_nor_drives_the_terminal(hostile_db):
    incident = json.loads(invoke("--db", str(hostile_db), "incidents", "--json").stdout)[0]["id"]
    for args in (("incidents",), ("show", incident), ("status", "--skipped"), ("incidents", "--json")):
        result = narrow("--db", str(hostile_db), *args)
        assert result.exit_code == 0, (args, result.output)
        assert not set(result.output) & {"\x1b", "\x07", "\x9b", "\u202e"}, args
    shown = narrow("--db", str(hostile_db), "show", incident).output
    assert "Deputy [/] shoots [bold red]man[/]" in shown  # markup is printed literally
    assert "file:///etc/passwd" in shown  # the text stays visible, inert (no OSC 8 link around it)
    assert "binary [red]file[/]" in narrow("--db", str(hostile_db), "status", "--skipped").output


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_leaves_no_control_character(text):
    from ois.commands import clean

    assert not any(unicodedata.category(c) == "Cc" for c in clean(text))
    assert "\n" not in clean(text) and clean(text, one_line=False).count("\n") == text.count("\n")


def test_incidents_at_80_columns_with_filters_and_json(demo_db):
    listed = narrow("--db", str(demo_db), "incidents")
    assert listed.exit_code == 0 and max(map(len, listed.output.splitlines())) <= 80
    words = " ".join(listed.output.split())
    assert "Deputy shoots, kills unarmed man after foot chase in Ocala; FDLE investigating" in words  # never cut
    fatal = narrow("--db", str(demo_db), "incidents", "--fatal", "yes", "--state", "CO,FL")
    assert "matching state=CO,FL, fatal=yes" in fatal.output and "Salina" not in fatal.output
    rows = json.loads(narrow("--db", str(demo_db), "incidents", "--json", "--state", "KS").stdout)
    assert [r["city"] for r in rows] == ["Salina"] and "conflicts" in rows[0]
    bad = narrow("--db", str(demo_db), "incidents", "--fatal", "maybe")
    assert bad.exit_code == 2 and "yes or no" in bad.output


def test_show_keeps_whole_urls_at_80_columns(demo_db):
    pueblo = json.loads(invoke("--db", str(demo_db), "incidents", "--json", "--city", "Pueblo").stdout)[0]["id"]
    shown = narrow("--db", str(demo_db), "show", pueblo).output
    joined = "".join(line.strip() for line in shown.splitlines())
    assert "https://www.puebloledger.example/news/2025/03/14/police-fatally-shoot-armed-man-east-side" in joined


def test_settings_names_are_never_cut_and_status_is_readable(demo_db):
    from ois.settings import TABLE

    listed = narrow("settings").output
    assert all(f"{s.name} = " in listed for s in TABLE)
    status = narrow("--db", str(demo_db), "status")
    assert status.exit_code == 0 and "{" not in status.output and "incidents" in status.output
    assert invoke("--version").output.startswith("ois ")


def test_database_problems_are_explained_not_tracebacks(tmp_path, demo_db):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all " * 500)
    for args in (("incidents",), ("status",), ("ingest", str(FIXTURES / "articles" / "04_spokane_knife.txt"))):
        result = invoke("--db", str(junk), *args)
        assert result.exit_code == 3 and "damaged or is not an ois database" in result.output, args
        assert "Traceback" not in result.output
    future = tmp_path / "future.db"
    with sqlite3.connect(demo_db) as source, sqlite3.connect(future) as target:
        source.backup(target)
    with sqlite3.connect(future) as conn:
        conn.execute("update meta set value = '99' where key = 'schema_version'")
    for args in (("incidents",), ("status",), ("export",)):
        result = invoke("--db", str(future), *args)
        assert result.exit_code == 3 and "newer ois" in result.output, args


def test_a_second_ingest_says_another_is_running(tmp_path):
    db = tmp_path / "x.db"
    store = Store(db)
    with store.writing("ois ingest first.jsonl", wait_s=0):
        second = invoke("--db", str(db), "--set", "db_lock_wait_s=0.2", "ingest", "--quiet", str(FIXTURES / "articles"))
    assert second.exit_code == 3 and "Another ois process is writing" in second.output
    assert "ois ingest first.jsonl" in second.output and "Traceback" not in second.output


def test_status_rebuilds_incidents_an_interrupted_run_left_out_of_date(tmp_path, demo_db):
    db = tmp_path / "copy.db"
    with sqlite3.connect(demo_db) as source, sqlite3.connect(db) as target:
        source.backup(target)
    with sqlite3.connect(db) as conn:  # as after a kill between storing the reports and resolving them
        conn.execute("delete from incidents")
        conn.execute("update reports set incident_id = null")
    listed = invoke("--db", str(db), "incidents")
    assert "stored reports are not in these incidents yet" in listed.output and "ois status" in listed.output
    status = invoke("--db", str(db), "status")
    assert status.exit_code == 0 and "incidents rebuilt" in status.output
    assert "not in these incidents" not in invoke("--db", str(db), "incidents").output
    assert len(_incident_ids(db)) == len(_incident_ids(demo_db))
