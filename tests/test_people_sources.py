"""Fictional articles where the story's sources, relatives and recalled cases are no participants: a headline's
attribution label ("Police: ...") is not who fired, a relative named later does not take up the headline's child, a
witness or a lawyer is never what "the gunman" or "the man" means, one whose fate is told only of another case is
mentioned (issue 8). A name right after a group noun ("told investigators X was") is no member of it: that rule has
no test here, as no fictional sentence we wrote made the small model read such a name as an apposition."""

from __future__ import annotations

import datetime as dt

import pytest

from ois import nlp
from ois.models import Report, fact_value
from tests import articles


def report(model, text: str) -> Report:
    return articles.report(model, text, dt.date(2023, 3, 14))


def outcomes(r: Report) -> dict[str | None, tuple[str, str | None]]:
    """name -> (role, outcome)."""
    return {p.name.value if p.name else None: (p.role, fact_value(p.outcome)) for p in r.people}


LABELLED = (
    "Deputies: Boy, 6, took pistol from nightstand, shot himself",
    "Police: Man fatally shoots 2, wounds 3 at Harlow bar",
)


@pytest.mark.parametrize("headline", LABELLED, ids=["deputies", "police-shooter"])
def test_a_headline_attribution_label_is_not_who_fired(model, headline):
    """The small model parses "Police" as the subject of "shot": no officer fired."""
    r = report(model, f"{headline}\n\nThe shooting happened on Sunday in Whitefish, police said.")
    assert fact_value(r.officer_fired) is not True
    assert not r.officers()


def test_the_label_is_no_argument_of_the_parse(model):
    parsed = nlp.parse(model, "Harlow police: Man shoots neighbor during argument")
    label = parsed.sentences()[0].doc[1]
    assert label.text == "police" and label.dep_ == "meta"
    said = nlp.parse(model, "He told them: the man had a gun.").sentences()[0].doc
    assert "meta" not in {t.dep_ for t in said}  # a colon after a verb ends no label


RELATIVE = (
    "2-year-old boy finds handgun, fatally shoots himself\n\n"
    "Lila Voss, the boy's aunt, has been charged with child neglect, police said Tuesday.\n\n"
    "WHITEFISH, Mont. - The boy died Sunday at a hospital after he found a loaded handgun in a bag at his home."
)


def test_a_relative_named_later_does_not_take_up_the_headline_child(model):
    """The headline's boy is nobody of another gender or age, nor someone's relative named as such: the aunt,
    charged, is not the one killed."""
    found = outcomes(report(model, RELATIVE))
    assert found["Lila Voss"][1] is None
    assert "killed" in {outcome for _, outcome in found.values()}
    assert next(p for p in report(model, RELATIVE).people if p.name).age is None  # the boy's age is not hers


RECALLED = (
    "Gunman killed by Harlow officers after store robbery\n\n"
    "A man robbed a store in Harlow on Friday night and fired at officers who arrived, police said.\n\n"
    '"Get on the floor," recalled Dale Roe, who was inside the store.\n\n'
    "The gunman was shot and killed."
)
NEIGHBOR = (
    "Harlow man shot by deputy\n\n"
    "A deputy shot an armed man outside a bar in Harlow on Sunday, the sheriff said.\n\n"
    '"I heard four shots," said Dale Roe, a neighbor. Roe called 911 and ran outside.\n\n'
    "The man was taken to a hospital with a wound to the leg."
)
LAWYER = (
    "Deputy shoots man in Harlow\n\n"
    "A deputy shot a man in Harlow on Sunday.\n\n"
    "Tom Varn, a lawyer, was at the scene. Varn watched from across the street.\n\n"
    "The man died at a hospital."
)


@pytest.mark.parametrize(
    ("text", "witness", "outcome"),
    [(RECALLED, "Dale Roe", "killed"), (NEIGHBOR, "Dale Roe", "injured"), (LAWYER, "Tom Varn", "killed")],
    ids=["recalled", "neighbor", "lawyer"],
)
def test_a_source_or_witness_is_not_the_man_the_story_describes(model, text, witness, outcome):
    """One who recalls a scene is a source ("recalled X"); a neighbor or a lawyer is never "the gunman" or "the man"
    shot: the outcome stays with an unnamed subject."""
    found = outcomes(report(model, text))
    assert witness not in found
    assert found[None] == ("subject", outcome)


