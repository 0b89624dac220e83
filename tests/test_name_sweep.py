"""Fictional articles for `ois.extract.name_sweep` (issue 8): a first name NER never tags is found once a full name
the sweep itself found makes it known, so a pronoun after it does not fall back on a quoted relative."""

from __future__ import annotations

import datetime as dt

from ois import nlp
from ois.extract import extract
from ois.extract.name_sweep import extend
from ois.extract.names import find_mentions
from ois.models import Article, fact_value
from ois.settings import Settings

SETTINGS = Settings(env={})

# NER tags neither "Sapphire Tarnow" nor "Sapphire" here; the aunt's "Mara Tarnow" makes the surname known.
GRAZED = """Family: Harlow girl hit by stray bullet

A quiet afternoon on a trampoline ended Sunday when something struck 8-year-old Sapphire Tarnow on the arm.

Sapphire, who was jumping with two cousins, was the only one hurt.

"She kept crying that her arm hurt," said Mara Tarnow, the girl's aunt.

Mara wrapped a towel around the arm.

Sapphire was driven to the hospital in Harlow.

At the hospital, a doctor told the family she had been grazed by a bullet.

Deputies said a neighbor had been firing at targets.
"""


def test_a_first_name_made_known_by_the_sweep_is_found(model):
    sentences = nlp.parse(model, GRAZED).sentences()
    ner = find_mentions(sentences)
    assert ("Sapphire",) not in [m.tokens for m in ner]  # the premise: NER misses every "Sapphire"
    found = [(m.sentence, m.tokens) for m in extend(sentences, ner)]
    assert (1, ("Sapphire", "Tarnow")) in found  # the surname the aunt's name made known
    assert (2, ("Sapphire",)) in found and (5, ("Sapphire",)) in found  # the first name the first sweep made known


def test_the_quoted_relative_is_not_the_one_grazed(model):
    article = Article(Article.make_id(GRAZED), GRAZED.split("\n", 1)[0], GRAZED, published=dt.date(2023, 3, 14))
    r = extract(article, nlp.parse(model, GRAZED), SETTINGS)
    shot = {p.name.value: fact_value(p.outcome) for p in r.people if p.name is not None}
    assert shot.get("Sapphire Tarnow") == "injured"
    assert "Mara Tarnow" not in shot  # her aunt, quoted; "she had been grazed" is the girl
