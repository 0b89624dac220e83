"""The only module that knows the order of the stages: sources -> screen -> extract -> resolve -> store.

One per-article step, two executors. `process` screens every new article and extracts the OIS ones (spaCy works
in batches, so OIS articles wait until `EXTRACT_CHUNK` of them are pending) and gives results in input order;
`store_results` writes each article with its screening and report in one transaction. `ingest` runs both in this
process; `dask_runner.ingest_dask` runs `process` in Dask partitions and `store_results` on the client. Resolution
needs every report and runs once at the end of a run (`reresolve`), and at the start of the next one if a run
stopped before it (`finish` asks the store whether incidents are up to date).

Crash safety (docs/reliability.md): an interrupted run keeps every article it committed, complete; the next run
finishes articles an older ois left unfinished (`Store.unfinished`), skips the stored ones, and resolves.
"""

from __future__ import annotations

import itertools
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ois import reference, sources, workers
from ois.extract import extract_many
from ois.models import Article, Incident, Override, Report, Screening, Skipped
from ois.resolve import resolve
from ois.resolve.incremental import resolve_new
from ois.resolve.index import fingerprint
from ois.review import apply as review
from ois.screen import screen
from ois.settings import Settings
from ois.store import Busy, KnownArticles, Store, stored_keys, text_hash
from ois.store import index as resolution_index
from ois.store.rows import date_limits

# OIS articles handed to spaCy at once: large enough for nlp.pipe batching, small enough to bound memory.
EXTRACT_CHUNK = 200
# Inputs counted line by line for the progress bar (one record per line); any other input counts as one record
# until it has been read.
_LINE_RECORDS = (".jsonl", ".ndjson")


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
    """An article already stored (with this text): nothing was done with it. `article_id` is the stored id,
    which differs from `read_id` when the same text was stored with(out) its URL."""

    article_id: str
    read_id: str = ""
    source: str = ""
    text: str = ""  # with store_rejected_text: the text, for a stored article that was kept without it


Result = Processed | Known | Skipped


class ArticleIndex(Protocol):
    """Where `process` asks whether an article is already stored: a `Store`, or its `KnownArticles` snapshot."""

    def stored_as(self, article: Article) -> str | None: ...


