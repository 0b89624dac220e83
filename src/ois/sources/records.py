"""Record formats of the sources stage: JSON and JSON Lines article dumps, folders described by a manifest.jsonl,
and the built-in demo corpus (such a folder).

Dumps name their fields differently (news-please, newspaper3k, GDELT/longtail, Common Crawl exports); `record_article`
maps the common aliases of url, title, published and text onto one Article.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources.text import Input, Results, Undecodable, date_from_url, decode, make_article, parse_date, whole_text
from ois.sources.web import html_to_text, looks_like_html

# Field names seen in article dumps, in order of preference.
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


def _pick(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for key in keys:
        value = lowered.get(key.lower())
        if value not in (None, "", []):
            return value
    return None


def record_article(record: Any, source: str, settings: Settings) -> Article | Skipped:
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


# --- JSON Lines -----------------------------------------------------------------------------------------------------


def _numbered(result: Article | Skipped, number: int) -> Article | Skipped:
    if isinstance(result, Skipped):
        return Skipped(result.source, f"line {number}: {result.reason}")
    return result


def _json_lines(lines: Iterable[bytes], source: str, settings: Settings) -> Results:
    """One Article (or Skipped) per non-blank line; a line longer than max_file_bytes is skipped unparsed."""
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
        yield _numbered(record_article(record, where, settings), number)
    if not found:
        yield Skipped(source, "empty file (only whitespace)")


def read_jsonl(doc: Input, settings: Settings) -> Results:
    """A JSON Lines file at `doc.source`, read line by line (so the file may be larger than max_file_bytes)."""
    with Path(doc.source).open("rb") as lines:
        yield from _json_lines(lines, doc.source, settings)


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
        yield record_article(record, f"{source}#{number}" if len(records) > 1 else source, settings)


# --- manifest folders -----------------------------------------------------------------------------------------------


def manifest_articles(manifest: Path, settings: Settings) -> Results:
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


def demo_articles(settings: Settings) -> list[Article]:
    """The built-in fictional demo corpus (src/ois/demo): .txt files + manifest.jsonl (url, outlet, published)."""
    with resources.as_file(resources.files("ois") / "demo" / "manifest.jsonl") as manifest:
        return [a for a in manifest_articles(manifest, settings) if isinstance(a, Article)]
