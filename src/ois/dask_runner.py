"""Run the per-article step (`pipeline.process`) on Dask for large corpora.

Reading, screening and extraction are independent per input, so they run in Dask partitions (local processes or a
distributed cluster); each partition runs exactly the step `pipeline.ingest` runs, given the ids already stored so
that workers skip those articles. The store is one SQLite file and resolution needs every report, so both stay on
the client: `pipeline.store_results` writes each partition's results as it finishes, then `pipeline.finish`
resolves once. Install with `pip install -e '.[dask]'`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

from rich.progress import Progress

from ois import pipeline, sources
from ois.settings import Settings
from ois.store import Store


def process_partition(items: list[str], settings: Settings, known_ids: frozenset[str]) -> list[pipeline.Result]:
    """Read, screen and extract one partition of inputs; never raises for a bad input."""
    return list(pipeline.process(pipeline.read(items, settings), settings, known_ids))


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
    known = dask.delayed(frozenset(store.stored_ids()), pure=True)  # in the graph once, not once per partition
    bag = db.from_sequence(items, npartitions=count)
    delayed = bag.map_partitions(process_partition, settings, known).to_delayed()
    try:
        with Progress(disable=not progress) as bar:
            task = bar.add_task("dask: read + screen + extract", total=len(delayed))
            for start in range(0, len(delayed), workers):  # a wave per worker count keeps client memory bounded
                wave = delayed[start : start + workers]
                for results in dask.compute(*wave, scheduler=None if client else scheduler):
                    pipeline.store_results(results, store, summary)
                    bar.advance(task)
    finally:
        if client:
            client.close()
    return pipeline.finish(store, settings, summary, started)
