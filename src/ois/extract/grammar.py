"""Grammar helpers over the spaCy dependency parse: the doer and the patient of a verb, voice, negation and what a
verb was aimed at (whether the harm it names happened is in `hurt.py`). Shared by the event reader (`roles.py`) and
the referent resolver (`entities.py`).
"""

from __future__ import annotations

from ois.extract.names import lexicon, person_lemma
from ois.extract.slips import gapped, lost_subject, misread_by, owner_shot, reduced, subject_of_noun
from ois.names import singular

RELATIVE = {"who", "whom", "that", "which"}
_AIMED = ("at", "on", "toward", "towards")
# "found him shot": the state someone was found in; "identified the boy shot and killed" (no clause object either)
_FOUND = ("find", "leave", "discover", "identify", "name")
_AGE_UNITS = ("year", "years", "month", "months")
_SUFFERED = ("recover", "remain")  # with the lexicon's die_verbs: verbs of what befell their subject
# Where a person noun refers (a noun inside a compound, "police car", refers to nobody).
_ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "ROOT")
_OPENING = ("det", "amod", "compound", "nummod", "punct")  # what may come before a sentence's opening noun


def argument(tok) -> bool:
    """The token stands where a participant is named (subject, object, ...), or is a sentence's opening noun the
    small model left without a role ("A man with a knife charged at officers ..., police said": "man" a `dep` of
    "said"), which later pronouns may still mean."""
    if tok.dep_ in _ARGUMENT_DEPS:
        return True
    if tok.dep_ not in ("dep", "npadvmod") or tok.pos_ != "NOUN":
        return False
    return all(t.dep_ in _OPENING for t in tok.doc[tok.sent.start : tok.i])  # (`sent` only here: it is a scan)


def words_before(tok) -> tuple[int, str]:
    """The words a noun's own modifiers put before it ("a 19-year-old black" for "woman"): the character offset
    (in its paragraph) where they start, and their text. Sliced from tokens, never from `doc.text`, which spaCy
    rebuilds from every token on each access."""
    first = min((t.i for t in tok.subtree if t.i < tok.i), default=tok.i)
    return tok.doc[first].idx, tok.doc[first : tok.i].text_with_ws


def noun_lemma(tok) -> str:
    """The lower-case lemma of a noun; a capitalised plural the tagger took for a name ("SWAT Officers",
    "Two Deputies": NNPS, lemma "Officers") gets the regular singular ("officer", "deputy"); "the 32-year-old"
    (tagged an adjective) is a "person"; a shooting role held by police ("a SWAT sniper", "the police shooter")
    is an "officer"."""
    lemma = tok.lemma_.lower()
    if tok.lower_ == "old" and tok.dep_ != "amod" and _definite_age(tok):
        return "person"  # "The 32-year-old was in his vehicle": the person of that age told of before
    if lemma in lexicon()["police_roles"] and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in lexicon()["officer_nouns"] for c in tok.children
    ):
        return "officer"
    return singular(lemma) if tok.tag_ == "NNPS" and lemma.endswith("s") else lemma


def _definite_age(tok) -> bool:
    """ "the 32-year-old": an age with a definite article standing for a person the story told of before (an
    indefinite "a 19-year-old killed by police" is left alone: it may be anyone the story names later)."""
    children = list(tok.children)
    return any(c.lower_ in _AGE_UNITS for c in children) and any(c.lower_ == "the" for c in children)


