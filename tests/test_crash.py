"""A small version of scripts/crash_test.py: `ois ingest` of the fictional fixture articles in a subprocess,
stopped by SIGKILL and SIGINT at points of three phases, re-run, and compared with one clean run."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from ois.models import Article
from ois.settings import Settings
from ois.sources import manifest_articles

from .conftest import FIXTURES, REPO

_spec = importlib.util.spec_from_file_location("crash_test", REPO / "scripts" / "crash_test.py")
crash_test = sys.modules.setdefault("crash_test", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(crash_test)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], dict]:
    """The fixture articles as one JSONL (with a broken line), and the database of one clean run."""
    work = tmp_path_factory.mktemp("crash")
    articles = manifest_articles(FIXTURES / "articles" / "manifest.jsonl", Settings(env={}))
    lines = [
        json.dumps({**dataclasses.asdict(a), "published": a.published.isoformat() if a.published else None})
        for a in articles
        if isinstance(a, Article)
    ]
    (work / "articles.jsonl").write_text("\n".join([*lines[:5], "{broken", *lines[5:]]) + "\n", encoding="utf-8")
    inputs = [str(work / "articles.jsonl")]
    code, output, _ = crash_test.ois(work / "clean.db", inputs, timeout_s=300)
    assert code == 0, output
    return work, inputs, crash_test.snapshot(work / "clean.db")


@pytest.mark.parametrize("kill_at", ["extraction:4:KILL", "storing:6:INT", "resolution:2:KILL"])
def test_an_interrupted_ingest_resumes_to_the_clean_result(corpus, kill_at: str) -> None:
    work, inputs, clean = corpus
    assert sum(clean["reports"].values()) >= 8 and sum(clean["skipped"].values()) == 1
    number = ["extraction:4:KILL", "storing:6:INT", "resolution:2:KILL"].index(kill_at)
    point = crash_test.run_point(number, work, inputs, clean, kill_at, 0)
    assert point.stopped_as_asked, point  # Ctrl-C: exit 130, keeps what is committed, says how to finish
    assert point.stored_before != "no database"
    assert point.rerun_exit == 0
    assert point.comparison.ok, point.comparison
    assert point.health == {"integrity": "ok", "unresolved": 0, "unfinished": 0}


@pytest.mark.parametrize("kill_at", ["storing:6:KILL", "storing:9:INT"])
def test_an_interrupted_ingest_with_worker_processes_resumes_to_the_clean_result(corpus, kill_at, monkeypatch):
    """The main process stopped while two workers screen and extract (chunks of two records): the workers go
    with it, and a re-run (with workers again) gives the one-process clean run's database."""
    work, inputs, clean = corpus
    monkeypatch.setattr(crash_test, "WORKERS", ["2"])
    monkeypatch.setenv("OIS_WORKER_CHUNK_ARTICLES", "2")
    point = crash_test.run_point(10 + int(kill_at.endswith("INT")), work, inputs, clean, kill_at, 0)
    assert point.stopped_as_asked, point
    assert point.rerun_exit == 0
    assert point.comparison.ok, point.comparison
    assert point.health == {"integrity": "ok", "unresolved": 0, "unfinished": 0}
