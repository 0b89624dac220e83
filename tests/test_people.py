"""People extraction on fictional articles: roles, names, ages, gender, armed, outcome, who fired."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from ois import names, nlp
from ois.extract.frame import place_like
from ois.extract.name_sweep import plausible
from ois.extract.names import _modifier, cluster, find_mentions
from ois.extract.people import people
from ois.models import ARMED, GENDERS, MENTIONED_WHY, OUTCOMES, ROLES, Article
from ois.settings import Settings

SETTINGS = Settings(env={})

ROBBERY = (
    "Deputies shoot armed robbery suspect in Lakeview\n\n"
    "A Harlan County deputy shot and killed a man who pointed a handgun at him outside a gas station on "
    "Tuesday, the sheriff's office said.\n\n"
    "The man was identified as Dwayne Petrosky, 34, of Lakeview.\n\n"
    "Deputy Carla Brennerman was not injured.\n\n"
    "Sheriff Tom Ashgrove said Brennerman had responded to a robbery call.\n\n"
    "Petrosky was pronounced dead at the scene."
)

SHOOTOUT = (
    "Trooper wounded in shootout\n\n"
    "A 27-year-old woman opened fire on a state trooper during a traffic stop Sunday night, police said.\n\n"
    "Trooper Alan Whitcombe returned fire, striking her in the shoulder.\n\n"
    "Whitcombe was shot in the leg and taken to a hospital.\n\n"
    "The woman, whose name was not released, was treated and arrested.\n\n"
    "Anyone with information should call Detective Ray Olumide at 555-0100."
)

VEHICLE = (
    "Officer fires at driver\n\n"
    "An officer fired at a driver who tried to run officers over in a parking lot, police spokeswoman "
    "Lt. Dana Fairbrook said.\n\n"
    "The driver, Marcus Ellington, 19, was unhurt and was arrested a mile away.\n\n"
    "His mother, Irene Ellington, said he was scared."
)

NOT_FIRED = (
    "Clerk's friend helps wounded officer\n\n"
    "Officer Jane Kowalczyk was shot twice by a suspect who fled on foot.\n\n"
    '"I didn\'t draw my firearm," Kowalczyk said later.\n\n'
    "The suspect, Harold Quimby, was arrested on Friday."
)


TWO_OFFICERS = (
    "Police shoot driver in Elkton\n\n"
    "Two officers confronted a driver on Main Street on Monday.\n\n"
    "The driver shot first, and Officer Dana Whitley fired back, police said.\n\n"
    "The driver, a 41-year-old man, was shot in the arm and survived."
)

IDENTIFIED = (
    "Officer wounds man who charged with a machete\n\n"
    "A Yakima police officer shot and wounded a man who ran at officers with a machete Sunday, police said.\n\n"
    "The man, identified by police as Tobias Wrenfield, 33, was taken to a hospital with injuries that are not "
    "believed to be life-threatening."
)

ACCUSED = (
    "Deputy shot during traffic stop\n\n"
    "A Coffee County deputy was shot and wounded Tuesday, and the man accused of shooting him was arrested "
    "Wednesday, the sheriff said.\n\n"
    "Deputy Lance Orberg, 31, was hit in the arm. Orberg did not return fire.\n\n"
    "Investigators identified the driver as Quentin Ashby Moreau, 24. Moreau was charged with attempted murder."
)

SPLIT_TITLE = (
    "Deputy kills man after chase\n\n"
    "A Pasco County deputy shot and killed a man after a foot chase Friday.\n\n"
    "The deputy, Cpl. Wendell Strayhorn, 44, has been placed on leave.\n\n"
    "Anyone with information should call Det. Marla Quince at (352) 555-0142."
)

APPOSITION = (
    "Family sues over deputy shooting\n\n"
    "The family of Idris Pennwright, the 23-year-old man shot and killed by a Lake County deputy in May, "
    "filed a lawsuit Monday.\n\n"
    "The suit says Cpl. Horace Lindqvist shot Pennwright after a brief chase."
)

KILLED_AFTER_OPENING_FIRE = (
    "Man killed in shootout with officers\n\n"
    "A man wanted on a warrant opened fire on officers at his door Thursday and was killed when officers shot "
    "back, police said.\n\n"
    "Officers went to the home to arrest Lyle Vantongeren, 58.\n\n"
    "Vantongeren was struck several times and died at the scene, Lt. Josie Marchetti said."
)

THREAT = (
    "Deputy wounds man holding shotgun\n\n"
    "Deputies were called after a caller said a man was threatening to kill his brother.\n\n"
    "Deputies found Garrick Holloway, 45, holding a shotgun. A deputy shot him in the leg.\n\n"
    "Holloway, who could have killed someone, was treated at a hospital."
)

SPEAKER = (
    "Man shot by officers in Pomona\n\n"
    "Officers shot Reuben Castellano, 29, after he pointed a gun at them on Main Street, police Lt.\n\n"
    "Dana Whitmore said.\n\n"
    "He was taken to a hospital where he died."
)


def run(model, text: str) -> dict:
    article = Article(id="t", title=text.split("\n")[0], text=text)
    return people(article, nlp.parse(model, text), SETTINGS)


def hand_parsed_mentions(model, words, heads, deps, pos, tags, entity: tuple[int, int, str]) -> list[tuple[str, ...]]:
    """The name mentions of one sentence parsed by hand (a parse the model gave for a real sentence, rebuilt with
    fictional words), with one entity (start, end, label)."""
    from spacy.tokens import Doc, Span

    doc = Doc(model.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    doc.ents = [Span(doc, *entity[:2], label=entity[2])]
    return [m.tokens for m in find_mentions(nlp.ParsedText(doc.text, [(0, doc)]).sentences())]


def by_role(out: dict, role: str):
    return [p for p in out["people"] if p.role == role]


def value(fact):
    return None if fact is None else fact.value


def test_named_subject_and_officer(model):
    out = run(model, ROBBERY)
    (subject,) = by_role(out, "subject")
    (officer,) = by_role(out, "officer")
    assert value(subject.name) == "Dwayne Petrosky"
    assert value(subject.age) == 34
    assert value(subject.gender) == "male"
    assert value(subject.armed) == "gun"
    assert value(subject.outcome) == "killed"
    assert value(officer.name) == "Carla Brennerman"
    assert value(officer.outcome) == "uninjured"
    assert value(out["officer_fired"]) is True
    # the sheriff is quoted, not involved
    assert all(value(p.name) != "Tom Ashgrove" for p in out["people"])


def test_evidence_is_the_supporting_sentence(model):
    out = run(model, ROBBERY)
    (subject,) = by_role(out, "subject")
    sentence = "The man was identified as Dwayne Petrosky, 34, of Lakeview."
    start = ROBBERY.index(sentence)
    assert (subject.name.evidence.start, subject.name.evidence.end) == (start, start + len(sentence))
    assert subject.name.evidence.text == sentence
    assert subject.outcome.evidence.text in ROBBERY
    for p in out["people"]:
        for span in p.mentions:
            assert ROBBERY[span.start : span.end] == span.text


def test_unnamed_subject_shot_first(model):
    out = run(model, SHOOTOUT)
    (subject,) = by_role(out, "subject")
    (officer,) = by_role(out, "officer")
    assert subject.name is None
    assert value(subject.age) == 27
    assert value(subject.gender) == "female"
    assert value(subject.outcome) == "injured"
    assert value(subject.fired) is True
    assert value(subject.armed) == "gun"
    assert value(officer.name) == "Alan Whitcombe"
    assert value(officer.outcome) == "injured"
    assert value(out["subject_fired"]) is True
    assert value(out["officer_fired"]) is True
    assert value(out["first_shot_by"]) == "subject"
    assert out["first_shot_by"].evidence.text == "Trooper Alan Whitcombe returned fire, striking her in the shoulder."
    # a detective to call for tips is not part of the shooting
    assert all(value(p.name) != "Ray Olumide" for p in out["people"])


def test_vehicle_and_non_participants(model):
    out = run(model, VEHICLE)
    names = {value(p.name) for p in out["people"]}
    assert "Dana Fairbrook" not in names
    assert "Irene Ellington" not in names
    (subject,) = by_role(out, "subject")
    assert value(subject.name) == "Marcus Ellington"
    assert value(subject.age) == 19
    assert value(subject.armed) == "vehicle"
    assert value(subject.outcome) == "uninjured"


def test_officer_did_not_fire(model):
    out = run(model, NOT_FIRED)
    (officer,) = by_role(out, "officer")
    assert value(officer.name) == "Jane Kowalczyk"
    assert value(officer.outcome) == "injured"
    assert value(officer.gender) is None  # nothing in the text ties a pronoun to her
    assert value(out["officer_fired"]) is False
    (subject,) = by_role(out, "subject")
    assert value(subject.name) == "Harold Quimby"


def test_two_officers_and_an_unnamed_driver(model):
    out = run(model, TWO_OFFICERS)
    officers = by_role(out, "officer")
    assert [value(p.name) for p in officers] == ["Dana Whitley"]  # "two officers" confronted him: one named
    assert value(officers[0].fired) is True
    assert value(out["officer_count"]) == 1  # officers who fired: the count is of the shooting, not of the scene
    (subject,) = by_role(out, "subject")
    assert (value(subject.age), value(subject.gender), value(subject.outcome)) == (41, "male", "injured")
    assert value(subject.fired) is True and value(subject.armed) == "gun"
    sentence = "The driver shot first, and Officer Dana Whitley fired back, police said."
    start = TWO_OFFICERS.index(sentence)
    assert value(out["first_shot_by"]) == "subject"
    assert (out["first_shot_by"].evidence.start, out["first_shot_by"].evidence.end) == (start, start + len(sentence))


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (  # both sides fired and the subject opened fire on them: he started it
            "Man killed\n\nDeputies went to a home to serve a warrant on Dale Roe. Roe opened fire on the deputies "
            "from a window. Two deputies shot and killed him.",
            "subject",
        ),
        (  # officers opening fire after his shots say nothing of who fired first
            "Man killed\n\nDale Roe fired a rifle during a standoff. Deputies opened fire and killed him.",
            None,
        ),
    ],
)
def test_the_subject_who_opened_fire_fired_first(model, text, first):
    assert value(run(model, text)["first_shot_by"]) == first


def test_every_name_a_plural_noun_is_said_to_be_is_one_of_them(model):
    text = (
        "Man killed\n\nOfficers stopped a car at about 6 p.m. Gunfire was exchanged, and Dale Roe was shot and killed. "
        "The three officers were Lila Voss, Tom Varn and Ty Evers."
    )
    out = run(model, text)
    assert sorted(value(p.name) for p in by_role(out, "officer")) == ["Lila Voss", "Tom Varn", "Ty Evers"]


def test_spelling_variants_are_one_person(model):
    text = (
        "Officer Luis Barrantes was shot by a gunman.\n\nA man named Pete Tompkins helped him.\n\n"
        "Barrantes thanked Thompkins and Mr Tompkins later spoke to reporters."
    )
    sentences = list(nlp.parse(model, text).sentences())
    clusters = cluster(find_mentions(sentences), names.rule(Settings(), within_article=True))
    surnames = sorted(c.surname for c in clusters)
    assert surnames == ["barrantes", "tompkins"]


@pytest.mark.parametrize("noun", ["Veteran", "Fugitive", "Inmate"])
def test_a_describing_noun_before_a_name_is_no_part_of_it(model, noun):
    out = run(model, f"Deputies shoot man\n\n{noun} Dale Harwick, 45, was shot and killed by deputies on Friday.")
    assert [value(p.name) for p in out["people"] if p.name] == ["Dale Harwick"]


def test_a_business_named_by_its_owner_is_no_person(model):
    text = (
        "Officers shoot man\n\nOfficers were called about a man with a gun on the roof of Lou's Grill. He pointed "
        "the gun at officers, who shot and killed him."
    )
    assert not [p.name for p in run(model, text)["people"] if p.name]


def test_a_double_surname_alone_is_the_same_person(model):
    text = (
        "Deputies shoot man\n\nDeputies shot and killed Rafael Ortega-Villanueva, 30, on Friday.\n\n"
        "Ortega-Villanueva had pointed a rifle at them, the sheriff said."
    )
    out = run(model, text)
    assert [(p.role, value(p.name)) for p in out["people"]] == [("subject", "Rafael Ortega-Villanueva")]
    name = out["people"][0].name
    assert name.words.text == "Rafael Ortega-Villanueva" and value(out["people"][0].armed) == "gun"
    first_part = (
        "Deputies shoot man\n\nDeputies found Dale Ruiz-Marlowe, 41, holding a shovel. He walked toward them, and "
        "Deputy Tom Varn shot and killed Ruiz."
    )
    people = run(model, first_part)["people"]
    assert [(p.role, value(p.name), value(p.outcome)) for p in people if p.role == "subject"] == [
        ("subject", "Dale Ruiz-Marlowe", "killed")
    ]
    taser = (  # "to Taser" is a verb, never a given name
        "Man killed\n\nPolice said Dale Pruitt approached officers. An officer attempted to Taser Pruitt, but it "
        "was ineffective. One officer fired at him, killing Pruitt."
    )
    assert [value(p.name) for p in run(model, taser)["people"] if p.name] == ["Dale Pruitt"]
    headline = "One dead in Elm City Shootout-At least 4 others wounded\n\nPolice shot a man."
    assert not find_mentions(list(nlp.parse(model, headline).sentences()))  # a hyphen joins no headline words


def test_identified_by_police_as(model):
    """ "identified by police as X": the small model hangs "as" off the by-phrase."""
    (subject,) = by_role(run(model, IDENTIFIED), "subject")
    assert (value(subject.name), value(subject.age), value(subject.outcome)) == ("Tobias Wrenfield", 33, "injured")
    assert value(subject.armed) == "knife"


def test_accused_of_shooting_him_and_no_return_fire(model):
    out = run(model, ACCUSED)
    (officer,) = by_role(out, "officer")
    (subject,) = by_role(out, "subject")
    # the headline "Deputy shot during traffic stop" is passive: the deputy did not fire
    assert (value(officer.name), value(officer.outcome), value(officer.fired)) == ("Lance Orberg", "injured", False)
    assert value(out["officer_fired"]) is False
    # "the man accused of shooting him": him is the deputy, not the man; nobody shot at the man
    assert value(subject.name) == "Quentin Ashby Moreau"
    assert value(subject.outcome) == "uninjured"
    assert subject.outcome.evidence.text == "Orberg did not return fire."
    # the furthest step the justice system took, with its sentence; the deputy is accused of nothing
    assert value(subject.accused) == "charged"
    assert subject.accused.evidence.text == "Moreau was charged with attempted murder."
    assert officer.accused is None


def test_title_cut_off_by_the_sentence_splitter(model):
    out = run(model, SPLIT_TITLE)
    (officer,) = by_role(out, "officer")
    assert (value(officer.name), value(officer.age)) == ("Wendell Strayhorn", 44)
    # a contact line (phone number) is no participant, though "Det." precedes the name
    assert all(value(p.name) != "Marla Quince" for p in out["people"])


def test_name_in_apposition_to_a_man_shot_by_a_deputy(model):
    out = run(model, APPOSITION)
    (subject,) = by_role(out, "subject")
    (officer,) = by_role(out, "officer")
    assert (value(subject.name), value(subject.outcome), value(subject.age)) == ("Idris Pennwright", "killed", 23)
    assert value(officer.name) == "Horace Lindqvist"


def test_opened_fire_and_was_killed(model):
    """The second verb of "opened fire ... and was killed" has the first one's subject; a sentence-initial
    surname the small model tags as a common noun ("Vantongeren was struck ... and died") is still the man."""
    out = run(model, KILLED_AFTER_OPENING_FIRE)
    (subject,) = by_role(out, "subject")
    assert (value(subject.name), value(subject.outcome), value(subject.fired)) == ("Lyle Vantongeren", "killed", True)
    assert all(value(p.name) != "Josie Marchetti" for p in out["people"])


def test_threatened_and_hypothetical_harm_did_not_happen(model):
    (subject,) = by_role(run(model, THREAT), "subject")
    assert (value(subject.name), value(subject.outcome)) == ("Garrick Holloway", "injured")


def test_pronoun_after_a_quoted_source(model):
    """ "..., police Lt. / Dana Whitmore said. He was taken to a hospital where he died": he is the man shot."""
    out = run(model, SPEAKER)
    (subject,) = by_role(out, "subject")
    assert (value(subject.name), value(subject.outcome)) == ("Reuben Castellano", "killed")
    assert subject.outcome.evidence.text == "He was taken to a hospital where he died."
    assert by_role(out, "officer") == [] and value(out["officer_fired"]) is True  # "Officers": a group, no count
    assert out["officer_count"] is None


@given(st.text(max_size=300))
@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_gives_valid_people(model, text):
    out = run(model, text or "x")
    assert set(out) == {
        "people",
        "mentioned",
        "officer_count",
        "subject_count",
        "officer_fired",
        "subject_fired",
        "first_shot_by",
    }
    for p in out["people"]:
        assert p.role in ROLES
    for p in out["mentioned"]:
        assert p.role in MENTIONED_WHY and p.name is not None
        assert value(p.gender) in (None, *GENDERS)
        assert value(p.armed) in (None, *ARMED)
        assert value(p.outcome) in (None, *OUTCOMES)


KNIFE = (
    "Officer shoots man with knife\n\n"
    "A Yakima officer shot and wounded a man who ran at him with a kitchen knife on Sunday, police said.\n\n"
    "The man, Tobias Renfrew, 30, was taken to a hospital."
)

UNKNOWN_FIRE = (
    "Police kill armed man\n\n"
    "An officer shot and killed a man who raised a handgun toward officers on Friday, police said.\n\n"
    "The man, Elmer Quayle, 52, died at the scene."
)


def test_a_subject_armed_with_a_knife_did_not_fire_so_the_officer_fired_first(model):
    out = run(model, KNIFE)
    sentence = "A Yakima officer shot and wounded a man who ran at him with a kitchen knife on Sunday, police said."
    assert value(out["officer_fired"]) is True
    assert value(out["subject_fired"]) is False
    assert out["subject_fired"].evidence.text == sentence  # the armed fact it comes from
    assert value(out["first_shot_by"]) == "officer"
    assert out["first_shot_by"].evidence.text == sentence


def test_knife_and_an_exchange_of_fire_or_a_gun_leave_the_subjects_firing_unknown(model):
    exchanged = KNIFE.replace("on Sunday, police said.", "on Sunday. Shots were exchanged, police said.")
    with_gun = KNIFE.replace("a kitchen knife", "a kitchen knife and a pistol")
    for text in (exchanged, with_gun, UNKNOWN_FIRE):
        out = run(model, text)
        assert value(out["officer_fired"]) is True, text
        assert out["subject_fired"] is None and out["first_shot_by"] is None, text


def test_when_only_the_subjects_shots_are_told_he_fired_first(model):
    sentence = "A man fired several shots at two Corland deputies from a porch on Monday, wounding one, police said."
    out = run(model, f"Deputy wounded in Corland\n\n{sentence}\n\nThe man fled on foot and was arrested hours later.")
    assert value(out["subject_fired"]) is True and out["officer_fired"] is None
    assert value(out["first_shot_by"]) == "subject" and out["first_shot_by"].evidence.text == sentence


SELF_AGENT = (
    "Man shot by police in his home\n\n"
    "Officers shot and killed Darnell Okafor, 44, inside his home early Sunday, police said.\n\n"
    "His sister said she and Okafor were asleep when she was woken by him shouting her name.\n\n"
    "He had fired a gun down the stairs at an intruder, she said."
)


def test_a_pronoun_that_is_its_own_agent_does_not_recurse(model):
    """ "woken by him": the doer of "him"'s verb is "him" itself - once an endless pronoun lookup."""
    (subject,) = by_role(run(model, SELF_AGENT), "subject")
    assert (value(subject.name), value(subject.outcome)) == ("Darnell Okafor", "killed")


