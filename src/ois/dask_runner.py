"""Run the per-article stages (read, screen, extract) on Dask for large corpora.

Reading, screening and extraction are independent per input, so they run in Dask partitions (local processes or a
distributed cluster). Resolution needs every report at once and the store is one SQLite file, so both stay on the
client: results are stored as partitions finish, then `pipeline.reresolve` runs once. Install with
`pip install -e '.[dask]'`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

from rich.progress import Progress

from ois import pipeline, sources
from ois.extract import extract_many
from ois.models import Article, Report, Screening, Skipped
from ois.screen import screen
from ois.settings import Settings
from ois.store import Store

Result = tuple[Article, Screening] | Report | Skipped


def process_partition(items: list[str], settings: Settings) -> list[Result]:
    """Read, screen and extract one partition of inputs; never raises for a bad input."""
    out: list[Result] = []
    pending: list[Article] = []
    for item in items:
        for result in sources.read(item, settings):
            if isinstance(result, Skipped):
                out.append(result)
                continue
            screening = screen(result, settings)
            out.append((result, screening))
            if screening.is_ois:
                pending.append(result)
    out.extend(extract_many(pending, settings))
    return out


def _store(results: list[Result], store: Store, summary: pipeline.RunSummary) -> None:
    fresh: set[str] = set()
    for result in results:
        if isinstance(result, Skipped):
            summary.skipped += 1
            store.add_skipped(result)
        elif isinstance(result, Report):
            if result.article_id in fresh:  # articles stored before this run keep their old report
                summary.reports += 1
                store.add_report(result)
        else:
            article, screening = result
            summary.read += 1
            if store.add_article(article):
                fresh.add(article.id)
                summary.new += 1
                summary.ois += int(screening.is_ois)
                store.add_screening(screening)
            else:
                summary.already_stored += 1


def ingest_dask(
    paths: Iterable[str | Path],
    store: Store,
    settings: Settings,
    scheduler: str = "processes",
    partitions: int | None = None,
    progress: bool = True,
) -> pipeline.RunSummary:
    """Like `pipeline.ingest`, with read/screen/extract on Dask.

    `scheduler`: "processes", "threads", "synchronous", or a distributed scheduler address ("tcp://host:8786").
    """
    try:
        import dask
        import dask.bag as db
    except ImportError as exc:
        raise RuntimeError("Dask is not installed: run `pip install -e '.[dask]'`, or ingest without --dask.") from exc
    started = time.perf_counter()
    items = sources.expand(paths)
    summary = pipeline.RunSummary(inputs=len(items))
    if not items:
        return summary
    client = None
    if "://" in scheduler:
        from dask.distributed import Client

        client = Client(scheduler)
    workers = len(client.scheduler_info()["workers"]) if client else (os.cpu_count() or 2)
    count = partitions or min(len(items), workers * 4)
    delayed = db.from_sequence(items, npartitions=count).map_partitions(process_partition, settings).to_delayed()
    try:
        with Progress(disable=not progress) as bar:
            task = bar.add_task("dask: read + screen + extract", total=len(delayed))
            for start in range(0, len(delayed), workers):  # a wave per worker count keeps client memory bounded
                wave = delayed[start : start + workers]
                for results in dask.compute(*wave, scheduler=None if client else scheduler):
                    _store(list(results), store, summary)
                    bar.advance(task)
    finally:
        if client:
            client.close()
    summary.incidents = pipeline.reresolve(store, settings)
    summary.seconds = time.perf_counter() - started
    return summary
