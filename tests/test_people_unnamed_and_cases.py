"""Fictional articles (issue 8): a description the text says has no name yet ("the gunman, who has not been
identified") is no one the story named before; a person whose name labels a recalled case ("echoes of the Lila Voss
case") and whom a sentence about that case tells of is someone of that case; one shot, of a group none of whom was
shot ("officers chased the pair"), is the one named person killed, and one who fired, of a group none of whom
fired ("two men were wounded"), the one named who fired - and such a group, unless police shot it or it fired, is
no count of a police shooting's subjects; a pronoun of this shooting is no one met only in
a sentence about another case; "one man who was shot at by a deputy" is someone new, and was fired at, not hit; a
short form of a first name alone ("Pat") is the person of that first name ("Patrick Dunmore"); a name once after
"the 700 block of" is a street however else the story writes it; a witness is no subject for being called "a
woman"."""

from __future__ import annotations

from ois import nlp
from ois.extract.frame import place_like
from ois.extract.people import read
from ois.models import Article, fact_value
from ois.settings import Settings
from tests.articles import report


def _named(r, role: str) -> set[str]:
    return {p.name.value for p in r.people if p.role == role and p.name is not None}


def test_an_unidentified_gunman_is_not_the_neighbour_named_before(model):
    r = report(
        model,
        "Gunman dead after firing at cars near Harlow mall\n\n"
        "HARLOW, Ind. — Police shot and killed a man who fired at passing cars near a Harlow strip mall early "
        "Monday, police said.\n\n"
        "Dale Roe lives near the mall and began waving drivers away after he heard the shots.\n\n"
        "The gunman, who has not been identified, had worked at a nearby office.\n\n"
        "When officers arrived, the suspect fired at them. Officers shot the man, who died at the scene.",
    )
    assert not _named(r, "subject")
    (subject,) = [p for p in r.people if p.role == "subject"]
    assert fact_value(subject.outcome) == "killed" and fact_value(subject.fired) is True


CASE = (
    "Harlow officer kills boy holding toy gun\n\n"
    "HARLOW, Ind. — A Harlow police officer shot and killed a 14-year-old boy Tuesday night after the boy pulled a "
    "toy gun from his waistband, police said. The shooting drew echoes of the Lila Voss case.\n\n"
    "City leaders rejected comparisons to the 2019 killing of 12-year-old Lila Voss in Tarnow.\n\n"
    "Officers looking for a robbery suspect saw three boys on Larkin Avenue. Two of the boys ran, and officers "
    "chased the pair into a yard.\n\n"
    "Ty Evers pulled out a gun that turned out to be a toy, and an officer fired, hitting the boy twice. Ty died at "
    "a hospital.\n\n"
    "In Voss's case, a caller reported a child with a gun. Prosecutors said Voss was reaching for the toy when she "
    "was shot."
)


def test_the_person_a_recalled_case_is_named_after_is_no_participant(model):
    r = report(model, CASE)
    assert "Lila Voss" not in {p.name.value for p in r.people if p.name is not None}
    assert "Lila Voss" in {p.name.value for p in r.mentioned if p.role == "earlier case"}


def test_the_boy_killed_is_the_one_named_killed_though_police_chased_several(model):
    r = report(model, CASE)
    (subject,) = [p for p in r.people if p.role == "subject"]
    assert fact_value(subject.name) == "Ty Evers"
    assert fact_value(subject.age) == 14 and fact_value(subject.outcome) == "killed"
    assert fact_value(subject.armed) == "replica" and fact_value(r.subject_count) == 1


def test_a_pronoun_of_this_shooting_is_nobody_of_an_officers_earlier_case(model):
    r = report(
        model,
        "Harlow officer shoots man in alley\n\n"
        "HARLOW, Ind. — A Harlow police officer shot and wounded a man in an alley Tuesday night, police said.\n\n"
        "The officer was identified as Lou Marsh, a nine-year veteran. Records show that in 2016 he shot and killed a "
        "man who was holding a woman at knifepoint.\n\n"
        'A caller told a dispatcher: "He is shooting!"',
    )
    (subject,) = [p for p in r.people if p.role == "subject"]
    assert fact_value(subject.outcome) == "injured"
    assert fact_value(subject.fired) is None and fact_value(r.subject_fired) is None


