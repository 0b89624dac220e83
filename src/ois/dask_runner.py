"""Run the per-article step (`pipeline.process`) on Dask for large corpora.

Reading, screening and extraction are independent per input, so they run in Dask partitions (local processes or a
distributed cluster): a partition per group of input files, which the workers read; with fewer files than workers
(one big JSONL or WARC) the client reads and hands out chunks of `worker_chunk_articles` records instead. Each
partition runs exactly the step `pipeline.ingest` runs, given a snapshot of the stored
articles' lookup keys (`Store.known_articles`) so that workers skip those articles. The store is one SQLite file
and resolution needs every report, so both stay on the client: `pipeline.run` stores each partition's results as
its wave finishes (after finishing what an earlier run left unfinished), then resolves once. Install with
`pip install -e '.[dask]'`.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from rich.progress import Progress

from ois import pipeline, sources
from ois import workers as workers_pool
from ois.models import Article, Skipped
from ois.settings import Settings
from ois.store import KnownArticles, Store


def process_partition(items: list[str], settings: Settings, known: KnownArticles) -> list[pipeline.Result]:
    """Read, screen and extract one partition of inputs; never raises for a bad input."""
    return process_records(pipeline.read(items, settings), settings, known)


def process_records(
    records: Iterable[Article | Skipped], settings: Settings, known: KnownArticles
) -> list[pipeline.Result]:
    """Screen and extract records (the client's chunks, or what a partition read); never raises for a bad input."""
    return list(pipeline.process(records, settings, known))


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
    items = sources.expand(paths)
    summary = pipeline.RunSummary(inputs=len(items))
    client = None
    if items and "://" in scheduler:
        from dask.distributed import Client

        try:
            client = Client(scheduler, timeout=settings.dask_connect_timeout_s)
        except OSError as exc:
            raise RuntimeError(
                f"Cannot reach the Dask scheduler at {scheduler} ({exc}). Start one (`dask scheduler`, then `dask "
                "worker ADDRESS` on each machine; docs/performance.md), or ingest with --dask processes."
            ) from None
    workers = len(client.scheduler_info()["workers"]) if client else (os.cpu_count() or 2)
    count = partitions or min(len(items), workers * 4)

    def results() -> Iterator[pipeline.Result]:
        """Each partition's results as its wave finishes (a wave per worker count keeps client memory bounded)."""
        if not items:
            return
        known = dask.delayed(store.known_articles(), pure=True)  # in the graph once, not once per partition
        if len(items) >= workers:  # a partition per group of files: the workers read them
            bag = db.from_sequence(items, npartitions=count).map_partitions(process_partition, settings, known)
            parts = bag.to_delayed()
            delayed, total = iter(parts), len(parts)
        else:  # fewer files than workers (one big JSONL or WARC): the client reads, workers get chunks of records
            chunks = workers_pool.batched(pipeline.read(items, settings), settings.worker_chunk_articles)
            delayed, total = (dask.delayed(process_records)(chunk, settings, known) for chunk in chunks), None
        with Progress(disable=not progress) as bar:
            task = bar.add_task("dask: read + screen + extract (partitions)", total=total)
            for wave in iter(lambda: list(itertools.islice(delayed, workers)), []):
                for partition in dask.compute(*wave, scheduler=None if client else scheduler):
                    yield from partition
                    bar.advance(task)

    try:
        everything = itertools.chain(pipeline.with_unfinished(store, settings), results())
        return pipeline.run(everything, store, settings, summary, "ois ingest --dask")
    finally:
        if client:
            client.close()
