"""Grammar of harm over spaCy tokens, for `roles` (which turns what these return into events): whether the harm a
verb names happened (not threatened, attempted, hypothetical or habitual) and killed, and how a sentence says
someone was hurt without a shooting verb (taken to a hospital with a wound, treated for one, in critical condition);
whose gunfire did it ("a bullet fired by police"); who holds a weapon; and whether a step of justice is someone's
record rather than this case's or one declined."""

from __future__ import annotations

from collections.abc import Callable

from ois.extract.grammar import child, negated, passive, prep, subject
from ois.extract.names import lexicon


def taken_with_wound(v, hospitals: set[str], wound_nouns: set[str]):
    """The wound noun of "X was taken (rushed, flown) to a hospital with a gunshot wound / with injuries" or "X was
    treated for a gunshot wound" (lexicon `care_verbs`), else None (`v` a destination or care verb)."""
    if v.lemma_.lower() in lexicon()["care_verbs"]:  # (a wound: "injuries" may be a car's; not "other wounds")
        wound = child(prep(v, "for"), ("pobj",))
        other = wound is not None and any(c.lower_ == "other" for c in wound.children)
        return wound if wound is not None and wound.lemma_.lower() == "wound" and not other else None
    to = prep(v, "to")
    place = child(to, ("pobj",)) if to is not None else None
    if place is None or (place.lemma_.lower() not in hospitals and place.pos_ != "PROPN"):
        return None
    withs = [p for h in (v, place) for p in h.children if p.dep_ == "prep" and p.lower_ == "with"]
    return next((w for p in withs if (w := child(p, ("pobj",))) is not None and w.lemma_.lower() in wound_nouns), None)


def in_condition(tok):
    """Who a hospital condition is told of: "X is in critical condition", "was taken to a hospital in serious
    condition", "remains hospitalized in stable condition" (`tok` the noun "condition"), else None."""
    words = lexicon()["condition_words"]
    if tok.head.dep_ != "prep" or tok.head.lower_ != "in" or not any(c.lower_ in words for c in tok.children):
        return None
    head = tok.head.head
    while head.pos_ in ("NOUN", "PROPN") and head.dep_ == "pobj" and head.head.dep_ == "prep":
        head = head.head.head  # "taken to a hospital in critical condition": the verb that took X there
    if head.pos_ not in ("VERB", "AUX"):
        return None
    return child(head, ("nsubjpass",)) if passive(head) else subject(head)


def on_record(v) -> bool:
    """A step of justice told as someone's record, not this case's: "had been arrested a dozen times", "was convicted
    twice" (lexicon `record_adverbs`)."""
    adverbs = set(lexicon()["record_adverbs"])
    for c in v.children:
        said = (c, *(g for g in c.children if g.dep_ == "advmod")) if c.dep_ == "advmod" else ()
        if any(w.lower_ in adverbs for w in said):  # ("arrested twice before": "twice" hangs off "before")
            return True
        if c.lemma_.lower() == "time" and any(g.dep_ == "nummod" or g.lower_ in adverbs for g in c.children):
            return True
    return False


def refused(v) -> bool:
    """A step someone declined to take, which did not happen: "a grand jury declined to charge the trooper",
    "prosecutors refused to indict him" (lexicon `refusal_heads`)."""
    return v.dep_ == "xcomp" and v.head.lemma_.lower() in lexicon()["refusal_heads"]


def fatal_wound(wound) -> bool:
    """The wound noun's own words say it killed ("a fatal gunshot wound"), not "a non-fatal" or "not fatal" one."""
    words = [t.lower_ for t in wound.doc[wound.left_edge.i : wound.i]]
    fatal_words = set(lexicon()["fatal_words"])
    return any(
        w in fatal_words and "non" not in words[max(0, k - 2) : k] and "not" not in words[k - 1 : k]
        for k, w in enumerate(words)
    )


def irrealis(v) -> bool:
    """Threatened, attempted or hypothetical harm, which did not happen: "threatening to kill his brother",
    "tried to shoot", "could have killed", "if he had fired", "possibly killing", "I don't see him shooting
    anyone", "when an officer fires his weapon" (each time), the second verb of "to shoot and kill"."""
    lex = lexicon()
    modals, heads, adverbs = set(lex["modal_words"]), set(lex["irrealis_heads"]), set(lex["irrealis_adverbs"])
    denied = set(lex["denied_heads"])
    # the second verb of "to shoot and kill", "could have shot and killed" shares the first one's frame; a finite
    # verb joined to an infinitive does not ("attempted to remove him and discharged their weapon": the small model
    # joins "discharged" to "remove")
    finite = v.tag_ in ("VBD", "VBZ", "VBP") and v.head.tag_ == "VB"
    for verb in (v, v.head) if v.dep_ == "conj" and not finite else (v,):
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
        if verb.dep_ == "xcomp" and verb.head.lower_ == "going" and any(c.dep_ == "neg" for c in verb.head.children):
            return True  # "I'm not going to hurt anyone"
        if _habitual(verb):
            return True
        if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in denied and negated(verb.head):
            return True  # "I just don't see Demetrius shooting anyone", "police did not say he fired"
    return False


