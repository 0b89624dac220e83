"""Fictional articles where a chief or a sheriff is one of the officers shot (issue 8): "Police Chief Lou Marsh
was shot" makes Marsh an officer of the shooting, not a spokesman, as does "Chief of Police Lou Marsh was hit by a
bullet" (the small model hangs that name on "of"), and "Deputy Dale Roe and Police Chief Lou Marsh were shot" wounds
both; a chief who only speaks about a shooting stays a source; "killed a police officer" is the officer who died."""

from __future__ import annotations

from ois.models import Report, fact_value
from tests.articles import report


def officers(r: Report) -> dict[str, str | None]:
    return {fact_value(p.name): fact_value(p.outcome) for p in r.officers() if p.name is not None}


def test_a_deputy_and_a_chief_listed_as_shot_are_both_wounded_officers(model):
    r = report(
        model,
        "Deputy and chief hurt in Halden gunfire\n\n"
        "HALDEN, Mont. (AP) — Two lawmen were hurt Tuesday morning. Investigators said Deputy Dale Roe and Larkin "
        "Police Chief Lou Marsh were shot by Ty Evers, 40, as they walked up the driveway of his farm. Sheriff Tom "
        "Varn said Evers was arrested.",
    )
    assert officers(r) == {"Dale Roe": "injured", "Lou Marsh": "injured"}
    assert "Tom Varn" not in {fact_value(p.name) for p in r.people}


def test_chief_of_police_hit_by_a_bullet_is_an_officer_and_a_killed_one_is_the_dead_one(model):
    r = report(
        model,
        "Officer Dead, Chief Hurt in Halden Gunfight\n\n"
        "A gunfight at a farmhouse near Halden on Tuesday killed a police officer and hurt another, Harlow County "
        "Sheriff Tom Varn said.\n\n"
        "A neighbor had called about Ty Evers, 51, who was waving a rifle, Varn said. Deputies took cover when Evers "
        "started shooting.\n\n"
        "Evers gave up to police five hours later, Varn said.\n\n"
        "Harlow County Deputy Dale Roe died that afternoon at a hospital. He had been hit in the chest, Varn said.\n\n"
        "Larkin Chief of Police Lou Marsh was hit in the arm by a bullet and went home that evening.",
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
