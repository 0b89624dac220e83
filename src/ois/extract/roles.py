"""Who did what to whom: events read off the dependency parse, each tied to a referent.

A referent is a named person (cluster index, an int) or a group word: "officer" (officer, deputy, police, ...),
"subject" (suspect, driver, man, woman, ...) or "bystander". Pronouns take the most recent compatible referent;
relative pronouns take the noun they modify. Events say: this referent fired (or did not), was shot, was
killed/injured/uninjured, was armed with X, was arrested/charged, is called "the suspect"/"an officer", is N
years old. `people.py` turns events into Person records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ois import nlp
from ois.extract.names import is_source, lexicon

Referent = int | str  # cluster index, or "officer" / "subject" / "bystander"

_PRONOUNS = {
    "he": "male",
    "him": "male",
    "himself": "male",
    "his": "male",
    "she": "female",
    "her": "female",
    "herself": "female",
}
_RELATIVE = {"who", "whom", "that", "which"}
# How many recent referents a pronoun looks back through for one of its own gender (about two sentences).
_GENDER_WINDOW = 6


@dataclass(frozen=True)
class Event:
    kind: str  # fired | outcome | shot_by_police | shot_police | involved | alias | armed | age | gender
    referent: Referent
    value: object
    sentence: int


class Resolver:
    """Maps tokens to referents for one article; remembers recent referents for pronouns."""

    def __init__(self, names: dict[tuple[int, int], int], genders: dict[int, str]):
        lex = lexicon()
        self.names = names  # (sentence index, token index) -> cluster index
        self.genders = dict(genders)  # cluster index -> gender known from titles
        self.officer_nouns = set(lex["officer_nouns"])
        self.subject_nouns: dict[str, str | None] = lex["subject_nouns"]
        self.bystander_nouns = set(lex["bystander_nouns"])
        self.speech = set(lex["speech_lemmas"])
        self.recent: list[tuple[Referent, str | None, bool]] = []  # (referent, gender, only quoted as a source)
        self.pronouns: dict[tuple[int, int], tuple[Referent, str]] = {}  # resolved pronouns, for later ones
        self.resolving: set[tuple[int, int]] = set()  # pronouns being resolved: "he ... him" must not loop
        self.aliases: list[Event] = []

    def gender_of(self, ref: Referent) -> str | None:
        return self.genders.get(ref) if isinstance(ref, int) else None

    def noun(self, tok) -> tuple[Referent, str | None] | None:
        """A group referent for a role noun, with the gender the noun implies."""
        lemma = tok.lemma_.lower()
        if lemma in self.officer_nouns:
            return "officer", None
        if lemma in self.bystander_nouns:
            return "bystander", None
        if tok.pos_ in ("NOUN", "PROPN") and lemma in self.subject_nouns:
            # "the female suspect": the adjective gives the gender the noun does not
            adjectives = [self.subject_nouns.get(c.lower_) for c in tok.children if c.dep_ in ("amod", "compound")]
            return "subject", self.subject_nouns[lemma] or next((g for g in adjectives if g), None)
        return None

    def resolve(self, si: int, tok, depth: int = 0) -> list[tuple[Referent, str | None]]:
        """Referents of a token and the tokens conjoined with it; gender evidence where the word gives it."""
        out = self._one(si, tok, depth)
        out += [r for c in tok.children if c.dep_ == "conj" for r in self._one(si, c, depth)]
        # "killing LeGrier and LeGrier's neighbor": the small model makes the first of "A and B's C" a modifier
        # of C; with its "and" it is a second argument
        for c in tok.children:
            if c.dep_ == "nmod" and c.i < tok.i and any(g.dep_ == "cc" for g in c.children):
                out += self._one(si, c, depth)
        return out

    def _one(self, si: int, tok, depth: int) -> list[tuple[Referent, str | None]]:
        if (si, tok.i) in self.names:
            ref = self.names[si, tok.i]
            for child in tok.children:  # "suspect John Doe", "John Doe, the driver,"
                if child.dep_ in ("compound", "appos", "amod") and (si, child.i) not in self.names:
                    self.alias(si, ref, child)
            return [(ref, None)]
        for child in tok.children:
            if child.dep_ == "appos" and (si, child.i) in self.names:
                ref = self.names[si, child.i]
                self.alias(si, ref, tok)  # "the suspect, John Doe" names the suspect
                return [(ref, None)]
        if tok.dep_ == "appos" and (si, tok.head.i) in self.names and self.noun(tok):
            ref = self.names[si, tok.head.i]
            self.alias(si, ref, tok)  # "John Doe, the 23-year-old man shot by police": the man is John Doe
            return [(ref, None)]
        lower = tok.lower_
        if lower in _RELATIVE and tok.head.dep_ in ("relcl", "acl") and depth < 2:
            return self._one(si, tok.head.head, depth + 1)
        if lower in _PRONOUNS and tok.pos_ == "PRON":
            return self._pronoun(si, tok)
        group = self.noun(tok)
        return [group] if group else []

    def alias(self, si: int, ref: int, noun) -> None:
        group = self.noun(noun)
        if group:
            self.aliases.append(Event("alias", ref, (group[0], noun.lemma_.lower()), si))
            if group[1]:
                self.aliases.append(Event("gender", ref, group[1], si))

    def _pronoun(self, si: int, tok) -> list[tuple[Referent, str | None]]:
        """Most recent compatible referent, earlier in this sentence first; a non-reflexive object pronoun never
        means the subject of its own verb ("the officer returned fire, killing her": her != the officer)."""
        gender = _PRONOUNS[tok.lower_]
        if (si, tok.i) in self.pronouns:
            return [self.pronouns[si, tok.i]]
        excluded: set = set()
        if tok.dep_ in ("dobj", "pobj") and not tok.lower_.endswith("self") and (si, tok.i) not in self.resolving:
            # the doer of the pronoun's verb, also through "the man accused of shooting him". spaCy makes a new
            # Token object on each access, so compare indices; the doer may itself be a pronoun whose doer is
            # this one ("awakened by him", where "him" is its own agent), hence the guard.
            doer = agent(tok.head if tok.dep_ == "dobj" else tok.head.head)
            if doer is not None and doer.i != tok.i:
                self.resolving.add((si, tok.i))
                try:
                    excluded = {r for r, _ in self._one(si, doer, 2)}
                finally:
                    self.resolving.discard((si, tok.i))
        # A source of an earlier sentence ("..., Lt. Roe said.") is not who "he was taken to a hospital" means;
        # only a pronoun that itself speaks ("Roe said ... He added") may go back to one.
        speaking = tok.dep_ == "nsubj" and tok.head.lemma_ in self.speech
        earlier = [(ref, g) for ref, g, source in self.recent if speaking or not source]
        here = [(ref, g) for ref, g, _ in self._referents(si, tok.sent, before=tok.i)]
        candidates = [(ref, g or self.gender_of(ref)) for ref, g in reversed(earlier + here) if ref not in excluded]
        # The nearest compatible referent; but when that is a group word ("the trooper"), a recent one whose
        # gender is known to match ("the woman" for "her") wins. Plural nouns never match he/she.
        match = next((ref for ref, g in candidates if g in (None, gender)), None)
        if match is None:
            return []
        if not isinstance(match, int):
            match = next((ref for ref, g in candidates[:_GENDER_WINDOW] if g == gender), match)
        else:  # "Okafor ... he matched the description": a later "she" is someone else
            self.genders.setdefault(match, gender)
        self.pronouns[si, tok.i] = (match, gender)
        return [(match, gender)]

    def _referents(self, si: int, span, before: int | None = None) -> list[tuple[Referent, str | None, object]]:
        """(referent, gender, token) for each referring token of the span, in order."""
        out = []
        for tok in span:
            if before is not None and tok.i >= before:
                break
            if (si, tok.i) in self.pronouns:  # "he ... him ... he": a chain of one pronoun
                out.append((*self.pronouns[si, tok.i], tok))
            elif tok.lower_ in _PRONOUNS or tok.lower_ in _RELATIVE:
                continue
            elif (si, tok.i) in self.names:
                out.append((self.names[si, tok.i], None, tok))
            elif tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj") and (g := self.noun(tok)):
                out.append((g[0], "plural" if tok.tag_ in ("NNS", "NNPS") else g[1], tok))
        return out

    def remember(self, si: int, sent: nlp.Sentence) -> None:
        """Push this sentence's non-pronoun referents, in order, for later pronouns."""
        self.recent += [(ref, g, is_source(tok)) for ref, g, tok in self._referents(si, sent.doc)]
        del self.recent[:-20]


