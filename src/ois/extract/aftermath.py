"""What happened around and after the shooting: shots fired, video, legal steps.

Rules live in `data/aftermath_lexicon.json`; this module only compiles and applies them, one sentence at a time,
so each value's evidence is the sentence that states it. Sentences about another or an earlier case, page furniture
and captions (`cues.background`) are never read: a recalled case's shots or conviction are not this shooting's.

Decisions a user should know:
- `shots` is the count of shots fired when the article states one. "Shot him three times" counts how often a
  person was *hit*; it is used only when no sentence states shots fired, as a lower bound (three hits need at
  least three shots). Ranges ("40 to 60 shots") give the lower number. With no number anywhere, a count without one
  ("several shots", "shot multiple times") is kept as its word ("several"), so a reader sees what was said.
- `video` lists each kind of footage once, and only when the text says footage exists or was recorded or
  released: "officers were not wearing body cameras" records nothing.
- `legal` gives one Fact per kind (its first un-negated sentence): "has not been charged", "could face
  charges" and "plans to sue" are not legal events; "declined to indict" and "was acquitted" are `cleared`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypedDict

from ois import data, nlp
from ois.extract.cues import background
from ois.models import LEGAL_KINDS, VIDEO_KINDS, Article, Fact, Span
from ois.settings import Settings

_FLAGS = re.IGNORECASE
_CLAUSE_BREAK = re.compile(r"[,;:]|\bbut\b")


@dataclass(frozen=True)
class _Rules:
    numbers: dict[str, int]
    shot_rules: tuple[tuple[int, re.Pattern[str]], ...]  # (smallest count accepted, pattern)
    shot_vague: re.Pattern[str]  # a count without a number: group "q" ("times" only after a shooting verb: "verb")
    shot_gate: re.Pattern[str]  # a word every shot rule needs: sentences without one are skipped
    shot_negation: re.Pattern[str]
    video_exists: re.Pattern[str]
    video_neg_before: re.Pattern[str]
    video_neg_after: re.Pattern[str]
    video_neg_exceptions: re.Pattern[str]
    video_kinds: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    legal_negation: re.Pattern[str]
    legal_kind_negation: dict[str, re.Pattern[str]]
    legal_kinds: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """Compile the lexicon once per process."""
    lex = data.load("aftermath_lexicon")
    numbers = {k.lower(): v for k, v in lex["numbers"].items()}
    shots = lex["shots"]
    # Longest number phrase first so "a single" wins over "a"; 1-3 digits keep years and addresses out.
    adverbs = {"once", "twice", "thrice"}  # only in "{TIMES}": "fired twice"
    singles = sorted((w for w in numbers if w not in adverbs), key=len, reverse=True)
    tens = "|".join(w for w, v in numbers.items() if v >= 20 and v % 10 == 0)
    units = "|".join(w for w, v in numbers.items() if 1 <= v <= 9 and w.isalpha() and len(w) > 2 and w not in adverbs)
    num = rf"(?:\d{{1,3}}|(?:{tens})[- ](?:{units})|{'|'.join(re.escape(w) for w in singles)})"
    count = rf"{shots['qualifier']}(?P<n>{num}(?:\s+dozen)?)(?:\s+(?:to|or|-)\s+{num})?"
    times = rf"(?:{shots['qualifier']}(?P<n>{num})(?:\s+(?:to|or|-)\s+{num})?\s+times|(?P<once>once|twice|thrice))\b"

    def shot_regex(text: str) -> re.Pattern[str]:
        return re.compile(text.replace("{COUNT}", count).replace("{TIMES}", times), _FLAGS)

    video = lex["video"]
    legal = lex["legal"]
    unknown = (set(video["kinds"]) - set(VIDEO_KINDS)) | (set(legal["kinds"]) - set(LEGAL_KINDS))
    if unknown:
        raise ValueError(f"aftermath_lexicon.json: kinds {sorted(unknown)} are not in models.VIDEO_KINDS/LEGAL_KINDS")
    return _Rules(
        numbers=numbers,
        shot_rules=tuple((r.get("min", 1), shot_regex(r["regex"])) for r in shots["rules"]),
        shot_vague=re.compile(shots["vague"], _FLAGS),
        shot_gate=re.compile(shots["gate"], _FLAGS),
        shot_negation=re.compile(shots["negation"], _FLAGS),
        video_exists=re.compile(video["exists"], _FLAGS),
        video_neg_before=re.compile(video["negation_before"], _FLAGS),
        video_neg_after=re.compile(video["negation_after"], _FLAGS),
        video_neg_exceptions=re.compile(video["negation_exceptions"], _FLAGS),
        video_kinds=tuple((kind, tuple(re.compile(p, _FLAGS) for p in pats)) for kind, pats in video["kinds"].items()),
        legal_negation=re.compile(legal["negation"], _FLAGS),
        legal_kind_negation={k: re.compile(v, _FLAGS) for k, v in legal.get("kind_negation", {}).items()},
        legal_kinds=tuple((kind, tuple(re.compile(p, _FLAGS) for p in pats)) for kind, pats in legal["kinds"].items()),
    )


def number_value(phrase: str) -> int | None:
    """'16' -> 16, 'eight' -> 8, 'a single' -> 1, 'twenty-two' -> 22, 'twice' -> 2, '2 dozen' -> 24; else None."""
    phrase = " ".join(phrase.lower().split())
    if phrase.endswith(" dozen"):  # "two dozen", "2 dozen"
        base = number_value(phrase.removesuffix(" dozen"))
        return base * 12 if base else None
    if phrase.isdigit():
        return int(phrase)
    table = rules().numbers
    if phrase in table:
        return table[phrase]
    tens, _, unit = phrase.replace(" ", "-").partition("-")
    if tens in table and unit in table:
        return table[tens] + table[unit]
    return None


def _window_before(text: str, start: int, size: int) -> str:
    window = text[max(0, start - size) : start]
    # Only the current clause: a negation in an earlier one ("whose name was not released, has been placed on
    # leave") does not carry over. Commas cut too: "has not, as of Monday, been charged" is rarer in news copy.
    return _CLAUSE_BREAK.split(window)[-1]


def _shots(sentences: list[nlp.Sentence], r: _Rules, settings: Settings) -> Fact | None:
    window = settings.aftermath_negation_window_chars
    sentences = [s for s in sentences if r.shot_gate.search(s.text)]
    for smallest, pattern in r.shot_rules:  # strongest rule first; within a rule, the earliest sentence
        for sent in sentences:
            for m in pattern.finditer(sent.text):
                if r.shot_negation.search(_window_before(sent.text, m.start(), window)):
                    continue
                group = "once" if m.groupdict().get("once") else "n"
                value = number_value(m.group(group))
                if value is not None and smallest <= value <= settings.max_shots_count:
                    return Fact(value, sent.span(), _words(sent, m.start(group), m.end(group)))
    for sent in sentences:  # no number anywhere: "several shots", "shot multiple times"
        for m in r.shot_vague.finditer(sent.text):
            if m.group(0).lower().endswith("times") and not m.group("verb"):
                continue  # "reached out multiple times": only "shot (him) multiple times" counts shots
            if not r.shot_negation.search(_window_before(sent.text, m.start(), window)):
                vague = " ".join(m.group("q").lower().split())
                return Fact(vague, sent.span(), _words(sent, m.start("q"), m.end("q")))
    return None


def _words(sent: nlp.Sentence, start: int, end: int) -> Span:
    return Span(sent.start + start, sent.start + end, sent.text[start:end])


def _video_negated(text: str, m: re.Match[str], r: _Rules, window: int) -> bool:
    before = _window_before(text, m.start(), window)
    if r.video_neg_before.search(before) and not r.video_neg_exceptions.search(before):
        return True
    return bool(r.video_neg_after.search(text[m.end() : m.end() + window]))


def _video(sentences: list[nlp.Sentence], r: _Rules, settings: Settings) -> tuple[Fact, ...]:
    window = settings.aftermath_negation_window_chars
    found: dict[str, Fact] = {}
    for sent in sentences:
        if not r.video_exists.search(sent.text):
            continue
        for kind, patterns in r.video_kinds:
            if kind in found:
                continue
            if _first_hit(sent.text, patterns, lambda m, t=sent.text: not _video_negated(t, m, r, window)):
                found[kind] = Fact(kind, sent.span())
    return tuple(found[k] for k in VIDEO_KINDS if k in found)


def _detail(text: str, start: int, end: int, max_chars: int) -> str:
    """The sentence, or when it is long, the words around the match: enough to read who and what."""
    text = text.strip()
    if len(text) > max_chars:
        lead = max(0, start - max_chars // 3)
        lo = text.rfind(" ", 0, lead) + 1 if lead else 0
        hi = text.find(" ", lo + max_chars)
        text = text[lo : hi if hi != -1 else len(text)]
    return text.strip(" \t\n\"'“”‘’,;").strip()


def _legal_negated(text: str, m: re.Match[str], kind: str, r: _Rules, window: int) -> bool:
    if r.legal_negation.search(_window_before(text, m.start(), window)):
        return True
    # Prior-record cues span clauses ("In 2002, he was charged"), so they see the whole window.
    extra = r.legal_kind_negation.get(kind)
    return bool(extra and extra.search(text[max(0, m.start() - window) : m.start()]))


def _first_hit(
    text: str, patterns: tuple[re.Pattern[str], ...], keep: Callable[[re.Match[str]], bool]
) -> re.Match[str] | None:
    """The first match of any pattern (in lexicon order) that `keep` accepts."""
    return next((m for p in patterns for m in p.finditer(text) if keep(m)), None)


def _legal(sentences: list[nlp.Sentence], r: _Rules, settings: Settings) -> tuple[Fact, ...]:
    window = settings.aftermath_negation_window_chars
    found: dict[str, Fact] = {}
    for sent in sentences:
        for kind, patterns in r.legal_kinds:
            if kind in found:
                continue
            hit = _first_hit(sent.text, patterns, lambda m, k=kind, t=sent.text: not _legal_negated(t, m, k, r, window))
            if hit:
                detail = _detail(sent.text, hit.start(), hit.end(), settings.legal_detail_max_chars)
                found[kind] = Fact({"kind": kind, "detail": detail}, sent.span())
    return tuple(sorted(found.values(), key=lambda f: (f.evidence.start, LEGAL_KINDS.index(f.value["kind"]))))


class Aftermath(TypedDict):
    """What happened around and after the shooting (None / empty when the text does not say)."""

    shots: Fact | None  # int: shots fired, or a count without a number as written ("several")
    video: tuple[Fact, ...]  # values from VIDEO_KINDS
    legal: tuple[Fact, ...]  # value: {"kind": one of LEGAL_KINDS, "detail": short text}


def aftermath(article: Article, parsed: nlp.ParsedText, settings: Settings) -> Aftermath:
    """Shots fired, video kinds and legal steps stated in the article, each with its supporting sentence."""
    r = rules()
    behind = background(parsed, article.published)  # another case's shots and trial, a caption's video: not these
    sentences = [s for i, s in enumerate(parsed.sentences()) if i not in behind]
    return Aftermath(
        shots=_shots(sentences, r, settings), video=_video(sentences, r, settings), legal=_legal(sentences, r, settings)
    )
