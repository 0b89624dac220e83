"""Who fired: officer_fired, subject_fired and first_shot_by for the whole article, each with its sentence.

Stated facts come from the events (`roles.py`): a referent of a role fired, police shot someone, someone shot at
police. Reciprocal wording ("exchanged gunfire", "a shootout", "returned fire") says both sides fired when a
sentence of the main shooting uses it with police in it. Someone shot by no one named while acting toward police
("pointed a rifle at the deputies and was shot") was shot by police. Then facts the text entails though no
sentence states them (`derived`), each on the evidence of its premise.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TypedDict

from ois import nlp
from ois.extract.grammar import agent, child, subject
from ois.extract.names import lexicon
from ois.extract.referents import Event, Referent
from ois.models import Fact, Person, Span, fact_value

_NOT_FIREARM = frozenset({"knife", "vehicle", "replica", "other", "unarmed"})
# "forcing (prompting) them to return fire": made to fire back, so the other side (police, nearly always) fired second
_TO_RETURN = re.compile(r"\b(?:forc|prompt|caus|compell|leav|lead)\w*\s+(?:\w+\s+){1,3}?to\s+$", re.IGNORECASE)
_ATTRIBUTION = re.compile(
    r"\b(?:police|officers?|deputies|authorities|investigators)\s+(?:said|say|says|told|reported)\b"
    r"|\b(?:said|says|according to)\s+(?:the\s+)?(?:police|officers?|deputies|authorities)\b",
    re.IGNORECASE,
)


class FireFacts(TypedDict):
    """Who fired, for the whole article (None: the text does not say)."""

    officer_fired: Fact | None  # bool
    subject_fired: Fact | None  # bool
    first_shot_by: Fact | None  # "officer" | "subject"


def fired_facts(
    events: list[Event], role_of: dict[Referent, str], sentences: list[nlp.Sentence], main: set[int]
) -> FireFacts:
    """officer_fired / subject_fired / first_shot_by for the main shooting: `main` holds the indices of the
    sentences about it (not about other cases the story recalls)."""
    lex = lexicon()
    events = [e for e in events if e.sentence in main]
    out = FireFacts(officer_fired=None, subject_fired=None, first_shot_by=None)
    for role, key in (("officer", "officer_fired"), ("subject", "subject_fired")):
        fired = [e for e in events if e.kind == "fired" and role_of.get(e.referent) == role]
        shot = [e for e in events if e.kind == ("shot_by_police" if role == "officer" else "shot_police")]
        # fired if any sentence says so; not fired only when the text says that and nothing says otherwise
        best = next((e for e in fired + shot if e.value), None) or next((e for e in fired if not e.value), None)
        if best is not None:
            out[key] = Fact(bool(best.value), sentences[best.sentence].span())
    _reciprocal(out, sentences, main)
    if out["officer_fired"] is None:
        out["officer_fired"] = (
            _confronted(sentences, main) or _shot_after_confronting(sentences, main) or _they_police(sentences, main)
        )
    if out["officer_fired"] is None:
        rx = re.compile(lex["officer_not_fired"], re.I)
        hit = next((sentences[i] for i in sorted(main) if rx.search(sentences[i].text)), None)
        if hit is not None:
            out["officer_fired"] = Fact(False, hit.span())
    first_rx, returned_rx = re.compile(lex["first_shot"], re.I), re.compile(lex["returned_fire"], re.I)
    fired_by: dict[int, list[str]] = defaultdict(list)
    for e in events:
        if e.kind == "fired" and e.value and role_of.get(e.referent) in ("officer", "subject"):
            fired_by[e.sentence].append(role_of[e.referent])
    for si, roles in sorted(fired_by.items()):
        if out["first_shot_by"] is not None:
            break
        text = sentences[si].text
        if first_rx.search(text):
            first = roles[0]  # "the suspect shot first and the officer returned fire": the first doer
        elif (back := returned_rx.search(text)) and _TO_RETURN.search(text, 0, back.start()):
            first = "subject"  # "began to shoot at them, forcing them to return fire": police were made to
        elif back and len(set(roles)) == 1:
            first = "subject" if roles[0] == "officer" else "officer"
        else:
            continue
        out["first_shot_by"] = Fact(first, sentences[si].span())
        break
    if out["first_shot_by"] is None:
        _returned(out, sentences, main)
    if out["first_shot_by"] is None and all(
        out[k] is not None and out[k].value for k in ("officer_fired", "subject_fired")
    ):
        # both sides fired and the subject "opened fire" (on officers, into a crowd): he started the shooting
        opened = re.compile(lex["opened_fire"], re.I)
        si = next(
            (i for i, r in sorted(fired_by.items()) if set(r) == {"subject"} and opened.search(sentences[i].text)), None
        )
        if si is not None:
            out["first_shot_by"] = Fact("subject", sentences[si].span())
    return out


def _reciprocal(out: FireFacts, sentences: list[nlp.Sentence], main: set[int]) -> None:
    """Both sides fired when a sentence of the main shooting that names police says shots were exchanged
    ("exchanged gunfire with deputies", "a shootout with police", "officers returned fire")."""
    lex = lexicon()
    exchange = re.compile(lex["exchange_of_fire"], re.I)
    police = re.compile(rf"\b(?:{'|'.join(lex['officer_nouns'])})s?\b|\bdeputies\b", re.I)
    for si in sorted(main):
        text = _ATTRIBUTION.sub("", sentences[si].text)  # "Shots were exchanged, police said": no police in it
        if not (exchange.search(text) and police.search(text)):
            continue
        for key in ("officer_fired", "subject_fired"):
            if out[key] is None or not out[key].value:
                out[key] = Fact(True, sentences[si].span())
        return


def _confronted(sentences: list[nlp.Sentence], main: set[int]) -> Fact | None:
    """Police fired when a sentence of the main shooting has someone (not an officer) shot, by no one it names,
    in the same sentence as his act toward police: "pointed a handgun at the officers and was shot and killed",
    "was fatally shot after he lunged at a deputy"."""
    lex = lexicon()
    rx, officers = re.compile(lex["shot_confronting_police"], re.I), set(lex["officer_nouns"])
    for si in sorted(main):
        sent = sentences[si].doc
        for m in rx.finditer(sentences[si].text):
            verb = re.search(r"\b(?:was|were|got)\s+(?:\w+\s+){0,2}?(shot|gunned)\b", m.group())
            if verb is None:  # the lexicon's regex always holds one; a changed lexicon must not stop the article
                continue
            at = sent.start_char + m.start() + verb.start(1)
            tok = sent.doc.char_span(at, at + len(verb.group(1)), alignment_mode="expand")
            v = tok.root if tok is not None else None
            who = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")] or [subject(v)] if v is not None else []
            if not any(w is not None and w.lemma_.lower() in officers for w in who):  # "the deputy was shot after"
                return Fact(True, sentences[si].span())
    return None


def _shot_after_confronting(sentences: list[nlp.Sentence], main: set[int]) -> Fact | None:
    """Police fired when a sentence of the main shooting only says "he" or "she" (or a one-word name) was shot, by no
    one named, right after a sentence whose person acts toward police or police act on him: "Roe approached the
    troopers and fired the rifle. He was shot and killed." (lexicon `confronting_police`)."""
    act = re.compile(lexicon()["confronting_police"], re.I)
    for si in sorted(main):
        if si - 1 not in main:
            continue
        for verb in sentences[si].doc:
            if verb.lower_ != "shot" or verb.tag_ != "VBN" or child(verb, ("agent",)) is not None:
                continue
            if any(c.lower_ == "had" for c in verb.children):
                continue  # "Officers approached him. He had been shot in the chest": before they came
            who = child(verb, ("nsubjpass",))
            alone = who is not None and who.pos_ == "PROPN" and not list(who.lefts)  # "Roe", not "Officer Roe"
            # the sentence before is searched only for such a verb: the regex is the costly part
            if who is not None and (who.lower_ in ("he", "she") or alone) and act.search(sentences[si - 1].text):
                return Fact(True, sentences[si].span())
    return None


