"""Clustering and people metrics of the longtail evaluation, and resolution of the shared seed articles (4 -> 3
incidents)."""

from __future__ import annotations

import pytest

from ois.evaluation.longtail import _bare, b_cubed, is_dev, pairwise, people_scores
from ois.models import Fact, Person, Report, Span
from ois.settings import Settings


def test_b_cubed_and_pairwise_on_a_small_clustering():
    gold = {"a": 1, "b": 1, "c": 1, "d": 2}
    ours = {"a": "x", "b": "x", "c": "y", "d": "y"}
    b3 = b_cubed(gold, ours)
    # precision: a,b 1; c 1/2; d 1/2 -> 3/4; recall: a,b 2/3; c 1/3; d 1 -> 2/3
    assert b3["precision"] == pytest.approx(0.75) and b3["recall"] == pytest.approx(2 / 3)
    pw = pairwise(gold, ours)
    assert (pw["gold_pairs"], pw["our_pairs"]) == (3, 2)
    assert pw["precision"] == pytest.approx(0.5) and pw["recall"] == pytest.approx(1 / 3)
    assert b_cubed(gold, gold)["f1"] == pytest.approx(1.0)


def _fact(value: str) -> Fact:
    return Fact(value, Span(0, 1, "x"))


def _shot(name: str, outcome: str = "killed") -> Person:
    return Person("subject", name=_fact(name), outcome=_fact(outcome))


def test_gva_names_lose_their_titles_and_nicknames():
    assert _bare(" Marine Gunnery Sgt Dale J. Roe") == "Dale J. Roe"
    assert _bare(' Dale "Dee" Roe, Jr.') == "Dale Roe Jr."
    assert _bare("Deputy") == "Deputy"


def test_named_people_shot_are_checked_against_the_incidents_participants():
    uri = next(str(n) for n in range(100) if is_dev(str(n)))
    unnamed = next(str(n) for n in range(100, 200) if is_dev(str(n)))
    records = {
        uri: {
            "participants": [{"Name": " Dale Roe", "Status": " Killed"}, {"Name": " Jo Kessel", "Status": " Injured"}]
        },
        unnamed: {"participants": [{"Status": " Killed"}]},  # GVA names nobody: nothing can be checked
    }
    reports = [
        Report(
            "a1", people=(_shot("Dale Roe"), _shot("Dana Whitley", "injured"), Person("officer", name=_fact("Jo Ames")))
        ),
        Report("a2", people=(_shot("Mark Tell"),)),
    ]
    scores, errors = people_scores(reports, {"a1": uri, "a2": unnamed}, records, Settings(env={}), dev=True)
    precision, recall = scores["named people shot (precision)"], scores["GVA people shot (recall)"]
    assert (precision["right"], precision["spurious"]) == (1, 1)  # the officer was not shot: not counted
    assert (recall["right"], recall["missed"]) == (1, 1)  # Jo Kessel is not named in the report
    assert errors == [{"article": "a1", "outcome": "spurious", "ours": "Dana Whitley"}]
    assert people_scores(reports, {"a1": uri}, records, Settings(env={}), dev=False)[0] == {
        "named people shot (precision)": {**precision, "right": 0, "spurious": 0, "precision": None},
        "GVA people shot (recall)": {**recall, "right": 0, "missed": 0, "recall": None},
    }


def test_the_subjects_victims_count_as_people_shot():
    """GVA lists everyone shot; a report keeps the people the subject shot as mentioned."""
    uri = next(str(n) for n in range(100) if is_dev(str(n)))
    records = {uri: {"participants": [{"Name": " Jo Kessel", "Status": " Injured"}]}}
    victim = Person("victim of the subject", name=_fact("Jo Kessel"), outcome=_fact("injured"))
    reports = [Report("a1", mentioned=(victim,))]
    scores, errors = people_scores(reports, {"a1": uri}, records, Settings(env={}), dev=True)
    assert scores["named people shot (precision)"]["right"] == 1 and scores["GVA people shot (recall)"]["right"] == 1
    assert errors == []


@pytest.mark.shared
def test_seed_articles_resolve_to_three_incidents(shared_data):
    from ois.evaluation.seeds import load_seeds
    from ois.extract import extract_many
    from ois.models import Report
    from ois.resolve import resolve
    from ois.settings import Settings

    settings = Settings(env={})
    pairs = load_seeds(shared_data)
    articles = [a for a, _ in pairs]
    reports = [r for r in extract_many(articles, settings) if isinstance(r, Report)]
    resolution = resolve(reports, {a.id: a.text for a in articles}, settings)
    ours = {r: inc.id for inc in resolution.incidents for r in inc.report_ids}
    gold = {a.id: g["incident_key"] for a, g in pairs}
    assert len(resolution.incidents) == len(set(gold.values())) == 3
    assert b_cubed(gold, ours)["f1"] == pytest.approx(1.0)


def test_synthetic_reports_resolve_well():
    import sys

    from tests.conftest import REPO

    sys.path.insert(0, str(REPO / "scripts"))
    from synth_reports import generate

    from ois.resolve import resolve
    from ois.settings import Settings

    reports, texts, gold = generate(600, seed=3)
    resolution = resolve(reports, texts, Settings(env={}))
    ours = {r: inc.id for inc in resolution.incidents for r in inc.report_ids}
    assert b_cubed(gold, ours)["f1"] >= 0.97
    assert resolution.copies  # the generator writes shuffled wire copies
