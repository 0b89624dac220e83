"""What a scraped news page carries besides the story: paywall and subscription stubs, newsletter and share lines,
related-story links, photo captions and credits, copyright lines, captcha pages.

A shared helper (it imports no stage): extraction never takes evidence from boilerplate (it counts as a sentence
about something else), and resolution never links reports through it (a related-story link to another city's
shooting, or a paywall stub every story of an outlet shares). The patterns are data: `data/boilerplate.json`.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ois import data

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    lex = data.load("boilerplate")
    keys = ("paragraph", "sentence", "end", "link_heading", "playlist")
    return tuple(re.compile(lex[key], re.IGNORECASE) for key in keys)


def is_boilerplate(text: str) -> bool:
    """A sentence (or a whole paragraph) that is page furniture, not story."""
    paragraph, sentence, _, _, _ = _patterns()
    return bool(paragraph.match(text) or sentence.search(text) or is_playlist(text))


@lru_cache(maxsize=64)
def is_playlist(paragraph: str) -> bool:
    """A paragraph that is a video player's playlist ("... | 1:03 ... 2 of 9 ... Last Video Next Video"): every
    sentence of it, other stories' clips among them, is furniture. (Cached: each sentence of a paragraph asks.)"""
    return bool(_patterns()[4].search(paragraph))


def is_end_of_story(text: str) -> bool:
    """A copyright or reuse notice: what follows it in the same paragraph is the page's, not the story's."""
    return bool(_patterns()[2].search(text))


def is_link_heading(paragraph: str) -> bool:
    """A paragraph that opens a list of other stories' headlines ("ALSO:", "Related stories:", "Trending now")."""
    return bool(_patterns()[3].match(paragraph))


def strip(text: str) -> str:
    """The text without its boilerplate paragraphs (replaced by blank lines, so the rest keeps its shape)."""
    return "\n".join("" if is_boilerplate(p) else p for p in text.split("\n"))
