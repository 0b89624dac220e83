"""Fictional articles: capitalised group nouns, "one of the officers", fights named as nouns, photo credits, and
streets told by their name alone (issue 8)."""

from __future__ import annotations

import datetime as dt

import pytest

from ois import nlp
from ois.extract.cues import background_sentences
from ois.extract.frame import not_participants, place_like
from ois.extract.grammar import noun_lemma
from ois.extract.names import find_mentions
from ois.extract.people import _lone_shooter, read
from ois.extract.referents import Event
from ois.models import Article, Fact, Person, Report, Span, fact_value
from ois.settings import Settings
from tests import articles

SETTINGS = Settings(env={})


def report(model, text: str) -> Report:
    return articles.report(model, text, dt.date(2022, 5, 9))


def test_a_capitalised_plural_the_tagger_took_for_a_name_is_still_a_person_noun(model):
    doc = model("Our SWAT Officers and Two Deputies exchanged gunfire with the Williams brothers.")
    lemmas = {t.text: noun_lemma(t) for t in doc}
    assert lemmas["Officers"] == "officer" and lemmas["Deputies"] == "deputy"


SWAT = (
    "Standoff ends at Marlow motel\n\n"
    "MARLOW, Ind. — Our SWAT Officers exchanged gunfire with the suspect on Sunday, killing him, the Marlow "
    "Police Department said."
)
GUN_BATTLE = (
    "Officer in gun battle at Pine Ridge\n\n"
    "PINE RIDGE, Ark. — A Pine Ridge police officer engaged in a gun battle with a burglary suspect early "
    "Monday behind a pharmacy, police said. Nobody was hit."
)


GUNBATTLE = (
    "Suspect dies after standoff in Harlow\n\n"
    "HARLOW, Mont. - A robbery suspect was killed in a gunbattle with Harlow deputies on Sunday night, the sheriff "
    "said. No deputies were hurt."
)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (SWAT, "SWAT Officers exchanged gunfire"),
        (GUN_BATTLE, "engaged in a gun battle"),
        (GUNBATTLE, "killed in a gunbattle with Harlow deputies"),
    ],
    ids=["capitalised group noun", "a gun battle a verb puts someone in", "the fight written as one word"],
)
def test_both_sides_fired(model, text, said):
    out = report(model, text)
    assert out.officer_fired.value is True and out.subject_fired.value is True
    assert said in out.officer_fired.evidence.text


def test_one_of_the_officers_is_one_officer_told_twice(model):
    text = (
        "Man with knife shot by Dunmore police\n\n"
        "DUNMORE, Pa. — Officers were called to a home on Alder Street on Sunday night. The man ignored commands "
        "to drop the knife. One of the officers then shot and struck the man, police said.\n\n"
        '"One of the Dunmore police officers shot and struck the individual," Lt. Carla Beddow said.'
    )
    out = report(model, text)
    officers = [p for p in out.people if p.role == "officer"]
    assert len(officers) == 1 and officers[0].fired.value is True
    assert out.officer_count.value == 1


def test_a_photo_credit_in_brackets_is_nobody(model):
    text = (
        "(Dana Whitcombe / Hollis Courier) Police fatally shot an armed teen on Tuesday after a short foot pursuit."
        "\n\nPolice shot a man. (Bryan Chan / Los Angeles Times) See more videos"
    )
    assert find_mentions(list(nlp.parse(model, text).sentences())) == []


def test_a_street_told_by_its_name_alone_is_a_place(model):
    text = (
        "Teen shot by police in Hollis\n\nPolice fatally shot Rory Pell, 16, near Rosa Parks Avenue on Tuesday.\n\n"
        "One of the teens ran east on Rosa Parks and then south onto Birch Street. As officers approached Birch "
        "Street and Rosa Parks, they heard a gunshot."
    )
    reading = read(Article("x", "t", text), nlp.parse(model, text), SETTINGS)
    places = {" ".join(c.best.tokens): place_like(c, reading.sentences) for c in reading.clusters}
    assert places["Rosa Parks"] and not places["Rory Pell"]