def passive(v) -> bool:
    """Passive voice, also for the second verb of "was shot and killed" and for a participle modifying a noun
    ("the man shot and killed by a deputy", which the small model often tags VBD)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children) or _found_so(v) or _participles(v):
        return True
    if misread_by(v) is not None or owner_shot(v) is not None:
        return True
    if v.dep_ == "acl" and v.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("nsubj", "dobj") for c in v.children):
        return _after_relative(v) is None
    return (
        v.dep_ == "conj"
        and v.tag_ == "VBN"
        and not any(c.dep_ in ("nsubj", "dobj") for c in v.children)
        and passive(v.head)
    )


def _participles(v) -> bool:
    """ "both deputies shot and killed in the ambush were ...": a reduced relative the small model reads as active
    (no object, no auxiliary, the second verb a participle; tagged VBD or, after a dateline, VBN): its subject was
    shot; so is one the parse made the main verb (`slips.reduced`)."""
    if reduced(v):
        return True
    conj = child(v, ("conj",))
    if v.lemma_ != "shoot" or v.tag_ not in ("VBD", "VBN") or conj is None or conj.tag_ != "VBN":
        return False
    if child(v, ("nsubj",)) is None:
        return False
    words = (*v.children, *conj.children)  # not "fired at officers and was shot", nor "the brother of a man shot
    bare = not any(c.dep_ == "prep" for c in child(v, ("nsubj",)).children)  # and killed by police": his brother
    stops = ("dobj", "aux", "auxpass", "ccomp") if bare else ("dobj", "aux", "auxpass", "ccomp", "agent")
    return not any(c.dep_ in stops or c.lower_ == "at" for c in words)


def _found_so(v) -> bool:
    """ "They found Moody shot to death", which the small model parses as a clause "Moody shot": found (left,
    discovered) in that state, so a passive whose subject is the one shot."""
    return (
        v.dep_ == "ccomp"
        and v.tag_ in ("VBD", "VBN")
        and v.head.lemma_.lower() in _FOUND
        and not any(c.dep_ in ("dobj", "aux", "auxpass") for c in v.children)
    )


def subject(v):
    """Grammatical subject of v (active or passive), inherited along "and"/participle chains."""
    subj = subject_of_noun(child(v, ("nsubj", "nsubjpass"))) or _controller(v)
    if subj is None and v.dep_ in ("conj", "advcl", "xcomp") and v.head.pos_ in ("VERB", "AUX"):
        return subject(v.head)
    if subj is None and v.dep_ in ("relcl", "acl"):  # "a man who died", "the man accused of ...", "a man suffering"
        return _after_relative(v) or v.head
    return subj


def _after_relative(v):
    """ "The deputies, who had answered a call about a fight, shot and killed him": the small model hangs the main
    verb on the relative clause's last noun ("fight shot"); a past-tense verb right after the comma closing a
    relative clause has that clause's noun as its subject (a participle only with an object: "shot and killed X");
    so has a present participle it hangs on that noun after the clause ("an officer, who fired twice, striking him")."""
    if v.tag_ == "VBG" and v.dep_ == "acl" and v.i and v.doc[v.i - 1].text == ",":
        return v.head if any(c.dep_ == "relcl" and c.i < v.i for c in v.head.children) else None
    if v.tag_ not in ("VBD", "VBN") or v.i == 0 or v.doc[v.i - 1].text != "," or child(v, ("agent",)) is not None:
        return None
    if v.tag_ == "VBN" and not any(child(c, ("dobj",)) is not None for c in (v, *v.conjuncts)):
        return None  # "Roe, who lived nearby, shot in the leg, ...": a passive participle after all
    return next((a.head for a in v.ancestors if a.dep_ == "relcl" and a.head.i < a.i), None)


def _controller(v):
    """Police as the object of an object-control verb do its infinitive: "prompting the deputy to shoot the man",
    "forced officers to fire" (lexicon `object_control_verbs`; the small model's parse made the man the doer). Only
    police: other objects ("provoked the shooter to shoot") are left to the subject, as before, since a description
    that becomes a doer may join the wrong person. Anyone seen or found doing something does it (`seen_doing`)."""
    if (seen := seen_doing(v)) is not None:
        return seen
    if v.dep_ != "xcomp":  # first: subject() and agent() ask for every verb
        return None
    lex = lexicon()
    if v.head.lemma_.lower() not in lex["object_control_verbs"]:
        return None
    obj = child(v.head, ("dobj",))
    return obj if obj is not None and noun_lemma(obj) in lex["officer_nouns"] else None


def seen_doing(v):
    """The one seen or found doing what the participle v says: "Officers found Roe walking along a canal with a
    knife" -> Roe (lexicon `perceive_verbs`), else None; only a person ("the boy found the pistol, firing it by
    accident" and "saw a pickup speeding away" leave the doer to the subject)."""
    if v.tag_ != "VBG" or v.dep_ not in ("advcl", "xcomp", "ccomp"):
        return None
    seen = child(v.head, ("dobj",)) if v.head.lemma_.lower() in lexicon()["perceive_verbs"] else None
    if seen is None or seen.i > v.i:
        return None
    person = seen.ent_type_ == "PERSON" or seen.lower_ in ("him", "her", "them") or person_lemma(noun_lemma(seen))
    return seen if person else None


def listed(tok) -> list:
    """A noun and those listed with it: "A and B", "A, B and C" (the small model may hang B on A, C on B)."""
    out = [tok, *tok.conjuncts]
    for c in tok.children:
        if c.dep_ == "appos":
            out += [c, *c.conjuncts]
    return out


def child(v, deps: tuple[str, ...]):
    return None if v is None else next((c for c in v.children if c.dep_ in deps), None)


def prep(v, word: str):
    """v's prepositional child `word` ("as", "of", ...), or None."""
    return None if v is None else next((p for p in v.children if p.dep_ == "prep" and p.lower_ == word), None)


def agent(v):
    """The doer of verb v: its subject, the by-phrase of a passive, or the subject of the verb it hangs off."""
    if v.dep_ == "acl" and (doer := _after_relative(v)) is not None:
        return doer
    if v.dep_ == "amod" and v.pos_ == "VERB" and v.head.dep_ == "appos" and v.head.head.i < v.i:
        return v.head.head  # "A second trooper, Varn, fatally shot Kessel": the parse made "shot" Kessel's adjective
    if passive(v):
        return child(child(v, ("agent",)) or misread_by(v), ("pobj",))  # (no by-phrase: None)
    subj = child(v, ("nsubj",)) or _controller(v)
    if subj is None and found_in(v):
        return None  # "Man found shot": nobody said who shot him
    if subj is None and gapped(v):  # "deputies arrested a man they believe shot a woman": the man shot her
        return v.doc[v.i - 1].head
    if subj is None and v.dep_ == "advcl" and v.tag_ == "VBG" and _event_noun(v, v.head):
        return None  # "Man dies in police shooting": the small model's verb for the noun
    if subj is None and (doer := _stray_doer(v)) is not None:
        return doer
    if subj is None and (shooter := _shooter_of_noun_shot(v)) is not None:
        return shooter  # "A Harlow County deputy shot and killed him", ", and the deputy shot and killed her"
    if subj is None and (doer := _gerund_doer(v)) is not None:
        return doer
    if subj is None and v.dep_ in ("conj", "advcl", "xcomp") and v.head.pos_ in ("VERB", "AUX"):
        return subject(v.head) if _acts_after_passive(v) else agent(v.head)
    if subj is None and _shot_as_noun(v) and v.tag_ != "NN":  # "The deputy shot him"
        return max((c for c in v.children if c.dep_ == "compound"), key=lambda c: c.i, default=None)
    if subj is None and v.dep_ == "pcomp" and v.head.head.pos_ == "VERB" and not _event_noun(v, v.head.head):
        return subject(v.head.head)  # "X is accused of shooting a man", "X posted a video before shooting"
    return subj


def _acts_after_passive(v) -> bool:
    """v, joined to a passive verb, is done by the one the passive was done to: "The deputy was struck in the arm and
    returned fire", "Officers were sent to the house and shot the man", "Roe was wounded while trading shots with
    deputies"; not a result told after a by-phrase ("was hit by a deputy's bullet, killing him"), a verb of harm
    with no object of its own ("was tasered, then shot") or a date the small model made its object ("was shot and
    killed Jan. 9")."""
    if not passive(v.head) or v.head.dep_ == "acl":  # (not a noun's participle: "a sedan, driven by ... and began")
        return False
    obj = child(v, ("dobj",))
    if obj is not None and obj.ent_type_ in ("DATE", "TIME"):
        return False
    if obj is None and v.lemma_.lower() in lexicon()["wound_verbs"]:
        return False
    by = child(v.head, ("agent",)) is not None
    return not (by and v.dep_ == "advcl" and child(v, ("mark",)) is None)


def _gerund_doer(v):
    """The doer the small model hangs on a gerund after a preposition as a modifier ("which ended with the sergeant
    shooting and wounding him", "it led to a trooper shooting him"), also for the gerund joined to it; else None. Only a
    gerund with an object: "in the store clerk shooting" names the event by its victim."""
    gerund = v.head if v.dep_ == "conj" and v.lower_.endswith("ing") else v
    if gerund.dep_ != "pobj" or gerund.lower_ != "shooting":
        return None
    if not any(child(x, ("dobj",)) is not None for x in (gerund, *(c for c in gerund.children if c.dep_ == "conj"))):
        return None
    return max((c for c in gerund.children if c.dep_ in ("compound", "poss")), key=lambda c: c.i, default=None)


def _shot_as_noun(tok) -> bool:
    """The small model read the verb "shot" after a long subject as the noun ending it ("An off-duty Harlow County
    deputy shot and killed ...": "deputy" a compound of "shot", the sentence's root), also when it tagged "shot" a
    verb but still hung the subject on it as a compound ("The deputy shot and killed him"), also in what someone
    said ("A state police trooper shot and killed a man ..., officials said")."""
    if tok.lower_ != "shot" or tok.dep_ not in ("ROOT", "ccomp"):
        return False
    subjectless = not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in tok.children)
    compound = any(c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") for c in tok.children)
    return tok.tag_ == "NN" or (tok.tag_ == "VBD" and subjectless and compound)


def _shooter_of_noun_shot(v):
    """For v right after "shot and": the compound the small model hung on "shot" when it read the verb as a noun,
    wherever the noun went ("before a county deputy shot and killed him": "shot" the object of "before", "killed"
    coordinated with the sentence's first verb, whose subject is the man killed; "when a deputy shot and killed
    him", ", and the deputy shot and killed her"), or as the root verb with its subject hung on it as a compound."""
    if v.i < 2 or v.doc[v.i - 1].lower_ != "and":
        return None
    shot = v.doc[v.i - 2]
    if shot.lower_ == "shot" and shot.pos_ == "VERB" and child(shot, ("nsubj", "nsubjpass")) is None:
        return _stray_doer(shot)  # "swung a machete and deputies shot and wounded him"
    if shot.lower_ != "shot" or not (shot.tag_ == "NN" or _shot_as_noun(shot)):
        return None
    # a person noun or a name: "a noise complaint shot and killed" is the noun it seems
    doers = [c for c in shot.children if c.dep_ in ("compound", "nsubj") and c.i < shot.i and _person_word(c)]
    return doers[-1] if doers else None


def _person_word(tok) -> bool:
    """A name, or a person noun of the lexicon (`names.person_lemma`)."""
    return tok.pos_ == "PROPN" or person_lemma(noun_lemma(tok))


def _stray_doer(v):
    """For a verb without a subject: the person noun right before it after "and" that the small model joined to an
    earlier noun ("the man swung a machete and deputies shot him": "deputies" a conjunct of "machete")."""
    if v.i < 2 or v.doc[v.i - 2].lower_ != "and":
        return None
    noun = v.doc[v.i - 1]
    return (
        noun
        if noun.dep_ == "conj" and noun.head.i < noun.i and noun.pos_ in ("NOUN", "PROPN") and _person_word(noun)
        else None
    )


def _event_noun(v, head) -> bool:
    """An -ing form naming the event that befell the subject of the verb `head`: "dies following shooting near
    65th", "Deputy injured in shooting" (no object, no target: "died after shooting at officers" is his)."""
    lemma = head.lemma_.lower()
    if lemma not in _SUFFERED and lemma not in lexicon()["die_verbs"] and head.tag_ != "VBN":
        return False
    return not any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in (*_AIMED, "into")) for c in v.children)