WARRANT = (
    "Man shot by deputies had warrant\n\n"
    "Deputies shot and wounded Travis Menkel, 31, in Dover on Friday after he pointed a pistol at them, the "
    "sheriff's office said.\n\n"
    "Menkel was wanted on a warrant for Failure to Appear and was charged with Assault on an officer.\n\n"
    "Deputies said the Use of Force review is pending."
)


def test_capitalised_common_words_are_no_names(model):
    """ "Failure to Appear", "charged with Assault": capitalised common words, not people."""
    sentences = list(nlp.parse(model, WARRANT).sentences())
    lower_words = {t.text for s in sentences for t in s.doc if t.is_lower}
    found = {
        c.best.tokens: plausible(c, sentences, lower_words)
        for c in cluster(find_mentions(sentences), names.rule(Settings(), within_article=True))
    }
    assert found == {("Travis", "Menkel"): True, ("Appear",): False, ("Assault",): False}
    assert [value(p.name) for p in run(model, WARRANT)["people"]] == ["Travis Menkel"]


def test_a_name_that_modifies_a_noun_or_only_locates_is_no_person(model):
    def clusters(text: str):
        sentences = nlp.parse(model, text).sentences()
        return cluster(find_mentions(sentences), names.rule(SETTINGS, within_article=True), set()), sentences

    assert clusters("The McAllister family thanked police on Monday.")[0] == []  # "the Smith family"
    (named,), sentences = clusters("Police said suspect John McAllister fired first.")
    assert named.best.tokens == ("John", "McAllister") and not place_like(named, sentences)
    (venue,), sentences = clusters("Officers found the gun near McAllister. Video shot outside McAllister shows it.")
    assert place_like(venue, sentences)  # only ever where something happened
    (hospital,), sentences = clusters("Two victims were transported to Ben Carver.")
    assert place_like(hospital, sentences)  # only ever where someone was taken
    (hospital,), sentences = clusters("Ben Carver confirms six patients. Two were taken to Ben Carver.")
    assert place_like(hospital, sentences)  # once where someone was taken
    (street,), sentences = clusters("Police found a man shot in the 300 block on Dana Whitley.")
    assert place_like(street, sentences)  # only ever a street after "block on"
    (person,), sentences = clusters("The deputy ran to Dana McAllister and said Dana McAllister was hurt.")
    assert not place_like(person, sentences)
    (town,), sentences = clusters("The party was at a farm southeast of McAllister, deputies said.")
    assert place_like(town, sentences)  # a place a direction is given from
    doc = model("A 30-year-old Dana Harbor man is charged.")
    assert _modifier(doc[6])  # "Dana" of "Dana Harbor man", should NER take "Dana" alone


