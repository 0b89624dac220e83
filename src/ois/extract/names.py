"""Named-person mentions and their grouping into one cluster per person.

A mention is a spaCy PERSON entity or a title followed by capitalised words ("officer Hunter", "Mr Smith"),
with titles and possessives stripped. Mentions are clustered in reading order: a full name starts a person,
later surname-only or first-name-only mentions attach to it, spelling variants of a surname ("Tompkins" /
"Thompkins") are the same person. The displayed name is the longest form, first given."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ois import data, nlp
from ois.extract.lists import appos_age
from ois.names import NameRule, is_suffix, short_for, singular, surname, surname_only, title_of

# A sentence is a Title Case Headline when more than this share of its long words is capitalised: headlines run
# near 1.0; a sentence listing names and titles ("Cpl. Montrell Jackson, 32, and Officer Matthew Gerald, 41, ... were
# killed during the attack") reaches 0.76.
_TITLE_CASE_SHARE = 0.85
# A first paragraph longer than this is body text, not a headline (headlines run 40-150 characters).
HEADLINE_MAX_CHARS = 250


def lexicon() -> dict:
    """The people lexicon (data/people_lexicon.json)."""
    return data.load("people_lexicon")


@dataclass
class Mention:
    sentence: int  # index into the article's sentence list
    start: int  # character offsets in Article.text
    end: int
    tokens: tuple[str, ...]  # name words without titles
    title: str | None = None  # "officer" for police ranks, a courtesy title ("mr"), else None
    token_ids: tuple[int, ...] = ()  # doc token indices covered (name words)


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)

    @property
    def best(self) -> Mention:
        """The longest form of the name, the first time it is given."""
        return max(self.mentions, key=lambda m: (len(m.tokens), -m.start))

    @property
    def surname(self) -> str:
        return surname(self.best.tokens)

    @property
    def first(self) -> str | None:
        words = tuple(w.lower() for w in self.best.tokens)  # "De Guzman" is a surname alone
        return None if surname_only(words) else words[0]

    def titles(self) -> set[str]:
        return {m.title for m in self.mentions if m.title}


# A name word: capitalised with lower-case letters ("O'Neil", "DeGroat", "J."); all-caps words are headline
# shouting or glued bylines, not names.
TOKEN_OK = re.compile(r"^[A-Z][A-Za-z'’\-]*[a-z][A-Za-z'’\-]*\.?$|^[A-Z][a-z]?\.?$|^(?:[A-Z]\.){2,3}$")  # "T.M."

# DATE is allowed: the small model tags "55-year-old Dana Kessel" as one DATE entity.
_NOT_NAME_ENTS = {"ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"}

_ARG_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "poss")


def _title_case(span) -> bool:
    """A Title Case Headline (five or more long words, nearly all capitalised, and none of the others a content
    word: "The Harlow County Coroner's Office identified the man as Dale Roe" is a sentence)."""
    words = [t for t in span if t.is_alpha and len(t) > 3]
    lower = [t for t in words if not t.text[0].isupper()]
    content = any(t.pos_ in ("VERB", "NOUN") for t in lower)  # "at least" may stay lower case
    return len(words) >= 5 and len(lower) < (1 - _TITLE_CASE_SHARE) * len(words) and not content


def name_word(tok, strict: bool = True) -> bool:
    """A capitalised proper noun that can be part of a name ("Hunter"; not "Involved" or "Saturday")."""
    ok = bool(TOKEN_OK.match(tok.text)) and tok.pos_ == "PROPN" and not (strict and tok.ent_type_ in _NOT_NAME_ENTS)
    return ok and tok.lower_.strip(".") not in lexicon()["not_name_words"]


def naming_verb(as_tok):
    """The "identify"/"name" verb an "as" phrase belongs to: "identified as X", and "identified by police as X",
    where the small model hangs "as" off the agent ("police") instead of the verb, or "identified the deputy who
    opened fire as X", where it hangs "as" off the clause of the object. None when there is none."""
    head = as_tok.head
    by_phrase = head.dep_ == "pobj" and head.head.dep_ == "agent"
    if by_phrase or (head.dep_ in ("acl", "relcl") and head.head.dep_ == "dobj"):  # (or the object's clause)
        head = head.head.head
    return head if head.lemma_ in ("identify", "name") else None