def test_a_child_or_relative_caught_in_the_shooting_is_a_bystander_not_a_second_subject(model):
    text = (
        "Woman killed by deputies in Orland standoff\n\n"
        "ORLAND, Md. — Deputies shot and killed Dara Voss, 31, on Friday after she fired a shotgun at them "
        "from her apartment, the sheriff's office said. Her son, Eli Voss, 5, was also shot by a deputy.\n\n"
        "A 5-year-old boy was taken to a hospital with a wound to his arm."
    )
    out = report(model, text)
    roles = {p.name.value: p.role for p in out.people if p.name}
    assert roles == {"Dara Voss": "subject", "Eli Voss": "bystander"}
    assert out.subject_count.value == 1
    assert len([p for p in out.people if p.role != "officer"]) == 2  # the boy of the last line is Eli


def test_a_child_shot_alone_stays_the_subject(model):
    text = (
        "Boy, 9, shot by police in Orland\n\n"
        "ORLAND, Md. — An officer shot and wounded Tobin Reyes, 9, on Friday in a park, police said."
    )
    out = report(model, text)
    assert [(p.name.value, p.role) for p in out.people if p.name] == [("Tobin Reyes", "subject")]


def test_officers_who_fired_their_guns_fired(model):
    text = (
        "Man dies after police shooting at Alder motel\n\n"
        "ALDER, Colo. — A man shot by police outside the Alder Motel on Monday has died. According to police, two "
        "officers fired their guns at Tobin Marsh, 32. They were placed on administrative leave."
    )
    out = report(model, text)
    assert out.officer_fired.value is True
    assert out.officer_count.value == 2 and "fired their guns" in out.officer_count.evidence.text


def test_an_officer_who_fired_gunshots_fired(model):
    text = (
        "Man with bat wounded in Alder\n\n"
        "ALDER, Colo. — Two officers confronted a man with a bat on Monday. When the Taser did not work, the second "
        "officer fired gunshots, police said."
    )
    out = report(model, text)
    assert out.officer_fired.value is True and "fired gunshots" in out.officer_fired.evidence.text


def test_the_one_subject_fired_when_the_story_says_his_side_fired():
    said = Span(0, 40, "Shots were fired at deputies from a car.")
    subject, officer = Person("subject", name=Fact("Cole Amberly", said)), Person("officer")
    out = _lone_shooter([subject, officer], Fact(True, said))
    assert out[0].fired == Fact(True, said) and out[0].armed == Fact("gun", said) and out[1] is officer
    two = [subject, Person("subject")]
    assert _lone_shooter(two, Fact(True, said)) == two  # which of two fired is not said
    assert _lone_shooter([subject], Fact(False, said)) == [subject]


RETIRED = (
    "UPDATE: Suspect, officer named in shooting on the Strip\n\n"
    "LAS VEGAS — Police identified the officer who shot at the suspect on Friday.\n\n"
    "Action News Crime and Safety Expert Dale Munro, a retired police lieutenant, about how officers train to "
    "stop a threat."
)
RECALLED = (
    "Columbus officer shoots boy with BB gun\n\n"
    "COLUMBUS, Ohio — A Columbus officer shot and killed a 13-year-old boy on Wednesday night, police said.\n\n"
    "In 2014, police in Cleveland killed 12-year-old Tamir Rice in a park.\n\n"
    "The boy pulled out a gun with a laser sight, and an officer fired, hitting the boy repeatedly, police said."
)


@pytest.mark.parametrize(
    ("text", "name"),
    [(RETIRED, "Dale Munro"), (RECALLED, "Tamir Rice")],
    ids=["a retired officer commenting is no officer of the story", "the boy is nobody of a recalled case"],
)
def test_no_participant(model, text, name):
    assert name not in {p.name.value for p in report(model, text).people if p.name}


LEAD_AND_RECAP = (
    "Officers shot at in Marlow\n\n"
    "Two officers were shot and wounded Sunday by a gunman outside a Marlow bar, police said.\n\n"
    "The attack came a week after five officers were gunned down in another state."
)


def test_the_count_is_the_leads_not_a_later_recalled_cases(model):
    count = report(model, LEAD_AND_RECAP).officer_count
    assert (count.value, count.evidence.text.split(" were ")[0]) == (2, "Two officers")


