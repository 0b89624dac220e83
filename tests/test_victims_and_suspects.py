"""Fictional articles: who was shot is not who is sought, a shooting that befell someone is not theirs, and
fleeing is no step of justice (issue 8, fifth pass); titles, speakers and describing nouns around names (sixth pass)."""

from __future__ import annotations

import pytest

from ois import nlp
from ois.extract.names import find_mentions
from ois.models import Person

from .test_groups_and_fights import report


def named(model, text: str) -> Person:
    """The one named participant of a fictional article."""
    (person,) = [p for p in report(model, text).people if p.name is not None]
    return person


# (what the case shows, article, the outcomes the named person may have, the fields the story gives him none of)
CASES = [
    (
        "the victim of the crime he is wanted in is not him (her sex and death are not his)",
        "Driver wounded by officers in Halden\n\nHALDEN, Ky. — Officers shot and wounded Dane Corliss, 33, on Monday. "
        "Corliss was wanted in the death of a woman.",
        ("injured",),
        ("gender",),
    ),
    (
        "a stabbing named as his crime is no blade he held",
        "Man wounded by officers in Halden\n\nHALDEN, Ky. — Officers shot and wounded Dane Corliss, 33, on Monday. "
        "Corliss was a suspect in the fatal stabbing of a neighbor last week.",
        ("injured",),
        ("armed", "weapon"),
    ),
    (
        "the person killed is not the one police are looking for",
        "Store owner killed in Halverton robbery\n\n"
        "Police are searching for a killer after a store owner was fatally shot during a robbery in Halverton on "
        "Saturday. Tomasz Brecki, 64, the owner of the shop on Dunmore Avenue, died at the scene.",
        ("killed",),
        ("accused",),
    ),
    (
        "two nouns of one headline are two people, and the one named as shot is the one killed",
        "Suspect sought after man killed in Marlow Springs\n\n"
        "MARLOW SPRINGS, S.C. — Deputies and Marlow Springs police responded to a home on Fenwick Lane early Friday "
        "for reports of a shooting. The county coroner said 36-year-old Dario Quillen was found shot and killed "
        "inside the home. The suspect ran out the front door and is still being sought by police.",
        ("killed",),
        ("accused",),
    ),
    (
        "a shooting that befell him is not his",
        "24-year-old man dies at hospital following shooting near 65th and Thurston\n\n"
        "EASTBROOK, Wis. — Marcus Hill, 24, has died after he was shot Thursday night while seated in a car, "
        "police said.",
        ("killed",),
        ("fired", "armed"),
    ),
    (
        "fleeing is no step of justice (nobody said police are looking for him)",
        "Man shot by officer\n\n"
        "Daniel Reyes fled on foot from a traffic stop in Redmond Falls on Tuesday. An officer shot Reyes in the "
        "leg, police said.",
        ("injured",),
        ("accused",),
    ),
    *(
        (
            "found shot is the state he was found in (the headline drops 'was': nobody said who shot him)",
            "Man found shot in Dunmore\n\n"
            f"Police in Dunmore were called to a home on Elm Street on Tuesday. They found John Miller {how}, police "
            "said.",
            ("killed", "injured"),
            ("fired", "armed"),
        )
        for how in ("shot to death inside the home", "shot in the street")
    ),
    (
        "a denied view of someone shooting is no shooting",
        "Man killed in Pine Hollow\n\n"
        "Jerome Banks was shot and killed on Sixth Street late Friday. His family said they do not believe Banks "
        "fired at anyone.",
        ("killed",),
        ("fired",),
    ),
]


@pytest.mark.parametrize(("case", "text", "outcomes", "absent"), CASES, ids=[c[0] for c in CASES])
def test_the_named_person_is_what_the_story_says(model, case, text, outcomes, absent):
    person = named(model, text)
    assert person.outcome is not None and person.outcome.value in outcomes
    assert all(getattr(person, field) is None for field in absent), case