def _passive(v) -> bool:
    """Passive voice, also for the second verb of "was shot and killed" and for a participle modifying a noun
    ("the man shot and killed by a deputy", which the small model often tags VBD)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
        return True
    if v.dep_ == "acl" and v.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("nsubj", "dobj") for c in v.children):
        return True
    return (
        v.dep_ == "conj"
        and v.tag_ == "VBN"
        and not any(c.dep_ in ("nsubj", "dobj") for c in v.children)
        and _passive(v.head)
    )


def subject(v):
    """Grammatical subject of v (active or passive), inherited along "and"/participle chains."""
    subj = _child(v, ("nsubj", "nsubjpass"))
    if subj is None and v.dep_ in ("conj", "advcl", "xcomp") and v.head.pos_ in ("VERB", "AUX"):
        return subject(v.head)
    if subj is None and v.dep_ in ("relcl", "acl"):
        return v.head  # "a man who died", "the man accused of ...", "a man suffering from a wound"
    return subj


def _child(v, deps: tuple[str, ...]):
    return None if v is None else next((c for c in v.children if c.dep_ in deps), None)


def _prep(v, word: str):
    """v's prepositional child `word` ("as", "of", ...), or None."""
    return None if v is None else next((p for p in v.children if p.dep_ == "prep" and p.lower_ == word), None)