_NICKNAMED = re.compile(r"\b[A-Z][a-z]+\s+[\"“(‘'][A-Z][\w.'’-]*[\"”)’']\s+[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?\b")


def _quoted(span) -> set[int]:
    """Token indices of a nickname inside a name: the words between quotes or brackets."""
    out, inside = set(), False
    for tok in span:
        if tok.text in ('"', "“", "”", "(", ")", "‘", "’", "'"):
            inside = not inside if tok.text in ('"', "'") else tok.text in ("“", "(", "‘")
            out.add(tok.i)
        elif inside:
            out.add(tok.i)
    return out


def _person_slot(tok) -> bool:
    """A position only a person's name fills: "the driver, X", "X, the woman who ...", "identified as X",
    "26-year-old X", "X, 22,"."""
    if tok.dep_ == "appos" and person_lemma(tok.head.lemma_.lower()):
        return True
    if any(c.dep_ == "appos" and person_lemma(c.lemma_.lower()) for c in tok.children):  # a first and a last name
        return any(c.dep_ == "compound" and c.tag_ == "NNP" and c.i == tok.i - 1 for c in tok.lefts)
    doc = tok.doc
    if tok.i + 3 < len(doc) and doc[tok.i + 1].text == "," and doc[tok.i + 3].text in (",", ")", ";"):
        age = doc[tok.i + 2].text
        if age.isdigit() and 0 < int(age) < 110:  # "Terrence Oakley, 22, ...": an age after a name
            return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "as" and naming_verb(tok.head) is not None:
        return True
    return _year_old(tok)


def _year_old(tok) -> bool:
    """ "26-year-old X": an age modifies the word."""
    return any(
        c.dep_ == "amod" and c.lower_ == "old" and any(g.lower_ == "year" for g in c.subtree) for c in tok.children
    )


def person_lemma(lemma: str) -> bool:  # a person noun of the lexicon: subject, officer or bystander nouns
    return any(lemma in lexicon()[k] for k in ("subject_nouns", "officer_nouns", "bystander_nouns"))


def _clean(words: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], str | None]:
    """Strip titles, possessives and punctuation from (token id, word) pairs; returns the name words and title. A
    double surname is one word, "Ortega-Villanueva", under its first part's token."""
    title, glued = None, False
    # "State Attorney Marcus Whitlow", "Police Chief Ann Roe": words before a title belong to the title
    last = max((k for k, (_, w) in enumerate(words[:3]) if title_of(w)), default=-1)
    if last > 0 and len(words) - last > 1:
        words = words[last:]
    while words and title_of(words[0][1]):
        title = title_of(words[0][1])
        words = words[1:]
    while len(words) > 1 and words[0][1].lower() in lexicon()["description_nouns"]:  # "Neighbor Ben Gerald"
        words = words[1:]
    out: list[tuple[int, str]] = []
    for i, w in words:
        w = re.sub(r"['’]s$|['’]$", "", w)
        if w in {"'s", "’s", ",", "-"} or not w:
            glued = w == "-" and bool(out)
        elif glued:
            out[-1], glued = (out[-1][0], f"{out[-1][1]}-{w}"), False
        else:
            out.append((i, w))
    return out, title


def _military(span) -> bool:
    """The words before a rank make it a soldier's or a past one (lexicon `military_words`)."""
    text = " " + " ".join(t.lower_ for t in span) + " "
    return any(f" {w} " in text for w in lexicon()["military_words"])


