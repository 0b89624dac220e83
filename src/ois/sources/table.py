"""CSV and TSV tables of articles for the sources stage: one article per row, read row by row.

The header names the columns. The url, title, published and text columns are found by the JSON record field names
(`records.ALIASES`: "text", "content", "body", ... case-insensitive) unless a setting names them
(`--set csv_text_column=story`). A table with no text column is one Skipped for the whole file saying which columns
it has. A .tsv/.tab file is tab-separated; a .csv file is separated by whichever of , ; | or tab its header holds
most. Each row is bounded by max_file_bytes, and a row with a bad cell or bad bytes is skipped alone.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TextIO

from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources.records import ALIASES, alias_of, record_article
from ois.sources.text import Input, Results, Undecodable, decode, guarded

PARTS = ("url", "title", "published", "text")
_DELIMITERS = (",", ";", "\t", "|")
_SNIFF_BYTES = 65_536  # the start of the file that decides its encoding
_MISSING_TITLE = "title column (title, headline; or name one with csv_title_column)"


class _RowTooLong(Exception):
    """A row longer than max_file_bytes: an unclosed quote swallowing the rest of the file, or not a table."""


def _codec(head: bytes, settings: Settings) -> str:
    """The codec of a table from its first bytes: UTF-16 (BOM), UTF-8, else clean Windows-1252; raises Undecodable."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # the last character may be cut
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    decode(head.decode("utf-8", "ignore").encode() if utf8 else head, settings)  # binary, NUL, noise: raises
    return "utf-8-sig" if utf8 else "cp1252"


def _lines(stream: TextIO, used: list[int], max_chars: int) -> Iterator[str]:
    """Lines for csv.reader, counting into used[0] the characters of the row being read (the caller resets it)."""
    while line := stream.readline(max_chars + 1):
        used[0] += len(line)
        if used[0] > max_chars:
            raise _RowTooLong
        yield line


def _columns(header: list[str], settings: Settings, source: str) -> dict[str, int] | Skipped:
    """Column index of each part the table has (text always), or a Skipped naming the columns it does have."""
    names = [cell.strip() for cell in header]
    found = ", ".join(repr(name) for name in names if name) or "no names"
    lowered = [name.lower() for name in names]
    columns = {}
    for part in PARTS:
        named = settings[f"csv_{part}_column"].strip()
        if named and named.lower() not in lowered:
            return Skipped(source, f"no column {named!r} (setting csv_{part}_column); the header has {found}")
        column = named or alias_of(names, part)
        if column:
            columns[part] = lowered.index(column.lower())
    if "text" not in columns:
        return Skipped(
            source,
            f"no text column: the header has {found}; name the column that holds the article text with "
            f"--set csv_text_column=NAME (found by itself: {', '.join(ALIASES['text'])})",
        )
    return columns


def _delimiter(path: Path, header: str) -> str:
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    return max(_DELIMITERS, key=header.count)  # ties keep the first: ","


def _row_article(
    row: list[str], columns: dict[str, int], text_column: str, where: str, settings: Settings
) -> Article | Skipped:
    record = {part: row[index] for part, index in columns.items() if index < len(row)}
    if any("\udc80" <= ch <= "\udcff" for cell in record.values() for ch in cell):
        return Skipped(where, "bytes that are not text in the file's encoding; re-save the file as UTF-8")
    if not record.get("text", "").strip():
        return Skipped(where, f"the text column {text_column!r} is empty")
    return record_article(record, where, settings, missing_title=_MISSING_TITLE)


def _rows(stream: TextIO, path: Path, source: str, settings: Settings) -> Results:
    used = [0]
    lines = _lines(stream, used, settings.max_file_bytes)
    first = next(lines, "")
    reader = csv.reader(itertools.chain([first], lines), delimiter=_delimiter(path, first))
    header = next(reader, [])
    columns = _columns(header, settings, source)
    if isinstance(columns, Skipped):
        yield columns
        return
    number, rows = 1, 0  # spreadsheet row numbers: the header is row 1
    while True:
        number, used[0] = number + 1, 0
        where = f"{source}#row{number}"
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Skipped(where, f"row {number}: not a valid CSV row ({exc}); fix the quoting")
            continue
        except _RowTooLong:
            yield Skipped(
                where,
                f"row {number}: longer than max_file_bytes ({settings.max_file_bytes:,} characters; an unclosed "
                "quote?); the rest of the file was not read: fix the quoting",
            )
            return
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        result = guarded(where, partial(_row_article, row, columns, header[columns["text"]].strip(), where, settings))
        yield Skipped(where, f"row {number}: {result.reason}") if isinstance(result, Skipped) else result
    if rows == 0:
        yield Skipped(source, "the table has a header but no rows")


def read_table(doc: Input, settings: Settings) -> Results:
    """A CSV or TSV file at `doc.source`, read row by row (so the file may be larger than max_file_bytes)."""
    path = Path(doc.source)
    # csv's own per-field limit (128 KiB) would end the file at one long article; rows are bounded by _lines instead
    csv.field_size_limit(max(csv.field_size_limit(), settings.max_file_bytes))
    with path.open("rb") as raw:
        try:
            codec = _codec(raw.read(_SNIFF_BYTES), settings)
        except Undecodable as exc:
            yield Skipped(doc.source, str(exc))
            return
        raw.seek(0)
        with io.TextIOWrapper(raw, encoding=codec, errors="surrogateescape", newline="") as stream:
            yield from _rows(stream, path, doc.source, settings)
