"""`ois evaluate mpv`: the short descriptions of police shootings in ../shared/data/mpv, read as articles.

Mapping Police Violence gives, for each person killed by police, a one-paragraph description of what happened
(often a news summary) next to structured values: the name, age, gender and race of the person killed, the
agency, the city, the alleged weapon and (for some rows) the names of the officers involved. Every row whose
cause of death includes a gunshot is a shooting by police in which its person was killed, so each description is
a small police-shooting story with known truth about its main participants - about 4,300 of them, far more than
our gold set, written by other hands than the news we develop against. It measures what the trust issue is
about - is the person killed found, as a subject, killed; are the named officers officers - on text we never read
one by one. The truth is partial, so only what it covers is scored:

- screening: every description should screen as a police shooting (recall);
- officer fired: the report says police fired;
- victim named (where the description writes the victim's surname): one of our people has the victim's name
  (right), else a named subject of ours is someone else (wrong), else missed; victim role / outcome: that
  person's role is subject and outcome killed (the person is the named match, or the only subject when the
  description names nobody); victim age (where the description writes the number), gender, and armed (MPV's
  alleged weapon in our categories; "undetermined" is no truth);
- victim race, agency and city: precision only (scored where we give a value: a description rarely states
  race, and often names no agency or town);
- officers named: every officer MPV lists whose surname the description writes is one of our officers (right),
  one of our people in another role (wrong: the error a reader notices first) or missing.

The rows are split into two halves by the same stable hash as `ois evaluate linking` (`in_fit_half`): "tune" is
the half rules may be developed against, "heldout" is reported and never read one by one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ois.evaluation import run_stages
from ois.evaluation.gold import same_race
from ois.evaluation.gvdb import same_city
from ois.evaluation.linking import in_fit_half, mpv_rows
from ois.evaluation.metrics import Scorer, names_match, scored_splits
from ois.evaluation.seeds import agency_match
from ois.models import Article, Person, Report, fact_value
from ois.reference.records import RefRow
from ois.settings import Settings

DESCRIPTION = "A brief description of the circumstances surrounding the death"
OFFICERS = "Names of Officers Involved (DRAFT)"
CAUSE = "Cause of death"
# MPV's alleged weapon (WaPo's words) -> our ARMED category; "undetermined" / "unknown weapon" are no truth.
_ARMED = {"no object": "unarmed", "unarmed": "unarmed", "toy weapon": "replica", "vehicle": "vehicle"}
_GUN = re.compile(r"\b(gun|pistol|rifle|shotgun|revolver|firearm)\b")
_BLADE = re.compile(r"\b(knife|knives|machete|sword|blade|box cutter|scissors|ax|axe|hatchet)\b")
_NO_TRUTH = ("undetermined", "unknown", "unclear")
_SUFFIXES = ("jr", "sr", "ii", "iii", "iv")


def mpv_articles(data_dir: Path, limit: int | None = None) -> list[tuple[RefRow, Article]]:
    """(row, article) for every MPV row killed by a gunshot with a description; the article has no headline."""
    out = []
    for row in mpv_rows(data_dir):
        text = " ".join((row.raw.get(DESCRIPTION) or "").split())
        if text and "gunshot" in (row.raw.get(CAUSE) or "").lower():
            out.append((row, Article(id=f"mpv:{row.id}", title="", text=text, source=f"mpv#{row.id}")))
    return out[:limit] if limit else out


def armed_class(weapon: str | None) -> str | None:
    """MPV's alleged weapon as one of our ARMED values, or None when MPV does not know."""
    w = (weapon or "").lower().strip()
    if not w or any(x in w for x in _NO_TRUTH):
        return None
    if w in _ARMED or w.startswith("toy"):
        return _ARMED.get(w, "replica")
    if any(x in w for x in ("bb gun", "pellet", "air gun", "airsoft", "replica")):
        return "replica"
    return "gun" if _GUN.search(w) else "knife" if _BLADE.search(w) else "other"


