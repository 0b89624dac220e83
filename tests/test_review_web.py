"""Review mode in the web app (TestClient): login, sessions, CSRF, forged requests, corrections shown in the page,
the JSON and every export; unknown query parameters answered 400. Fictional sample data."""

from __future__ import annotations

import csv
import io
import re
import warnings
from pathlib import Path

import pytest

from ois.models import Override
from ois.review import auth
from ois.sample import build_sample_store
from ois.settings import Settings
from ois.store import Store
from ois.web.app import create_app
from ois.web.review import ReviewConfig

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

LOCAL = "http://127.0.0.1"
HTML = {"accept": "text/html"}
PASSWORD = "correct horse battery"


def _resolver(store: Store, overrides: list[Override]) -> int:
    store.add_override(*overrides)
    return 0


@pytest.fixture
def app(tmp_path: Path):
    db = tmp_path / "ois.db"
    build_sample_store(db)
    store = Store(db)
    auth.add_editor(store, "alice", PASSWORD)
    store.close()
    settings = Settings({"login_max_failures": 3, "login_failure_delay_ms": 0}, env={})
    return create_app(db, settings, review=ReviewConfig(db, _resolver, settings))


def _token(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def login(client: TestClient, password: str = PASSWORD) -> object:
    page = client.get("/login?next=/incidents/inc-springfield")
    form = {"name": "alice", "password": password, "csrf": _token(page.text), "next": "/incidents/inc-springfield"}
    return client.post("/login", data=form, follow_redirects=False)


@pytest.fixture
def editor(app) -> TestClient:
    client = TestClient(app, base_url=LOCAL)
    assert login(client).status_code == 303
    return client


def csrf_of(client: TestClient, path: str = "/incidents/inc-springfield") -> str:
    return _token(client.get(path, headers=HTML).text)


def test_read_only_server_has_no_review_routes(tmp_path: Path) -> None:
    db = tmp_path / "ois.db"
    build_sample_store(db)
    client = TestClient(create_app(db), base_url=LOCAL)
    assert client.post("/review/incidents/inc-tulsa/value", data={"field": "city"}).status_code in (404, 405)
    assert client.get("/login").status_code == 404
    assert "Editor login" not in client.get("/incidents", headers=HTML).text


def test_login_sets_a_secure_session_cookie(app) -> None:
    client = TestClient(app, base_url=LOCAL)
    assert "Editor login" in client.get("/incidents", headers=HTML).text
    response = login(client)
    assert response.status_code == 303 and response.headers["location"] == "/incidents/inc-springfield"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("ois_session="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Max-Age=43200" in cookie
    page = client.get("/incidents/inc-springfield", headers=HTML)
    assert "Editing as" in page.text and page.headers["cache-control"] == "no-store"
    assert "<script" not in page.text and "script-src" not in page.headers["content-security-policy"]
    https = TestClient(app, base_url="https://127.0.0.1")
    secure = next(c for c in login(https).headers.get_list("set-cookie") if c.startswith("ois_session="))
    assert "Secure" in secure


def test_login_is_throttled_and_needs_its_form_token(app) -> None:
    client = TestClient(app, base_url=LOCAL)
    assert client.post("/login", data={"name": "alice", "password": PASSWORD}).status_code == 403  # no form token
    for _ in range(3):
        assert login(client, "wrong password").status_code == 401
    refused = login(client)  # even the right password, until the window ends
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert "Too many failed logins" in refused.text


def test_open_redirect_is_refused(app) -> None:
    client = TestClient(app, base_url=LOCAL)
    page = client.get("/login")
    form = {"name": "alice", "password": PASSWORD, "csrf": _token(page.text), "next": "//evil.example/x"}
    assert client.post("/login", data=form, follow_redirects=False).headers["location"] == "/incidents"


def test_forged_posts_change_nothing(app, editor: TestClient) -> None:
    before = editor.get("/incidents/inc-springfield.json").json()
    stranger = TestClient(app, base_url=LOCAL)
    form = {"field": "shots", "value": "99"}
    assert stranger.post("/review/incidents/inc-springfield/value", data=form).status_code == 401  # no session
    assert editor.post("/review/incidents/inc-springfield/value", data=form).status_code == 403  # no token
    bad = {**form, "csrf": "guessed"}
    assert editor.post("/review/incidents/inc-springfield/value", data=bad).status_code == 403
    good = {**form, "csrf": csrf_of(editor)}
    other_site = {"origin": "https://evil.example"}
    assert editor.post("/review/incidents/inc-springfield/value", data=good, headers=other_site).status_code == 403
    as_json = editor.post("/review/incidents/inc-springfield/value", json=good)
    assert as_json.status_code == 415
    assert editor.post("/logout", data={"csrf": ""}).status_code == 403
    assert editor.get("/incidents/inc-springfield.json").json() == before


def test_corrections_show_in_page_json_and_every_export(editor: TestClient) -> None:
    csrf = csrf_of(editor)
    sentence = "Officers fired five shots, according to the department."
    form = {"csrf": csrf, "field": "shots", "value": "4", "reason": "the chief corrected it", "evidence": sentence}
    done = editor.post("/review/incidents/inc-springfield/value", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].endswith("#review-history")
    person = {"csrf": csrf, "field": "age", "value": "35", "person": "1"}
    assert editor.post("/review/incidents/inc-springfield/value", data=person).status_code == 200
    tulsa = csrf_of(editor, "/incidents/inc-tulsa")
    page = editor.get("/incidents/inc-tulsa", headers=HTML).text
    officer = re.search(r'name="person" value="(officer:[^"]+)"', page).group(1)
    form = {"csrf": tulsa, "person": officer, "status": "background", "reason": "was not there"}
    assert editor.post("/review/incidents/inc-tulsa/person", data=form).status_code == 200
    form = {"csrf": tulsa, "kind": "not_ois", "flag": "yes", "reason": "a training exercise"}
    assert editor.post("/review/incidents/inc-hostile/state", data=form).status_code == 200

    page = editor.get("/incidents/inc-springfield", headers=HTML).text
    assert (
        "corrected by alice" in page and "the chief corrected it" in page and "Sources say <strong>5</strong>" in page
    )
    body = editor.get("/incidents/inc-springfield.json").json()
    assert body["corrected_fields"] == "shots; subject 1 age"
    assert body["record"]["fields"]["shots"]["value"] == 4
    assert body["record"]["fields"]["shots"]["corrected"]["editor"] == "alice"
    assert [h["action"] for h in body["history"]] == ["set Shots fired", "set subject 1 Darren Okafor: Age"]
    tulsa_page = editor.get("/incidents/inc-tulsa", headers=HTML).text
    assert "Background: named, but not participants" in tulsa_page
    hidden = editor.get("/incidents/inc-hostile", headers=HTML).text
    assert "Marked not a police shooting" in hidden and "a training exercise" in hidden

    ids = [r["id"] for r in editor.get("/incidents.json").json()["rows"]]
    assert "inc-hostile" not in ids  # hidden from lists, maps, feeds and exports
    assert [r["id"] for r in editor.get("/incidents.json?not_ois=yes").json()["rows"]] == ["inc-hostile"]
    rows = list(csv.DictReader(io.StringIO(editor.get("/export/csv").text)))
    assert {r["id"] for r in rows} == {"inc-springfield", "inc-tulsa"}
    springfield = next(r for r in rows if r["id"] == "inc-springfield")
    assert springfield["corrected_fields"] == "shots; subject 1 age" and springfield["reviewed"] == "0"
    assert "Darren Okafor, 35, killed" in springfield["title"]
    exported = editor.get("/export/json").json()
    assert next(r for r in exported if r["id"] == "inc-springfield")["record"]["fields"]["shots"]["value"] == 4
    features = editor.get("/export/geojson").json()["features"]
    assert next(f for f in features if f["id"] == "inc-tulsa")["properties"]["corrected_fields"]
    everything = editor.get("/export/csv?not_ois=any").text
    assert "inc-hostile" in everything


def test_revert_merge_split_and_article(editor: TestClient) -> None:
    csrf = csrf_of(editor)
    form = {"csrf": csrf, "field": "city", "value": "Shelbyville"}
    editor.post("/review/incidents/inc-springfield/value", data=form)
    assert editor.get("/incidents/inc-springfield.json").json()["city"] == "Shelbyville"
    editor.post("/review/incidents/inc-springfield/revert", data={"csrf": csrf, "field": "city"})
    assert editor.get("/incidents/inc-springfield.json").json()["city"] == "Springfield"
    bad = editor.post("/review/incidents/inc-springfield/value", data={**form, "field": "armed"}, headers=HTML)
    assert bad.status_code == 400 and "not a field" in bad.text
    reports = editor.get("/incidents/inc-springfield.json").json()["record"]["report_ids"]
    split = editor.post("/review/incidents/inc-springfield/split", data={"csrf": csrf, "report": reports[1]})
    assert split.status_code == 200  # the resolver (here: store the overrides) was called
    article = editor.post(f"/review/articles/{reports[1]}/not-ois", data={"csrf": csrf, "flag": "yes"})
    assert article.status_code == 200
    history = editor.get("/incidents/inc-springfield.json").json()["history"]
    assert [h["action"].split()[0] for h in history] == ["set", "reverted", "split", "marked"]
    assert editor.post("/review/incidents/inc-springfield/nope", data={"csrf": csrf}).status_code == 404


def test_logout_ends_the_session(editor: TestClient) -> None:
    csrf = csrf_of(editor)
    assert editor.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    form = {"csrf": csrf, "field": "shots", "value": "1"}
    assert editor.post("/review/incidents/inc-springfield/value", data=form).status_code == 401


@pytest.mark.parametrize(
    "url",
    ["/incidents.json?stat=TX", "/incidents?fatl=yes", "/incidents/inc-tulsa.json?x=1", "/export/csv?format=csv"],
)
def test_unknown_query_parameters_are_named_in_a_400(app, url: str) -> None:
    client = TestClient(app, base_url=LOCAL)
    response = client.get(url)
    assert response.status_code == 400
    unknown = url.split("?")[1].split("=")[0]
    assert f"unknown query parameter '{unknown}'" in response.json()["error"]["detail"]
    if "." not in url.split("?")[0] and not url.startswith("/export"):  # a page: the same message as a page
        page = client.get(url, headers=HTML)
        assert page.status_code == 400 and f"unknown query parameter &#39;{unknown}&#39;" in page.text


def test_reference_link_decisions_are_checked(editor: TestClient) -> None:
    csrf = csrf_of(editor)
    form = {"csrf": csrf, "source": "nowhere", "ref": "1", "person": "0", "decision": "confirm"}
    refused = editor.post("/review/incidents/inc-springfield/link", data=form, headers=HTML)
    assert refused.status_code == 400 and "unknown reference" in refused.text
    bad = editor.post("/review/incidents/inc-springfield/link", data={**form, "person": "x"})
    assert bad.status_code == 400