def patient(v):
    """Who verb v was done to: passive subject, direct object, or the object of a conjoined verb."""
    if passive(v):
        subj = subject_of_noun(child(v, ("nsubjpass",)))
        if subj is None and v.dep_ == "conj":  # "opened fire and was killed": the first verb's subject
            lost = lost_subject(v)  # (unless the parse lost its own: "... and the man who stabbed him was shot")
            return lost if lost is not None else patient(v.head) if passive(v.head) else subject(v.head)
        if subj is None and v.dep_ == "acl":  # "a man shot by police"
            return v.head
        if subj is None and (owned := owner_shot(v)) is not None:
            return owned  # "the sister of a man shot and killed by an officer": the man
        if subj is None and (_found_so(v) or _participles(v) or misread_by(v) is not None):
            return child(v, ("nsubj",))
        return subj
    obj = child(v, ("dobj",))
    if obj is not None and obj.lemma_.lower() == "time":  # "Man shot multiple times": how often, not whom
        obj = None
    if obj is None:
        conj = child(v, ("conj",))
        if conj is not None and conj.pos_ == "VERB":
            obj = child(conj, ("dobj",))
    if obj is None and (v.dep_ == "acl" and v.tag_ == "VBN" or v.dep_ == "amod" and v.pos_ == "VERB"):
        return v.head  # "a man shot by police"; the small model's "[fatally shot] Orrin" as an adjective
    if obj is None and found_in(v):  # "a boy was found shot", "left him shot in the street", "Man found shot"
        return child(v.head, ("nsubjpass", "dobj")) or child(v.head, ("nsubj",))
    if obj is None and v.dep_ == "acomp" and v.tag_ == "VBN" and v.head.lemma_ in ("remain", "stay"):
        held = subject(v.head)  # "was struck and remains hospitalized" (not "the chief said he remains ...")
        return held if held is not None and held.pos_ != "PRON" else None
    return obj


