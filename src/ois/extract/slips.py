"""Slips of the small model's parse that lose a verb's subject, and where the subject went: a finite verb hung off
the main verb after a relative clause ("arrested a man they believe shot a woman"), a passive verb whose subject the
parse joined to an earlier noun ("was stabbed in the arm and the man who attacked him was shot"), a reduced
relative the parse read as the main verb ("an officer shot in an ambush is improving"), a subject hung on a noun
("a man who held them hostage was shot": "man" on "hostage"), a by-phrase read as a plain preposition ("a woman
fatally shot by deputies was struck by accident"), the one shot read as the noun before ("the sister of a man shot and
killed by an officer told reporters"). Used by the doer and patient rules of `grammar.py`.
"""

from __future__ import annotations


def gapped(v) -> bool:
    """A finite past verb with no subject, no conjunction and no auxiliary, right after a relative clause, that the
    small model hangs off the main verb ("arrested a man they believe shot a woman"): its subject is the relative
    clause's noun, never the main verb's subject."""
    before = v.doc[v.i - 1] if v.i > 0 else None
    return (
        v.dep_ == "advcl"
        and v.tag_ == "VBD"
        and before is not None
        and before.dep_ == "relcl"
        and before.head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("mark", "aux", "auxpass", "nsubjpass") for c in v.children)
    )


def lost_subject(v):
    """The subject the parse joined to a noun before it when v, a verb joined to an earlier one, has its own
    auxiliary right after that noun's words: "was stabbed in the arm and [the man who attacked him] was fatally shot"
    (not "fired at the deputy and was killed": the conjunction comes between), else None."""
    for noun in v.doc[v.head.i + 1 : v.left_edge.i]:
        after = noun.right_edge.i + 1
        joined = noun.dep_ == "conj" and noun.pos_ in ("NOUN", "PROPN") and noun.head.pos_ in ("NOUN", "PROPN")
        if joined and v.doc[after].head.i == v.i and v.doc[after].dep_ in ("aux", "auxpass"):
            return noun
    return None


def reduced(v) -> bool:
    """ "An officer shot in an ambush last week is improving": the small model makes "shot" the officer's verb and
    hangs the real one ("is improving", "is in fair condition") off it with no "and" and no subject of its own; "shot"
    is then a participle modifying its subject, who was shot (not "shot Roe and is on leave", "shot at him")."""
    if v.lemma_ != "shoot" or v.tag_ != "VBD" or not any(c.dep_ == "nsubj" for c in v.children):
        return False
    if any(c.dep_ in ("dobj", "cc", "aux", "auxpass") or c.lower_ == "at" for c in v.children):
        return False
    return any(
        c.dep_ == "conj"
        and not any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)
        and (c.lemma_ == "be" or any(g.dep_ == "aux" and g.lemma_ == "be" for g in c.children))
        for c in v.children
    )


def subject_of_noun(subj):
    """ "A man who held his girlfriend and her children hostage for six hours was shot": the small model makes
    "hostage" the passive's subject and hangs "man" on it as a subject of its own; a noun has no subject, so that
    one is the verb's."""
    if subj is None or subj.pos_ != "NOUN":
        return subj
    return next((c for c in subj.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), subj)


def misread_by(v):
    """ "Officials say a woman fatally shot by one or more deputies was struck by accident": the small model makes
    the participle the woman's verb and "by" a plain preposition; a past participle with a subject, no auxiliary and
    no object, and a by-phrase, is a passive whose doer that phrase names. The by-phrase, else None."""
    if v.tag_ != "VBN" or not any(c.dep_ == "nsubj" for c in v.children):
        return None
    if any(c.dep_ in ("aux", "auxpass", "dobj") for c in v.children):
        return None
    return next((c for c in v.children if c.dep_ == "prep" and c.lower_ == "by" and _has_object(c)), None)


def owner_shot(v):
    """ "The sister of a man shot and killed by an officer told reporters ...": the small model makes "shot" the
    sister's verb; a "shot" with no object or auxiliary whose second verb has the by-phrase, and whose subject is
    someone "of" a person, was done to that person. That person, else None."""
    if (
        v.lemma_ != "shoot"
        or v.tag_ not in ("VBD", "VBN")
        or any(c.dep_ in ("dobj", "aux", "auxpass") for c in v.children)
    ):
        return None
    if not any(c.dep_ == "conj" and c.tag_ == "VBN" and any(g.dep_ == "agent" for g in c.children) for c in v.children):
        return None
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
    of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None) if subj is not None else None
    return next((c for c in of.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) if of else None


def _has_object(prep) -> bool:
    return any(c.dep_ == "pobj" for c in prep.children)
