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

from ois import dask_runner  # noqa: E402  (only when dask is installed)
from ois.dask_runner import ingest_dask  # noqa: E402

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


def test_one_big_file_is_split_into_chunks_of_records(folder, tmp_path, monkeypatch):
    """Fewer files than workers: the client reads and every worker gets chunks of records, not one the whole file."""
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    settings = Settings({"worker_chunk_articles": 1, "ingest_workers": 1}, env={})
    local = Store(tmp_path / "local.db")
    pipeline.ingest([folder / "articles.jsonl"], local, settings, progress=False)
    chunked: list[int] = []
    real = dask_runner.process_records
    monkeypatch.setattr(dask_runner, "process_records", lambda r, s, k: chunked.append(len(r)) or real(r, s, k))
    distributed = Store(tmp_path / "dask.db")
    summary = ingest_dask([folder / "articles.jsonl"], distributed, settings, scheduler="synchronous", progress=False)
    assert chunked == [1, 1, 1] and (summary.new, summary.ois) == (3, 2)
    assert _rows(distributed) == _rows(local)


def test_a_dask_rerun_extracts_nothing_already_stored(folder, tmp_path, monkeypatch):
    settings = Settings(env={})
    store = Store(tmp_path / "dask.db")
    ingest_dask([folder], store, settings, scheduler="synchronous", partitions=2, progress=False)
    extracted: list[str] = []
    real = pipeline.extract_many

    def counting(articles, settings):
        extracted.extend(a.id for a in articles)
        return real(articles, settings)

    monkeypatch.setattr(pipeline, "extract_many", counting)
    again = ingest_dask([folder], store, settings, scheduler="synchronous", partitions=2, progress=False)
    assert extracted == [] and (again.new, again.already_stored, again.reports) == (0, 3, 0)
    (folder / "more.jsonl").write_text(
        json.dumps({"title": "Deputies shoot man in Lakeview", "text": TEXT, "url": "https://example.org/lakeview"})
    )
    third = ingest_dask([folder], store, settings, scheduler="synchronous", partitions=2, progress=False)
    assert len(extracted) == 1 and (third.new, third.already_stored) == (1, 3)


TEXT = (
    "A Harlan County deputy shot and killed a man who pointed a handgun at him outside a gas station on Tuesday "
    "in Lakeview, Kentucky, the sheriff's office said. The man was identified as Dwayne Petrosky, 34."
)
