"""People in a shooting story: the participants of the main shooting (officers, subjects, bystanders) with name,
age, gender, race, armed, weapon, outcome and fired; the named people who are not participants (`mentioned`); and
the numbers of officers and subjects when the text gives them.

Steps: find named mentions and cluster them (`names.py`); resolve descriptions and pronouns (`entities.py`) while
reading events off the dependency parse (`roles.py`); merge a description into the name it is given ("the man,
identified as John Doe"); decide each person's role (titled police ranks and police nouns are officers; anyone
shot, shooting, armed, arrested or called "the suspect" is a subject; a named bystander is a bystander). Then the
incident frame: a named person the story mentions only in sentences about other cases (`cues.background_sentences`)
is mentioned as an "earlier case"; in a police shooting, someone shot by the subject (not by police) is mentioned as
a "victim of the subject"; spokespeople, officials and quoted relatives are mentioned with why. Unknown stays None.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from ois import nlp
from ois.extract.cues import background_sentences
from ois.extract.entities import Event, Referent, Resolver
from ois.extract.fire import FireFacts, derived, fired_facts
from ois.extract.names import Cluster, cluster, extend, find_mentions, headlines, lexicon, plausible
from ois.extract.roles import EventReader
from ois.models import MENTIONED_WHY, Article, Fact, Person, Span
from ois.names import courtesy_gender, rule
from ois.settings import Settings

_PRECEDENCE = {"killed": 3, "injured": 2, "uninjured": 1}
_ARMED_ORDER = ("gun", "replica", "knife", "vehicle", "other", "unarmed")
# Events that say what a person did or what happened to them (not only what they are called).
_SUBSTANTIVE = frozenset({"fired", "outcome", "shot_by_police", "shot_police", "involved", "armed", "shot_by"})


def _non_participant(c: Cluster, sentences: list[nlp.Sentence]) -> bool:
    """Spokespeople, chiefs, prosecutors ...: a non-participant word in the name's own noun phrase -
    "police spokesman Sgt. Doe", "Doe, a department spokeswoman,", "the spokesman, Doe"."""
    words = set(lexicon()["non_participant_words"])
    for m in c.mentions:
        doc = sentences[m.sentence].doc.doc
        head = doc[m.token_ids[-1]]
        phrase = []
        i = m.token_ids[0] - 1
        while (
            i >= 0
            and len(phrase) < 5
            and doc[i].pos_ in ("PROPN", "NOUN", "ADJ", "PART", "PUNCT")
            and doc[i].text not in (",", ".", ";", ":")
        ):
            phrase.append(doc[i])
            i -= 1
        phrase += [t for c_ in head.children if c_.dep_ == "appos" for t in c_.subtree]
        if head.dep_ == "appos":
            phrase += [head.head, *head.head.children]
        if any(t.lemma_.lower() in words or t.lower_ in words for t in phrase):
            return True
    return False


def _peripheral(c: Cluster, sentences: list[nlp.Sentence]) -> bool:
    """Every mention is a source or a contact: "Lt. Doe said", "according to Sgt. Doe", "call Detective Roe",
    a line with a phone number or e-mail address, or a verbless fragment the sentencizer cut off after a title
    ("..., said LAPD Det." / "Mike Roe.") that says nothing about the person."""
    lex = lexicon()
    speech, contact = set(lex["speech_lemmas"]), set(lex["contact_lemmas"])
    contact_line = re.compile(lex["contact_line"])
    for m in c.mentions:
        sent = sentences[m.sentence]
        if contact_line.search(sent.text) or not any(t.pos_ in ("VERB", "AUX") for t in sent.doc):
            continue
        tok = sent.doc.doc[m.token_ids[-1]]
        head = tok.head
        if head.lemma_ in speech or head.lemma_ in contact or head.head.lemma_ in speech:
            continue  # "said Lt. Doe", "Sgt. Doe with the department said", "contact Detective Roe"
        if tok.dep_ in ("dobj", "pobj") and (head.lemma_ in contact or head.head.lemma_ in contact):
            continue
        if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
            continue
        return False
    return True


def _roles(clusters: list[Cluster], events: list[Event], sentences: list[nlp.Sentence]) -> dict[int, str]:
    """Each named person's role ("officer", "subject", "bystander"), or why they are only mentioned ("official",
    "relative"); names with neither (a witness quoted once) are left out."""
    by_ref: dict[Referent, list[Event]] = defaultdict(list)
    for e in events:
        by_ref[e.referent].append(e)
    lex = lexicon()
    relatives = {w for w, kind in lex["noun_classes"].items() if kind == "relative"}
    roles: dict[int, str] = {}
    for i, c in enumerate(clusters):
        evs = by_ref.get(i, [])
        aliases = {e.value[0] for e in evs if e.kind == "alias"}
        nouns = {e.value[1] for e in evs if e.kind == "alias"}
        substantive = [e for e in evs if e.kind in _SUBSTANTIVE]
        if "other" in c.titles():
            roles[i] = "official"
        elif "officer" in c.titles() or "officer" in aliases:
            official = _non_participant(c, sentences) or (not substantive and _peripheral(c, sentences))
            roles[i] = "official" if official else "officer"
        elif "bystander" in aliases:
            roles[i] = "bystander"
        elif substantive or nouns & set(lex["subject_alias_nouns"]):
            roles[i] = "official" if not substantive and _non_participant(c, sentences) else "subject"
        elif nouns & relatives:
            roles[i] = "relative"
        elif _non_participant(c, sentences):
            roles[i] = "official"
    return roles


class _Builder:
    """Collects facts for one Person from events and name mentions."""

    def __init__(self, role: str, sentences: list[nlp.Sentence]):
        self.role = role
        self.sentences = sentences
        self.name: Fact | None = None
        self.events: list[Event] = []
        self.ages: list[Fact] = []
        self.mentions: set[int] = set()

    def span(self, si: int) -> Span:
        return self.sentences[si].span()

    def words(self, sentence: Span, start: int, end: int) -> Span:
        """Article span of [start, end), offsets in the paragraph Doc of the sentence `sentence`."""
        sent = next(s for s in self.sentences if s.start == sentence.start)
        base = sent.start - sent.doc.start_char
        return Span(base + start, base + end, sent.text[start - sent.doc.start_char : end - sent.doc.start_char])

    def person(self) -> Person:
        def first(kind: str, choose=None) -> Fact | None:
            evs = [e for e in self.events if e.kind == kind]
            if not evs:
                return None
            best = choose(evs) if choose else evs[0]
            return Fact(best.value, self.span(best.sentence))

        # the person's own pronouns and titles first: a group word given to them ("a woman who lived there was
        # not hurt") may be somebody else
        said = [e for e in self.events if e.kind == "gender"]
        said = [e for e in said if isinstance(e.referent, int)] or said
        gender = Fact(said[0].value, self.span(said[0].sentence)) if len({e.value for e in said}) == 1 else None
        outcome = first("outcome", lambda evs: max(evs, key=lambda e: _PRECEDENCE[e.value]))
        armed = first("armed", lambda evs: min(evs, key=lambda e: _ARMED_ORDER.index(e.value)))
        fired_events = [e for e in self.events if e.kind == "fired"]
        fired = first("fired", lambda evs: next((e for e in evs if e.value), evs[0])) if fired_events else None
        if armed is None and fired is not None and fired.value and self.role == "subject":
            armed = Fact("gun", fired.evidence)  # a subject who fired had a gun
        race = first("race")
        if race is not None:
            said, start, end = race.value
            race = Fact(_race_value(said), race.evidence, self.words(race.evidence, start, end))
        weapon = first("weapon")
        if weapon is not None:
            said, start, end = weapon.value
            weapon = Fact(said, weapon.evidence, self.words(weapon.evidence, start, end))
        ages = Counter(f.value for f in self.ages)
        age = next((f for f in self.ages if f.value == ages.most_common(1)[0][0]), None) if ages else None
        if age is not None and age.words is None:
            age = replace(age, words=_age_words(age))
        return Person(
            role=self.role,
            name=self.name,
            age=age,
            gender=gender,
            armed=armed,
            outcome=outcome,
            fired=fired,
            race=race,
            weapon=weapon,
            mentions=tuple(self.span(si) for si in sorted(self.mentions)),
        )


def _race_value(said: str) -> str:
    """The reported value of a race word: "African-American" -> "black" (lexicon `race_words`)."""
    return lexicon()["race_words"].get(" ".join(said.lower().split()), said.lower())


def _age_words(age: Fact) -> Span | None:
    """The words giving an age in its sentence: "23-year-old", "23 years old", or the number."""
    m = re.search(rf"\b{age.value}\b(?:[- ]years?[- ]old)?", age.evidence.text)
    if m is None:
        return None
    start = age.evidence.start + m.start()
    return Span(start, start + len(m.group(0)), m.group(0))


def _name_facts(b: _Builder, c: Cluster, text: str, sentences: list[nlp.Sentence]) -> None:
    lex = lexicon()
    after, before = re.compile(lex["age_after_name"], re.I), re.compile(lex["age_before_name"])
    best = c.best
    b.name = Fact(
        " ".join(best.tokens), sentences[best.sentence].span(), Span(best.start, best.end, text[best.start : best.end])
    )
    for m in c.mentions:
        b.mentions.add(m.sentence)
        sent = sentences[m.sentence]
        match = after.match(text[m.end : sent.end]) or before.search(text[sent.start : m.start])
        if match:
            age = int(next(g for g in match.groups() if g))
            if 0 < age < 110:
                b.ages.append(Fact(age, sent.span()))
        if gender := courtesy_gender(m.title or ""):
            b.events.append(Event("gender", -1, gender, m.sentence))


def _name_ages(clusters: list[Cluster], sentences: list[nlp.Sentence], text: str) -> dict[int, int]:
    """The age written next to a name ("Jamal Berry, 30", "30-year-old Jamal Berry"), per name cluster."""
    lex = lexicon()
    after, before = re.compile(lex["age_after_name"], re.I), re.compile(lex["age_before_name"])
    out = {}
    for ci, c in enumerate(clusters):
        for m in c.mentions:
            sent = sentences[m.sentence]
            match = after.match(text[m.end : sent.end]) or before.search(text[sent.start : m.start])
            if match and 0 < (age := int(next(g for g in match.groups() if g))) < 110:
                out[ci] = age
                break
    return out


def _known_people(clusters: list[Cluster], sentences: list[nlp.Sentence], text: str) -> set[int]:
    """Name clusters known to be people: a mention is a spaCy PERSON entity, has a title, or an age after it."""
    age = re.compile(lexicon()["age_after_name"], re.I)
    out = set()
    for ci, c in enumerate(clusters):
        for m in c.mentions:
            doc = sentences[m.sentence].doc.doc
            sent = sentences[m.sentence]
            if m.title or any(doc[i].ent_type_ == "PERSON" for i in m.token_ids) or age.match(text[m.end : sent.end]):
                out.add(ci)
                break
    return out


def _merged(events: list[Event]) -> list[Event]:
    """Events of a description given a name ("the man, identified as John Doe") re-pointed at the named person."""
    named = {e.value[2]: e.referent for e in events if e.kind == "alias" and isinstance(e.value[2], str)}
    return [replace(e, referent=named[e.referent]) if e.referent in named else e for e in events]


def _absorbed(roles: dict[Referent, str], events: list[Event], resolver: Resolver) -> dict[str, int]:
    """Descriptions that are the story's one named person of their side: "a state trooper ... Trooper Alan
    Whitcombe returned fire". Only when the side has exactly one named and one described person, and nothing
    tells them apart (gender, age, one shot and the other shooting)."""
    marks: dict[Referent, set[str]] = defaultdict(set)
    ages: dict[Referent, set[int]] = defaultdict(set)
    for e in events:
        if e.kind == "outcome" and e.value in ("killed", "injured"):
            marks[e.referent].add("shot")
        elif (e.kind == "fired" and e.value) or e.kind == "shot_police":
            marks[e.referent].add("shooter")
        elif e.kind == "age":
            ages[e.referent].add(e.value)
    out = {}
    for side in ("officer", "subject"):
        named = [r for r, role in roles.items() if isinstance(r, int) and role == side]
        described = [r for r, role in roles.items() if isinstance(r, str) and role == side]
        if len(named) != 1 or len(described) != 1:
            continue
        (name,), (ref,) = named, described
        genders = {resolver.gender_of(name), resolver.gender_of(ref)} - {None}
        if len(genders) > 1 or len(ages[name] | ages[ref]) > 1 or len(marks[name] ^ marks[ref]) > 1:
            continue
        if marks[name] and marks[ref] and not marks[name] & marks[ref]:
            continue  # one was shot, the other shot
        out[ref] = name
    return out


def _entity_roles(resolver: Resolver, events: list[Event], main: set[int]) -> dict[Referent, str]:
    """Described people (not groups) who did something or had something happen to them in the main shooting."""
    active = {e.referent for e in events if e.kind in _SUBSTANTIVE and e.sentence in main}
    return {ref: ent.side for ref, ent in resolver.entities.items() if not ent.plural and ref in active}


def _not_participants(
    builders: dict[Referent, _Builder], events: list[Event], main: set[int], role_of: dict[Referent, str]
) -> dict[Referent, str]:
    """Why a participant-looking person is only mentioned: "earlier case" (every sentence about them is about
    another case) or "victim of the subject" (in a police shooting: shot by someone who is not police, and neither
    shot by nor shooting at police)."""
    main_events = [e for e in events if e.sentence in main]
    police_shooting = any(e.kind in ("shot_by_police", "shot_police") for e in main_events)
    police_side = {e.referent for e in main_events if e.kind in ("shot_by_police", "shot_police")}
    fired = {e.referent for e in main_events if e.kind == "fired" and e.value}
    out = {}
    for ref, b in builders.items():
        if b.mentions and not b.mentions & main:
            out[ref] = "earlier case"
        elif police_shooting and b.role != "officer" and ref not in police_side | fired:
            shooters = {e.value for e in main_events if e.kind == "shot_by" and e.referent == ref}
            if shooters and not any(role_of.get(s) == "officer" for s in shooters):
                out[ref] = "victim of the subject"
    return out


def _count(resolver: Resolver, persons: list[Person], side: str, sentences: list[nlp.Sentence]) -> Fact | None:
    """How many officers (subjects) there were: the number the text gives a group in a sentence about the shooting
    ("three officers fired", "two suspects"), else how many of that side the story singles out (when any)."""
    groups = [e for e in resolver.entities.values() if e.plural and e.side == side and e.count_sentence is not None]
    if groups:
        best = max(groups, key=lambda e: e.count or 0)
        return Fact(best.count, sentences[best.count_sentence].span())
    people = [p for p in persons if p.role == side and (side != "officer" or (p.fired and p.fired.value))]
    if not people:
        return None
    evidence = people[0].fired.evidence if side == "officer" else people[0].mentions[0] if people[0].mentions else None
    return Fact(len(people), evidence) if evidence is not None else None


def _first_mention(p: Person) -> int:
    return p.mentions[0].start if p.mentions else 1 << 30


class PeopleFacts(FireFacts):
    """The people of a Report, who fired and how many."""

    people: tuple[Person, ...]
    mentioned: tuple[Person, ...]
    officer_count: Fact | None
    subject_count: Fact | None


def people(article: Article, parsed: nlp.ParsedText, settings: Settings) -> PeopleFacts:
    """People, who fired and how many, for one article (see the module docstring)."""
    sentences = list(parsed.sentences())
    mentions = extend(sentences, find_mentions(sentences))
    headline = headlines(sentences)
    clusters = cluster(mentions, rule(settings, within_article=True), headline)
    lower_words = {t.text for s in sentences for t in s.doc if t.is_lower}
    clusters = [c for c in clusters if plausible(c, sentences, lower_words)]
    names = {(m.sentence, t): ci for ci, c in enumerate(clusters) for m in c.mentions for t in m.token_ids}
    genders = {ci: g for ci, c in enumerate(clusters) for t in c.titles() if (g := courtesy_gender(t))}
    officers = {ci for ci, c in enumerate(clusters) if "officer" in c.titles()}
    people_ages = _name_ages(clusters, sentences, article.text)
    known = _known_people(clusters, sentences, article.text) | set(people_ages)
    resolver = Resolver(names, genders, officers, headline, known, people_ages)
    reader = EventReader(resolver, headline)
    events = _merged([e for si, s in enumerate(sentences) for e in reader.read(si, s)])
    main = set(range(len(sentences))) - background_sentences([s.text for s in sentences], article.published)
    roles: dict[Referent, str] = {**_roles(clusters, events, sentences), **_entity_roles(resolver, events, main)}
    absorbed = _absorbed(roles, events, resolver)
    events = [replace(e, referent=absorbed[e.referent]) if e.referent in absorbed else e for e in events]
    roles = {ref: role for ref, role in roles.items() if ref not in absorbed}

    builders: dict[Referent, _Builder] = {}
    for ref, role in roles.items():
        builders[ref] = b = _Builder(role, sentences)
        if isinstance(ref, int):
            _name_facts(b, clusters[ref], article.text, sentences)
    subjects = [ref for ref, b in builders.items() if b.role == "subject"]
    unresolved = [e for e in events if e.referent == "subject"]  # "a gun was found": the subject's, if one
    if len(subjects) == 1:
        builders["subject"] = builders[subjects[0]]
    elif not subjects and any(e.kind in _SUBSTANTIVE for e in unresolved):
        builders["subject"] = _Builder("subject", sentences)
    unique = {id(b): (ref, b) for ref, b in reversed(list(builders.items()))}  # a builder under its first key
    own = {ref: b for ref, b in reversed(list(unique.values()))}
    group_outcomes = [e for e in events if resolver.plural(e.referent) and resolver.is_officer(e.referent)]
    for b in own.values():  # "no officers were injured" holds for each of them
        if b.role == "officer":
            b.events += [e for e in group_outcomes if e.kind == "outcome" and e.value == "uninjured"]
    for e in events:
        b = builders.get(e.referent)
        if b is None:
            continue
        if e.kind == "age":
            b.ages.append(Fact(e.value, b.span(e.sentence)))
        else:
            b.events.append(e)
        b.mentions.add(e.sentence)

    role_of = {ref: b.role for ref, b in builders.items()}
    role_of |= {ref: ent.side for ref, ent in resolver.entities.items() if ent.plural}
    mentioned = {ref: b.role for ref, b in own.items() if b.role in MENTIONED_WHY}
    mentioned |= _not_participants({r: b for r, b in own.items() if r not in mentioned}, events, main, role_of)
    built = {ref: b.person() for ref, b in own.items()}
    persons = sorted((p for ref, p in built.items() if ref not in mentioned), key=_first_mention)
    others = [replace(p, role=mentioned[ref]) for ref, p in built.items() if ref in mentioned and p.name is not None]
    fired = derived(fired_facts(events, role_of, sentences, main), persons, sentences)
    not_fired = fired["officer_fired"]
    if not_fired is not None and not not_fired.value:
        # "Tillman did not return fire" and no sentence says any officer fired: nobody was shot by police, so a
        # subject the text gives no injury is uninjured, on the evidence of that sentence.
        persons = [
            replace(p, outcome=Fact("uninjured", not_fired.evidence)) if p.role == "subject" and not p.outcome else p
            for p in persons
        ]
    return PeopleFacts(
        people=tuple(persons),
        mentioned=tuple(others),
        officer_count=_count(resolver, persons, "officer", sentences),
        subject_count=_count(resolver, persons, "subject", sentences),
        **fired,
    )
