"""The people view, reference badges and filters, the incident page's links, coverage (web and CLI), and the
people / wapo exports, over the fictional sample store and a fictional reference file."""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ois import reference
from ois.cli import app
from ois.export import WAPO_COLUMNS, export
from ois.query.database import Database
from ois.query.filters import Filters
from ois.sample import HOSTILE, build_sample_store
from ois.settings import Settings
from ois.store import Store
from ois.web.app import create_app
from tests.test_reference_load import person, wapo_csv

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("people")
    path = folder / "ois.db"
    build_sample_store(path)
    refs = folder / "wapo.csv"
    refs.write_text(
        wapo_csv(
            person("9001", "Darren Okafor", age="35", armed_with="gun", race="B", agency_ids="7"),
            person("9002", f"Lena {HOSTILE}", date="2024-03-20", city="Peoria"),
            person("9003", "Ferris Quill", date="2022-01-02", city="Tulsa", state="OK"),
        )
    )
    agencies = folder / "agencies.csv"
    agencies.write_text("id,name,type,state,oricodes,total_shootings\n7,Springfield Police Department,local,IL,,1\n")
    store = Store(path)
    for file in (refs, agencies):
        reference.load_file(store, file, "wapo", Settings(env={}))
    store.close()
    return path


@pytest.fixture(scope="module")
def client(db_path: Path) -> TestClient:
    return TestClient(create_app(db_path, Settings({"page_size": 3}, env={})), base_url="http://127.0.0.1")


def test_people_json_filters_and_name_search(client: TestClient) -> None:
    everyone = client.get("/people.json?size=50").json()
    assert everyone["total"] == 3 and {r["role"] for r in everyone["rows"]} == {"subject", "officer"}
    okafor = client.get("/people.json?name=okafor").json()["rows"]
    assert [(r["name"], r["wapo"], r["wapo_ids"]) for r in okafor] == [("Darren Okafor", "known", "9001")]
    assert client.get("/people.json?name=OKAFOR darren").json()["total"] == 1  # words, any order, any case
    assert client.get("/people.json?role=officer&state=OK").json()["total"] == 1
    assert client.get("/people.json?wapo=known").json()["total"] == 1
    assert client.get("/people.json?outcome=killed&fatal=yes").json()["total"] == 1
    assert client.get("/people.json?sort=name&size=1").json()["next"].endswith("sort=name&page=2&size=1")
    for bad in ("role=chief", "outcome=dead", "sort=age", "wapo=maybe", "nmae=x"):
        response = client.get(f"/people.json?{bad}")
        assert response.status_code == 400, bad


