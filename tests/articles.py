"""Shared helper for tests on fictional articles: extract one article's report (first line as its headline)."""

from __future__ import annotations

import datetime as dt

from ois import nlp
from ois.extract import extract
from ois.models import Article, Report
from ois.settings import Settings

SETTINGS = Settings(env={})


def report(model, text: str, published: dt.date = dt.date(2024, 6, 2)) -> Report:
    """The report `extract` gives a fictional article published on `published`."""
    article = Article(Article.make_id(text), text.split("\n", 1)[0], text, published=published)
    return extract(article, nlp.parse(model, text), SETTINGS)
