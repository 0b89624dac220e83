"""The incident frame: who is who in the main shooting, and who is only mentioned.

Given the named people (name clusters), the described ones (`entities.py`) and the events read off the parse
(`roles.py`), these rules decide each person's role (officer, subject, bystander) or why they are only mentioned:
a spokesperson, an official or a quoted relative; someone of another or earlier case the story recalls (every
sentence about them is about that case, `cues.background_sentences`); in a police shooting, the subject's own
victims, and people the text never links to police once it links someone. They also merge what the text says is
one person: a description given a name ("the man, identified as John Doe"), a headline's description taken up by
the story, the one described and the one named person of a side. Names count as people only with some evidence
(spaCy's PERSON, a title, an age): a street or a venue the parse puts where a person goes is no participant.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from ois import nlp
from ois.extract import officials
from ois.extract.cues import pattern
from ois.extract.entities import Resolver
from ois.extract.names import Cluster, Mention, is_source, lexicon
from ois.extract.placelike import place_like
from ois.extract.referents import Event, Referent
from ois.models import Person, fact_value
from ois.names import is_suffix

# Events that say what a person did or what happened to them (not only what they are called).
SUBSTANTIVE = frozenset({"fired", "outcome", "shot_by_police", "shot_police", "involved", "armed"})


def roles(
    clusters: list[Cluster], events: list[Event], sentences: list[nlp.Sentence], officers: set[int], main: set[int]
) -> dict[int, str]:
    """Each named person's role ("officer", "subject", "bystander"), or why they are only mentioned ("official",
    "relative"); names with neither (a witness quoted once) are left out."""
    by_ref: dict[Referent, list[Event]] = defaultdict(list)
    for e in events:
        by_ref[e.referent].append(e)
    lex, roles = lexicon(), {}
    relatives = {w for w, kind in lex["noun_classes"].items() if kind == "relative"}
    police_hit = {e.referent for e in events if e.kind == "shot_by_police" and isinstance(e.referent, int)}
    for i, c in enumerate(clusters):
        evs = by_ref.get(i, [])
        aliases = {e.value[0] for e in evs if e.kind == "alias"} | {
            "officer" for e in evs if e.kind == "member" and i in officers
        }
        nouns = {e.value[1] for e in evs if e.kind == "alias"}
        substantive = [e for e in evs if e.kind in SUBSTANTIVE]
        # "Police Chief Lou Marsh was shot": a chief, a sheriff in this shooting is one of its officers (not one
        # accused or armed: a name slip, "Sheriff Jo Roe Evers"); the title first, the parse only for the titled
        accused = any(e.kind in ("involved", "armed") for e in substantive)
        command = (
            not accused
            and officials.in_command(c, sentences)
            and officials.named_in(c, [e for e in substantive if e.sentence in main], sentences)
        )
        if "other" in c.titles() and not command:
            roles[i] = "official"
        elif "officer" in c.titles() or "officer" in aliases or command:
            official = (officials.non_participant(c, sentences) and not command) or (
                not substantive and officials.peripheral(c, sentences)
            )
            roles[i] = "official" if official else "officer"
        elif "bystander" in aliases and (police_hit - {i} or "mistake" not in nouns):  # (see roles._stray)
            roles[i] = "bystander"
        elif substantive or nouns & set(lex["subject_alias_nouns"]):
            roles[i] = "official" if not substantive and officials.non_participant(c, sentences) else "subject"
        elif nouns & relatives:
            roles[i] = "relative"
        elif officials.non_participant(c, sentences):
            roles[i] = "official"
    return roles


def mention_age(m: Mention, sentences: list[nlp.Sentence], text: str) -> int | None:
    """The age written next to one name mention ("Dale Orrin, 30", "30-year-old Dale Orrin"); not the age of a
    person noun the name modifies ("a 15-year-old Chester boy" is the boy's age, and Chester his town)."""
    lex = lexicon()
    sent = sentences[m.sentence]
    rest = text[m.end : sent.end]
    match = re.match(lex["age_after_name"], rest, re.I)
    if match is None and not _noun_follows(rest):
        match = re.search(lex["age_before_name"], text[sent.start : m.start])
    age = int(next(g for g in match.groups() if g)) if match else 0
    return age if 0 < age < 110 else None


def _noun_follows(rest: str) -> bool:
    """The words after a name open with a person noun ("boy", "man", "officer"): the name is its modifier."""
    word = re.match(r"\s+([a-z]+)\b", rest)
    lex = lexicon()
    return word is not None and any(word.group(1) in lex[k] for k in ("subject_nouns", "description_nouns"))


def speaking(mentions: list[Mention], sentences: list[nlp.Sentence]) -> set[tuple[int, int]]:
    """(sentence, start) of the name mentions that only speak there (`names.is_source`: "Dana Roe said")."""
    spoken = (m for m in mentions if m.token_ids and is_source(sentences[m.sentence].doc.doc[m.token_ids[-1]]))
    return {(m.sentence, m.start) for m in spoken}


def name_ages(clusters: list[Cluster], sentences: list[nlp.Sentence], text: str) -> dict[int, int]:
    """The age written next to a name, per name cluster (its first mention with one)."""
    out = {}
    for ci, c in enumerate(clusters):
        age = next((a for m in c.mentions if (a := mention_age(m, sentences, text)) is not None), None)
        if age is not None:
            out[ci] = age
    return out


def known_people(
    clusters: list[Cluster], sentences: list[nlp.Sentence], text: str, full_names: bool = False
) -> set[int]:
    """Name clusters known to be people: a mention has a title, an age after it or a suffix ("Lincoln Steel Jr."),
    or spaCy calls a mention a PERSON and no mention a place or an organisation - and the name is no place
    (`place_like`). With `full_names`, the clusters that are people when only their full-name mentions count (the
    small model often takes a surname alone for an organisation: "Deputies tried to arrest Tom Varn ... killing
    Varn", "Varn" an ORG), among those that also have surname-only mentions."""
    age = re.compile(lexicon()["age_after_name"], re.I)
    out = set()
    for ci, c in enumerate(clusters):
        full = [m for m in c.mentions if len(m.tokens) > 1] if full_names else c.mentions
        if full_names and len(full) in (0, len(c.mentions)):
            continue  # no full name, or only full names: the plain call's answer
        labels = {sentences[m.sentence].doc.doc[i].ent_type_ for m in full for i in m.token_ids}
        strong = any(m.title or age.match(text[m.end : sentences[m.sentence].end]) for m in c.mentions)
        strong = strong or any(is_suffix(m.tokens[-1]) for m in c.mentions if len(m.tokens) > 2)
        if strong or (
            "PERSON" in labels and not labels & {"GPE", "LOC", "FAC", "ORG"} and not place_like(c, sentences)
        ):
            out.add(ci)
    return out


_APART = ("apart", "listed")  # events whose value is another referent the first is told apart from


def merged(events: list[Event], resolver: Resolver) -> list[Event]:
    """Events of a description given a name ("the man, identified as John Doe") re-pointed at the named person; a
    named member of a group ("the officers killed were identified as A, B and C") shares what the group suffered
    (unless told their own fate), and an officer unhurt the gunfire of the officers' group."""
    named = {e.value[2]: e.referent for e in events if e.kind == "alias" and isinstance(e.value[2], str)}
    out = [replace(e, referent=named[e.referent]) if e.referent in named else e for e in events]
    # ("a juvenile and a man were shot ... the teen, A, died": the man is still apart from A)
    out = [replace(e, value=named[e.value]) if e.kind in _APART and e.value in named else e for e in out]
    members: dict[Referent, list[Referent]] = defaultdict(list)
    for e in events:
        if e.kind == "member" and e.value is not None:
            members[e.value].append(e.referent)
    own = {e.referent for e in out if e.kind == "outcome"}  # ("the wounded officers were identified as A and B")
    shared = [
        replace(e, referent=member)
        for e in out
        if (e.kind == "outcome" and e.value in ("killed", "injured")) or e.kind in ("shot_by_police", "shot_police")
        for member in members.get(e.referent, ())
        if e.kind != "outcome" or member not in own
    ]
    hit = {e.referent for e in out + shared if e.kind == "outcome" and e.value in ("killed", "injured")}
    # "two officers fired back ... the officers, A and B, are on leave": each fired (not the officers shot, whom the
    # gunman hit: "officers killed the gunman, who killed Officers A and B"; not other groups: the small model may read
    # a headline naming victims and a shooting as the victims shooting)
    fired = [
        replace(e, referent=member)
        for e in out
        if e.kind == "fired" and e.value is True and resolver.is_officer(e.referent)
        for member in members.get(e.referent, ())
        if member not in hit
    ]
    return out + shared + fired + _whole_roster(out, resolver, hit)


def _whole_roster(events: list[Event], resolver: Resolver, hit: set[Referent]) -> list[Event]:
    """ "Officers A and B went to the home. Both officers fired": a group of officers that fired, counted as many as
    the story names officers, all named together, is those officers: each fired (not one the gunfire hit)."""
    named = sorted(r for r in resolver.officers if isinstance(r, int))
    pairs = {frozenset((e.referent, e.value)) for e in events if e.kind == "listed"}
    linked = set(named[:1])
    for _ in named:  # (those listed with the first, with them, ...)
        linked |= {r for pair in pairs if pair & linked for r in pair}
    together = len(named) > 1 and set(named) <= linked
    counted = {(g, si): n for g, si, n in resolver.counts}
    return [
        replace(e, referent=member)
        for e in events
        if together
        and e.kind == "fired"
        and e.value is True
        and counted.get((e.referent, e.sentence)) == len(named)
        and resolver.is_officer(e.referent)
        and e.sentence not in resolver.background  # (not a sentence about another case, or dated a year before)
        for member in named
        if member not in hit
    ]


# A listed person's name starts within this many words of its line ("Senior Police Officer B. Roe").
_ROSTER_NAME_WITHIN = 5
# A person this young shot beside an armed adult is caught in the shooting, not its subject (a rule, not fitted).
_CHILD_AGE_MAX = 9


def rostered(events: list[Event], sentences: list[nlp.Sentence], names: dict[tuple[int, int], int]) -> list[Event]:
    """Events for the people a story lists under a line that introduces them ("The three officers who fired
    are:" then one paragraph per officer, "Sgt. J. Roe, hired in 2001, North Patrol"): each listed name is a
    member of the line's one described group or person, and did what it did there (on the line's evidence). The
    list runs while each next paragraph opens with a name and introduces nothing itself."""
    out: list[Event] = []
    for si, sent in enumerate(sentences):
        if not (sent.text.rstrip().endswith(":") and sent.paragraph.rstrip().endswith(sent.text.rstrip())):
            continue
        told = [e for e in events if e.sentence == si and e.kind in SUBSTANTIVE]
        if len({e.referent for e in told}) != 1:
            continue
        group = told[0].referent
        for item in range(si + 1, len(sentences)):
            opener = _opening_name(sentences[item], item, names)
            if opener is None or sentences[item].paragraph.rstrip().endswith(":"):
                break
            out.append(Event("member", opener, group, item))
            out += [replace(e, referent=opener) for e in told]
    return out


def _opening_name(sent: nlp.Sentence, si: int, names: dict[tuple[int, int], int]) -> int | None:
    """The person a paragraph opens with (its first sentence's name within its first few words), else None."""
    if not sent.paragraph.lstrip().startswith(sent.text.lstrip()[:20]):
        return None
    start = sent.doc.start
    return next((names[si, t] for t in range(start, start + _ROSTER_NAME_WITHIN) if (si, t) in names), None)


def called(events: list[Event], noun_class: str) -> set[Referent]:
    """The people some noun of this class names ("his mother", "the suspect")."""
    classes = lexicon()["noun_classes"]
    return {e.referent for e in events if e.kind == "alias" and classes.get(e.value[1]) == noun_class}


def caught(people: dict[Referent, Person], events: list[Event]) -> set[Referent]:
    """Subjects who were caught in the shooting rather than its subject: unarmed, not firing, and a young child
    ("Lila, 5,") or a relative of the story ("her son", "his daughter") - when some other subject remains (the
    armed mother, the father who drove at officers). They are bystanders."""
    kin = called(events, "relative")
    subjects = {r for r, p in people.items() if p.role == "subject"}
    idle = {r for r in subjects if fact_value(people[r].armed) in (None, "unarmed") and not fact_value(people[r].fired)}
    children = {r for r in idle if people[r].age is not None and people[r].age.value <= _CHILD_AGE_MAX}
    out = children if subjects - children else set()
    if subjects - out - (idle & kin):
        out |= idle & kin
    return out


def absorbed(
    roles: dict[Referent, str], events: list[Event], resolver: Resolver, recalled: set[Referent]
) -> dict[str, Referent]:
    """Descriptions that are another person of the story under other words: the side's one named person ("a
    state trooper ... Trooper Alan Whitcombe returned fire"), or, when the side has nobody named, its first
    description ("Teen killed ..." / "a 14-year-old boy was killed ..." / "the boy"). A description joins the
    first such person (named first, then in reading order) when nothing tells it apart from them or from any
    description that joined them (gender, age, what happened to each, one shooting the other, "another man"), and
    never on a side whose group the story counts ("two men were shot"): its people are several - only one shot
    joins the one named person killed (a subject: shot) when none of the counted group was shot ("police
    chased three men ... a 14-year-old was killed ... Roe died"; "shot one of two men ... the wounded man, Roe"), and
    one who fired the one named who fired when none of the group fired
    ("the man who shot five people ... Roe fired"). Where the side has several named people, a description joins the one
    named person of its age, else the only one nothing tells it apart from, else (one killed) the only one killed,
    else (one police fired on) the only one police fired on;
    the dead apart from the arrested and charged, the shot apart from the unhurt."""
    marks: dict[Referent, set[str]] = defaultdict(set)
    ages: dict[Referent, set[int]] = defaultdict(set)
    apart: set[frozenset[Referent]] = set()
    for e in events:
        if e.kind == "outcome" and e.value in ("killed", "injured"):
            marks[e.referent].add("shot")
        elif ((e.kind == "fired" and e.value) or e.kind == "shot_police") and e.sentence not in resolver.background:
            marks[e.referent].add("shooter")  # (not one who fired in another case: "In 2023, Roe shot his neighbor")
            if e.kind == "shot_police":
                marks[e.referent].add("at police")
        elif e.kind == "shot_by_police":
            marks[e.referent].add("fired on")
        elif e.kind == "age":
            ages[e.referent].add(e.value)
        elif e.kind == "involved" and e.value == "sought":
            marks[e.referent].add("sought")  # "Suspect sought after man killed": the man is not at large
        elif e.kind in ("shot_by", "apart", "listed"):
            apart.add(frozenset((e.referent, e.value)))
    # the dead are not charged: "his 17-year-old stepson" killed is not "Wendell Oakes" charged with murder
    dead = {e.referent for e in events if e.kind == "outcome" and e.value == "killed"}
    hurt = {e.referent for e in events if e.kind == "outcome" and e.value == "injured"}  # (or only "shot")
    charged = {e.referent for e in events if e.kind == "involved" and e.value in ("arrested", "charged")}
    apart |= {frozenset((d, c)) for d in dead for c in charged - dead}
    unhurt = {e.referent for e in events if e.kind == "outcome" and e.value == "uninjured"}  # her passenger, not hurt
    apart |= {frozenset((h, u)) for h, m in marks.items() if "shot" in m for u in unhurt}
    for ref, age in resolver.ages.items():  # named people's ages ("Lila Roe, 5,")
        ages[ref].add(age)
    current = resolver.in_story - recalled  # (`recalled_only`)
    # nor one whose deeds and fate are told only in sentences about other cases ("In 2023, Roe shot his neighbor, Gray")
    told = {e.referent for e in events if e.kind in SUBSTANTIVE}
    current -= told - {e.referent for e in events if e.kind in SUBSTANTIVE and e.sentence not in resolver.background}
    out: dict[str, Referent] = {}
    for side in ("officer", "subject"):
        # a person named only in sentences about other cases takes up no one of this shooting, nor an onlooker
        named = [
            r
            for r, role in roles.items()
            if isinstance(r, int) and role == side and r in current and "onlooker" not in resolver.marks.get(r, ())
        ]
        described = sorted(
            (r for r, role in roles.items() if isinstance(r, str) and role == side and not resolver.plural(r)),
            key=lambda r: resolver.entities[r].sentence,
        )
        # (a count in a sentence about another case, "the Dallas shooter who killed five cops", is none of these, nor
        # "two other troopers": the others - not "other suspects", which says the story is unsure how many there were)
        groups = {
            g
            for g, si, _ in resolver.counts
            if si not in resolver.background
            and resolver.entities[g].side == side
            and (side == "subject" or g.count(":") == 1)  # ("other" groups' ids say where: `Resolver.description`)
        }
        if groups:  # several people: one shot, of a group none of whom was shot ("police chased three men"), is
            # the one named killed; one who fired, of a group none of whom fired ("five people were shot"), the one
            # named who fired; one of an age, the one named of that age ("a man and a woman were killed ... a
            # 19-year-old man shot by an officer" is Roe, 19)
            for ref in described:
                aged = _aged(ref, named, ages)
                if len(aged) == 1 and _same_one(ref, aged[0], marks, ages, resolver, apart):
                    out[ref] = aged[0]  # type: ignore[assignment]
            for mark, only in (
                (
                    "shot",
                    [n for n in named if n in dead] or [n for n in named if side == "subject" and "shot" in marks[n]],
                ),
                ("shooter", [n for n in named if "shooter" in marks[n]]),
            ):
                if len(only) != 1 or any(mark in marks[g] for g in groups):
                    continue
                for ref in described:
                    if mark in marks[ref] and ref not in out and _same_one(ref, only[0], marks, ages, resolver, apart):
                        out[ref] = only[0]  # type: ignore[assignment]
            continue
        if len(named) > 1:  # several named: a description joins the one of its age ("a 5-year-old boy" is Lila, 5),
            for ref in described:  # else the only one nothing tells it apart from ("a 19-year-old man who shot")
                aged = _aged(ref, named, ages)
                fits = [n for n in aged or named if _same_one(ref, n, marks, ages, resolver, apart)]
                fated = [n for n in fits if n in dead]  # "one officer killed": the dead one
                fits = fated if len(fated) == 1 and ref in dead else fits
                # "a man shot and killed by police": the one police fired on, not whom he stabbed (nor, dead, one
                # told hurt: a teaser's "man killed by police" is not the story's wounded gunman)
                aimed = [n for n in fits if "fired on" in marks[n] and (n in dead or ref not in dead or n not in hurt)]
                fits = aimed if len(aimed) == 1 and "fired on" in marks[ref] else fits
                if len(fits) == 1:
                    out[ref] = fits[0]  # type: ignore[assignment]
            continue
        if len(described) < (1 if named else 2):
            continue
        people: list[list[Referent]] = []  # each description joins the first person nothing tells it apart from
        for ref in [*named, *described]:
            same = next((p for p in people if all(_same_one(ref, o, marks, ages, resolver, apart) for o in p)), None)
            if same is None:
                people.append([ref])
            else:
                same.append(ref)
                out[ref] = same[0]  # type: ignore[index]
    return out


def _aged(ref: Referent, named: list[Referent], ages: dict[Referent, set[int]]) -> list[Referent]:
    """The named people of a description's age ("a 5-year-old boy" and Lila, 5)."""
    return [n for n in named if ages[ref] and ages[n] == ages[ref]]


def _same_one(
    a: Referent,
    b: Referent,
    marks: dict[Referent, set[str]],
    ages: dict[Referent, set[int]],
    resolver: Resolver,
    apart: set[frozenset[Referent]],
) -> bool:
    """Nothing tells two people apart: gender, age, what happened to each, one shooting the other, "another"."""
    genders = {resolver.gender_of(a), resolver.gender_of(b)} - {None}
    if len(genders) > 1 or len(ages[a] | ages[b]) > 1 or frozenset((a, b)) in apart:
        return False
    if any(isinstance(r, str) and resolver.entities[r].distinct for r in (a, b)):
        return False
    # the trooper who was shot is the one who fired; a shooter police fired at may be one shot ("fired at a man who
    # shot at them ... The man, X, was struck"), and so may one who fired at police, beside one police fired on
    # ("deputies shot and killed a man ... Roe fired a rifle at deputies")
    hit = [
        {"fired on", "shooter"} <= marks[r] or ("at police" in marks[r] and "fired on" in marks[o])
        for r, o in ((a, b), (b, a))
    ]
    fates = [
        marks[r] - {"fired on", "at police"} | ({"shot"} if shot else set())
        for r, shot in zip((a, b), hit, strict=True)
    ]
    return fates[0] <= fates[1] or fates[1] <= fates[0]


def entity_roles(resolver: Resolver, events: list[Event], main: set[int]) -> dict[Referent, str]:
    """Described people (not groups) who did something or had something happen to them in the main shooting."""
    active = {e.referent for e in events if e.kind in SUBSTANTIVE and e.sentence in main}
    return {ref: ent.side for ref, ent in resolver.entities.items() if not ent.plural and ref in active}


def recalled_only(
    events: list[Event], main: set[int], sentences: list[nlp.Sentence], names: dict[tuple[int, int], int]
) -> set[Referent]:
    """People whose deeds and fate the story tells only in sentences that say they recall another case ("Four
    years ago, Dana Roe, 9, was hit by a stray bullet"): a recalled case, however often the story names them
    since. (A sentence about another case only by an older year is not enough: "Roe, hired in 2011, was killed in the
    exchange" tells of this shooting.) So is one whose name labels a case ("likened to the Dale Roe case", "in Roe's
    case") and whom a sentence about another case tells of ("the 2019 death of Dale Roe")."""
    phrases = (pattern("background"), pattern("series"))  # (lexicon: what recalls another case, or counts others)
    told: dict[Referent, set[int]] = defaultdict(set)
    for e in events:
        if e.kind in SUBSTANTIVE:
            told[e.referent].add(e.sentence)
    recalled = {si for si in set(range(len(sentences))) - main if any(p.search(sentences[si].text) for p in phrases)}
    cases = {ref for (si, ti), ref in names.items() if _labels_case(sentences[si].doc.doc[ti])}
    return {ref for ref, said in told.items() if said <= recalled or (ref in cases and said - main)}


def _only_unhurt(ref: Referent, events: list[Event]) -> bool:
    """All the main sentences tell of this person is that they were not hurt."""
    told = [e for e in events if e.referent == ref and e.kind in SUBSTANTIVE | {"shot_by", "fired_on"}]
    return bool(told) and all(e.kind == "outcome" and e.value == "uninjured" for e in told)


def _labels_case(tok) -> bool:
    """The name token is (part of) a name labelling a case: "the Dale Roe case", "Roe's case"."""
    while tok.dep_ in ("compound", "flat") and tok.head.pos_ == "PROPN":
        tok = tok.head
    return tok.dep_ in ("compound", "poss") and tok.head.lemma_ in lexicon()["case_nouns"]


def not_participants(
    people: dict[Referent, tuple[str, set[int]]],
    events: list[Event],
    main: set[int],
    role_of: dict[Referent, str],
    recalled: set[Referent],
    cleared: bool = False,
    shot_group: int = 0,
) -> dict[Referent, str]:
    """Why a participant-looking person (`people`: role and the indices of the sentences about them) is only
    mentioned: "earlier case" (every sentence about them is about another case, or `recalled`: every one telling
    what they did or what happened to them recalls one), or, in a police shooting, "victim of the subject": shot but
    neither shot by nor shooting at police, not shooting, not arrested - the people the subject hurt (the subject is
    linked to police, and the text says someone other than police shot them or nothing of who did; or `cleared`: a
    main sentence says no victim was hit by police gunfire; or an officer was shot and a subject fired or is accused,
    when the person is not called a suspect nor a relative caught in the gunfire) - unless police shot a group of
    `shot_group` and as many such people; "other": a subject of a police shooting whom nothing links to police while
    others are - unless only descriptions are linked and this named person, called the gunman, is accused or sought,
    or police shot a group of `shot_group` and no more subjects were shot."""
    main_events = [e for e in events if e.sentence in main]
    police_side = {e.referent for e in main_events if e.kind in ("shot_by_police", "shot_police")}
    suspects = {e.referent for e in main_events if (e.kind == "fired" and e.value) or e.kind == "involved"}
    shot = {e.referent for e in main_events if e.kind == "outcome" and e.value in ("killed", "injured")}
    linked = {ref for ref, (role, _) in people.items() if role == "subject" and ref in police_side}
    # only descriptions are linked ("a gunman shot two officers"): the named person accused or sought may be him
    unnamed = not any(isinstance(ref, int) for ref in linked)
    suspected, kin = called(events, "suspect"), called(events, "relative")
    accused = {e.referent for e in main_events if e.kind == "involved" and e.referent in suspected}
    at_police = any(role_of.get(r) == "officer" for r in shot) and any(role_of.get(r) == "subject" for r in suspects)
    by_police = {e.referent for e in main_events if e.kind == "shot_by" and role_of.get(e.value) == "officer"}
    others = {e.referent for e in main_events if e.kind == "shot_by"} - by_police  # ("shot two men ... Roe died")
    unlinked = shot - police_side - others  # (those who fired or are accused too: "two men were shot; one died")
    hit = [r for r, (role, _) in people.items() if role == "subject" and r in unlinked]
    of_group = not linked and len(hit) == shot_group > 0
    # "two men were shot by deputies ... the driver, A, died ... his passenger, B, was wounded": both of the group
    shot_subjects = [r for r, (role, _) in people.items() if role == "subject" and r in shot]
    in_group = set(shot_subjects) if 0 < len(shot_subjects) <= shot_group else set()
    out = {}
    for ref, (role, mentions) in people.items():
        if (mentions and not mentions & main) or ref in recalled:
            out[ref] = "earlier case"
        elif (
            role == "subject"
            and ref in shot
            and ref not in police_side | suspects
            and (police_side or cleared or (at_police and ref not in suspected | kin))
        ):
            if ref not in by_police and not (of_group and ref in hit):
                out[ref] = "victim of the subject"
        elif role == "subject" and police_side and _only_unhurt(ref, main_events):
            out[ref] = "other"  # "the clerk, X, was not hurt": nobody fired at them, they fired at no one
        elif linked and role == "subject" and ref not in linked | in_group and not (unnamed and ref in accused):
            out[ref] = "other"  # a police shooting's subjects are the people police shot or who shot at police
    return out
