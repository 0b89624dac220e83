"""`ois evaluate mpv` on a fictional Mapping Police Violence file (rows and descriptions written for this test)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ois.cli import app
from ois.evaluation.linking import in_fit_half
from ois.evaluation.mpv import armed_class, mpv_articles, officer_names
from ois.reference.records import RefRow

COLUMNS = [
    "Victim's name", "Victim's age", "Victim's gender", "Victim's race", "Date of Incident (month/day/year)", "City",
    "State", "County", "Agency responsible for death", "Cause of death",
    "A brief description of the circumstances surrounding the death", "Names of Officers Involved (DRAFT)",
    "Alleged Weapon (Source: WaPo and Review of Cases Not Included in WaPo Database)", "MPV ID",
    "Armed/Unarmed Status", "Fleeing (Source: WaPo)", "Body Camera (Source: WaPo)", "Symptoms of mental illness?",
    "Alleged Threat Level (Source: WaPo)", "WaPo ID (If included in WaPo database)",
]  # fmt: skip
ROWS = [
    ("Tobin Asher", "41", "Male", "White", "2019-03-02", "Larkin", "OR", "", "Larkin County Sheriff's Office",
     "Gunshot", "Deputies were called to a farmhouse. Tobin Asher, 41, pointed a rifle at the deputies and Deputy "
     "Lou Marsh shot and killed him.", "Lou Marsh", "gun", "101"),
    ("Wren Tolley", "29", "Female", "Unknown race", "2019-04-11", "Eastfield", "OH", "", "Eastfield Police Department",
     "Gunshot, Taser", "Officers tried to stop a stolen van. The driver, Wren Tolley, drove at an officer, who fired "
     "into the van, killing her.", "", "vehicle", "102"),
    ("Cal Brandt", "50", "Male", "White", "2019-05-20", "Millbrook", "TX", "", "Millbrook Police Department",
     "Physical restraint", "Brandt died in custody.", "", "no object", "103"),
    ("Ida Kemp", "33", "Female", "Black", "2019-06-01", "Millbrook", "TX", "", "Millbrook Police Department",
     "Gunshot", "", "", "knife", "104"),
]  # fmt: skip


def write_mpv(root: Path) -> Path:
    (root / "mpv").mkdir(parents=True)
    with (root / "mpv" / "mpv-2021-04-dev.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(row + ("",) * 6 for row in ROWS)
    return root


def test_only_shootings_with_a_description_become_articles(tmp_path: Path) -> None:
    pairs = mpv_articles(write_mpv(tmp_path))
    assert [row.name for row, _ in pairs] == ["Tobin Asher", "Wren Tolley"]  # a restraint death, an empty text: no
    row, article = pairs[0]
    assert article.id == "mpv:101" and article.title == "" and article.text.startswith("Deputies were called")


@pytest.mark.parametrize(
    ("weapon", "armed"),
    [("gun", "gun"), ("gun and knife", "gun"), ("machete", "knife"), ("no object", "unarmed"),
     ("toy weapon", "replica"), ("BB gun", "replica"), ("vehicle", "vehicle"), ("undetermined", None),
     ("unknown weapon", None), ("baseball bat", "other"), (None, None)],
)  # fmt: skip
def test_mpv_weapons_map_to_our_armed_values(weapon: str | None, armed: str | None) -> None:
    assert armed_class(weapon) == armed


def test_officer_names_split_lists_and_skip_unknowns() -> None:
    row = RefRow(
        "mpv", "1", "mpv-2021", raw={"Names of Officers Involved (DRAFT)": "Sgt. Ann Ruiz, Tom Lee and Unknown"}
    )
    assert officer_names(row) == ["Sgt. Ann Ruiz", "Tom Lee"]


def test_an_mpv_file_in_another_format_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "mpv").mkdir()
    (tmp_path / "mpv" / "mpv-2021-04-dev.csv").write_text("a,b\n1,2\n")
    result = CliRunner().invoke(app, ["evaluate", "mpv", "--data", str(tmp_path)])
    assert result.exit_code == 2 and "unknown header" in result.output and "Traceback" not in result.output


def test_evaluate_mpv_scores_both_halves(tmp_path: Path) -> None:
    out = tmp_path / "mpv.json"
    result = CliRunner().invoke(
        app, ["evaluate", "mpv", "--data", str(write_mpv(tmp_path / "data")), "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["dataset"] == "mpv" and data["articles"] == 2
    halves = {("tune" if in_fit_half(i) else "heldout") for i in ("101", "102")}
    fields = {}
    for half in halves:
        fields.update(data["sections"][f"victims and officers ({half})"])
    asher = "tune" if in_fit_half("101") else "heldout"
    tally = data["sections"][f"victims and officers ({asher})"]
    assert tally["victim named"]["right"] >= 1 and tally["victim role"]["right"] >= 1
    assert tally["officers named"]["right"] == 1  # Deputy Lou Marsh is one of our officers
    assert tally["officer fired"]["right"] >= 1
    assert "victim race (precision)" not in fields or fields["victim race (precision)"]["wrong"] == 0
