"""Names that are places, not people: a street, a venue, a hospital or a town the parse puts where a person goes
("was shot on Whitcomb", "the corner of Tarnow and Main", "rushed to Halden General"). Used by the people reader
to keep such names out of the participants (`place_like`)."""

from __future__ import annotations

import re

from ois import data, geo, nlp
from ois.extract.cues import pattern
from ois.extract.grammar import passive
from ois.extract.name_sweep import after_article
from ois.extract.names import Cluster, Mention, lexicon


def place_like(c: Cluster, sentences: list[nlp.Sentence]) -> bool:
    """A name that is a place: it ends in a street or venue word ("Harlow Parkway", "Lee Memorial"), names a
    town ("Manchester police"; "Eau Claire police" unless a title makes it a person's), or is only ever where
    something happened ("near Marlowe", "outside the Marlowe"), or is once where someone was taken ("transported
    to Halden"), or is a compass letter and a word ("410 E. Harlow", "at N. Kessel": a street), or only ever opens
    a street's name ("410 Dale Kessel Boulevard")."""
    location = data.load("location")
    places = set(location["street_types"]) | set(lexicon()["venue_words"])
    words = c.best.tokens
    untitled = not any(m.title for m in c.mentions)
    town = (len(words) == 1 or untitled) and bool(geo.candidates(" ".join(words)))
    initial = words[0].rstrip(".")  # "N.", "SW"
    compass = untitled and len(words) == 2 and len(initial) <= 2 and initial in location["directions"]
    if words[-1].strip(".") in places or town or compass:
        return True
    if untitled and len(words) > 1 and _street_named(" ".join(words), places, sentences):
        return True  # "ran east on Cesar Chavez" where the story also says "Cesar Chavez Avenue"
    if untitled and all(_street_start(m, places, sentences) for m in c.mentions):
        return True  # "at 410 Dale Kessel Boulevard" where NER took "Dale" alone for a name
    if any(_street_corner(m, sentences) for m in c.mentions):
        return True  # "10th and Filbert streets", "near Southwest 74th and Penn", "on Marty's near east side"
    if untitled and all(_thing(m, words, sentences) for m in c.mentions):
        return True  # "a nearby Harlow Mart", "the Chevrolet Impala", "the parking lot of Dale's, where"
    heads = [sentences[m.sentence].doc.doc[m.token_ids[-1]] for m in c.mentions if m.token_ids]
    if any(_destination(p) or _street_of(p) for p in map(_preposition, heads)):
        return True  # "taken to Penrose Main" ... "Penrose Main confirms six patients"; "the 1200 block of Dale Roe"
    return bool(heads) and all(t.dep_ in ("pobj", "conj") and _where(_preposition(t)) for t in heads)


def _street_corner(m, sentences: list[nlp.Sentence]) -> bool:
    """The mention is a street crossing a numbered street or the second of two crossing streets ("in the area of
    Larkin Road and Tarnow"), or a part of town (lexicon `name_as_place`)."""
    words = data.load("location")["name_as_place"]
    sent = sentences[m.sentence]
    before, after = sent.text[: m.start - sent.start], sent.text[m.end - sent.start :]
    return bool(re.search(words["before"], before, re.I) or re.match(words["after"], after, re.I))


def _thing(m: Mention, words: tuple[str, ...], sentences: list[nlp.Sentence]) -> bool:
    """The mention is a thing: after the indefinite article ("a nearby Harlow Mart"), a car (a make opens the name,
    after a determiner: "the Chevrolet Impala"), or a possessive with no noun after it ("the lot of Dale's, where")."""
    if not m.token_ids:
        return False
    lex = lexicon()
    sent = sentences[m.sentence]
    i, missed = m.token_ids[0], len(words) - len(m.tokens)  # "a Harlow | Mart": NER took the last word alone
    if (
        missed > 0
        and words[missed:] == m.tokens
        and tuple(t.text for t in sent.doc.doc[i - missed : i]) == words[:missed]
    ):
        i -= missed
    if after_article(sent.doc, i):
        return True
    car = len(words) > 1 and pattern("vehicle_before", 0).search(words[0] + " ")  # the lexicon places.py reads
    if car and after_article(sent.doc, i, tuple(lex["car_determiners"])):
        return True
    return bool(re.match(lex["business_possessive"], sent.text[m.end - sent.start :]))


def _street_start(m: Mention, places: set[str], sentences: list[nlp.Sentence]) -> bool:
    """The mention opens a street's name: a street word is among the (up to three) capitalised words after it."""
    sent = sentences[m.sentence]
    after = re.match(r"(?:\s+[A-Z][\w'’.-]*){1,3}", sent.text[m.end - sent.start :])
    return after is not None and any(w.strip(".") in places for w in after.group(0).split())


def _street_named(name: str, places: set[str], sentences: list[nlp.Sentence]) -> bool:
    """The text writes the name followed by a street or venue word somewhere ("Cesar Chavez Avenue")."""
    after = re.compile(rf"\b{re.escape(name)}\s+(\w+)")
    return any(m.group(1) in places for s in sentences for m in after.finditer(s.text))


def _preposition(tok):
    """The preposition a noun (or the first of conjoined nouns: "the corner of Main and Wells") is the object of."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok.head if tok.dep_ == "pobj" else None


def _where(preposition) -> bool:
    """The preposition says where: "near", "outside", ..., "to" after taking someone ("rushed to"), "on" after a
    passive verb ("was shot on Whitcomb"), or any after a street word ("the 1400 block of", "the corner of")."""
    if preposition is None:
        return False
    if preposition.lower_ in lexicon()["locative_prepositions"] or _street_of(preposition):
        return True
    if preposition.lower_ == "on" and preposition.head.pos_ == "VERB" and passive(preposition.head):
        return True  # "was fatally shot on Whitcomb": where (who was shot is the subject; who shot, "by")
    return _destination(preposition)


def _street_of(preposition) -> bool:
    """The preposition follows a street word: "the 1400 block of", "the corner of", "southeast of"."""
    if preposition is None:
        return False
    before = preposition.doc[preposition.i - 1].lemma_.lower() if preposition.i > 0 else ""
    return bool({preposition.head.lemma_.lower(), before} & set(lexicon()["street_place_nouns"]))


def _destination(preposition) -> bool:
    """ "to" after taking someone ("rushed to", "taken to"): where people are taken, never a person."""
    return (
        preposition is not None
        and preposition.lower_ == "to"
        and preposition.head.lemma_.lower() in lexicon()["destination_verbs"]
    )
