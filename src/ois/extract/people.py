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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ois import nlp
from ois.extract import frame
from ois.extract.cues import background, furniture, links
from ois.extract.entities import WATCHING, Resolver
from ois.extract.fire import FireFacts, derived, fired_facts
from ois.extract.grammar import speaker
from ois.extract.name_sweep import extend, plausible
from ois.extract.names import Cluster, cluster, find_mentions, headlines, kin, lexicon
from ois.extract.placelike import place_like
from ois.extract.referents import Event, Referent
from ois.extract.roles import EventReader
from ois.models import MENTIONED_WHY, Article, Claim, Fact, Person, Span, fact_value
from ois.names import courtesy_gender, rule
from ois.settings import Settings

_PRECEDENCE = {"killed": 3, "injured": 2, "uninjured": 1}
_ARMED_ORDER = ("replica", "gun", "knife", "vehicle", "other", "unarmed")
_ACCUSED_ORDER = ("sought", "suspected", "accused", "arrested", "charged", "convicted")  # the furthest step wins


def _named(chosen: Event, events: Sequence[Event], firearm: bool) -> Event:
    """A bare firearm word ("a gun") gives way to the first firearm the person's other weapon events name."""
    bare = lexicon()["bare_firearms"]
    if not firearm or chosen.value[0] not in bare:
        return chosen
    named = re.compile(lexicon()["firearm_words"], re.IGNORECASE)
    return next((e for e in events if e.value[0] not in bare and named.search(e.value[0])), chosen)


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
        def first(kind: str, choose=None, values: tuple[str, ...] | None = None) -> Fact | None:
            evs = [e for e in self.events if e.kind == kind and (values is None or e.value in values)]
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
        armed, armed_claims = self._claimed("armed", lambda evs: min(evs, key=lambda e: _ARMED_ORDER.index(e.value)))
        fired, fired_claims = self._claimed("fired", lambda evs: next((e for e in evs if e.value), evs[0]))
        if armed is None and fired is not None and fired.value and self.role == "subject":
            armed = Fact("gun", fired.evidence)  # a subject who fired had a gun
        if self.role == "subject" and (called := first("gun_noun")) is not None:  # "the gunman" had a gun, fired
            armed = armed or called  # (not what makes him take part)
            fired = fired or Fact(True, called.evidence)
        accused = first("involved", lambda evs: max(evs, key=lambda e: _ACCUSED_ORDER.index(e.value)), _ACCUSED_ORDER)
        race = first("race")
        if race is not None:
            said, start, end = race.value
            race = Fact(_race_value(said), race.evidence, self.words(race.evidence, start, end))
        # the weapon named where the armed value was read ("a BB gun", where it turned out to be one), else the first;
        # a bare "gun" there gives way to the firearm the story names for the same person ("a .380 handgun was
        # recovered")
        at = armed.evidence if armed is not None else None
        firearm = armed is not None and armed.value == "gun"
        weapon = first(
            "weapon", lambda evs: _named(next((e for e in evs if self.span(e.sentence) == at), evs[0]), evs, firearm)
        )
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
            accused=accused,
            mentions=tuple(self.span(si) for si in sorted(self.mentions)),
            claims=armed_claims + fired_claims,
        )

    def _claimed(self, kind: str, choose) -> tuple[Fact | None, tuple[Claim, ...]]:
        """The value of a field and what another side claims instead: the value is what police or the story itself
        say (when they say anything); a different value family, witnesses or a lawyer give is a Claim."""
        evs = [e for e in self.events if e.kind == kind]
        if not evs:
            return None, ()
        lex = lexicon()
        sides, speech = lex["claim_sides"], set(lex["speech_lemmas"])
        by = {e.sentence: speaker(self.sentences[e.sentence].doc, sides, speech) for e in evs}
        own = [e for e in evs if by[e.sentence] in (None, "police")] or evs
        best = choose(own)
        claims = {}
        for e in evs:
            side = by[e.sentence]
            if side not in (None, "police") and e.value != best.value and (side, e.value) not in claims:
                claims[side, e.value] = Claim(kind, Fact(e.value, self.span(e.sentence)), side)
        return Fact(best.value, self.span(best.sentence)), tuple(claims.values())


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
    best = c.best
    b.name = Fact(
        " ".join(best.tokens), sentences[best.sentence].span(), Span(best.start, best.end, text[best.start : best.end])
    )
    for m in c.mentions:
        b.mentions.add(m.sentence)
        if (age := frame.mention_age(m, sentences, text)) is not None:
            b.ages.append(Fact(age, sentences[m.sentence].span()))
        if gender := courtesy_gender(m.title or ""):
            b.events.append(Event("gender", -1, gender, m.sentence))


