"""`ois ingest --workers N`: the per-article step on forked processes gives the plain path's database."""

from __future__ import annotations

import dataclasses
import json
import os

import pytest
from typer.testing import CliRunner

from ois import pipeline, workers
from ois.cli import app
from ois.models import Article
from ois.settings import Settings
from ois.sources import manifest_articles
from ois.store import Store

from .conftest import FIXTURES

PARENT = os.getpid()


@pytest.fixture
def jsonl(tmp_path):
    """Every fixture article of the manifest (with URLs and dates) as one JSONL, plus an unreadable line."""
    articles = manifest_articles(FIXTURES / "articles" / "manifest.jsonl", Settings(env={}))
    lines = [
        json.dumps({**dataclasses.asdict(a), "published": str(a.published or "")})
        for a in articles
        if isinstance(a, Article)
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join([*lines[:3], "{not json", *lines[3:]]))
    return path


def _database(store: Store) -> tuple:
    reports = sorted((r.article_id, r) for r in store.reports())
    return store.counts(), reports, sorted(store.previous_assignments().items())


def test_workers_give_the_plain_database_and_reruns_add_nothing(jsonl, tmp_path):
    plain = Store(tmp_path / "plain.db")
    pipeline.ingest([jsonl], plain, Settings({"ingest_workers": 1}, env={}), progress=False)
    settings = Settings({"ingest_workers": 2, "worker_chunk_articles": 2}, env={})
    parallel = Store(tmp_path / "workers.db")
    summary = pipeline.ingest([jsonl], parallel, settings, progress=False)
    assert summary.skipped == 1 and summary.new > 4 and summary.reports >= 3
    assert _database(parallel) == _database(plain)
    again = pipeline.ingest([jsonl], parallel, settings, progress=False)
    assert (again.new, again.already_stored, again.reports) == (0, summary.new, 0)


def _where(chunk, settings, known):
    """A step that says which process ran each record (and dies in a worker on "die")."""
    for record in chunk:
        if record == "die" and os.getpid() != PARENT:
            os._exit(3)
        yield record, os.getpid() == PARENT


def test_results_keep_input_order_and_a_dead_worker_loses_nothing():
    settings = Settings({"worker_chunk_articles": 3}, env={})
    records = [f"r{i}" for i in range(20)] + ["die"] + [f"s{i}" for i in range(20)]
    out = list(workers.in_processes(_where, records, settings, None, 2, lambda: None))
    assert [r for r, _ in out] == records
    assert not out[0][1]  # the first chunks ran in a worker
    assert out[records.index("die")][1] and out[-1][1]  # the dead worker's chunk and the rest ran here


def test_an_input_smaller_than_a_chunk_forks_nothing():
    settings = Settings({"worker_chunk_articles": 5}, env={})
    out = list(workers.in_processes(_where, ["a", "b"], settings, None, 2, lambda: pytest.fail("warmed")))
    assert out == [("a", True), ("b", True)]
    assert workers.count(3) == 3 and workers.count(0) >= 1


def test_cli_workers_option(jsonl, tmp_path):
    env = {"OIS_DB_PATH": str(tmp_path / "cli.db"), "OIS_WORKER_CHUNK_ARTICLES": "2"}
    result = CliRunner().invoke(app, ["ingest", "--quiet", "--workers", "2", str(jsonl)], env=env)
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output.lower()
    bad = CliRunner().invoke(app, ["ingest", "--workers", "-1", str(jsonl)], env=env)
    assert bad.exit_code == 2
    both = CliRunner().invoke(app, ["ingest", "--workers", "2", "--dask", "processes", str(jsonl)], env=env)
    assert both.exit_code == 2 and "give one of them" in both.output