def test_a_plural_noun_lists_its_named_members_and_a_particle_opens_a_surname(model):
    text = (
        "Two officers shot in Harborview\n\n"
        'The mayor held a briefing Saturday to discuss the shooting of two HPD gang unit officers, Marco "MD" '
        "De Santis and Lena Orwell.\n\n"
        "De Santis, 43, died at a hospital and Orwell, 32, was wounded. Police are looking for the gunman.\n\n"
        "The officers, the chief said, were shot during a traffic stop."
    )
    out = run(model, text)
    officers = {value(p.name): p for p in by_role(out, "officer")}
    assert set(officers) == {"Marco De Santis", "Lena Orwell"}  # "De Santis" is Marco De Santis, not a subject
    assert value(officers["Marco De Santis"].outcome) == "killed" and value(officers["Lena Orwell"].age) == 32
    assert not any(value(p.name) for p in by_role(out, "subject"))


def test_a_sheriffs_deputy_is_an_officer_and_a_dash_opens_a_list(model):
    text = (
        "Gunman kills officers in Harlow\n\n"
        "Police said the gunman killed two Harlow officers -- Ana Whitcombe and Marco Delane -- on Sunday.\n\n"
        "Harlow County sheriff's deputy Luis Orteza, 45, was shot in the arm and survived.\n\n"
        'Sheriff Tom Ashgrove said the gunman "acted alone".'
    )
    out = run(model, text)
    assert {value(p.name) for p in by_role(out, "officer")} == {"Ana Whitcombe", "Marco Delane", "Luis Orteza"}
    assert {value(p.name): p.role for p in out["mentioned"]} == {"Tom Ashgrove": "official"}