def _written(name: str, text: str) -> bool:
    """The description writes this person's surname (the last word that is not a suffix: "Jr.", "III")."""
    words = [w for w in re.split(r"[\s,]+", name) if w]
    while len(words) > 1 and words[-1].lower().strip(".") in _SUFFIXES:
        words.pop()
    return bool(words) and re.search(rf"\b{re.escape(words[-1])}\b", text, re.I) is not None


def officer_names(row: RefRow) -> list[str]:
    """The officers MPV lists for a row ("Sergeant Dentel", "A. Smith"; the name rule ignores ranks)."""
    names = re.split(r"\s*(?:,|;|\band\b)\s*", row.raw.get(OFFICERS) or "")
    return [n.strip() for n in names if n.strip() and not n.strip().lower().startswith("unknown")]


def _victim(row: RefRow, report: Report, named: bool) -> Person | None:
    if named:
        return next((p for p in report.people if p.name is not None and names_match(row.name, p.name.value)), None)
    subjects = report.subjects()
    return subjects[0] if len(subjects) == 1 else None


def score_row(scorer: Scorer, row: RefRow, article: Article, report: Report) -> None:
    doc, text = article.id, article.text
    scorer.single("officer fired", doc, True, fact_value(report.officer_fired) or None)
    named = bool(row.name) and _written(row.name or "", text)
    victim = _victim(row, report, named)
    if named:
        other = next((p.name.value for p in report.subjects() if p.name is not None), None)
        scorer.single(
            "victim named", doc, row.name, victim.name.value if victim and victim.name else other, names_match
        )
    if victim is not None or named:
        scorer.single("victim role", doc, "subject", victim.role if victim else None)
        scorer.single("victim outcome", doc, "killed", fact_value(victim.outcome) if victim else None)
    if victim is None:
        return
    if row.age is not None and re.search(rf"\b{row.age}\b", text):
        scorer.single("victim age", doc, row.age, fact_value(victim.age))
    if row.gender in ("male", "female"):
        scorer.single("victim gender", doc, row.gender, fact_value(victim.gender))
    scorer.single("victim armed", doc, armed_class(row.armed), fact_value(victim.armed))
    _precision_only(scorer, "victim race (precision)", doc, row.race, fact_value(victim.race), same_race)


def _precision_only(scorer: Scorer, name: str, doc: str, gold: Any, ours: Any, same: Any) -> None:
    if ours is not None and gold and "unknown" not in str(gold).lower():
        scorer.single(name, doc, gold, ours, same)


def score_officers(scorer: Scorer, row: RefRow, article: Article, report: Report) -> None:
    for name in officer_names(row):
        if not _written(name, article.text):
            continue
        person = next((p for p in report.people if p.name is not None and names_match(name, p.name.value)), None)
        scorer.single("officers named", article.id, "officer", person.role if person else None)


def evaluate_mpv(data_dir: Path, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    pairs = mpv_articles(data_dir, limit)
    run = run_stages([a for _, a in pairs], settings)

    def score(pair: tuple[RefRow, Article], screening: Scorer, fields: Scorer) -> None:
        row, article = pair
        screened = run.screenings.get(article.id)
        screening.binary("is_ois", article.id, True, screened.is_ois if screened else None)
        report = run.reports.get(article.id) or Report(article_id=article.id)
        score_row(fields, row, article, report)
        score_officers(fields, row, article, report)
        for name, gold, ours, same in (
            ("agency", row.agency, report.agency, agency_match),
            ("city", row.city, report.city, same_city),
        ):
            _precision_only(fields, f"{name} (precision)", article.id, gold, fact_value(ours), same)

    def split_of(pair: tuple[RefRow, Article]) -> str:
        return "tune" if in_fit_half(pair[0].id) else "heldout"

    sections, errors = scored_splits(pairs, split_of, score, "victims and officers")
    return {
        "dataset": "mpv",
        "articles": len(pairs),
        "sections": sections,
        "errors": errors,
        "skipped": [s.reason for s in run.skipped],
        "notes": ["MPV truth is partial: see `ois.evaluation.mpv` for what each field scores."],
    }
