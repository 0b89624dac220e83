"""Run the per-article step in local worker processes (`ois ingest --workers N`).

The parent reads the inputs, cuts the records into chunks of `worker_chunk_articles`, and hands each chunk to a
pool of forked processes that run the same step as the plain path (`pipeline.process`); results come back in input
order, and the parent stores and resolves them as `pipeline.run` always does (the database has one writer). The
workers are forked after the parent has loaded the spaCy model, so they share its memory instead of loading it
again. At most two chunks per worker are in flight, so memory stays bounded whatever the input's size.

A worker that dies (killed, out of memory, a crash in a C library on a hostile page) breaks the pool: its chunks and
every later one are processed in this process instead, so no article is lost and the run goes on, slower.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_all_start_methods, get_context
from typing import Any

from ois.settings import Settings

Step = Callable[[Iterable[Any], Settings, Any], Iterable[Any]]
# Set in the parent before the pool forks (so it is inherited, not pickled): the step and its arguments.
_WORK: dict[str, Any] = {}
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>: the signal a process gets when its parent dies


def count(requested: int) -> int:
    """Worker processes for a requested number (0: one per core the process may use)."""
    if requested > 0:
        return requested
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start_worker(parent: int) -> None:
    """Ctrl-C and SIGTERM stop the parent, which stops the pool: a worker must not raise from them mid-chunk. A
    parent killed outright (SIGKILL, out of memory) takes its workers with it (Linux), instead of leaving them
    waiting for work."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _run(chunk: list[Any]) -> list[Any]:
    return list(_WORK["step"](chunk, _WORK["settings"], _WORK["known"]))


def in_processes(
    step: Step, records: Iterable[Any], settings: Settings, known: Any, workers: int, warm: Callable[[], object]
) -> Iterator[Any]:
    """`step(chunk, settings, known)` over `records` in chunks, on `workers` forked processes, results in input
    order. `warm()` runs in this process before forking (load what every worker needs). An input of one chunk, or
    a system without `fork`, is processed here, without a pool."""
    size = settings.worker_chunk_articles
    chunks = batched(records, size)
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if second is None or workers < 2 or "fork" not in get_all_start_methods():
        for chunk in itertools.chain([first], [second] if second else [], chunks):
            yield from step(chunk, settings, known)
        return
    warm()
    _WORK.update(step=step, settings=settings, known=known)
    context = get_context("fork")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),))
    pending: deque[tuple[list[Any], Future | None]] = deque()
    try:
        for chunk in itertools.chain([first, second], chunks):
            pending.append((chunk, _submit(pool, chunk)))
            if len(pending) >= 2 * workers:
                yield from _collect(pending.popleft(), step, settings, known)
        while pending:
            yield from _collect(pending.popleft(), step, settings, known)
    except BaseException:  # Ctrl-C, or the consumer stopped: the workers' chunks are not wanted any more
        _stop(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _WORK.clear()


def _submit(pool: ProcessPoolExecutor, chunk: list[Any]) -> Future | None:
    """The chunk's future, or None once the pool is broken (the chunk is then processed here)."""
    try:
        return pool.submit(_run, chunk)
    except BrokenProcessPool:
        return None


def _collect(item: tuple[list[Any], Future | None], step: Step, settings: Settings, known: Any) -> Iterable[Any]:
    """A chunk's results from its worker, or from this process when the pool broke."""
    chunk, future = item
    if future is not None:
        try:
            return future.result()
        except BrokenProcessPool:
            pass
    return list(step(chunk, settings, known))


def _stop(pool: ProcessPoolExecutor) -> None:
    """Terminate the workers at once (the executor has no public way to; its processes are in `_processes`)."""
    for process in dict(getattr(pool, "_processes", None) or {}).values():
        process.terminate()


def batched(records: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(records)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