# What a sentence about another case does not tell of this shooting's people ("In 2023, Roe shot his neighbor").
_NOT_BEHIND = ("involved", "fired")
# What a group did or suffered in a sentence that makes its number there the number of people in the shooting.
_COUNTED = ("fired", "outcome", "shot_by_police", "shot_police", "fired_on", "involved")


def _count(reading: Reading, persons: list[Person], side: str, police_fired: bool = False) -> Fact | None:
    """How many officers who fired (subjects) there were: the first number the text gives a group in a sentence
    where that group fired, was shot or was shot at ("three officers fired", "two suspects were wounded"; never
    victims or relatives, never "200 officers arrived"; the lead's number, not a later recap's or another
    case's: "... a week after five officers were gunned down in Dallas"; a subjects' group only when shot, shot at
    or firing: "two suspects were arrested" is no count); else the named people of that side, with the unnamed
    officers listed with one of them ("he and another deputy"), or - nobody named - the described ones (a
    description told twice may be one person told twice: names are what count is sure of); subjects shot or firing
    before those only arrested or sought; officers told by no one firing, as the group "involved" or placed on leave.
    One more of the side listed with the group where it acts counts too ("two deputies and an officer fired": three).
    When an officer we list fired, officers count only as a group that fired: "a man shot two officers; Officer Roe
    shot him" is one officer (docs/annotation.md). No officer firing (`police_fired` false), the officers the gunfire
    hit or aimed at count: "Officer Roe was shot during a traffic stop" is one officer shot at."""
    shooters = {(e.value, e.sentence) for e in reading.events if e.kind == "shot_by"}  # the group who shot X
    shooters |= {(e.referent, e.sentence) for e in reading.events if e.kind == "fired" and e.value is True}
    counted = _COUNTED if side == "officer" else tuple(k for k in _COUNTED if k != "involved")
    if side == "subject" and reading.police_shooting:  # "two partygoers were killed": the gunman's victims,
        counted = tuple(k for k in counted if k != "outcome")  # unless police shot them or they fired
    involved = {(e.referent, e.sentence) for e in reading.events if e.kind in counted and e.value is not False}
    if side == "officer" and any(p.role == side and p.fired and p.fired.value for p in persons):
        involved = shooters
    else:
        involved |= shooters
    entities = reading.resolver.entities
    counts = [
        (group, si, number)
        for group, si, number in reading.resolver.counts
        if entities[group].side == side
        and entities[group].noun_class not in ("victim", "relative")
        and si in reading.main
    ]
    groups = [(number, si, group) for group, si, number in counts if (group, si) in involved]
    if side == "subject" and not groups:  # "two men fled ... the men fired at her": the number last given them
        groups = [  # (not officers: "the officers" is whoever responded, seldom the two of a sentence before)
            (*max((si, number) for g, si, number in counts if g == group and si < later)[::-1], group)
            for group, later in sorted(involved, key=lambda gi: gi[1])
            if any(g == group and si < later for g, si, _ in counts)
        ][:1]
    if groups:
        number, si, group = min(groups, key=lambda g: g[1])
        sentence = reading.sentences[si]
        # "Two deputies and an officer fired": one more of that side listed with the group there (not in the group)
        listed = [(e.referent, e.value) for e in reading.events if e.kind == "listed" and e.sentence == si]
        others = {b if a == group else a for a, b in listed if group in (a, b)}
        number += sum(1 for r in others if not reading.resolver.plural(r) and (r, si) in involved)
        if re.search(lexicon()["more_of_group"], sentence.text, re.I):  # "Two other officers were hurt": + those before
            before = [p for p in persons if p.role == side and p.mentions and p.mentions[0].start < sentence.start]
            number += sum(1 for p in before if all(m.start != sentence.start for m in p.mentions))  # (not counted)
        return Fact(number, sentence.span())
    people = [p for p in persons if p.role == side and (side != "officer" or (p.fired and p.fired.value))]
    if side == "subject":  # the people police shot or who fired, when the story tells who: not "a suspect arrested"
        people = [p for p in people if fact_value(p.outcome) in ("killed", "injured") or fact_value(p.fired)] or people
    named = [p for p in people if p.name is not None]
    people = named or people
    if not people and side == "officer":  # "The two officers involved were placed on leave": those who fired
        told = [
            (si, n)
            for g, si, n in reading.resolver.counts  # (also an aftermath's sentence: "... were placed on leave")
            if entities[g].side == side and re.search(lexicon()["officers_involved"], reading.sentences[si].text)
        ]
        if told:
            return Fact(min(told)[1], reading.sentences[min(told)[0]].span())
        shot_at = [p for p in persons if p.role == side]  # a shooting at police: the officers it hit or aimed at
        people = [] if police_fired else [p for p in shot_at if p.name] or shot_at
    if not people:
        return None
    basis = people[0].fired or people[0].outcome if side == "officer" else None
    evidence = basis.evidence if basis is not None else people[0].mentions[0] if people[0].mentions else None
    number = len(people) + (_listed_unnamed(reading) if named and side == "officer" else 0)
    return Fact(number, evidence) if evidence is not None else None