NOTHING_STORED: ArticleIndex = KnownArticles({})


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
    read: int = 0  # articles read (new, updated, resumed or already stored)
    new: int = 0
    updated: int = 0  # same URL, corrected text: stored as the article's new version and extracted again
    resumed: int = 0  # articles an earlier run left unfinished, finished now
    already_stored: int = 0
    skipped: int = 0
    ois: int = 0
    reports: int = 0
    incidents: int = 0
    resolved: bool = False  # this run rebuilt the incidents
    seconds: float = 0.0
    same_text: list[str] = field(default_factory=list)  # "SOURCE: already stored as ID" (a few examples)
    same_text_count: int = 0


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM in the CLI) during a run: what was committed is kept; `summary` counts it."""

    def __init__(self, summary: RunSummary):
        super().__init__("interrupted")
        self.summary = summary


# --- test-only crash hook ------------------------------------------------------------------------------------------
# OIS_TEST_KILL_AT=PHASE:N[:SIGNAL] makes the process send itself SIGNAL (default KILL) at the N-th checkpoint of
# PHASE (reading, screening, extraction, storing, resolution). scripts/crash_test.py and tests/test_crash.py use it
# to interrupt an ingest at a known point; unset (always, outside those), `checkpoint` does nothing.
def _kill_plan() -> tuple[str, int, signal.Signals] | None:
    raw = os.environ.get("OIS_TEST_KILL_AT", "")
    if not raw:
        return None
    phase, n, *rest = raw.split(":")
    return phase, int(n), signal.Signals[f"SIG{rest[0]}" if rest else "SIGKILL"]


_KILL_AT = _kill_plan()
_checkpoints: dict[str, int] = {}


def checkpoint(phase: str) -> None:
    """A point where the crash tests may interrupt a run (a no-op unless OIS_TEST_KILL_AT is set)."""
    if _KILL_AT is None:
        return
    _checkpoints[phase] = _checkpoints.get(phase, 0) + 1
    if (phase, _checkpoints[phase]) == _KILL_AT[:2]:
        os.kill(os.getpid(), _KILL_AT[2])


# --- the per-article step --------------------------------------------------------------------------------------------
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
    if not pending:
        return
    for (article, screening), item in zip(pending, extract_many([a for a, _ in pending], settings), strict=True):
        checkpoint("extraction")
        if isinstance(item, Skipped):
            yield Processed(article, screening, failure=item)
        else:
            yield Processed(article, screening, report=item)


def _drain(queue: list[Result | tuple[Article, Screening]], settings: Settings) -> Iterator[Result]:
    """The queued results in order, the OIS articles among them extracted in one batch."""
    extracted = _extracted([q for q in queue if isinstance(q, tuple)], settings)
    for item in queue:
        yield next(extracted) if isinstance(item, tuple) else item


def process(
    items: Iterable[Article | Skipped], settings: Settings, known: ArticleIndex = NOTHING_STORED
) -> Iterator[Result]:
    """The per-article step of both executors, in input order: an article `known` already holds with this text
    (or that came earlier in `items`) is `Known`; every other article is screened and, when it is an OIS report,
    extracted. Non-OIS results read while OIS articles wait for their batch wait with them (at most
    `max_buffered_articles`). Never raises for one bad article."""
    seen = KnownArticles({})  # the articles of this run so far, by the keys the store would find them by
    queue: list[Result | tuple[Article, Screening]] = []
    pending = 0
    for item in items:
        result: Result | tuple[Article, Screening]
        if isinstance(item, Skipped):
            result = item
        elif stored := seen.stored_as(item) or known.stored_as(item):
            result = Known(stored, item.id, item.source, item.text if settings.store_rejected_text else "")
        else:
            seen.keys.update(dict.fromkeys(_keys_of(item), item.id))
            result = _screened(item, settings)
        if isinstance(result, tuple):
            pending += 1
        if not queue and not isinstance(result, tuple):
            yield result
            continue
        queue.append(result)
        if pending >= EXTRACT_CHUNK or len(queue) >= settings.max_buffered_articles:
            yield from _drain(queue, settings)
            queue, pending = [], 0
    yield from _drain(queue, settings)


def _keys_of(article: Article) -> tuple[str, ...]:
    return stored_keys(article.id, text_hash(article.text), bool(article.url))


def _screened(article: Article, settings: Settings) -> Result | tuple[Article, Screening]:
    """A non-OIS article's result, or (article, screening) for an OIS article still to extract."""
    checkpoint("screening")
    try:
        screening = screen(article, settings)
    except Exception as exc:  # one bad article never stops a batch
        return Skipped(article.source, f"screening failed: {type(exc).__name__}: {exc}", article.id, "screen")
    return (article, screening) if screening.is_ois else Processed(article, screening)


def _note_same_text(summary: RunSummary, source: str, stored_id: str, examples: int) -> None:
    summary.same_text_count += 1
    if len(summary.same_text) < examples:
        summary.same_text.append(f"{source}: already stored as {stored_id}")


def store_results(
    results: Iterable[Result], store: Store, summary: RunSummary, examples: int = 3, keep_rejected_text: bool = False
) -> None:
    """Write results as they come: each article with its screening and report in one transaction, so an
    interrupted run leaves every article either complete or absent (and a re-run processes the absent ones).
    Articles screened out keep their text only with `keep_rejected_text` (the `store_rejected_text` setting)."""
    for result in results:
        if isinstance(result, Skipped):
            summary.skipped += 1
            store.add_skipped(result)
            continue
        summary.read += 1
        if isinstance(result, Known):
            summary.already_stored += 1
            if keep_rejected_text and result.text:
                store.restore_text(result.article_id, result.text)
            if result.read_id and result.article_id != result.read_id:
                _note_same_text(summary, result.source, result.article_id, examples)
            continue
        checkpoint("storing")
        write = store.add_processed(
            result.article, result.screening, result.report, result.failure, keep_text=keep_rejected_text
        )
        if write.outcome == "known":  # also an article two Dask partitions both read
            summary.already_stored += 1
            if write.article_id != result.article.id:
                _note_same_text(summary, result.article.source, write.article_id, examples)
            continue
        setattr(summary, write.outcome, getattr(summary, write.outcome) + 1)
        summary.ois += int(result.screening.is_ois)
        summary.reports += int(result.report is not None)
        summary.skipped += int(result.failure is not None)


