"""Who is no participant, on fictional articles: names in page furniture (author follow boxes, photo credits,
staff-writer lines, caption toggles, video lists), a town before a person noun, a street written with a compass
letter; "each victim" is the group, not one more person; a witness is not "the suspect" met later; other stories'
headlines listed under "ALSO:" tell of nobody in this one."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from ois import nlp
from ois.boilerplate import is_boilerplate
from ois.extract.cues import background_sentences
from ois.extract.frame import place_like
from ois.extract.names import Cluster, Mention, find_mentions
from ois.models import Report, fact_value
from tests import articles


def report(model, text: str) -> Report:
    return articles.report(model, text, dt.date(2021, 3, 6))


def names(people) -> set[str]:
    return {p.name.value for p in people if p.name is not None}


@pytest.mark.parametrize(
    "sentence",
    [
        "Close Get email notifications on Dana Kessel daily!",
        "Your notification has been saved.",
        "There was a problem saving your notification.",
        "Whenever Dana Kessel posts new content, you'll get an email delivered to your inbox.",
        "[ ] Hide Caption [ ] Show Caption Dale Roe, 23, was arrested Monday.",
        "If you do not receive the message within a few minutes, please check your Spam or Junk folder.",
        "Have an online subscription? Login Now Need an online subscription?",
        "Dale Roe Provided by family Dale Roe loved fishing with his brothers.",
        "Dana Kessel is a staff writer for the Harlow Courier.",
        "Email: dkessel@example.com.",
        "Last VideoNext Video Harlow council meets Tuesday",
        "Buy Photo Firefighters at the Harlow warehouse fire on Monday.",
        "(Reporting by Dana Kessel, Editing by Dale Roe)",
    ],
)
def test_author_boxes_caption_toggles_and_staff_lines_are_furniture(sentence):
    assert is_boilerplate(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The staff at the store said he was shot twice.",
        "His family provided a photo of him.",
        "He saved a child.",
        "She was reporting by phone when he was shot.",
    ],
)
def test_story_sentences_stay(sentence):
    assert not is_boilerplate(sentence)


def test_a_caption_ending_with_its_credit_is_no_evidence(model):
    text = (
        "Man shot dead in Harlow\n\nA man was shot and killed Monday night in Harlow, police said.\n\n"
        "Neighbors gathered at the corner where five people were shot. (Dana Kessel, Harlow Courier)\n\n"
        "No arrests were made."
    )
    parsed = nlp.parse(model, text)
    behind = background_sentences(parsed, None)
    assert "Neighbors" in [s.text.split()[0] for i, s in enumerate(parsed.sentences()) if i in behind]


def test_the_name_a_photo_credit_goes_on_with_is_no_victim(model):
    text = (
        "Harlow student killed on Elm Street\n\nPhoto: Dana Kessel /\nDana Kessel\n"
        "Friends left flowers on Elm Street on Tuesday, where a student...\n\n"
        "A 17-year-old student was fatally shot Monday evening on Elm Street in Harlow, police said."
    )
    r = report(model, text)
    assert names(r.people) == set()
    assert [p.outcome.value for p in r.people if p.outcome] == ["killed"]


@pytest.mark.parametrize("town", ["Chester", "Gary", "Warren"])
def test_the_age_before_a_town_and_a_person_noun_is_the_nouns(model, town):
    text = (
        f"Police say 15-year-old {town} boy killed in park\n\n"
        f"A 15-year-old boy died after he was shot in a park on Sunday, {town} police said.\n\n"
        f"John Roe, 15, of {town} was shot in the chest and died at a hospital."
    )
    r = report(model, text)
    assert names(r.people) == {"John Roe"}
    assert [p.outcome.value for p in r.people if p.outcome] == ["killed"]


def test_a_compass_letter_and_a_word_is_a_street(model):
    sentences = nlp.parse(model, "Officers were sent to 410 E. Kessel on Sunday.").sentences()

    def named(words: tuple[str, ...], title: str | None = None) -> Cluster:
        return Cluster([Mention(0, 0, 1, words, title)])

    assert place_like(named(("E.", "Kessel")), sentences) and place_like(named(("SW", "Kessel")), sentences)
    assert not place_like(named(("Dale", "Kessel")), sentences)
    assert not place_like(named(("E.", "Kessel"), "officer"), sentences)  # "Officer E. Kessel" is a person


def test_a_name_that_only_opens_a_street_name_is_a_street(model):
    text = "Detectives stopped the car at 410 Carlos Kessel Boulevard, and Marlo Pettit fired."
    sentences = nlp.parse(model, text).sentences()
    carlos = Mention(0, text.index("Carlos"), text.index("Carlos") + 6, ("Carlos",))
    assert place_like(Cluster([carlos]), sentences)
    marlo = Mention(0, text.index("Marlo"), text.index("Pettit") + 6, ("Marlo", "Pettit"))
    assert not place_like(Cluster([marlo]), sentences)


def test_each_victim_is_the_group_not_one_more_person(model):
    text = (
        "Three found dead in Harlow home\n\n"
        "Three people were found dead inside a Harlow home on Tuesday, police said.\n\n"
        "Standing outside the house, Dale Roe said his cousin had called him that morning. "
        '"We need answers," he said.\n\nThe coroner said each victim had been shot in the head.'
    )
    assert [p for p in report(model, text).people if p.outcome and p.outcome.value == "injured"] == []
    text = "Two officers hurt in Harlow shootout\n\nChief Dale Roe said every officer on the scene fired."
    assert [p for p in report(model, text).people if p.role == "officer"] == []


def test_a_wire_credit_seeds_no_name_and_a_reporter_told_is_none(model):
    text = (
        "Harlow man held after bar shooting\n\nBy Dana Kessel\n\n"
        "HARLOW (Reuters) - A Harlow man was held without bail on Monday after a bartender was shot dead on "
        "Saturday.\n\n(Reporting by Dana Kessel, Editing by Dale Roe)"
    )
    assert names(report(model, text).people) == set()
    text = "A man was shot outside a Harlow bar. A witness told WXYZ's Dana Kessel that he heard four shots."
    found = {m.tokens for m in find_mentions(nlp.parse(model, text).sentences())}
    assert ("Dana", "Kessel") not in found
    text = "A man was shot outside a Harlow bar. A witness told Dale Roe's sister, Dana Kessel, about it."
    assert ("Dana", "Kessel") in {m.tokens for m in find_mentions(nlp.parse(model, text).sentences())}


def test_headlines_listed_under_a_link_heading_tell_of_nobody_here(model):
    text = (
        "Harlow man held after standoff\n\n"
        "HARLOW, Ind. — A Harlow man was arrested Tuesday after a six-hour standoff at his home, police said.\n\n"
        "Tom Varn, 52, fired at officers from a window, police said. Nobody was hurt, and officers did not shoot.\n\n"
        "He was booked into the county jail.\n\nALSO:\n\n"
        "Deputy shoots Polson teen in back, lawsuit claims\n\n"
        "School board approves new budget after long debate"
    )
    r = report(model, text)
    assert fact_value(r.officer_fired) is False
    assert [(p.name.value, fact_value(p.outcome)) for p in r.people] == [("Tom Varn", "uninjured")]


def test_a_witness_is_not_the_suspect_who_was_hit(model):
    text = (
        "Harlow shopkeeper fires at robbers\n\n"
        "A shopkeeper shot at two robbers outside his Harlow market on Friday, police said.\n\n"
        "Witness Dana Kessel told Channel 5 she saw both men run across the lot.\n\n"
        "The suspect who was hit later turned up at an urgent care clinic and died, police said."
    )
    people = report(model, text).people
    assert names(people) == set()
    assert [p.outcome.value for p in people if p.outcome] == ["killed"]


THINGS = (
    "Man killed outside Harlow store\n\n"
    "HARLOW, Ind. — A man was shot and killed Sunday outside a Kessel Mart on Main Street, police said. A bullet "
    "also shattered the window of a nearby Dunmore Pharma, where a woman was almost hit. Witnesses said a car "
    "pulled into the lot of Dobbin's, and the gunman got out and fired. Police are looking for Dale Roe, 31."
)


def test_a_name_after_the_indefinite_article_or_an_elliptic_possessive_is_a_business(model):
    found = names(report(model, THINGS).people)
    assert "Dale Roe" in found and not found & {"Dunmore Pharma", "Dobbin", "Kessel Mart"}


def test_a_car_make_opening_a_name_after_a_determiner_is_a_car_and_a_deputy_named_after_a_is_a_person(model):
    text = (
        "Teen shot dead while selling car\n\nHARLOW, Ind. — A teen was shot dead Friday while trying to sell his "
        "car, police said. The Chevrolet Impala was later found burned. A deputy Dana Kessel found the car."
    )
    doc = nlp.parse(model, text).sentences()
    clusters = {" ".join(m.tokens): m for m in find_mentions(doc)}
    car = Cluster([clusters["Chevrolet Impala"]])
    deputy = Cluster([clusters["Dana Kessel"]])
    assert place_like(car, doc) and not place_like(deputy, doc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A man was shot at the farm. Game Warden Dana Kessel was wounded.", ("Dana", "Kessel")),
        ("A man was shot. Landlord Dale Roe said he heard it.", ("Dale", "Roe")),
        ("A man was shot near 100 N. Kessel St. He died later.", None),
    ],
)
def test_a_warden_or_landlord_is_no_part_of_a_name_and_a_pronoun_ends_no_name(model, text, expected):
    found = [m.tokens for m in find_mentions(nlp.parse(model, text).sentences())]
    if expected is None:
        assert not any(t[-1] == "He" for t in found)
    else:
        assert expected in found


def test_a_business_name_ner_took_in_part_is_still_after_the_indefinite_article(model):
    doc = nlp.parse(model, "A bullet broke the door of a Kessel Aid, where a woman stood.").sentences()
    whole = next(m for m in find_mentions(doc) if m.tokens == ("Kessel", "Aid"))
    part = replace(whole, start=whole.start + len("Kessel "), tokens=("Aid",), token_ids=whole.token_ids[1:])
    assert place_like(Cluster([part, whole]), doc)


def test_a_name_after_an_outlet_and_a_slash_is_a_photo_credit(model):
    text = "Mourners gathered Sunday. (Photo: Harlow Ledger/Dana Kessel)"
    assert find_mentions(nlp.parse(model, text).sentences()) == []


def test_a_staff_credit_paragraph_is_furniture_and_names_no_one(model):
    assert is_boilerplate("Harlow 911 Staff") and is_boilerplate("KXYZ Staff Report")
    assert not is_boilerplate("Hospital staff said the man died.")
    text = (
        "Man with knife killed by deputies\n\nHARLOW, Ind. — Deputies shot and killed a man who stabbed a clerk at a "
        "Harlow store Thursday, the sheriff said.\n\nKessel 911 Staff\n\nMore Kessel 911"
    )
    assert names(report(model, text).people) == set()
