"""WARC archives (.warc, .warc.gz) for the sources stage, parsed with the standard library and read record by record.

A WARC file is a sequence of records: a "WARC/1.x" line, headers, a blank line, Content-Length bytes of block,
then a blank line. A .warc.gz file is one gzip member per record, which `gzip` reads as one stream. Only HTML
responses (and HTML resource records) can hold an article; requests, metadata, images and redirects are ignored.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ois.models import Skipped
from ois.settings import Settings
from ois.sources.text import Input, Results, Undecodable
from ois.sources.web import decode_html, html_article

# Longest header line we accept; real WARC header lines are well under 8 KB.
_MAX_LINE = 65_536


class WarcError(ValueError):
    """A broken WARC file; the message is the reason shown to the user."""


def _headers(lines: list[bytes]) -> dict[str, str]:
    out = {}
    for line in lines:
        name, sep, value = line.decode("utf-8", "replace").partition(":")
        if sep:
            out[name.strip().lower()] = value.strip()
    return out


def records(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[dict[str, str], bytes]]:
    """(WARC headers with lower-case names, block bytes) for each record no larger than max_bytes."""
    while True:
        line = stream.readline(_MAX_LINE)
        if not line:
            return
        if not line.strip():
            continue  # the blank lines that end the previous record
        if not line.startswith(b"WARC/"):
            raise WarcError(f"not a WARC record (starts with {line[:20]!r}); is this really a WARC file?")
        lines = []
        while (line := stream.readline(_MAX_LINE)).strip():
            lines.append(line)
        headers = _headers(lines)
        try:
            length = int(headers["content-length"])
        except (KeyError, ValueError):
            raise WarcError("a WARC record has no valid Content-Length header") from None
        if length > max_bytes:  # also guards gzip bombs: the limit applies to uncompressed records
            raise WarcError(f"a WARC record is larger than max_file_bytes ({max_bytes} bytes)")
        block = stream.read(length)
        if len(block) < length:
            raise WarcError("the WARC file ends in the middle of a record (truncated download?)")
        yield headers, block


def _dechunk(body: bytes) -> bytes:
    """Undo HTTP chunked transfer encoding (crawlers often store the raw stream)."""
    out, pos = [], 0
    while pos < len(body):
        end = body.find(b"\r\n", pos)
        if end < 0:
            break
        try:
            size = int(body[pos:end].split(b";")[0], 16)
        except ValueError:
            return body  # not actually chunked
        if size == 0:
            break
        out.append(body[end + 2 : end + 2 + size])
        pos = end + 2 + size + 2
    return b"".join(out)


def _http_html(block: bytes) -> tuple[bytes, str | None] | None:
    """(HTML body, declared charset) of a stored HTTP 200 HTML response, else None."""
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = block.partition(b"\n\n")
    status_line, *header_lines = head.split(b"\n")
    parts = status_line.split()
    if len(parts) < 2 or parts[1] != b"200":
        return None
    headers = _headers(header_lines)
    content_type = headers.get("content-type", "text/html").lower()
    if "html" not in content_type:
        return None
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    encoding = headers.get("content-encoding", "").lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        try:
            body = zlib.decompress(body, 47)  # 47 = auto-detect gzip or zlib header
        except zlib.error:
            return None
    charset = content_type.partition("charset=")[2].strip(' ";') or None
    return body, charset


def _html_of(headers: dict[str, str], block: bytes) -> tuple[bytes, str | None] | None:
    kind = headers.get("warc-type", "")
    content_type = headers.get("content-type", "").lower()
    if kind == "response" and content_type.startswith("application/http"):
        return _http_html(block)
    if kind == "resource" and "html" in content_type:
        return block, content_type.partition("charset=")[2].strip(' ";') or None
    return None


def read_warc(doc: Input, settings: Settings) -> Results:
    """One Article (or Skipped) per HTML page stored in the archive at `doc.source`; each record is bounded by
    max_file_bytes on its own, so the archive may be larger."""
    source = doc.source
    path = Path(source)
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    pages = 0
    try:
        with opener(path, "rb") as stream:
            for number, (headers, block) in enumerate(records(stream, settings.max_file_bytes), start=1):
                page = _html_of(headers, block)
                if page is None:
                    continue
                pages += 1
                url = headers.get("warc-target-uri", "").strip("<>") or None
                where = f"{source}#{url or f'record{number}'}"
                try:
                    html = decode_html(page[0], settings, page[1])
                except Undecodable as exc:
                    yield Skipped(where, str(exc))
                    continue
                yield html_article(html, source=where, settings=settings, url=url)
    except (WarcError, OSError, EOFError, zlib.error) as exc:
        yield Skipped(source, f"unreadable WARC file: {exc}")
        return
    if pages == 0:
        yield Skipped(source, "the WARC file holds no HTML pages (only requests, metadata or non-HTML responses)")
