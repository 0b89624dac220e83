"""The subject's state and flight, and body cameras: mental_health, fleeing and body_camera, only as stated.

WaPo's users ask for these most after race; none is ever inferred from behaviour. Each is read from the sentences
about the main shooting (not about other cases, `cues.background_sentences`), first sentence first, with the
lexicon in `data/circumstances.json`:
- mental_health True: the text says the subject was in a mental-health crisis or mentally ill ("suffered from
  schizophrenia", "a mental health call"), not negated ("no history of mental illness");
- fleeing "foot" / "car" / "not fleeing": as the text states it;
- body_camera True when an officer's body camera recorded the shooting (the video extractor's "body camera"
  kind, passed in), False when the text says no body camera did ("was not wearing a body camera").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TypedDict

from ois import data, nlp
from ois.extract.cues import background
from ois.models import Article, Fact, Span


class Circumstances(TypedDict, total=False):
    mental_health: Fact  # True
    fleeing: Fact  # one of FLEEING
    body_camera: Fact  # bool


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = data.load("circumstances")
    return {k: re.compile(v, re.IGNORECASE) for k, v in lex.items() if not k.startswith("_")}


def _first(sentences: list[nlp.Sentence], main: set[int], regex: re.Pattern[str], value, negation=None) -> Fact | None:
    for i, sent in enumerate(sentences):
        if i not in main:
            continue
        for m in regex.finditer(sent.text):
            if negation is not None and negation.search(sent.text[: m.start()]):
                continue
            words = Span(sent.start + m.start(), sent.start + m.end(), m.group(0))
            return Fact(value, sent.span(), words)
    return None


def circumstances(article: Article, parsed: nlp.ParsedText, video: tuple[Fact, ...] = ()) -> Circumstances:
    """mental_health, fleeing and body_camera for the keys the text supports (see the module docstring)."""
    sentences = parsed.sentences()
    main = set(range(len(sentences))) - background(parsed, article.published)
    p = _patterns()
    out: dict[str, Fact | None] = {
        "mental_health": _first(sentences, main, p["mental_health"], True, p["mental_health_negation"]),
        "fleeing": _first(sentences, main, p["not_fleeing"], "not fleeing")
        or _first(sentences, main, p["fleeing_foot"], "foot")
        or _first(sentences, main, p["fleeing_car"], "car"),
    }
    recorded = next((f for f in video if f.value == "body camera"), None)
    out["body_camera"] = (
        Fact(True, recorded.evidence, recorded.words)
        if recorded
        else _first(sentences, main, p["body_camera_no"], False)
    )
    return Circumstances(**{k: v for k, v in out.items() if v is not None})
