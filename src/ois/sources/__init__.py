"""The sources stage: turn files, folders, URLs and feeds into Articles (or Skipped records with a reason).

`expand` lists what to read first (so a caller can show a progress bar), `read` reads one item. Bad input never
raises: it yields `Skipped(source, reason)`.

`read` picks the reader of an item from the `READERS` table, in this order:
1. an item starting with one of a row's `prefixes` (http(s) URLs) goes to that row's reader;
2. a file goes to the row claiming the end of its name in `suffixes` (the longest match; "" claims names without
   a suffix);
3. a file whose suffix no row claims goes to the first row whose `sniff` recognises its content (a feed by its
   root element, HTML by its tags), else to the row for names without a suffix (plain text).
Before a reader runs, `read` skips missing, special, empty and (unless the row `streams`) too large files, and
reads the whole file into `Input.data` for readers that do not stream. A reader that streams opens `Input.source`
itself and bounds each record by max_file_bytes on its own.

Adding a format: write a module in this package with a reader `read_x(doc: Input, settings: Settings) -> Results`
(and a `sniff_x(doc, settings) -> bool` if its content can be recognised), then add one row to `READERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources.records import demo_articles, manifest_articles, read_json, read_jsonl
from ois.sources.text import URL_SCHEMES, Input, Results, read_text
from ois.sources.warc import read_warc
from ois.sources.web import read_feed, read_html, read_url, sniff_feed, sniff_html

__all__ = ["READERS", "Input", "Reader", "Results", "demo_articles", "expand", "manifest_articles", "read"]


@dataclass(frozen=True)
class Reader:
    """One row of `READERS`: a reader and the items it is picked for (see the module docstring for the order)."""

    name: str
    read: Callable[[Input, Settings], Results]
    suffixes: tuple[str, ...] = ()  # ends of lower-case file names this reader is picked for
    prefixes: tuple[str, ...] = ()  # starts of lower-case items (not files) this reader is picked for
    sniff: Callable[[Input, Settings], bool] | None = None  # recognises a whole file whose suffix no row claims
    streams: bool = False  # opens the item itself and bounds each record: no whole-file max_file_bytes check


READERS: tuple[Reader, ...] = (
    Reader("url", read_url, prefixes=URL_SCHEMES, streams=True),  # fetch() stops at max_file_bytes
    Reader("warc", read_warc, suffixes=(".warc", ".warc.gz"), streams=True),
    Reader("jsonl", read_jsonl, suffixes=(".jsonl", ".ndjson"), streams=True),
    Reader("json", read_json, suffixes=(".json",)),
    Reader("feed", read_feed, suffixes=(".xml", ".rss", ".atom"), sniff=sniff_feed),  # before HTML: feeds hold tags
    Reader("html", read_html, suffixes=(".html", ".htm", ".xhtml", ".shtml"), sniff=sniff_html),
    Reader("text", read_text, suffixes=("", ".txt", ".text")),
)


def _by_prefix(item: str) -> Reader | None:
    """The row for an item that is not a file (a URL), or None."""
    start = item.strip().lower()
    return next((row for row in READERS if row.prefixes and start.startswith(row.prefixes)), None)


def _by_suffix(path: Path) -> Reader | None:
    """The row claiming the longest end of the file name ("" claims names without a suffix), or None."""
    name = path.name.lower()
    claims = [(s, row) for row in READERS for s in row.suffixes if (name.endswith(s) if s else not path.suffix)]
    return max(claims, key=lambda claim: len(claim[0]))[1] if claims else None


def _by_content(doc: Input, settings: Settings) -> Reader:
    """The first row whose sniff recognises the content, else the row for names without a suffix (plain text)."""
    sniffed = next((row for row in READERS if row.sniff and row.sniff(doc, settings)), None)
    return sniffed or next(row for row in READERS if "" in row.suffixes)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def expand(paths: Iterable[str | Path]) -> list[str]:
    """Files (folders recursed, sorted, hidden files and folders skipped) and URLs to read, without repeats.

    A path that does not exist is kept: `read` reports it as Skipped, so one typo never stops a batch.
    """
    out: dict[str, None] = {}
    for raw in paths:
        item = str(raw).strip()
        if _by_prefix(item):
            out[item] = None
            continue
        path = Path(item).expanduser()
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not _hidden(child, path):
                    out[str(child)] = None
        else:
            out[str(path)] = None
    return list(out)


def read(item: str, settings: Settings) -> Iterator[Article | Skipped]:
    """The articles in one file or URL; bad input yields Skipped with a reason instead of raising."""
    try:
        yield from _read(item, settings)
    except Exception as exc:  # last guard of the "one bad input never stops a batch" rule
        yield Skipped(str(item), f"unexpected error while reading ({type(exc).__name__}: {exc}); please report it")


def _read(item: str, settings: Settings) -> Results:
    if row := _by_prefix(item):
        yield from row.read(Input(item.strip()), settings)
        return
    path = Path(item).expanduser()
    source = str(path)
    if not path.exists():
        yield Skipped(source, "file not found; check the path (and quote paths with spaces)")
        return
    if path.is_dir():
        for child in expand([path]):
            yield from read(child, settings)
        return
    if not path.is_file():
        yield Skipped(source, "not a regular file (a device or pipe?)")
        return
    row = _by_suffix(path)
    streamed = row if row is not None and row.streams else None
    size = path.stat().st_size  # checked before reading: never load a huge file into memory
    if size > settings.max_file_bytes and streamed is None:
        yield Skipped(
            source,
            f"file is {size:,} bytes, larger than max_file_bytes ({settings.max_file_bytes:,}); "
            "split it or raise the setting (--set max_file_bytes=N)",
        )
        return
    if size == 0:
        yield Skipped(source, "empty file")
        return
    if streamed is not None:
        yield from streamed.read(Input(source), settings)
        return
    try:
        doc = Input(source, path.read_bytes())
    except OSError as exc:
        yield Skipped(source, f"could not read the file ({exc.strerror or exc}); check its permissions")
        return
    yield from (row or _by_content(doc, settings)).read(doc, settings)