@pytest.mark.parametrize(
    "sentence",
    ["A man died Sunday after shooting at deputies.", "A man was wounded after shooting into a crowded bar."],
)
def test_shooting_at_or_into_something_is_still_his(model, sentence):
    text = f"Deputies return fire in Ferncliff\n\nFERNCLIFF, Ore. — {sentence} Deputies returned fire, police said."
    people = [p for p in report(model, text).people if p.role == "subject"]
    assert any(p.fired is not None and p.fired.value for p in people)


def test_how_many_times_he_was_shot_is_not_whom_he_shot(model):
    text = (
        "Man shot multiple times, critically wounded in Eastbrook\n\n"
        "EASTBROOK, Pa. — A man was critically wounded on Tuesday night, police said. No arrests have been made."
    )
    subjects = [p for p in report(model, text).people if p.role == "subject"]
    assert subjects and all(p.fired is None and p.armed is None for p in subjects)
    assert any(p.outcome is not None and p.outcome.value == "injured" for p in subjects)


def test_a_race_noun_in_apposition_is_the_persons_race(model):
    text = (
        "Man killed by officer in Pine Hollow\n\n"
        "Adrian Moreno, a 24-year-old Latino, was shot and killed by a police officer Sunday in Pine Hollow, "
        "police said."
    )
    moreno = named(model, text)
    assert moreno.race is not None and moreno.race.value == "hispanic" and moreno.race.words.text == "Latino"


@pytest.mark.parametrize("title", ["Sgt.", "Lt.", "Det.", "Cpl.", "Cmdr."])
def test_a_sentence_does_not_end_at_a_titles_period(model, title):
    doc = model(f'"He fired twice," said Marlow Homicide {title} Joel Brandt. The 15-year-old died.')
    assert [s.text for s in doc.sents][0].endswith("Joel Brandt.")


def test_the_sergeant_who_speaks_is_not_the_shooter_the_story_describes(model):
    text = (
        "Teen accidentally shot by step-brother in Marlow\n\n"
        "A 15-year-old boy was accidentally shot and killed by his step-brother Saturday afternoon in Marlow. The "
        '20-year-old step-brother was showing his brother the gun when the accident happened. "The 20-year-old '
        'wanted to show the 15-year-old a pistol, and he accidentally discharged it," said Marlow Homicide Sgt. '
        "Joel Brandt. The 15-year-old died at the scene."
    )
    people = report(model, text).people
    assert not [p for p in people if p.name is not None and p.name.value == "Joel Brandt"]
    assert {p.age.value for p in people if p.age is not None} == {15, 20}


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ('Neighbor Lyle Banner told reporters he heard "four quick pops."', [("Lyle", "Banner")]),
        ("Ohio Boy, 9, Hurt: Cousin Fires Gun Inside Garage", []),
        ("Witness Dana Orloff said the man ran.", [("Dana", "Orloff")]),
        (
            "As deputies R.J. Moreau and K.L. Sato walked up, he fired at them.",
            [("R.J.", "Moreau"), ("K.L.", "Sato")],
        ),
    ],
)
def test_a_name_is_its_own_words_not_a_describing_noun_and_with_its_initials(model, sentence, names):
    assert [m.tokens for m in find_mentions(nlp.parse(model, sentence).sentences())] == names


def test_a_case_this_attack_came_days_after_is_another_case(model):
    text = (
        "Two officers shot in Halverton ambush\n\n"
        "Darrell Coombs, 29, shot two Halverton police officers on Sunday before officers killed him, police "
        "said.\n\n"
        "The attack came just 12 days after police in Marlow fatally shot 37-year-old Terrence Vale while he was "
        "pinned to the ground. Police have said the officers thought Vale was reaching for a gun."
    )
    people = report(model, text).people
    assert not [p for p in people if p.name is not None and "Vale" in p.name.value]


