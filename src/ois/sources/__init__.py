"""The sources stage: turn files, folders, URLs and feeds into Articles (or Skipped records with a reason).

`expand` lists what to read first (so a caller can show a progress bar), `read` reads one item. Bad input never
raises: it yields `Skipped(source, reason)`.

`read` picks the reader of an item from the `READERS` table, in this order:
1. an item starting with one of a row's `prefixes` (http(s) URLs) goes to that row's reader;
2. a file whose whole name a row claims in `names` (manifest.jsonl) goes to that row;
3. a file goes to the row claiming the end of its name in `suffixes` (the longest match; "" claims names without
   a suffix);
4. a file whose suffix no row claims goes to the first row whose `sniff` recognises its content (a feed by its
   root element, HTML by its tags), else to the row for names without a suffix (plain text).
Before a reader runs, `read` skips missing, special, unreadable, empty and (unless the row `streams`) too large
files, and reads the whole file into `Input.data` for readers that do not stream. A reader that streams opens
`Input.source` itself and bounds each record by max_file_bytes on its own. Every limit is in docs/sources.md.

Adding a format: write a module in this package with a reader `read_x(doc: Input, settings: Settings) -> Results`
(and a `sniff_x(doc, settings) -> bool` if its content can be recognised), then add one row to `READERS`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources.manifest import MANIFEST, is_manifest, read_manifest
from ois.sources.records import read_json, read_jsonl
from ois.sources.table import read_table
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
    names: tuple[str, ...] = ()  # whole lower-case file names this reader is picked for (before suffixes)
    prefixes: tuple[str, ...] = ()  # starts of lower-case items (not files) this reader is picked for
    sniff: Callable[[Input, Settings], bool] | None = None  # recognises a whole file whose suffix no row claims
    streams: bool = False  # opens the item itself and bounds each record: no whole-file max_file_bytes check


def _read_manifest(doc: Input, settings: Settings) -> Results:
    return read_manifest(Path(doc.source), settings, read)


READERS: tuple[Reader, ...] = (
    Reader("url", read_url, prefixes=URL_SCHEMES, streams=True),  # the fetcher stops at max_file_bytes
    Reader("manifest", _read_manifest, names=(MANIFEST,), streams=True),  # each listed file is read by its row
    Reader("warc", read_warc, suffixes=(".warc", ".warc.gz"), streams=True),
    Reader("table", read_table, suffixes=(".csv", ".tsv", ".tab"), streams=True),
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
    """The row claiming the whole file name, else the longest end of it ("" claims names without a suffix), or
    None."""
    name = path.name.lower()
    if named := next((row for row in READERS if name in row.names), None):
        return named
    claims = [(s, row) for row in READERS for s in row.suffixes if (name.endswith(s) if s else not path.suffix)]
    return max(claims, key=lambda claim: len(claim[0]))[1] if claims else None


def _by_content(doc: Input, settings: Settings) -> Reader:
    """The first row whose sniff recognises the content, else the row for names without a suffix (plain text)."""
    sniffed = next((row for row in READERS if row.sniff and row.sniff(doc, settings)), None)
    return sniffed or next(row for row in READERS if "" in row.suffixes)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _listing(root: Path) -> list[tuple[str, str | None]]:
    """(path, None) for each file to read under a folder and (folder, reason) for each folder that cannot be
    listed, sorted by path.

    Hidden files and folders are left out. A folder holding a manifest.jsonl is listed as that manifest alone
    (its files are read through it); manifests in folders below it are listed too.
    """
    found: list[tuple[str, str | None]] = []
    described: list[Path] = []  # folders with a manifest

    def unreadable(exc: OSError) -> None:
        found.append((str(exc.filename or root), exc.strerror or str(exc)))

    for here, dirs, names in os.walk(root, onerror=unreadable):
        folder = Path(here)
        dirs[:] = [d for d in dirs if not _hidden(d)]
        manifest = next((n for n in names if is_manifest(Path(n)) and not _hidden(n)), None)
        if manifest:
            described.append(folder)
            found.append((str(folder / manifest), None))
        elif not any(folder.is_relative_to(d) for d in described):
            found.extend((str(folder / n), None) for n in names if not _hidden(n))  # `read` reports pipes etc.
    return sorted(found, key=lambda entry: entry[0])


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):  # a name too long or with a NUL byte: `read` says so
        return False


def expand(paths: Iterable[str | Path]) -> list[str]:
    """Files (folders recursed, sorted, hidden files and folders skipped, a folder with a manifest.jsonl as that
    manifest) and URLs to read, without repeats.

    A path that does not exist, cannot be opened or a folder that cannot be listed is kept: `read` reports it as
    Skipped, so one typo or permission problem never stops a batch.
    """
    out: dict[str, None] = {}
    for raw in paths:
        item = str(raw).strip()
        if _by_prefix(item):
            out[item] = None
            continue
        path = Path(item).expanduser()
        if _is_dir(path):
            out.update(dict.fromkeys(found for found, _ in _listing(path)))
        else:
            out[str(path)] = None
    return list(out)


def manifest_articles(manifest: Path, settings: Settings) -> Results:
    """The articles a manifest.jsonl lists, with its url, outlet and published date (Skipped for what fails)."""
    return read_manifest(manifest, settings, read)


def demo_articles(settings: Settings) -> list[Article]:
    """The built-in fictional demo corpus (src/ois/demo): .txt files + manifest.jsonl (url, outlet, published)."""
    with resources.as_file(resources.files("ois") / "demo" / MANIFEST) as manifest:
        return [a for a in manifest_articles(manifest, settings) if isinstance(a, Article)]


def read(item: str, settings: Settings) -> Iterator[Article | Skipped]:
    """The articles in one file or URL; bad input yields Skipped with a reason instead of raising."""
    try:
        yield from _read(item, settings)
    except Exception as exc:  # last guard of the "one bad input never stops a batch" rule
        yield Skipped(str(item), f"unexpected error while reading ({type(exc).__name__}: {exc}); please report it")


def _read_folder(folder: Path, settings: Settings) -> Results:
    for found, unreadable in _listing(folder):
        if unreadable:
            yield Skipped(found, f"cannot list this folder ({unreadable}); check its permissions")
        else:
            yield from read(found, settings)


def _read(item: str, settings: Settings) -> Results:
    if row := _by_prefix(item):
        yield from row.read(Input(item.strip()), settings)
        return
    path = Path(item).expanduser()
    source = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        yield Skipped(source, "file not found; check the path (and quote paths with spaces)")
        return
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte, no permission to look
        yield Skipped(source, f"cannot open this path ({getattr(exc, 'strerror', None) or exc}); check it")
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _read_folder(path, settings)
        return
    if not stat.S_ISREG(info.st_mode):
        yield Skipped(source, "not a regular file (a device or pipe?)")
        return
    row = _by_suffix(path)
    streamed = row if row is not None and row.streams else None
    size = info.st_size  # checked before reading: never load a huge file into memory
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