def _they_police(sentences: list[nlp.Sentence], main: set[int]) -> Fact | None:
    """Police fired when "they" shot (or fired) and the nearest plural noun before "they", in its sentence or the one
    before, is police ("Officers chased him to the corner, where they shot and killed him"). Only the report's
    fact: which officers stays unknown, so no person gets it."""
    lex = lexicon()
    police = set(lex["officer_nouns"])
    for si in sorted(main):
        sent = sentences[si].doc
        for verb in sent:
            tok = agent(verb) if verb.lemma_ in ("shoot", "fire") and verb.pos_ == "VERB" else None
            if tok is None or tok.lower_ != "they":  # "they shot him", "they used a Taser before shooting him"
                continue
            before = [*(sentences[si - 1].doc if si - 1 in main else ()), *sent[: tok.i - sent.start]]
            nouns = [  # "the police" is plural whatever its tag
                t
                for t in before
                if (t.tag_ in ("NNS", "NNPS") or t.lower_ == "police")
                and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
            ]
            if nouns and nouns[-1].lemma_.lower() in police:
                return Fact(True, sentences[si].span())
    return None


def _returned(out: FireFacts, sentences: list[nlp.Sentence], main: set[int]) -> None:
    """ "Officers returned fire": the subject fired first (and police fired); "he returned fire": police did."""
    lex = lexicon()
    returned = re.compile(lex["returned_fire"], re.I)
    police = re.compile(rf"\b(?:{'|'.join(lex['officer_nouns'])})s?\b|\bdeputies\b", re.I)
    for si in sorted(main):
        m = returned.search(sentences[si].text)
        if m is not None and police.search(sentences[si].text):
            out["first_shot_by"] = Fact(
                "subject" if police.search(sentences[si].text[: m.start()]) else "officer", sentences[si].span()
            )
            return


