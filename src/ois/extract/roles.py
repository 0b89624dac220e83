"""Who did what to whom: events read off the dependency parse, each tied to a referent (`entities.py`).

Events say: this referent fired (or did not), was shot, was killed/injured/uninjured, was armed with X, was
arrested/charged, is called "the suspect"/"an officer", is N years old, is black/white/... `people.py` turns
events into Person records. A referent the text leaves unresolved ("a gun was found") is the literal "subject".
"""

from __future__ import annotations

import re

from ois import nlp
from ois.extract.entities import PRONOUNS, Resolver
from ois.extract.grammar import (
    agent,
    aimed_at,
    antecedent,
    argument,
    child,
    group_noun,
    headline_passive,
    negated,
    noun_lemma,
    patient,
    prep,
    seen_doing,
    subject,
    words_before,
)
from ois.extract.hurt import (
    fatal_wound,
    gunfire_police,
    holding,
    in_condition,
    irrealis,
    is_fatal,
    on_record,
    police_fire,
    refused,
    taken_with_wound,
)
from ois.extract.names import is_source, lexicon
from ois.extract.referents import Event, Referent, outcome_of


def _crime_named(word) -> bool:
    """ "a suspect in the fatal stabbing of a neighbor", "a stabbing death": a stabbing named as a crime, not a blade
    held ("caught him stabbing her", "to stop the stabbing" are)."""
    if word.pos_ == "VERB" or not word.lower_.startswith("stab"):
        return False
    return word.dep_ in ("amod", "compound") or any(c.lower_ in ("of", "fatal", "deadly") for c in word.children)


