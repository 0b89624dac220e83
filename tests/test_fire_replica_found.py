"""Fictional articles (issue 8, thirtieth pass): who fired and with what.

- "the man shot at the officers first" says the subject fired first, words between the verb and "first";
- a subject whose only weapon was a replica ("what turned out to be a pellet gun") did not fire: the gun words of
  a replica's own sentence are no firearm;
- "deputies did not return fire" is no exchange of fire: they did not fire;
- "three officers fired a total of 14 shots" is three officers who fired (the shots are the object's "of");
- "him" in "Roe fired the shots that killed him" is not Roe, who fired them;
- a weapon police found ("investigators found a knife near his body") is the subject's, as "a knife was found"
  is, not the finders'.
"""

from __future__ import annotations

from ois.models import fact_value
from tests.articles import report


def test_shot_at_the_officers_first_is_the_subject_first(model):
    r = report(
        model,
        "Police shoot man\n\n"
        "HARLOW, Ohio - Police shot and killed a man Saturday. The man shot at the officers first, and they "
        "returned fire, police said.",
    )
    assert fact_value(r.first_shot_by) == "subject"


def test_a_subject_with_a_pellet_gun_did_not_fire(model):
    r = report(
        model,
        "Police shoot man\n\n"
        "HARLOW, Ohio - Police shot and killed a man Saturday who was holding what turned out to be a pellet gun, "
        "police said.",
    )
    assert fact_value(r.subject_fired) is False


def test_a_knife_investigators_found_is_the_subjects(model):
    r = report(
        model,
        "Police shoot man\n\n"
        "HARLOW, Ohio - Police shot and killed a man Saturday. Investigators found a knife near his body, police "
        "said.",
    )
    assert [fact_value(p.armed) for p in r.people if p.role == "subject"] == ["knife"]


def test_deputies_who_did_not_return_fire_did_not_fire(model):
    r = report(
        model,
        "Man charged after firing at deputies during chase\n\n"
        "HARLOW, Ohio - A man was charged with assault on a peace officer after he fired at deputies during a "
        "chase early Sunday, the sheriff's office said. No deputies were hit, and deputies did not return fire. "
        "The man, Lou Marsh, 23, crashed his car and was arrested.",
    )
    assert (fact_value(r.officer_fired), fact_value(r.subject_fired)) == (False, True)


def test_three_officers_who_fired_a_total_of_shots_are_three(model):
    r = report(
        model,
        "Police shoot man\n\n"
        "HARLOW, Ohio - Police shot and killed a man Saturday. Three officers fired a total of 14 shots, the chief "
        "said.",
    )
    assert fact_value(r.officer_count) == 3


def test_him_of_the_shots_an_officer_fired_is_not_the_officer(model):
    r = report(
        model,
        "Police shoot man\n\n"
        "HARLOW, Ohio - Police shot and killed a man Saturday. Sgt. Dale Roe, a 15-year veteran, fired the shots "
        "that killed him, police said.",
    )
    officers = [(fact_value(p.name), fact_value(p.outcome)) for p in r.people if p.role == "officer"]
    assert officers == [("Dale Roe", None)] and fact_value(r.subject_fired) is not True