def test_one_man_shot_at_by_a_deputy_is_someone_new_and_unhurt(model):
    r = report(
        model,
        "Two dead after shooting outside Harlow club\n\n"
        "HARLOW, Ind. — Two teens were killed and several people were hurt when gunfire broke out outside a Harlow "
        "club early Monday.\n\n"
        "The victims who died were identified as 17-year-old Dale Roe and 15-year-old Ty Evers.\n\n"
        "Police said they have detained three people in connection with the shooting, including one man who was "
        "shot at by a Harlow County deputy during a traffic stop.",
    )
    assert not {p.name.value for p in r.people if p.name is not None}
    (subject,) = [p for p in r.people if p.role == "subject"]
    assert subject.outcome is None
    assert fact_value(r.officer_fired) is True


def test_a_man_shot_at_was_fired_at_not_hit(model):
    r = report(
        model,
        "Harlow deputy fires at driver\n\n"
        "HARLOW, Ind. — A man was shot at by a Harlow County deputy during a traffic stop on Tuesday, police said. "
        "The man drove away.",
    )
    (subject,) = [p for p in r.people if p.role == "subject"]
    assert subject.outcome is None and fact_value(r.officer_fired) is True


def test_a_short_form_of_a_first_name_alone_is_that_person(model):
    r = report(
        model,
        "Harlow man dies days after deputy shot him\n\n"
        "HARLOW, Ind. — A Harlow County deputy shot Patrick Dunmore, 20, on Tuesday after he pointed a rifle at the "
        "deputy, the sheriff said.\n\n"
        "Dunmore was taken to a hospital. Two days later, Pat was dead.\n\n"
        "His sister, Jamie, 27, said he had been depressed.",
    )
    (subject,) = [p for p in r.people if p.role == "subject"]
    assert fact_value(subject.name) == "Patrick Dunmore" and fact_value(subject.outcome) == "killed"
    assert "Pat" not in {p.name.value for p in (*r.people, *r.mentioned) if p.name is not None}
    assert fact_value(subject.age) == 20  # (not the sister's 27: "Jamie" is no short form of "Patrick")


BAR = (
    "Officers kill gunman at Harlow bar\n\n"
    "HARLOW, Ind. — A gunman opened fire at a Harlow bar on Saturday night before officers shot him, police said. "
    "Two men were wounded.\n\n"
    "Tom Varn, 24, fired at patrons after an argument, police said. He died at the scene."
)


def test_the_gunman_is_the_one_named_who_fired_though_two_men_were_wounded(model):
    (subject,) = [p for p in report(model, BAR).people if p.role == "subject"]
    assert fact_value(subject.name) == "Tom Varn"
    assert fact_value(subject.outcome) == "killed" and fact_value(subject.fired) is True


def test_the_gunmans_victims_are_no_count_of_subjects_in_a_police_shooting(model):
    assert fact_value(report(model, BAR).subject_count) == 1  # (not the two men he wounded)


def test_a_name_once_after_a_block_of_is_a_street(model):
    text = (
        "A woman was found shot in the 700 block of Dale Kessel on Tuesday, police said.\n\n"
        "Neighbors said Dale Kessel has been quiet since the shooting."
    )
    reading = read(Article("x", "t", text), nlp.parse(model, text), Settings(env={}))
    (street,) = [c for c in reading.clusters if c.best.tokens == ("Dale", "Kessel")]
    assert len(street.mentions) == 2 and place_like(street, reading.sentences)


def test_a_witness_called_a_woman_is_no_subject(model):
    text = (
        "Trial opens for Harlow officer in shooting of Ty Evers\n\n"
        "HARLOW, Ind. — Officer Dale Roe shot and killed Ty Evers, 19, during a traffic stop in March, prosecutors "
        "told jurors on Monday.\n\n"
        "The first witness to testify at the start of the trial was Mara Voss, a woman who said the officer shocked "
        "her with a stun gun while she was handcuffed in the back of a patrol car.\n\n"
        "Voss testified that Roe did not say anything before he shocked her."
    )
    reading = read(Article("x", "t", text), nlp.parse(model, text), Settings(env={}))
    (voss,) = [ci for ci, c in enumerate(reading.clusters) if c.best.tokens == ("Mara", "Voss")]
    assert voss not in reading.role_of
