"""The seed evaluation: a handful of hand-labelled OIS articles (../shared/data/seeds) scored field by field.

Layout: `seeds/NNN_<hash>.txt` (first line the headline) and `seeds/gold.jsonl`, one line per file stem with
`label`, `incident_key` and `gold` (null = the text does not say). Articles that share an `incident_key` are one
incident, so the seeds also score resolution (`ois.pipeline.analyse`) when it is available.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from ois.evaluation import require
from ois.evaluation.metrics import Scorer, as_date, clustering_scores, names_match, pair_up
from ois.models import Article, Person, Report, fact_value
from ois.pipeline import analyse
from ois.settings import Settings

# Agency names are written many ways ("Little Rock Police Department" / "Little Rock police"); a token-set ratio
# of 90 accepts a subset of the words and small spelling differences, and rejects another town's department.
AGENCY_MIN_RATIO = 90


def load_seeds(data_dir: Path, limit: int | None = None) -> list[tuple[Article, dict[str, Any]]]:
    """(Article, gold line) pairs for the seed files that have a gold line, sorted by file name."""
    folder = require(data_dir / "seeds", "seed folder")
    gold_path = require(folder / "gold.jsonl", "seed gold file")
    gold = {}
    for number, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{gold_path}:{number}: not JSON ({exc.msg}); fix or remove the line") from None
            gold[record["id"]] = record
    out = []
    for path in sorted(folder.glob("*.txt"))[:limit]:
        if path.stem not in gold:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        title = text.strip().split("\n", 1)[0].strip()
        out.append((Article(id=Article.make_id(text), title=title, text=text, source=str(path)), gold[path.stem]))
    return out


# One force, however a text or an annotator writes it: "Polk County Sheriff's Office" = "Polk County Sheriff" =
# "Polk County deputies"; "Dothan Police Department" = "Dothan police" = "Dothan officers". (Only the kind of
# force is folded: a sheriff's office is never a police department.)
_FORCE_FORMS = (
    (re.compile(r"\b(?:sheriff(?:'s)?(?: (?:office|department|dept\.?))?|deput(?:y|ies))(?!\w)"), "sheriff"),
    (re.compile(r"\b(?:police (?:department|dept\.?)|police|officers?|pd)(?!\w)"), "police"),
)


_POLICE_NAME = re.compile(r"^(.+?)\s+Police(?:\s+Department)?$")


def agency_key(name: str) -> str:
    """An agency name with the kind of force in one form (`_FORCE_FORMS`), case-folded."""
    key = name.casefold().replace("’", "'")
    for form, word in _FORCE_FORMS:
        key = form.sub(word, key)
    return key


def agency_match(gold: str, ours: str) -> bool:
    """One force: the same name in any of its forms (`agency_key`), or a department's acronym and its name ("HPD" =
    "Houston Police Department", "NYPD" = "New York City Police Department")."""
    if gold.strip().upper() in _acronyms(ours) or ours.strip().upper() in _acronyms(gold):
        return True
    return fuzz.token_set_ratio(agency_key(gold), agency_key(ours)) >= AGENCY_MIN_RATIO


def _acronyms(name: str) -> set[str]:
    """The acronyms a police department's name is written as: its words' initials and "PD", with and without a
    "City" ("New York City Police Department": NYCPD, NYPD)."""
    m = _POLICE_NAME.match(name.strip())
    if m is None:
        return set()
    words = m.group(1).split()
    return {"".join(w[0] for w in words if keep or w != "City").upper() + "PD" for keep in (True, False)}


def officer_outcome(gold_officer: dict[str, Any]) -> str | None:
    """Gold gives officers `injured`/`killed` booleans; our Person has one outcome word."""
    if gold_officer.get("killed"):
        return "killed"
    injured = gold_officer.get("injured")
    return None if injured is None else "injured" if injured else "uninjured"


def align(gold: Sequence[dict[str, Any]], ours: Sequence[Person]) -> list[tuple[dict[str, Any], Person | None]]:
    """Pair gold people with ours: by name first, then the unnamed rest in order of mention."""
    by_name = dict(pair_up(gold, ours, lambda g, o: names_match(g.get("name"), fact_value(o.name))))
    free = iter(j for j in range(len(ours)) if j not in by_name.values())
    out = []
    for i, person in enumerate(gold):
        j = by_name.get(i)
        if j is None and not person.get("name"):
            j = next(free, None)
        out.append((person, None if j is None else ours[j]))
    return out


def score_report(scorer: Scorer, doc: str, gold: dict[str, Any], report: Report | None) -> None:
    """Score one article's Report (None = extraction skipped it) against its gold block."""
    report = report or Report(article_id=doc)
    scorer.single("incident_date", doc, as_date(gold.get("incident_date")), as_date(fact_value(report.incident_date)))
    scorer.single("city", doc, gold.get("city"), fact_value(report.city))
    scorer.single("state", doc, gold.get("state"), fact_value(report.state))
    scorer.single("agency", doc, gold.get("agency"), fact_value(report.agency), agency_match)
    scorer.single("officer_fired", doc, gold.get("officer_fired"), fact_value(report.officer_fired))
    scorer.single("subject_fired", doc, gold.get("subject_fired"), fact_value(report.subject_fired))
    scorer.sets("video", doc, gold.get("video") or [], [f.value for f in report.video])
    # Free-text gold ("sentenced to 35 years"): only whether we found any legal aftermath is scored.
    scorer.single(
        "legal (any)", doc, gold.get("charges_or_outcome"), [f.value for f in report.legal], lambda g, o: True
    )
    for role, gold_people, ours in (
        ("officer", gold.get("officers") or [], report.officers()),
        ("subject", gold.get("subjects") or [], report.subjects()),
    ):
        scorer.sets(
            f"{role}.name", doc, [p.get("name") for p in gold_people], [fact_value(p.name) for p in ours], names_match
        )
        for g, o in align(gold_people, ours):
            o = o or Person(role=role)
            if role == "officer":
                scorer.single("officer.outcome", doc, officer_outcome(g), fact_value(o.outcome))
                continue
            scorer.single("subject.age", doc, g.get("age"), fact_value(o.age))
            scorer.single("subject.gender", doc, g.get("gender"), fact_value(o.gender))
            scorer.single("subject.armed", doc, g.get("armed"), fact_value(o.armed))
            scorer.single("subject.outcome", doc, g.get("outcome"), fact_value(o.outcome))
            scorer.single("subject.fired", doc, g.get("fired_at_police"), fact_value(o.fired))


def evaluate_seeds(data_dir: Path, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    items = load_seeds(data_dir, limit)
    articles = [a for a, _ in items]
    analysis = analyse(articles, settings, extract_all=True)
    screening, extraction = Scorer(), Scorer()
    for article, record in items:
        screened = analysis.screenings.get(article.id)
        if screened is not None:
            screening.binary("is_ois", record["id"], record.get("label") == "ois", screened.is_ois)
        score_report(extraction, record["id"], record.get("gold") or {}, analysis.reports.get(article.id))
    result: dict[str, Any] = {
        "dataset": "seeds",
        "articles": len(items),
        "sections": {"screening": screening.fields(), "extraction": extraction.fields()},
        "errors": {**screening.errors, **extraction.errors},
        "skipped": [s.reason for s in analysis.skipped],
        "notes": [],
        "gold_incidents": len({r.get("incident_key") for _, r in items}),
    }
    ours = {rid: inc.id for inc in analysis.incidents for rid in inc.report_ids}
    gold = {a.id: r.get("incident_key") for a, r in items}
    result["resolution"] = clustering_scores(gold, {a.id: ours.get(a.id, "none:" + a.id) for a, _ in items})
    return result