def _title_before(sent, start: int) -> str | None:
    """A title ending the previous sentence, abbreviated ("The deputy, Cpl." | "Brent Harlow, 38, ...": only short
    capitalised ones glued to their period; "... shot by an officer." gives none) or cut from its name by the small
    model ("... and Officer" | "Dale Roe shot"), and not the speaker or contact of its sentence ("said LAPD Det.",
    "call Sgt."): the name's own sentence is then a fragment that cannot show the person is only a source."""
    doc = sent.doc
    if start != sent.start or start < 2:
        return None
    abbr = doc[start - 1]
    if not (abbr.is_title and abbr.whitespace_):
        abbr = doc[start - 2]
        if doc[start - 1].text != "." or abbr.whitespace_ or len(abbr.text) > 4 or not abbr.text[0].isupper():
            return None
    non_participant = set(lexicon()["non_participant_words"])
    if is_source(abbr) or any(t.lemma_.lower() in non_participant for t in doc[max(0, abbr.i - 3) : abbr.i]):
        return None
    return title_of(abbr.text)


def titled_of(tok):
    """The name a title heads with "of" ("Chief of Police Dale Roe": the small model hangs the name on "of" and
    makes the title the argument), else None."""
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None) if title_of(tok.text) else None
    return next((c for c in of.children if c.dep_ == "pobj" and c.ent_type_ == "PERSON"), None) if of else None


def determiners(tok) -> set[str]:
    """The determiners of a person noun ("the", "his", "a", "each"; an owner's article: "a sheriff's deputy" is
    someone new, as "a deputy" is), and "one" where a relative clause picks out whom it means ("one man who was
    shot at by a trooper": someone new; not "One officer was shot", often one told of before)."""
    picked = any(c.dep_ == "relcl" for c in tok.children)
    owners = [d for c in tok.children if c.dep_ == "poss" and c.pos_ != "PRON" for d in c.children if d.dep_ == "det"]
    words = (*tok.children, *owners)
    return {c.lower_ for c in words if c.dep_ in ("det", "poss", "predet") or (picked and c.dep_ == "nummod")}


def unidentified(tok) -> bool:
    """The text says the person noun `tok` has no name yet: "an unidentified man", "the gunman, who has not been
    identified", "the man, whom police did not name" (lexicon `unnamed_words`, `naming_lemmas`)."""
    lex = lexicon()
    if any(c.dep_ == "amod" and c.lower_ in lex["unnamed_words"] for c in tok.children):
        return True
    clauses = (c for c in tok.children if c.dep_ == "relcl" and c.lemma_ in lex["naming_lemmas"])
    return any(any(g.dep_ == "neg" for g in c.children) for c in clauses)


def is_source(tok) -> bool:
    """The token (or the name it is part of) only speaks or is a contact: "Lt. Roe said", "said Lt. Roe",
    "according to Lt. Roe", "call Det. Roe"."""
    lex = lexicon()
    while tok.dep_ in ("compound", "flat") or tok.dep_ == "appos" and tok.head.dep_ != "ROOT":
        tok = tok.head
    if tok.dep_ == "nsubj" and tok.head.lemma_ in lex["speech_lemmas"]:
        return True
    if tok.dep_ in ("dobj", "pobj") and tok.head.lemma_ in lex["contact_lemmas"]:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


def looks_on(tok) -> bool:
    """The name is the subject of a verb of seeing the shooting ("Jo Roe witnessed it"; lexicon `onlooker_lemmas`)."""
    while tok.dep_ in ("compound", "flat"):
        tok = tok.head
    return tok.dep_ == "nsubj" and tok.head.lemma_ in lexicon()["onlooker_lemmas"]


