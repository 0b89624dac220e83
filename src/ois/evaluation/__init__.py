"""Evaluation against labelled data in ../shared/data: not a stage, so it may import the stages.

`evaluate(name, data_dir, settings, limit)` runs one evaluation ("seeds", "gvdb", "longtail") and returns a
JSON-ready dict. Every evaluation returns the same shape so `ois evaluate` renders them alike:

    {"dataset": str, "articles": int, "sections": {title: {field: Tally.as_dict() [+ "target_f1"]}},
     "errors": {field: [{"article", "outcome", "gold", "ours"}]}, "notes": [str], ...extra keys}

Each evaluation module is imported when it runs (they read different data and some import spaCy).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ois.models import Article, Report, Screening, Skipped
from ois.settings import Settings

DATASETS = ("seeds", "gvdb", "longtail", "gold", "linking", "mpv")
DATA_ENV = "OIS_SHARED_DATA"


class DataMissing(FileNotFoundError):
    """The labelled data is not where we looked; the message says where and how to point elsewhere."""


def default_data_dir() -> Path:
    """$OIS_SHARED_DATA, else ../shared/data relative to the working directory."""
    return Path(os.environ.get(DATA_ENV) or Path.cwd().parent / "shared" / "data")


def require(path: Path, what: str) -> Path:
    if not path.exists():
        raise DataMissing(
            f"{what} not found: looked for {path}. Pass --data DIR (the folder holding seeds/, gvdb/, "
            f"longtail-gva/) or set {DATA_ENV}=DIR."
        )
    return path


@dataclass
class StageRun:
    """What the screen and extract stages produced for a batch of articles."""

    screenings: dict[str, Screening] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def run_stages(articles: Sequence[Article], settings: Settings) -> StageRun:
    """Screen every article and extract EVERY article (not only screened ones), so that field accuracy is
    measured on its own and not hidden by screening mistakes."""
    from ois.extract import extract_many
    from ois.screen import screen

    run = StageRun()
    for article in articles:
        try:
            run.screenings[article.id] = screen(article, settings)
        except Exception as exc:  # one bad article never stops an evaluation
            run.skipped.append(Skipped(article.source, f"screen failed: {exc!r}", article.id, "screen"))
    for item in extract_many(articles, settings):
        if isinstance(item, Skipped):
            run.skipped.append(item)
        else:
            run.reports[item.article_id] = item
    return run


def evaluate(name: str, data_dir: Path, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    """Run one evaluation by name. Raises DataMissing when its data is absent, LookupError for an unknown one."""
    if name not in DATASETS:
        raise LookupError(f"unknown evaluation {name!r}; choose one of {', '.join(DATASETS)}")
    require(data_dir, "shared data folder")
    run = getattr(importlib.import_module(f"ois.evaluation.{name}"), f"evaluate_{name}")
    return run(data_dir, settings, limit=limit)
