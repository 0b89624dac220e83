"""Placeholder until the owner of this module lands it."""

from __future__ import annotations

from ois import nlp
from ois.models import Article
from ois.settings import Settings


def aftermath(article: Article, parsed: nlp.ParsedText, settings: Settings) -> dict:
    return {}
