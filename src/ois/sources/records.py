"""Record formats of the sources stage: JSON and JSON Lines article dumps.

Dumps name their fields differently (news-please, newspaper3k, GDELT/longtail, Common Crawl exports); `record_article`
maps the common aliases of url, title, published and text onto one Article, and `ALIASES` is the one table of those
names (CSV/TSV headers are matched against it too). A record without a title gets a derived headline.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources.text import (
    Input,
    Results,
    Undecodable,
    date_from_url,
    decode,
    guarded,
    make_article,
    parse_date,
    whole_text,
)
from ois.sources.web import html_to_text, looks_like_html

# Field names seen in article dumps, in order of preference; CSV/TSV headers are matched against the same names.
ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url", "uri", "link", "href", "source_url", "article_url"),
    "title": ("title", "headline"),
    "published": (
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
    ),
    "text": ("text", "content", "body", "article", "story", "full_text", "fulltext", "maintext", "article_text"),
}
MISSING_TITLE = f"title field ({', '.join(ALIASES['title'])})"


def alias_of(names: Iterable[str], part: str) -> str | None:
    """The first of `names` (case-insensitive) that is an alias of `part` (url, title, published, text), in the
    order of preference; None when none is."""
    present = {str(name).strip().lower(): name for name in names}
    return next((present[key.lower()] for key in ALIASES[part] if key.lower() in present), None)


def _pick(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """The value of the first of the keys (case-insensitive) the record has with a value."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    for key in keys:
        value = lowered.get(key.lower())
        if value not in (None, "", []):
            return value
    return None


def record_article(
    record: Any, source: str, settings: Settings, missing_title: str = MISSING_TITLE
) -> Article | Skipped:
    """An Article from one JSON object with url/title/published/text fields (or their common aliases); without a
    title the headline is derived from the text (`make_article`)."""
    if not isinstance(record, dict):
        return Skipped(source, f"expected a JSON object, got {type(record).__name__}")
    text = _pick(record, ALIASES["text"])
    if isinstance(text, list):  # some dumps store paragraphs as a list
        text = "\n\n".join(str(p) for p in text)
    if not isinstance(text, str) or not text.strip():
        return Skipped(source, f"no article text (expected a text field: one of {', '.join(ALIASES['text'])})")
    if looks_like_html(text):
        text = html_to_text(text)
    url = _pick(record, ALIASES["url"])
    url = url if isinstance(url, str) else None  # make_article keeps it only if it is http(s)
    title = _pick(record, ALIASES["title"])
    published = parse_date(_pick(record, ALIASES["published"])) or date_from_url(url)
    return make_article(
        title if isinstance(title, str) else None,
        text,
        source=source,
        settings=settings,
        url=url,
        published=published,
        missing_title=missing_title,
    )


# --- JSON Lines -----------------------------------------------------------------------------------------------------


def _numbered(result: Article | Skipped, number: int) -> Article | Skipped:
    if isinstance(result, Skipped):
        return Skipped(result.source, f"line {number}: {result.reason}")
    return result


def bounded_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Each line of a binary stream, or None for a line longer than max_bytes (read through, never held whole)."""
    while line := stream.readline(max_bytes + 1):
        if len(line) <= max_bytes:
            yield line
            continue
        while not line.endswith(b"\n") and (line := stream.readline(max_bytes + 1)):
            pass
        yield None


def _json_lines(lines: Iterable[bytes | None], source: str, settings: Settings) -> Results:
    """One Article (or Skipped) per non-blank line; a line longer than max_file_bytes is skipped unparsed."""
    found = False
    for number, raw in enumerate(lines, start=1):
        if raw is not None and not raw.strip():
            continue
        found = True
        where = f"{source}#{number}"
        if raw is None or len(raw) > settings.max_file_bytes:
            yield Skipped(
                where, f"line {number}: longer than max_file_bytes ({settings.max_file_bytes:,} bytes); not an article"
            )
            continue
        yield _numbered(guarded(where, partial(_line_article, raw, where, settings)), number)
    if not found:
        yield Skipped(source, "empty file (only whitespace)")


def _line_article(raw: bytes, where: str, settings: Settings) -> Article | Skipped:
    try:
        record = json.loads(decode(raw, settings))
    except Undecodable as exc:
        return Skipped(where, str(exc))
    except json.JSONDecodeError as exc:
        return Skipped(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
    return record_article(record, where, settings)  # RecursionError (nested 100,000 deep): `guarded` says why


def read_jsonl(doc: Input, settings: Settings) -> Results:
    """A JSON Lines file at `doc.source`, read line by line (so the file may be larger than max_file_bytes)."""
    with Path(doc.source).open("rb") as stream:
        yield from _json_lines(bounded_lines(stream, settings.max_file_bytes), doc.source, settings)


# --- JSON -----------------------------------------------------------------------------------------------------------


def read_json(doc: Input, settings: Settings) -> Results:
    """A .json file: one article object, a list of them, or an object with an "articles"/"items" list."""
    text = whole_text(doc, settings)
    if isinstance(text, Skipped):
        yield text
        return
    source = doc.source
    try:
        data = json.loads(text)
    except RecursionError:
        yield Skipped(source, "JSON nested too deeply to read (a hostile or broken file); fix or remove it")
        return
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and exc.lineno > 1:  # JSON Lines saved as .json
            yield from _json_lines(text.encode("utf-8").split(b"\n"), source, settings)
        else:
            yield Skipped(source, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    if isinstance(data, dict) and isinstance(nested := _pick(data, ("articles", "items", "data")), list):
        data = nested
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        where = f"{source}#{number}" if len(records) > 1 else source
        yield guarded(where, partial(record_article, record, where, settings))
