"""The only module that knows the order of the stages: sources -> screen -> extract -> resolve -> store."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
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

# Articles handed to spaCy at once: large enough for nlp.pipe batching, small enough that a crash loses little.
EXTRACT_CHUNK = 200


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


def _extract(articles: Sequence[Article], settings: Settings, progress: Progress) -> Iterable[Report | Skipped]:
    task = progress.add_task("extract", total=len(articles))
    for start in range(0, len(articles), EXTRACT_CHUNK):
        chunk = articles[start : start + EXTRACT_CHUNK]
        yield from extract_many(chunk, settings)
        progress.advance(task, len(chunk))


def analyse(
    articles: Sequence[Article], settings: Settings, extract_all: bool = False, progress: bool = False
) -> Analysis:
    """Screen, extract and resolve articles in memory. `extract_all` extracts non-OIS articles too (evaluation)."""
    out = Analysis()
    for article in articles:
        out.screenings[article.id] = screen(article, settings)
    chosen = [a for a in articles if extract_all or out.screenings[a.id].is_ois]
    with _progress(progress) as bar:
        for item in _extract(chosen, settings, bar):
            if isinstance(item, Skipped):
                out.skipped.append(item)
            else:
                out.reports[item.article_id] = item
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
    """Read files/folders/URLs, then store, screen, extract and resolve (see `ingest_articles`)."""
    items = sources.expand(paths)

    def read(bar: Progress) -> Iterator[Article | Skipped]:
        task = bar.add_task("read + screen", total=len(items))
        for item in items:
            yield from sources.read(item, settings)
            bar.advance(task)

    return _ingest(read, len(items), store, settings, progress)


def ingest_articles(articles: Sequence[Article], store: Store, settings: Settings, progress: bool = True) -> RunSummary:
    """Store new articles, screen them, extract OIS reports, resolve all stored reports into incidents."""

    def read(bar: Progress) -> Iterator[Article | Skipped]:
        task = bar.add_task("screen", total=len(articles))
        for article in articles:
            yield article
            bar.advance(task)

    return _ingest(read, len(articles), store, settings, progress)


def _ingest(
    read: Callable[[Progress], Iterator[Article | Skipped]],
    inputs: int,
    store: Store,
    settings: Settings,
    progress: bool,
) -> RunSummary:
    started = time.perf_counter()
    summary = RunSummary(inputs=inputs)
    pending: list[Article] = []
    with _progress(progress) as bar:
        for result in read(bar):
            if isinstance(result, Skipped):
                summary.skipped += 1
                store.add_skipped(result)
                continue
            summary.read += 1
            if not store.add_article(result):
                summary.already_stored += 1
                continue
            summary.new += 1
            screening = screen(result, settings)
            store.add_screening(screening)
            if screening.is_ois:
                pending.append(result)
        summary.ois = len(pending)
        for item in _extract(pending, settings, bar):
            if isinstance(item, Skipped):
                summary.skipped += 1
                store.add_skipped(item)
            else:
                summary.reports += 1
                store.add_report(item)
    if summary.reports or not store.counts()["incidents"]:
        summary.incidents = reresolve(store, settings)
    else:
        summary.incidents = store.counts()["incidents"]
    summary.seconds = time.perf_counter() - started
    return summary
