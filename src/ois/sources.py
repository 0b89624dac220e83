"""The sources stage: turn files, folders, URLs and feeds into Articles (or Skipped records with a reason).

`expand` lists what to read first (so a caller can show a progress bar), `read` reads one item. Formats:
plain text (first non-empty line = headline), HTML, JSONL/JSON (one article per record), RSS/Atom feeds, WARC
archives and http(s) URLs. Bad input never raises: it yields `Skipped(source, reason)`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources_text import Undecodable, date_from_url, decode, make_article, parse_date
from ois.sources_warc import warc_articles
from ois.sources_web import decode_html, feed_articles, html_article, html_to_text, is_feed, looks_like_html, read_url

__all__ = ["expand", "manifest_articles", "read"]

_TEXT = {"", ".txt", ".text"}
_HTML = {".html", ".htm", ".xhtml", ".shtml"}
_FEED = {".xml", ".rss", ".atom"}
_JSONL = {".jsonl", ".ndjson"}

# Field names seen in article dumps (news-please, newspaper3k, GDELT/longtail, Common Crawl exports), in order
# of preference.
_URL_KEYS = ("url", "uri", "link", "href", "source_url", "article_url")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = (
    "published",
    "date",
    "dct",
    "pubdate",
    "pub_date",
    "published_at",
    "publish_date",
    "date_published",
    "datePublished",
    "date_publish",
)
_TEXT_KEYS = ("text", "content", "body", "article", "full_text", "fulltext", "maintext", "article_text")


def is_url(item: str) -> bool:
    return item.strip().lower().startswith(("http://", "https://"))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def expand(paths: Iterable[str | Path]) -> list[str]:
    """Files (folders recursed, sorted, hidden files and folders skipped) and URLs to read, without repeats.

    A path that does not exist is kept: `read` reports it as Skipped, so one typo never stops a batch.
    """
    out: dict[str, None] = {}
    for raw in paths:
        item = str(raw).strip()
        if is_url(item):
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


def _read(item: str, settings: Settings) -> Iterator[Article | Skipped]:
    if is_url(item):
        yield from read_url(item.strip(), settings)
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
    name = path.name.lower()
    # JSONL dumps and WARC crawls are read record by record (each record bounded on its own), so they may be big.
    streamed = name.endswith((".warc", ".warc.gz")) or path.suffix.lower() in _JSONL
    size = path.stat().st_size  # checked before reading: never load a huge file into memory
    if size > settings.max_file_bytes and not streamed:
        yield Skipped(
            source,
            f"file is {size:,} bytes, larger than max_file_bytes ({settings.max_file_bytes:,}); "
            "split it or raise the setting (--set max_file_bytes=N)",
        )
        return
    if size == 0:
        yield Skipped(source, "empty file")
        return
    if name.endswith((".warc", ".warc.gz")):
        yield from warc_articles(path, settings)
        return
    if path.suffix.lower() in _JSONL:
        with path.open("rb") as lines:
            yield from _read_jsonl(lines, source, settings)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(source, f"could not read the file ({exc.strerror or exc}); check its permissions")
        return
    yield from _read_bytes(data, path.suffix.lower(), source, settings)


def _read_bytes(data: bytes, suffix: str, source: str, settings: Settings) -> Iterator[Article | Skipped]:
    if suffix in _JSONL:
        yield from _read_jsonl(data.split(b"\n"), source, settings)
        return
    if suffix in _FEED or (suffix not in _TEXT | _HTML | {".json"} and is_feed(data)):
        yield from feed_articles(data, source=source, settings=settings)
        return
    try:
        text = decode_html(data, settings) if suffix in _HTML else decode(data, settings)
    except Undecodable as exc:
        yield Skipped(source, str(exc))
        return
    if not text.strip():
        yield Skipped(source, "empty file (only whitespace)")
    elif suffix == ".json":
        yield from _read_json(text, source, settings)
    elif suffix in _HTML or (suffix not in _TEXT and looks_like_html(text)):
        yield html_article(text, source=source, settings=settings)
    else:
        yield make_article(None, text, source=source, settings=settings)


# --- JSON records -------------------------------------------------------------------------------------------------


def _pick(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for key in keys:
        value = lowered.get(key.lower())
        if value not in (None, "", []):
            return value
    return None


def _record_article(record: Any, source: str, settings: Settings) -> Article | Skipped:
    """An Article from one JSON object with url/title/published/text fields (or their common aliases)."""
    if not isinstance(record, dict):
        return Skipped(source, f"expected a JSON object, got {type(record).__name__}")
    text = _pick(record, _TEXT_KEYS)
    if isinstance(text, list):  # some dumps store paragraphs as a list
        text = "\n\n".join(str(p) for p in text)
    if not isinstance(text, str) or not text.strip():
        return Skipped(source, f"no article text (expected a text field: one of {', '.join(_TEXT_KEYS)})")
    if looks_like_html(text):
        text = html_to_text(text)
    url = _pick(record, _URL_KEYS)
    url = url if isinstance(url, str) else None
    title = _pick(record, _TITLE_KEYS)
    published = parse_date(_pick(record, _DATE_KEYS)) or date_from_url(url)
    return make_article(
        title if isinstance(title, str) else None,
        text,
        source=source,
        settings=settings,
        url=url,
        published=published,
    )


def _numbered(result: Article | Skipped, number: int) -> Article | Skipped:
    if isinstance(result, Skipped):
        return Skipped(result.source, f"line {number}: {result.reason}")
    return result


def _read_jsonl(lines: Iterable[bytes], source: str, settings: Settings) -> Iterator[Article | Skipped]:
    found = False
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        found = True
        where = f"{source}#{number}"
        if len(raw) > settings.max_file_bytes:
            yield Skipped(where, f"line {number}: {len(raw):,} bytes, larger than max_file_bytes; not an article")
            continue
        try:
            record = json.loads(decode(raw, settings))
        except Undecodable as exc:
            yield Skipped(where, f"line {number}: {exc}")
            continue
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield _numbered(_record_article(record, where, settings), number)
    if not found:
        yield Skipped(source, "empty file (only whitespace)")


def _read_json(text: str, source: str, settings: Settings) -> Iterator[Article | Skipped]:
    """A .json file: one article object, a list of them, or an object with an "articles"/"items" list."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and exc.lineno > 1:  # JSON Lines saved as .json
            yield from _read_jsonl(text.encode("utf-8").split(b"\n"), source, settings)
        else:
            yield Skipped(source, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    if isinstance(data, dict) and isinstance(nested := _pick(data, ("articles", "items", "data")), list):
        data = nested
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        yield _record_article(record, f"{source}#{number}" if len(records) > 1 else source, settings)


def manifest_articles(manifest: Path, settings: Settings) -> Iterator[Article | Skipped]:
    """Articles listed in a manifest.jsonl: one {file, url, outlet, published} per line, files beside it.

    Lets a folder of plain-text articles carry the metadata a .txt file cannot (the demo corpus uses it).
    """
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{manifest}#{number}"
        try:
            meta = json.loads(line)
            data = (manifest.parent / meta["file"]).read_bytes()
        except (ValueError, KeyError, TypeError, OSError) as exc:
            yield Skipped(source, f"manifest line {number}: {exc}; each line needs a JSON object with 'file'")
            continue
        result = make_article(
            None,
            decode(data, settings),
            source=str(manifest.parent / meta["file"]),
            settings=settings,
            url=meta.get("url"),
            published=parse_date(meta.get("published")),
        )
        if isinstance(result, Article) and meta.get("outlet"):
            result = dataclasses.replace(result, outlet=meta["outlet"])
        yield result
