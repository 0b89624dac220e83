"""The named people a person noun lists by punctuation, read from the words (the small model parses such lists many
ways): "two officers, A and B", "two officers -- A and B --", "the men, A, 25, and B, 27,", and - where the parse
missed the apposition - one name after a singular noun: "wounding the suspect, Lou Marsh, 44."; and the names an
object "them" stands for ("When approached by officers A and B, he shot them"); and the age a comma and a number
give the word before them ("Dana Roe, 23, was shot", "The man, 41, died")."""

from __future__ import annotations

from ois import data

_OPENERS = {",", "--", "-", "—", "–", ":"}  # what may come between a group and the names it lists


def listed(names: dict[tuple[int, int], int], si: int, noun) -> list[int]:
    """Cluster indices of the people `noun` (a person noun of sentence `si`) lists; `names` maps (sentence, token)
    to a name's cluster. A plural noun lists two names at least, or one closed by punctuation ("the officers, Smith
    said," lists nobody); a singular noun one name after a comma, closed by punctuation, that is neither an
    apposition the parse found (read there) nor the subject of a word of speech ("shot the suspect, Roe, a
    spokesman, said"); the subject of what the noun does is the noun's name ("The driver, Ty Evers, 27, died")."""
    doc, end = noun.doc, noun.sent.end
    plural = noun.tag_ in ("NNS", "NNPS")
    if noun.i + 1 >= end or doc[noun.i + 1].text not in (_OPENERS if plural else {","}):
        return []
    refs: list[int] = []
    i = noun.i + 2
    # names, "and", commas, ages (", 25,") and a quote or a proper noun between names ('Jonathan "JD" De Guzman')
    while i < end and (
        (si, i) in names
        or doc[i].lower_ in ("and", ",")
        or doc[i].is_quote
        or doc[i].tag_ == "NNP"
        or (doc[i].like_num and doc[i - 1].text == ",")
    ):
        ref = names.get((si, i))
        if ref is not None and ref not in refs:
            refs.append(ref)
        i += 1
    closed = i >= end or doc[i].is_punct or doc[i - 1].text == ","
    if plural:
        return refs if len(refs) > 1 or (refs and closed) else []
    words = [doc[k] for k in range(noun.i + 2, i) if (si, k) in names]
    speech = set(data.load("people_lexicon")["speech_lemmas"])
    told = any(w.dep_ == "appos" or (w.dep_ in ("nsubj", "nsubjpass") and w.head.lemma_ in speech) for w in words)
    told = told or any(t.lower_ == "and" for t in doc[noun.i : i])  # (several names: a list of some other noun)
    return refs if len(refs) == 1 and closed and not told else []


def listed_before(names: dict[tuple[int, int], int], si: int, tok) -> list[int]:
    """Cluster indices of the last names the sentence of `tok` (an object "them") lists together before it: "When
    approached by officers A and B, he shot them" (nobody else: plural pronouns are otherwise left unresolved)."""
    for t in reversed(tok.sent[: tok.i - tok.sent.start]):
        listed = [t, *(c for c in t.children if c.dep_ == "conj")]
        refs = list(dict.fromkeys(names[si, n.i] for n in listed if (si, n.i) in names))
        if len(refs) > 1 and (si, t.i) in names:
            return refs
    return []


def appos_age(tok) -> int | None:
    """The age an apposition right after the word gives it ("Dana Roe, 23,", "The man, 41,"), else None."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].text != ",":
        return None
    age = doc[tok.i + 2]
    ok = age.dep_ == "appos" and age.head.i == tok.i and age.text.isdigit() and 0 < int(age.text) < 110
    return int(age.text) if ok else None
