"""Lexicons, patterns and tables shipped as JSON data files (not code), with one cached loader.

`load("people_lexicon")` returns the parsed content of `people_lexicon.json` in this folder, read once per process.
Callers must treat the result as read-only: it is shared.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> Any:
    """The parsed JSON data file `<name>.json` of this package (cached; do not mutate the result)."""
    return json.loads(resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8"))