def found_in(v) -> bool:
    """The state someone was found or left in: "found shot", "left him shot" (a participle under find/leave)."""
    return v.dep_ in ("xcomp", "oprd") and v.tag_ == "VBN" and v.head.lemma_.lower() in _FOUND


def antecedent(tok):
    """The noun a relative pronoun stands for ("a man, who was ..." -> man)."""
    if tok.lower_ in RELATIVE and tok.head.dep_ in ("relcl", "acl"):
        return tok.head.head
    return tok


def negated(v, arg=None) -> bool:
    negators = set(lexicon()["negators"])
    if any(c.dep_ == "neg" for c in v.children):
        return True
    return arg is not None and any(c.lower_ in negators and c.dep_ in ("det", "preconj") for c in arg.children)


def aimed_at(v) -> list:
    """What v may have been aimed at, in order: "fired at the officer", "opened fire on deputies", "fired several
    shots at officers" (the small model often hangs the "at" off the shots); "at one point" is a candidate too,
    which the caller drops for naming nobody."""
    heads = [v, child(v, ("dobj",))]
    preps = [p for h in heads if h is not None for p in h.children if p.dep_ == "prep" and p.lower_ in _AIMED]
    return [obj for p in preps if (obj := child(p, ("pobj",))) is not None]


def headline_passive(v, whom, target) -> object | None:
    """Headlines drop "was": "Officer shot during traffic stop" is passive though parsed as an active verb with
    no object; "Officer shoots man" and "Officer shot at driver" keep their active reading. So is a verb joined to
    such a verb ("Man shot, killed on west side": killed too). Returns the one it happened to (else None)."""
    if v.tag_ not in ("VBD", "VBN") or whom is not None or target is not None:
        return None
    subject = child(v, ("nsubj",))
    head = v.head
    if (
        subject is None
        and v.dep_ in ("conj", "advcl")
        and head.tag_ in ("VBD", "VBN")
        and child(head, ("dobj",)) is None
    ):
        subject = child(head, ("nsubj",))
    return subject


