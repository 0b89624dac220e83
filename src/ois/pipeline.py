"""The only module that knows the order of the stages: sources -> screen -> extract -> resolve -> store.

One per-article step, two executors. `process` screens every new article and extracts the OIS ones (spaCy works
in batches, so OIS articles wait until `EXTRACT_CHUNK` of them are pending); `store_results` writes each article
with its screening and report in one transaction. `ingest` runs both in this process; `dask_runner.ingest_dask`
runs `process` in Dask partitions and `store_results` on the client. Resolution needs every report and runs once
at the end of a run (`reresolve`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ois import sources
from ois.extract import extract_many
from ois.models import Article, Incident, Override, Report, Screening, Skipped
from ois.resolve import resolve
from ois.screen import screen
from ois.settings import Settings
from ois.store import Store

# OIS articles handed to spaCy at once: large enough for nlp.pipe batching, small enough to bound memory.
EXTRACT_CHUNK = 200


@dataclass(frozen=True)
class Processed:
    """One new article after the per-article step: its screening, and its report when it is an OIS article
    (`failure` says why extraction failed, if it did)."""

    article: Article
    screening: Screening
    report: Report | None = None
    failure: Skipped | None = None


@dataclass(frozen=True)
class Known:
    """An article whose id is already stored: nothing was done with it."""

    article_id: str


Result = Processed | Known | Skipped


@dataclass
class Analysis:
    """In-memory result of running the stages over articles (what `evaluate` and tests use)."""

    screenings: dict[str, Screening] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    incidents: tuple[Incident, ...] = ()
    copies: dict[str, str] = field(default_factory=dict)


@dataclass
class RunSummary:
    inputs: int = 0
    read: int = 0
    new: int = 0
    already_stored: int = 0
    skipped: int = 0
    ois: int = 0
    reports: int = 0
    incidents: int = 0
    seconds: float = 0.0


def _progress(enabled: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        disable=not enabled,
        transient=False,
    )


def _extracted(pending: list[tuple[Article, Screening]], settings: Settings) -> Iterator[Processed]:
    """Extract reports for screened OIS articles in one spaCy batch; a failure is kept with its article."""
    for (article, screening), item in zip(pending, extract_many([a for a, _ in pending], settings), strict=True):
        if isinstance(item, Skipped):
            yield Processed(article, screening, failure=item)
        else:
            yield Processed(article, screening, report=item)


def process(
    items: Iterable[Article | Skipped], settings: Settings, known_ids: Container[str] = frozenset()
) -> Iterator[Result]:
    """The per-article step of both executors: articles whose id is in `known_ids` (or came earlier in `items`)
    are `Known`; every other article is screened and, when it is an OIS report, extracted. Non-OIS articles are
    yielded at once, OIS articles after their extraction batch. Never raises for one bad article."""
    seen: set[str] = set()
    pending: list[tuple[Article, Screening]] = []
    for item in items:
        if isinstance(item, Skipped):
            yield item
            continue
        if item.id in seen or item.id in known_ids:
            yield Known(item.id)
            continue
        seen.add(item.id)
        try:
            screening = screen(item, settings)
        except Exception as exc:  # one bad article never stops a batch
            yield Skipped(item.source, f"screening failed: {type(exc).__name__}: {exc}", item.id, "screen")
            continue
        if not screening.is_ois:
            yield Processed(item, screening)
            continue
        pending.append((item, screening))
        if len(pending) >= EXTRACT_CHUNK:
            yield from _extracted(pending, settings)
            pending = []
    if pending:
        yield from _extracted(pending, settings)


def store_results(results: Iterable[Result], store: Store, summary: RunSummary) -> None:
    """Write results as they come: each new article with its screening and report in one transaction, so an
    interrupted run leaves every article either complete or absent (and a re-run processes the absent ones)."""
    for result in results:
        if isinstance(result, Skipped):
            summary.skipped += 1
            store.add_skipped(result)
            continue
        summary.read += 1
        if isinstance(result, Known) or not store.add_processed(
            result.article, result.screening, result.report, result.failure
        ):
            summary.already_stored += 1  # also an article two Dask partitions both read
            continue
        summary.new += 1
        summary.ois += int(result.screening.is_ois)
        summary.reports += int(result.report is not None)
        summary.skipped += int(result.failure is not None)


def read(
    items: Iterable[str], settings: Settings, done: Callable[[], object] | None = None
) -> Iterator[Article | Skipped]:
    """Every article (or Skipped) of the inputs (from `sources.expand`), in order; `done()` after each input."""
    for item in items:
        yield from sources.read(item, settings)
        if done is not None:
            done()


def finish(store: Store, settings: Settings, summary: RunSummary, started: float) -> RunSummary:
    """Resolve after a run that added reports (or when no incidents exist yet) and time the run."""
    if summary.reports or not store.counts()["incidents"]:
        summary.incidents = reresolve(store, settings)
    else:
        summary.incidents = store.counts()["incidents"]
    summary.seconds = time.perf_counter() - started
    return summary


def analyse(
    articles: Sequence[Article], settings: Settings, extract_all: bool = False, progress: bool = False
) -> Analysis:
    """Screen, extract and resolve articles in memory. `extract_all` extracts non-OIS articles too (evaluation)."""
    out = Analysis()
    for article in articles:
        out.screenings[article.id] = screen(article, settings)
    chosen = [a for a in articles if extract_all or out.screenings[a.id].is_ois]
    with _progress(progress) as bar:
        task = bar.add_task("extract", total=len(chosen))
        for start in range(0, len(chosen), EXTRACT_CHUNK):
            chunk = chosen[start : start + EXTRACT_CHUNK]
            for item in extract_many(chunk, settings):
                if isinstance(item, Skipped):
                    out.skipped.append(item)
                else:
                    out.reports[item.article_id] = item
            bar.advance(task, len(chunk))
    texts = {a.id: a.text for a in articles if a.id in out.reports}
    resolution = resolve(list(out.reports.values()), texts, settings)
    out.incidents, out.copies = resolution.incidents, dict(resolution.copies)
    return out


def reresolve(store: Store, settings: Settings) -> int:
    """Resolve every stored report again (after new reports or user overrides); returns the incident count."""
    resolution = resolve(
        store.reports(),
        store.texts(),
        settings,
        previous=store.previous_assignments(),
        overrides=store.overrides(),
    )
    return store.replace_incidents(resolution.incidents)


def add_override(store: Store, settings: Settings, override: Override) -> int:
    store.add_override(override)
    return reresolve(store, settings)


def ingest(paths: Iterable[str | Path], store: Store, settings: Settings, progress: bool = True) -> RunSummary:
    """Read files/folders/URLs, then screen, extract, store and resolve (see `process` and `store_results`)."""
    started = time.perf_counter()
    items = sources.expand(paths)
    summary = RunSummary(inputs=len(items))
    with _progress(progress) as bar:
        task = bar.add_task("read + screen + extract", total=len(items))
        articles = read(items, settings, lambda: bar.advance(task))
        store_results(process(articles, settings, store.stored_ids()), store, summary)
    return finish(store, settings, summary, started)


def ingest_articles(articles: Sequence[Article], store: Store, settings: Settings, progress: bool = True) -> RunSummary:
    """Screen, extract and store new articles (the demo), then resolve all stored reports into incidents."""
    started = time.perf_counter()
    summary = RunSummary(inputs=len(articles))
    store_results(process(articles, settings, store.stored_ids()), store, summary)
    return finish(store, settings, summary, started)
