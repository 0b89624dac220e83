"""Reference databases (The Washington Post's Fatal Force, Mapping Police Violence): loading them, and linking
the people of our incidents to them as `known`, `possible` or `new` (docs/linking.md).

A step after resolution, not a stage of the article pipeline: it reads the store's incidents and writes its own
tables (store migration 5) through the store's connection, and imports no stage. The read side (`ois.query`)
reads those tables.

- `load`: schemas recognised from the header (data/reference_schemas.json), checked rows, one-transaction loads.
- `compare` / `link`: blocking, Fellegi-Sunter scoring with fitted weights (data/link_weights.json), decisions.
- `agree`: our values next to the reference's, disagreements flagged.
- `relink`: the people view and links brought up to date after every resolution (only what it changed, `affected`,
  `stamp`); users' `decide_link`. `people`: the people view's rows; `decisions`: users' decisions as applied.
- `vocab`: the references' value vocabularies mapped to ours (and ours to WaPo's for the wapo export).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ois.reference.load import Loaded, LoadError, Parsed, parse_file
from ois.reference.load import store as store_parsed
from ois.reference.records import DECISIONS, SOURCE_NAMES, SOURCES, STATUSES
from ois.reference.relink import LinkError, RelinkSummary, decide_link, link_decisions, needs_relink, relink
from ois.settings import Settings

__all__ = [
    "DECISIONS",
    "SOURCES",
    "SOURCE_NAMES",
    "STATUSES",
    "LinkError",
    "LoadError",
    "Loaded",
    "Parsed",
    "RelinkSummary",
    "decide_link",
    "link_decisions",
    "load_file",
    "needs_relink",
    "parse_file",
    "relink",
    "store_parsed",
]


def load_file(
    store_or_conn: Any, path: str | Path, source: str | None, settings: Settings
) -> tuple[Loaded, RelinkSummary]:
    """Load a reference file (replacing that reference's rows in one transaction), then relink."""
    parsed = parse_file(path, source, settings.max_file_bytes)
    loaded = store_parsed(store_or_conn, parsed)
    return loaded, relink(store_or_conn, settings)