def test_a_name_with_an_age_is_a_person_whatever_ner_says(model):
    sentences = nlp.parse(model, "Marlow Heights, 23, was shot to death Monday.").sentences()
    assert sentences[0].doc[0].ent_type_ == "GPE"  # the small model calls it a place
    assert [m.tokens for m in find_mentions(sentences)] == [("Marlow", "Heights")]
    sentences = nlp.parse(model, "Officers went to Marlow Heights on Monday.").sentences()
    assert find_mentions(sentences) == []


@pytest.mark.parametrize(
    "text",
    [
        "Officer shot, suspect dead after chase in Harlow\n\n"
        "An officer was wounded in the arm and a suspect was killed after a chase on Monday, police said.",
        "Deputy wounded, suspect killed in shootout\n\n"
        "A Harlow County deputy was wounded and a suspect was killed in a shootout Friday night, the sheriff said.",
    ],
)
def test_a_headline_officer_shot_and_suspect_dead_kills_the_suspect_only(model, text):
    out = run(model, text)
    assert {value(p.outcome) for p in by_role(out, "officer")} == {"injured"}
    assert {value(p.outcome) for p in by_role(out, "subject")} == {"killed"}


def test_a_spokesman_quoted_first_is_not_the_headlines_officer(model):
    text = (
        "Harlow officer shot during struggle\n\n"
        "Harlow Police Sgt. Dale Ormsby told reporters the wounded officer is in good condition.\n\n"
        "The officer was shot in the stomach during a struggle with a man on Thursday night, police said."
    )
    out = run(model, text)
    assert [value(p.name) for p in by_role(out, "officer")] == [None]
    assert {value(p.name): p.role for p in out["mentioned"]} == {"Dale Ormsby": "official"}