RECALLED_CASE = (
    "Harlow officer shoots man who fired at him\n\n"
    "A Harlow police officer shot and wounded a man who fired at him outside a bar on Saturday, police said.\n\n"
    "Four years ago, Mara Voss, 9, was hit by a stray bullet near the same bar.\n\n"
    "Voss now attends college in Harlow and volunteers with a victims group."
)


def test_a_person_whose_fate_is_told_only_of_another_case_is_mentioned(model):
    """What happened to Mara Voss is told only in a sentence about an earlier case: named again since, she is no
    participant and takes up nobody of this shooting ("a man who fired")."""
    r = report(model, RECALLED_CASE)
    assert "Mara Voss" not in outcomes(r)
    assert [(fact_value(p.outcome), fact_value(p.fired)) for p in r.subjects()] == [("injured", True)]
    assert [(fact_value(p.name), p.role) for p in r.mentioned] == [("Mara Voss", "earlier case")]


CAME_AFTER = (
    "Officers shoot man in Harlow\n\n"
    "Harlow officers were called to a home on Sunday about a man walking in the road. Officers Lou Marsh and Ty "
    "Evers found Dale Roe behind the home. Roe came after the officers with a machete, and Evers shot and killed him."
)
BIOGRAPHY = (
    "Harlow officer killed, gunman dead after shootout\n\n"
    "A gunman shot and killed a Harlow police officer on Friday before officers killed him, police said.\n\n"
    "The department identified the slain officer as Officer Dana Kessel.\n\n"
    "Kessel, hired in 2011, was killed in the exchange, Chief Tom Varn said."
)


@pytest.mark.parametrize(
    ("text", "name", "role", "outcome"),
    [(CAME_AFTER, "Dale Roe", "subject", "killed"), (BIOGRAPHY, "Dana Kessel", "officer", "killed")],
    ids=["came-after-the-officers", "hired-in-2011"],
)
def test_a_sentence_of_this_shooting_is_no_recalled_case(model, text, name, role, outcome):
    """ "came after the officers" recalls nothing, and a sentence about another time only by its year ("hired in
    2011") keeps what it tells of this shooting."""
    assert outcomes(report(model, text))[name] == (role, outcome)


FATHER = (
    "Girl, 4, dead after shooting at Harlow home\n\n"
    "Dale Roe, the girl's father, drove her to a hospital in Harlow after the gun went off, Sheriff Tom Varn said.\n\n"
    "The child was pronounced dead there."
)
CREDIT = (
    "Girl, 4, dead after shooting at Harlow home\n\n"
    "Deputies closed Main Street in Harlow on Sunday after the shooting. Dale Roe photo/\n\n"
    "The sheriff said the girl was shot by her brother."
)


@pytest.mark.parametrize("text", [FATHER, CREDIT], ids=["named-as-the-girls-father", "photo-credit"])
def test_a_relative_or_a_photo_credit_does_not_take_up_the_headline_child(model, text):
    """ "Dale Roe, the girl's father," is someone's relative, "Dale Roe photo/" a credit: neither is the child of
    the headline, who stays unnamed."""
    r = report(model, text)
    assert "Dale Roe" not in outcomes(r)
    assert any(fact_value(p.outcome) in ("killed", "injured") for p in r.people if p.name is None)


def test_her_daughter_named_may_be_the_headline_woman(model):
    """ "her daughter, Lila Voss," is a relative of the mother who speaks, not of anyone the story describes: Voss
    is still the woman the headline says deputies shot."""
    text = (
        "Woman shot by Harlow deputies had refused to leave apartment, family says\n\n"
        "Relatives of the woman deputies shot during a standoff in Harlow said she had refused for hours to come "
        "out.\n\n"
        "Dana Kessel said she spoke by phone Monday with her daughter, Lila Voss, 23, as Voss sat in her apartment "
        "with a shotgun."
    )
    assert outcomes(report(model, text))["Lila Voss"] == ("subject", "injured")
