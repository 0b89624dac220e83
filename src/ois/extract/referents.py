"""What the extraction reads people into: `Referent` (a name cluster's index or a description's id), the
`Entity` a description introduces and the `Event`s sentences tell of referents (see `entities.py`); which noun
classes one description may take up from another, and the outcome a person noun's adjective states."""

from __future__ import annotations

from dataclasses import dataclass

from ois import data

Referent = int | str  # name cluster index, or Entity.id

# Noun classes a definite description may take up from an earlier one: "a man ... the suspect" is the man when the
# story calls him that; "a gunman ... the victim" is not.
CLASS_LINKS = frozenset({("suspect", "person"), ("victim", "person"), ("person", "suspect"), ("person", "victim")})


@dataclass
class Entity:
    """A person (or a group) the text describes without naming."""

    id: str
    side: str  # "officer" | "subject" | "bystander"
    noun: str  # the lemma that introduced it
    noun_class: str  # the noun's class in the lexicon ("suspect", "victim", "person", "officer", ...)
    gender: str | None
    plural: bool
    sentence: int  # where it is first described
    headline: bool = False  # first described in a headline, and not yet taken up by the story
    distinct: bool = False  # introduced as someone else ("another man", "a second officer")
    ordinal: str | None = None  # the ordinal that introduced it ("second"): "the third officer" is someone else


@dataclass(frozen=True)
class Event:
    # fired | outcome | shot_by (value: the doer) | shot_by_police | shot_police | fired_on (officers someone not of
    # the police fired at) | involved | alias | member (of the group in value) | armed | weapon | age | gender | race
    # | apart (value: someone the referent is not) | listed (value: someone listed with the referent: "he and another
    # deputy") | gun_noun (called "the gunman": "gun")
    kind: str
    referent: Referent
    value: object
    sentence: int


def outcome_of(tok) -> str:
    """The outcome an adjective or a participle of a person noun states ("the slain officer", "the man killed" killed,
    "the wounded officer" injured; lexicon `outcome_adjectives`; not "who could have killed"): what the story says
    happened to the person the noun refers to ("": none)."""
    words = data.load("people_lexicon")["outcome_adjectives"]
    said = (c for c in tok.children if c.dep_ == "amod" or (c.dep_ == "acl" and c.tag_ == "VBN"))  # "the man killed"
    return next((words[c.lower_] for c in said if c.lower_ in words), "")
