"""Fictional articles (issue 8, thirty-sixth pass): other cases a story recalls without a year, and by-phrases the
parse loses.

- "where Tom Varn was killed by police officers last November", "A year and a half ago, Lila Voss was killed", "an
  Oct. 13 gang shooting in which Tom Varn was murdered" are other cases (lexicon `recalled_date`: "last", "an", "the"
  before a month and day, read by `cues._recalled` after a lead that tells its shooting's day; `background`: "a year
  and a half ago") - while the lead's own chase stays the story's;
- "compared the shooting to that of X", "two men killed by police in other cities", "the latest in a string of police
  killings, including X, who ..." recall other cases (lexicon `background`): their people are neither participants
  nor counted;
- "officials say a woman fatally shot by one or more deputies was struck by accident": the parse reads "by" as a plain
  preposition (`slips.misread_by`); "the sister of a man shot and killed by an officer told reporters": the man was
  shot, not by his sister (`slips.owner_shot`).
"""

from __future__ import annotations

import datetime as dt

import pytest

from ois.models import fact_value
from tests.articles import READERS, report

READ = {
    **READERS,
    "subject count": lambda r: fact_value(r.subject_count),
}
_PROTEST = (
    "Officer shoots man in Harlow\n\nHARLOW, Ohio - A Harlow police officer shot and killed Dale Roe, 41, on Thursday "
    "after Roe pulled a gun during a traffic stop, police said. Protesters outside the station chanted the names of "
    "Tom Varn and Lila Voss, two men killed by police in other cities whose deaths set off national protests."
)
_STRING = (
    "Deputy kills man\n\nHARLOW, Ohio - A sheriff's deputy shot and killed Dale Roe, 41, on Thursday after Roe "
    "attacked him with a knife, the sheriff said. Roe's death is the latest in a string of police killings in the "
    "region, including Tom Varn, who was shot by Tarnow officers, and Lila Voss, who died after a deputy fired into "
    "her car."
)
_GANG = (
    "Trooper wounds man in Harlow\n\nHARLOW, Ohio - A state trooper shot and wounded Dale Roe on Thursday after a "
    "chase, police said. Authorities have long said the chase followed an Oct. 13 gang shooting in which Tom Varn was "
    "murdered. That shooting led to others, including an Oct. 18 shooting that killed 19-year-old Lila Voss."
)


@pytest.mark.parametrize(
    ("story", "what", "expected"),
    [
        pytest.param(
            "Man shot by officers after standoff\n\nHARLOW, Ohio - Police shot and wounded a man who fired at "
            "officers during a standoff Thursday, authorities said. The man's home is a few yards from where Tom "
            "Varn was killed by police officers during a confrontation last November.",
            "mentioned",
            {"Tom Varn": "earlier case"},
            id="last-november",
        ),
        pytest.param(
            "Officer shoots teen in Harlow\n\nHARLOW, Ohio - An officer shot a 17-year-old boy who pointed a gun at "
            "him Thursday, police said. A year and a half ago, 12-year-old Lila Voss was killed in the crossfire of a "
            "shootout on the same block.",
            "mentioned",
            {"Lila Voss": "earlier case"},
            id="a-year-and-a-half-ago",
        ),
        pytest.param(
            _GANG,
            "mentioned",
            {"Tom Varn": "earlier case", "Lila Voss": "earlier case"},
            id="an-october-day-months-before",
        ),
        pytest.param(_GANG, "named", {"Dale Roe": ("subject", "injured")}, id="the-chase-is-this-story"),
        pytest.param(
            "Officer shoots teen\n\nHARLOW, Ohio - A police officer shot and wounded a 16-year-old boy on Thursday, "
            "police said. The boy's family compared the shooting to that of Tom Varn, who was killed by an officer "
            "in Tarnow while holding a toy gun.",
            "named",
            {},
            id="compared-to-that-of",
        ),
        pytest.param(_PROTEST, "subject count", 1, id="two-men-killed-in-other-cities-are-not-counted"),
        pytest.param(_STRING, "named", {"Dale Roe": ("subject", "killed")}, id="a-string-of-killings-including"),
        pytest.param(
            _STRING, "mentioned", {"Tom Varn": "earlier case", "Lila Voss": "earlier case"}, id="the-string-recalled"
        ),
        pytest.param(
            "Deputies shoot woman\n\nHARLOW, Ohio - Sheriff's officials say a 62-year-old woman fatally shot by one or "
            "more deputies on Nine Acre Road was struck by accident. The deputies had gone to the duplex after a 911 "
            "call on Saturday.",
            "people",
            [("subject", "killed", None)],
            id="fatally-shot-by-officers-is-passive",
        ),
        pytest.param(
            "Family speaks\n\nHARLOW, Ohio - The sister of a 41-year-old man shot and killed by a Harlow police "
            "officer told reporters that he had no weapon. The officer fired six times on Saturday, police said.",
            "people",
            [("officer", None, True), ("subject", "killed", False)],
            id="the-sister-of-a-man-shot-by-an-officer",
        ),
    ],
)
def test_recalled_cases(model, story, what, expected):
    assert READ[what](report(model, story, dt.date(2026, 5, 15))) == expected