def _habitual(verb) -> bool:
    """What happens whenever someone does something, not what happened: "standard procedure when an officer
    discharges a firearm" (a present-tense verb after "when"/"whenever" whose subject is "a"/"an"/"any" one;
    headlines drop the article: "Man dies when officer opens fire" stays an event)."""
    when = any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "whenever") for c in verb.children)
    if verb.tag_ != "VBZ" or not when:
        return False
    subject = child(verb, ("nsubj",))
    return subject is not None and any(c.dep_ == "det" and c.lower_ in ("a", "an", "any") for c in subject.children)


def is_fatal(v) -> bool:
    """ "shot dead", "shot and killed", "shot to death" - not the "dead" of a conjoined clause ("officer shot and
    suspect dead"), a conjoined verb with a subject ("a deputy was wounded and a suspect was killed"), a clause
    with its own subject ("was wounded when an officer shot and killed the man"; "Officers kill man; bystander
    wounded") or a noun's participle ("Deputy wounded, suspect killed")."""
    if v.lemma_ == "kill":
        return True
    fatal = set(lexicon()["fatal_words"])
    own = {t.i for t in v.children if child(t, ("nsubj", "nsubjpass")) is not None}  # ("Officers kill man;
    # bystander wounded": the small model hangs the first clause on the second)
    for t in v.subtree:  # a fatal word on the verb, or one step below it (not across "and" nor a noun's participle)
        if t.lower_ not in fatal:
            continue
        if t.head == v and t.i not in own:
            return True
        # (nor one of a clause with its own subject: "was wounded when an officer shot and killed the man")
        clause = t.head.dep_ == "conj" or child(t.head, ("nsubj", "nsubjpass")) is not None
        if t.head.head == v and not clause and not (t.pos_ == "VERB" and t.head.pos_ in ("NOUN", "PROPN")):
            return True
    return False


def police_fire(v, side: Callable):
    """The police noun owning or modifying the gunfire that did what `v` says ("by police gunfire", "from an
    officer's bullet", "in a hail of police bullets", "died at a hospital from a deputy's bullet"), else None
    (`side`: the resolver's person-noun side)."""
    heads = [v, *(o for p in v.children if p.dep_ == "prep" and (o := child(p, ("pobj",))) is not None)]
    for p in (p for h in heads for p in h.children):
        noun = child(p, ("pobj",)) if p.dep_ in ("agent", "prep") and p.lower_ in ("by", "from", "in", "of") else None
        if noun is not None and noun.lemma_.lower() in lexicon()["volley_nouns"]:
            noun = child(prep(noun, "of"), ("pobj",))
        police = gunfire_police(noun, side)
        if police is not None:
            return police
    return None


def gunfire_police(noun, side: Callable):
    """The police noun owning this gunfire noun: "police bullets", "a deputy's round", "a bullet fired by police",
    "a round from an officer's rifle", else None."""
    if noun is None or noun.lemma_.lower() not in lexicon()["gunfire_nouns"]:
        return None
    owners = [c for c in noun.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
    fired_by = child(child(next((c for c in noun.children if c.dep_ == "acl"), None), ("agent",)), ("pobj",))
    gun = child(prep(noun, "from"), ("pobj",))
    owners += [fired_by] if fired_by is not None else []
    owners += [c for c in gun.children if c.dep_ == "poss"] if gun is not None else []
    return next((c for c in owners if (found := side(c)) is not None and found[0] == "officer"), None)


def holding(weapon, is_person: Callable):
    """The person noun holding a weapon: the noun the weapon's verb or preposition hangs on ("a man waving a knife",
    "a man with a gun", "a man armed with a rifle"), else None; never a person a report or call was about ("reports
    of a man with a gun": what callers said, not what he held; lexicon `reported_nouns`)."""
    held = weapon.head if weapon.dep_ in ("dobj", "pobj") else weapon
    noun = held.head if held.dep_ in ("prep", "acl", "amod") else None
    if noun is None or not is_person(noun):
        return None
    about = noun.head.head if noun.dep_ == "pobj" else None
    return None if about is not None and about.lemma_.lower() in lexicon()["reported_nouns"] else noun