def test_people_csv_and_html(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/people.csv?name=okafor").text)))
    assert rows[0]["name"] == "Darren Okafor" and rows[0]["wapo_ids"] == "9001" and rows[0]["role"] == "subject"
    page = client.get("/people?wapo=known", headers=HTML)
    assert page.status_code == 200 and "Darren Okafor" in page.text and "in WaPo" in page.text
    assert HOSTILE not in page.text


def test_incident_list_badges_and_filters(client: TestClient) -> None:
    known = client.get("/incidents.json?wapo=known").json()
    assert [r["city"] for r in known["rows"]] == ["Springfield"] and known["rows"][0]["wapo"] == "known"
    assert [r["city"] for r in client.get("/incidents.json?wapo=none&size=9").json()["rows"]] == ["Tulsa", "Dayton"]
    page = client.get("/incidents", headers=HTML).text
    assert "in WaPo" in page and 'name="wapo"' in page
    assert client.get("/map?wapo=known", headers=HTML).status_code == 200


def test_incident_page_and_json_show_each_field_side_by_side(client: TestClient) -> None:
    incident_id = client.get("/incidents.json?wapo=known").json()["rows"][0]["id"]
    data = client.get(f"/incidents/{incident_id}.json").json()["reference"]["wapo"]
    subject = data["people"][0]
    assert data["status"] == "known" and subject["status"] == "known"
    best = subject["candidates"][0]
    assert best["ref_id"] == "9001" and best["ref"]["agency"] == "Springfield Police Department"
    fields = {row["field"]: row for row in best["comparison"]}
    assert (fields["age"]["ours"], fields["age"]["theirs"], fields["age"]["agree"]) == (34, 35, False)
    assert fields["age"]["evidence"] and "34" in fields["age"]["evidence"][0]
    assert fields["race"]["ours"] is None and fields["race"]["agree"] is None
    assert best["disagreements"] == 2 and any("same name" in r for r in best["for"])
    page = client.get(f"/incidents/{incident_id}", headers=HTML).text
    assert "The Washington Post" in page and "differs" in page and "WaPo 9001" in page


def test_coverage_web_and_cli(client: TestClient, db_path: Path) -> None:
    result = client.get("/coverage.json?date_from=2022-01-01&date_to=2024-12-31").json()
    assert [r["id"] for r in result["missed"]] == ["9002", "9003"]
    assert [r["city"] for r in result["new_other"]] == ["Tulsa"] and result["new_fatal"] == []
    assert result["counts"]["reference_linked"] == 1
    page = client.get("/coverage?state=IL", headers=HTML)
    assert page.status_code == 200 and "what our sources missed" in page.text and HOSTILE not in page.text
    assert client.get("/coverage?reference=nyt").status_code == 400
    cli = CliRunner().invoke(app, ["--db", str(db_path), "coverage", "--reference", "wapo", "--to", "2024-12-31"])
    assert cli.exit_code == 0, cli.output
    assert "9002" in cli.output and "Not killed, not in the reference" in cli.output
    as_json = CliRunner().invoke(app, ["--db", str(db_path), "coverage", "--json", "--state", "IL"])
    assert json.loads(as_json.output)["counts"]["reference_rows"] >= 1
    bad = CliRunner().invoke(app, ["--db", str(db_path), "coverage", "--from", "soon"])
    assert bad.exit_code == 2 and "date like" in bad.output


def test_wapo_export_is_the_v2_schema_with_linked_ids(db_path: Path) -> None:
    out = io.StringIO()
    assert export(Database(db_path), Filters(), "wapo", out) == 1
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(row) == WAPO_COLUMNS
    assert row["id"] == "9001" and row["armed_with"] == "knife" and row["agency_ids"] == "7"
    assert row["location_precision"] == "not_available" and row["body_camera"] == "True"


def test_people_export_and_us_only(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "people.csv"
    result = CliRunner().invoke(app, ["--db", str(db_path), "export", "--format", "people", "--out", str(out)])
    assert result.exit_code == 0 and "Exported 3 people" in result.output
    assert len(list(csv.DictReader(out.open()))) == 3
    store = Store(db_path)  # move the Tulsa incident abroad
    doc = json.loads(store.db.execute("select json from incidents where city = 'Tulsa'").fetchone()[0])
    doc["fields"]["country"] = {"value": "Canada", "report_ids": [], "evidence": []}
    store.db.execute("update incidents set json = ? where city = 'Tulsa'", [json.dumps(doc)])
    store.db.conn.commit()
    store.close()
    try:
        for fmt, us_only, everyone in (("csv", 2, 3), ("people", 1, 3)):
            assert export(Database(db_path), Filters(), fmt, io.StringIO()) == us_only
            assert export(Database(db_path), Filters(), fmt, io.StringIO(), us_only=False) == everyone
        everything = CliRunner().invoke(app, ["--db", str(db_path), "--set", "exports_us_only=false", "export"])
        assert "Exported 3 incidents" in everything.output
    finally:
        doc["fields"].pop("country")
        store = Store(db_path)
        store.db.execute("update incidents set json = ? where city = 'Tulsa'", [json.dumps(doc)])
        store.db.conn.commit()
        store.close()


def test_a_database_resolved_before_the_people_view_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    build_sample_store(path)  # incidents written without relinking, as an older ois left them
    client = TestClient(create_app(path, Settings(env={})), base_url="http://127.0.0.1")
    page = client.get("/people", headers=HTML)
    assert page.status_code == 200 and "ois reference link" in page.text
    result = CliRunner().invoke(app, ["--db", str(path), "reference", "link"])
    assert result.exit_code == 0 and "3 people" in result.output
    assert client.get("/people.json").json()["total"] == 3
