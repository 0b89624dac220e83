"""What the extraction reads people into: `Referent` (a name cluster's index or a description's id), the
`Entity` a description introduces and the `Event`s sentences tell of referents (see `entities.py`)."""

from __future__ import annotations

from dataclasses import dataclass

Referent = int | str  # name cluster index, or Entity.id


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


@dataclass(frozen=True)
class Event:
    # fired | outcome | shot_by (value: the doer) | shot_by_police | shot_police | involved | alias | member (of the
    # group in value) | armed | weapon | age | gender | race | apart (value: someone the referent is not) | listed
    # (value: someone listed with the referent: "he and another deputy") | gun_noun (called "the gunman": "gun")
    kind: str
    referent: Referent
    value: object
    sentence: int
