"""The web app over a small fictional store: lists, filters, formats, records, errors, escaping."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ois.sample import HOSTILE, build_sample_store
from ois.settings import Settings
from ois.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

HTML = {"accept": "text/html"}
LOCAL = "http://127.0.0.1"  # the app answers only the names it is served under (DNS rebinding)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("web") / "ois.db"
    build_sample_store(db)
    return TestClient(create_app(db, Settings({"page_size": 2, "max_page_size": 10}, env={})), base_url=LOCAL)


def ids(response) -> list[str]:
    return [r["id"] for r in response.json()["rows"]]


def test_list_json_sorted_paged_with_facets(client: TestClient) -> None:
    first = client.get("/incidents.json").json()
    assert first["total"] == 3 and first["pages"] == 2 and first["size"] == 2
    assert [r["id"] for r in first["rows"]] == ["inc-springfield", "inc-tulsa"]  # newest first
    assert first["next"].endswith("/incidents.json?page=2&size=2")
    assert ids(client.get(first["next"])) == ["inc-hostile"]
    assert dict(map(tuple, first["facets"]["state"])) == {"IL": 1, "OK": 1, "OH": 1}
    assert dict(map(tuple, first["facets"]["fatal"])) == {0: 1, 1: 1, None: 1}  # None: the sources do not say
    assert ids(client.get("/incidents.json?sort=date")) == ["inc-hostile", "inc-tulsa"]
    assert ids(client.get("/incidents.json?sort=-sources&size=1")) == ["inc-springfield"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("fatal=yes", ["inc-springfield"]),
        ("fatal=no&size=10", ["inc-tulsa"]),
        ("fatal=unknown&size=10", ["inc-hostile"]),  # no outcome known: unknown, never "no"
        ("officer_shot=yes", ["inc-tulsa"]),
        ("video=yes", ["inc-springfield"]),
        ("armed=gun", ["inc-tulsa"]),
        ("armed=unknown", ["inc-hostile"]),
        ("state=ok,oh&size=10", ["inc-tulsa", "inc-hostile"]),
        ("state=IL&state=OH&size=10", ["inc-springfield", "inc-hostile"]),
        ("date_from=2023-01-01&date_to=2023-12-31", ["inc-tulsa"]),
        ("agency=Tulsa Police Department", ["inc-tulsa"]),
        ("city=Springfield", ["inc-springfield"]),
        ("q=knife", ["inc-springfield"]),  # full-text search over the source articles
        ("q=%22six shots%22", ["inc-springfield"]),  # phrase in the second outlet's article
        ("q=budget", []),  # matches an article with no incident
        ('q=NEAR(" OR *', []),  # FTS operators are inert, never a 500
    ],
)
def test_filters(client: TestClient, query: str, expected: list[str]) -> None:
    response = client.get(f"/incidents.json?{query}")
    assert response.status_code == 200, response.text
    assert ids(response) == expected
    assert response.json()["total"] == len(expected)


def test_csv_is_the_same_page(client: TestClient) -> None:
    response = client.get("/incidents.csv?state=OK")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["id"], r["city"], r["officer_shot"]) for r in rows] == [("inc-tulsa", "Tulsa", "1")]


@pytest.mark.parametrize(
    ("url", "status", "needle"),
    [
        ("/incidents.json?state=Texas", 400, "two-letter"),
        ("/incidents.json?fatal=maybe", 400, "yes or no"),
        ("/incidents.json?date_from=yesterday", 400, "date like"),
        ("/incidents.json?date_from=2024-02-01&date_to=2024-01-01", 400, "after"),
        ("/incidents.json?size=11", 400, "between 1 and 10"),
        ("/incidents.json?page=0", 400, "between"),
        ("/incidents.json?sort=id;drop table incidents", 400, "sort must be"),
        ("/incidents.json?armed=bazooka", 400, "armed must be"),
        ("/incidents.json?q=" + "x" * 201, 400, "longer than"),
        ("/incidents/nope.json", 404, "No incident"),
        ("/incidents/nope", 404, "No incident"),
        ("/articles/nope.json", 404, "No article"),
        ("/export/xlsx", 400, "format must be"),
        ("/no/such/page", 404, "Not Found"),
    ],
)
def test_errors_have_one_json_shape(client: TestClient, url: str, status: int, needle: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "title", "detail"}
    assert body["error"]["status"] == status
    assert needle in body["error"]["detail"]


def test_html_errors_are_pages(client: TestClient) -> None:
    response = client.get("/incidents?fatal=maybe", headers=HTML)
    assert response.status_code == 400
    assert "yes or no" in response.text and "<h1>400" in response.text


def test_incident_json_keeps_evidence_and_conflicts(client: TestClient) -> None:
    body = client.get("/incidents/inc-springfield.json").json()
    assert body["n_sources"] == 2 and body["fatal"] == 1
    shots = body["record"]["fields"]["shots"]
    assert shots["value"] == 5 and shots["conflicts"][0]["value"] == 6
    assert shots["evidence"][0]["text"] == "Officers fired five shots, according to the department."
    assert [s["outlet"] for s in body["sources"]] == ["Springfield Ledger", "Capital Courier"]


def test_incident_page_shows_value_evidence_conflict_timeline(client: TestClient) -> None:
    html = client.get("/incidents/inc-springfield", headers=HTML).text
    assert "Darren Okafor" in html
    assert "Other sources say <strong>6</strong> (Capital Courier)" in html
    # the supporting sentence is highlighted inside the article text, with an anchor the evidence links to
    assert 'title="Shots fired">Officers fired five shots, according to the department.</mark>' in html
    assert html.count("<time>2024-03-0") == 2
    assert "https://courier.example/okafor" in html


def test_article_page_and_list(client: TestClient) -> None:
    listing = client.get("/articles.json?is_ois=yes&size=10").json()
    assert listing["total"] == 4
    tulsa = next(r for r in listing["rows"] if r["title"].startswith("Tulsa"))
    assert tulsa["incident_id"] == "inc-tulsa"
    html = client.get(f"/articles/{tulsa['id']}", headers=HTML).text
    assert "Subject 1: Armed with" in html and "police fired" in html
    assert "screening cue: police fired" in html
    assert client.get("/articles.json?is_ois=no").json()["total"] == 1
    assert client.get("/articles.csv?q=budget").text.count("\n") == 2


def test_map_and_months(client: TestClient) -> None:
    body = client.get("/map.json").json()
    assert {(p["city"], p["n"]) for p in body["places"]} == {("Springfield", 1), ("Tulsa", 1), ("Dayton", 1)}
    assert body["months"] == [{"month": "2022-06", "n": 1}, {"month": "2023-11", "n": 1}, {"month": "2024-03", "n": 1}]
    html = client.get("/map?fatal=yes", headers=HTML).text
    assert html.count("<circle") == 1 and "date_to=2024-03-31" in html


def test_hostile_text_is_escaped_everywhere(client: TestClient) -> None:
    article = client.get("/articles.json?q=onerror").json()["rows"][0]["id"]
    for url in (
        "/incidents",
        "/incidents/inc-hostile",
        f"/articles/{article}",
        "/articles",
        "/map",
        "/incidents?q=script",
    ):
        response = client.get(url, headers=HTML)
        assert response.status_code == 200, url
        html = response.text
        assert HOSTILE not in html and "<script" not in html and "<img" not in html, url
        assert "<svg onload" not in html and "javascript:" not in html, url
        assert "content-security-policy" in response.headers
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in client.get("/incidents/inc-hostile").text


def test_openapi_lists_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    pages = {"/incidents", "/incidents/{incident_id}", "/articles", "/articles/{article_id}", "/map"}
    api = {"/incidents.json", "/incidents.csv", "/incidents/{incident_id}.json", "/articles.json", "/articles.csv"}
    api |= {"/articles/{article_id}.json", "/map.json", "/export/{fmt}", "/incidents.atom"}
    pages |= {"/people", "/coverage"}  # and their twins (docs/linking.md)
    api |= {"/people.json", "/people.csv", "/coverage.json"}
    assert set(paths) == pages | api


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    key=st.sampled_from(["q", "state", "date_from", "fatal", "armed", "sort", "page", "size", "agency"]),
    value=st.text(max_size=40),
)
def test_any_parameter_value_gives_200_or_400(client: TestClient, key: str, value: str) -> None:
    response = client.get("/incidents.json", params={key: value})
    assert response.status_code in (200, 400), response.text


def test_api_docs_use_local_assets(client: TestClient) -> None:
    html = client.get("/docs").text
    assert '"/static/swagger-ui-bundle.js"' in html and "cdn" not in html.lower()
    assert client.get("/static/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/swagger-ui.css").headers["content-type"].startswith("text/css")
    assert client.get("/openapi.json").json()["info"]["title"].startswith("ois")


# --- DNS rebinding, framing, HEAD, read-only storage (issue 9, item 8) ---------------------------------------------
@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io", "", "localhost.evil"])
def test_only_the_served_host_names_are_answered(client: TestClient, host: str) -> None:
    response = client.get("/incidents.json", headers={"host": host})
    assert response.status_code == 400 and "--allow-host" in response.json()["error"]["detail"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost:8000", "LOCALHOST", "[::1]:8000", "localhost."])
def test_loopback_names_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/incidents.json", headers={"host": host}).status_code == 200


def test_other_names_only_when_allowed(tmp_path) -> None:
    build_sample_store(tmp_path / "ois.db")
    app = create_app(tmp_path / "ois.db", hosts=["ois.newsroom.example"])
    allowed = TestClient(app, base_url="http://ois.newsroom.example")
    assert allowed.get("/incidents.json").status_code == 200
    assert TestClient(app, base_url="http://localhost").get("/incidents.json").status_code == 400


@pytest.mark.parametrize("url", ["/incidents", "/incidents.json", "/no/such/page", "/incidents.json?fatal=maybe"])
def test_every_response_forbids_framing(client: TestClient, url: str) -> None:
    for headers in ({}, HTML):
        response = client.get(url, headers=headers)
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"], url
        assert response.headers["x-frame-options"] == "DENY" and response.headers["x-content-type-options"] == "nosniff"


def test_server_errors_carry_the_security_headers_too(tmp_path, monkeypatch) -> None:
    from ois.query import queries

    build_sample_store(tmp_path / "ois.db")
    failing = TestClient(create_app(tmp_path / "ois.db"), base_url=LOCAL, raise_server_exceptions=False)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(queries, "incident_record", broken)
    response = failing.get("/incidents/inc-tulsa.json")
    assert response.status_code == 500 and "a bug" not in response.text
    assert (
        response.headers["x-frame-options"] == "DENY"
        and "frame-ancestors" in response.headers["content-security-policy"]
    )

    def unreadable(*args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(queries, "incident_record", unreadable)
    response = failing.get("/incidents/inc-tulsa", headers=HTML)
    assert response.status_code == 503 and "malformed" not in response.text  # the server log says why
    assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("url", ["/incidents", "/incidents.json", "/incidents/inc-tulsa", "/map", "/export/csv"])
def test_head_is_answered_like_get_without_a_body(client: TestClient, url: str) -> None:
    head, get = client.head(url), client.get(url)
    assert head.status_code == get.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def _without_write_permission() -> list[str]:
    """A command prefix that takes away root's power to write anything (tests may run as root in CI)."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot make a file read-only for this process")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--"]