def _headline_subject(reading: Reading, persons: list[Person]) -> list[Person]:
    """An unnamed subject read off the headline alone ("Girl, 15, wounded by deputies after chase"; lexicon
    `headline_shot_by_police`), when the story gives no subject: a paywall stub, or a headline the small model
    parses badly (its first noun an interjection); killed when it says so, else hurt; age and gender as its noun
    gives them."""
    if any(p.role == "subject" for p in persons) or not reading.resolver.headline:
        return []
    head = reading.sentences[min(reading.resolver.headline)]
    found = re.match(lexicon()["headline_shot_by_police"], head.text, re.I)
    if found is None or not (found["noun"] or found["age"]):
        return []
    told = head.span()
    dead = re.search(r"\b(?:dies|died|dead|killed|fatally)\b", found["rest"], re.I)
    age, gender = found["age"] or found["age2"], lexicon()["subject_nouns"].get((found["noun"] or "").lower())
    return [
        Person(
            "subject",
            age=Fact(int(age), told) if age else None,
            gender=Fact(gender, told) if gender else None,
            outcome=Fact("killed" if dead else "injured", told),
            mentions=(told,),
        )
    ]


def _beside_officers(roles: dict[int, str], events: list[Event], sentences: list[nlp.Sentence]) -> dict[int, str]:
    """A name listed with an officer as the doers of one volley ("Deputy Roe and Lou Marsh fired") is an officer
    too, when nothing else makes them a subject (shot by or at police, accused, a suspect's description) and the
    sentence is no exchange of fire ("Roe and Officer Varn exchanged gunfire" lists the two sides)."""
    fired = {(e.referent, e.sentence) for e in events if e.kind == "fired" and e.value is True}
    subjects = {e.referent for e in events if e.kind in ("shot_by_police", "shot_police", "involved", "alias")}
    exchange = re.compile(lexicon()["exchange_of_fire"])
    beside = {
        a
        for e in events
        if e.kind == "listed" and not exchange.search(sentences[e.sentence].text)
        for a, b in ((e.referent, e.value), (e.value, e.referent))
        if roles.get(a) == "subject"
        and roles.get(b) == "officer"
        and a not in subjects
        and {(a, e.sentence), (b, e.sentence)} <= fired
    }
    return roles | dict.fromkeys(beside, "officer")


def _listed_unnamed(reading: Reading) -> int:
    """How many unnamed officers who fired the story lists with a named one, in the main shooting ("he and another
    deputy opened fire": two, where only one is named). Not subjects: "a man and a woman were killed ... A and B"
    may list the named again."""
    listed = {(e.referent, e.value) for e in reading.events if e.kind == "listed" and e.sentence in reading.main}
    listed |= {(b, a) for a, b in listed}
    officers = {r: b for r, b in reading.builders.items() if b.role == "officer" and r not in reading.mentioned}
    named = {r for r, b in officers.items() if b.name is not None}
    fired = {e.referent for e in reading.events if e.kind == "fired" and e.value is True}
    return sum(1 for r, b in officers.items() if b.name is None and r in fired and any((r, n) in listed for n in named))


def _lone_shooter(persons: list[Person], subject_fired: Fact | None, shot: Sequence[Person] = ()) -> list[Person]:
    """A subject fired and the story has one subject: he fired, and had a gun (on the evidence of that sentence);
    not when that subject is among `shot`."""
    subjects = [p for p in persons if p.role == "subject"]
    if subject_fired is None or not subject_fired.value or len(subjects) != 1 or subjects[0].fired is not None:
        return persons
    if any(p is subjects[0] for p in shot):
        return persons
    fired = Fact(True, subject_fired.evidence)
    armed = subjects[0].armed or Fact("gun", subject_fired.evidence)
    return [replace(p, fired=fired, armed=armed) if p is subjects[0] else p for p in persons]


