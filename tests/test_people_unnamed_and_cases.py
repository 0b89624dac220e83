"""Fictional articles (issue 8): a description the text says has no name yet ("the gunman, who has not been
identified") is no one the story named before; a person whose name labels a recalled case ("likened to the Lila Voss
case") and whom a sentence about that case tells of is someone of that case; one shot, of a group none of whom was
shot ("officers chased the pair"), is the one named person killed, and one who fired, of a group none of whom
fired ("two men were wounded"), the one named who fired - and such a group, unless police shot it or it fired, is
no count of a police shooting's subjects; a pronoun of this shooting is no one met only in
a sentence about another case; "one man who was shot at by a deputy" is someone new, and was fired at, not hit; a
short form of a first name alone ("Pat") is the person of that first name ("Patrick Dunmore"); a name once after
"the 1200 block of" is a street however else the story writes it; a witness is no subject for being called "a
woman"."""

from __future__ import annotations

from ois import nlp
from ois.extract.people import read
from ois.extract.placelike import place_like
from ois.models import Article, fact_value
from ois.settings import Settings
from tests.articles import report


def _named(r, role: str) -> set[str]:
    return {p.name.value for p in r.people if p.role == role and p.name is not None}


def test_an_unidentified_gunman_is_not_the_neighbour_named_before(model):
    r = report(
        model,
        "Harlow police end Route 9 shooting spree\n\n"
        "HARLOW, Ind. — Harlow officers shot dead a man who was firing a pistol at traffic on Route 9 on Friday "
        "afternoon, the police chief said.\n\n"
        "Dale Roe runs a bakery on the corner and ran outside to flag cars away from the gunfire.\n\n"
        "The gunman, who has not been identified, was 40.\n\n"
        "The gunman turned his pistol on the first officers to arrive, and they returned fire, killing him.",
    )
    assert not _named(r, "subject")
    (subject,) = [p for p in r.people if p.role == "subject"]
    assert fact_value(subject.outcome) == "killed" and fact_value(subject.fired) is True


CASE = (
    "Harlow boy with toy pistol killed by officer\n\n"
    "HARLOW, Ind. — A Harlow police officer shot and killed a 14-year-old boy on Tuesday evening when the boy drew a "
    "toy pistol, police said. Residents at once likened it to the Lila Voss case.\n\n"
    "The mayor said the shooting had nothing in common with the 2019 killing of 12-year-old Lila Voss in Tarnow.\n\n"
    "Officers answering a call about a stolen bike saw three boys near Larkin Avenue. Two of the boys took off "
    "running, and officers followed the pair behind a garage.\n\n"
    "Ty Evers turned toward the officers holding what later proved to be a toy, and an officer fired twice, striking "
    "the boy. Ty was pronounced dead at a hospital.\n\n"
    "In Voss's case, a neighbor had called about a child waving a gun. A review found Voss was holding the toy when "
    "she was shot."
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
        "Harlow officer wounds man in alley\n\n"
        "HARLOW, Ind. — A man was wounded by a Harlow police officer in an alley late Tuesday, police said.\n\n"
        "Police named the officer as Lou Marsh, who joined the force in 2015. Court files show that in 2018 he shot "
        "and killed a man who had taken a clerk hostage.\n\n"
        'A neighbor called 911 and shouted: "He is shooting!"',
    )
    (subject,) = [p for p in r.people if p.role == "subject"]
    assert fact_value(subject.outcome) == "injured"  # (not killed: the man of 2018 is nobody "He" means here)


def test_one_man_shot_at_by_a_deputy_is_someone_new_and_unhurt(model):
    r = report(
        model,
        "Two killed in shooting outside Harlow club\n\n"
        "HARLOW, Ind. — Gunfire outside a Harlow dance club early Sunday killed two teenagers and hurt several "
        "others, police said.\n\n"
        "The two who died were named as Dale Roe, 17, and Ty Evers, 15.\n\n"
        "Three people have been held for questioning, among them one man who was shot at by a Harlow County deputy "
        "when he drove away from a checkpoint.",
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
        "HARLOW, Ind. — Patrick Dunmore, 20, was shot by a Harlow County deputy on Tuesday after he aimed a rifle at "
        "the deputy, the sheriff said.\n\n"
        "Dunmore underwent surgery. He never woke up, and on Thursday Pat died.\n\n"
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
        "A woman was found shot in the 1200 block of Dale Kessel on Tuesday, police said.\n\n"
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
        "The first witness was Mara Voss, a woman who said the officer once used a Taser on her while she sat "
        "handcuffed in his cruiser.\n\n"
        "Voss told jurors that Roe said nothing before he used the Taser on her."
    )
    reading = read(Article("x", "t", text), nlp.parse(model, text), Settings(env={}))
    (voss,) = [ci for ci, c in enumerate(reading.clusters) if c.best.tokens == ("Mara", "Voss")]
    assert voss not in reading.role_of


def test_a_month_dated_shooting_is_the_story_s_own_without_a_recent_lead_or_within_days(model):
    follow_up = (
        "No charges for Harlow officers\n\n"
        "Two Harlow officers who shot a man will not face charges, prosecutors said. In January, officers shot and "
        "killed Dale Roe, 34, after he pointed a gun at them."
    )  # a later story about the January shooting: no day in its lead
    assert _named(report(model, follow_up), "subject") == {"Dale Roe"}
    cleared = (
        "Harlow officer cleared\n\nA Harlow officer was cleared Friday in the shooting death of a man, prosecutors "
        "said. In January, the officer shot Dale Roe, 34, after he pointed a gun at him."
    )  # (a day in the lead, but no shooting told by a verb)
    assert _named(report(model, cleared), "subject") == {"Dale Roe"}
    retold = (
        "Man shot by Harlow police\n\nHarlow police shot and wounded a man Saturday after he fired at officers, police "
        "said. Officers shot Dale Roe, 34, on May 31 after he pointed a gun at them."
    )  # the lead's own day told again (published June 2)
    assert _named(report(model, retold), "subject") == {"Dale Roe"}
