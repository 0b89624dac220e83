"""Fictional article (issue 8): a sentence saying police "have not released any names related to the case" recalls
no other case (only "not related to", "not believed to be linked to" do), so who fired in it is this shooting's."""

from __future__ import annotations

import datetime as dt

from ois import nlp
from ois.extract import extract
from ois.models import Article, Report, fact_value
from ois.settings import Settings

SETTINGS = Settings(env={})


def report(model, text: str) -> Report:
    article = Article(Article.make_id(text), text.split("\n", 1)[0], text, published=dt.date(2024, 6, 2))
    return extract(article, nlp.parse(model, text), SETTINGS)


def test_names_not_released_in_the_case_is_no_other_case(model):
    r = report(
        model,
        "Man wounded in Halden\n\nHALDEN, Mont. — A man opened fire at a party on Sunday. A deputy then shot the "
        "man, though police have not released any names related to the case.",
    )
    assert fact_value(r.officer_fired) is True
    assert [fact_value(p.fired) for p in r.officers()] == [True]