def _first_mention(p: Person) -> int:
    return p.mentions[0].start if p.mentions else 1 << 30


class PeopleFacts(FireFacts):
    """The people of a Report, who fired and how many."""

    people: tuple[Person, ...]
    mentioned: tuple[Person, ...]
    officer_count: Fact | None
    subject_count: Fact | None


@dataclass
class Reading:
    """What one article says about its people before deciding who took part: the input of `participants`."""

    text: str
    sentences: list[nlp.Sentence]
    clusters: list[Cluster]
    resolver: Resolver
    events: list[Event]
    main: set[int]  # sentences about the main shooting (not about other cases)
    builders: dict[Referent, _Builder]  # one per person, under its first referent
    role_of: dict[Referent, str]  # every referent's side, groups included
    mentioned: dict[Referent, str]  # why the rules say a person is only mentioned
    known: set[int]  # name clusters with evidence of being a person

    @property
    def police_shooting(self) -> bool:
        """The main shooting is one by or at police, by the events read."""
        return any(e.kind in ("shot_by_police", "shot_police") for e in self.events if e.sentence in self.main)


def read(article: Article, parsed: nlp.ParsedText, settings: Settings) -> Reading:
    """Names, descriptions, events and each person's role and rule decision for one article."""
    sentences = parsed.sentences()
    page = furniture(parsed)  # the people of a related headline or a playlist are not the story's
    # names of page furniture are nobody's, and no surname to look for elsewhere ("(Reporting by Jo Roe)")
    mentions = [m for m in find_mentions(sentences) if m.sentence not in page]
    mentions = [m for m in extend(sentences, mentions) if m.sentence not in page]
    headline = headlines(sentences)
    speakers = frame.speaking(mentions, sentences)
    clusters = cluster(mentions, rule(settings, within_article=True), headline, kin(mentions, sentences), speakers)
    lower_words = {t.text for s in sentences for t in s.doc if t.is_lower}
    clusters = [c for c in clusters if plausible(c, sentences, lower_words)]
    names = {(m.sentence, t): ci for ci, c in enumerate(clusters) for m in c.mentions for t in m.token_ids}
    genders = {ci: g for ci, c in enumerate(clusters) for t in c.titles() if (g := courtesy_gender(t))}
    officers = {ci for ci, c in enumerate(clusters) if "officer" in c.titles()}
    people_ages = frame.name_ages(clusters, sentences, article.text)
    known = frame.known_people(clusters, sentences, article.text) | set(people_ages)
    behind = background(parsed, article.published)
    officials = {ci for ci, c in enumerate(clusters) if "other" in c.titles()}
    resolver = Resolver(names, genders, officers, headline, known, people_ages, behind, officials)
    reader = EventReader(resolver, headline)
    listed = links(parsed)  # other stories' headlines under "ALSO:" tell of nobody here
    events = [e for si, s in enumerate(sentences) if si not in listed for e in reader.read(si, s)]
    events = frame.merged(events, resolver)
    events += frame.rostered(events, sentences, names)
    main = set(range(len(sentences))) - behind
    named_roles = _beside_officers(frame.roles(clusters, events, sentences, resolver.officers, main), events, sentences)
    # a name is a person when something says so: NER, a title, an age, a description it is given, police
    # shooting at them or being shot at by them, being arrested or charged, shooting someone - and it is no place
    # ("Harlow Parkway")
    vouched = {e.referent for e in events if e.kind in ("alias", "member", "shot_by_police", "shot_police")}
    vouched |= {e.referent for e in events if e.kind == "involved" and e.value in ("arrested", "charged")}
    vouched |= {e.value for e in events if e.kind == "shot_by"}  # "Orrin shot Kessel"
    placed = {ci for ci in vouched if isinstance(ci, int) and place_like(clusters[ci], sentences)}
    # a full name NER calls a person is one where its surname alone was taken for an organisation ("killing Varn");
    # such names are never the antecedent of a description ("the suspect"), only themselves
    known_by_name = known | frame.known_people(clusters, sentences, article.text, full_names=True)
    named_roles = {
        ci: r for ci, r in named_roles.items() if ci in known_by_name or (ci in vouched and ci not in placed)
    }
    # a witness ("The first witness was Jo Roe, a woman who said ...") is no subject for being called a woman
    acting = {e.referent for e in events if e.kind in frame.SUBSTANTIVE}
    watching = {ci for ci, r in named_roles.items() if r == "subject" and resolver.marks.get(ci, set()) & WATCHING}
    named_roles = {ci: r for ci, r in named_roles.items() if ci not in watching - acting}
    roles: dict[Referent, str] = {**named_roles, **frame.entity_roles(resolver, events, main)}
    recalled = frame.recalled_only(events, main, sentences, names)
    absorbed = frame.absorbed(roles, events, resolver, recalled)
    events = [replace(e, referent=absorbed[e.referent]) if e.referent in absorbed else e for e in events]
    roles = {ref: role for ref, role in roles.items() if ref not in absorbed}

    builders: dict[Referent, _Builder] = {}
    for ref, role in roles.items():
        builders[ref] = b = _Builder(role, sentences)
        if isinstance(ref, int):
            _name_facts(b, clusters[ref], article.text, sentences)
    subjects = [ref for ref, b in builders.items() if b.role == "subject" and ref not in recalled]
    unresolved = [e for e in events if e.referent == "subject"]  # "a gun was found": the subject's, if one
    if len(subjects) == 1:
        builders["subject"] = builders[subjects[0]]
    elif not subjects and any(e.kind in frame.SUBSTANTIVE for e in unresolved):
        builders["subject"] = _Builder("subject", sentences)
    unique = {id(b): (ref, b) for ref, b in reversed(list(builders.items()))}  # a builder under its first key
    own = {ref: b for ref, b in reversed(list(unique.values()))}
    group_outcomes = [e for e in events if resolver.plural(e.referent) and resolver.is_officer(e.referent)]
    for b in own.values():  # "no officers were injured" holds for each of them
        if b.role == "officer":
            b.events += [e for e in group_outcomes if e.kind == "outcome" and e.value == "uninjured"]
    for e in events:
        b = builders.get(e.referent)
        if b is None or (e.kind in _NOT_BEHIND and e.sentence in behind):
            continue  # (a conviction in a case the story recalls is not this shooting's legal step, nor a shot fired)
        if e.kind == "age":
            b.ages.append(Fact(e.value, b.span(e.sentence)))
        else:
            b.events.append(e)
        b.mentions.add(e.sentence)

    role_of = {ref: b.role for ref, b in builders.items()}
    role_of |= {ref: ent.side for ref, ent in resolver.entities.items() if ent.plural}
    mentioned = {ref: b.role for ref, b in own.items() if b.role in MENTIONED_WHY}
    candidates = {r: (b.role, b.mentions) for r, b in own.items() if r not in mentioned}
    no_hits = re.compile(lexicon()["no_police_hits"], re.I)  # "no one was struck by police gunfire"
    cleared = any(no_hits.search(sentences[si].text) for si in main)
    shot = {e.referent for e in events if e.kind == "shot_by_police" and resolver.plural(e.referent)}  # as a group
    sizes = [n for g, si, n in resolver.counts if g in shot and si in main and not resolver.is_officer(g)]
    mentioned |= frame.not_participants(candidates, events, main, role_of, recalled, cleared, max(sizes, default=0))
    return Reading(article.text, sentences, clusters, resolver, events, main, own, role_of, mentioned, known)


