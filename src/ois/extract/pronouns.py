"""Pronouns: which referent "he", "her", "himself" or an object "them" means (the pronoun half of `Resolver`).

A pronoun takes the most recent compatible referent, earlier in its own sentence first: of its gender, never the
doer of its own verb when it is that verb's object ("the officer returned fire, killing her"), never the speaker
who quotes it, never a source met only as one ("Lt. Roe said.") nor a person met only in another case's sentences.
When the nearest fit is a description of unknown gender ("the trooper"), a recent referent whose gender is known to
match wins, unless a name comes first. An object "them" is the names its sentence listed before it.
"""

from __future__ import annotations

from ois.extract.grammar import agent, antecedent, clause_objects, listed, subject
from ois.extract.lists import listed_before
from ois.extract.names import quoting_speaker
from ois.extract.referents import Entity, Referent

PRONOUNS = dict.fromkeys(("he", "him", "himself", "his"), "male") | dict.fromkeys(("she", "her", "herself"), "female")
_FIRING = ("fire", "shoot")  # verbs of one firing a gun ("he fired at them"; "he opened fire": "fire" as its object)
GENDER_WINDOW = 6  # how many recent referents a pronoun looks back through for its own gender (about 2 sentences)


def _fires(verb) -> bool:
    """A verb of firing: "fired", "shot", or one whose object is "fire" ("opened fire")."""
    return verb.lemma_.lower() in _FIRING or any(c.lemma_.lower() == "fire" for c in verb.children)