def test_serving_a_read_only_database_in_a_read_only_folder(tmp_path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    build_sample_store(folder / "ois.db")  # a closed WAL database: no -wal or -shm file beside it
    (folder / "ois.db").chmod(0o444)
    folder.chmod(0o555)
    code = (
        "import sys\n"
        "from fastapi.testclient import TestClient\n"
        "from ois.query import open_reader\n"
        "from ois.settings import Settings\n"
        "from ois.web.app import create_app\n"
        "db = open_reader(Settings({'db_path': sys.argv[1]}, env={}))\n"
        "client = TestClient(create_app(db), base_url='http://localhost')\n"
        "print(client.get('/incidents.json').json()['total'], client.get('/incidents/inc-tulsa').status_code)\n"
    )
    try:
        done = subprocess.run(
            [*_without_write_permission(), sys.executable, "-c", code, str(folder / "ois.db")],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3", "200"]
    assert sorted(p.name for p in folder.iterdir()) == ["ois.db"]  # nothing was written beside it


def test_serve_warns_when_the_host_is_not_loopback(tmp_path, monkeypatch) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from ois.cli import app
    from ois.commands.serve_cmd import served_names

    build_sample_store(tmp_path / "ois.db")
    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: started.update(kwargs))  # nothing is served here
    out = CliRunner().invoke(app, ["--db", str(tmp_path / "ois.db"), "serve", "--host", "0.0.0.0"])
    assert out.exit_code == 0 and "Warning" in out.output and "anyone who can reach this machine" in out.output
    assert started["host"] == "0.0.0.0"
    quiet = CliRunner().invoke(app, ["--db", str(tmp_path / "ois.db"), "serve", "--allow-host", "ois.example"])
    assert "Warning" not in quiet.output and "ois.example" in quiet.output
    assert served_names("127.0.0.1", []) == ["localhost", "127.0.0.1", "::1"]