def derived(fired: FireFacts, persons: list[Person], sentences: list[nlp.Sentence]) -> FireFacts:
    """Fire facts the text entails though no sentence states them, each on the evidence of its premise:
    - subject_fired = False: every subject is unarmed or armed only with a knife, vehicle or other non-firearm,
      and nothing says a subject fired or that shots were exchanged ("shootout", "returned fire"); a sentence that
      gives the non-firearm and also names a gun ("holding a handgun in one hand and a sword") is no premise;
    - subject_fired = True: a subject fired (one called "the gunman" or "the shooter" did); or an officer was shot
      (wounded or killed in a sentence of gunfire) and the story never says police fire hit an officer (a fellow
      officer's shot, crossfire, an accident): someone shot at police;
    - first_shot_by: if only one side fired, that side fired first - "officer" when officers fired and the subject
      did not (evidence: the subject's), "subject" when the subject fired and officers did not (evidence: the
      officers'), and "subject" when the subject fired and nothing says whether officers did (an ambush, a
      gunman shot at police: the only shots told are his; evidence: his); and "subject" when both sides fired and
      an officer has a gunshot wound (a sentence of gunfire, not of police or own fire): police fire answered his
      (on the gold tune split, 28 of the 32 such shootings are told that way and none the other way; evidence:
      the wound). When the subject's firing is unknown, so is who fired first."""
    out = FireFacts(**fired)
    subjects = [p for p in persons if p.role == "subject"]
    exchange, firearm = (re.compile(lexicon()[k], re.I) for k in ("exchange_of_fire", "firearm_words"))
    if (
        out["subject_fired"] is None
        and subjects
        and all(
            p.armed
            and p.armed.value in _NOT_FIREARM
            and (p.armed.value == "replica" or not firearm.search(p.armed.evidence.text))  # ("a pellet gun")
            for p in subjects
        )
        and not any(exchange.search(s.text) for s in sentences)
    ):
        out["subject_fired"] = Fact(False, next(p.armed.evidence for p in subjects if p.armed))
    if out["subject_fired"] is None:  # a subject who fired ("the gunman"), else an officer's gunshot wound
        told = next((p.fired for p in subjects if p.fired is not None and p.fired.value), None)
        out["subject_fired"] = told or _officer_shot(persons, sentences)
    officer, subject = out["officer_fired"], out["subject_fired"]
    if out["first_shot_by"] is None and officer is not None and subject is not None and officer.value != subject.value:
        out["first_shot_by"] = Fact("officer", subject.evidence) if officer.value else Fact("subject", officer.evidence)
    elif out["first_shot_by"] is None and officer and officer.value and subject and subject.value:
        if wounds := _wounds(persons):
            out["first_shot_by"] = Fact("subject", wounds[0])  # both fired and he shot an officer: police fired back
    elif out["first_shot_by"] is None and officer is None and subject is not None and subject.value:
        out["first_shot_by"] = Fact("subject", subject.evidence)  # only the subject's shots are told: his came first
    return out


def _officer_shot(persons: list[Person], sentences: list[nlp.Sentence]) -> Fact | None:
    """subject_fired = True on the evidence of an officer's gunshot wound (see `derived`), else None. No premise
    when any sentence tells of police fire hitting police or of someone shooting himself, nor when an officer's
    wound is told in a sentence that also has a subject shot ("his rounds hit both the driver and the wounded
    officer"): whose shots those were the sentence leaves open."""
    own = re.compile(lexicon()["own_fire"], re.I)
    if any(own.search(s.text) for s in sentences):
        return None
    others = {(m.start, m.end) for p in persons if p.role != "officer" and _shot(p) for m in p.mentions}
    wounds = _wounds(persons)
    return None if any((w.start, w.end) in others for w in wounds) else next((Fact(True, w) for w in wounds), None)


def _wounds(persons: list[Person]) -> list[Span]:
    """The sentences that give an officer a gunshot wound, unless they tell of police or own fire."""
    lex = lexicon()
    gunshot, own = re.compile(lex["officer_gunshot"], re.I), re.compile(lex["own_fire"], re.I)
    spans = [p.outcome.evidence for p in persons if p.role == "officer" and _shot(p)]  # type: ignore[union-attr]
    return [w for w in spans if gunshot.search(w.text) and not own.search(w.text)]


def _shot(person: Person) -> bool:
    return fact_value(person.outcome) in ("killed", "injured")