def agent(v):
    """The doer of verb v: its subject, the by-phrase of a passive, or the subject of the verb it hangs off."""
    if _passive(v):
        by = _child(v, ("agent",))
        return _child(by, ("pobj",)) if by is not None else None
    subj = _child(v, ("nsubj",))
    if subj is None and v.dep_ in ("conj", "advcl", "xcomp") and v.head.pos_ in ("VERB", "AUX"):
        return agent(v.head)
    if subj is None and v.dep_ == "pcomp" and v.head.head.pos_ == "VERB":  # "X is accused of shooting ..."
        return subject(v.head.head)
    return subj


def patient(v):
    """Who verb v was done to: passive subject, direct object, or the object of a conjoined verb."""
    if _passive(v):
        subj = _child(v, ("nsubjpass",))
        if subj is None and v.dep_ == "conj":  # "opened fire and was killed": the first verb's subject
            return patient(v.head) if _passive(v.head) else subject(v.head)
        if subj is None and v.dep_ == "acl":  # "a man shot by police"
            return v.head
        return subj
    obj = _child(v, ("dobj",))
    if obj is None:
        conj = _child(v, ("conj",))
        if conj is not None and conj.pos_ == "VERB":
            obj = _child(conj, ("dobj",))
    if obj is None and (v.dep_ == "acl" and v.tag_ == "VBN" or v.dep_ == "amod" and v.pos_ == "VERB"):
        return v.head  # "a man shot by police"; the small model's "[fatally shot] LeGrier" as an adjective
    return obj


def _antecedent(tok):
    """The noun a relative pronoun stands for ("a man, who was ..." -> man)."""
    if tok.lower_ in _RELATIVE and tok.head.dep_ in ("relcl", "acl"):
        return tok.head.head
    return tok


def _negated(v, arg=None) -> bool:
    negators = set(lexicon()["negators"])
    if any(c.dep_ == "neg" for c in v.children):
        return True
    return arg is not None and any(c.lower_ in negators and c.dep_ in ("det", "preconj") for c in arg.children)


def _target(v):
    """What v was aimed at: "fired at the officer", "opened fire on deputies"."""
    prep = next((p for p in v.children if p.dep_ == "prep" and p.lower_ in ("at", "on", "toward", "towards")), None)
    return _child(prep, ("pobj",)) if prep is not None else None


def _headline_passive(v, whom, target) -> bool:
    """Headlines drop "was": "Officer shot during traffic stop" is passive though parsed as an active verb with
    no object; "Officer shoots man" and "Officer shot at driver" keep their active reading."""
    return v.tag_ in ("VBD", "VBN") and whom is None and target is None and _child(v, ("nsubj",)) is not None


def _irrealis(v) -> bool:
    """Threatened, attempted or hypothetical harm, which did not happen: "threatening to kill his brother",
    "tried to shoot", "could have killed", "if he had fired", "possibly killing". Also for the second verb of
    "to shoot and kill"."""
    lex = lexicon()
    modals, heads, adverbs = set(lex["modal_words"]), set(lex["irrealis_heads"]), set(lex["irrealis_adverbs"])
    for verb in (v, v.head) if v.dep_ == "conj" else (v,):
        for c in verb.children:
            if (
                c.dep_ == "aux"
                and c.lower_ in modals
                or c.dep_ == "mark"
                and c.lower_ in ("if", "unless")
                or c.dep_ == "advmod"
                and c.lower_ in adverbs
            ):
                return True
        if verb.dep_ in ("xcomp", "acl") and verb.head.lemma_.lower() in heads:
            return True
    return False


def _fatal(v) -> bool:
    fatal = set(lexicon()["fatal_words"])
    return v.lemma_ == "kill" or any(t.lower_ in fatal for t in v.subtree if t.head == v or t.head.head == v)


