"""Scope: is an article that scores as a police shooting about one incident?

Roundups of several shootings and statistics pieces, opinion pieces and accidental shootings use the same words as
an incident report ("officers opened fire", "shot by police") but are not one OIS report. The scope markers of the
lexicon say so from the headline or the URL (decisive: a headline states the story's subject), or from several body
sentences (`settings.screen_scope_body_min`) when the headline itself does not report a police shooting: an incident
report may carry a paragraph of statistics.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ois import geo
from ois.models import Article, Cue, Span
from ois.screen.lexicon import Lexicon, Matches, ScopeMarker, search


@dataclass(frozen=True)
class Scope:
    name: str  # a key of `Lexicon.scopes`
    evidence: tuple[Cue, ...]  # weight-0 cues named "<scope>: <marker>", the sentences that say so
    detail: str  # where it was seen, for the reason line

    def reason(self, lexicon: Lexicon) -> str:
        return f"{lexicon.scopes[self.name]} ({self.detail})"


def _evidence(hits: Sequence[tuple[ScopeMarker, Span]]) -> tuple[Cue, ...]:
    return tuple(Cue(f"{marker.scope}: {marker.name}", 0.0, span) for marker, span in hits)


def find_scope(
    article: Article,
    sentences: Sequence[Span],
    headline_stop: int,
    headline_reports: bool,
    lexicon: Lexicon,
    body_min: int,
    matches: Matches = search,
) -> Scope | None:
    """The first scope (in lexicon order) that the markers establish, or None for an incident report.

    `sentences` are the article's sentences; those starting before `headline_stop` are the headline.
    `headline_reports`: a positive cue fired in the headline (then body markers alone do not decide).
    `matches`: how a marker's regexes are matched (`re`, or the prefilter's search: the same answers)."""
    headline = [s for s in sentences if s.start < headline_stop]
    body = [s for s in sentences if s.start >= headline_stop]
    for scope in lexicon.scopes:
        markers = [m for m in lexicon.markers if m.scope == scope]
        for marker in markers:
            if marker.where == "url" and article.url and marker.applies(article.url, matches):
                return Scope(scope, _evidence([(marker, h) for h in headline[:1]]), f"{marker.name}: {article.url}")
            hits = [(marker, s) for s in headline if marker.where == "headline" and marker.applies(s.text, matches)]
            if hits:
                return Scope(scope, _evidence(hits), f"{marker.name} in the headline: {hits[0][1].text!r}")
        if headline_reports:
            continue
        hits = [(m, s) for s in body for m in markers if m.where == "body" and m.applies(s.text, matches)]
        if len({s.start for _, s in hits}) >= body_min:
            names = ", ".join(sorted({m.name for m, _ in hits}))
            return Scope(scope, _evidence(hits), f"{len({s.start for _, s in hits})} body sentences of {names}")
    return None


def foreign_place(text: str, headline_stop: int, lexicon: Lexicon) -> str | None:
    """The hint "<where>: <place> (<country>)" when the dateline ("LONDON (AP) -") or a headline phrase ("in
    Mexico City") names a place outside the US, else None. Only a hint for the reason: the country is extraction's."""
    dateline, headline = lexicon.foreign_places.get("dateline"), lexicon.foreign_places.get("headline")
    found = [("dateline", m)] if dateline and (m := dateline.match(text[headline_stop:])) else []
    found += [("headline", m) for m in headline.finditer(text[:headline_stop])] if headline else []
    for where, m in found:
        for group in ("country", "place"):
            words = (m.groupdict().get(group) or "").split()
            for n in range(len(words), 0, -1):  # "Mexico City Police" -> "Mexico City"
                if country := geo.foreign_country(" ".join(words[:n])):
                    return f"{where}: {' '.join(words[:n])} ({country})"
    return None