def quoting_speaker(tok):
    """Who speaks the direct quotation holding `tok`: the subject of the speech verb above it when the quotation
    closes right before the speaker and verb ("He shot him," she said) or opens right after them (She said, "He
    shot him."), else None: not in reported speech ("Roe said he was shot"), nor in a quoted fragment of it ("Roe
    told deputies he was on his way home when "someone in a car shot him"), nor past a quotation it quotes."""
    speech, verb = lexicon()["speech_lemmas"], tok.head
    while verb.lemma_ not in speech and verb.head.i != verb.i:
        verb = verb.head
    speaker = next((c for c in verb.children if c.dep_ == "nsubj" and c.i != tok.i), None)
    if verb.lemma_ not in speech or speaker is None:
        return None
    doc, said = tok.doc, {t.i for t in speaker.subtree} | {verb.i}
    span = doc[min(tok.i, verb.i) : max(tok.i, verb.i)]
    marks = [t.i for t in span if t.text in _QUOTES]
    if not marks or any(t.text in ("'", "‘", "’") for t in span):
        return None  # (a quotation inside it, "she kept yelling, 'I've been hit!'", is someone else's)
    between = range(marks[-1] + 1, verb.i) if tok.i < verb.i else range(verb.i + 1, marks[0])
    return speaker if all(doc[k].is_punct or k in said for k in between) else None


_QUOTES = ('"', "“", "”")


def _modifier(tok) -> bool:
    """A name that only modifies a common noun names no one here: "Marlowe suspect", "the Smith family" (but
    "suspect John Doe" is a name: there the noun modifies the name), also through the rest of a longer proper name
    ("a 30-year-old Dana Harbor man" when NER took "Dana" alone); nor one owning a name ("Lou's Grill")."""
    while tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.tag_ == "NNP":
        tok = tok.head
    head = tok.head
    if tok.dep_ == "poss":  # "the roof of Lou's Grill": a business named by its owner
        return head.tag_ == "NNP" and head.i > tok.i
    return tok.dep_ == "compound" and head.i > tok.i and head.pos_ == "NOUN" and head.is_lower


def _credit(first, last) -> bool:
    """The name is a byline or a credit, not a person of the story: "by: Jane Roe", "Jane Roe contributed to this
    report", "— Jane Roe (@janeroe) January 4, 2017" (a tweet), "Jane Roe, wsaw.com", "(Jane Roe / The Times)",
    "The Times/Jane Roe", "Jane Roe photo", "Photo: Jane Roe" (photo credits), "told WXYZ's Jane Roe" (a reporter)."""
    doc = first.doc
    before = [t.lower_ for t in doc[max(first.i - 2, 0) : first.i]]
    after = [t for t in doc[last.i + 1 : last.i + 3]]
    if before[-2:] == ["by", ":"] or (before[-1:] == ["by"] and (first.i < 2 or doc[first.i - 2].is_punct)):
        return True
    photo = lexicon()["photo_credit_words"]  # "Jane Roe photo", "Photo: Jane Roe"
    next_word = after[0].lower_.rstrip("/|") if after else ""
    if next_word in ("contributed", *photo) or (before[-1:] == [":"] and before[0] in photo):
        return True
    if len(after) == 2 and after[0].text == "(" and after[1].text.startswith("@"):
        return True
    slash = before[-1:] == ["/"] and first.i > 1 and not doc[first.i - 1].whitespace_  # "The Times/Jane Roe"
    if (after and after[0].text == "/" and before[-1:] in (["("], ["["])) or (slash and doc[first.i - 2].is_title):
        return True  # photo credits: "(Jane Roe / Los Angeles Times)", "The Times/Jane Roe"
    if before[-1:] in (["'s"], ["’s"]) and any(t.lemma_ == "tell" for t in doc[max(first.i - 4, 0) : first.i - 2]):
        return True  # "told WXYZ's Jane Roe": a reporter
    return len(after) == 2 and after[0].text == "," and after[1].like_url


def _aged(tok) -> bool:
    """An age follows the word as an apposition ("Dana Roe, 23, was shot") or opens it ("31-year-old Dana Roe"): a
    person, whatever NER said."""
    return _year_old(tok) or appos_age(tok) is not None