def _listed_apart(si: int, refs: list[tuple[Referent, str | None]]) -> list[Event]:
    """People listed together are several ("he and another deputy fired"): no description among them is another of
    them (`frame.absorbed`), and the unnamed ones count with the named (`people._count`)."""
    ids = list(dict.fromkeys(ref for ref, _ in refs))
    return [Event("listed", a, b, si) for i, a in enumerate(ids) for b in ids[i + 1 :]]


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
        self.exchange = re.compile(lex["exchange_of_fire"])  # "shootout", "gun battle", "exchange of gunfire"
        self.die = set(lex["die_verbs"])
        self.dead = set(lex["dead_words"])
        self.self_inflicted = re.compile(lex["self_inflicted"], re.I)
        self.sustain = set(lex["sustain_verbs"])
        self.wound_nouns = set(lex["wound_nouns"])
        self.by_mistake = set(lex["by_mistake"])
        self.destination = set(lex["destination_verbs"] + lex["care_verbs"])
        self.hospitals = set(lex["hospital_nouns"])
        self.gunfire = set(lex["gunfire_nouns"])
        self.uninjured = set(lex["uninjured_words"])
        self.involved: dict[str, str] = lex["involved_verbs"]  # lemma -> which argument: patient|agent|for
        self.accused: dict[str, str] = lex["accused_steps"]  # lemma -> Person.accused
        self.face_objects, self.found_with = set(lex["face_objects"]), set(lex["weapon_found_verbs"])
        self.armed = [(kind, re.compile(rx, re.I)) for kind, rx in lex["armed"]]
        self.weapon_nouns = {w.lower() for w in lex["weapon_nouns"]}
        self.vehicles = {"car", "vehicle", "truck", "suv", "van", "sedan", "pickup", "cruiser", "house", "home"}
        self.age = re.compile(lex["age_in_noun"], re.I)
        races = "|".join(sorted((re.escape(w) for w in lex["race_words"]), key=len, reverse=True))
        self.race = re.compile(rf"\b(?:{races})\b", re.I)

    def read(self, si: int, sent: nlp.Sentence) -> list[Event]:
        gun_context = bool(self.hit_context.search(sent.text))
        events: list[Event] = []
        for tok in sent.doc:  # names and descriptions in reading order: "A gunman shot Alma Reyes" - the gunman is
            if (si, tok.i) in self.r.names or (argument(tok) and self.r.side(tok)):  # met first
                refs = self.r.resolve(si, tok)
                if tok.dep_ not in ("attr", "appos"):  # (what one is: "X was a father and a brother": one man)
                    events += _listed_apart(si, refs)
                how = outcome_of(tok)  # "the wounded officer, Tom Varn,": Varn was hurt (a named one only: the
                if how and not negated(tok.head):  # "wounded officer" of an update line may be anyone told of later)
                    for ref in (r for r, _ in refs if isinstance(r, int)):
                        events.append(Event("outcome", ref, how, si))
                        self.r.mark(ref, how)
                if noun_lemma(tok) in self.r.gun_nouns and not negated(tok.head):  # "the suspected gunman": a gun
                    events += [Event("gun_noun", ref, "gun", si) for ref, _ in refs]
                if (si, tok.i) in self.r.names and any(c.dep_ == "appos" for c in tok.children):
                    # "identified as Dale Orrin, an 18-year-old black man": what the apposition says of the name
                    events += [e for ref, g in refs if isinstance(ref, int) for e in self._described(si, tok, ref, g)]
        for tok in sent.doc:  # pronouns in reading order, so "he ... him ... he" chains
            if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
                refs = self.r.resolve(si, tok)
                events += _listed_apart(si, refs)
                named = refs[0][0] if refs and isinstance(refs[0][0], int) else None  # "Orr ... he does so",
                if named is not None and (tok.dep_ in ("nsubj", "nsubjpass") or self.r.own_possessive(si, tok, named)):
                    events.append(Event("gender", named, refs[0][1], si))  # "Orr drew his gun"
        for v in sent.doc:
            if v.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
                continue
            events += self._verb(si, v, gun_context, si in self.headline)
            hurt = in_condition(v) if v.lower_ == "condition" else None  # "X is in critical condition": X was hurt
            if hurt is not None and (gun_context or not self._officer(si, hurt)):  # (an officer only where shots
                events += self._refs(si, hurt, "outcome", "injured")  # are told of: he may have crashed)
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
            if kind == "outcome" and value in ("killed", "injured"):  # who "shot himself" is no one's victim
                self.r.mark(ref, "suspect" if tok.lower_.endswith("self") else "victim")
                # "the wounded officer" is then not this one, if killed (`Resolver._compatible`)
                self.r.mark(ref, value)
            elif kind == "involved" or (kind == "fired" and value):
                self.r.mark(ref, "suspect")
            if gender:
                out.append(Event("gender", ref, gender, si))
            out += self._described(si, tok, ref, gender)
        return out

    def _described(self, si: int, tok, ref, gender: str | None) -> list[Event]:
        """Age, race and gender a person noun gives its referent: "a 19-year-old black woman", "the driver, a
        41-year-old man,", "Woods, a 29-year-old black man", "Orrin, a 24-year-old Latino"."""
        out = []
        nouns = [c for c in tok.children if c.dep_ == "appos" and self.r.side(c)]
        if not isinstance(ref, int):
            nouns.insert(0, tok)
        for noun in nouns:
            left, before = words_before(noun)
            match = self.age.search(before)
            if match and not isinstance(ref, int):
                out.append(Event("age", ref, int(match.group(1) or match.group(2)), si))
            race = self.race.search(before)
            if race:
                out.append(Event("race", ref, (race.group(0), left + race.start(), left + race.end()), si))
            found = self.r.side(noun) if noun is not tok else None
            if found and found[1] and not gender:
                out.append(Event("gender", ref, found[1], si))
        for noun in tok.children:  # "Dale Orrin, a 24-year-old Latino,": the race is the apposition itself
            if noun.dep_ == "appos" and self.race.fullmatch(noun.text):
                out.append(Event("race", ref, (noun.text, noun.idx, noun.idx + len(noun.text)), si))
        return out

    def _verb(self, si: int, v, gun_context: bool, headline: bool) -> list[Event]:
        lemma = v.lemma_.lower()
        who, whom = agent(v), patient(v)
        # "shot on the front porch", "at one point": a place or a time, not what was fired at
        target = next((t for t in aimed_at(v) if self.r.resolve(si, t) or t.lemma_.lower() in self.vehicles), None)
        if headline and lemma in self.wound and (shot := headline_passive(v, whom, target)) is not None:
            by = child(v, ("agent",))
            who, whom = (child(by, ("pobj",)) if by is not None else None), shot
        if lemma == "shoot" and any(c.lower_ == "at" and c.dep_ == "prep" and not any(c.children) for c in v.children):
            target = whom  # "a man who was shot at by a trooper": fired at, not hit
        ev = [] if irrealis(v) else self._harm(si, v, lemma, who, whom, target, gun_context)
        for shots in (c for c in v.children if c.dep_ == "nsubj" and c.lemma_.lower() in self.gunfire):
            ev += self._refs(si, child(shots, ("poss",)), "fired", True)  # "Roe's shots missed": Roe fired
        slot = self.involved.get(lemma)  # (one "faces" charges or counts, not "a long recovery")
        slot = None if lemma == "face" and getattr(child(v, ("dobj",)), "lemma_", "") not in self.face_objects else slot
        # arrested, charged, accused of, police sought X, X fled (not "declined to charge X")
        if slot and not negated(v) and not on_record(v) and not refused(v):
            if slot in ("for", "of") or (slot == "patient" and v.pos_ == "NOUN"):  # "the arrest of X"
                arg = child(prep(v, "for" if slot == "for" else "of"), ("pobj",))
            else:
                arg = who if slot == "agent" else whom
            # "officers tried to arrest X": X was wanted, not arrested
            ev += self._refs(si, arg, "involved", "sought" if irrealis(v) else self.accused.get(lemma, "sought"))
        if lemma == "identify":
            ev += self._identified(si, v, whom)
        if lemma == "describe":  # "police described the suspect as a light-skinned black male"
            ev += self._race_said(si, whom, child(prep(v, "as"), ("pobj", "amod", "acomp")))
        if lemma == "be":  # "The victim is Dale Orrin" / "Orrin was the driver" / "the driver's name is Orrin"
            subj, attr = child(v, ("nsubj",)), child(v, ("attr",))
            if subj is None and v.dep_ == "ccomp":  # "neighbors told reporters the driver's name is X" (hung on "told")
                subj = next((c for c in v.head.children if c.dep_ == "dobj" and c.lemma_ == "name" and c.i < v.i), None)
            if subj is not None and attr is not None:
                for name, noun in ((attr, subj), (subj, attr)):
                    owner = child(noun, ("poss",)) if noun.lemma_ == "name" else None
                    noun = noun if owner is None else owner  # "the shooter's name is X": X is the shooter
                    refs = [r for r, _ in self.r.resolve(si, name)]
                    if (si, name.i) in self.r.names and refs:  # "The officers were A, B and C": each of them
                        plural = noun.tag_ == "NNS"  # a common plural noun: every name in the list
                        listed = (self.r.names[si, t.i] for t in name.subtree if (si, t.i) in self.r.names)
                        for ref in dict.fromkeys(listed) if plural else refs[:1]:
                            self.r.alias(si, ref, antecedent(noun))
            self._one_of(si, v, subj, attr)
            ev += self._race_said(si, subj, child(v, ("acomp", "attr")))
            ev += self._age_said(si, subj, attr)
        return ev

    def _one_of(self, si: int, v, subj, attr) -> None:
        """ "Roe was one of two men wounded" / "Roe was among the wounded officers": a named subject is a member
        of the group, and so suffered what it suffered (`frame.merged`)."""
        named = antecedent(subj) if subj is not None else None
        if named is None or (si, named.i) not in self.r.names:
            return
        one = attr is not None and attr.lower_ == "one"
        group = child(prep(attr, "of") if one else prep(v, "among"), ("pobj",))
        if group is not None and group_noun(group) and (si, group.i) in self.r.descriptions:
            self.r.alias(si, self.r.names[si, named.i], group)

    def _age_said(self, si: int, subj, attr) -> list[Event]:
        """ "Roe was a 33-year-old former paramedic" / "Roe was 33": the age a predicate gives a named
        subject (whatever its noun; a person noun's own age is read with the noun)."""
        if subj is None or attr is None:
            return []
        if attr.tag_ == "CD" and attr.text.isdigit() and not list(attr.children):
            age = int(attr.text)
        else:  # the age its noun states, as for a description
            age = (self.r.age_of(attr) if attr.pos_ in ("NOUN", "PROPN") else None) or 0
        if not 0 < age < 110:
            return []
        named = antecedent(subj)  # a name, or "who" after one: not "the victim was 16" (maybe another)
        refs = [r for r, _ in self.r.resolve(si, named)] if (si, named.i) in self.r.names else []
        return [Event("age", ref, age, si) for ref in refs[:1]]

    def _race_said(self, si: int, subj, comp) -> list[Event]:
        """ "Gaines, who was black," / "Wilbourn is black" / "described the suspect as a black male": the race a
        predicate gives its subject."""
        if subj is None or comp is None:
            return []
        words = comp.doc[comp.left_edge.i : comp.right_edge.i + 1]
        person = comp.lemma_ in ("male", "female", "man", "woman")  # "a light-skinned black male"
        match = self.race.fullmatch(words.text) or (self.race.search(words.text) if person else None)
        if not match:
            return []
        said = (match.group(0), words[0].idx + match.start(), words[0].idx + match.end())
        return [Event("race", ref, said, si) for ref, _ in self.r.resolve(si, antecedent(subj))]

    def _harm(self, si: int, v, lemma: str, who, whom, target, gun_context: bool) -> list[Event]:
        """Fired / was shot / died / was unhurt events of one verb (or noun: "the fatal shooting of X")."""
        ev: list[Event] = []
        obj = child(v, ("dobj",))
        wounding = lemma in self.wound or (lemma in self.hit and gun_context)
        of = child(prep(obj, "of"), ("pobj",)) if obj is not None else None  # "fired a total of 14 shots"
        gun = any(
            o is not None and (o.lower_ in self.fire_objects or o.lemma_.lower() in self.fire_objects)
            for o in (obj, of)
        )
        firing = lemma in ("shoot", "fire", "discharge") and (obj is None or gun)  # "fired their guns"
        firing = firing or (lemma in self.fire and gun)
        nobody = whom is not None and whom.lower_ in ("none", "neither")
        none_of = child(prep(whom, "of"), ("pobj",)) if nobody else None
        if none_of is not None:  # "None of the officers were injured": the officers were not
            whom = none_of
        if wounding and whom is not None and not (lemma == "shoot" and target is not None and obj is None):
            if negated(v, whom) or none_of is not None:  # (not "she did not shoot herself": who fired, not a fate)
                ev += [] if whom.lower_.endswith(("self", "selves")) else self._refs(si, whom, "outcome", "uninjured")
            else:
                outcome = "killed" if is_fatal(v) else self.wound.get(lemma, "injured")
                # "Four others were injured, including a police officer": he is among them
                for one in (whom, *(child(p, ("pobj",)) for p in (prep(v, "including"), prep(whom, "including")))):
                    ev += self._refs(si, one, "outcome", outcome)
                    ev += self._shot_links(si, who, one, hit=True)
                ev += self._stray(si, v, who, whom)
        fight = self._fight(v)
        if fight is not None:  # "the officer engaged in a gun battle with ...", "was involved in a shootout with";
            # not "wounded in a shootout between police and a suspect": the wounded fired no shot of it
            who, obj = (None if prep(fight, "between") is not None else subject(v)), fight
        # "shooting himself" says a gun was fired (the small model reads the noun of "police shooting" in a
        # headline as a verb with no object: not so); "killed him" only where the sentence speaks of shots
        # ... and "A deputy shot and wounded a man": its doer fired (the small model often reads this "shot" as a noun)
        shot = (lemma == "shoot" and whom is not None) or (v.i > 1 and v.doc[v.i - 2 : v.i].text.lower() == "shot and")
        shooting = wounding and (shot or (lemma in ("shoot", "gun", "kill") and gun_context))
        if (firing or fight is not None or shooting) and who is not None:
            ev += self._refs(si, who, "fired", not negated(v))
            if target is not None and not negated(v):
                ev += self._shot_links(si, who, target)
            with_ = prep(v, "with") or (prep(obj, "with") if obj is not None else None)
            reciprocal = lemma == "exchange" or fight is not None
            other = child(with_, ("pobj",)) if reciprocal and not negated(v) else None
            if other is not None:  # "X exchanged gunfire with police": each side fired at the other
                ev += self._refs(si, other, "fired", True)
                ev += self._shot_links(si, who, other) + self._shot_links(si, other, who)
        if lemma in self.die and not negated(v):
            ev += self._refs(si, subject(v), "outcome", "killed")
        hurt = whom if wounding else subject(v) if lemma in self.die else None
        police = police_fire(v, self.r.side) if hurt is not None and not negated(v) else None
        if police is not None and self.r.resolve(si, hurt):  # "struck by police gunfire": police fired and hit
            ev += self._refs(si, police, "fired", True) + self._shot_links(si, police, hurt, hit=True)
        if lemma == "pronounce" and any(c.lower_ in self.dead for c in v.children):
            ev += self._refs(si, whom, "outcome", "killed")
        if lemma in self.dead and v.dep_ == "amod" and self.r.side(v.head):  # "the deceased suspect", "slain"
            ev += self._refs(si, v.head, "outcome", "killed")
        if lemma in self.dead and v.dep_ in ("acomp", "oprd") and v.head.lemma_ not in self.wound:
            head = v.head  # "... and suspect dead": a headline's person noun parsed as a verb is the one dead
            dead = head if head.pos_ == "VERB" and self.r.side(head) else child(head, ("nsubj", "nsubjpass"))
            ev += self._refs(si, dead, "outcome", "killed")
        if obj is None:  # "suffering from a gunshot wound"
            from_ = next((p for p in v.children if p.dep_ == "prep" and p.lower_ == "from"), None)
            obj = child(from_, ("pobj",)) if from_ is not None else None
        if lemma in self.sustain and obj is not None and obj.lemma_.lower() in self.wound_nouns and not prep(obj, "of"):
            hurt = "uninjured" if negated(v, obj) else "killed" if fatal_wound(obj) else "injured"  # ("no injuries")
            ev += self._refs(si, subject(v), "outcome", hurt)
        if lemma in self.destination and whom is not None:  # "was taken to a hospital with a wound", "treated for"
            ev += self._taken_hurt(si, v, whom, gun_context)
        if obj is None and lemma in self.die:  # "died of a gunshot wound"
            obj = child(prep(v, "of"), ("pobj",))
        wound = obj if obj is not None and obj.lemma_.lower() in self.wound_nouns else None
        if wound is not None and self.self_inflicted.search(wound.doc[wound.left_edge.i : wound.i].text):
            ev += self._refs(si, subject(v), "fired", True)  # "died from a self-inflicted gunshot wound": he fired
        if lemma in self.uninjured and v.dep_ in ("acomp", "oprd", "advmod"):
            ev += self._refs(si, subject(v.head), "outcome", "uninjured")
        if lemma in ("shooting", "killing", "death") and v.pos_ == "NOUN":  # "the fatal shooting of a woman"
            of = next((p for p in v.children if p.dep_ == "prep" and p.lower_ == "of"), None)
            fatal = lemma != "shooting" or any(c.lower_ in lexicon()["fatal_words"] for c in v.children)
            harmed = self._refs(
                si, child(of, ("pobj",)) if of is not None else None, "outcome", "killed" if fatal else "injured"
            )
            ev += harmed + self._accuser_apart(si, v, [e.referent for e in harmed if e.kind == "outcome"])
        return ev

    def _taken_hurt(self, si: int, v, whom, gun_context: bool) -> list[Event]:
        """ "X was taken (rushed, flown) to a hospital with a gunshot wound / with non-life-threatening injuries":
        X was hit - "injuries" in a sentence with no gun word only for someone not an officer (an officer may be
        hurt in a struggle)."""
        wound = taken_with_wound(v, self.hospitals, self.wound_nouns)
        if wound is None:
            return []
        gunshot = gun_context or wound.lemma_.lower() == "wound"
        if not gunshot and self._officer(si, whom):
            return []
        return self._refs(si, whom, "outcome", "killed" if fatal_wound(wound) else "injured")

    def _officer(self, si: int, tok) -> bool:
        """`tok` is an officer: by its noun ("a second deputy, Tom Varn,") or by whom it resolves to."""
        side = self.r.side(tok)
        return (side is not None and side[0] == "officer") or any(
            self.r.is_officer(r) for r, _ in self.r.resolve(si, tok)
        )

    def _accuser_apart(self, si: int, crime, victims: list[Referent]) -> list[Event]:
        """ "X (was) wanted in / charged with / a suspect in the death of a woman": the woman is not X, even where
        nothing else tells them apart (an "apart" event; the crime may be this shooting or an earlier one)."""
        p = crime.head
        if not victims or crime.dep_ != "pobj" or p.lower_ not in ("in", "for", "with"):
            return []
        accused = p.head if p.head.pos_ == "NOUN" else subject(p.head)
        refs = [r for r, _ in self.r.resolve(si, accused)] if accused is not None else []
        return [Event("apart", v, r, si) for v in victims for r in refs if r != v]

    def _stray(self, si: int, v, who, whom) -> list[Event]:
        """ "A trooper also mistakenly hit a trucker, Lila Voss", "a stray bullet fired by an officer struck X": whom
        police hit by mistake is a bystander (a named one; not an officer: that is friendly fire) when police shot
        someone else (`frame.roles`)."""
        mistake = any(c.dep_ == "advmod" and c.lower_ in self.by_mistake for c in (*v.children, *v.head.children))
        if who is not None and any(c.lower_ in self.by_mistake for c in who.children):  # "a stray police bullet"
            return self._hit_by_mistake(si, whom, "stray") if gunfire_police(who, self.r.side) is not None else []
        if not mistake or who is None or not any(self.r.is_officer(r) for r, _ in self.r.resolve(si, who)):
            return []
        return self._hit_by_mistake(si, whom, "mistake")

    def _hit_by_mistake(self, si: int, whom, how: str) -> list[Event]:
        """The named people, not officers, `whom` stands for, as bystanders hit by mistake (`how`: "stray" needs no one
        else shot by police in `frame.roles`: a stray bullet was aimed elsewhere)."""
        hit = [r for r, _ in self.r.resolve(si, whom) if isinstance(r, int) and not self.r.is_officer(r)]
        return [Event("alias", r, ("bystander", how, r), si) for r in hit]

    def _fight(self, v):
        """The exchange of fire a verb puts its subject in ("engaged in a gun battle", "got into a shootout",
        "was involved in a gunfight"), or None."""
        if v.pos_ not in ("VERB", "AUX"):
            return None
        for p in v.children:
            noun = child(p, ("pobj",)) if p.dep_ == "prep" and p.lower_ in ("in", "into") else None
            words = noun.doc[noun.left_edge.i : min(noun.right_edge.i, noun.i + 2) + 1] if noun is not None else None
            if words is not None and self.exchange.search(words.text.lower()):  # "a gun battle", "an exchange of fire"
                return noun
        return None

    def _identified(self, si: int, v, whom) -> list[Event]:
        """ "police identified the driver as X" / "the man, identified by police as X": X is the driver/man; and
        the other way round, "police identified X as the suspect"."""
        # (or hung on the described: "identified the suspects as A and B"; or on its clause or a verb joined to
        # it: "identified the deputy who opened fire as A")
        clauses = [c for c in whom.children if c.dep_ in ("acl", "relcl")] if whom is not None else []
        clauses += [j for c in clauses for j in c.conjuncts]  # ("... who shot and killed X last week as A and B")
        as_ = prep(v, "as") or prep(whom, "as") or next(filter(None, (prep(c, "as") for c in clauses)), None)
        by = child(v, ("agent",))
        if as_ is None and by is not None:  # the small model hangs "as" off the by-phrase
            as_ = prep(child(by, ("pobj",)), "as")
        name = child(as_, ("pobj",))
        ev: list[Event] = []
        if name is None or whom is None:
            return ev
        named = [r for r, _ in self.r.resolve(si, name) if isinstance(r, int)]
        # "Two suspects were killed ... Police identified them as A and B": the group last counted as many as named
        told = [g for g, sj, n in self.r.counts if n == len(named) and sj <= si] if whom.lower_ == "them" else []
        for ref in named if told else ():
            self.r.aliases.append(Event("member", ref, told[-1], si))
            if self.r.is_officer(told[-1]):
                self.r.officers.add(ref)
        how = outcome_of(whom) if group_noun(whom) else ""  # "identified the wounded officers as A and B": hurt
        for ref in named:
            self.r.resolve(si, whom)  # the described person first, so that the alias joins them
            self.r.alias(si, ref, antecedent(whom))
            ev += [Event("outcome", ref, how, si)] if how else []
        if (si, whom.i) in self.r.names and self.r.side(name):  # "identified Jo Roe, 52, as the suspect"
            self.r.resolve(si, name)
            self.r.alias(si, self.r.names[si, whom.i], name)
        return ev

    def _shot_links(self, si: int, who, whom, hit: bool = False) -> list[Event]:
        """X shot Y -> Y was shot by X; police shot X -> X is a subject; X shot an officer -> X is a subject who
        shot police."""
        if who is None or whom is None:
            return []
        doers = [r for r, _ in self.r.resolve(si, who)]
        targets = [r for r, _ in self.r.resolve(si, whom)]
        ev = [Event("shot_by", t, d, si) for t in targets for d in doers if hit and t != d]  # who hit whom
        for e in ev:
            self.r.shot_by.setdefault(e.referent, e.value)
        if any(self.r.is_officer(d) for d in doers):
            ev += [Event("shot_by_police", t, True, si) for t in targets if not self.r.is_officer(t)]
        if any(self.r.is_officer(t) for t in targets) and any(not self.r.is_officer(d) for d in doers):
            ev += [Event("shot_police", d, True, si) for d in doers if not self.r.is_officer(d)]
            ev += [Event("fired_on", t, True, si) for t in targets if self.r.is_officer(t)]  # the officers shot at
        return ev

    def _armed(self, si: int, sent: nlp.Sentence) -> list[Event]:
        """What the (non-police) person a sentence is about was armed with, and the weapon's words."""
        doc = sent.doc
        for kind, rx in self.armed:
            for match in rx.finditer(sent.text):
                tok = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                if tok is None or _crime_named(tok.root) or self._police_own(si, tok[-1]):
                    continue  # (not "grabbed for the officer's gun": his own gun is no weapon of the subject)
                v = tok.root
                holder = holding(v, self.r.side)  # ("confronted a man waving a knife": the man's, not the deputies')
                while v.dep_ not in ("ROOT",) and not child(v, ("nsubj", "nsubjpass")) and seen_doing(v) is None:
                    v = v.head
                subj = (
                    holder
                    or child(v, ("nsubj", "nsubjpass"))
                    or seen_doing(v)
                    or (v.head if v.dep_ == "relcl" else None)
                )
                if v.lemma_.lower() in self.found_with and subj is not None and self._officer(si, subj):
                    subj = None  # "investigators found a knife near his body": the subject's, not theirs
                if subj is not None and is_source(subj):
                    continue  # "Lesser says there were loaded guns in the home": the speaker held nothing
                refs = [r for r, _ in self.r.resolve(si, subj)] if subj is not None else []
                weapon = self._weapon(tok)
                if any(self.r.is_officer(r) for r in refs):  # "the deputy fired his 9mm service pistol": his
                    fired = weapon is not None and match.group(0).lower().startswith(("fired", "firing"))
                    if fired:  # weapon; armed as police are (no "armed" event)
                        return [Event("weapon", ref, weapon, si) for ref in refs if self.r.is_officer(ref)]
                    continue
                return [
                    e
                    for ref in refs or ["subject"]
                    for e in (Event("armed", ref, kind, si), *((Event("weapon", ref, weapon, si),) if weapon else ()))
                ]
        return []

    def _police_own(self, si: int, noun) -> bool:
        """The noun is an officer's ("the officer's gun", "Officer Roe's pistol", "her gun" where "her" is one)."""
        return any(self._officer(si, c) for c in noun.children if c.dep_ == "poss")

    def _weapon(self, span) -> tuple[str, int, int] | None:
        """(the weapon's words, start, end in the paragraph Doc) inside a span: "a .40-caliber handgun" -> the noun
        with its modifiers, without the article ("40-caliber handgun" stays as written)."""
        noun = next((t for t in span if t.lower_ in self.weapon_nouns or t.lemma_.lower() in self.weapon_nouns), None)
        if noun is None:
            return None
        left = noun  # (its modifiers may open before the span: "a .22-caliber revolver was found")
        for t in reversed(list(noun.doc[min(span.start, noun.left_edge.i) : noun.i])):
            if t.head.i != noun.i and t.head.i not in range(t.i + 1, noun.i + 1) or t.dep_ in ("det", "poss"):
                break
            left = t
        words = noun.doc[left.i : noun.i + 1]
        return words.text.lower(), words.start_char, words.end_char
