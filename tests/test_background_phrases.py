"""Fictional article (issue 8): a sentence saying police "have not released any names related to the case" recalls
no other case (only "not related to", "not believed to be linked to" do), so who fired in it is this shooting's."""

from __future__ import annotations

from ois.models import fact_value
from tests.articles import report


def test_names_not_released_in_the_case_is_no_other_case(model):
    r = report(
        model,
        "Man wounded in Halden\n\nHALDEN, Mont. — A man opened fire at a party on Sunday. A deputy then shot the "
        "man, though police have not released any names related to the case.",
    )
    assert fact_value(r.officer_fired) is True
    assert [fact_value(p.fired) for p in r.officers()] == [True]
