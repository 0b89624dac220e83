"""Fictional article (issue 8): a sentence saying "the sheriff's office has not disclosed any names related to the
shooting" recalls no other case (only "not related to", "not believed to be linked to" do): what it tells is this
shooting's."""

from __future__ import annotations

from ois.models import fact_value
from tests.articles import report


def test_names_not_disclosed_in_the_case_is_no_other_case(model):
    r = report(
        model,
        "Man wounded in Halden\n\nHALDEN, Mont. — A man opened fire at a party on Sunday. Deputies wounded him "
        "moments later; the sheriff's office has not disclosed any names related to the shooting.",
    )
    assert fact_value(r.officer_fired) is True
    assert fact_value(r.subjects()[0].outcome) == "injured"