def test_race_as_police_describe_the_person(model):
    described = (
        "Suspect sought after shootout in Marion\n\n"
        "Marion police exchanged gunfire with a robbery suspect Thursday night, police said. Police described the "
        "suspect as a light-skinned black male, about 6 feet tall."
    )
    (suspect,) = [p for p in report(model, described).people if p.role == "subject"]
    assert suspect.race.value == "black" and suspect.race.words.text == "black"
    named = (
        "Man wounds two Wellston officers\n\n"
        "Michael Vance, 38, wounded two Wellston officers on Sunday, police said. Vance is described as Native "
        "American, standing 5 feet 11 inches tall."
    )
    (vance,) = [p for p in report(model, named).people if p.name and p.name.value == "Michael Vance"]
    assert vance.race.value == "native american" and vance.race.words.text == "Native American"


def test_the_named_accused_gunman_is_the_subject_when_only_a_description_shot_at_police():
    events = [
        Event("shot_police", "d1", True, 1),  # "A gunman shot two officers"
        Event("alias", 0, ("subject", "gunman", "d6"), 9),  # "The accused gunman, identified as Dario Melendez"
        Event("involved", 0, "charged", 9),
        Event("involved", 2, "arrested", 10),  # "a second man was arrested": never called the gunman
    ]
    people = {"d1": ("subject", {1}), 0: ("subject", {9}), 2: ("subject", {10})}
    assert not_participants(people, events, set(range(12)), {}, set()) == {2: "other"}
    named = {**people, 3: ("subject", {1})}  # a named person police shot: the accused is no longer the only one
    linked = [*events, Event("shot_by_police", 3, True, 1)]
    assert not_participants(named, linked, set(range(12)), {}, set()) == {0: "other", 2: "other"}


def test_a_paragraph_with_a_bracketed_photo_credit_is_a_caption(model):
    text = (
        "Teen shot by Hollis police\n\n"
        "Police fatally shot Rory Pell, 16, on Tuesday night, the Hollis Police Department said.\n\n"
        "(Dana Whitcombe / Hollis Courier) Police shot a teen on Aug. 2 near the park.\n\n"
        "Pell was pronounced dead at the scene."
    )
    parsed = nlp.parse(model, text)
    captions = [s.text for i, s in enumerate(parsed.sentences()) if i in background_sentences(parsed, None)]
    assert captions == ["(Dana Whitcombe / Hollis Courier) Police shot a teen on Aug. 2 near the park."]


@pytest.mark.parametrize(
    "sentence",
    [
        "The 25-year-old man told police he got off a bus at 10th and Filbert streets, and was heading toward "
        "Delaware Avenue when he was shot.",
        "One person is dead after a fatal shooting on Indy's near northeast side Tuesday night.",
    ],
)
def test_a_street_of_a_numbered_intersection_or_a_part_of_town_is_no_person(model, sentence):
    text = f"Man shot\n\nMARLOW, Ind. — {sentence} Police are investigating."
    out = report(model, text)
    assert not [p for p in (*out.people, *out.mentioned) if p.name is not None]


def test_a_month_abbreviation_is_no_name(model):
    text = "Man shot in Dunmore\n\nA man shot Saturday night, Jan. 16, in Dunmore was in stable condition, police said."
    out = report(model, text)
    assert not [p for p in (*out.people, *out.mentioned) if p.name is not None]


def test_a_related_storys_headline_inside_the_page_is_no_evidence(model):
    text = (
        "Officer wounded in Halverton ambush\n\n"
        "A Halverton police officer was shot Friday by a man who had called 911, authorities said.\n\n"
        "Officer Dale Pruitt was hit in his vest as he got out of his car. He returned fire and wounded the man.\n\n"
        "Marlow gunman who killed five cops wanted to kill more: chief\n\n"
        "The officer is in stable condition, the chief said."
    )
    out = report(model, text)
    assert out.officer_count is None or out.officer_count.value == 1
    assert all("Marlow" not in p.mentions[0].text for p in out.people if p.mentions)


def test_them_after_two_named_officers_is_both_and_not_the_shooter(model):
    text = (
        "Two deputies shot in Harlow\n\n"
        "Deputies were met by the suspect, Harlan Quill Voss. Voss held a rifle. As deputies R.J. Moreau and K.L. "
        "Sato walked up, he shot them with the rifle. Other deputies shot back and killed Voss."
    )
    people = {p.name.value: p for p in report(model, text).people if p.name is not None}
    assert {n: people[n].outcome.value for n in ("R.J. Moreau", "K.L. Sato")} == dict.fromkeys(
        ("R.J. Moreau", "K.L. Sato"), "injured"
    )
    assert people["K.L. Sato"].fired is None and people["Harlan Quill Voss"].fired.value