def test_an_unnamed_gunman_is_not_the_person_of_an_earlier_case(model):
    text = (
        "Two officers shot in Halverton ambush\n\n"
        "A gunman shot two Halverton police officers on Sunday before officers killed him, police said.\n\n"
        "The attack came just 12 days after police in Marlow fatally shot 37-year-old Terrence Vale while he was "
        "pinned to the ground."
    )
    out = report(model, text)
    assert [p.name for p in out.people if p.role == "subject"] == [None]
    assert [p.name.value for p in out.mentioned] == ["Terrence Vale"]


def test_the_n_year_old_is_the_person_told_of_before(model):
    text = (
        "Halverton man shot, killed while backing out of driveway\n\n"
        "A Halverton man was shot and killed early Wednesday while backing his vehicle out of his driveway, police "
        "said. The 32-year-old was in his vehicle when someone fired a shot into the car, hitting him."
    )
    killed = [p for p in report(model, text).people if p.outcome is not None and p.outcome.value == "killed"]
    assert [p.age.value if p.age else None for p in killed] == [32]


@pytest.mark.parametrize(
    "text",
    [
        "Officer killed at Halverton clinic\n\n"
        'A gunman killed a Halverton police officer at a clinic on Friday before officers arrested him. "Our '
        'hearts break," said Halverton Family Clinic President and CEO Dana Orloff. Orloff said every employee '
        "was unharmed.",
        "Gunman kills officer at Harlow clinic\n\n"
        "A gunman killed a Harlow police officer at a clinic on Friday before officers arrested him. Lt. Dana Orloff "
        "of the Harlow Police Department confirms two civilians died. Asked how many shoppers got out, Orloff "
        "gave no figure but said officers had acted bravely.",
    ],
    ids=["a chief executive", "an officer whose verb is joined to a speech verb"],
)
def test_one_who_only_speaks_is_an_official(model, text):
    out = report(model, text)
    assert not [p for p in out.people if p.name is not None and p.name.value == "Dana Orloff"]
    assert [(p.name.value, p.role) for p in out.mentioned] == [("Dana Orloff", "official")]


def test_he_who_shoots_at_a_named_man_is_not_that_man(model):
    text = (
        "Student killed in Halverton\n\n"
        "Student Dario Quillen was shot and killed early Sunday at an apartment complex in Halverton. Police "
        "arrested Marco Vessel, 22, on a murder warrant. A witness said Quillen was arguing with a man when Vessel "
        'pulled a handgun. "Dario fell on the ground, and he tried to get back up. He started shooting at Dario '
        'again while Dario was on the ground."'
    )
    people = {p.name.value: p for p in report(model, text).people if p.name is not None}
    assert people["Dario Quillen"].fired is None or not people["Dario Quillen"].fired.value


def test_the_person_identified_as_shot_did_not_fire(model):
    text = (
        "Name released of teen killed outside Harlow store\n\n"
        "Officers have identified the teenage boy shot and killed outside a Harlow store late Friday, as detectives "
        "search for the driver. Dario Quillen, 17, was struck twice."
    )
    (person,) = [p for p in report(model, text).people if p.name is not None]
    assert person.outcome.value == "killed" and (person.fired is None or not person.fired.value)


def test_the_man_named_as_the_one_killed_takes_up_the_headlines_victim(model):
    text = (
        "Deputies: Suspect shot victim once\n\n"
        "Harlow resident Walter Dario Quillen, 51, was the man killed after an argument late Friday on Birch Hollow "
        "Road, Tamsin County sheriff's detectives said Saturday. Deputies arrested 39-year-old Harlow resident "
        "Cheryl Ann Vessel and charged her with murder. Cheryl Vessel went to a back room and came out with a "
        'pistol. "She fired once and hit the victim," the sheriff said.'
    )
    people = {p.name.value: p for p in report(model, text).people if p.name is not None}
    assert people["Walter Dario Quillen"].fired is None and people["Walter Dario Quillen"].armed is None
    assert people["Cheryl Ann Vessel"].fired.value and people["Cheryl Ann Vessel"].outcome is None


