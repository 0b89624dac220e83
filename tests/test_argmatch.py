"""The GVDB approximate-match metric (`ois.evaluation.argmatch`): which of our people fill the victim and shooter
roles, and how strings match."""

from __future__ import annotations

from ois.evaluation.argmatch import predicted_roles, score_roles, victim_and_shooter
from ois.models import Fact, Person, Report, Span

WHERE = Span(0, 10, "somewhere.")


def person(role: str, name: str | None = None, **facts: object) -> Person:
    values = {k: Fact(v, WHERE) for k, v in facts.items()}
    return Person(role, name=Fact(name, WHERE) if name else None, **values)


def names(report: Report) -> tuple[str | None, str | None]:
    victim, shooter = victim_and_shooter(report)
    return tuple(p.name.value if p and p.name else None for p in (victim, shooter))  # type: ignore[return-value]


def test_in_a_police_shooting_the_officer_fired_and_the_subject_was_shot():
    report = Report(
        "a",
        people=(person("officer", "Ann Roe", fired=True), person("subject", "Bo Doe", outcome="killed")),
        officer_fired=Fact(True, WHERE),
    )
    assert names(report) == ("Bo Doe", "Ann Roe")


def test_in_a_shooting_at_police_the_officer_was_shot():
    report = Report(
        "b",
        people=(person("officer", "Ann Roe", outcome="injured"), person("subject", "Bo Doe", fired=True)),
        subject_fired=Fact(True, WHERE),
    )
    assert names(report) == ("Ann Roe", "Bo Doe")


def test_without_police_the_victim_is_the_one_shot_who_did_not_fire():
    report = Report(
        "c",
        people=(
            person("subject", "Cy Poe", fired=True, accused="charged"),
            person("subject", "Di Moe", outcome="killed"),
        ),
    )
    assert names(report) == ("Di Moe", "Cy Poe")


def test_when_everyone_shot_also_fired_the_one_shot_is_the_victim():
    """An exchange of fire, or a child who shot himself: GVDB's victim is whoever was shot."""
    exchange = Report(
        "d",
        people=(
            person("subject", "Ed Loe", fired=True, outcome="injured"),
            person("subject", "Fa Woe", fired=True, accused="sought"),
        ),
    )
    assert names(exchange) == ("Ed Loe", "Fa Woe")
    alone = Report("e", people=(person("subject", None, fired=True, outcome="injured", age=4),))
    victim, shooter = victim_and_shooter(alone)
    assert victim is alone.people[0] and shooter is victim  # GVDB names him in both roles
    assert predicted_roles(alone)["VIC-AGE"] == predicted_roles(alone)["SHO-AGE"] == "4"


def test_a_role_matches_when_one_string_contains_the_other():
    scored = score_roles([("x", {"VIC-NAME": "Di Moe", "DAT-CITY": "Dunmore"}, {"VIC-NAME": "Moe", "SHO-NAME": "Cy"})])
    assert scored["roles"]["VIC-NAME"]["approximate"] == 1 and scored["roles"]["VIC-NAME"]["exact"] == 0
    assert scored["micro"]["gold"] == 2 and scored["micro"]["predicted"] == 2 and scored["micro"]["approximate"] == 1


def test_the_gun_type_is_a_named_type_of_firearm():
    def weapon(said: str) -> str | None:
        shooter = Person("subject", weapon=Fact("gun", WHERE, Span(0, len(said), said)), fired=Fact(True, WHERE))
        return predicted_roles(Report("w", people=(shooter,))).get("CIR-WEAPON")

    assert weapon("a .40-caliber handgun") == "a .40-caliber handgun"
    assert weapon("a gun") is None and weapon("firearm") is None  # no type
