"""Where in the world: "US", or the country of a shooting abroad, with the words that say so.

Users publish US databases, so a police shooting abroad must never pass as a US incident: it is kept, flagged
with its country, and left out of US exports (setting `us_only_exports`). The country is foreign when the dateline
names a foreign country or a big foreign city ("SYDNEY, Australia —", "LONDON (Reuters) —"), or when the sentences
about the shooting name one and the text names no US state or city (`geo.foreign_country`); it is "US" when the
place extractor found a US state. Otherwise it stays unknown.
"""

from __future__ import annotations

import re

from ois import geo
from ois.extract.cues import Context
from ois.models import Fact

_DATELINE_CHARS = 600
_DATELINE = re.compile(
    r"(?:^|\n)\s*(?P<place>[A-Z][A-Za-z'.\-]+(?:\s[A-Z][A-Za-z'.\-]+){0,3})(?:,\s*(?P<country>[A-Z][A-Za-z.]*"
    r"(?:\s[A-Z][A-Za-z.]*)?))?,?\s*(?:\([^)]{1,40}\)\s*)?(?:--|—|–|-)\s"
)
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}\b")


def country(ctx: Context, state: Fact | None) -> Fact | None:
    """The country of the shooting (see the module docstring)."""
    for m in _DATELINE.finditer(ctx.text[:_DATELINE_CHARS]):
        for group in ("country", "place"):
            name = m.group(group)
            found = geo.foreign_country(name.title() if name and name.isupper() else name or "")
            sent = ctx.sent_at(m.start(group)) if name else None
            if found and sent is not None and not geo.state_code(name):
                return Fact(found, sent.span(), sent.words(m.start(group) - sent.start, m.end(group) - sent.start))
    if state is not None:
        return Fact("US", state.evidence, state.words)
    for sent in ctx.sents:
        if not sent.shooting or sent.background or sent.aside:
            continue
        for m in _NAME.finditer(sent.text):
            found = geo.foreign_country(m.group(0))
            if found and geo.is_country(m.group(0)):  # a country named where the shooting is told
                return Fact(found, sent.span(), sent.words(m.start(), m.end()))
    return None
