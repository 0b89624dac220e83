"""Fictional sample data for tests, screenshots, exports and load tests of the readers (no extractor needed).

Every article here is invented. `build_sample_store` writes three incidents: a fatal one with two outlets that
disagree, a non-fatal one where an officer was shot, and one whose article is hostile (markup, script, a
`javascript:` URL) to prove the UI escapes everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ois.models import Alternative, Article, Cue, Fact, Incident, MergedField, Person, Report, Screening, Span
from ois.store import Store

HOSTILE = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def span_of(text: str, sentence: str) -> Span:
    start = text.index(sentence)
    return Span(start, start + len(sentence), sentence)


def fact(text: str, sentence: str, value: Any) -> Fact:
    return Fact(value, span_of(text, sentence))


def merged(
    value: Any, support: Sequence[tuple[str, Fact | None]], conflicts: Sequence[Alternative] = ()
) -> MergedField:
    """A merged field from (report id, fact) pairs that agree on `value`."""
    return MergedField(
        value, tuple(r for r, _ in support), tuple(f.evidence for _, f in support if f), tuple(conflicts)
    )


def _article(title: str, body: str, outlet: str, published: dt.date, url: str | None) -> Article:
    text = f"{title}\n\n{body}"
    return Article(Article.make_id(text, url), title, text, url, published, outlet, source="sample")


def _fatal() -> tuple[list[Article], list[Report], Incident]:
    a1 = _article(
        "Man killed in police shooting on Elm Street",
        "Springfield police shot and killed a man on Elm Street on Tuesday night, officials said. "
        "The man, identified as Darren Okafor, 34, was holding a knife when officers arrived. "
        "Officers fired five shots, according to the department. "
        "Body camera video of the shooting will be released, the chief said.",
        "Springfield Ledger",
        dt.date(2024, 3, 6),
        "https://ledger.example/elm-street-shooting",
    )
    a2 = _article(
        "Police identify man shot on Elm Street",
        "The man shot by Springfield police on March 5 was Darren Okafor, 35, his family said. "
        "Witnesses said officers fired six shots. "
        "Okafor died at the scene.",
        "Capital Courier",
        dt.date(2024, 3, 7),
        "https://courier.example/okafor",
    )
    t1, t2 = a1.text, a2.text
    date1 = fact(
        t1,
        "Springfield police shot and killed a man on Elm Street on Tuesday night, officials said.",
        dt.date(2024, 3, 5),
    )
    date2 = fact(
        t2, "The man shot by Springfield police on March 5 was Darren Okafor, 35, his family said.", dt.date(2024, 3, 5)
    )
    name1 = fact(
        t1, "The man, identified as Darren Okafor, 34, was holding a knife when officers arrived.", "Darren Okafor"
    )
    age1 = Fact(34, name1.evidence)
    age2 = Fact(35, date2.evidence)
    knife = Fact("knife", name1.evidence)
    shots1 = fact(t1, "Officers fired five shots, according to the department.", 5)
    shots2 = fact(t2, "Witnesses said officers fired six shots.", 6)
    video = fact(t1, "Body camera video of the shooting will be released, the chief said.", "body camera")
    died = fact(t2, "Okafor died at the scene.", "killed")
    city = Fact("Springfield", date1.evidence)
    r1 = Report(
        a1.id,
        incident_date=date1,
        city=city,
        state=Fact("IL", date1.evidence),
        agency=Fact("Springfield Police Department", date1.evidence),
        shots=shots1,
        video=(video,),
        people=(Person("subject", name=name1, age=age1, armed=knife, outcome=Fact("killed", date1.evidence)),),
        published=a1.published,
    )
    r2 = Report(
        a2.id,
        incident_date=date2,
        city=Fact("Springfield", date2.evidence),
        shots=shots2,
        people=(Person("subject", name=Fact("Darren Okafor", date2.evidence), age=age2, outcome=died),),
        published=a2.published,
    )
    ids = (a1.id, a2.id)
    incident = Incident(
        id="inc-springfield",
        report_ids=ids,
        fields={
            "incident_date": merged(dt.date(2024, 3, 5), [(a1.id, date1), (a2.id, date2)]),
            "city": merged("Springfield", [(a1.id, city), (a2.id, r2.city)]),
            "state": merged("IL", [(a1.id, r1.state)]),
            "agency": merged("Springfield Police Department", [(a1.id, r1.agency)]),
            "shots": merged(5, [(a1.id, shots1)], [Alternative(6, (a2.id,), (shots2.evidence,))]),
            "video": merged(["body camera"], [(a1.id, video)]),
        },
        people=(
            {
                "role": merged("subject", [(a1.id, None), (a2.id, None)]),
                "name": merged("Darren Okafor", [(a1.id, name1), (a2.id, r2.people[0].name)]),
                "age": merged(34, [(a1.id, age1)], [Alternative(35, (a2.id,), (age2.evidence,))]),
                "armed": merged("knife", [(a1.id, knife)]),
                "outcome": merged("killed", [(a1.id, r1.people[0].outcome), (a2.id, died)]),
            },
        ),
        first_published=a1.published,
        last_published=a2.published,
    )
    return [a1, a2], [r1, r2], incident


def _officer_shot() -> tuple[list[Article], list[Report], Incident]:
    a = _article(
        "Tulsa officer wounded in exchange of gunfire",
        "A Tulsa police officer was shot in the leg early Saturday during a traffic stop, police said. "
        "The driver, a 22-year-old man, fired a handgun at the officer, who returned fire. "
        "The driver was wounded and taken into custody.",
        "Tulsa Daily Star",
        dt.date(2023, 11, 12),
        "https://star.example/tulsa-officer",
    )
    t = a.text
    date = fact(
        t,
        "A Tulsa police officer was shot in the leg early Saturday during a traffic stop, police said.",
        dt.date(2023, 11, 11),
    )
    gun = fact(t, "The driver, a 22-year-old man, fired a handgun at the officer, who returned fire.", "gun")
    wounded = fact(t, "The driver was wounded and taken into custody.", "injured")
    report = Report(
        a.id,
        incident_date=date,
        city=Fact("Tulsa", date.evidence),
        state=Fact("OK", date.evidence),
        agency=Fact("Tulsa Police Department", date.evidence),
        people=(
            Person("officer", outcome=Fact("injured", date.evidence)),
            Person(
                "subject", age=Fact(22, gun.evidence), gender=Fact("male", gun.evidence), armed=gun, outcome=wounded
            ),
        ),
        published=a.published,
    )
    one = [(a.id, date)]
    incident = Incident(
        id="inc-tulsa",
        report_ids=(a.id,),
        fields={
            "incident_date": merged(dt.date(2023, 11, 11), one),
            "city": merged("Tulsa", one),
            "state": merged("OK", one),
            "agency": merged("Tulsa Police Department", one),
        },
        people=(
            {"role": merged("officer", one), "outcome": merged("injured", one)},
            {
                "role": merged("subject", one),
                "age": merged(22, [(a.id, report.people[1].age)]),
                "gender": merged("male", [(a.id, report.people[1].gender)]),
                "armed": merged("gun", [(a.id, gun)]),
                "outcome": merged("injured", [(a.id, wounded)]),
            },
        ),
        first_published=a.published,
        last_published=a.published,
    )
    return [a], [report], incident


def _hostile() -> tuple[list[Article], list[Report], Incident]:
    a = Article(
        Article.make_id("hostile", "javascript:alert(3)"),
        f"Police shooting {HOSTILE}",
        f"Police shooting {HOSTILE}\n\nOfficers in Dayton shot a man {HOSTILE} on Monday, police said. "
        '"><svg onload=alert(2)> The man survived.',
        "javascript:alert(3)",
        dt.date(2022, 6, 14),
        f"<b>{HOSTILE}</b>",
        source="sample",
    )
    sentence = f"Officers in Dayton shot a man {HOSTILE} on Monday, police said."
    date = fact(a.text, sentence, dt.date(2022, 6, 13))
    agency = Fact(f"Dayton PD {HOSTILE}", date.evidence)
    report = Report(
        a.id,
        incident_date=date,
        city=Fact("Dayton", date.evidence),
        state=Fact("OH", date.evidence),
        agency=agency,
        published=a.published,
    )
    one = [(a.id, date)]
    incident = Incident(
        id="inc-hostile",
        report_ids=(a.id,),
        fields={
            "incident_date": merged(dt.date(2022, 6, 13), one),
            "city": merged("Dayton", one),
            "state": merged("OH", one),
            "agency": merged(f"Dayton PD {HOSTILE}", [(a.id, agency)]),
        },
        first_published=a.published,
        last_published=a.published,
    )
    return [a], [report], incident


def build_sample_store(path: str | Path) -> dict[str, Incident]:
    """Write the three sample incidents (and their articles, screenings, reports) to a new store at `path`."""
    store = Store(path)
    incidents = {}
    for articles, reports, incident in (_fatal(), _officer_shot(), _hostile()):
        for article, report in zip(articles, reports, strict=True):
            store.add_article(article)
            cue = Cue("police fired", 2.5, report.incident_date.evidence)
            store.add_screening(
                Screening(
                    article.id,
                    True,
                    3.5,
                    (cue,),
                    police_fired=True,
                    reason=f"police fired at a person (sample) {HOSTILE}",
                )
            )
            store.add_report(report)
        incidents[incident.id] = incident
    off_topic = _article(
        "City council approves budget",
        "The council approved the budget on Monday night.",
        "Springfield Ledger",
        dt.date(2024, 3, 1),
        None,
    )
    store.add_article(off_topic)
    store.add_screening(Screening(off_topic.id, False, 0.0, reason="no shooting cue"))
    store.replace_incidents(incidents.values())
    store.close()
    return incidents
