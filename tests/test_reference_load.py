"""Loading reference databases: schemas from the header, bad files refused, bad rows skipped with a reason,
nothing half-loaded, reloads replace rows and keep users' decisions. Every row here is fictional."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ois import reference
from ois.cli import app
from ois.reference import load
from ois.settings import Settings
from ois.store import Store

WAPO_V2 = (
    "id,date,threat_type,flee_status,armed_with,city,county,state,latitude,longitude,location_precision,name,age,"
    "gender,race,race_source,was_mental_illness_related,body_camera,agency_ids"
)
WAPO_V1 = (
    "id,name,date,manner_of_death,armed,age,gender,race,city,state,signs_of_mental_illness,threat_level,flee,"
    "body_camera,longitude,latitude,is_geocoding_exact"
)
AGENCIES = "id,name,type,state,oricodes,total_shootings"


def wapo_csv(*rows: dict[str, str], header: str = WAPO_V2, delimiter: str = ",") -> str:
    columns = header.split(",")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue()


def person(id_: str, name: str, date: str = "2024-03-05", **extra: str) -> dict[str, str]:
    return {"id": id_, "name": name, "date": date, "city": "Springfield", "state": "IL", "age": "34", **extra}


def test_each_schema_is_recognised_from_its_header() -> None:
    v2 = load.parse_text(wapo_csv(person("1", "Ferris Quill", gender="male", agency_ids="7")))
    assert (v2.schema.name, v2.count) == ("wapo-v2", 1)
    row = v2.rows[0]
    assert (row.id, row.name, row.date.isoformat(), row.age, row.gender, row.agency_ids) == (
        "1",
        "Ferris Quill",
        "2024-03-05",
        34,
        "male",
        "7",
    )
    v1 = load.parse_text(wapo_csv(person("2", "Ada Pell", gender="F"), header=WAPO_V1))
    assert (v1.schema.name, v1.rows[0].gender) == ("wapo-v1", "female")
    agencies = load.parse_text(f"{AGENCIES}\n7,Springfield Police Department,local_police,IL,IL0000,1\n")
    assert (
        agencies.schema.name == "wapo-v2-agencies" and agencies.agencies[0]["name"] == "Springfield Police Department"
    )


def test_unknown_header_is_refused_with_the_closest_schema() -> None:
    with pytest.raises(load.LoadError) as error:
        load.parse_text("id,date,name,town\n1,2024-01-01,Ada Pell,Springfield\n")
    message = str(error.value)
    assert "unknown header" in message and "Closest known schema" in message and "reference_schemas.json" in message


def test_a_semicolon_separated_resave_is_read_and_said() -> None:
    parsed = load.parse_text(wapo_csv(person("1", "Ferris Quill"), delimiter=";"))
    assert parsed.count == 1 and any("';'-separated" in note for note in parsed.notes)


def test_bad_rows_are_skipped_with_line_and_reason() -> None:
    text = wapo_csv(
        person("1", "Ferris Quill"),
        person("1", "Ferris Quill again"),  # duplicate id
        person("2", "Ada Pell", date="3/7/2024"),  # US month-first date: read
        person("3", "Bo Tran", date="next Tuesday"),  # no date format
        person("4", "Cy Vale", date=""),
    )
    parsed = load.parse_text(text + "5,2024-03-09,shoot\n")  # a row cut short
    assert [r.id for r in parsed.rows] == ["1", "2"] and parsed.rows[1].date.isoformat() == "2024-03-07"
    reasons = dict(parsed.skips)
    assert "duplicate id 1 (first on line 2)" in reasons[3]
    assert "no known format" in reasons[5] and "no date" in reasons[6]
    assert "3 fields, the header has 19" in reasons[7] and "cut short" in reasons[7]


def test_a_truncated_quoted_field_refuses_the_file() -> None:
    text = wapo_csv(person("1", "Ferris Quill"), person("2", "Ada Pell"))
    with pytest.raises(load.LoadError, match="damaged CSV.*Nothing was loaded"):
        load.parse_text(text + '3,"2024-03-09,unfinished')


def test_file_checks(tmp_path: Path) -> None:
    binary = tmp_path / "data.xlsx"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(load.LoadError, match="binary"):
        load.parse_file(binary)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(load.LoadError, match="empty"):
        load.parse_file(empty)
    mpv_as_wapo = tmp_path / "agencies.csv"
    mpv_as_wapo.write_text(f"{AGENCIES}\n7,Springfield Police Department,local_police,IL,IL0000,1\n")
    with pytest.raises(load.LoadError, match="not mpv"):
        load.parse_file(mpv_as_wapo, "mpv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes(wapo_csv(person("1", "José Quill")).encode("cp1252"))
    parsed = load.parse_file(latin)
    assert parsed.rows[0].name == "José Quill" and "Windows-1252" in parsed.notes[0]


@given(st.binary(max_size=400) | st.text(max_size=400))
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_any_input_loads_or_says_why(content: bytes | str) -> None:
    text = content.decode("latin-1") if isinstance(content, bytes) else content
    for candidate in (text, WAPO_V2 + "\n" + text):
        try:
            parsed = load.parse_text(candidate)
        except load.LoadError as exc:
            assert str(exc)
        else:
            assert parsed.count > 0 and all(reason for _, reason in parsed.skips)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "ois.db")


def test_reload_replaces_rows_in_one_transaction_and_keeps_decisions(store: Store, tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text(wapo_csv(person("1", "Ferris Quill"), person("2", "Ada Pell")))
    loaded, _ = reference.load_file(store, first, "wapo", Settings())
    assert loaded.parsed.count == 2 and loaded.replaced == 0
    store.db.execute(
        "insert into link_decisions (source, ref_id, report_id, person_key, decision, editor, at)"
        " values ('wapo', '2', 'r1', 'ada pell', 'confirm', 'ed', '2024-01-01')"
    )
    store.db.conn.commit()
    newer = tmp_path / "newer.csv"
    newer.write_text(wapo_csv(person("1", "Ferris Quill"), person("3", "Bo Tran")))
    loaded, _ = reference.load_file(store, newer, "wapo", Settings())
    assert loaded.replaced == 2 and loaded.orphaned == ("2",)
    ids = [r[0] for r in store.db.execute("select id from reference_rows order by id")]
    assert ids == ["1", "3"]
    assert store.db.execute("select count(*) from link_decisions").fetchone()[0] == 1  # the user's word is kept

    broken = tmp_path / "broken.csv"
    broken.write_text(wapo_csv(person("9", "Cy Vale")) + '10,"2024')
    with pytest.raises(load.LoadError):
        reference.load_file(store, broken, "wapo", Settings())
    assert [r[0] for r in store.db.execute("select id from reference_rows order by id")] == ["1", "3"]


def test_a_crash_mid_load_leaves_the_previous_rows(store: Store, tmp_path: Path, monkeypatch) -> None:
    first = tmp_path / "first.csv"
    first.write_text(wapo_csv(person("1", "Ferris Quill")))
    reference.load_file(store, first, "wapo", Settings())
    parsed = load.parse_text(wapo_csv(person("5", "Ada Pell"), person("6", "Bo Tran")))

    def fail(conn: sqlite3.Connection, rows: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(load.db, "insert_rows", fail)
    with pytest.raises(sqlite3.OperationalError):
        load.store(store, parsed)
    assert [r[0] for r in store.db.execute("select id from reference_rows")] == ["1"]


def test_cli_load_reports_skips_and_refuses_bad_files(tmp_path: Path) -> None:
    db = tmp_path / "ois.db"
    good = tmp_path / "wapo.csv"
    good.write_text(wapo_csv(person("1", "Ferris Quill"), person("1", "Ferris Quill")))
    result = CliRunner().invoke(app, ["--db", str(db), "reference", "load", "wapo", str(good)])
    assert result.exit_code == 0, result.output
    assert "Loaded 1 people" in result.output and "duplicate id 1" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    result = CliRunner().invoke(app, ["--db", str(db), "reference", "load", "wapo", str(bad)])
    assert result.exit_code == 2 and "unknown header" in result.output and "Traceback" not in result.output
    status = CliRunner().invoke(app, ["--db", str(db), "reference", "status"])
    assert status.exit_code == 0 and "wapo" in status.output


@pytest.mark.shared
def test_the_shared_reference_files_load(shared_data: Path) -> None:
    for path, schema in (
        ("wapo/v2/fatal-police-shootings-data.csv", "wapo-v2"),
        ("wapo/v1/fatal-police-shootings-data.csv", "wapo-v1"),
        ("wapo/v2/fatal-police-shootings-agencies.csv", "wapo-v2-agencies"),
        ("mpv/mpv-2021-04-dev.csv", "mpv-2021"),
    ):
        if not (shared_data / path).exists():
            pytest.skip(f"{path} not in the shared data")
        parsed = load.parse_file(shared_data / path)
        assert parsed.schema.name == schema and parsed.count > 1000 and not parsed.skips
