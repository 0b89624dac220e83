"""Synthetic reports for resolution benchmarks: fictional incidents, each told by 1-6 articles.

Per incident: a date in 2014-2023, a town (Zipf-weighted, so big towns get many shootings the same week), a
subject and an officer with invented names. Its reports are wire copies (same sentences, shuffled), rewrites
(a surname-only mention, a one-letter spelling variant, a neighbouring "West ..." town), follow-ups weeks later
(no incident date, charges) and reports that miss the date, the place or the names. Texts are short leads built
from the same facts, so MinHash and salient terms have something to work with.

    python scripts/synth_reports.py 1000 > reports.jsonl     # JSON lines of models.to_dict(report) + text + gold
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from collections.abc import Iterator

from ois.models import Fact, Person, Report, Span, to_dict

SYLLABLES = (
    "ka",
    "lo",
    "ven",
    "tor",
    "mi",
    "dar",
    "es",
    "bel",
    "rin",
    "ash",
    "mon",
    "tel",
    "wick",
    "ham",
    "ol",
    "bra",
    "sel",
    "quin",
    "ford",
    "ly",
    "ner",
    "cas",
    "dal",
    "por",
    "vin",
    "gro",
    "ster",
    "tan",
)
STATES = (
    "AL",
    "AZ",
    "CA",
    "CO",
    "FL",
    "GA",
    "IL",
    "IN",
    "KY",
    "LA",
    "MI",
    "MO",
    "NC",
    "NY",
    "OH",
    "PA",
    "SC",
    "TN",
    "TX",
    "WA",
)
STREETS = ("Oak", "Main", "Palm Bay", "Cedar", "Elm", "Fernwood", "Market", "River", "Lincoln", "Hill")
EVIDENCE = Span(0, 1, "x")


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class World:
    """Pools of invented towns and names, so names repeat across incidents as real surnames do."""

    def __init__(self, rng: random.Random, n_incidents: int):
        n_towns = max(50, n_incidents // 40)
        self.towns = [(_word(rng, 2), rng.choice(STATES)) for _ in range(n_towns)]
        self.town_weights = [1 / (k + 1) for k in range(n_towns)]  # Zipf: a few big cities, a long tail
        self.first = [_word(rng, 2) for _ in range(400)]
        self.last = [_word(rng, 3) for _ in range(max(2000, n_incidents // 5))]


def _fact(value) -> Fact:
    return Fact(value, EVIDENCE)


def _variant(rng: random.Random, name: str) -> str:
    k = rng.randrange(1, len(name))
    return name[:k] + name[k] + name[k:]  # a doubled letter: Tompkins / Tomppkins


def _incident(rng: random.Random, world: World, n: int) -> dict:
    town, state = rng.choices(world.towns, world.town_weights)[0]
    return {
        "key": f"i{n}",
        "date": dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(3650)),
        "town": town,
        "state": state,
        "subject": (rng.choice(world.first), rng.choice(world.last)),
        "officer": (rng.choice(world.first), rng.choice(world.last)),
        "street": f"{rng.randrange(100, 9900)} block of {rng.choice(STREETS)} Street",
        "outcome": rng.choice(("killed", "injured")),
        "age": rng.randrange(16, 70),
    }


def _lead(inc: dict, subject: str, town: str, weekday: str) -> list[str]:
    return [
        f"Police in {town} shot {subject}, {inc['age']}, on {weekday} in the {inc['street']}.",
        f"{subject.split()[-1]} was {inc['outcome']} after an officer fired during a confrontation, police said.",
        f"Officer {' '.join(inc['officer'])} has been placed on administrative leave, as is routine.",
        f"Investigators from the state bureau will review the shooting near {inc['street']}.",
        "Anyone with information is asked to call the police department tip line.",
    ]


def reports_for(rng: random.Random, inc: dict, first_id: int) -> Iterator[tuple[Report, str]]:
    n_reports = min(6, 1 + int(rng.expovariate(1 / 0.9)))
    subject = " ".join(inc["subject"])
    original: list[str] = []
    for k in range(n_reports):
        kind = "original" if k == 0 else rng.choices(("copy", "rewrite", "followup", "sparse"), (3, 3, 2, 2))[0]
        published = inc["date"] + dt.timedelta(days=rng.choice((0, 1, 1, 2)))
        name, town, date = subject, inc["town"], inc["date"]
        legal = ()
        if kind == "rewrite":
            name = rng.choice((subject, inc["subject"][1], _variant(rng, subject)))
            town = rng.choice((town, town, f"West {town}"))
            date = date + dt.timedelta(days=rng.choice((0, 0, 0, 1)))
        elif kind == "followup":
            published = inc["date"] + dt.timedelta(days=rng.randrange(14, 400))
            date, name = None, inc["subject"][1]
            legal = (_fact({"kind": "charged", "detail": "aggravated assault on an officer"}),)
        elif kind == "sparse":
            date, town = (None, town) if rng.random() < 0.5 else (date, None)
            name = None if rng.random() < 0.5 else name
        sentences = _lead(inc, name or "a man", town or "the city", "Tuesday")
        if kind == "copy":
            sentences = rng.sample(original, len(original))
        elif k == 0:
            original = sentences
        officer = _fact(" ".join(inc["officer"])) if kind != "sparse" else None
        people = [
            Person("subject", _fact(name) if name else None, age=_fact(inc["age"]), outcome=_fact(inc["outcome"])),
            Person("officer", officer),
        ]
        report = Report(
            article_id=f"r{first_id + k:08d}",
            incident_date=_fact(date) if date else None,
            city=_fact(town) if town else None,
            state=_fact(inc["state"]) if town else None,
            people=tuple(people),
            legal=legal,
            published=published,
        )
        yield report, " ".join(sentences)


def generate(n: int, seed: int = 7) -> tuple[list[Report], dict[str, str], dict[str, str]]:
    """(reports, article id -> text, article id -> true incident key) for about n reports."""
    rng = random.Random(seed)
    world = World(rng, int(n / 1.9))
    reports: list[Report] = []
    texts, gold = {}, {}
    k = 0
    while len(reports) < n:
        inc = _incident(rng, world, k)
        k += 1
        for report, text in reports_for(rng, inc, len(reports)):
            if len(reports) >= n:
                break
            reports.append(report)
            texts[report.article_id] = text
            gold[report.article_id] = inc["key"]
    return reports, texts, gold


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    reports, texts, gold = generate(count)
    for r in reports:
        print(json.dumps({**to_dict(r), "text": texts[r.article_id], "incident": gold[r.article_id]}))
