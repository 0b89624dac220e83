"""Exports (csv, json, geojson, WaPo schema) over the fictional sample store, via the library and the CLI."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ois import export as export_module
from ois.cli import app
from ois.export import WAPO_COLUMNS, export, safe_cell
from ois.query import queries
from ois.query.database import Database
from ois.query.filters import Filters
from ois.sample import build_sample_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@contextlib.contextmanager
def serving(asgi_app) -> Iterator[str]:
    """Run the app with uvicorn on 127.0.0.1 and a free port for the duration; yields its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(asgi_app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "ois.db"
    build_sample_store(path)
    return path


def run(db_path: Path, fmt: str, **filters: object) -> tuple[int, str]:
    out = io.StringIO()
    n = export(Database(db_path), Filters.parse(filters), fmt, out)
    return n, out.getvalue()


def test_csv_has_flat_columns_and_neutralises_formulas(db_path: Path) -> None:
    n, text = run(db_path, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == 3 and [r["id"] for r in rows] == ["inc-springfield", "inc-tulsa", "inc-hostile"]
    assert rows[0]["lon"] == "-89.64371"  # numbers are never prefixed
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and safe_cell(-3.5) == -3.5


def test_json_keeps_the_full_record(db_path: Path) -> None:
    n, text = run(db_path, "json", state="IL")
    items = json.loads(text)
    assert n == 1 and items[0]["id"] == "inc-springfield"
    assert items[0]["record"]["people"][0]["age"]["conflicts"][0]["value"] == 35


def test_geojson_points(db_path: Path) -> None:
    n, text = run(db_path, "geojson", officer_shot="yes")
    collection = json.loads(text)
    assert n == 1 and collection["type"] == "FeatureCollection"
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-95.99277, 36.15398]}
    assert feature["properties"]["city"] == "Tulsa"


def test_wapo_one_row_per_subject_killed(db_path: Path) -> None:
    n, text = run(db_path, "wapo")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == 1  # people written: only the fatal incident has a subject killed
    assert tuple(rows[0]) == WAPO_COLUMNS
    assert rows == [
        {
            "id": "inc-springfield-1",
            "date": "2024-03-05",
            "threat_type": "",
            "flee_status": "",
            "armed_with": "knife",
            "city": "Springfield",
            "county": "",
            "state": "IL",
            "latitude": "39.80172",
            "longitude": "-89.64371",
            "location_precision": "not_available",  # WaPo's vocabulary has no city level
            "name": "Darren Okafor",
            "age": "34",
            "gender": "",
            "race": "",
            "race_source": "",
            "was_mental_illness_related": "",
            "body_camera": "True",
            "agency_ids": "",
        }
    ]


def test_cli_export_with_filters(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "fatal.csv"
    result = CliRunner().invoke(
        app, ["--db", str(db_path), "export", "--format", "csv", "--fatal", "yes", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in csv.DictReader(out.open())] == ["inc-springfield"]
    bad = CliRunner().invoke(app, ["--db", str(db_path), "export", "--format", "xlsx"])
    assert bad.exit_code == 1 and "must be one of" in bad.output
    bad = CliRunner().invoke(app, ["--db", str(db_path), "export", "--date-from", "soon"])
    assert bad.exit_code == 2 and "date like" in bad.output


def test_web_download_streams_the_same_rows(db_path: Path) -> None:
    from ois.web.app import create_app

    response = TestClient(create_app(db_path), base_url="http://localhost").get("/export/csv?state=OK,OH")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    assert response.text == run(db_path, "csv", state="OK,OH")[1]


def test_export_reads_without_the_web_app_or_the_pipeline(db_path: Path) -> None:
    """Exports use the read layer only: neither ois.web nor any pipeline stage gets imported."""
    code = f"""
import io, sys
from ois.export import export
from ois.query import Database, Filters
assert export(Database({str(db_path)!r}), Filters(), "wapo", io.StringIO()) == 1
parts = {{m.split(".")[1] for m in sys.modules if m.startswith("ois.")}}
loaded = parts & {{"web", "pipeline", "dask_runner", "sources", "screen", "extract", "resolve"}}
assert not loaded, loaded
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _failing_after(rows: int):
    """iter_incidents that yields `rows` incidents of the real query, then fails as a damaged database does."""
    real = queries.iter_incidents

    def iter_incidents(*args, **kwargs):
        for n, row in enumerate(real(*args, **kwargs)):
            if n == rows:
                raise sqlite3.DatabaseError("database disk image is malformed")
            yield row

    return iter_incidents


def test_a_failed_export_exits_non_zero_and_leaves_no_partial_file(db_path: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "incidents.csv"
    out.write_text("the previous export\n")
    monkeypatch.setattr(export_module, "iter_incidents", _failing_after(1))
    result = CliRunner().invoke(app, ["--db", str(db_path), "export", "--out", str(out)])
    assert result.exit_code == 3 and "damaged" in result.output and "Traceback" not in result.output
    assert out.read_text() == "the previous export\n"  # untouched: no half file under the final name
    assert [p.name for p in tmp_path.iterdir()] == ["incidents.csv"]  # and no partial file left beside it
    stdout = CliRunner().invoke(app, ["--db", str(db_path), "export", "--format", "json"])
    assert stdout.exit_code == 3  # to standard output: the output is cut, and the exit code says so


def test_web_export_of_an_unreadable_database_is_an_error_not_an_empty_200(db_path: Path, monkeypatch) -> None:
    from ois.web.app import create_app

    monkeypatch.setattr(queries, "iter_incidents", _failing_after(0))
    response = TestClient(create_app(db_path), base_url="http://localhost").get("/export/json")
    assert response.status_code == 503 and "could not be read" in response.json()["error"]["detail"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_web_export_cut_mid_stream_is_a_failed_download(db_path: Path, monkeypatch) -> None:
    """Served by uvicorn on 127.0.0.1: the client sees a broken transfer, never a complete-looking file."""
    import httpx

    from ois.web.app import create_app

    monkeypatch.setattr(queries, "iter_incidents", _failing_after(2))
    with serving(create_app(db_path)) as base, pytest.raises(httpx.RemoteProtocolError):
        httpx.get(f"{base}/export/csv", timeout=10)