def test_officers_identified_as_names_are_not_the_headlines_relatives(model):
    text = (
        "Search goes on for gunman who wounded two deputies, killed grandmother and grandfather\n\n"
        "The gunman who shot two Tamsin County deputies Friday drove off, the sheriff said. He later killed his "
        "grandmother and grandfather near Ashby. The wounded deputies were identified as Paul Renner and Dana Ochoa."
    )
    people = {p.name.value: p for p in report(model, text).people if p.name is not None}
    assert people["Dana Ochoa"].role == "officer" and people["Dana Ochoa"].outcome.value == "injured"


def test_a_partitive_number_counts_who_fired(model):
    for lead, expected in (
        ("At that point, two of the five responding officers fired their weapons.", 2),
        ("Three of the deputies fired at the truck.", 3),
    ):
        text = (
            "Man dies in Harlow police shooting\n\nHARLOW, Ind. — Officers surrounded the man and ordered him to drop "
            f"the blade. {lead} The man died."
        )
        assert report(model, text).officer_count.value == expected, lead


def test_an_officer_shot_after_someone_fired_at_police_is_no_police_fire(model):
    r = report(
        model,
        "Deputy hurt in Larkin\n\nLARKIN, Ore. — A deputy was shot after a man fired at deputies from a barn. "
        "Officers found a neighbor who had been shot on his porch.",
    )
    assert r.officer_fired is None or r.officer_fired.value is not True


def test_the_deputy_shot_and_killed_him_is_the_deputys_fire_and_not_his_death(model):
    """The small model hangs "The deputy" on "shot" as a compound; the deputy still fired, and "him" is the man who
    shot at him, not the deputy."""
    r = report(
        model,
        "Shooting on Larkin Road\n\nDeputy Milo Strand tried to stop a van that Pell Ostrow was "
        "driving. Ostrow got out and fired at Strand, hitting him in the leg. The deputy shot and killed him.",
    )
    people = {p.name.value: p for p in r.people if p.name}
    assert people["Milo Strand"].role == "officer" and people["Milo Strand"].fired.value is True
    assert fact_value(people["Milo Strand"].outcome) != "killed"
    assert people["Pell Ostrow"].outcome.value == "killed"


def test_and_the_deputy_shot_and_killed_her_after_a_comma_is_the_deputys_fire(model):
    """After ", and" the small model reads "the deputy shot" as a noun ("shot" with "deputy" its compound) and hangs
    "killed" on it: the deputy still fired, and the woman was killed."""
    r = report(
        model,
        "Woman killed on Larkin Road\n\nA neighbor called about a woman screaming in the street. When the deputy got "
        "there, she waved a cleaver at him, and the deputy shot and killed her.",
    )
    assert r.officer_fired is not None and r.officer_fired.value is True
    officers = [p for p in r.people if p.role == "officer"]
    assert officers and all(fact_value(p.fired) is True and fact_value(p.outcome) != "killed" for p in officers)
    assert [fact_value(p.outcome) for p in r.people if p.role == "subject"] == ["killed"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Pell Ostrow chased a neighbor down the street with a hatchet before a Harlow County sheriff's deputy shot "
        "and killed him.",
        "Pell Ostrow was kicking at a neighbor's door when a deputy shot and killed him.",
        "A man holding a rifle stepped onto the porch, and at least one deputy shot and killed him.",
    ],
)
def test_a_deputy_shot_and_killed_him_read_as_a_noun_anywhere_is_the_deputys_fire(model, sentence):
    """The small model reads "deputy shot" as a noun after "before", "when" or ", and" and coordinates "killed" with
    the sentence's first verb: the doer of "killed" is still the deputy, never the man killed."""
    r = report(model, f"Man killed on Larkin Road\n\n{sentence}")
    assert r.officer_fired is not None and r.officer_fired.value is True
    assert [fact_value(p.outcome) for p in r.people if p.role == "subject"] == ["killed"]
    assert all(fact_value(p.fired) is not True for p in r.people if p.role == "subject")