def find_mentions(sentences: list[nlp.Sentence]) -> list[Mention]:
    """Every named-person mention, in reading order."""
    found: dict[tuple[int, int], Mention] = {}
    for si, sent in enumerate(sentences):
        doc = sent.doc
        base = sent.start - doc.start_char
        spans = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
        # A title followed by capitalised words is a name even when NER missed it ("officer Hunter").
        for tok in doc:
            after = tok.i + 2 if tok.i + 1 < doc.end and doc.doc[tok.i + 1].text == "." else tok.i + 1  # "Sgt ."
            if title_of(tok.text) and after < doc.end and name_word(doc.doc[after]):
                end = after
                while end < doc.end and end - tok.i <= 3 and name_word(doc.doc[end]):
                    end += 1
                spans.append((tok.i, end))
        # ... also when the title ended the previous sentence ("The deputy, Cpl." / "Wendell Strayhorn, 44, ...")
        end = doc.start
        while end < doc.end and end - doc.start < 3 and name_word(doc.doc[end], strict=False):
            end += 1
        if end > doc.start and _title_before(doc, doc.start):
            spans.append((doc.start, end))
        # Two or more proper nouns in an argument slot are a name NER missed ("Police say Dale Orrin ...");
        # not in Title Case headlines, where every word looks like a proper noun. In apposition to a person
        # noun ("the driver, Marcus Ellington,") even one proper noun is a name, whatever NER thought.
        for tok in doc if not _title_case(doc) else ():
            aged = _aged(tok)  # "X, 22,": a person, whatever NER said (also listed: "A, 31, and B, 24")
            # (or a name ending in a suffix: "Roe and Lincoln Steel Jr. fired", which NER took for an ORG)
            suffixed = is_suffix(tok.text) and tok.i > doc.start and name_word(doc.doc[tok.i - 1], strict=False)
            if tok.dep_ not in _ARG_DEPS and not ((aged or suffixed) and tok.dep_ == "conj"):
                continue
            role_appos = _person_slot(tok) or aged or suffixed
            if not (suffixed or name_word(tok, strict=not role_appos)):
                continue
            # the small model often calls a name ORG or GPE ("identified as 62-year-old Dale Roe"): in a slot
            # only a person fills it is a name; a NORP ("Latino") is not a name unless an age follows
            ner_ok = tok.ent_type_ in ("", "PERSON", "DATE") or (role_appos and tok.ent_type_ in ("ORG", "GPE"))
            if not ner_ok and not aged:
                continue
            words = {t.i for t in tok.subtree if t.i < tok.i and t.dep_ == "compound" and name_word(t, not role_appos)}
            first = tok.i
            while first - 1 in words:  # the name words right before it ("HARLOW, Ohio - Dana Kessel": Dana)
                first -= 1
            if first < tok.i and tok.i - first <= 3:
                spans.append((first, tok.i + 1))
            elif role_appos:
                spans.append((tok.i, tok.i + 1))
        # A nickname between the names: 'Dale "Dee" Roe', "Dale (Scoop) Roe" (NER splits these)
        for m in _NICKNAMED.finditer(sent.text):
            span = doc.doc.char_span(doc.start_char + m.start(), doc.start_char + m.end(), alignment_mode="expand")
            if span is not None:
                spans.append((span.start, span.end))
        for start, end in spans:
            end = next((t.i for t in doc.doc[start:end] if t.text == "/"), end)  # "Jo Roe / The Times": a credit
            # include a title just before the entity
            if start > doc.start and title_of(doc.doc[start - 1].text):
                start -= 1
            elif start > doc.start + 1 and doc.doc[start - 1].text == "." and title_of(doc.doc[start - 2].text):
                start -= 2
            quoted = _quoted(doc.doc[start:end])
            words, title = _clean([(t.i, t.text) for t in doc.doc[start:end] if t.i not in quoted])
            title = title or _title_before(doc, start)
            if start - 3 >= doc.start and doc.doc[start - 2].lower_ == "of" and title_of(doc.doc[start - 3].text):
                title = title_of(doc.doc[start - 3].text)  # "Chief of Police Dale Roe" (not an officer "Police")
            retired = [t.lower_ for t in doc.doc[end : min(end + 2, doc.end)]] in (["(", "retired"], [",", "retired"])
            if title == "officer" and words and (retired or _military(doc.doc[max(0, start - 4) : words[0][0]])):
                title = None  # "U.S. Marine Staff Sgt. Dale Orrin" is a soldier, "a retired Officer X" no officer
            words = [
                (i, w)
                for k, (i, w) in enumerate(words)
                if (TOKEN_OK.match(w) or k and is_suffix(w)) and not title_of(w)
            ]
            checked = words[1:] if len(words) > 1 and words[0][1].lower() in lexicon()["month_first_names"] else words
            parts = {p for _, w in checked for p in w.lower().strip(".").split("-")}  # "Shootout-At": no name
            if not words or len(words) > 4 or not parts.isdisjoint(lexicon()["not_name_words"]):
                continue
            if words[-1][1].lower() in lexicon()["description_nouns"]:  # "Tennessee Boy, 7, Killed"
                continue
            ids = [j for i, w in words for j in range(i, i + 2 * w.count("-") + 1, 2)]  # "A-B" is A, -, B
            first_tok, last_tok = doc.doc[ids[0]], doc.doc[ids[-1]]
            if _modifier(last_tok) or _credit(first_tok, last_tok):
                continue
            key = (first_tok.idx + base, last_tok.idx + base)  # offsets in the article: paragraphs restart at 0
            m = Mention(
                si,
                first_tok.idx + base,
                last_tok.idx + len(words[-1][1].rsplit("-", 1)[-1]) + base,
                tuple(w for _, w in words),
                title,
                tuple(ids),
            )
            old = found.get(key)
            if old is None or (m.title and not old.title):
                found[key] = m
    # Drop mentions nested inside a longer one (entity "Smith" inside "Officer Quincy Smith").
    mentions = sorted(found.values(), key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return _shared_titles(out, sentences)


_LISTED = ("conj", "appos")  # "A and B", "A, B and C"


def _plural_title(word: str) -> bool:
    """ "Officers", "Deputies", "Sgts." """
    w = word.rstrip(".")
    return w.lower().endswith("s") and title_of(singular(w)) is not None


def _shared_titles(mentions: list[Mention], sentences: list[nlp.Sentence]) -> list[Mention]:
    """A plural title is every conjoined name's: "Officers Montrell Jackson and Matthew Gerald"."""
    by_token = {(m.sentence, m.token_ids[-1]): m for m in mentions if m.token_ids}
    out = []
    for m in mentions:
        if m.title is None and m.token_ids:
            doc = sentences[m.sentence].doc.doc
            tok = doc[m.token_ids[-1]]
            first = by_token.get((m.sentence, tok.head.i)) if tok.dep_ in _LISTED else None
            while first is not None and first.title is None and doc[first.token_ids[-1]].dep_ in _LISTED:
                first = by_token.get((m.sentence, doc[first.token_ids[-1]].head.i))
            word = doc[first.token_ids[0] - 1].text if first is not None and first.token_ids[0] > 0 else ""
            if first is not None and first.title and _plural_title(word):
                m = replace(m, title=first.title)
        out.append(m)
    return out


def _compatible(cluster: Cluster, m: Mention, rule: NameRule) -> bool:
    """The mention names the cluster's person (`ois.names`): "Tompkins" or "J. Tompkins" for "James Tompkins", not
    "Quincy Smith" for "Michael Smith"; a first name alone ("James said") names the person with that first name, and
    a full name the person a first name alone named before ("16-year-old James" ... "James Cartigiano"); a short
    form stands for the name ("Pat" for "Patrick Roe")."""
    if not rule.same_surname(surname(m.tokens), cluster.surname):
        if len(cluster.best.tokens) == 1 and len(m.tokens) > 1:  # "16-year-old James" ... "James Cartigiano"
            return short_for(cluster.surname, m.tokens[0].lower().strip("."))
        word = m.tokens[0].lower().strip(".")  # (or a short form of it: "Patrick Roe" ... "Pat was dead")
        return len(m.tokens) == 1 and cluster.first is not None and short_for(word, cluster.first)
    first, other = m.tokens[0].lower().strip("."), cluster.first
    alone = surname_only(tuple(w.lower() for w in m.tokens))
    return alone or other is None or rule.same_first(first, other)


def headlines(sentences: list[nlp.Sentence]) -> set[int]:
    """Indices of headline sentences: the first paragraph (Article.text starts with the headline) when it is
    short and not the whole text, and any Title Case Sentence."""
    first = sentences[0].doc.doc if sentences else None
    if first is None or first is sentences[-1].doc.doc or len(first.text) > HEADLINE_MAX_CHARS:
        first = None
    return {si for si, sent in enumerate(sentences) if sent.doc.doc is first or _title_case(sent.doc)}


def kin(mentions: list[Mention], sentences: list[nlp.Sentence]) -> set[tuple[int, int]]:
    """(sentence, start) of the mentions a relative noun introduces: "Mara Voss, Lila's older sister," /
    "his sister, Mara Voss"."""
    relatives = {w for w, kind in lexicon()["noun_classes"].items() if kind == "relative"}
    out = set()
    for m in (m for m in mentions if m.token_ids):
        tok = sentences[m.sentence].doc.doc[m.token_ids[-1]]
        nouns = [c for c in tok.children if c.dep_ == "appos"] + ([tok.head] if tok.dep_ == "appos" else [])
        if any(n.lemma_.lower() in relatives for n in nouns):
            out.add((m.sentence, m.start))
    return out


def cluster(
    mentions: list[Mention],
    rule: NameRule,
    headline: set[int] = frozenset(),
    relatives: set[tuple[int, int]] = frozenset(),
    speakers: set[tuple[int, int]] = frozenset(),
) -> list[Cluster]:
    """Group mentions into people: each mention joins the most recently mentioned compatible cluster - except a
    surname alone that two full names share ("Lila Voss" ... "his sister, Mara Voss" ... "an officer
    shot Voss"): a story calls its main person by the bare surname and the relatives and sources it adds by
    their full names, so it is the first full name no relative noun introduced (`relatives`, see `kin`) and not
    first met speaking (`speakers`: "Dana Roe said her son, Mark Roe, 30, ..."), else the first not first met
    speaking, else the first no relative noun introduced, else the first."""
    clusters: list[Cluster] = []
    for m in mentions:
        candidates = [c for c in clusters if _compatible(c, m, rule)]
        full = [c for c in candidates if len(c.best.tokens) > 1]
        kin_ = [c for c in full if any((x.sentence, x.start) in relatives for x in c.mentions)]
        speak = [c for c in full if (c.mentions[0].sentence, c.mentions[0].start) in speakers]
        main = [c for c in full if c not in kin_ and c not in speak] or [c for c in full if c not in speak]
        main = main or [c for c in full if c not in kin_] or full
        if len(m.tokens) == 1 and len(full) > 1 and m.tokens[0].lower().strip(".") != main[0].first:
            main[0].mentions.append(m)
        elif candidates:
            max(candidates, key=lambda c: c.mentions[-1].start).mentions.append(m)
        else:
            clusters.append(Cluster([m]))
    # "Downers Grove Man Arrested ..." - a name only a headline uses is not a person the story is about.
    return [c for c in clusters if any(m.sentence not in headline for m in c.mentions)]