def test_himself_is_the_doer_of_his_own_verb(model):
    text = (
        "Harlow officer wounded by gunman\n\n"
        "A gunman opened fire on a Harlow police officer sitting in his car early Sunday, seriously wounding him "
        "before fleeing and apparently killing himself, police said."
    )
    out = run(model, text)
    assert {value(p.outcome) for p in by_role(out, "officer")} == {"injured"}
    assert "killed" in {value(p.outcome) for p in by_role(out, "subject")}


def test_who_shot_himself_fired(model):
    # the -ing form has no "shot" in its sentence; a self-inflicted wound says who fired it
    for text in (
        "Boy, 6, dies in Harlow\n\nPolice said Tobias Quenby, 6, was found dead Tuesday night after accidentally "
        "shooting himself with a pistol at his uncle's home.",
        "Standoff ends in Harlow\n\nPolice said Tobias Quenby, 41, died of a self-inflicted gunshot wound after a "
        "standoff with deputies on Monday.",
    ):
        fired = {value(p.name): value(p.fired) for p in by_role(run(model, text), "subject")}
        assert fired == {"Tobias Quenby": True}, text
    text = "Harlow man wounded\n\nPolice said Tobias Quenby, 41, suffered a gunshot wound on Monday."
    assert {value(p.fired) for p in by_role(run(model, text), "subject")} == {None}


