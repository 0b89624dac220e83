"""Whom "he" means when he fires, on fictional articles: after "A man shot his neighbor, X", the one who "fired at
them" or "opened fire on them" is the man who shot, not X, the person nearest before the pronoun - so X is the
gunman's victim (mentioned), and what the gunman did is not X's."""

from __future__ import annotations

import pytest

from ois.models import fact_value
from tests.articles import READERS, report

NEIGHBOR = (
    "Man shot by deputies after shooting neighbor\n\n"
    "A man shot his neighbor, Lou Marsh, in Harlow on Friday. Marsh was taken to a hospital. When deputies arrived, "
    "he fired at them, and a deputy shot and killed him."
)
BROTHER = (
    "Man killed by deputies\n\n"
    "Travis Menkel shot his brother, Tom Menkel, in Harlow on Friday. When deputies arrived, he opened fire on them. "
    "Deputies shot Travis Menkel, who died at the scene."
)
SHOT_BY_POLICE = (
    "Man shot by officer\n\nAn officer shot Dale Roe in Harlow on Friday. He fired at the officer first, police said."
)


@pytest.mark.parametrize(
    ("text", "reader", "expected"),
    [
        (BROTHER, "mentioned", {"Tom Menkel": "victim of the subject"}),
        (BROTHER, "named", {"Travis Menkel": ("subject", "killed")}),
        # one police shot is still the "he" who fired (police are no gunman whose victim he would be)
        (SHOT_BY_POLICE, "people", [("officer", None, True), ("subject", "injured", True)]),
    ],
)
def test_he_who_fires_is_the_gunman_not_whom_he_shot(model, text, reader, expected):
    assert READERS[reader](report(model, text)) == expected


def test_the_one_a_gunman_shot_is_not_who_fired_at_deputies_next(model):
    out = report(model, NEIGHBOR)
    marsh = next(p for p in out.people + out.mentioned if p.name is not None and p.name.value == "Lou Marsh")
    assert marsh.fired is None and marsh.armed is None
    unnamed = [(p.role, fact_value(p.outcome), fact_value(p.fired)) for p in out.people if p.name is None]
    assert ("subject", "killed", True) in unnamed
