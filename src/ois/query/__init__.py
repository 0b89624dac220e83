"""The read layer: every reader of ois.db (web app, exports, `ois incidents`, `ois show`) goes through here.

- `database`: `open_reader(settings)` (schema brought up to date, then opened read-only) and `Database`.
- `filters`: `Filters` / `ArticleFilters` parsed from web query strings or CLI options; `QueryError`.
- `queries`: parameterised SQL: lists, counts, facets, map, per month, streamed rows, single records,
  `find_incident` by id or unique id prefix.
- `views`: view models of an incident and an article (labels, field order, value formatting, evidence).

It imports only the store and shared records, never a pipeline stage.
"""

from __future__ import annotations

from ois.query.database import Database, open_reader
from ois.query.filters import ArticleFilters, Filters, QueryError
from ois.query.queries import find_incident

__all__ = ["ArticleFilters", "Database", "Filters", "QueryError", "find_incident", "open_reader"]