def test_officials_and_sources_never_take_up_the_headline_person(model):
    text = (
        "Gunman found dead after Harlow clinic shooting\n\n"
        "A nurse was shot at the Harlow Clinic on Tuesday morning. The gunman was found dead in a storage room, and "
        "the building was cleared, said Police Commissioner Dale Ormsby. {later}"
    )
    for later in (
        "During the briefing, Ormsby praised the clinic's staff.",  # a titled official
        "Ormsby praised the clinic's staff.",
    ):
        out = run(model, text.format(later=later))
        assert {value(p.name) for p in out["people"]} == {None}, later
    text = (
        "Gunman found dead after Harlow clinic shooting\n\n"
        "The gunman was found dead in a storage room, Rhea Fallon told reporters. Fallon later thanked the nurses."
    )  # a source met before (no title) is not the headline's gunman either
    assert {value(p.name) for p in run(model, text)["people"]} == {None}


def test_a_sentence_of_many_names_is_no_title_case_headline(model):
    from ois.extract.names import headlines

    text = (
        "Man fatally shot in Harlow\n\n"
        "HARLOW — One man is dead after a shooting Tuesday night. Officers found a man suffering from a gunshot "
        "wound. The Harlow County Coroner’s Office identified the man as Tobias Quenby, 37. "
        "Related: One Confirmed Dead In Harlow Shootout, At least Four Others Wounded"
    )
    sentences = nlp.parse(model, text).sentences()
    found = [s.text for i, s in enumerate(sentences) if i in headlines(sentences)]
    assert found[1:] == ["One Confirmed Dead In Harlow Shootout, At least Four Others Wounded"]
    out = run(model, text)
    assert {value(p.name): value(p.outcome) for p in out["people"] if p.name} == {"Tobias Quenby": "killed"}


def test_the_decedent_named_is_the_subject(model):
    text = (
        "Man dies in police shooting | KHAR 12\n\n"
        "HARLOW, Ind. — A man died Sunday after police shot him outside a motel on the north side. Officers were "
        "called at about 9 p.m. to a report of a man threatening people in the 400 block of Elm Ridge Road. Police "
        "have identified the decedent as 44-year-old Tobias Quenby. A caller told dispatchers a male was pacing in "
        "the parking lot with a machete and seemed to be bleeding. Officers surrounded the machete-carrying man and "
        "ordered him several times to drop the blade. The man ignored them, and officers used a stun gun without "
        "effect. Two of the officers then fired. The man died at a hospital."
    )
    subjects = by_role(run(model, text), "subject")
    assert {value(p.name): value(p.outcome) for p in subjects} == {"Tobias Quenby": "killed"}
    # the headline's "police shooting", which the small model reads as a verb, is not his
    assert True not in {value(p.fired) for p in subjects}


def test_deceased_and_slain_say_killed(model):
    for text, role, name in (
        (
            "Man shot by Harlow police\n\nHARLOW — Officers shot Tobias Quenby during a traffic stop on Friday. He "
            "was taken to a hospital where he was declared deceased.",
            "subject",
            "Tobias Quenby",
        ),
        (
            "Man shot by Harlow police\n\nHARLOW — Earlier this week, the sheriff's office identified the deceased "
            "suspect as 25-year-old Tobias Quenby. Officers shot Quenby during a traffic stop.",
            "subject",
            "Tobias Quenby",
        ),
        (
            "Officer shot in Harlow\n\nHARLOW — The slain officer was identified as Dale Ormsby. A gunman shot "
            "Ormsby during a traffic stop on Friday.",
            "officer",
            "Dale Ormsby",
        ),
    ):
        outcomes = {value(p.name): value(p.outcome) for p in by_role(run(model, text), role)}
        assert outcomes == {name: "killed"}, text


def test_the_case_after_a_second_shooting_phrase_is_recalled(model):
    text = (
        "Woman killed by Harlow police\n\n"
        "HARLOW — A Harlow police officer shot and killed Rhea Fallon, 36, after a traffic stop on Monday, police "
        "said. It was the second fatal shooting involving a Harlow police officer in the last month. Tobias Quenby, "
        "41, was shot Dec. 23 by a Harlow police officer outside a grocery store."
    )
    names = {value(p.name) for p in run(model, text)["people"]}
    assert "Rhea Fallon" in names and "Tobias Quenby" not in names


def test_a_relative_of_the_victim_is_not_the_headlines_child(model):
    from ois.extract.grammar import named_as_kin

    for sentence, kin in (
        ("Rhea Fallon is the little girl's godmother.", True),
        ("Rhea Fallon is the mother of the boy.", True),
        ("Tobias Quenby was a devoted father.", False),  # a relative of nobody named
        ("Tobias Quenby is the suspect.", False),
    ):
        doc = nlp.parse(model, sentence).sentences()[0].doc
        name = next(t for t in doc if t.dep_ == "nsubj")
        assert named_as_kin(name) is kin, sentence
    text = (
        "Man shot dead by Harlow police remembered\n\n"
        "Tobias Quenby was a devoted father and a great brother. A week after he walked into the Harlow police "
        "station with a knife and was shot dead by officers, his family spoke."
    )  # still the headline's man
    assert "Tobias Quenby" in {value(p.name) for p in by_role(run(model, text), "subject")}


