"""The built-in demo corpus and the shared article fixtures are well-formed and say what the lead's tests expect."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path

import pytest

from ois.models import ARMED, GENDERS, LEGAL_KINDS, OUTCOMES, VIDEO_KINDS

DEMO = Path(str(resources.files("ois").joinpath("demo")))
FIXTURE_ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
FOLDERS = [pytest.param(DEMO, id="demo"), pytest.param(FIXTURE_ARTICLES, id="fixtures")]


def manifest(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "manifest.jsonl").read_text("utf-8").splitlines() if line.strip()]


def shingles(text: str, n: int = 5) -> set[str]:
    words = text.lower().split()
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.parametrize("folder", FOLDERS)
def test_manifest_lists_every_article_once(folder):
    rows = manifest(folder)
    files = [r["file"] for r in rows]
    assert sorted(files) == sorted(p.name for p in folder.glob("*.txt"))
    assert len(set(files)) == len(files)
    assert len({r["url"] for r in rows}) == len(rows)
    for row in rows:
        assert set(row) == {"file", "url", "outlet", "published"}, row
        assert row["url"].startswith("https://") and row["outlet"].strip()
        assert dt.date(2025, 1, 1) <= dt.date.fromisoformat(row["published"]) <= dt.date(2026, 12, 31)


@pytest.mark.parametrize("folder", FOLDERS)
def test_articles_are_headline_blank_line_body(folder):
    for path in folder.glob("*.txt"):
        text = path.read_text("utf-8")
        headline, blank, body = text.partition("\n\n")
        assert blank and headline.strip() == headline and "\n" not in headline, path.name
        assert 20 <= len(headline) <= 120, path.name
        assert len(body.split()) >= 120, path.name
        assert text.endswith("\n") and "\r" not in text, path.name


def test_demo_is_large_and_spread_over_2025_2026():
    rows = manifest(DEMO)
    assert len(rows) >= 12
    years = {r["published"][:4] for r in rows}
    assert years == {"2025", "2026"}
    assert len({r["outlet"] for r in rows}) >= 8


def test_fixtures_contain_the_demo():
    for path in DEMO.glob("*.txt"):
        assert (FIXTURE_ARTICLES / path.name).read_text("utf-8") == path.read_text("utf-8"), path.name
    demo_rows = {r["file"]: r for r in manifest(DEMO)}
    fixture_rows = {r["file"]: r for r in manifest(FIXTURE_ARTICLES)}
    assert all(fixture_rows[name] == row for name, row in demo_rows.items())


@pytest.fixture(scope="module")
def expected() -> dict:
    data = json.loads((FIXTURE_ARTICLES / "expected.json").read_text("utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def test_expected_covers_every_fixture(expected):
    assert sorted(expected) == sorted(p.name for p in FIXTURE_ARTICLES.glob("*.txt"))


def test_expected_values_use_the_vocabularies(expected):
    for name, want in expected.items():
        assert isinstance(want["is_ois"], bool), name
        assert set(want["video"]) <= set(VIDEO_KINDS), name
        assert set(want["legal"]) <= set(LEGAL_KINDS), name
        assert want["first_shot_by"] in (None, "officer", "subject"), name
        if want["incident_date"]:
            dt.date.fromisoformat(want["incident_date"])
        for person in want["officers"] + want["subjects"]:
            assert person["gender"] in (None, *GENDERS), name
            assert person["armed"] in (None, *ARMED), name
            assert person["outcome"] in (None, *OUTCOMES), name
        if not want["is_ois"]:
            assert want["incident"] is None and not want["officers"] and not want["subjects"], name


def test_demo_covers_the_cases_a_newcomer_should_see(expected):
    ois = {n: w for n, w in expected.items() if w["is_ois"]}
    assert sum(not w["is_ois"] for w in expected.values()) >= 3  # non-police, no-shooting, opinion
    groups: dict[str, list[str]] = {}
    for name, want in ois.items():
        groups.setdefault(want["incident"], []).append(name)
    assert max(len(v) for v in groups.values()) >= 3  # two outlets plus a follow-up
    subjects = [s for w in ois.values() for s in w["subjects"]]
    assert {"gun", "knife", "vehicle", "unarmed"} <= {s["armed"] for s in subjects}
    assert {"killed", "injured"} <= {s["outcome"] for s in subjects}
    assert any(o["outcome"] == "injured" for w in ois.values() for o in w["officers"])  # an officer shot
    assert {"subject", "officer"} <= {w["first_shot_by"] for w in ois.values()}


def test_copies_are_near_verbatim_and_others_are_not(expected):
    for name, want in expected.items():
        if not want["copy_of"]:
            continue
        original = expected[want["copy_of"]]
        assert original["incident"] == want["incident"]
        a = shingles((FIXTURE_ARTICLES / name).read_text("utf-8"))
        b = shingles((FIXTURE_ARTICLES / want["copy_of"]).read_text("utf-8"))
        assert len(a & b) / len(a | b) >= 0.8  # settings.minhash_threshold
    pueblo = [
        shingles((FIXTURE_ARTICLES / n).read_text("utf-8"))
        for n in ("01_pueblo_ledger_fatal.txt", "02_frontrange_fatal.txt")
    ]
    assert len(pueblo[0] & pueblo[1]) / len(pueblo[0] | pueblo[1]) < 0.2  # same incident, independent reporting