def speaker(sent, sides: dict[str, str], speech: set[str]) -> str | None:
    """Who a sentence attributes what it says to: the subject of its speech verb ("police said", "said his
    mother") or of "according to", classed by `sides` (lemma -> "police", "family", "witnesses", ...); None when
    the story says it in its own voice or the speaker is someone else."""
    for tok in sent:
        if tok.lemma_.lower() in speech and tok.pos_ in ("VERB", "AUX"):
            who = child(tok, ("nsubj",))
        elif tok.lower_ == "according" and (to := prep(tok, "to")) is not None:
            who = child(to, ("pobj",))
        else:
            continue
        for word in (who, *(who.children if who is not None else ())):
            if word is not None and (side := sides.get(word.lemma_.lower())):
                return side
    return None


def _undergoes(noun):
    """The noun past the name words compounded to it ("Lelangel [Holmes]"), its verb, and whether the noun is that
    verb's patient as its subject ("was shot", "is charged")."""
    while noun.dep_ == "compound":
        noun = noun.head
    verb = noun.head
    return noun, verb, noun.dep_ == "nsubjpass" or (noun.dep_ == "nsubj" and passive(verb))


def sought_here(tok) -> bool:
    """The noun is whom its verb found or hunted down ("Officers found X", "Deputies tracked X down")."""
    noun, verb, _ = _undergoes(tok)
    return noun.dep_ == "dobj" and verb.lemma_.lower() in (*lexicon()["perceive_verbs"], "track", "hunt")


