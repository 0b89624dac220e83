"""Who the words refer to: named people, described people ("a 27-year-old man", "the suspect") and pronouns.

A referent is a named person (a name cluster's index, an int) or a described person (an `Entity` id, a str). Each
person noun ("man", "suspect", "officer") that names nobody is a description:
- an indefinite singular ("a 27-year-old man", "another man", "an officer") introduces a new person;
- a definite or bare singular ("the man", "Man shot ...") is the most recent compatible person (same side - police
  or not -, gender, and noun class: a "gunman" is no "victim"), else a new one;
- a plural ("officers", "two suspects", "both deputies": two) is the group of that side and class, and its number.
A description in apposition to names or equated with one ("the suspect, John Doe", "the officers involved, A and B",
"identified the man as John Doe") is them (`alias`). Pronouns take the latest compatible referent (`pronouns.py`),
relative ones their noun.
"""

from __future__ import annotations

import re

from ois import data, nlp
from ois.extract.grammar import (
    RELATIVE,
    argument,
    child,
    former,
    group_noun,
    held_here,
    identified_as,
    named_as_kin,
    noun_lemma,
    prep,
    shot_here,
    sought_here,
    words_before,
)
from ois.extract.lists import appos_age
from ois.extract.lists import listed as listed_names
from ois.extract.names import determiners, is_source, lexicon, looks_on, quoting_speaker, titled_of, unidentified
from ois.extract.pronouns import GENDER_WINDOW, PRONOUNS, Pronouns
from ois.extract.referents import CLASS_LINKS, Entity, Event, Referent, outcome_of

_QUOTES = frozenset('"“”')
_INDEFINITE = {"a", "an", "another", "one"}
_CLOSERS = {"--", "—", "–", ")"}  # what may close a list of names
_ANOTHER = {"other", "second", "third", "fourth", "another", "fellow"}  # "a second man" is not the man before
_ORDINALS = ("second", "third", "fourth")
WATCHING = frozenset({"witness", "onlooker"})  # marks of one who saw or told of the shooting, not its "man"


