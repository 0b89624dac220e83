"""Shared helpers for tests on fictional articles: extract one article's report (first line as its headline), and
the readers several test tables use to pick the values they check out of a report."""

from __future__ import annotations

import datetime as dt

from ois import nlp
from ois.extract import extract
from ois.models import Article, Report, fact_value
from ois.settings import Settings

SETTINGS = Settings(env={})


def report(model, text: str, published: dt.date = dt.date(2024, 6, 2)) -> Report:
    """The report `extract` gives a fictional article published on `published`."""
    article = Article(Article.make_id(text), text.split("\n", 1)[0], text, published=published)
    return extract(article, nlp.parse(model, text), SETTINGS)


# What a test case reads off a report, by name (a test table adds its own readers beside these).
READERS = {
    "named": lambda r: {fact_value(p.name): (p.role, fact_value(p.outcome)) for p in r.people if p.name},
    "mentioned": lambda r: {fact_value(p.name): p.role for p in r.mentioned},
    "people": lambda r: sorted(((p.role, fact_value(p.outcome), fact_value(p.fired)) for p in r.people), key=str),
    "genders": lambda r: sorted(((p.role, fact_value(p.gender)) for p in r.people), key=str),
}
