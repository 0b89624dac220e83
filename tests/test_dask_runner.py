"""The Dask runner gives the same database as the local pipeline (read/screen/extract in partitions)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from ois import pipeline
from ois.settings import Settings
from ois.sources import manifest_articles
from ois.store import Store

from .conftest import FIXTURES

pytest.importorskip("dask")

from ois.dask_runner import ingest_dask  # noqa: E402  (only when dask is installed)

NAMES = ("01_pueblo_ledger_fatal.txt", "02_frontrange_fatal.txt", "11_jackson_neighborhood_shooting.txt")


@pytest.fixture
def folder(tmp_path):
    """A JSONL with three fixture articles (with their URLs and dates) and an empty file."""
    out = tmp_path / "in"
    out.mkdir()
    articles = manifest_articles(FIXTURES / "articles" / "manifest.jsonl", Settings(env={}))
    lines = [
        json.dumps({**dataclasses.asdict(a), "published": a.published.isoformat()}, default=str)
        for a in articles
        if a.source.endswith(NAMES)
    ]
    (out / "articles.jsonl").write_text("\n".join(lines))
    (out / "empty.txt").write_text("")
    return out


def _rows(store: Store) -> tuple:
    counts = {k: v for k, v in store.counts().items() if k != "skipped"}  # every run records the empty file again
    return counts, sorted(store.previous_assignments().items())


def test_dask_matches_local_and_reruns_add_nothing(folder, tmp_path):
    settings = Settings(env={})
    local = Store(tmp_path / "local.db")
    pipeline.ingest([folder], local, settings, progress=False)
    distributed = Store(tmp_path / "dask.db")
    summary = ingest_dask([folder], distributed, settings, scheduler="synchronous", partitions=2, progress=False)
    assert (summary.new, summary.skipped, summary.ois) == (3, 1, 2)
    assert _rows(distributed) == _rows(local)
    assert distributed.counts()["incidents"] == 1  # the two outlets' reports of one shooting
    again = ingest_dask([folder], distributed, settings, scheduler="synchronous", progress=False)
    assert (again.new, again.already_stored) == (0, 3)
    assert _rows(distributed) == _rows(local)
