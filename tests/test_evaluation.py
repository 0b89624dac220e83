"""Evaluation: scoring rules, name matching, the seeds/GVDB loaders on tiny fictional files, the CLI command."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ois.cli import app
from ois.evaluation import DataMissing, evaluate
from ois.evaluation.gvdb import date_from_url, load_gvdb, score_article
from ois.evaluation.metrics import (
    Scorer,
    Tally,
    clustering_scores,
    compare,
    contains_words,
    f1,
    names_match,
)
from ois.evaluation.seeds import agency_match, align, load_seeds, officer_outcome, score_report
from ois.models import Fact, Person, Report, Span
from ois.settings import Settings

runner = CliRunner()
EVIDENCE = Span(0, 4, "text")


def fact(value: object) -> Fact:
    return Fact(value, EVIDENCE)


# --- metrics -------------------------------------------------------------------------------------------------


def test_tally_precision_recall_f1_by_hand():
    tally = Tally(right=3, wrong=1, missed=1, spurious=1)
    assert tally.precision == pytest.approx(3 / 5)
    assert tally.recall == pytest.approx(3 / 5)
    assert tally.f1 == pytest.approx(0.6)
    lopsided = Tally(right=2, wrong=0, missed=2, spurious=0)
    assert (lopsided.precision, lopsided.recall) == (1.0, 0.5)
    assert lopsided.f1 == pytest.approx(2 / 3)


def test_f1_edge_cases():
    assert Tally().f1 is None  # nothing seen: no score, not 0
    assert Tally(missed=3).f1 == 0.0  # gold said something, we said nothing
    assert Tally(spurious=2).f1 == 0.0
    assert f1(0.0, 0.0) == 0.0


def test_compare_bins():
    assert compare("Estill", "estill") == "right"  # case and spacing do not matter
    assert compare("Estill", "Flint") == "wrong"
    assert compare("Estill", None) == "missed"
    assert compare(None, "Flint") == "spurious"
    assert compare(None, None) is None
    assert compare(False, False) == "right"  # False is a value, not "empty"


def test_contains_words_is_whole_word():
    assert contains_words("New Orleans East", "New Orleans")
    assert contains_words("DETROIT", "Detroit")
    assert not contains_words("Yorktown", "York")
    assert not contains_words("", "York")


def test_scorer_sets_pairs_names_one_to_one():
    scorer = Scorer()
    scorer.sets("name", "a1", ["Quincy Smith", "Orr"], ["Officer Quincy Smith", "Malcolm Orr", "Jane Roe"], names_match)
    tally = scorer.tallies["name"]
    assert (tally.right, tally.missed, tally.spurious) == (2, 0, 1)
    assert scorer.errors["name"][0]["n"] == 1 and scorer.errors["name"][0]["outcome"] == "spurious"


def test_scorer_binary_counts_classification():
    scorer = Scorer()
    for gold, ours in ((True, True), (True, False), (False, True), (False, False), (False, None), (None, True)):
        scorer.binary("ois", "x", gold, ours)
    tally = scorer.tallies["ois"]
    assert (tally.right, tally.missed, tally.spurious, tally.both_empty) == (1, 1, 1, 2)
    assert tally.f1 == pytest.approx(0.5)


def test_clustering_scores_counts_incidents_and_pairs():
    result = clustering_scores({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "y", "c": "z"})
    assert (result["gold_incidents"], result["our_incidents"]) == (2, 3)
    assert result["pairs"]["missed"] == 1 and result["pairs"]["right"] == 0


# --- names ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "ours", "expected"),
    [
        ("Quincy Smith", "Officer Quincy Smith", True),
        ("Orr", "Malcolm Antwan Orr", True),  # a surname alone matches the full name
        ("Malcolm Antwan Orr", "Orr", True),
        ("Malcolm Orr", "Malcolm Antwan Orr", True),  # middle names ignored
        ("M. Orr", "Malcolm Orr", True),  # an initial agrees with the first name
        ('Dale "Dee" Orrin', "Dale Orrin", True),  # nickname is not part of the name
        ("José Núñez Jr.", "jose nunez", True),
        ("Quincy Smith", "Michael Smith", False),  # same surname, different person
        ("Orr", "Orrin", False),
        ("Orr", None, False),
        ("", "Orr", False),
    ],
)
def test_names_match_rule(gold, ours, expected):
    assert names_match(gold, ours) is expected


# --- seeds ---------------------------------------------------------------------------------------------------

SEED_GOLD = {
    "id": "000_fictional",
    "label": "ois",
    "incident_key": "2024-03-02-dunmore-pa",
    "gold": {
        "incident_date": "2024-03-02",
        "city": "Dunmore",
        "state": "PA",
        "agency": "Dunmore Police Department",
        "officers": [{"name": "Dana Pike", "injured": False, "killed": False}],
        "subjects": [
            {
                "name": "Ray Kessler",
                "age": 41,
                "gender": "male",
                "armed": "knife",
                "outcome": "injured",
                "fired_at_police": None,
            }
        ],
        "officer_fired": True,
        "subject_fired": None,
        "video": ["body camera"],
        "charges_or_outcome": None,
    },
}


def write_seeds(root: Path) -> Path:
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "000_fictional.txt").write_text(
        "Dunmore officer shoots man with knife\n\n"
        "DUNMORE, Pa. — Officer Dana Pike shot Ray Kessler, 41, on March 2, 2024, after he ran at her with a knife, "
        "Dunmore police said. Kessler was taken to a hospital with wounds that were not life-threatening. "
        "Body camera video was released.\n",
        encoding="utf-8",
    )
    (seeds / "001_no_gold.txt").write_text("A headline\n\nA text without a gold line.\n", encoding="utf-8")
    (seeds / "gold.jsonl").write_text(json.dumps(SEED_GOLD) + "\n\n", encoding="utf-8")
    return root


def test_load_seeds_reads_text_and_gold(tmp_path):
    items = load_seeds(write_seeds(tmp_path))
    assert len(items) == 1  # the file without a gold line is left out
    article, gold = items[0]
    assert article.title == "Dunmore officer shoots man with knife"
    assert article.text.startswith(article.title) and article.published is None
    assert gold["incident_key"] == "2024-03-02-dunmore-pa"


def test_score_report_against_seed_gold():
    report = Report(
        article_id="a",
        incident_date=fact(dt.date(2024, 3, 2)),
        city=fact("Dunmore"),
        state=fact("NY"),
        agency=fact("Dunmore police"),
        people=(
            Person("officer", name=fact("Officer Dana Pike"), outcome=fact("uninjured")),
            Person("subject", name=fact("Kessler"), age=fact(41), armed=fact("gun")),
        ),
        subject_fired=fact(False),
    )
    scorer = Scorer()
    score_report(scorer, "000", SEED_GOLD["gold"], report)
    bins = {
        name: next(b for b in ("right", "wrong", "missed", "spurious") if getattr(t, b))
        for name, t in scorer.tallies.items()
        if t.right + t.wrong + t.missed + t.spurious
    }
    assert bins["incident_date"] == bins["city"] == bins["agency"] == "right"
    assert bins["state"] == "wrong"
    assert bins["officer_fired"] == "missed"
    assert bins["subject_fired"] == "spurious"  # gold null, we said something
    assert bins["officer.name"] == bins["subject.name"] == bins["subject.age"] == bins["officer.outcome"] == "right"
    assert bins["subject.armed"] == "wrong"
    assert bins["video"] == "missed"


def test_align_pairs_by_name_then_order():
    gold = [{"name": None}, {"name": "Hunter"}]
    ours = (Person("officer", name=fact("Officer Hunter")), Person("officer"))
    pairs = align(gold, ours)
    assert pairs[1][1] is ours[0] and pairs[0][1] is ours[1]


def test_officer_outcome_from_booleans():
    assert officer_outcome({"injured": True, "killed": False}) == "injured"
    assert officer_outcome({"injured": False, "killed": False}) == "uninjured"
    assert officer_outcome({"injured": None, "killed": True}) == "killed"
    assert officer_outcome({"injured": None, "killed": False}) is None


# --- gvdb ----------------------------------------------------------------------------------------------------


def gvdb_json(state: str, by_police: str, victims: list[dict], shooters: list[dict], city: str = "") -> str:
    def box(value: str) -> dict:
        return {"value": value, "startIndex": -1, "endIndex": -1}

    return json.dumps(
        {
            "date-and-time": {"city": box(city), "state": state, "date": "2016-02-03"},
            "victim-section": [
                {
                    "name": box(v.get("name", "")),
                    "age": box(v.get("age", "")),
                    "gender": "Male",
                    "victim-was": v.get("was", []),
                }
                for v in victims
            ],
            "shooter-section": [{"name": box(s.get("name", "")), "age": box(""), "gender": "Male"} for s in shooters],
            "radio3": {
                "The shooting was by a police officer.": by_police,
                "The shooting was directed at a police officer.": "No",
            },
        }
    )


def write_gvdb(root: Path) -> Path:
    folder = root / "gvdb"
    folder.mkdir(parents=True)
    rows = [
        (
            "1",
            "http://news.example.com/2016/02/04/officer-shoots-man/",
            "Officer shoots Akron man",
            "Officer shoots Akron manAKRON — An officer shot Tom Vale, 30, on Wednesday.",
            gvdb_json(
                "OH - Ohio",
                "Yes",
                [{"name": "Tom Vale", "age": "30", "was": ["injured", "hospitalized"]}],
                [{"name": "Sam Reed"}],
                city="Akron",
            ),
        ),
        (
            "2",
            "http://news.example.com/story-20160105-local.html",
            "Two hurt in Yuma",
            "Two people were hurt in a shooting in Yuma.",
            gvdb_json("Unclear", "Not mentioned", [{"was": ["killed"]}, {"was": ["injured"]}], []),
        ),
    ]
    with (folder / "dev.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(["Article id", "Article url", "Article title", "Full text", "Json", "Worker"])
        for row in rows:
            writer.writerow([*row, "W1"])
        writer.writerow(["3", "", "Broken", "text", "{not json", "W1"])
    return root


def test_load_gvdb_builds_articles_and_gold(tmp_path):
    items = load_gvdb(write_gvdb(tmp_path))
    assert len(items) == 2  # the row with broken JSON is left out
    (first, gold1), (second, gold2) = items
    assert first.text == "Officer shoots Akron man\n\nAKRON — An officer shot Tom Vale, 30, on Wednesday."
    assert first.published == dt.date(2016, 2, 4)
    assert second.text.startswith("Two hurt in Yuma\n\nTwo people")  # title not repeated in Full text
    assert second.published == dt.date(2016, 1, 5)
    assert (gold1.state, gold1.city, gold1.police, gold1.date) == ("OH", "Akron", True, dt.date(2016, 2, 3))
    assert gold1.victims[0] == {"name": "Tom Vale", "age": 30, "outcome": "injured"}
    assert (gold2.state, gold2.city, gold2.police) == (None, None, False)
    assert load_gvdb(tmp_path, limit=1)[0][0].title == "Officer shoots Akron man"


def test_date_from_url():
    assert date_from_url("http://x.com/2016/01/27/story/") == dt.date(2016, 1, 27)
    assert date_from_url("http://x.com/news/tn-blr-20160223-story.html") == dt.date(2016, 2, 23)
    assert date_from_url("http://x.com/2016/13/45/story/") is None
    assert date_from_url(None) is None


def test_gvdb_role_mapping_in_police_shootings(tmp_path):
    (_, gold), _ = load_gvdb(write_gvdb(tmp_path))
    report = Report(
        article_id="1",
        state=fact("OH"),
        people=(
            Person("officer", name=fact("Sam Reed")),
            Person("subject", name=fact("Tom Vale"), age=fact(30), outcome=fact("injured")),
        ),
    )
    scorer = Scorer()
    score_article(scorer, "1", gold, report)
    t = scorer.tallies
    assert t["shooter.name"].right == 1 and t["victim.name"].right == 1  # shooter = officer, victim = subject
    assert t["state"].right == 1 and t["city"].missed == 1
    assert t["injured count"].right == 1 and t["killed count"].right == 1  # 0 killed on both sides
    swapped = Report(article_id="1", people=(Person("subject", name=fact("Sam Reed")),))
    score_article(scorer := Scorer(), "1", gold, swapped)
    assert scorer.tallies["shooter.name"].missed == 1


@pytest.mark.parametrize("role", ["victim of the subject", "bystander"])
def test_gvdb_victims_include_the_people_the_subject_shot_and_bystanders_hit(tmp_path, role):
    """GVDB lists everyone shot as a victim: a report keeps the subject's own victims as mentioned, and a bystander
    police hit as a participant."""
    (_, gold), _ = load_gvdb(write_gvdb(tmp_path))
    victim = Person(role, name=fact("Tom Vale"), age=fact(30), outcome=fact("injured"))
    officer = Person("officer", name=fact("Sam Reed"))
    people, mentioned = ((officer,), (victim,)) if role != "bystander" else ((officer, victim), ())
    score_article(scorer := Scorer(), "1", gold, Report(article_id="1", people=people, mentioned=mentioned))
    t = scorer.tallies
    assert t["victim.name"].right == 1 and t["names (victims + shooters)"].right == 2
    assert t["ages"].right == 1 and t["injured count"].right == 1


# --- command -------------------------------------------------------------------------------------------------


def test_evaluate_command_explains_missing_data(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere"
    result = runner.invoke(app, ["evaluate", "seeds", "--data", str(missing)])
    assert result.exit_code == 2
    assert str(missing) in result.output.replace("\n", "") and "--data" in result.output
    monkeypatch.setenv("OIS_SHARED_DATA", str(missing))
    assert runner.invoke(app, ["evaluate", "gvdb"]).exit_code == 2


def test_evaluate_command_rejects_unknown_dataset(tmp_path):
    result = runner.invoke(app, ["evaluate", "wapo", "--data", str(tmp_path)])
    assert result.exit_code == 2 and "seeds" in result.output


def test_evaluate_library_raises_data_missing(tmp_path):
    with pytest.raises(DataMissing, match="seed folder"):
        evaluate("seeds", tmp_path, Settings(env={}))


def test_evaluate_command_runs_on_tiny_seeds(tmp_path):
    out = tmp_path / "result.json"
    result = runner.invoke(
        app, ["evaluate", "seeds", "--data", str(write_seeds(tmp_path)), "--json", str(out), "--errors", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "seeds: 1 articles" in result.output
    saved = json.loads(out.read_text())
    assert saved["dataset"] == "seeds" and saved["articles"] == 1
    assert {"city", "state", "subject.name"} <= set(saved["sections"]["extraction"])


@pytest.mark.shared
def test_evaluate_seeds_on_shared_data(shared_data):
    result = runner.invoke(app, ["evaluate", "seeds", "--data", str(shared_data)])
    assert result.exit_code == 0, result.output
    assert "seeds: 4 articles" in result.output


def test_agency_match_folds_the_forms_of_one_force_only():
    assert agency_match("Polk County Sheriff's Office", "Polk County Sheriff")
    assert agency_match("Richland County deputies", "Richland County Sheriff’s Department")
    assert agency_match("Dothan Police Department", "Dothan police")
    assert not agency_match("Polk County Sheriff's Office", "Polk County Police")
    assert not agency_match("Dothan Police Department", "Mobile Police Department")
    # a department's acronym is its name, either way round
    assert agency_match("HPD", "Houston Police Department") and agency_match("Dallas Police", "DPD")
    assert agency_match("NYPD", "New York City Police Department")
    assert not agency_match("APD", "Houston Police Department")


def test_gold_race_as_stated_compares_by_category():
    from ois.evaluation.gold import same_race

    assert same_race("Latino", "hispanic") and same_race("African-American", "black") and same_race("white", "White")
    assert not same_race("Latino", "black")


def test_gold_background_is_no_participant_the_gold_also_lists():
    from ois.evaluation.gold import score_article as score_gold
    from ois.evaluation.metrics import Scorer
    from ois.models import Article

    record = {
        "participants": [{"role": "subject", "name": "Dale Roe"}],
        "mentioned": [{"name": "Dalen Roe", "why": "relative"}, {"name": "Lou Marsh", "why": "official"}],
    }
    people = tuple(Person(role="subject", name=fact(n)) for n in ("Dale Roe", "Lou Marsh"))
    scorer = Scorer()
    score_gold(scorer, "x", record, Article("x", "t", "text"), Report(article_id="x", people=people))
    assert [e["ours"] for e in scorer.errors["background as participant"]] == ["Lou Marsh"]