OFFICIALS = {
    "owning a staff": "Boy, 14, killed by accidental shot in Harlow\n\nA 14-year-old boy was accidentally shot and "
    "killed by his 19-year-old brother Saturday. The gun belonged to their father, who serves as a captain on "
    'Precinct 2 Constable Dale Ormsby\'s staff. "This is a tragedy," said Ormsby.',
    "chief of police": "Three dead in Harlow bar shooting\n\nPolice say Tobias Quenby, 35, shot and killed his wife "
    'before turning the gun on himself. "He shot her multiple times, went around the bar and shot a man and then '
    'turned the gun on himself," said Harlow Chief of Police Dale Ormsby.',
}


@pytest.mark.parametrize("text", list(OFFICIALS.values()), ids=list(OFFICIALS))
def test_an_officer_only_quoted_or_owning_a_staff_and_a_chief_of_police_are_officials(model, text):
    """An officer's mention as the owner of a staff says nothing of taking part; "Chief of Police X" is a chief's
    title (a quoted chief had been a subject who fired)."""
    out = run(model, text)
    assert "Dale Ormsby" not in {value(p.name) for p in out["people"]}
    assert {value(p.name): p.role for p in out["mentioned"]}.get("Dale Ormsby") == "official"


def test_a_month_can_be_a_first_name(model):
    text = (
        "Three dead in Harlow bar shooting\n\n"
        "Police say 35-year-old Dale Quenby shot and killed 38-year-old April Quenby and another man at a bar on "
        "April 5 before turning the gun on himself."
    )
    names = {value(p.name): value(p.age) for p in run(model, text)["people"] if p.name}
    assert names.get("April Quenby") == 38 and names.get("Dale Quenby") == 35


