"""Who speaks for a case and who is in it: spokespeople, chiefs, prosecutors quoted about a shooting are only
mentioned (a non-participant word in the name's phrase, or every mention a source or a contact), while a chief or a
sheriff the story names as shot or firing is one of its officers (`frame.roles` decides with these tests)."""

from __future__ import annotations

import re

from ois import nlp
from ois.extract.cues import verbless
from ois.extract.names import Cluster, lexicon
from ois.extract.referents import Event


def non_participant(c: Cluster, sentences: list[nlp.Sentence]) -> bool:
    """Spokespeople, chiefs, prosecutors ...: a non-participant word in the name's own noun phrase -
    "police spokesman Sgt. Doe", "Doe, a department spokeswoman,", "the spokesman, Doe" (not "the sheriff's
    deputy Doe": a word before a possessive is the owner's)."""
    words = set(lexicon()["non_participant_words"])
    for m in c.mentions:
        doc = sentences[m.sentence].doc.doc
        head = doc[m.token_ids[-1]]
        phrase = []
        i = m.token_ids[0] - 1
        while (
            i >= 0
            and len(phrase) < 5
            and doc[i].pos_ in ("PROPN", "NOUN", "ADJ", "PART", "PUNCT")
            and doc[i].text not in (",", ".", ";", ":", "'s", "’s")  # "the sheriff's deputy Doe": the owner's word
        ):
            phrase.append(doc[i])
            i -= 1
        phrase += [t for c_ in head.children if c_.dep_ == "appos" for t in c_.subtree]
        if head.dep_ == "appos":
            phrase += [head.head, *(t for t in head.head.children if t.dep_ != "poss")]
        if any(t.lemma_.lower() in words or t.lower_ in words for t in phrase):
            return True
    return False


def named_in(c: Cluster, events: list[Event], sentences: list[nlp.Sentence]) -> bool:
    """The person was shot or fired, and a sentence telling so names them as the subject or object of its verb of
    shooting, wounding or dying ("Chief Roe was wounded", "Sheriff Roe fired"; not "Police shot him, said Chief
    Roe": the pronoun may be someone else's, nor "According to Chief Roe, the man was hit", however parsed)."""
    lex = lexicon()
    verbs = {*lex["wound_verbs"], *lex["fire_verbs"], *lex["hit_verbs"], *lex["die_verbs"], *lex["sustain_verbs"]}
    told = {e.sentence for e in events if e.kind in ("outcome", "fired")}
    for m in c.mentions:
        if m.sentence not in told or not m.token_ids:
            continue
        doc = sentences[m.sentence].doc.doc
        _, stop = _title(doc, m.token_ids[0])
        if stop > 0 and doc[stop].lower_ == "to" and doc[stop - 1].lower_ == "according":
            continue
        tok = doc[m.token_ids[-1]]
        while tok.dep_ in ("compound", "flat", "conj") or (tok.dep_ == "pobj" and tok.head.lower_ == "of"):
            tok = tok.head.head if tok.dep_ == "pobj" else tok.head  # "Chief of Police Roe", "A and Chief Roe"
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.head.lemma_ in verbs:
            return True
    return False


def _title(doc, first: int) -> tuple[list[str], int]:
    """The capitalised words (and "of") right before a name, up to six ("Halden Fire Department Capt."), lower
    case, nearest first; and the index of the word before them."""
    words: list[str] = []
    i = first - 1
    while i >= max(first - 6, 0) and (doc[i].is_title or doc[i].lower_ == "of"):
        words.append(doc[i].lower_.rstrip("."))
        i -= 1
    return words, i


def in_command(c: Cluster, sentences: list[nlp.Sentence]) -> bool:
    """A mention of the name is titled with a police rank of command ("Police Chief Lou Marsh", "Sheriff Roe",
    "Chief of Police Roe"), not one of another service ("Fire Department Capt. Roe")."""
    lex = lexicon()
    ranks, services = set(lex["command_titles"]), set(lex["other_services"])
    for m in c.mentions:
        words, _ = _title(sentences[m.sentence].doc.doc, m.token_ids[0]) if m.token_ids else ([], 0)
        if ranks.intersection(words) and not services.intersection(words):
            return True
    return False


def peripheral(c: Cluster, sentences: list[nlp.Sentence]) -> bool:
    """Every mention is a source or a contact: "Lt. Doe said", "according to Sgt. Doe", "call Detective Roe",
    a line with a phone number or e-mail address, or a verbless fragment the sentencizer cut off after a title
    ("..., said LAPD Det." / "Mike Roe.") that says nothing about the person."""
    lex = lexicon()
    speech, contact = set(lex["speech_lemmas"]), set(lex["contact_lemmas"])
    contact_line = re.compile(lex["contact_line"])
    for m in c.mentions:
        sent = sentences[m.sentence]
        if contact_line.search(sent.text) or verbless(sent):
            continue
        tok = sent.doc.doc[m.token_ids[-1]]
        head = tok.head
        spoke = any(c.dep_ == "conj" and c.lemma_ in speech for c in head.children)  # "had no numbers but said"
        if head.lemma_ in speech or head.lemma_ in contact or head.head.lemma_ in speech or spoke:
            continue  # "said Lt. Doe", "Sgt. Doe with the department said", "contact Detective Roe"
        if tok.dep_ in ("dobj", "pobj") and (head.lemma_ in contact or head.head.lemma_ in contact):
            continue
        if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
            continue
        if tok.dep_ == "poss" and head.lemma_.lower() in lex["owned_not_involving"]:  # "Constable Roe's staff"
            continue
        return False
    return True