def shot_here(tok) -> bool:
    """The noun (or the one it is joined to: "a man and a woman") is who its verb shot or killed ("was shot",
    "found ... shot to death")."""
    noun, verb, harmed = _undergoes(tok.head if tok.dep_ == "conj" else tok)
    wounds = lexicon()["wound_verbs"]
    found = any(found_in(c) and c.lemma_.lower() in wounds for c in verb.children)  # "was found shot"
    if noun.dep_ == "nsubj" and verb.lemma_ == "be":  # "Moser was the man killed", "X was the victim"
        return _named_as_shot(verb, wounds)
    return harmed and (verb.lemma_.lower() in wounds or found)


def held_here(tok) -> bool:
    """The noun (a name's last word) is who its verb says was arrested, charged, jailed ... ("Rico Doe is charged",
    "X was taken into custody and charged")."""
    _, verb, patient = _undergoes(tok)
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    into = child(prep(verb, "into"), ("pobj",))
    held = any(v.lemma_.lower() in lexicon()["custody_lemmas"] for v in verbs)
    return patient and (held or (into is not None and into.lemma_ == "custody"))


def named_as_kin(tok) -> bool:
    """The name (its last word) is given as someone's relative: "X is the girl's godmother", "X is the mother of
    the boy" (not "X was a devoted father": a relative of nobody named), or, in apposition, as the relative of one
    the story describes: "the girl's father, X," / "X, the aunt of the boy," (not "her daughter, X,": the
    headline's woman may be hers)."""
    if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
        kin, owners = child(tok.head, ("attr",)), ("PRON", "NOUN", "PROPN")
    else:
        kin, owners = (tok.head if tok.dep_ == "appos" else child(tok, ("appos",))), ("NOUN",)
    if kin is None or lexicon()["noun_classes"].get(noun_lemma(kin)) != "relative":
        return False
    owner = child(kin, ("poss",)) or child(prep(kin, "of"), ("pobj",))
    return owner is not None and owner.pos_ in owners


def _named_as_shot(be, wounds) -> bool:
    """ "was the man killed", "was the victim": the words after a copula (read as words: the small model often makes
    "the man" the subject of a later "police said")."""
    doc = be.doc
    i = be.i + 1
    while i < len(doc) and doc[i].pos_ in ("DET", "ADJ", "ADV"):
        i += 1
    if i >= len(doc) or doc[i].pos_ != "NOUN":
        return False
    after = doc[i + 1] if i + 1 < len(doc) else None
    return doc[i].lemma_.lower() == "victim" or (
        after is not None and after.tag_ in ("VBN", "VBD") and after.lemma_.lower() in wounds
    )


def clause_objects(verb) -> list:
    """The words of a verb's objects and targets, through "started shooting at": "He shot (at) X" -> X's words."""
    out, verbs = [], [verb]
    while verbs:
        for c in verbs.pop().children:
            if c.dep_ in ("dobj", "pobj"):
                out += [c, *(g for g in c.children if g.dep_ in ("compound", "flat"))]
            elif c.dep_ in ("xcomp", "prep"):
                verbs.append(c)
    return out


def identified_as(name):
    """Whom a name is given for in "police identified X as NAME" / "X was identified as NAME (and NAME2)", or None."""
    while name.dep_ in ("conj", "compound"):
        name = name.head
    verb = name.head.head if name.dep_ == "pobj" and name.head.lower_ == "as" else None
    return patient(verb) if verb is not None and verb.lemma_ == "identify" else None


_COLLECTIVE = ("police", "swat", "enforcement")  # singular nouns that name a group ("law enforcement")
_FORMER = {"retired", "former", "ex"}  # "a retired police lieutenant" describes a career, not a role in the story


def former(noun) -> bool:
    """A description of someone's past: "a retired police lieutenant", "a former deputy", also where the parser hangs
    the adjective on a compound ("a retired city police officer") or after a name ("Sgt. Roe (retired)")."""
    words = [noun, *(c for c in noun.children if c.dep_ == "compound" and c.i < noun.i)]
    told = [c for w in words for c in w.children if c.dep_ == "amod"] + [c for c in noun.children if c.dep_ == "appos"]
    return any(c.lower_ in _FORMER for c in told)


def group_noun(noun) -> bool:
    """A plural person noun, or one that names a group ("police", "law enforcement")."""
    return noun.tag_ in ("NNS", "NNPS") or noun_lemma(noun) in _COLLECTIVE
