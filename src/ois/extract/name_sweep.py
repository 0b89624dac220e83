"""More mentions of the people a text names, and which names are people at all.

`extend` adds the bare first names and surnames NER missed ("Orr fires eight shots") once some mention gives the
full name; `plausible` drops capitalised common words that NER took for names ("Use of Force", "a Rambo") and the
names of police dogs ("K-9 Rex")."""

from __future__ import annotations

from ois import data, nlp
from ois.extract.names import TOKEN_OK, Cluster, Mention, lexicon, name_word
from ois.names import suffixes, surname, surname_parts, title_of


def extend(sentences: list[nlp.Sentence], mentions: list[Mention]) -> list[Mention]:
    """Add bare proper-noun tokens equal to a known surname or first name that NER missed ("Orr fires eight
    shots"). A first and last name found so ("struck 8-year-old Dana Kessel", NER missing both words, "Kessel" known
    from "Jo Kessel") makes its first name known in turn: a second sweep looks for it alone ("Dana was rushed to
    the hospital")."""
    surnames, known = _known(mentions)
    found = _sweep(sentences, mentions, (surnames, known))
    out = sorted(mentions + found, key=lambda m: m.start)
    firsts = {m.tokens[0].lower() for m in found if _first_and_last(m, surnames)} - known
    return sorted(out + _sweep(sentences, out, (set(), firsts)), key=lambda m: m.start) if firsts else out


def _first_and_last(m: Mention, surnames: set[str]) -> bool:
    """Two words, the last a known surname, the first no compass word ("West Side" names nobody)."""
    if len(m.tokens) != 2 or m.tokens[0] in data.load("location")["directions"]:
        return False
    return bool(set(surname_parts(surname(m.tokens))) & surnames)


def _known(mentions: list[Mention]) -> tuple[set[str], set[str]]:
    """(surnames, surnames and first words) of the mentions, lower case."""
    surnames = {p for m in mentions if len(m.tokens) > 1 or m.title for p in surname_parts(surname(m.tokens))}
    return surnames, surnames | {m.tokens[0].lower() for m in mentions}


def _sweep(sentences: list[nlp.Sentence], mentions: list[Mention], words: tuple[set[str], set[str]]) -> list[Mention]:
    """Mentions of the known `words` ((surnames, all) as `_known` gives them) among the tokens no mention holds."""
    surnames, known = words
    taken = {(m.sentence, t) for m in mentions for t in m.token_ids}
    extra = []
    for si, sent in enumerate(sentences):
        base = sent.start - sent.doc.start_char
        for tok in sent.doc:
            if (si, tok.i) in taken or (
                tok.ent_iob_ == "I" and tok.ent_type_ in ("GPE", "LOC") and title_of(tok.nbor(-1).text) != "officer"
            ):
                continue  # "United States" is no mention of Lt. Michelle States ("Officer Varn" tagged LOC is)
            if not (name_word(tok, strict=False) or tok.lower_ in surnames and _capitalised_noun(tok)):
                continue  # (a sentence-initial surname the small model tags as a noun counts: "Pruitt was struck")
            if tok.lower_ in known and not title_of(tok.text):
                # with the given names NER missed before it ("Dana Marie Kessel")
                first = tok
                while first.i > sent.doc.start and (si, first.i - 1) not in taken:
                    prev = tok.doc[first.i - 1]
                    if prev.dep_ != "compound" or prev.head.i != tok.i or title_of(prev.text):
                        break
                    if not name_word(prev, strict=False):
                        break
                    first = prev
                title = title_of(tok.doc[first.i - 1].text) if first.i > sent.doc.start else None
                toks = tok.doc[first.i : tok.i + 1]
                words, ids = tuple(t.text for t in toks), tuple(t.i for t in toks)
                extra.append(Mention(si, first.idx + base, tok.idx + len(tok) + base, words, title, ids))
    return extra


def plausible(c: Cluster, sentences: list[nlp.Sentence], lower_words: set[str]) -> bool:
    """A real person's name, not a capitalised common word: some word of some mention is a proper noun or is
    capitalised inside its sentence, and is no common noun, weapon or brand ("Dead", "Glock", "Mug" in lexicon
    `common_words`). A one-word name the article also writes in lower case ("Use of Force" / "the use of
    force", "Failure to Appear") is a common word too; longer names are spared that test ("Mark Price"), and so is
    a one-word name that only ever follows "a" or "an" ("a Rambo", "a peeping Tom"): a name takes no article. A
    name an animal noun gives or takes is no person's either (`_animal`)."""
    common = set(lexicon()["common_words"]) | suffixes()  # "Jr." alone names nobody
    single = len(c.best.tokens) == 1
    if any(_animal(sentences[m.sentence].doc.doc[m.token_ids[-1]]) for m in c.mentions if m.token_ids):
        return False
    if single and all(m.token_ids and after_article(sentences[m.sentence].doc, m.token_ids[0]) for m in c.mentions):
        return False
    for m in c.mentions:
        sent = sentences[m.sentence].doc
        for i in m.token_ids:
            tok = sent.doc[i]
            word = tok.lower_.strip(".")
            if not (tok.pos_ == "PROPN" or i != sent.start) or word in common or len(word) < 2:  # or an initial
                continue
            if not (single and tok.lower_ in lower_words):
                return True
    return False


def _animal(tok) -> bool:
    """A name an animal noun gives or takes ("the dog, Rex,", "police dog Rex", "K-9 Rex", "his K9 partner, Rex",
    "Rex, a police dog,"; lexicon `animal_nouns`): a police dog, not a person."""
    animals = set(lexicon()["animal_nouns"])
    nouns = [c for c in tok.children if c.dep_ in ("compound", "appos")]
    if tok.dep_ == "appos":
        nouns += [tok.head, *(c for c in tok.head.children if c.dep_ == "compound")]
    return any(n.lower_ in animals for n in nouns)


def after_article(sent, i: int, articles: tuple[str, ...] = ("a", "an")) -> bool:
    """Token `i` follows "a"/"an" (or one of `articles`), perhaps with lower-case modifiers between ("a peeping
    Tom"), none a person noun ("a deputy Dale Roe" is a person)."""
    j = i - 1
    while j > max(sent.start, i - 3) and sent.doc[j].is_lower and sent.doc[j].pos_ in ("ADJ", "VERB", "NOUN"):
        j -= 1
    if j < sent.start or sent.doc[j].lower_ not in articles:
        return False
    person = (*lexicon()["description_nouns"], *lexicon()["officer_nouns"])
    return not any(t.lemma_ in person for t in sent.doc[j + 1 : i])


def _capitalised_noun(tok) -> bool:
    return tok.pos_ == "NOUN" and bool(TOKEN_OK.match(tok.text)) and tok.lower_ not in lexicon()["not_name_words"]
