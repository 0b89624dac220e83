"""Shots, video and legal steps: fictional sentences with exact values and evidence offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from ois import nlp
from ois.extract.aftermath import aftermath, number_value, rules
from ois.models import LEGAL_KINDS, VIDEO_KINDS, Article
from ois.settings import Settings

SETTINGS = Settings(env={})


@pytest.fixture(scope="module")
def run():
    model = nlp.load(SETTINGS.spacy_model)

    def _run(body: str, headline: str = "Officer shoots man in Fairview") -> dict:
        text = f"{headline}\n\n{body}"
        article = Article(Article.make_id(text), headline, text)
        out = aftermath(article, nlp.parse(model, text), SETTINGS)
        facts = [out["shots"], *out["video"], *out["legal"]] if out["shots"] else [*out["video"], *out["legal"]]
        for fact in facts:  # every evidence span indexes the article text
            assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.text
        return out

    return _run


def legal_kinds(out: dict) -> list[str]:
    return [f.value["kind"] for f in out["legal"]]


def video_kinds(out: dict) -> list[str]:
    return [f.value for f in out["video"]]


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("16", 16),
        ("eight", 8),
        ("a single", 1),
        ("twenty-two", 22),
        ("twice", 2),
        ("Twelve", 12),
        ("two dozen", 24),
        ("lots", None),
    ],
)
def test_number_value(phrase, value):
    assert number_value(phrase) == value


@pytest.mark.parametrize(
    ("body", "shots"),
    [
        ("Police said the officer fired eight shots at the car.", 8),
        ("Deputies fired 16 rounds, according to the sheriff.", 16),
        ("The trooper fired a single shot that struck the driver.", 1),
        ("Officer Lena Marsh fired her service weapon three times.", 3),
        ("Investigators said at least 11 shots were fired during the standoff.", 11),
        ("Neighbors said they heard about 20 gunshots.", 20),
        ("The man was shot four times in the chest.", 4),  # times hit: a lower bound, used when nothing better
        ("The deputy fired six shots, striking him twice.", 6),
        ("The officer never fired a single shot.", None),
        ("Officers fired multiple rounds at the suspect.", "multiple"),  # no number: the word, as written
        ("The man was shot multiple times.", "multiple"),
        ("Reporters called the police department multiple times.", None),  # times of no shooting verb
        ("He declined to say how many times officers fired.", None),
        ("Renner was hospitalized with a gunshot wound.", None),
        ("A resident fires a shot gun at the intruders.", None),
        ("Officers answered a shots fired call on Elm Street.", None),
        ("Witnesses reported hearing more than 2 dozen gunshots.", 24),
    ],
)
def test_shots(run, body, shots):
    out = run(body)
    assert (out["shots"].value if out["shots"] else None) == shots


def test_shots_prefers_fired_count_over_hits(run):
    out = run("Tomas Reyes was shot twice in the leg.\n\nPolice said the officer fired five rounds.")
    assert out["shots"].value == 5
    assert out["shots"].evidence.text == "Police said the officer fired five rounds."


@pytest.mark.parametrize(
    ("body", "kinds"),
    [
        ("Body camera footage of the shooting was released Tuesday.", ["body camera"]),
        ("The encounter was captured on the officer's bodycam.", ["body camera"]),
        ("He was wearing glasses embedded with a camera, and the footage was released.", ["body camera"]),
        ("The trooper's dashcam recorded the crash.", ["dash camera"]),
        ("Video from a camera mounted on the dashboard shows the truck.", ["dash camera"]),
        ("A cellphone video recorded by a witness shows the struggle.", ["bystander"]),
        ("The clip was posted to Facebook by a woman who saw the shooting.", ["bystander"]),
        ("A neighbor's doorbell camera captured the gunfire.", ["surveillance"]),
        ("Police are reviewing surveillance footage from a gas station.", ["surveillance"]),
        ("The officers were not wearing body cameras.", []),
        ("It is unclear whether the deputies had body cameras.", []),
        ("Body cameras were not activated during the encounter.", []),
        ("The city plans to equip officers with body cameras next year.", []),
        ("Police are looking for surveillance video from nearby homes.", []),
        ("The officer was not wearing a body camera, but his dash camera recorded the shooting.", ["dash camera"]),
    ],
)
def test_video(run, body, kinds):
    assert video_kinds(run(body)) == kinds


def test_video_each_kind_once(run):
    out = run("Body camera video shows the chase.\n\nA second body camera clip was released later.")
    assert video_kinds(out) == ["body camera"]
    assert out["video"][0].evidence.text == "Body camera video shows the chase."


@pytest.mark.parametrize(
    ("body", "kinds"),
    [
        ("Carl Denny, 31, was charged with attempted murder.", ["charged"]),
        ("He was booked into the Pine County Jail on charges of aggravated assault.", ["charged"]),
        ("A grand jury indicted the officer on a manslaughter charge last week.", ["charged"]),
        ("Denny has not been charged.", []),
        ("Prosecutors said he could face charges.", []),
        ("The man charged at officers with a knife.", []),
        ("Denny, a convicted felon, was not allowed to have a gun.", []),
        ("In 2014, Denny was charged with burglary.", []),
        ("A jury found Denny guilty of attempted murder in May.", ["convicted"]),
        ("Denny was found not guilty.", ["cleared"]),
        ("Denny was charged with possession of a firearm by a convicted felon.", ["charged"]),
        ("The school was cleared and students returned to class.", []),
        ("Denny was sentenced to 35 years in prison.", ["sentenced"]),
        ("Denny will be sentenced in March.", []),
        ("The State Bureau of Investigation is investigating the shooting.", ["investigation"]),
        ("An investigation has begun.", ["investigation"]),
        ("The officer was placed on paid administrative leave.", ["on leave"]),
        ("The officer remains on medical leave while he recovers.", []),
        ("The district attorney ruled the shooting justified.", ["cleared"]),
        ("A grand jury declined to indict the deputy.", ["cleared"]),
        ("The family filed a wrongful death lawsuit against the city.", ["lawsuit"]),
        ("The family plans to file a lawsuit.", []),
    ],
)
def test_legal(run, body, kinds):
    assert legal_kinds(run(body)) == kinds


def test_legal_detail_and_evidence(run):
    body = "The deputy fired. Mara Quill, 40, was charged with assault on a peace officer, police said."
    fact = run(body)["legal"][0]
    sentence = "Mara Quill, 40, was charged with assault on a peace officer, police said."
    assert fact.value == {"kind": "charged", "detail": sentence}
    assert fact.evidence.text == sentence


def test_legal_detail_is_short_for_long_sentences(run):
    filler = " ".join(["The long meeting on Tuesday discussed parking and budgets"] * 6)
    fact = run(f"{filler}, and Quill was sentenced to 12 years in prison for the shooting.")["legal"][0]
    assert fact.value["kind"] == "sentenced"
    assert "sentenced to 12 years" in fact.value["detail"]
    assert len(fact.value["detail"]) <= SETTINGS.legal_detail_max_chars + 20


def test_nothing_found_gives_empty_values(run):
    assert run("The city council met on Tuesday to discuss road repairs.") == {"shots": None, "video": (), "legal": ()}


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_gives_valid_output(run, body):
    out = run(body)
    assert all(f.value in VIDEO_KINDS for f in out["video"])
    assert all(f.value["kind"] in LEGAL_KINDS for f in out["legal"])


def test_fixture_articles_match_expected(run, fixtures: Path):
    folder = fixtures / "articles"
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    for name, want in expected.items():
        if name.startswith("_") or not want["is_ois"]:
            continue
        headline, _, body = (folder / name).read_text("utf-8").partition("\n\n")
        out = run(body, headline)
        assert (out["shots"].value if out["shots"] else None) == want["shots"], name
        assert sorted(video_kinds(out)) == sorted(want["video"]), name
        assert legal_kinds(out) == want["legal"], name


@pytest.mark.shared
def test_seed_articles(run, shared_data: Path):
    gold = {
        "000": (8, ["body camera"], "sentenced"),
        "001": (None, ["body camera"], "convicted"),
        "002": (None, ["bystander"], None),
        "003": (None, ["body camera"], "charged"),
    }
    for path in sorted((shared_data / "seeds").glob("*.txt")):
        shots, video, kind = gold[path.name[:3]]
        headline, _, body = path.read_text("utf-8").partition("\n\n")
        out = run(body, headline)
        assert (out["shots"].value if out["shots"] else None) == shots, path.name
        assert video_kinds(out) == video, path.name
        assert kind is None or kind in legal_kinds(out), path.name


_SHOT_PATTERNS = [*(p for _, p in rules().shot_rules), rules().shot_vague]


@pytest.mark.parametrize("pattern", _SHOT_PATTERNS, ids=lambda p: p.pattern[:30])
def test_every_shot_rule_needs_a_gate_word(pattern):
    """Sentences without a gate word are skipped for speed: no rule may match text without one."""

    @hsettings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(pattern))
    def check(text: str) -> None:
        match = pattern.search(text)
        assert match is not None and rules().shot_gate.search(match.group(0))

    check()


def test_another_cases_shots_and_trial_are_not_this_shootings(run):
    out = run(
        "An officer shot a man outside a bar Tuesday, police said. In a separate incident last year, officers fired "
        "12 shots at a fleeing car. The man had been convicted of robbery last year."
    )
    assert out["shots"] is None
    assert "convicted" not in legal_kinds(out)
