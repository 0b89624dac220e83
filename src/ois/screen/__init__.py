"""Screen: is this article a report of one specific officer-involved shooting (OIS)?

Fast by design (no spaCy): the text is cut into sentences with a regex, and each sentence is matched against the
cue lexicon in `data/screen_cues.json` (`lexicon.py`, `cues.py`). A cue is a named regex with a weight and a
direction (police fired / someone shot at police / both). The score is the sum of the weights of the cues that
fired, with extra hits of the same cue worth less and headline hits worth more; the article is an OIS report when
the score reaches `settings.screen_threshold` and it is about one incident: roundups of several shootings,
statistics pieces, opinion pieces and accidental shootings are not (`scope.py`).

Two stages (`prefilter.py`, `settings.screen_prefilter`): the words every cue needs are derived from the cue
regexes themselves (`literals.py`); an article without the words of any positive cue is rejected before it is split
into sentences, and each sentence is matched only against the cues whose words it holds, each regex only at the
positions where a match can start (`starts.py`), and with the regex's ASCII twin on a plain ASCII sentence
(`plain.py`). These steps only skip matches that cannot succeed or find the same ones faster, so the cues found (and
the verdicts) are those of matching every sentence.

Why sentence-level regexes: the decisive signal is a police actor tied to a firing verb in one clause
("deputies opened fire", "shot by police", "fired at officers"). The far more common crime story in which police
only *report* a civilian shooting ("police said the man was shot") never ties the two together, so it scores 0.
"""

from __future__ import annotations

from ois.models import Article, Cue, Screening, Span
from ois.screen.cues import cues_in, find_cues, headline_end, sentence_bounds, sentences
from ois.screen.lexicon import Lexicon, lexicon_from_dict, load_lexicon, search
from ois.screen.prefilter import load_prefilter
from ois.screen.scope import Scope, find_scope, foreign_place
from ois.settings import Settings

__all__ = ["Lexicon", "find_cues", "lexicon_from_dict", "load_lexicon", "screen", "sentences"]


def _score(cues: list[Cue], headline_stop: int, settings: Settings) -> tuple[float, dict[str, float]]:
    """Sum cue weights: repeats of a cue add `screen_repeat_factor` of its weight (at most
    `screen_max_repeats` repeats; negative cues count once); a headline hit is worth `screen_headline_factor`."""
    score = 0.0
    by_name: dict[str, float] = {}
    seen: dict[str, int] = {}
    for cue in cues:
        n = seen.get(cue.name, 0)
        seen[cue.name] = n + 1
        if n and (cue.weight < 0 or n > settings.screen_max_repeats):
            continue
        value = cue.weight * (settings.screen_repeat_factor if n else 1.0)
        if cue.weight > 0 and cue.evidence.start < headline_stop:
            value *= settings.screen_headline_factor
        score += value
        by_name[cue.name] = by_name.get(cue.name, 0.0) + value
    return score, by_name


def _direction_weight(cues: list[Cue], lexicon: Lexicon, direction: str) -> float:
    return sum(c.weight for c in cues if lexicon.direction_of(c.name) in (direction, "both"))


def screen(article: Article, settings: Settings) -> Screening:
    """Score an article against the cue lexicon and decide whether it reports one specific OIS."""
    lexicon = load_lexicon()
    threshold = settings.screen_threshold
    text = article.text[: settings.max_article_chars]
    prefilter = load_prefilter() if settings.screen_prefilter else None
    reading = prefilter.read(text) if prefilter else None
    if prefilter and reading and threshold > 0 and not prefilter.possible(reading):
        reason = "not OIS: no sentence can match a police-shooting cue (none has the words a cue needs)"
        return Screening(article.id, False, 0.0, (), False, False, reason)
    bounds = sentence_bounds(text, lexicon.abbreviations)
    cues = cues_in(text, bounds, lexicon, prefilter, reading)
    stop = headline_end(article.text)
    score, by_name = _score(cues, stop, settings)
    scope = None
    if score >= threshold:
        in_headline = any(c.weight > 0 and c.evidence.start < stop for c in cues)
        spans = [Span(start, end, text[start:end]) for start, end in bounds]
        matches = prefilter.searcher() if prefilter else search
        scope = find_scope(article, spans, stop, in_headline, lexicon, settings.screen_scope_body_min, matches)
    is_ois = score >= threshold and scope is None
    direction_min = settings.screen_direction_min
    police_fired = is_ois and _direction_weight(cues, lexicon, "police_fired") >= direction_min
    shot_at_police = is_ois and _direction_weight(cues, lexicon, "shot_at_police") >= direction_min
    return Screening(
        article_id=article.id,
        is_ois=is_ois,
        score=round(score, 3),
        cues=tuple(cues) + (scope.evidence if scope else ()),
        police_fired=police_fired,
        shot_at_police=shot_at_police,
        reason=_reason(score, by_name, police_fired, shot_at_police, threshold, scope, lexicon)
        + (f"; outside the US? {place}" if is_ois and (place := foreign_place(article.text, stop, lexicon)) else ""),
    )


def _reason(
    score: float,
    by_name: dict[str, float],
    police_fired: bool,
    shot_at_police: bool,
    threshold: float,
    scope: Scope | None,
    lexicon: Lexicon,
) -> str:
    ranked = sorted(by_name.items(), key=lambda kv: -abs(kv[1]))
    named = ", ".join(f"{name} ({value:+.1f})" for name, value in ranked[:4]) or "no police-shooting cue"
    if score < threshold:
        return f"not OIS: score {score:.1f} < {threshold:g}; {named}"
    if scope:
        return f"not OIS: {scope.reason(lexicon)}; score {score:.1f}; {named}"
    who = " and ".join(w for w, on in (("police fired", police_fired), ("shot at police", shot_at_police)) if on)
    return f"OIS ({who or 'direction unclear'}): score {score:.1f} >= {threshold:g}; {named}"
