"""Fictional articles (issue 8): "both deputies" and "neither officer" are two officers - a group whose number
is the officer count when the pair fired, was shot or came through unhurt. Not a pair of people of both sides
("both men": the officer and the man he shot), which is no group of subjects."""

from __future__ import annotations

import pytest

from ois.models import fact_value
from tests.articles import report


@pytest.mark.parametrize(
    "text",
    [
        "Halden man shot by deputies\n\n"
        "HALDEN, Mont. - Deputies shot a man who drove his truck at them on Route 9 on Tuesday, the sheriff said. "
        "The man, Patrick Dunmore, 30, was hit in the leg. Both deputies fired.",
        "Halden man shot by police\n\n"
        "HALDEN, Mont. - Police shot a man who drove his truck at officers on Route 9 on Tuesday, the chief "
        "said. The man, Patrick Dunmore, 30, was hit in the leg. Neither officer was hurt.",
    ],
)
def test_both_deputies_and_neither_officer_are_two_officers(model, text):
    assert fact_value(report(model, text).officer_count) == 2


def test_both_men_shot_is_no_pair_of_subjects(model):
    r = report(
        model,
        "Officer and suspect both shot in Halden struggle\n\n"
        "HALDEN, Mont. - A Halden officer was shot during a struggle at a traffic stop on Thursday. His partner "
        "fired, and the gunfire struck both the officer and the suspect. Investigators say his partner shot both "
        "men by mistake.",
    )
    assert fact_value(r.subject_count) in (None, 1)
