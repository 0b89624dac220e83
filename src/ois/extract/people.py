"""People in a shooting story: officers, subjects and bystanders, with name, age, gender, armed, outcome, fired.

Steps: find named mentions and cluster them (`names.py`); read events off the dependency parse (`roles.py`);
decide each named person's role from the events (titled police ranks are officers; anyone shot, shooting,
armed, arrested or called "the suspect"/"the driver" is a subject; everyone else - reporters, spokespeople,
relatives quoted - is left out); give group words ("the officer", "a 19-year-old woman") to the single named
person of that role, or to an unnamed Person when nobody of that role is named. Unknown stays None.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from typing import TypedDict

from ois import nlp
from ois.extract.names import Cluster, cluster, extend, find_mentions, headlines, lexicon, plausible
from ois.extract.roles import Event, EventReader, Referent, Resolver
from ois.models import Article, Fact, Person, Span
from ois.names import courtesy_gender, rule
from ois.settings import Settings

_PRECEDENCE = {"killed": 3, "injured": 2, "uninjured": 1}
_ARMED_ORDER = ("gun", "knife", "vehicle", "other", "unarmed")
_NOT_FIREARM = frozenset(_ARMED_ORDER) - {"gun"}
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4}


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
    by_ref: dict[Referent, list[Event]] = defaultdict(list)
    for e in events:
        by_ref[e.referent].append(e)
    roles: dict[int, str] = {}
    for i, c in enumerate(clusters):
        evs = by_ref.get(i, [])
        aliases = {e.value[0] for e in evs if e.kind == "alias"}
        strong = {e.value[1] for e in evs if e.kind == "alias"} & set(lexicon()["subject_alias_nouns"])
        substantive = [e for e in evs if e.kind not in ("alias", "gender", "age")]
        if "other" in c.titles():
            continue
        if "officer" in c.titles() or "officer" in aliases:
            if _non_participant(c, sentences) or (not substantive and _peripheral(c, sentences)):
                continue
            roles[i] = "officer"
        elif "bystander" in aliases:
            roles[i] = "bystander"
        elif substantive or strong:
            if not substantive and _non_participant(c, sentences):
                continue
            roles[i] = "subject"
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
        ages = Counter(f.value for f in self.ages)
        age = next((f for f in self.ages if f.value == ages.most_common(1)[0][0]), None) if ages else None
        return Person(
            role=self.role,
            name=self.name,
            age=age,
            gender=gender,
            armed=armed,
            outcome=outcome,
            fired=fired,
            mentions=tuple(self.span(si) for si in sorted(self.mentions)),
        )


def _name_facts(b: _Builder, c: Cluster, text: str, sentences: list[nlp.Sentence]) -> None:
    lex = lexicon()
    after, before = re.compile(lex["age_after_name"], re.I), re.compile(lex["age_before_name"])
    best = c.best
    b.name = Fact(" ".join(best.tokens), sentences[best.sentence].span())
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


def _count_officers(sentences: list[nlp.Sentence]) -> int:
    """'two officers' / 'three deputies' -> that number, when the text says so (else 1)."""
    nouns = "|".join(lexicon()["officer_nouns"])
    rx = re.compile(rf"\b({'|'.join(_NUMBER_WORDS)})\s+(?:\w+\s+){{0,3}}(?:{nouns})s?\b", re.I)
    counts = [_NUMBER_WORDS[m.group(1).lower()] for s in sentences for m in rx.finditer(s.text)]
    return max(counts, default=1)


class FireFacts(TypedDict):
    """Who fired, for the whole article (None: the text does not say)."""

    officer_fired: Fact | None  # bool
    subject_fired: Fact | None  # bool
    first_shot_by: Fact | None  # "officer" | "subject"


class PeopleFacts(FireFacts):
    """The people of a Report and who fired."""

    people: tuple[Person, ...]


def people(article: Article, parsed: nlp.ParsedText, settings: Settings) -> PeopleFacts:
    """People and who-fired facts for one article (see module docstring)."""
    sentences = list(parsed.sentences())
    mentions = extend(sentences, find_mentions(sentences))
    headline = headlines(sentences)
    clusters = cluster(mentions, rule(settings, within_article=True), headline)
    lower_words = {t.text for s in sentences for t in s.doc if t.is_lower}
    clusters = [c for c in clusters if plausible(c, sentences, lower_words)]
    names = {(m.sentence, t): ci for ci, c in enumerate(clusters) for m in c.mentions for t in m.token_ids}
    genders = {ci: g for ci, c in enumerate(clusters) for t in c.titles() if (g := courtesy_gender(t))}
    reader = EventReader(Resolver(names, genders), headline)
    events = [e for si, s in enumerate(sentences) for e in reader.read(si, s)]
    roles = _roles(clusters, events, sentences)

    builders: dict[Referent, _Builder] = {}
    for ci, role in roles.items():
        builders[ci] = b = _Builder(role, sentences)
        _name_facts(b, clusters[ci], article.text, sentences)
    for group in ("officer", "subject"):  # "any bystanders" is not a specific person: named bystanders only
        named = [ci for ci, r in roles.items() if r == group]
        group_events = [e for e in events if e.referent == group]
        if len(named) == 1:
            builders[group] = builders[named[0]]
        elif not named and any(e.kind not in ("age", "gender") for e in group_events):
            builders[group] = _Builder(group, sentences)
        elif named and group == "officer":  # "no officers were injured" holds for each of them
            for ci in named:
                builders[ci].events += [e for e in group_events if e.kind == "outcome" and e.value == "uninjured"]
    for e in events:
        b = builders.get(e.referent)
        if b is None:
            continue
        if e.kind == "age":
            b.ages.append(Fact(e.value, b.span(e.sentence)))
        else:
            b.events.append(e)
        b.mentions.add(e.sentence)

    persons = [b.person() for b in dict.fromkeys(builders.values())]
    officers = [p for p in persons if p.role == "officer"]
    if officers and len(officers) < _count_officers(sentences) and all(p.name for p in officers):
        persons.append(Person(role="officer"))
    role_of = {ref: b.role for ref, b in builders.items()} | {"officer": "officer", "subject": "subject"}
    fired = _derived_fire_facts(_fired_facts(events, role_of, sentences), persons, sentences)
    not_fired = fired["officer_fired"]
    if not_fired is not None and not not_fired.value:
        # "Tillman did not return fire" and no sentence says any officer fired: nobody was shot by police, so a
        # subject the text gives no injury is uninjured, on the evidence of that sentence.
        persons = [
            replace(p, outcome=Fact("uninjured", not_fired.evidence)) if p.role == "subject" and not p.outcome else p
            for p in persons
        ]
    return PeopleFacts(people=tuple(persons), **fired)


def _fired_facts(events: list[Event], role_of: dict, sentences: list[nlp.Sentence]) -> FireFacts:
    """officer_fired / subject_fired / first_shot_by for the whole article."""
    lex = lexicon()
    out = FireFacts(officer_fired=None, subject_fired=None, first_shot_by=None)
    for role, key in (("officer", "officer_fired"), ("subject", "subject_fired")):
        fired = [e for e in events if e.kind == "fired" and role_of.get(e.referent) == role]
        shot = [e for e in events if e.kind == ("shot_by_police" if role == "officer" else "shot_police")]
        # fired if any sentence says so; not fired only when the text says that and nothing says otherwise
        best = next((e for e in fired + shot if e.value), None) or next((e for e in fired if not e.value), None)
        if best is not None:
            out[key] = Fact(bool(best.value), sentences[best.sentence].span())
    if out["officer_fired"] is None:
        rx = re.compile(lex["officer_not_fired"], re.I)
        hit = next((s for s in sentences if rx.search(s.text)), None)
        if hit is not None:
            out["officer_fired"] = Fact(False, hit.span())
    first_rx, returned_rx = re.compile(lex["first_shot"], re.I), re.compile(lex["returned_fire"], re.I)
    fired_by: dict[int, list[str]] = defaultdict(list)
    for e in events:
        if e.kind == "fired" and e.value and role_of.get(e.referent) in ("officer", "subject"):
            fired_by[e.sentence].append(role_of[e.referent])
    for si, roles in sorted(fired_by.items()):
        text = sentences[si].text
        if first_rx.search(text):
            first = roles[0]  # "the suspect shot first and the officer returned fire": the first doer
        elif returned_rx.search(text) and len(set(roles)) == 1:
            first = "subject" if roles[0] == "officer" else "officer"
        else:
            continue
        out["first_shot_by"] = Fact(first, sentences[si].span())
        break
    return out


def _derived_fire_facts(fired: FireFacts, persons: list[Person], sentences: list[nlp.Sentence]) -> FireFacts:
    """Fire facts the text entails though no sentence states them, each on the evidence of its premise:
    - subject_fired = False: every subject is unarmed or armed only with a knife, vehicle or other non-firearm,
      and nothing says a subject fired or that shots were exchanged ("shootout", "returned fire"); a sentence that
      gives the non-firearm and also names a gun ("holding a handgun in one hand and a sword") is no premise;
    - first_shot_by: if only one side fired, that side fired first - "officer" when officers fired and the subject
      did not (evidence: the subject's), "subject" when the subject fired and officers did not (evidence: the
      officers'). When the subject's firing is unknown, so is who fired first."""
    out = FireFacts(**fired)
    subjects = [p for p in persons if p.role == "subject"]
    exchange, firearm = (re.compile(lexicon()[k], re.I) for k in ("exchange_of_fire", "firearm_words"))
    if (
        out["subject_fired"] is None
        and subjects
        and all(
            p.armed and p.armed.value in _NOT_FIREARM and not firearm.search(p.armed.evidence.text) for p in subjects
        )
        and not any(exchange.search(s.text) for s in sentences)
    ):
        out["subject_fired"] = Fact(False, next(p.armed.evidence for p in subjects if p.armed))
    officer, subject = out["officer_fired"], out["subject_fired"]
    if out["first_shot_by"] is None and officer is not None and subject is not None and officer.value != subject.value:
        out["first_shot_by"] = Fact("officer", subject.evidence) if officer.value else Fact("subject", officer.evidence)
    return out