def estimate_records(item: str) -> int:
    """Records an input holds, for the progress bar: lines of a JSONL file, else 1 until it has been read."""
    if not item.lower().endswith(_LINE_RECORDS):
        return 1
    try:
        with open(item, "rb") as handle:
            return max(1, sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")))
    except OSError:
        return 1


def read(
    items: Iterable[str], settings: Settings, tick: Callable[[int, int], object] | None = None
) -> Iterator[Article | Skipped]:
    """Every article (or Skipped) of the inputs (from `sources.expand`), in order. `tick(done, total_change)`
    after each record: one more record done, and how much the expected total changed (see `estimate_records`)."""
    for item in items:
        expected = estimate_records(item) if tick else 0
        seen = 0
        for record in sources.read(item, settings):
            checkpoint("reading")
            seen += 1
            if tick:
                tick(1, max(0, seen - expected) and 1)
            yield record
        if tick and seen < expected:
            tick(0, seen - expected)


def finish(store: Store, settings: Settings, summary: RunSummary, started: float) -> RunSummary:
    """Resolve when the incidents do not reflect every stored report (this run's, or an interrupted run's)."""
    if store.unresolved():
        summary.incidents = reresolve(store, settings)
        summary.resolved = True
    else:
        summary.incidents = store.counts()["incidents"]
        if reference.needs_relink(store, settings):  # a run stopped between resolving and linking
            reference.relink(store, settings)
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


def _checkpointed(incidents: Iterable[Incident]) -> Iterator[Incident]:
    for incident in incidents:
        checkpoint("resolution")
        yield incident


def reresolve(store: Store, settings: Settings) -> int:
    """Resolve every stored report again (after new reports or user overrides), then apply the editors'
    corrections (`ois.review.apply`: articles marked not a shooting are left out); returns the incident count."""
    generation = store.report_generation()
    checkpoint("resolution")
    linked = not reference.needs_relink(store, settings)  # the links follow the incidents as they are now
    overrides = store.overrides()
    excluded = review.excluded_articles(overrides)
    update = _resolve_new(store, settings, overrides, excluded, generation)
    changed: set[str] | None = None  # the incidents written, when the resolution was incremental
    if update is None:  # no usable index, or a change only a full resolution handles
        resolution = resolve(
            [r for r in store.reports() if r.article_id not in excluded],
            store.texts(),
            settings,
            previous=store.previous_assignments(),
            overrides=review.resolution_overrides(overrides),
            index=True,
        )
        incidents = review.apply(_checkpointed(resolution.incidents), overrides)
        assert resolution.index is not None  # asked for with index=True
        rows, stamp = resolution.index.rows(), fingerprint(settings)
        count = store.replace_incidents(
            incidents, generation, date_limits(settings), lambda conn: resolution_index.write_full(conn, rows, stamp)
        )
    else:
        count, changed = update
    # Links to WaPo/MPV and the people view follow every resolution: only what an incremental one changed when
    # they followed the incidents before it (else all of them).
    reference.relink(store, settings, changed if linked else None)
    return count


def _resolve_new(
    store: Store, settings: Settings, overrides: list[Override], excluded: set[str], generation: int
) -> tuple[int, set[str]] | None:
    """Resolve incrementally (`ois.resolve.incremental`): only what the reports and merge/split overrides added
    since the last resolution touch, with the same incidents as a full resolution. None when a full resolution is
    needed (`store.index.plan`). Returns the incident count and the ids of the incidents written or removed."""
    stamp = fingerprint(settings)
    planned = resolution_index.plan(store.db.conn, stamp, excluded)
    if planned is None:
        return None
    update = resolve_new(
        planned.new,
        resolution_index.IndexReader(store.db.conn),
        settings,
        review.resolution_overrides(overrides),
        planned.override_reports,
        excluded,
    )
    incidents = list(review.apply(_checkpointed(update.incidents), overrides))
    count = resolution_index.store_update(
        store, planned, update.delta.rows(), incidents, update.replaced, generation, date_limits(settings), stamp
    )
    return count, {incident.id for incident in incidents} | update.replaced


def resolve_pending(store: Store, settings: Settings) -> int | None:
    """Rebuild the incidents if a run stopped before it did (`ois status`); None when another ois process is
    writing (it will resolve when it finishes). Returns how many reports were waiting."""
    pending = store.unresolved()
    if not pending:
        return 0
    try:
        with store.writing("ois status: resolving", wait_s=0):
            reresolve(store, settings)
    except Busy:
        return None
    return pending


def add_overrides(store: Store, settings: Settings, *overrides: Override) -> int:
    """Store user overrides (one transaction) and resolve again, holding the writer lock; the incident count."""
    with store.writing(f"ois {overrides[0].kind}", settings.db_lock_wait_s):
        store.add_override(*overrides)
        return reresolve(store, settings)


def with_unfinished(store: Store, settings: Settings, records: Iterable[Article | Skipped] = ()) -> Iterator[Result]:
    """The results of the articles an earlier run left unfinished (`Store.unfinished`), then of `records`."""
    return process(itertools.chain(store.unfinished(), records), settings, store)


def run(results: Iterable[Result], store: Store, settings: Settings, summary: RunSummary, what: str) -> RunSummary:
    """Store `results` (consumed lazily, under the writer lock), then resolve. Ctrl-C raises `Interrupted` with
    the summary of what was committed."""
    started = time.perf_counter()
    try:
        with store.writing(what, settings.db_lock_wait_s):
            store_results(results, store, summary, settings.summary_examples, settings.store_rejected_text)
            return finish(store, settings, summary, started)
    except KeyboardInterrupt as exc:
        summary.seconds = time.perf_counter() - started
        raise Interrupted(summary) from exc


def ingest(paths: Iterable[str | Path], store: Store, settings: Settings, progress: bool = True) -> RunSummary:
    """Read files/folders/URLs, then screen, extract, store and resolve (see `process` and `store_results`)."""
    items = sources.expand(paths)
    summary = RunSummary(inputs=len(items))
    with _progress(progress) as bar:
        task = bar.add_task("articles", total=sum(estimate_records(i) for i in items) if progress else None)

        def tick(done: int, total_change: int) -> None:
            if total_change:
                bar.update(task, total=(bar.tasks[0].total or 0) + total_change)
            bar.advance(task, done)

        records = read(items, settings, tick if progress else None)
        return run(_processed(store, settings, records), store, settings, summary, "ois ingest")


def _processed(store: Store, settings: Settings, records: Iterable[Article | Skipped]) -> Iterator[Result]:
    """`with_unfinished`, on `ingest_workers` processes when more than one (`ois.workers`)."""
    count = workers.count(settings.ingest_workers)
    if count < 2:
        return with_unfinished(store, settings, records)
    everything = itertools.chain(store.unfinished(), records)

    def load_model() -> None:  # in this process, so that the forked workers share it
        list(extract_many([], settings))

    return workers.in_processes(process, everything, settings, store.known_articles(), count, load_model)


def ingest_articles(articles: Sequence[Article], store: Store, settings: Settings, progress: bool = True) -> RunSummary:
    """Screen, extract and store new articles (the demo), then resolve all stored reports into incidents."""
    summary = RunSummary(inputs=len(articles))
    return run(with_unfinished(store, settings, articles), store, settings, summary, "ois demo")
