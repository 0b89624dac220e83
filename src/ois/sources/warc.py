"""WARC archives (.warc, .warc.gz) for the sources stage, parsed with the standard library and read record by record.

A WARC file is a sequence of records: a "WARC/1.x" line, headers, a blank line, Content-Length bytes of block,
then a blank line. A .warc.gz file is one gzip member per record, which `gzip` reads as one stream. Only HTML
responses (and HTML resource records) can hold an article; requests, metadata, images and redirects are ignored.

Archives are untrusted input, read with bounded memory: a record's header section is at most max_warc_header_bytes,
its block at most max_file_bytes (a larger record is read through in chunks and skipped), and a compressed HTTP body
is inflated only up to max_file_bytes. A broken record is skipped and reading goes on at the next "WARC/" line;
only a file that ends in the middle of a record ends early.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import BinaryIO

from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources.fetch import inflate
from ois.sources.text import Input, Results, Undecodable, guarded, web_url
from ois.sources.web import decode_html, html_article

_CHUNK = 1 << 20  # bytes read at a time when passing over an oversized record


class WarcError(ValueError):
    """A WARC file that cannot be read on; the message is the reason shown to the user."""


class RecordError(ValueError):
    """One record that cannot be read; the reading goes on with the next record."""


def _headers(lines: list[bytes]) -> dict[str, str]:
    out = {}
    for line in lines:
        name, sep, value = line.decode("utf-8", "replace").partition(":")
        if sep:
            out[name.strip().lower()] = value.strip()
    return out


def _header_lines(stream: BinaryIO, max_bytes: int) -> list[bytes]:
    """The header lines of a record up to the blank line; RecordError past max_bytes (the rest is left unread)."""
    lines, used = [], 0
    while (line := stream.readline(max_bytes - used + 1)).strip():
        used += len(line)
        if used > max_bytes:
            raise RecordError(f"a WARC record header is longer than max_warc_header_bytes ({max_bytes:,} bytes)")
        lines.append(line)
    return lines


def _pass_over(stream: BinaryIO, length: int) -> None:
    """Read and drop `length` bytes in chunks (never holding them)."""
    while length > 0 and (chunk := stream.read(min(length, _CHUNK))):
        length -= len(chunk)


def _next_record(stream: BinaryIO, max_line: int) -> bytes | None:
    """Read up to the next "WARC/" line (returned); None at the end of the file."""
    while line := stream.readline(max_line):
        if line.startswith(b"WARC/"):
            return line
    return None


def records(stream: BinaryIO, settings: Settings) -> Iterator[tuple[dict[str, str], bytes] | RecordError]:
    """(WARC headers with lower-case names, block bytes) for each record, or a RecordError for one that is skipped."""
    max_header, max_block = settings.max_warc_header_bytes, settings.max_file_bytes
    line = stream.readline(max_header)
    while line and not line.strip():
        line = stream.readline(max_header)
    if line and not line.startswith(b"WARC/"):
        raise WarcError(f"not a WARC record (starts with {line[:20]!r}); is this really a WARC file?")
    while line:
        try:
            headers = _headers(_header_lines(stream, max_header))
            length = int(headers["content-length"])
        except (RecordError, KeyError, ValueError) as exc:
            yield exc if isinstance(exc, RecordError) else RecordError("a WARC record has no valid Content-Length")
            line = _next_record(stream, max_header)  # resynchronise on the next record
            continue
        if length > max_block:
            _pass_over(stream, length)
            yield RecordError(f"a WARC record of {length:,} bytes is larger than max_file_bytes ({max_block:,})")
        else:
            block = stream.read(length)
            if len(block) < length:
                raise WarcError("the WARC file ends in the middle of a record (truncated download?)")
            yield headers, block
        line = _next_record(stream, max_header)


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


def _charset(content_type: str) -> str | None:
    return content_type.partition("charset=")[2].strip(' ";') or None


def _http_html(block: bytes, max_bytes: int) -> tuple[bytes, str | None] | None:
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
    if headers.get("content-encoding", "").lower() in ("gzip", "x-gzip", "deflate"):
        inflated = inflate(body, max_bytes)
        if inflated is None:
            raise RecordError(f"its compressed body is broken or inflates past max_file_bytes ({max_bytes:,} bytes)")
        body = inflated
    return body, _charset(content_type)


def _html_of(headers: dict[str, str], block: bytes, max_bytes: int) -> tuple[bytes, str | None] | None:
    kind = headers.get("warc-type", "")
    content_type = headers.get("content-type", "").lower()
    if kind == "response" and content_type.startswith("application/http"):
        return _http_html(block, max_bytes)
    if kind == "resource" and "html" in content_type:
        return block, _charset(content_type)
    return None


def _page_article(page: tuple[bytes, str | None], where: str, url: str | None, settings: Settings) -> Article | Skipped:
    try:
        html = decode_html(page[0], settings, page[1])
    except Undecodable as exc:
        return Skipped(where, str(exc))
    return html_article(html, source=where, settings=settings, url=url)


def read_warc(doc: Input, settings: Settings) -> Results:
    """One Article (or Skipped) per HTML page stored in the archive at `doc.source`; each record is bounded on its
    own, so the archive may be larger than max_file_bytes."""
    source = doc.source
    path = Path(source)
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    pages = 0
    try:
        with opener(path, "rb") as stream:
            for number, record in enumerate(records(stream, settings), start=1):
                if isinstance(record, RecordError):
                    yield Skipped(f"{source}#record{number}", f"record {number} skipped: {record}")
                    continue
                headers, block = record
                url = web_url(headers.get("warc-target-uri", "").strip("<>"))
                where = f"{source}#{url or f'record{number}'}"
                try:
                    page = _html_of(headers, block, settings.max_file_bytes)
                except RecordError as exc:
                    yield Skipped(where, str(exc))
                    continue
                if page is not None:
                    pages += 1
                    yield guarded(where, partial(_page_article, page, where, url, settings))
    except (WarcError, OSError, EOFError, zlib.error) as exc:
        yield Skipped(source, f"unreadable WARC file: {exc}")
        return
    if pages == 0:
        yield Skipped(source, "the WARC file holds no HTML pages (only requests, metadata or non-HTML responses)")
