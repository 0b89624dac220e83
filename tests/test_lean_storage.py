"""Lean storage (issue 10): articles screened out keep their id, URL, title, date, text hash and verdict, not their
text; `store_rejected_text` keeps everything. Re-ingesting adds nothing, and every reader copes with no text."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from ois import pipeline
from ois.cli import app
from ois.query import views
from ois.settings import Settings
from ois.store import Store
from ois.web.app import create_app

OIS_TEXT = (
    "Deputies shoot armed man after standoff in Ferncliff\n\n"
    "FERNCLIFF, Colo. (Valley Herald) — Sheriff's deputies shot and killed a man who pointed a rifle at them "
    "outside a Ferncliff home on Tuesday, the Ferncliff County Sheriff's Office said. The man, identified as "
    "Harlan Quist, 41, died at the scene. No deputies were hurt. The Colorado Bureau of Investigation is "
    "reviewing the shooting, as it does every time officers fire their weapons."
)
# Not about police: a bakery story (with a word, "croissantery", that only its body holds).
OTHER_TEXT = (
    "Ferncliff bakery wins state pastry prize\n\n"
    "FERNCLIFF, Colo. (Valley Herald) — A family bakery on Main Street won the state fair's top pastry prize on "
    "Saturday for its honey-lavender croissantery, a recipe the owners said took three years to get right. "
    "The bakery plans to open a second shop next spring and hire six more bakers."
)
# A hostile title: markup must come out as text.
HOSTILE_TEXT = (
    "<script>alert(1)</script> County fair opens\n\n"
    "The county fair opened on Friday with a parade, a livestock show and a pie contest that drew a record "
    "crowd to the fairgrounds west of town, organisers said on Saturday afternoon."
)


def _write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = [
        {"url": "https://news.example/ferncliff-shooting", "published": "2024-05-08", "text": OIS_TEXT},
        {"url": "https://news.example/ferncliff-bakery", "published": "2024-05-06", "text": OTHER_TEXT},
        {"url": "https://news.example/fair", "published": "2024-05-07", "text": HOSTILE_TEXT},
    ]
    path = folder / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _ingest(db: Path, path: Path, **overrides: object) -> pipeline.RunSummary:
    store = Store(db)
    try:
        return pipeline.ingest([path], store, Settings(overrides, env={}), progress=False)
    finally:
        store.close()


def _rows(db: Path) -> dict[str, tuple]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "select a.url, a.title, a.published, a.text, a.text_hash, s.is_ois, s.reason from articles a"
            " join screenings s on s.article_id = a.id"
        ).fetchall()
    return {r[0].rsplit("/", 1)[-1]: r[1:] for r in rows}


@pytest.fixture(scope="module")
def lean_db(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("lean")
    path = _write(folder / "in")
    db = folder / "ois.db"
    summary = _ingest(db, path)
    assert summary.new == 3 and summary.ois == 1
    return db, path


def test_rejected_articles_keep_what_explains_them_but_not_their_text(lean_db):
    db, _ = lean_db
    rows = _rows(db)
    shooting, bakery = rows["ferncliff-shooting"], rows["ferncliff-bakery"]
    assert shooting[2] and shooting[4] == 1
    title, published, text, digest, is_ois, reason = bakery
    assert title == "Ferncliff bakery wins state pastry prize" and published == "2024-05-06"
    assert text is None and digest and is_ois == 0 and reason
    with sqlite3.connect(db) as conn:  # full-text search: the title is still found, the body is not

        def found(q: str) -> tuple:
            return conn.execute("select count(*) from articles_fts where articles_fts match ?", [q]).fetchone()

        assert found("croissantery") == (0,)
        assert found("pastry") == (1,)
        assert found("standoff") == (1,)


def test_reingesting_adds_nothing_and_does_not_screen_again(lean_db, monkeypatch):
    db, path = lean_db
    before = _rows(db)

    def no_screening(*args: object, **kwargs: object) -> None:
        raise AssertionError("a stored article was screened again")

    monkeypatch.setattr(pipeline, "screen", no_screening)
    summary = _ingest(db, path)
    assert (summary.new, summary.already_stored, summary.skipped) == (0, 3, 0)
    assert _rows(db) == before


def test_the_setting_keeps_everything_and_gives_texts_back(tmp_path):
    path = _write(tmp_path / "in")
    kept = tmp_path / "kept.db"
    _ingest(kept, path, store_rejected_text=True)
    assert "croissantery" in _rows(kept)["ferncliff-bakery"][2]
    lean = tmp_path / "lean.db"
    _ingest(lean, path)
    assert _rows(lean)["ferncliff-bakery"][2] is None
    summary = _ingest(lean, path, store_rejected_text="true")  # as `--set store_rejected_text=true` gives it
    assert summary.new == 0 and summary.already_stored == 3
    assert "croissantery" in _rows(lean)["ferncliff-bakery"][2]


def _article_id(db: Path, slug: str) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("select id from articles where url like ?", [f"%/{slug}"]).fetchone()[0]


def test_web_page_and_api_say_the_text_was_not_kept(lean_db):
    db, _ = lean_db
    client = TestClient(create_app(db, Settings(env={})), base_url="http://127.0.0.1")
    article_id = _article_id(db, "ferncliff-bakery")
    page = client.get(f"/articles/{article_id}")
    assert page.status_code == 200
    assert "Text not kept" in page.text and "store_rejected_text=true" in page.text
    assert "Ferncliff bakery wins state pastry prize" in page.text
    data = client.get(f"/articles/{article_id}.json").json()
    assert data["text"] is None and data["text_kept"] is False and data["text_note"] == views.TEXT_NOT_KEPT
    hostile = client.get(f"/articles/{_article_id(db, 'fair')}")
    assert hostile.status_code == 200 and "<script>alert" not in hostile.text and "&lt;script&gt;" in hostile.text
    listed = client.get("/articles.json").json()
    assert len(listed["rows"]) == 3
    kept = client.get(f"/articles/{_article_id(db, 'ferncliff-shooting')}.json").json()
    assert kept["text_kept"] is True and "text_note" not in kept


def test_cli_show_and_status_cope_with_text_less_articles(lean_db):
    db, _ = lean_db
    runner = CliRunner()
    shown = runner.invoke(app, ["--db", str(db), "show", _article_id(db, "ferncliff-bakery")])
    assert shown.exit_code == 0, shown.output
    words = " ".join(shown.output.split())
    assert "Ferncliff bakery wins state pastry prize" in words and "not a shooting report" in words
    assert "store_rejected_text=true" in words
    hostile = runner.invoke(app, ["--db", str(db), "show", _article_id(db, "fair")])
    assert hostile.exit_code == 0 and "\x1b" not in hostile.output
    kept = runner.invoke(app, ["--db", str(db), "show", _article_id(db, "ferncliff-shooting")])
    assert kept.exit_code == 0 and "Harlan Quist" in kept.output
    status = runner.invoke(app, ["--db", str(db), "status"])
    assert status.exit_code == 0
    words = " ".join(status.output.split())
    assert "text not kept" in words and "store_rejected_text=true" in words