class Resolver(Pronouns):
    """Maps tokens to referents for one article; remembers recent referents for pronouns and descriptions."""

    def __init__(
        self,
        names: dict[tuple[int, int], int],
        genders: dict[int, str],
        officers: set[int],
        headline: set[int] | frozenset[int] = frozenset(),
        people: set[int] | None = None,
        ages: dict[int, int] | None = None,
        background: set[int] | frozenset[int] = frozenset(),
        officials: set[int] | frozenset[int] = frozenset(),
    ):
        lex = lexicon()
        self.headline = headline  # sentence indices of headlines: their descriptions are the story's first ones
        # names known to be people (NER, a title, an age): only these can be "the man" ("Selig Drive" cannot)
        self.people = set(names.values()) if people is None else people
        self.names = names  # (sentence index, token index) -> cluster index
        self.genders = dict(genders)  # cluster index -> gender known from titles
        self.officers = set(officers)  # clusters that are officers (titled "Officer ..."), more join by alias
        self.officer_nouns = set(lex["officer_nouns"])
        self.subject_nouns: dict[str, str | None] = lex["subject_nouns"]
        self.bystander_nouns = set(lex["bystander_nouns"])
        self.noun_classes: dict[str, str] = lex["noun_classes"]
        self.numbers: dict[str, int] = data.load("aftermath_lexicon")["numbers"]
        self.marks: dict[Referent, set[str]] = {}  # "victim" / "suspect": what events said so far
        self.ages: dict[Referent, int] = dict(ages or {})  # known ages: "the 36-year-old" is nobody of another age
        self.age_pattern = re.compile(lex["age_in_noun"], re.I)
        self.speech, self.witness_nouns = set(lex["speech_lemmas"]), set(lex["witness_nouns"])
        self.witness_appositions = set(lex["witness_appositions"])
        self.quoted_self = set(lex["quoted_self_verbs"])
        self.gun_nouns = set(lex["gun_nouns"])
        self.entities: dict[str, Entity] = {}
        self.descriptions: dict[tuple[int, int], Referent] = {}  # (sentence, token) -> referent, resolved once
        self.members: dict[Referent, Referent] = {}  # group -> the one "one of the officers" singled out
        self.recent: list[tuple[Referent, str | None, bool]] = []  # (referent, gender, only quoted as a source)
        self.pronouns: dict[tuple[int, int], tuple[Referent, str]] = {}  # resolved pronouns, for later ones
        self.agents: dict[int, set[Referent]] = {}  # who a sentence names in a by-phrase ("shot by an officer")
        self.resolving: set[tuple[int, int]] = set()  # pronouns being resolved: "he ... him" must not loop
        self.aliases: list[Event] = []
        self.counts: list[tuple[str, int, int]] = []  # (group, sentence, number > 1): each time a group is counted
        # named people met in the story (not only a headline), and officials: they take up no headline's person
        self.introduced: set[int] = set(officials)
        self.background = background  # sentences about other cases
        self.in_story: set[Referent] = set()  # referents met in a sentence about this shooting
        self.told_gender: set[Referent] = set()  # descriptions whose gender only a pronoun gave (`Pronouns`)
        self.shot_by: dict[Referent, Referent] = {}  # who first hit each one shot (`Pronouns`)

    # --- what a referent is ----------------------------------------------------------------------------------
    def gender_of(self, ref: Referent) -> str | None:
        if isinstance(ref, int):
            return self.genders.get(ref)
        entity = self.entities.get(ref)
        return None if entity is None or entity.plural else entity.gender

    def is_officer(self, ref: Referent) -> bool:
        return ref in self.officers if isinstance(ref, int) else getattr(self.entities.get(ref), "side", 0) == "officer"

    def plural(self, ref: Referent) -> bool:
        return isinstance(ref, str) and ref in self.entities and self.entities[ref].plural

    def side(self, tok) -> tuple[str, str | None] | None:
        """(side, gender the noun implies) of a person noun, else None."""
        lemma = noun_lemma(tok)
        if lemma in self.officer_nouns:
            return "officer", None
        if lemma in self.bystander_nouns:
            return None if _held_as(tok) else ("bystander", None)
        if (tok.pos_ in ("NOUN", "PROPN") or lemma == "person") and lemma in self.subject_nouns:
            # "the female suspect": the adjective gives the gender the noun does not
            adjectives = [self.subject_nouns.get(c.lower_) for c in tok.children if c.dep_ in ("amod", "compound")]
            return "subject", self.subject_nouns[lemma] or next((g for g in adjectives if g), None)
        return None

    # --- descriptions ----------------------------------------------------------------------------------------
    def _count(self, tok) -> int | None:  # (not "Zone 5 officers": a name; "Two sheriff's deputies": on "sheriff";
        # "Two Harlow police officers": on the city, opening the noun's words)
        heads = (tok, *(c for c in tok.children if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN")))
        first = next(t.i for t in tok.subtree if not t.is_space)  # (a dateline parsed as blank space hangs there)
        words = (g for h in heads for g in h.children if h is tok or h.dep_ == "poss" or g.i == first)
        nummod = (c for c in words if c.dep_ == "nummod" and not (c.i > 0 and c.doc[c.i - 1].tag_ == "NNP"))
        # ("Two of four officers fired": the parse hangs "Two of" on "four"; two are the ones it tells of)
        part = (next((q for q in c.children if q.dep_ == "quantmod" and q.like_num), c) for c in nummod)
        return next((self._number(c) for c in part), None)

    def _number(self, tok) -> int | None:
        word = tok.lower_.replace(",", "")
        return int(word) if word.isdigit() and int(word) < 1000 else self.numbers.get(word)

    def mark(self, ref: Referent, what: str) -> None:
        """Record that an event made this referent a "victim" (shot) or a "suspect" (fired, arrested, ...)."""
        self.marks.setdefault(ref, set()).add(what)

    def age_of(self, tok) -> int | None:
        """The age a person noun states ("a 36-year-old man", "the 36-year-old", "the man, 41,")."""
        match = self.age_pattern.search(words_before(tok)[1] + tok.text)  # "the 36-year-old": its noun is "old"
        return int(match.group(1) or match.group(2)) if match else appos_age(tok)

    def _compatible(
        self, ref: Referent, side: str, noun: str, noun_class: str, gender: str | None, age: int | None, how: str = ""
    ) -> bool:
        if self.plural(ref) or self.is_officer(ref) != (side == "officer"):
            return False
        if how and self.marks.get(ref, set()) & {"killed", "injured"} == {"killed", "injured"} - {how}:
            return False  # "the wounded officer" is not the one the story said was killed (nor "the slain" one hurt)
        if isinstance(ref, int) and ref not in self.people:
            return False
        if age is not None and self.ages.get(ref, age) != age:
            return False  # "the 36-year-old man who shot Jones" is not the 42-year-old Jones
        if gender and gender != (self.gender_of(ref) or gender):
            return False
        entity = self.entities.get(ref) if isinstance(ref, str) else None
        if entity is not None and (entity.noun in self.bystander_nouns) != (noun in self.bystander_nouns):
            return False  # "a man was killed and a bystander wounded ... between the man and police": not her
        if noun_class == "relative" or (entity is not None and entity.noun_class == "relative"):
            return entity is not None and entity.noun == noun  # "his wife" is nobody described before but a wife
        marks = self.marks.get(ref, set())
        if marks & WATCHING and noun not in self.witness_nouns:
            return False  # "neighbor Jo Roe" (a witness, a lawyer) is not "the man" or "the gunman" of the story
        same_noun = entity is not None and entity.noun == noun  # "Police kill gunman" ... "A gunman shot ..."
        if noun_class in ("suspect", "victim") and marks and noun_class not in marks and not same_noun:
            return False  # "the suspect" is not the man the story already said was shot
        if entity is None or noun_class == "person":
            return True
        other = entity.noun_class
        return other == noun_class or other == "person" or (noun_class, other) in CLASS_LINKS

    def description(self, si: int, tok, member_of=None) -> tuple[Referent, str | None] | None:
        """The referent of a person noun that names nobody (see the module docstring), with its gender; with a
        `member_of` group noun, of "one of the officers" (`tok` is "one"): a new member of that group."""
        noun = tok if member_of is None else member_of
        found = self.side(noun)
        if found is None:
            return None
        side, gender = found
        key = (si, tok.i)
        if key in self.descriptions:
            ref = self.descriptions[key]
            return ref, self.gender_of(ref)
        lemma = noun_lemma(noun)
        noun_class = self.noun_classes.get(lemma, "officer" if side == "officer" else "person")
        age, how = self.age_of(noun), outcome_of(noun)
        dets = determiners(tok) if member_of is None else {"one"}
        pair = member_of is None and side == "officer" and not dets.isdisjoint(("both", "neither"))
        plural = pair or (member_of is None and (group_noun(tok) or not dets.isdisjoint(("each", "every"))))
        ref: Referent | None = None
        if plural:  # one group per side and noun class: "officers" ... "the officers"
            group = f"{side}s:{noun_class}"
            others = any(c.dep_ == "amod" and c.lower_ in ("more", "other") for c in tok.children)
            group = f"{group}:{si}:{tok.i}" if others else group  # "two more men": not the men before
            ref = group
            entity = self.entities.get(group) or Entity(group, side, lemma, noun_class, None, True, si)
            count = 2 if pair else self._count(tok)
            if count is not None and others and side == "officer":  # "killed a deputy and wounded two other officers":
                before = {r for r, _, _ in self._referents(si, tok.sent, before=tok.i) if self.is_officer(r)}
                known = {g: n for g, i, n in self.counts if i == si}  # (3; a group of no number adds none)
                count += sum(known.get(r, 0 if self.plural(r) else 1) for r in before)
            if count is not None and count > 1:
                self.counts.append((group, si, count))
            self.entities[group] = entity
        elif not dets & _INDEFINITE:  # "the man", "Man shot": the most recent compatible person, never a source
            here = [ref for ref, _, source in self._referents(si, tok.sent, before=tok.i) if not is_source(source)]
            if si in self.headline and tok.dep_ not in ("attr", "appos"):  # "Suspect sought after man killed":
                # two nouns of one headline are two people, unless one is what the other was ("... was 14-year-old boy")
                here = [r for r in here if not (isinstance(r, str) and self.entities[r].noun != lemma)]
            told = [r for r, _, source in self.recent if not source]
            told = told if si in self.background else [r for r in told if r in self.in_story]
            # "the boy" of this shooting is nobody of a recalled case
            fits = [c for c in reversed(told + here) if self._compatible(c, side, lemma, noun_class, gender, age, how)]
            fits = [c for c in fits if not isinstance(c, int)] if unidentified(tok) else fits  # nobody named
            if any(c.lower_ in _ANOTHER - {"other"} for c in tok.children if c.dep_ == "amod"):  # "fellow officer",
                # "the second man": one introduced as another (the same ordinal: not "a second ... the third officer")
                ordinal = _ordinal(tok)
                fits = [c for c in fits if isinstance(c, str) and self.entities[c].distinct]
                fits = [c for c in fits if isinstance(c, str) and self.entities[c].ordinal in (None, ordinal)]
            if noun_class == "suspect" and fits and isinstance(fits[0], str) and not self.marks.get(fits[0]):
                # "the suspect" is the one called so before, not a driver he stopped since (nothing done to her yet)
                fits = [c for c in fits[1:] if isinstance(c, str) and self.entities[c].noun == lemma][:1] or fits
            ref = self._likeliest(fits, lemma, gender) if fits else None
        if ref is None and si not in self.headline:  # "Suspect shot ..." / "A man pointed ...": the same person
            shot = shot_here(tok)  # "Gunman kills two" ... "found a man and a woman shot to death": not him
            # (not "a second man", unless the headline's is one too: "Third person dies ... A third person has died";
            # "another man" still may be: measured on GVDB)
            ordinal = _ordinal(tok)
            heads = (e.id for e in self.entities.values() if e.headline and ordinal in (None, e.ordinal))
            heads = (h for h in heads if not (shot and "suspect" in self.marks.get(h, ())))
            ref = next((h for h in heads if self._compatible(h, side, lemma, noun_class, gender, age, how)), None)
            if ref is not None:
                self.entities[ref].headline = False
        if ref is None:
            ref = f"d{len(self.entities)}"
            distinct = "another" in dets or any(c.lower_ in _ANOTHER for c in tok.children if c.dep_ == "amod")
            self.entities[ref] = Entity(
                ref, side, lemma, noun_class, gender, False, si, si in self.headline, distinct, _ordinal(tok)
            )
        self.descriptions[key] = ref
        if gender and isinstance(ref, str) and self.entities[ref].gender is None and not self.plural(ref):
            self.entities[ref].gender = gender  # "Suspect shot ... a man": "the woman" after is not him
        if noun_class in ("suspect", "victim") and not self.plural(ref):
            self.mark(ref, noun_class)  # called "the suspect" once, "the suspect" again is the same person
        if age is not None and not self.plural(ref):
            self.ages.setdefault(ref, age)
            self.aliases.append(Event("age", ref, age, si))  # "a 53-year-old woman is stable after she was shot"
        return ref, gender

    def _likeliest(self, fits: list[Referent], noun: str, gender: str | None) -> Referent:
        """The latest referent a definite description fits; one introduced as another person (gender unknown, another
        noun) yields to a recent one of this noun or gender ("a man ... another person ... the man": the gunman)."""
        first = fits[0]
        entity = self.entities.get(first) if isinstance(first, str) else None
        if gender is None or entity is None or not entity.distinct or entity.noun == noun or self.gender_of(first):
            return first
        nouns: dict[Referent, str] = {r: e.noun for r, e in self.entities.items()}
        same = (r for r in fits[1:GENDER_WINDOW] if self.gender_of(r) == gender or nouns.get(r) == noun)
        return next(same, first)

    # --- tokens to referents ---------------------------------------------------------------------------------
    def resolve(self, si: int, tok, depth: int = 0) -> list[tuple[Referent, str | None]]:
        """Referents of a token and the tokens listed after it ("A, B and C": C hangs on B); gender evidence."""
        out = self._one(si, tok, depth)
        # "two officers -- A and B -- and Deputy C": C, hung on B past the list's closing dash, is one more
        appos = [a for a in tok.children if a.dep_ == "appos"]
        closed = [c for a in appos for c in a.conjuncts if any(t.text in _CLOSERS for t in tok.doc[a.i : c.i])]
        # "Officers A, B and C fired": the small model hangs B on A as an apposition (a name is not renamed by another)
        named = self.names.get((si, tok.i))
        renamed = [a for a in appos if named is not None and a.conjuncts and self.names.get((si, a.i), named) != named]
        closed += [n for a in renamed for n in (a, *a.conjuncts)]
        out += [r for c in (*tok.conjuncts, *closed) if c.i > tok.i for r in self._one(si, c, depth) if r not in out]
        # "killing Orrin and Orrin's neighbor": the small model makes the first of "A and B's C" a modifier of C;
        # with its "and" it is a second argument (or of a title: "Deputy A and Police Chief B" hangs A on "Chief")
        for c in (g for h in (tok, *(t for t in tok.children if t.dep_ == "compound")) for g in h.children):
            if c.dep_ == "nmod" and c.i < tok.i and any(g.dep_ == "cc" for g in c.children):
                out += self._one(si, c, depth)
        return out

    def _aliased(self, si: int, words, noun) -> list[tuple[Referent, str | None]]:
        """The named people among `words`, each now also the description `noun`."""
        refs = list(dict.fromkeys(self.names[si, w.i] for w in words if (si, w.i) in self.names))
        for ref in refs:
            self.alias(si, ref, noun)
        return [(ref, None) for ref in refs]

    def _headline_person(self, si: int, ref: int, shot: bool = False, name=None, held: bool = False) -> None:
        """A named person's first mention in the story takes up a headline description nobody took up yet ("Man
        shot by police" ... "Officers shot and killed Darnell Okafor"); one named as charged never the victim."""
        if si in self.headline or si in self.background or ref in self.introduced:
            return  # (not from a caption or a recalled case either)
        self.introduced.add(ref)
        # "The wounded officers were identified as Jim Hampton and Shawn Stewart": named as officers
        whom = identified_as(name) if name is not None else None
        named_as = self.side(whom) if whom is not None else None
        side = "officer" if ref in self.officers or (named_as and named_as[0] == "officer") else "subject"
        free = [e for e in self.entities.values() if e.headline and e.side == side]
        # "Boy, 2, shot himself" ... "Lila Roe, 24, was charged": not the boy
        free = [e for e in free if self._compatible(ref, side, e.noun, "person", e.gender, self.ages.get(e.id))]
        if shot and len(free) > 1:  # "Suspect sought after man killed" ... "Holmes was found shot": the man
            free = [e for e in free if "victim" in self.marks.get(e.id, ())] or free
        if held:  # (nor someone's relative: "Man wanted for shooting his wife" ... "officers found Dale Roe")
            free = [e for e in free if "victim" not in self.marks.get(e.id, ()) and e.noun_class != "relative"]
        if free:
            entity = free[0]
            entity.headline = False
            if entity.gender:
                self.genders.setdefault(ref, entity.gender)
            self.aliases.append(Event("alias", ref, (side, entity.noun, entity.id), si))

    def _one(self, si: int, tok, depth: int) -> list[tuple[Referent, str | None]]:
        tok = tok if (si, tok.i) in self.names or (named := titled_of(tok)) is None else named
        if (si, tok.i) in self.names:
            ref = self.names[si, tok.i]
            last = tok.head if tok.dep_ == "compound" and self.names.get((si, tok.head.i)) == ref else tok
            commentator = any(former(w) for w in last.children if w.dep_ == "appos")  # "X, a retired officer,"
            # "Sgt. Roe told reporters the wounded officer ...", "Roe is the girl's godmother", "Jo Roe witnessed the
            # shooting": Roe takes up no headline's person, now or later ("..., Roe said." ... "Roe praised the staff")
            onlooker = looks_on(tok)
            if onlooker:
                self.mark(ref, "onlooker")  # nor is an onlooker "the gunman" (`_compatible`)
            elif _quoted_first(last, ref, self.introduced, self.officers):
                self.mark(ref, "witness")  # '"He was bleeding," said Jo Roe': a witness first, never "the gunman"
            if is_source(tok) or commentator or named_as_kin(last) or onlooker:
                self.introduced.add(ref)
            else:
                shot = shot_here(tok)  # (one found or tracked down is no victim of the headline either)
                self._headline_person(si, ref, shot, tok, held_here(tok) or (sought_here(tok) and not shot))
            for word in tok.children:  # "suspect John Doe", "John Doe, the driver," (not "told police Doe had")
                aliasing = word.dep_ in ("appos", "amod") or (word.dep_ == "compound" and not group_noun(word))
                if aliasing and (si, word.i) not in self.names and not former(last):  # "retired Officer X"
                    self.alias(si, ref, word)
            return [(ref, None)]
        one_group = group_noun(tok) and tok.tag_ not in ("NNS", "NNPS")  # ("According to police, Roe, who ...")
        listed = listed_names(self.names, si, tok) if self.side(tok) and not one_group else []
        if listed:  # "two officers, A and B": A and B are the officers, not two more people
            self.description(si, tok)
            for ref in listed:
                self.alias(si, ref, tok)
            return [(ref, None) for ref in listed]
        for word in tok.children:
            # (not "told detectives Milo was ...": a group noun's "apposition" right after it is a parse slip)
            if word.dep_ == "appos" and (si, word.i) in self.names and not (group_noun(tok) and word.i == tok.i + 1):
                # "the suspect, John Doe" names the suspect; "the officers involved, A and B," each of them
                return self._aliased(si, (word, *word.conjuncts) if group_noun(tok) else (word,), tok)
        if tok.dep_ == "appos" and (si, tok.head.i) in self.names and self.side(tok):
            # "John Doe, the 23-year-old man shot by police": the man is John Doe; "A and B, the officers who fired,"
            return self._aliased(si, (tok.head, *tok.head.conjuncts) if group_noun(tok) else (tok.head,), tok)
        lower = tok.lower_
        if lower in RELATIVE and tok.head.dep_ in ("relcl", "acl") and depth < 2:
            return self._one(si, tok.head.head, depth + 1)
        if lower in PRONOUNS and tok.pos_ == "PRON":
            return self._pronoun(si, tok)
        if lower in ("i", "me") and tok.head.lemma_ in self.quoted_self and (speaker := quoting_speaker(tok)):
            return self._guarded(si, tok, [speaker])  # "He shot me," Roe said: Roe
        if lower == "them" and tok.dep_ in ("dobj", "pobj"):
            return self._listed_before(si, tok)
        partitive = lexicon()["partitive_nouns"]  # ("a pair of troopers shot him": the troopers, two)
        group = child(prep(tok, "of"), ("pobj",)) if tok.tag_ == "CD" or lower in partitive else None
        number = self._number(tok) if group is not None and group.lower_ == "them" else None
        several = number is not None and number > 1  # (not "one of them")
        whole = [r for r, _, _ in self._referents(si, tok.sent, before=tok.i) if self.plural(r)] if several else []
        if whole and number:  # "four officers went in, and two of them fired": two of the four
            self.counts = [c for c in self.counts if c[:2] != (whole[-1], si)] + [(str(whole[-1]), si, number)]
            return [(whole[-1], None)]
        if group is None or not group_noun(group) or not self.side(group):
            found = self.description(si, tok)
        elif lower != "one":  # "two of the (five) officers fired": two of them fired
            found, number = self.description(si, group), partitive[lower] if lower in partitive else self._number(tok)
            if found and number is not None and number > 1:
                self.counts = [c for c in self.counts if c[:2] != (found[0], si)] + [(str(found[0]), si, number)]
        else:  # "one of the officers fired"
            whole, _ = self.description(si, group) or (None, None)
            if whole in self.members:  # told again later: "one of the Eau Claire police officers shot ..."
                self.descriptions[si, tok.i] = member = self.members[whole]
                return [(member, self.gender_of(member))]
            found = self.description(si, tok, group)
            if found:
                self.members[whole] = found[0]
        return [found] if found else []

    def alias(self, si: int, ref: int, noun) -> None:
        """A named person is also this description: "officer" or a subject noun, and the description's referent."""
        lemma = noun_lemma(noun)  # "neighbor X", "X, president of the union": no later description is X ("the man")
        if lemma in self.witness_nouns or (noun.dep_ == "appos" and lemma in self.witness_appositions):
            self.mark(ref, "witness")
        found = self.side(noun)
        if not found or former(noun):
            return  # "Randy Sutton, a retired police lieutenant": no officer of this story
        side, gender = found
        if group_noun(noun):
            # "the officers killed were identified as A, B and C": each one of the group, not the group
            group = self.descriptions.get((si, noun.i))
            if side == "officer":
                self.officers.add(ref)
            self.aliases.append(Event("member", ref, group, si))
            if gender:  # "Roe was one of two men in the car": a man
                self.genders.setdefault(ref, gender)
            return
        shooter = "the" in determiners(noun) and noun_lemma(noun) in self.gun_nouns  # "A man fired ... the gunman, Roe"
        found = self.description(si, noun) if shooter and (si, noun.i) not in self.descriptions else None
        if (si, noun.i) not in self.descriptions or (found and isinstance(found[0], int)):
            self.descriptions[si, noun.i] = ref  # the description is this person (or the one who fired, unnamed)
        described = self.descriptions.get((si, noun.i))
        if described in self.entities:  # "identified the slain officer as Roe": the headline's officer is Roe now
            self.entities[described].headline = False
        if side == "officer":
            self.officers.add(ref)
        self.aliases.append(Event("alias", ref, (side, noun_lemma(noun), described), si))
        if gender:
            self.genders.setdefault(ref, gender)  # "the suspect's mother, Lisa Simpson, said he ...": he is not her
            self.aliases.append(Event("gender", ref, gender, si))

    def _referents(self, si: int, span, before: int | None = None) -> list[tuple[Referent, str | None, object]]:
        """(referent, gender, token) for each referring token of the span, in order."""
        out = []
        for tok in span:
            if before is not None and tok.i >= before:
                break
            if (si, tok.i) in self.pronouns:  # "he ... him ... he": a chain of one pronoun
                out.append((*self.pronouns[si, tok.i], tok))
            elif tok.lower_ in PRONOUNS or tok.lower_ in RELATIVE:
                continue
            elif (si, tok.i) in self.names:
                out.append((self.names[si, tok.i], None, tok))
            elif (si, tok.i) in self.descriptions or (argument(tok) and self.side(tok)):
                # a person noun not read yet ("His sister said she ..."): resolved now, in reading order
                ref, _ = self.description(si, tok) or (self.descriptions[si, tok.i], None)
                out.append((ref, self.gender_of(ref), tok))
        return out

    def remember(self, si: int, sent: nlp.Sentence) -> None:
        """Push this sentence's non-pronoun referents, in order, for later pronouns and descriptions."""
        found = self._referents(si, sent.doc)
        met = [(ref, g, is_source(tok)) for ref, g, tok in found]
        self.agents[si] = {ref for ref, _, tok in found if tok.dep_ == "pobj" and tok.head.dep_ == "agent"}
        self.recent += met
        del self.recent[:-20]
        if si not in self.background:
            self.in_story.update(ref for ref, _, _ in met)


_HELD_WITHIN = 8  # words between "held" and "hostage" ("held his girlfriend and her two children hostage": 7)


def _held_as(noun) -> bool:
    """A bare noun closing "held (took) X hostage": what X was, not a person of its own (the small model may make it a
    subject: "A man who held his girlfriend hostage was shot")."""
    bare = noun.tag_ == "NN" and not any(c.dep_ in ("det", "poss", "nummod", "amod") for c in noun.children)
    before = noun.doc[max(noun.sent.start, noun.i - _HELD_WITHIN) : noun.i]
    return bare and any(t.lemma_.lower() in ("hold", "take") for t in before)


def _quoted_first(name, ref: int, introduced: set[int], officers: set[int]) -> bool:
    """A name met first as the speaker of a direct quotation ('"I saw him fall," said Jo Roe'), not an officer."""
    if name.dep_ != "nsubj" or ref in introduced or ref in officers:
        return False
    return is_source(name) and bool(_QUOTES & set(name.sent.text))


def _ordinal(tok) -> str | None:
    """The ordinal a person noun is told by ("a second officer": "second")."""
    return next((c.lower_ for c in tok.children if c.dep_ == "amod" and c.lower_ in _ORDINALS), None)