class Pronouns:
    """Pronoun resolution over the state `Resolver` keeps (names, recent referents, background sentences); the
    resolver supplies `_one`, `_referents`, `plural`, `gender_of` and `is_officer`."""

    names: dict[tuple[int, int], int]
    pronouns: dict[tuple[int, int], tuple[Referent, str]]
    recent: list[tuple[Referent, str | None, bool]]
    agents: dict[int, set[Referent]]
    resolving: set[tuple[int, int]]
    genders: dict[int, str]
    speech: set[str]
    background: set[int] | frozenset[int]
    in_story: set[Referent]
    descriptions: dict[tuple[int, int], Referent]
    told_gender: set[Referent]
    entities: dict[str, Entity]
    shot_by: dict[Referent, Referent]

    def _listed_before(self, si: int, tok) -> list[tuple[Referent, str | None]]:
        """An object "them": the last names its sentence lists together before it (`lists.listed_before`)."""
        return [(ref, None) for ref in listed_before(self.names, si, tok)]

    def _pronoun(self, si: int, tok) -> list[tuple[Referent, str | None]]:
        """Most recent compatible referent, earlier in this sentence first; a non-reflexive object pronoun never
        means the subject of its own verb ("the officer returned fire, killing her": her != the officer)."""
        gender = PRONOUNS[tok.lower_]
        if (si, tok.i) in self.pronouns:
            return [self.pronouns[si, tok.i]]
        excluded: set = set()
        reflexive = tok.lower_.endswith("self")
        if reflexive and tok.dep_ == "dobj":
            # "... wounding him before fleeing and killing himself": himself is the doer of his own verb
            own = [(r, g or gender) for r, g in self._doer(si, tok, tok.head) if not self.plural(r)]
            if len(own) == 1 and self.gender_of(own[0][0]) in (None, gender):
                self.pronouns[si, tok.i] = own[0]
                return own
        elif tok.dep_ in ("dobj", "pobj") and not reflexive:
            # the doer of the pronoun's verb (also through "the man accused of shooting him"), and of the verb its
            # verb's object is of ("Roe fired the shots that killed him": not Roe)
            verb = tok.head if tok.dep_ == "dobj" else tok.head.head
            fired = verb.head.head if verb.dep_ == "relcl" and verb.head.dep_ == "dobj" else verb
            excluded = {r for v in {verb, fired} for r, _ in self._doer(si, tok, v)}
        elif tok.dep_ == "nsubj":  # "He started shooting at Orrin": he is not whom his own verb aims at
            objects = clause_objects(tok.head)  # nor one of "them" ("approached by A and B, he shot them")
            excluded = {self.names[si, t.i] for t in objects if (si, t.i) in self.names}
            # nor an unnamed one its verb is done to ("after he wounded the officer"; a definite description taken
            # for a named person may be another: "she struck the trooper" after "Trooper Roe")
            excluded |= {r for t in objects if isinstance(r := self.descriptions.get((si, t.i)), str)}
            excluded |= {r for t in objects if t.lower_ == "them" for r, _ in self._listed_before(si, t)}
        speaker = quoting_speaker(tok)  # "He shot him," she said: neither is she
        if speaker is not None:
            excluded |= {r for r, _ in self._guarded(si, tok, [speaker])}
        # No earlier source ("Lt. Roe said.") unless "he" speaks too, nor one met only in another case's sentences
        speaking = tok.dep_ == "nsubj" and tok.head.lemma_ in self.speech
        told = [(ref, g) for ref, g, source in self.recent if speaking or not source]
        earlier = told if si in self.background else [(ref, g) for ref, g in told if ref in self.in_story]
        found = self._referents(si, tok.sent, before=tok.i)
        here = [(ref, g) for ref, g, _ in found]
        # An object pronoun first means its own sentence's subject ("Ford, who shot three ... before police shot him")
        objective = tok.dep_ in ("dobj", "pobj") and not tok.lower_.endswith("self")
        salient = [(ref, g) for ref, g, t in found if t.dep_ in ("nsubj", "nsubjpass")] if objective else []
        candidates = [
            (ref, g or self.gender_of(ref))
            for ref, g in [*reversed(salient), *reversed(earlier + here)]
            if ref not in excluded and not self.plural(ref)
        ]
        if tok.dep_ == "nsubj" and candidates and _fires(tok.head):
            # "A man shot his neighbor, Roe. When officers came, he fired at them": who fires is the one who shot the
            # nearest person, not that person
            by = self.shot_by.get(candidates[0][0])
            if by is not None and not self.is_officer(by) and any(r == by for r, _ in candidates):
                candidates = sorted(candidates, key=lambda c: c[0] != by)
        if tok.dep_ in ("nsubj", "nsubjpass") and all(self.plural(r) for r, _ in here):
            # "X was shot by an officer. (Police said) he had a gun": X, the last sentence's subject, before whoever
            agents = self.agents.get(si - 1, set())  # it names in a by-phrase
            candidates = [c for c in candidates if c[0] not in agents] + [c for c in candidates if c[0] in agents]
        # The nearest referent of a compatible gender; but when that is a description of unknown gender ("the
        # trooper"), a recent one whose gender is known to match wins ("the trooper ... the woman ... her"), unless
        # a name comes first ("Roe, working a shift as a marshal, ... when he and a second deputy fired": Roe's).
        match = next((ref for ref, g in candidates if g in (None, gender)), None)
        if match is None:
            return []
        # (not a possessive right after the sentence that described them: "The second officer then fired. His shots")
        fresh = tok.dep_ == "poss" and any(i == si - 1 and r == match for (i, _), r in self.descriptions.items())
        if not isinstance(match, int) and self.gender_of(match) is None and not fresh:
            for ref, g in candidates[:GENDER_WINDOW]:  # (a gender only a pronoun gave does not draw it)
                if (g == gender and ref not in self.told_gender) or isinstance(ref, int):
                    match = ref if g == gender else match
                    break
        if isinstance(match, int):  # "Okafor ... he matched the description": a later "she" is someone else
            self.genders.setdefault(match, gender)
        # a description takes the gender ("a deputy ... seized her baton ... when he was shot": he is not the
        # deputy), not from one who speaks ("... shot at her, he said" is a spokesman's "he" more often)
        elif not speaking and (entity := self.entities.get(match)) is not None and entity.gender is None:
            entity.gender = gender
            self.told_gender.add(match)
        self.pronouns[si, tok.i] = (match, gender)
        return [(match, gender)]

    def own_possessive(self, si: int, tok, ref: Referent) -> bool:
        """A possessive of its own clause's subject ("Roe was shot while sitting in her patrol car", "Roe drew his
        gun"): it tells that person's gender as surely as a subject pronoun does."""
        if tok.dep_ != "poss":
            return False
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subj = subject(verb)
        return subj is not None and subj.i != tok.i and any(r == ref for r, _ in self._guarded(si, tok, [subj]))

    def _doer(self, si: int, tok, verb) -> list[tuple[Referent, str | None]]:
        """Referents of the doer(s) of the verb a pronoun `tok` is the object of ("A and B shot him": both)."""
        doer = agent(verb)  # ("a driver who dragged her": the driver, through "who")
        doer = antecedent(doer) if doer is not None else None
        return [] if doer is None or doer.i == tok.i else self._guarded(si, tok, listed(doer))

    def _guarded(self, si: int, tok, others: list) -> list[tuple[Referent, str | None]]:
        """Referents of the tokens `others` while the pronoun `tok` is resolved; they may be pronouns going back to
        it ("awakened by him", where "him" is its own agent), hence the guard (no referents while it is open)."""
        if (si, tok.i) in self.resolving:
            return []
        self.resolving.add((si, tok.i))
        try:
            return [r for d in others for r in self._one(si, d, 2)]
        finally:
            self.resolving.discard((si, tok.i))
