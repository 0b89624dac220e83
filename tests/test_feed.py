"""`/incidents.atom`: a valid Atom feed (parsed with xml.etree), the list's filters, escaping, changes first."""

from __future__ import annotations

import sqlite3
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ois.sample import HOSTILE, build_sample_store
from ois.web.app import create_app
from ois.web.feed import xml_text

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ois.db"
    build_sample_store(path)
    return path


def feed(client: TestClient, query: str = "") -> ET.Element:
    response = client.get(f"/incidents.atom{query}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_feed_is_valid_atom_with_the_required_elements(db: Path) -> None:
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    root = feed(client)
    assert root.tag == f"{A}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{A}{tag}") is not None, tag
    assert root.find(f"{A}link[@rel='self']").get("href") == "http://127.0.0.1/incidents.atom"
    entries = root.findall(f"{A}entry")
    assert len(entries) == 3
    for entry in entries:
        assert entry.find(f"{A}id").text.startswith("urn:ois:incident:")
        assert entry.find(f"{A}updated").text[:4].isdigit() and "T" in entry.find(f"{A}updated").text
        assert entry.find(f"{A}link").get("href").startswith("http://127.0.0.1/incidents/")
    titles = [e.find(f"{A}title").text for e in entries]
    assert "Darren Okafor, 34, killed by Springfield police" in titles


def test_feed_takes_the_list_filters_and_orders_by_last_change(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("update incidents set updated_at = '2030-01-01T00:00:00+00:00' where id = 'inc-hostile'")
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    ids = [e.find(f"{A}id").text for e in feed(client).findall(f"{A}entry")]
    assert ids[0] == "urn:ois:incident:inc-hostile"  # the most recent change first
    fatal = feed(client, "?fatal=yes&state=IL")
    assert [e.find(f"{A}id").text for e in fatal.findall(f"{A}entry")] == ["urn:ois:incident:inc-springfield"]
    assert "fatal=yes" in fatal.find(f"{A}title").text
    assert client.get("/incidents.atom?fatal=maybe").status_code == 400
    assert client.get("/incidents.atom?stat=TX").status_code == 400


def test_hostile_text_is_escaped_and_control_characters_dropped(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("update incidents set headline = ? where id = 'inc-hostile'", [f"\x1b[31mBad\x00{HOSTILE}"])
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    raw = client.get("/incidents.atom").text
    assert "<script>" not in raw and "&lt;script&gt;" in raw and "\x1b" not in raw and "\x00" not in raw
    summaries = [e.find(f"{A}summary").text for e in ET.fromstring(raw.encode()).findall(f"{A}entry")]
    assert any(HOSTILE in s for s in summaries)  # the text itself survives, as text
    assert xml_text("a\x0bb\ud800c") == "abc"
