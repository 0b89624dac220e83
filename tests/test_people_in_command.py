"""Fictional articles where a chief or a sheriff is one of the officers shot (issue 8): "Police Chief Lou Marsh
was shot" makes Marsh an officer of the shooting, not a spokesman, as does "Chief of Police Lou Marsh was grazed by a
bullet" (the small model hangs that name on "of"), and "Deputy Dale Roe and Police Chief Lou Marsh were shot" wounds
both; a chief who only speaks about a shooting stays a source; "one officer killed" is the officer who died."""

from __future__ import annotations

from ois.models import Report, fact_value
from tests.articles import report


def officers(r: Report) -> dict[str, str | None]:
    return {fact_value(p.name): fact_value(p.outcome) for p in r.officers() if p.name is not None}


def test_a_deputy_and_a_chief_listed_as_shot_are_both_wounded_officers(model):
    r = report(
        model,
        "Two officers wounded in Halden\n\n"
        "HALDEN, Mont. (AP) — A county deputy and a city police chief were wounded Tuesday. Sheriff Tom Varn said "
        "that Deputy Dale Roe and Halden Police Chief Lou Marsh were shot by 40-year-old Ty Evers when they arrived "
        "at his home around 7 a.m. Evers was arrested.",
    )
    assert officers(r) == {"Dale Roe": "injured", "Lou Marsh": "injured"}
    assert "Tom Varn" not in {fact_value(p.name) for p in r.people}


def test_chief_of_police_grazed_by_a_bullet_is_an_officer_and_one_killed_is_the_dead_one(model):
    r = report(
        model,
        "1 Police Officer Dead, Another Injured in Halden Standoff\n\n"
        "A standoff at a Halden home on Tuesday has killed one police officer and injured another, Harlow County "
        "Sheriff Tom Varn said.\n\n"
        "Around 7 a.m., a neighbor called 911 about 51-year-old Ty Evers, Varn said. Deputies found Evers holding a "
        "rifle. The officers took cover as Evers began to fire.\n\n"
        "Evers surrendered to police five hours later, Varn said.\n\n"
        "Harlow County Sheriff's Deputy Dale Roe was pronounced dead at 1 p.m. after surgery. He sustained a gunshot "
        "wound to his neck, Varn said.\n\n"
        "Larkin Chief of Police Lou Marsh was grazed by a bullet and has been released from the hospital.",
    )
    assert officers(r) == {"Dale Roe": "killed", "Lou Marsh": "injured"}
    assert len(r.officers()) == 2


def test_a_chief_who_only_speaks_stays_a_source(model):
    r = report(
        model,
        "Officers shoot man in Halden\n\n"
        "HALDEN, Mont. — Officers shot and wounded a man who fired at them on Tuesday. Police then shot him again "
        "as he ran, said Halden Police Chief Lou Marsh.",
    )
    assert "Lou Marsh" not in {fact_value(p.name) for p in r.people}
