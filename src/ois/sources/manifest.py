"""Folders described by a manifest.jsonl: one {"file", "url", "outlet", "published"} object per line, naming a file
in the manifest's folder and the metadata a plain-text file cannot carry (the built-in demo corpus is such a folder).

`expand` lists a folder holding a manifest.jsonl as the manifest alone, so its files are read once, through the
manifest, with their metadata. Each listed file is read like any other input (so a listed .html or .txt file is
bounded and checked the same way); files in the folder that the manifest does not list are reported as Skipped.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources.records import bounded_lines
from ois.sources.text import Results, date_from_url, outlet_of, parse_date, web_url

MANIFEST = "manifest.jsonl"
ReadOne = Callable[[str, Settings], Results]  # `ois.sources.read`: every listed file is read like any input
_EACH_LINE = "each line needs a JSON object with a 'file' (a path relative to the manifest's folder)"


def is_manifest(path: Path) -> bool:
    return path.name.lower() == MANIFEST


def _entry(raw: bytes, folder: Path) -> tuple[Path, dict[str, Any]] | str:
    """(the listed file, its metadata) of one manifest line, or the reason it cannot be read."""
    try:
        meta = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        return f"not valid JSON ({exc}); {_EACH_LINE}"
    name = meta.get("file") if isinstance(meta, dict) else None
    if not isinstance(name, str) or not name.strip():
        return _EACH_LINE
    path = folder / name
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError, RuntimeError) as exc:  # a path too long, with a NUL byte, or a symlink loop
        return f"cannot use the path {name!r} ({exc})"
    if not inside:
        return f"{name!r} is outside the manifest's folder; list only files in it"
    if is_manifest(path) or path.is_dir():
        return f"{name!r} is a manifest or a folder; list article files"
    return path, meta


def _with_meta(article: Article, meta: dict[str, Any]) -> Article:
    """The article with the manifest's url, outlet and published date (each where the manifest gives one)."""
    url = web_url(meta.get("url")) or article.url
    outlet = meta.get("outlet")
    return dataclasses.replace(
        article,
        id=Article.make_id(article.text, url),
        url=url,
        published=parse_date(meta.get("published")) or article.published or date_from_url(url),
        outlet=outlet.strip() if isinstance(outlet, str) and outlet.strip() else article.outlet or outlet_of(url),
    )


def _unlisted(folder: Path, listed: set[Path]) -> Iterator[Path]:
    """Files under the folder that the manifest does not list (hidden files and folders with their own manifest,
    which `expand` lists separately, left out)."""
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d / MANIFEST).is_file())
        for name in sorted(files):
            path = here / name
            if not name.startswith(".") and not is_manifest(path) and path.resolve() not in listed:
                yield path


def read_manifest(manifest: Path, settings: Settings, read_one: ReadOne) -> Results:
    """The articles of the files a manifest.jsonl lists, with its metadata; Skipped for bad lines, for listed
    files that cannot be read, and for files in the folder that it does not list."""
    folder, listed = manifest.parent, set()
    with manifest.open("rb") as stream:
        for number, raw in enumerate(bounded_lines(stream, settings.max_file_bytes), start=1):
            if raw is not None and not raw.strip():
                continue
            entry = _entry(raw, folder) if raw is not None else "longer than max_file_bytes"
            if isinstance(entry, str):
                yield Skipped(f"{manifest}#{number}", f"manifest line {number}: {entry}")
                continue
            path, meta = entry
            listed.add(path.resolve())
            for result in read_one(str(path), settings):
                yield _with_meta(result, meta) if isinstance(result, Article) else result
    for path in _unlisted(folder, listed):
        yield Skipped(
            str(path),
            f"in a folder described by {manifest.name} but not listed in it; add a line for it there, "
            "or move it out of the folder to read it without metadata",
        )