def test_a_noun_before_shot_that_is_no_person_is_no_shooter(model):
    """ "an officer answering a noise complaint shot and killed two people": the officer fired, not the
    disturbance the small model hangs on its noun "shot"."""
    r = report(
        model,
        "Two killed on Larkin Road\n\nHarlow police say an officer answering a noise complaint shot and killed "
        "two people.",
    )
    assert r.officer_fired is not None and r.officer_fired.value is True


def test_a_victim_no_police_bullet_struck_is_the_gunmans_victim(model):
    """Officers fired too when shots rang out at a tavern, but "no one was struck by police gunfire": the man killed
    is no subject of a police shooting (no "killed by Harlow police" title), he stays mentioned."""
    text = (
        "One killed as gunfire erupts outside Harlow tavern\n\nHARLOW, Ind. - Dale Orrin, 25, was shot and killed "
        "outside a tavern early Sunday, the coroner's office said. Four others were wounded. "
        "Officers on patrol nearby also fired their weapons, but no one was struck by police gunfire, a spokesman "
        "said."
    )
    r = report(model, text)
    assert not [p for p in r.people if p.name is not None and p.name.value == "Dale Orrin"]
    assert [p.role for p in r.mentioned if p.name.value == "Dale Orrin"] == ["victim of the subject"]
    kept = report(model, text.replace("no one was struck by police gunfire", "the gunman fled"))
    assert [p.role for p in kept.people if p.name is not None and p.name.value == "Dale Orrin"] == ["subject"]


@pytest.mark.parametrize("shooter", ["a SWAT sniper", "a police sniper", "the police shooter"])
def test_a_sniper_police_nouns_modify_is_an_officer(model, shooter):
    r = report(
        model,
        f"Standoff ends on Larkin Road\n\nAfter a six-hour standoff, Pell Ostrow stepped out of the barn holding a "
        f"shotgun and was fatally shot by {shooter}.",
    )
    assert r.officer_fired is not None and r.officer_fired.value is True
    assert noun_lemma(nlp.load(Settings().spacy_model)(f"He was shot by {shooter}.")[-2]) == "officer"


@pytest.mark.parametrize(
    "text",
    [
        "A man swung a bat at officers. He was shot by his cousin.",
        "Officers approached him on the sidewalk. He had been shot in the chest.",
        "Police said a neighbor confronted him about the noise. He was shot in the chest.",
    ],
)
def test_shot_by_someone_else_or_before_police_came_is_not_police_fire(model, text):
    assert report(model, f"Man wounded on Larkin Road\n\n{text}").officer_fired is None


def test_they_who_shot_after_two_men_is_not_police(model):
    r = report(
        model,
        "Man wounded on Larkin Road\n\nOfficers said two men walked up to the victim. They shot him twice and ran.",
    )
    assert r.officer_fired is None


POLICE_FIRED = {
    "shot while confronting": "Man dies after standoff\n\nLARKIN, Ore. — Deputies were called to a farmhouse on "
    "Larkin Road on Friday. Tobin Asher, 41, pointed a rifle at the deputies and was shot and killed.",
    "shot after lunging": "Man dies after standoff\n\nLARKIN, Ore. — Deputies were called to a farmhouse on "
    "Larkin Road on Friday. Tobin Asher, 41, was fatally shot after he lunged at a deputy with a machete.",
    "shot the sentence after": "Man dies after standoff\n\nLARKIN, Ore. — Deputies were called to a farmhouse on "
    "Larkin Road on Friday. Tobin Asher, 41, lunged at a deputy with a machete. He was shot and killed.",
    "stabbed an officer": "Man dies on Larkin Road\n\nDeputies found a man holding a box cutter. He attacked a "
    "deputy with it and was shot and killed.",
    "when he threatened officers": "Man dies on Larkin Road\n\nTobin Asher was fatally shot when he threatened two "
    "deputies with an ax.",
    "a relative clause before the verb": "Man dies on Larkin Road\n\nThe deputies, who had answered a call about a "
    "fight at a bar, shot and killed Tom Ardent when he refused to drop a knife.",
    "police confronted him, then he was shot": "Man dies on Larkin Road\n\nDeputies cornered the man behind a barn "
    "and confronted him. Moments later, he was shot and killed.",
    "they after officers": "Chase ends on Larkin Road\n\nOfficers chased the driver to the corner of Elm and Fifth, "
    "where they shot and killed him.",
    "they before shooting": "Man shot near Larkin\n\nPolice said they used a Taser before shooting Tom Ardent, who "
    "they say came at them with a knife.",
    "prompting the deputy": "Man shot near Larkin\n\nA deputy answered a call about a fight. The man came toward the "
    "deputy with a knife, prompting the deputy to shoot the man, a sheriff's spokeswoman said.",
}