def people(article: Article, parsed: nlp.ParsedText, settings: Settings) -> PeopleFacts:
    """People, who fired and how many, for one article (see the module docstring)."""
    reading = read(article, parsed, settings)
    mentioned = reading.mentioned
    built = {ref: b.person() for ref, b in reading.builders.items()}
    for ref in frame.caught({r: p for r, p in built.items() if r not in mentioned}, reading.events):
        built[ref] = replace(built[ref], role="bystander")
    persons = sorted((p for ref, p in built.items() if ref not in mentioned), key=_first_mention)
    others = [replace(p, role=mentioned[ref]) for ref, p in built.items() if ref in mentioned and p.name is not None]
    here = {r: role for r, role in reading.role_of.items() if mentioned.get(r) != "earlier case"}  # who fired now
    fired = derived(fired_facts(reading.events, here, reading.sentences, reading.main), persons, reading.sentences)
    # outside a police shooting the one subject who was shot may be the person an unnamed gunman shot
    shot = [p for p in persons if fact_value(p.outcome) in ("killed", "injured")] if not reading.police_shooting else []
    persons = _lone_shooter(persons, fired["subject_fired"], shot) + _headline_subject(reading, persons)
    held = fired["subject_fired"]
    if held is not None and not held.value:  # no subject fired ("he was unarmed", "armed with a knife"): none did
        persons = [replace(p, fired=held) if p.role == "subject" and p.fired is None else p for p in persons]
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
        officer_count=_count(reading, persons, "officer", bool(fact_value(fired["officer_fired"]))),
        subject_count=_count(reading, persons, "subject"),
        **fired,
    )
