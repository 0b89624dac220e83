"""Lexicons, patterns and tables shipped as JSON data files (not code), with one cached loader.

`load("people_lexicon")` returns the parsed content of `people_lexicon.json` in this folder, read once per process.
Callers must treat the result as read-only: it is shared.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


@cache
def load(name: str) -> Any:
    """The parsed JSON data file `<name>.json` of this package (cached; do not mutate the result)."""
    return json.loads(resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8"))


@cache
def code_digest(packages: tuple[str, ...], modules: tuple[str, ...], data_files: tuple[str, ...]) -> str:
    """A digest of the code and data a stored result was computed from: every module of the `ois` sub-packages
    `packages`, the `ois` modules `modules` ("names.py") and the data files `data_files` ("names"). A change to
    any of them makes the stored result stale (the resolution index, the reference links)."""
    root = Path(__file__).resolve().parents[1]
    paths = [path for package in packages for path in (root / package).glob("*.py")]
    digest = hashlib.sha256()
    for path in sorted([*paths, *(root / module for module in modules)]):
        digest.update(path.name.encode() + path.read_bytes())
    for name in data_files:
        digest.update(resources.files(__name__).joinpath(f"{name}.json").read_bytes())
    return digest.hexdigest()