def test_the_man_police_believe_shot_someone_is_the_shooter_not_the_police(model):
    text = (
        "Man arrested after shooting in Halverton\n\n"
        "Tamsin County deputies have detained a man they believe shot a neighbor in Halverton. The suspect, "
        "33-year-old Marcus Quillen, faces an assault charge."
    )
    out = report(model, text)
    assert out.officer_fired is None
    assert [(p.name.value, p.fired.value) for p in out.people if p.name is not None] == [("Marcus Quillen", True)]


def test_a_retired_officer_killed_by_the_gunman_is_no_officer_of_the_shooting(model):
    text = (
        "Officers kill gunman in Harlow\n\n"
        "Harlow police officers shot and killed a gunman Saturday night after he opened fire on them, police said. "
        "Earlier the gunman had shot a neighbor by a mailbox. The neighbor, killed at once, was identified as a "
        "retired Harlow Police Officer Dale Fenton."
    )
    out = report(model, text)
    assert not [p for p in out.officers() if p.name is not None]


def test_a_subject_armed_only_with_a_knife_did_not_fire(model):
    text = (
        "Officer shoots man armed with knife\n\n"
        "A Harlow police officer shot and wounded Dario Quillen, 41, on Friday after he charged at officers with a "
        "knife outside a grocery store, police said."
    )
    (person,) = [p for p in report(model, text).people if p.name is not None]
    assert person.armed.value == "knife" and person.fired.value is False


def test_one_charged_and_shooting_someone_is_a_person_and_not_the_one_killed(model):
    # NER misses the shooter's name; being charged and shooting someone say it is a person's
    text = (
        "Man held in killing of neighbor\n\n"
        "HARLOW, S.C. — Police arrested a 19-year-old man on Monday in the killing of a 22-year-old neighbor. "
        "Memphis Jarell Tavon Lisbon was booked and charged with murder in the death of Terrell Amos Pike, deputies "
        "said. Investigators said Lisbon shot Pike twice outside a store."
    )
    shooter = named(model, text)
    assert "Lisbon" in shooter.name.value and shooter.fired.value is True and shooter.accused.value == "charged"
    # the headline's stepson was killed; the man named as charged is not him
    text = (
        "Stepfather shoots, kills teenage stepson in Harlow\n\n"
        "A Dunmore County man is accused of shooting and killing his 17-year-old stepson during an argument. The "
        "victim, Darnell Pike, died at a hospital. 44-year-old Wendell Oakes is charged with murder."
    )
    oakes = next(p for p in report(model, text).people if p.name is not None and p.name.value == "Wendell Oakes")
    assert oakes.outcome is None and oakes.age.value == 44 and oakes.accused.value == "charged"


def test_with_two_named_a_description_joins_the_only_one_it_fits(model):
    text = (
        "Man charged in Harlow killing\n\n"
        "Police say a 19-year-old man shot and killed a 22-year-old man on Friday in Harlow. Rondell Akers was "
        "charged with murder in the death of Kent Farrow, deputies said. Akers shot Farrow three times, they said."
    )
    people = report(model, text).people
    assert [(p.name.value if p.name else None, p.age.value if p.age else None) for p in people] == [
        ("Rondell Akers", 19),
        ("Kent Farrow", 22),
    ]


def test_a_retired_officer_neighbour_and_a_union_president_are_no_officers_of_the_shooting(model):
    text = (
        "Homeowner killed by Harlow police\n\nHARLOW, Ind. — Two Harlow police officers shot and killed a homeowner "
        "who fired at them early Sunday, police said. A neighbor who lives a block away, Dale Stash Orrin, a retired "
        "city police officer, was standing outside the house later Sunday. Officer Dana Kessel, president of the "
        "Harlow police union, did not respond to a request for comment."
    )
    assert [p for p in report(model, text).people if p.role == "officer" and p.name is not None] == []
