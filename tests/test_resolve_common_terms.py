"""A word that many resolved reports share (an outlet's furniture, template wording) is common: it never links
reports, whatever the news term table says (setting `common_term_reports`). Fictional reports."""

from __future__ import annotations

import datetime as dt

from ois.models import Fact, Report, Span
from ois.resolve import resolve
from ois.settings import Settings

TAGLINE = (
    "The Quillmere Sentinel thanks its subscribers; Sentinel readers reach the newsroom through the Zephyrline "
    "hotline, and Quillmere archives list every Sentinel dispatch."
)
STORIES = [f"Officers in Quillmere shot a man near the {name} yard." for name in ("Brackwater", "Ottervale")] + [
    f"Story {n}: a deputy fired at a driver outside the {word} depot, the {word} office said."
    for n, word in enumerate(("Ambrel", "Corvish", "Dunmere", "Elsworth", "Frayne", "Gildcrest", "Hollin", "Ivesby"))
]


def _report(n: int, day: dt.date) -> Report:
    span = Span(0, 10, "evidence")
    return Report(
        article_id=f"q{n}",
        published=day,
        incident_date=Fact(day, span),
        city=Fact("Quillmere", span),
        state=Fact("OR", span),
    )


# One incident told twice (q0, q1: the same day, "Quillmere ... yard"), then eight unrelated shootings in the
# same town, each three days after the last: only the tagline links them.
START = dt.date(2022, 6, 1)
REPORTS = [_report(0, START), _report(1, START)] + [
    _report(n, START + dt.timedelta(days=3 * (n - 1))) for n in range(2, 10)
]
TEXTS = {r.article_id: f"{story} {TAGLINE}" for r, story in zip(REPORTS, STORIES, strict=True)}
TEXTS["q1"] = TEXTS["q0"].replace("Officers", "Police officers")


def _groups(settings: Settings) -> list[list[str]]:
    resolution = resolve(REPORTS, TEXTS, settings)
    return sorted(sorted(incident.report_ids) for incident in resolution.incidents)


def test_a_word_many_reports_share_stops_linking_unrelated_reports():
    chained = _groups(Settings({"common_term_reports": 1000}, env={}))
    assert any(len(g) > 1 and "q0" not in g for g in chained)  # the tagline alone links unrelated shootings
    demoted = _groups(Settings({"common_term_reports": 8}, env={}))  # ten reports share the tagline
    assert demoted == [["q0", "q1"]] + [[f"q{n}"] for n in range(2, 10)]