def test_an_aged_name_ner_calls_an_organisation_is_a_person(model):
    """ "... in the death of X, 22." with X tagged ORG (GVDB had the killed man's name dropped and the charged man
    made the victim): the parse is built by hand with that label, as the model gave it."""
    words = ["Police", "charged", "him", "in", "the", "death", "of", "Harlan", "Oakridge", ",", "22", "."]
    heads = [1, 1, 1, 1, 5, 3, 5, 8, 6, 8, 8, 1]
    deps = ["nsubj", "ROOT", "dobj", "prep", "det", "pobj", "prep", "compound", "pobj", "punct", "appos", "punct"]
    pos = ["NOUN", "VERB", "PRON", "ADP", "DET", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT", "NUM", "PUNCT"]
    tags = ["NNS", "VBD", "PRP", "IN", "DT", "NN", "IN", "NNP", "NNP", ",", "CD", "."]
    assert hand_parsed_mentions(model, words, heads, deps, pos, tags, (7, 9, "ORG")) == [("Harlan", "Oakridge")]


def test_who_was_taken_into_custody_is_not_the_headlines_victim(model):
    text = (
        "Girl shot at party dies; woman held\n\n"
        "The girl was believed to be shot during a party at a house in Harlow, a state police spokesman said. Rhea "
        "Fallon, a 40-year-old woman who lives at the house, was taken into custody and charged with manslaughter."
    )
    fallon = {value(p.name): p for p in run(model, text)["people"]}["Rhea Fallon"]
    assert value(fallon.outcome) is None and value(fallon.accused) == "charged"


def test_bylines_and_credits_are_no_people(model):
    for text in (
        "by: Dana Whitley Updated: Jan 4, 2017 - 7:16 AM",
        "Dana Whitley contributed to this report.",
        "Photos from the scene. — Dana Whitley (@danawhitley) January 4, 2017",
        "Dana Whitley, wkrn.com Harlow Savings Bank in Harlow, Wis.",
    ):
        assert find_mentions(nlp.parse(model, text).sentences()) == [], text
    sentences = nlp.parse(model, "The man was shot by Dana Whitley, police said.").sentences()
    assert [m.tokens for m in find_mentions(sentences)] == [("Dana", "Whitley")]


def test_a_group_noun_run_into_a_name_is_no_title(model):
    text = (
        "Woman killed by Harlow police near mall\n\n"
        "Officers shot Dana Whitley, 31, outside the Harlow mall on Wednesday.\n\n"
        "Witnesses told police Whitley had appeared distraught, according to a state police lieutenant."
    )
    out = run(model, text)
    assert [value(p.name) for p in by_role(out, "subject")] == ["Dana Whitley"]
    assert not [p for p in by_role(out, "officer") if p.name is not None]


def test_identified_as_the_suspect_and_the_indictment_of_a_name(model):
    text = (
        "Two Harlow officers wounded\n\n"
        "A gunman wounded two Harlow officers during a traffic stop on Thursday, police said.\n\n"
        "On Friday, the chief identified Marco Delane, 52, as the suspect in the shooting of the officers."
    )
    assert [value(p.name) for p in by_role(run(model, text), "subject")] == ["Marco Delane"]
    text = (
        "Man indicted in shooting of Harlow officer\n\n"
        "A man who shot at passing cars and wounded a Harlow officer last week has been indicted.\n\n"
        "The state announced the indictment of 37-year-old Marco Delane in a statement Tuesday."
    )
    (subject,) = [p for p in by_role(run(model, text), "subject") if p.name is not None]
    assert value(subject.name) == "Marco Delane" and value(subject.accused) == "charged"


def test_race_a_predicate_gives_its_subject(model):
    text = (
        "Harlow officer kills man after chase\n\n"
        "A Harlow officer shot and killed Dana Whitley, 29, after a chase on Sunday, police said.\n\n"
        "Whitley, who was black, had a handgun, police said. The officer is white."
    )
    out = run(model, text)
    (subject,) = by_role(out, "subject")
    assert value(subject.race) == "black" and subject.race.words.text == "black"
    assert [value(p.race) for p in by_role(out, "officer")] == ["white"]


def test_law_enforcement_is_the_police_side(model):
    text = (
        "Carrier dead, officer hurt in Harlow shooting\n\n"
        "One person was killed and an officer was injured in a random shooting in Harlow early Thursday.\n\n"
        "The Harlow Courier said its newspaper carrier, 44-year-old Dana Whitley, was killed in the shooting.\n\n"
        "As officers arrived, the suspect began to shoot at law enforcement, forcing them to return fire."
    )
    out = run(model, text)
    assert {value(p.name): p.role for p in out["mentioned"]}.get("Dana Whitley") == "victim of the subject"
    assert not [p for p in out["people"] if p.name is not None]


def test_a_name_ner_calls_an_organisation_is_a_person_when_a_person_noun_describes_it(model):
    text = (
        "Brother charged after standoff\n\n"
        "Prosecutors charged the brother of Taryn Raines, the woman who Harlow County Police shot during a standoff "
        "last week, with obstruction."
    )
    sentences = nlp.parse(model, text).sentences()
    assert [" ".join(m.tokens) for m in find_mentions(sentences)][:1] == ["Taryn Raines"]


def test_a_name_ner_calls_a_place_is_a_person_where_only_a_person_fits(model):
    text = (
        "Man killed by officers\n\n"
        "The gunman, named by the Harlow Co. coroner as 47-year-old Earnest Dells, had a rifle, police said."
    )
    sentences = nlp.parse(model, text).sentences()
    assert "Earnest Dells" in {" ".join(m.tokens) for m in find_mentions(sentences)}


def test_a_three_word_name_whose_first_word_hangs_on_the_second_is_whole(model):
    """NER left out the first word of a sentence-initial three-word name and the parser hung it on the middle name,
    not on the surname (first -> middle -> surname, as in an MPV description): the name is all three words. The
    parse is built by hand, as the model gave it, with fictional names."""
    words = ["Tavon", "Reese", "Marlow", "allegedly", "produced", "a", "knife", "."]
    heads = [1, 2, 4, 4, 4, 6, 4, 4]
    deps = ["compound", "compound", "nsubj", "advmod", "ROOT", "det", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "PROPN", "ADV", "VERB", "DET", "NOUN", "PUNCT"]
    tags = ["NNP", "NNP", "NNP", "RB", "VBD", "DT", "NN", "."]
    mentions = hand_parsed_mentions(model, words, heads, deps, pos, tags, (1, 3, "PERSON"))
    assert mentions == [("Tavon", "Reese", "Marlow")]


def test_the_same_name_at_the_same_place_of_two_paragraphs_is_two_mentions(model):
    """Token offsets restart in every paragraph: a name opening the headline and the first paragraph alike was one
    key, and the story's own mention was dropped for the headline's."""
    text = "Rhea Fallon, 42, dies after shooting\n\nRhea Fallon, 42, died Sunday after being shot in Harlow."
    mentions = find_mentions(nlp.parse(model, text).sentences())
    assert [(m.sentence, m.tokens) for m in mentions] == [(0, ("Rhea", "Fallon")), (1, ("Rhea", "Fallon"))]


def test_a_name_with_a_roman_numeral_suffix_is_the_subject_of_its_verb(model):
    """The parser makes the suffix the head of the name ("Varn III" -> III, the subject of "was killed"); without it
    among the name's tokens the killing had nobody, and the report no person and no police fire."""
    text = "Dale Quenby Varn III, 33, was killed by a Harlow County deputy following a traffic stop on Elm Drive."
    out = run(model, text)
    (varn,) = [p for p in out["people"] if p.name]
    assert value(varn.name) == "Dale Quenby Varn III" and value(varn.outcome) == "killed" and value(varn.age) == 33
    assert value(out["officer_fired"]) is True


def test_who_officers_tried_to_arrest_was_sought_not_arrested(model):
    out = run(model, "Officers tried to arrest Dale Varn outside the store. Varn pulled a gun and an officer shot him.")
    (varn,) = [p for p in out["people"] if p.name]
    assert value(varn.accused) == "sought"


@pytest.mark.parametrize(
    "text",
    [
        "Deputies went into the house. The man produced a weapon, possibly a screwdriver, and a deputy shot him.",
        "Officers went into the house. The man ran toward officers with some type of weapon, and they shot him.",
    ],
)
def test_a_weapon_of_no_named_kind_is_no_gun(model, text):
    """ "A weapon" says nothing of its kind (MPV's descriptions had a screwdriver, a stun gun, a replica)."""
    armed = [value(p.armed) for p in run(model, text)["people"] if p.role == "subject"]
    assert "gun" not in armed