class EventReader:
    """Reads the events of one sentence."""

    def __init__(self, resolver: Resolver, headline: frozenset[int] | set[int] = frozenset()):
        lex = lexicon()
        self.r = resolver
        self.headline = headline  # sentence indices of headlines (their grammar drops "was")
        self.wound = lex["wound_verbs"]
        self.hit = set(lex["hit_verbs"])
        self.hit_context = re.compile(lex["hit_context"], re.I)
        self.fire = set(lex["fire_verbs"])
        self.fire_objects = set(lex["fire_objects"])
        self.die = set(lex["die_verbs"])
        self.sustain = set(lex["sustain_verbs"])
        self.wound_nouns = set(lex["wound_nouns"])
        self.uninjured = set(lex["uninjured_words"])
        self.involved: dict[str, str] = lex["involved_verbs"]  # lemma -> which argument: patient|agent|for
        self.armed = [(kind, re.compile(rx, re.I)) for kind, rx in lex["armed"]]
        self.age = re.compile(lex["age_in_noun"], re.I)

    def read(self, si: int, sent: nlp.Sentence) -> list[Event]:
        gun_context = bool(self.hit_context.search(sent.text))
        events: list[Event] = []
        for tok in sent.doc:  # pronouns in reading order, so "he ... him ... he" chains
            if tok.lower_ in _PRONOUNS and tok.pos_ == "PRON":
                refs = self.r.resolve(si, tok)
                if tok.dep_ in ("nsubj", "nsubjpass") and refs and isinstance(refs[0][0], int):
                    events.append(Event("gender", refs[0][0], refs[0][1], si))  # "Orr ... he does so"
        for v in sent.doc:
            if v.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
                continue
            events += self._verb(si, v, gun_context, si in self.headline)
        events += self._armed(si, sent)
        self.r.remember(si, sent)
        events += self.r.aliases
        self.r.aliases = []
        return events

    def _refs(self, si: int, tok, kind: str, value) -> list[Event]:
        if tok is None:
            return []
        out = []
        for ref, gender in self.r.resolve(si, tok):
            out.append(Event(kind, ref, value, si))
            if gender:
                out.append(Event("gender", ref, gender, si))
            if isinstance(ref, int):
                continue
            # "a 19-year-old woman", "the driver, a 41-year-old man,": age and gender of a group word
            for noun in (tok, *(c for c in tok.children if c.dep_ == "appos" and self.r.noun(c))):
                left = min((t.idx for t in noun.subtree if t.i < noun.i), default=noun.idx)
                match = self.age.search(tok.doc.text[left : noun.idx])
                if match:
                    out.append(Event("age", ref, int(match.group(1) or match.group(2)), si))
                group = self.r.noun(noun) if noun is not tok else None
                if group and group[1] and not gender:
                    out.append(Event("gender", ref, group[1], si))
        return out

    def _verb(self, si: int, v, gun_context: bool, headline: bool) -> list[Event]:
        lemma = v.lemma_.lower()
        who, whom = agent(v), patient(v)
        target = _target(v)
        if headline and lemma in self.wound and _headline_passive(v, whom, target):
            by = _child(v, ("agent",))
            who, whom = (_child(by, ("pobj",)) if by is not None else None), _child(v, ("nsubj",))
        ev = [] if _irrealis(v) else self._harm(si, v, lemma, who, whom, target, gun_context)
        slot = self.involved.get(lemma)
        if slot and not _negated(v):  # arrested, charged, accused of, police searched for X, X fled
            if slot == "for":
                prep = next((p for p in v.children if p.dep_ == "prep" and p.lower_ == "for"), None)
                arg = _child(prep, ("pobj",)) if prep is not None else None
            else:
                arg = who if slot == "agent" else whom
            ev += self._refs(si, arg, "involved", True)
        if lemma == "identify":
            ev += self._identified(si, v, whom)
        if lemma == "be":  # "The victim is Jason Alford" / "Alford was the driver"
            subj, attr = _child(v, ("nsubj",)), _child(v, ("attr",))
            if subj is not None and attr is not None:
                for name, noun in ((attr, subj), (subj, attr)):
                    refs = [r for r, _ in self.r.resolve(si, name)]
                    if (si, name.i) in self.r.names and refs:
                        self.r.alias(si, refs[0], _antecedent(noun))
        return ev

    def _harm(self, si: int, v, lemma: str, who, whom, target, gun_context: bool) -> list[Event]:
        """Fired / was shot / died / was unhurt events of one verb (or noun: "the fatal shooting of X")."""
        ev: list[Event] = []
        obj = _child(v, ("dobj",))
        wounding = lemma in self.wound or (lemma in self.hit and gun_context)
        firing = lemma in ("shoot", "fire", "discharge") and (obj is None or obj.lower_ in self.fire_objects)
        firing = firing or (lemma in self.fire and obj is not None and obj.lower_ in self.fire_objects)
        if wounding and whom is not None and not (lemma == "shoot" and target is not None and obj is None):
            if _negated(v, whom):
                ev += self._refs(si, whom, "outcome", "uninjured")
            else:
                ev += self._refs(si, whom, "outcome", "killed" if _fatal(v) else self.wound.get(lemma, "injured"))
                ev += self._shot_links(si, who, whom)
        if (firing or (wounding and lemma in ("shoot", "gun", "kill") and gun_context)) and who is not None:
            ev += self._refs(si, who, "fired", not _negated(v))
            if target is not None and not _negated(v):
                ev += self._shot_links(si, who, target)
        if lemma in self.die and not _negated(v):
            ev += self._refs(si, subject(v), "outcome", "killed")
        if lemma == "pronounce" and any(c.lower_ == "dead" for c in v.children):
            ev += self._refs(si, whom, "outcome", "killed")
        if lemma == "dead" and v.dep_ in ("acomp", "oprd") and v.head.lemma_ not in self.wound:
            ev += self._refs(si, _child(v.head, ("nsubj", "nsubjpass")), "outcome", "killed")
        if obj is None:  # "suffering from a gunshot wound"
            from_ = next((p for p in v.children if p.dep_ == "prep" and p.lower_ == "from"), None)
            obj = _child(from_, ("pobj",)) if from_ is not None else None
        if lemma in self.sustain and obj is not None and obj.lemma_.lower() in self.wound_nouns:
            fatal = any(c.lower_ in lexicon()["fatal_words"] for c in obj.children)
            ev += self._refs(si, subject(v), "outcome", "killed" if fatal else "injured")
        if lemma in self.uninjured and v.dep_ in ("acomp", "oprd", "advmod"):
            ev += self._refs(si, subject(v.head), "outcome", "uninjured")
        if lemma in ("shooting", "killing", "death") and v.pos_ == "NOUN":  # "the fatal shooting of a woman"
            of = next((p for p in v.children if p.dep_ == "prep" and p.lower_ == "of"), None)
            fatal = lemma != "shooting" or any(c.lower_ in lexicon()["fatal_words"] for c in v.children)
            ev += self._refs(
                si, _child(of, ("pobj",)) if of is not None else None, "outcome", "killed" if fatal else "injured"
            )
        return ev

    def _identified(self, si: int, v, whom) -> list[Event]:
        """ "police identified the driver as X" / "the man, identified by police as X": X is the driver/man."""
        as_ = _prep(v, "as")
        by = _child(v, ("agent",))
        if as_ is None and by is not None:  # the small model hangs "as" off the by-phrase
            as_ = _prep(_child(by, ("pobj",)), "as")
        name = _child(as_, ("pobj",))
        ev: list[Event] = []
        if name is None or whom is None:
            return ev
        for ref, _ in self.r.resolve(si, name):
            for group, gender in self.r.resolve(si, whom):
                if isinstance(ref, int) and isinstance(group, str):
                    ev.append(Event("alias", ref, (group, _antecedent(whom).lemma_.lower()), si))
                    if gender:
                        ev.append(Event("gender", ref, gender, si))
        return ev

    def _shot_links(self, si: int, who, whom) -> list[Event]:
        """Police shot X -> X is a subject; X shot an officer -> X is a subject who shot police."""
        if who is None or whom is None:
            return []
        doers = [r for r, _ in self.r.resolve(si, who)]
        targets = [r for r, _ in self.r.resolve(si, whom)]
        ev = []
        if "officer" in doers:
            ev += [Event("shot_by_police", t, True, si) for t in targets if t != "officer"]
        if "officer" in targets:
            ev += [Event("shot_police", d, True, si) for d in doers if d != "officer"]
        return ev

    def _armed(self, si: int, sent: nlp.Sentence) -> list[Event]:
        doc = sent.doc
        for kind, rx in self.armed:
            for match in rx.finditer(sent.text):
                tok = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                if tok is None:
                    continue
                v = tok.root
                while v.dep_ not in ("ROOT",) and not _child(v, ("nsubj", "nsubjpass")):
                    v = v.head
                subj = _child(v, ("nsubj", "nsubjpass")) or (v.head if v.dep_ == "relcl" else None)
                refs = [r for r, _ in self.r.resolve(si, subj)] if subj is not None else []
                if "officer" in refs:
                    continue
                return [Event("armed", ref, kind, si) for ref in refs or ["subject"]]
        return []
