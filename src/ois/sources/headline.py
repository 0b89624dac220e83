"""Headlines for inputs that have none (a JSON record or CSV row without a title, a page without <title>).

Such a text is all body. Its headline is derived: the first sentence of the first line that has at least
`derived_headline_min_words` words, cut at `derived_headline_max_chars` on a word boundary. The sentence stays in the
body, so the derived headline repeats it as the first paragraph of `Article.text` (docs/sources.md).

A leading line that only says when the story was published ("This story is from March 10, 2002",
"Updated: Apr 19, 2016 - 9:49 PM") is not a headline candidate: `dateline_text` returns its date part for the caller
to parse, and the line is read as publication metadata.
"""

from __future__ import annotations

import re
from functools import cache

from ois.data import load
from ois.settings import Settings

# A sentence ends at . ! ? (and closing quotes or brackets) followed by space and a character that is not lower case
# or a digit: "Jan. 17" and "p.m. on" go on.
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[^a-z0-9\s])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CUT_AT = " ,;:—–-"  # trailing characters dropped where a long sentence is cut


@cache
def _labels() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a dateline label at the start of a line, a label anywhere) from data/sources.json, longest first."""
    words = sorted(load("sources")["dateline_labels"], key=len, reverse=True)
    alternation = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in words)
    return (
        re.compile(rf"^(?:{alternation})\b(?:\s+on\b)?\s*:?\s*", re.IGNORECASE),
        re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE),
    )


@cache
def _abbreviations() -> frozenset[str]:
    """Words whose period does not end a sentence ("Sgt.", "Wash.", "U.S."): the screening lexicon's list."""
    return frozenset(word.lower() for word in load("screen_cues")["abbreviations"])


def dateline_text(line: str, settings: Settings) -> str | None:
    """The date part of a short line that may only state a publication date, else None.

    A labelled line ("Posted: ...", "This story is from ...") gives what follows the label, up to a second label
    ("Posted X Updated Y" gives X); an unlabelled line is a candidate only when it holds a year. The caller parses
    the candidate: only a line that parses as a date is metadata.
    """
    line = " ".join(line.split())
    if not line or len(line) > settings.dateline_max_chars:
        return None
    start, anywhere = _labels()
    label = start.match(line)
    if label is None:
        return line if _YEAR.search(line) else None
    rest = line[label.end() :]
    return anywhere.split(rest, maxsplit=1)[0].strip() or None


def first_sentence(line: str) -> str:
    """The first sentence of one line of text (the whole line when no sentence ends in it)."""
    for end in _SENTENCE_END.finditer(line):
        if end.group().startswith("."):
            before = _WORD_BEFORE.search(line[: end.start()])
            word = before.group(1).lower() if before else ""
            if word in _abbreviations() or (len(word) == 1 and word.isalpha()):
                continue
        return line[: end.end()]
    return line


def shorten(text: str, max_chars: int) -> str:
    """The text, or its start cut on a word boundary with an ellipsis so that it is at most max_chars long."""
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    space = cut.rfind(" ")
    if space > max_chars // 2:  # else one very long word: cut inside it
        cut = cut[:space]
    return cut.rstrip(_CUT_AT) + "…"


def derive_headline(body: str, settings: Settings) -> str:
    """A headline for a text that has none: the first sentence with enough words (else the first), shortened."""
    first = ""
    for raw in body.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        sentence = first_sentence(line)
        if len(sentence.split()) >= settings.derived_headline_min_words:
            return shorten(sentence, settings.derived_headline_max_chars)
        first = first or sentence
    return shorten(first, settings.derived_headline_max_chars)