@pytest.mark.parametrize("text", list(POLICE_FIRED.values()), ids=list(POLICE_FIRED))
def test_police_fire_told_without_an_active_sentence_naming_the_officer(model, text):
    """Shot by no one named while acting toward police; "they" after a plural police noun; police as the object of
    "prompting ... to shoot" (the parse had made the man fire). The report's fact; the man did not fire."""
    r = report(model, text)
    assert r.officer_fired is not None and r.officer_fired.value is True
    assert r.subject_fired is None or r.subject_fired.value is False


@pytest.mark.parametrize(
    "sentence",
    [
        "Officers Steven Mull and Tyler Evers shot and killed him.",
        "Deputies Quinn Beck, Andrew Hask and Tyler Quill shot and killed him.",
    ],
)
def test_him_after_officers_listed_as_shooters_is_none_of_them(model, sentence):
    """ "A and B shot and killed him": him is neither doer (only the first had been excluded, so the second officer
    was killed); in "A, B and C" the small model hangs B on A as an apposition and C on B."""
    r = report(model, f"Shooting at Larkin apartment\n\nOfficers were called to an apartment in Larkin. {sentence}")
    assert all(fact_value(p.outcome) != "killed" for p in r.people if p.role == "officer")


def test_every_name_of_a_chained_list_is_listed(model):
    """ "A, B and C": the small model hangs C on B, not on A; the list still names three people."""
    r = report(
        model,
        "Larkin officers named\n\nOfficers were called to an apartment. The officers involved were identified as "
        "Darcy Klon, Paul Hyde and Jason Smit.",
    )
    assert {p.name.value for p in r.people if p.role == "officer" and p.name} == {
        "Darcy Klon",
        "Paul Hyde",
        "Jason Smit",
    }


def test_when_officers_fired_the_count_is_of_who_fired_not_of_who_was_shot(model):
    """annotation.md: officer_count is how many officers fired; the officers shot are counted only when no officer
    fired."""
    fired = (
        "Two officers wounded in Corbel shootout\n\nCORBEL, Ky. — A man shot two Corbel police officers during a "
        "traffic stop Monday, police said. Officer Lena Brandt drew her service weapon and shot the man in the leg. "
        "He was arrested at a hospital."
    )
    count = report(model, fired).officer_count
    assert count is not None and count.value == 1
    not_fired = (
        "Two officers wounded in Corbel ambush\n\nCORBEL, Ky. — A man shot two Corbel police officers during a "
        "traffic stop Monday, police said. He drove off and was arrested later."
    )
    count = report(model, not_fired).officer_count
    assert count is not None and count.value == 2


def test_subjects_told_of_again_without_their_number_keep_it(model):
    """ "two men ... the men fired at her": the men who fired are the two counted before (subjects only: "the
    officers" is whoever responded)."""
    r = report(
        model,
        "Officer shot in Harlow\nHARLOW, Mont. - Police are looking for two men after a Harlow officer was shot early "
        "Tuesday. She had stopped two men outside a closed pharmacy. The men fled on foot and fired at her, hitting "
        "her in the arm.",
    )
    assert fact_value(r.subject_count) == 2


def test_as_many_named_people_shot_as_the_group_police_shot_are_its_members(model):
    lead = "Two men shot by Harlow police\n\nHarlow police shot two men Friday after they opened fire on officers, "
    told = "police said. Dale Roe, 24, died at the scene. Travis Menkel, 27, was hospitalized in stable condition."
    r = report(model, lead + told)
    assert {(fact_value(p.name), p.role, fact_value(p.outcome)) for p in r.people} == {
        ("Dale Roe", "subject", "killed"),
        ("Travis Menkel", "subject", "injured"),
    }
    clerk = "Two gunmen shot by police\n\nHarlow police shot two gunmen Friday after they killed a clerk, Dale Roe, 60."
    assert [p.role for p in report(model, clerk).mentioned] == ["victim of the subject"]  # (one: not the two)
