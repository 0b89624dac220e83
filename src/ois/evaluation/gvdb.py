"""The Gun Violence Database evaluation (../shared/data/gvdb/dev.tsv): 400 crowd-annotated gun-violence articles.

Columns: Article id, Article url, Article title, Full text, Json, Worker. `Full text` already begins with the
title, run into the first sentence ("...Los Angeles TimesJassely Lupoe, a 5-year-old..."), so the Article text is
the title, a blank line, then the rest of `Full text`, which keeps the headline its own paragraph as the sources
stage does. No publication date is given; one is read from the URL (/2016/01/27/ or -20160127-) when present, so
extractors can resolve "Tuesday".

Only ~1 in 7 articles is a police shooting, so this mainly measures screening (police involvement) and the
generic fields (place, date, people). Scoring rules and the role mapping are in docs/evaluation.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ois.evaluation import require, run_stages
from ois.evaluation.argmatch import gold_roles, predicted_roles, score_roles
from ois.evaluation.metrics import Scorer, as_date, contains_words, names_match
from ois.geo import city_key
from ois.models import Article, Person, Report, fact_value
from ois.settings import Settings
from ois.sources.text import date_from_url

BY_POLICE = "The shooting was by a police officer."
AT_POLICE = "The shooting was directed at a police officer."

# The targets the project aims for on this set (from the project brief); printed beside the numbers.
TARGETS = {
    "police involved": 0.85,
    "state": 0.90,
    "city": 0.85,
    "incident_date": 0.80,
    "victim.name": 0.75,
    "shooter.name": 0.75,
    "state (gold names one)": 0.90,
    "city (gold names one)": 0.85,
    "names (gold names someone)": 0.75,
}


@dataclass(frozen=True)
class GvdbGold:
    by_police: bool
    at_police: bool
    city: str | None
    state: str | None  # USPS code
    date: dt.date | None
    victims: tuple[dict[str, Any], ...]  # {name, age, outcome}
    shooters: tuple[dict[str, Any], ...]  # {name, age}
    roles: dict[str, str] = field(default_factory=dict)  # the 12 approximate-match roles (ois.evaluation.argmatch)

    @property
    def police(self) -> bool:
        return self.by_police or self.at_police


def _value(field: Any) -> str | None:
    """Annotation values are {"value", "startIndex", "endIndex"} dicts, or plain strings for drop-downs."""
    value = field.get("value") if isinstance(field, dict) else field
    value = " ".join(str(value).split()) if value is not None else ""
    return value or None


def _age(field: Any) -> int | None:
    value = _value(field)
    return int(value) if value and value.isdigit() else None


def _state(value: str | None) -> str | None:
    code = (value or "").split(" - ", 1)[0].strip()  # "CA - California"; "Unclear" and "" are not a state
    return code if len(code) == 2 and code.isalpha() else None


def _outcome(victim_was: Iterable[str]) -> str | None:
    kinds = set(victim_was or ())
    return "killed" if "killed" in kinds else "injured" if kinds & {"injured", "hospitalized"} else None


def parse_gold(raw: str, text: str = "") -> GvdbGold:
    """The gold of one row from its Json column (`text`, the row's Full text, places the role strings)."""
    data = json.loads(raw)
    when = data.get("date-and-time") or {}
    radio = data.get("radio3") or {}
    victims = tuple(
        {"name": _value(v.get("name")), "age": _age(v.get("age")), "outcome": _outcome(v.get("victim-was"))}
        for v in data.get("victim-section") or ()
    )
    shooters = tuple(
        {"name": _value(s.get("name")), "age": _age(s.get("age"))} for s in data.get("shooter-section") or ()
    )
    return GvdbGold(
        by_police=radio.get(BY_POLICE) == "Yes",
        at_police=radio.get(AT_POLICE) == "Yes",
        city=_value(when.get("city")),
        state=_state(when.get("state")),
        date=as_date(when.get("date") or None),
        victims=victims,
        shooters=shooters,
        roles=gold_roles(data, text),
    )


def article_of(row: dict[str, str], source: str) -> Article:
    title, full = (row.get("Article title") or "").strip(), row.get("Full text") or ""
    body = full.strip()[len(title) :].lstrip() if title and full.strip().startswith(title) else full.strip()
    text = f"{title}\n\n{body}" if title else body
    url = (row.get("Article url") or "").strip() or None
    return Article(
        id=Article.make_id(text, url),
        title=title or body.split("\n", 1)[0][:200],
        text=text,
        url=url,
        published=date_from_url(url),
        source=source,
    )


def load_gvdb(data_dir: Path, limit: int | None = None) -> list[tuple[Article, GvdbGold]]:
    """(Article, gold) pairs from gvdb/dev.tsv in file order; rows with unreadable annotations are left out."""
    path = require(data_dir / "gvdb" / "dev.tsv", "GVDB dev file")
    csv.field_size_limit(sys.maxsize)  # full texts exceed csv's 128 kB default
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if limit is not None and len(out) >= limit:
                break
            try:
                gold = parse_gold(row.get("Json") or "", row.get("Full text") or "")
            except (json.JSONDecodeError, AttributeError, TypeError):
                continue
            out.append((article_of(row, f"{path}#{row.get('Article id', '')}"), gold))
    return out


def same_city(gold: str, ours: str) -> bool:
    """Spelling-only differences ("St. Louis" / "Saint Louis", "DeSoto" / "De Soto") are the same city."""
    return city_key(gold) == city_key(ours)


def _people_for(gold: GvdbGold, report: Report, gold_role: str) -> tuple[Person, ...]:
    """Which of our people a gold victim/shooter list is compared with (docs/evaluation.md, "role mapping")."""
    victims = report.subjects_victims() if gold_role == "victim" else ()
    if gold.by_police != gold.at_police:  # exactly one direction: the roles map one to one
        police_shot = gold.by_police
        officer_side = "shooter" if police_shot else "victim"
        hit = tuple(p for p in report.people if p.role == "bystander") if gold_role == "victim" else ()
        return (*(report.officers() if gold_role == officer_side else report.subjects()), *hit, *victims)
    return (*report.people, *victims)  # not a police shooting (or both directions): any person may be the one


def _count(outcomes: Iterable[str | None], kind: str) -> int | None:
    """How many have outcome `kind`; None when no outcome at all is known (nothing to compare)."""
    known = [o for o in outcomes if o]
    return sum(o == kind for o in known) if known else None


def score_article(scorer: Scorer, doc: str, gold: GvdbGold, report: Report | None) -> None:
    report = report or Report(article_id=doc)
    scorer.single("city", doc, gold.city, fact_value(report.city), same_city)
    scorer.single("city (lenient)", doc, gold.city, fact_value(report.city), contains_words)
    scorer.single("state", doc, gold.state, fact_value(report.state))
    # GVDB annotators chose "Unclear" when the text does not spell the state out ("MILWAUKEE —"): a right answer
    # there counts as spurious above, so the fields are also scored where gold gives a value.
    if gold.state:
        scorer.single("state (gold names one)", doc, gold.state, fact_value(report.state))
    if gold.city:
        scorer.single("city (gold names one)", doc, gold.city, fact_value(report.city), same_city)
    scorer.single("incident_date", doc, gold.date, as_date(fact_value(report.incident_date)))
    if report.published:  # "Tuesday" can only be resolved when the URL gave a publication date
        scorer.single("date (URL date known)", doc, gold.date, as_date(fact_value(report.incident_date)))
    for role, people in (("victim", gold.victims), ("shooter", gold.shooters)):
        scorer.sets(
            f"{role}.name",
            doc,
            [p["name"] for p in people],
            [fact_value(p.name) for p in _people_for(gold, report, role)],
            names_match,
        )
    # Roles aside: every annotated victim and shooter name against every name we extracted. Annotators often left
    # names out, so the articles where they gave at least one are scored apart (precision is meaningful there).
    gold_names = [p["name"] for p in (*gold.victims, *gold.shooters) if p["name"]]
    shot = (*report.people, *report.subjects_victims())
    our_names = [fact_value(p.name) for p in shot]
    scorer.sets("names (victims + shooters)", doc, gold_names, our_names, names_match)
    if gold_names:
        scorer.sets("names (gold names someone)", doc, gold_names, our_names, names_match)
    scorer.sets("ages", doc, [p["age"] for p in (*gold.victims, *gold.shooters)], [fact_value(p.age) for p in shot])
    ours = [fact_value(p.outcome) for p in shot]
    for kind in ("killed", "injured"):
        scorer.single(f"{kind} count", doc, _count((v["outcome"] for v in gold.victims), kind), _count(ours, kind))


def evaluate_gvdb(data_dir: Path, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    items = load_gvdb(data_dir, limit)
    run = run_stages([a for a, _ in items], settings)
    screening, extraction, police_only = Scorer(), Scorer(), Scorer()
    for article, gold in items:
        doc = article.source.rsplit("#", 1)[-1]
        screened = run.screenings.get(article.id)
        if screened is not None:
            screening.binary("police involved", doc, gold.police, screened.is_ois)
            screening.binary("by police", doc, gold.by_police, screened.police_fired)
            screening.binary("at police", doc, gold.at_police, screened.shot_at_police)
        report = run.reports.get(article.id)
        score_article(extraction, doc, gold, report)
        if gold.police:
            score_article(police_only, doc, gold, report)
    n_police = sum(g.police for _, g in items)
    roles = score_roles(
        [(a.source.rsplit("#", 1)[-1], g.roles, predicted_roles(run.reports.get(a.id), a.text)) for a, g in items]
    )
    return {
        "dataset": "gvdb",
        "articles": len(items),
        "gold_police": n_police,
        "sections": {
            f"screening (all {len(items)})": screening.fields(TARGETS),
            f"extraction (all {len(items)})": extraction.fields(TARGETS),
            f"extraction (gold police, {n_police})": police_only.fields(TARGETS),
        },
        "argmatch": {k: v for k, v in roles.items() if k != "errors"},
        "errors": {**screening.errors, **extraction.errors, **{f"argmatch {k}": v for k, v in roles["errors"].items()}},
        "skipped": [s.reason for s in run.skipped],
        "notes": run.notes,
    }
