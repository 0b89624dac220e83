"""The law-enforcement agency of the shooting, and the cities that capitalised agency names give away.

Agencies are the names the lexicon (`data/when_where.json`) describes: a capitalised name ending in an agency
word ("Little Rock Police Department", "Pulaski County Sheriff's Office", "Michigan State Police"), a fixed
federal name ("U.S. Marshals Service"), a department's acronym ("IMPD"; only when nothing else names a force;
spelled out with the city of its initials: "HPD" in a story naming Houston is Houston Police Department), or a
known city or county's force written informally ("a Dothan police officer", "Hall County sheriff's
deputies", "Amarillo officers"). Mentions of one force are one agency ("Dothan Police Chief", "Dothan police",
"Dothan Police Department"). The agency whose officers shot or were shot is preferred: names tied to an officer
noun in a sentence about the shooting beat the rest, and an agency that investigates or reviews the shooting
("The Texas Rangers are investigating the shooting") counts for little; where the shooting sentences say only
deputies (or troopers) fired ("shot by a sheriff's deputy"), a sheriff's office (state force) the story names comes
before the other forces, and an acronym tied to an officer noun is the named force it abbreviates ("a TPD officer"
in a story naming Tarnow police; "a Tarnow PD officer" is Tarnow's police). The name is the fullest form the text
writes; a force written only informally gets its full name when the text itself calls it "the department" / "the
Sheriff's Office" (never an invented one: else "Dothan Police", "Hall County Sheriff"). A city named by a
capitalised agency name ("Little Rock Police Department") is passed on to the place extractor; a county ("Pulaski
County Sheriff's Office") is not a city.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from ois import geo
from ois.extract.cues import Context, Sent, lexicon, pattern
from ois.models import Fact

# Agency scores per mention: an officer shooting sentence (3) > a shooting sentence (2) > any other (1). A mention
# tied to an officer noun ("Amarillo police officers") doubles: that agency's officers took part. An agency that
# investigates or reviews the shooting ("The Texas Rangers are investigating") counts a quarter, so it loses to any
# agency whose officers are named in a shooting sentence; the force a retired officer served counts not at all;
# asides count half, and so do sentences about other cases
# or page furniture (checked on the gold tune split: agency F1 0.840 -> 0.847); an agency's repeated mentions a
# quarter (`_group_score`). Set by hand on the fixtures, then checked on 500 Mapping Police Violence descriptions
# and ~40 news articles (longtail-gva) that none of them lowered.
_OFFICER_SHOOTING, _SHOOTING, _OTHER = 3.0, 2.0, 1.0
_INVOLVED, _INVESTIGATOR, _ASIDE, _REPEAT = 2.0, 0.25, 0.5, 0.25
_OTHER_FORCE = 0.5  # where only deputies (or troopers) fired, another kind of force (as `_not_theirs`: half or less)
_NOT_CITY = re.compile(r"\b(?:County|Parish|State|University|College|Campus|Transit|Capitol)\b|Department of")
_CITY_AGENCY = re.compile(r"\bPolice\b")  # only a police department is named after its city
_FORCE_WORDS = re.compile(r"(?:\s+(?:City|Metro|Metropolitan|Township|Borough|Village|Regional|Area|Town))+$")
_COUNTY = re.compile(r"\s(?:County|Parish)$")
_POLICE_ENDINGS = ("Police", "Police Department", "Police Dept.", "Police Bureau", "Police Service", "Police Force")


@dataclass(frozen=True)
class _Agency:
    name: str
    prefix: str  # the place part of the name ("Little Rock"), "" for fixed names
    sent: Sent
    kind: str = ""  # "police" / "sheriff": a place's own force, however it is written ("Dothan police", ...)
    full: bool = True  # the name is written in full ("Dothan Police Department"), not "Dothan Police (Chief)"
    informal: bool = False  # "Dothan police officer", "Amarillo officers": no capitalised agency word
    involved: bool = False  # tied to an officer noun: "Amarillo police officers", "deputies from the ..."
    investigator: bool = False  # investigates or reviews the shooting
    retired: bool = False  # the force a retired officer served ("a retired Tarnow police officer"): not this one
    acronym: bool = False  # "NYPD": taken only when the text names no agency otherwise

    @property
    def key(self) -> tuple[str, str]:
        """Mentions of one agency: "Las Vegas Metropolitan Police Department" and "Las Vegas police" share one."""
        return (_FORCE_WORDS.sub("", self.prefix).lower(), self.kind) if self.kind else (self.name.lower(), "")


@lru_cache(maxsize=1)
def _agency_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    suffixes = sorted(lex["agency_suffixes"], key=len, reverse=True)
    suffix = "|".join(s.replace("'", "['’]") for s in suffixes)
    word = lex["agency_name_word"]
    prefix = rf"(?P<prefix>[A-Z][\w'’.&-]*(?:\s{word}){{0,5}}?)"
    named = re.compile(rf"{prefix}\s(?P<suffix>{suffix})\b")
    informal = re.compile(rf"{prefix}\s(?P<kind>(?i:{lex['agency_informal']}))(?![\w'’-])")  # not "Officer-Involved"
    fixed = re.compile(r"(?<![\w.])(?:" + "|".join(lex["agency_names"]) + r")(?![\w])")
    return named, informal, fixed


def _is_place(name: str) -> bool:
    """A city or county name, possibly with a kind of force: "Lancaster City", "Indianapolis Metropolitan"; a
    county may drop its "County" ("Miami-Dade police")."""
    core = _FORCE_WORDS.sub("", name).strip()
    if core != name and geo.candidates(name):
        return True  # "Oklahoma City", "Kansas City": the force word is part of the city's name
    if not core or geo.state_code(core):
        return False  # "Florida Police Dispatcher"; state forces are "... State Police"
    return any((geo.candidates(core), geo.county_states(name), geo.county_states(f"{core} County")))


def _mention(name: str, prefix: str, sent: Sent, start: int, end: int, **kw) -> _Agency:
    """An agency named at sent.text[start:end], with what the words around it say about its role."""
    before, after = sent.text[:start], sent.text[end:]
    involved = kw.pop("involved", False) or bool(
        pattern("agency_involved_after").match(after) or pattern("agency_involved_before").search(before)
    )
    investigator = bool(pattern("agency_investigator_after").match(after)) or bool(
        pattern("agency_investigator_before").search(before)
    )
    retired = bool(pattern("agency_retired_before").search(before))
    return _Agency(
        name.replace("’", "'"), prefix, sent, involved=involved, investigator=investigator, retired=retired, **kw
    )


def _agencies(ctx: Context) -> list[_Agency]:
    named, informal, fixed = _agency_regexes()
    lex = lexicon()
    not_after = pattern("agency_not_after")
    not_first, not_last = set(lex["agency_not_first"]), set(lex["agency_not_last"])
    out = []
    for sent in ctx.sents:
        taken = set()  # where a formal name's agency word starts: the informal pass skips it
        for m in named.finditer(sent.text):
            words = m.group("prefix").split()
            while words and words[0] in not_first:  # "Monday Windsor Police" -> Windsor Police
                words.pop(0)
            if not words or words[-1] in not_last or not_after.match(sent.text, m.end()):
                continue  # "Seattle Assistant Police Chief", "Memphis Police Association"
            prefix, suffix = " ".join(words), m.group("suffix").replace("’", "'")
            if suffix == "Police" and not _is_place(prefix):
                continue  # headline case: "Man Shot By Police", "Florida Police Dispatcher"
            kind = "police" if suffix in _POLICE_ENDINGS else "sheriff" if "Sheriff" in suffix else ""
            taken.add(m.start("suffix"))
            start = m.end("prefix") - len(prefix)
            out.append(_mention(f"{prefix} {suffix}", prefix, sent, start, m.end(), kind=kind, full=suffix != "Police"))
        title_case = _title_case(sent.text)
        for m in informal.finditer(sent.text):
            if m.start("kind") in taken or not_after.match(sent.text, m.end()):
                continue
            if title_case and m.group("officers") and m.group("officers")[0].isupper():
                continue  # "16-Year-Old Girl Killed In East Bay Officer Shooting": every word is capitalised
            if (found := _informal(m, sent, not_first)) is not None:
                out.append(found)
        for m in fixed.finditer(sent.text):
            out.append(_mention(m.group(0), "", sent, m.start(), m.end()))
        for m in pattern("agency_acronym", 0).finditer(sent.text):
            out.append(_mention(m.group(0), "", sent, m.start(), m.end(), acronym=True))
    return out


def _title_case(text: str) -> bool:
    """A headline in title case: every word longer than a short function word ("in", "and", "with") capitalised."""
    words = [w for w in text.split() if len(w) > 4 and w[0].isalpha()]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def _informal(m: re.Match[str], sent: Sent, not_first: set[str]) -> _Agency | None:
    """ "A Dothan police officer", "Hall County sheriff's deputies", "Amarillo officers": the place's own force. The
    place is the longest run of words before the agency word that is a known city or county ("When Dothan police"
    -> Dothan)."""
    words = m.group("prefix").split()
    while words and words[0] in not_first:
        words.pop(0)
    prefix = next((" ".join(words[i:]) for i in range(len(words)) if _is_place(" ".join(words[i:]))), "")
    county = bool(_COUNTY.search(prefix))
    if not prefix or (m.group("officers") and county != m.group("officers").lower().startswith("deput")):
        return None  # "Hall County officers" may be county police or deputies; a city has no deputies
    kind = "sheriff" if m.group("officers") and county or m.group("kind").lower().startswith("sheriff") else "police"
    if m.group("dept"):
        name = f"{prefix} Police Department"
    elif m.group("office"):
        name = f"{prefix} Sheriff's {m.group('office').title()}"
    else:
        name = f"{prefix} {kind.title()}"
    full = bool(m.group("dept") or m.group("office"))
    start = m.end("prefix") - len(prefix)
    involved = bool(m.group("officers"))
    return _mention(name, prefix, sent, start, m.end(), kind=kind, full=full, informal=True, involved=involved)


def _agency_score(a: _Agency) -> float:
    officer = pattern("officer").search(a.sent.text)
    score = _OFFICER_SHOOTING if officer and a.sent.shooting else _SHOOTING if a.sent.shooting else _OTHER
    if a.sent.shooting and not a.involved and _not_theirs(a):
        score = _OTHER  # "A deputy then shot the man, though State Police have not released names"
    if a.involved:
        score *= _INVOLVED
    if a.investigator:
        score *= _INVESTIGATOR
    elif a.sent.aside or a.sent.background:
        score *= _ASIDE
    return score


def _kind(name: str) -> str:
    """The kind of force an agency's name says: "sheriff", "state" (state police or highway patrol), else "other"."""
    return "sheriff" if "Sheriff" in name else "state" if pattern("agency_state_force", 0).search(name) else "other"


def _not_theirs(a: _Agency) -> bool:
    """The shooting sentence's officers are all of another kind of force than this agency: deputies (a sheriff's)
    or troopers (a state's), and no plain "officers" or "police" (lexicon `agency_rank_*`)."""
    if pattern("agency_generic_officers", 0).search(a.sent.text):
        return False
    kinds = {kind for kind in ("sheriff", "state") if pattern(f"agency_rank_{kind}", 0).search(a.sent.text)}
    return len(kinds) == 1 and _kind(a.name) not in kinds


def _group_score(scores: list[float]) -> float:
    """An agency's best mention decides, its other mentions count a quarter: a force quoted often ("Denver police
    said ...", captions) does not outweigh the one whose officer is named in the shooting sentence."""
    return max(scores) + _REPEAT * (sum(scores) - max(scores))


def _full_name(mentions: list[_Agency], text: str) -> str:
    """The agency's name as the text writes it in full; a force written only informally ("Dothan police",
    "Marion County sheriff's deputy") gets its full name when the text calls it "the department" / "the Sheriff's
    Office" - never an invented one: else "Dothan Police", "Marion County Sheriff"."""
    full = Counter(a.name for a in mentions if a.full)
    if full:
        return max(full, key=lambda n: (full[n], -next(i for i, a in enumerate(mentions) if a.name == n)))
    first = mentions[0]
    if first.kind == "police" and pattern("agency_department_ref").search(text):
        return f"{first.prefix} Police Department"
    office = pattern("agency_sheriff_ref").search(text) if first.kind == "sheriff" else None
    return f"{first.prefix} Sheriff's {office.group(1).title()}" if office else first.name


def _shooter_kinds(ctx: Context) -> set[str]:
    """The kinds of force ("sheriff", "state", "other") of whoever fired, by their rank in the shooting sentences:
    "the deputy fired", "shot by a sheriff's deputy", "Trooper Roe shot", "officers and deputies fired"."""
    kinds = set()
    for sent in ctx.sents:
        if sent.shooting and not (sent.aside or sent.background):
            for m in pattern("agency_shooter", 0).finditer(sent.text):
                for rank in filter(None, (m.group("rank"), m.group("rank2"), m.group("rank3"))):  # as `_not_theirs`
                    ranks = (k for k in ("sheriff", "state") if pattern(f"agency_rank_{k}", 0).fullmatch(rank))
                    kinds.add(next(ranks, "other"))
    return kinds


def agency(agencies: list[_Agency], text: str, shooters: set[str] = frozenset()) -> Fact | None:
    """The agency whose officers shot or were shot (see module docstring); `shooters`: the kinds of force of whoever
    fired (`_shooter_kinds`)."""
    agencies = [a for a in agencies if not a.retired]
    named = [a for a in agencies if not a.acronym]
    if named:  # an acronym counts only as a named force's initials ("a TPD officer" in a story naming Tarnow police)
        agencies = named + [found for a in agencies if a.acronym and (found := _initials_of(a, named)) is not None]
    if not agencies:
        return None
    groups: dict[tuple[str, str], list[_Agency]] = defaultdict(list)
    for a in agencies:
        groups[a.key].append(a)
    scores = {k: _group_score([_agency_score(a) for a in g]) for k, g in groups.items()}
    (shooter,) = shooters if len(shooters) == 1 else ("other",)
    if shooter != "other" and any(_kind(g[0].name) == shooter for g in groups.values()):
        # only deputies (troopers) fired: a force of that kind, when the story names one, before any other
        scores = {k: v * (1.0 if _kind(groups[k][0].name) == shooter else _OTHER_FORCE) for k, v in scores.items()}
    best = max(groups, key=lambda k: (scores[k], -groups[k][0].sent.index))
    top = max(groups[best], key=lambda a: (not a.sent.background, _agency_score(a)))  # a caption is no evidence
    name = _full_name(groups[best], text)
    return Fact(_spelled_out(name, text) if top.acronym else name, top.sent.span())


def _initials_of(acronym: _Agency, named: list[_Agency]) -> _Agency | None:
    """The acronym's mention as one of the named police forces whose place it abbreviates, where it is an officer's
    force ("a TPD officer" for "Tarnow police", "IMPD officers" for "Indianapolis Metropolitan Police
    Department"), else None: a bare "MPD:" heads a list of other stories as often."""
    letters = acronym.name[:-2]
    if not acronym.involved:
        return None
    for a in named:
        words = _FORCE_WORDS.sub("", a.prefix).split()
        initials = "".join(w[0] for w in words).upper()
        if a.kind == "police" and words and letters in (initials, initials + "M"):
            return replace(a, sent=acronym.sent, involved=acronym.involved, investigator=acronym.investigator)
    return None


def _spelled_out(acronym: str, text: str) -> str:
    """A police department's acronym as its name: "HPD" in a story naming Houston is the Houston Police Department,
    "IMPD" naming Indianapolis the Indianapolis Metropolitan Police Department, "LAPD" the Los Angeles one even
    unnamed (the one big city of those initials, `geo.city_of_initials`); else it stays as written."""
    letters = acronym[:-2]
    forms = [(letters, "Police Department")]
    if len(letters) > 1 and letters.endswith("M"):
        forms.append((letters[:-1], "Metropolitan Police Department"))
    for initials, force in forms:
        spelled = r"\s+".join(rf"{c}(?:[a-z]+|t\.)" for c in initials)  # "SAPD": San Antonio; "St." Louis
        named = (m.group(0) for m in re.finditer(rf"\b{spelled}(?![\w-])", text) if geo.candidates(m.group(0)))
        city = next(named, None) or (found.name if (found := geo.city_of_initials(initials)) else None)
        if city:
            return f"{city} {force}"
    return acronym


def agency_facts(ctx: Context) -> tuple[Fact | None, list[tuple[str, Sent]]]:
    """(the agency whose officers shot or were shot, (city, sentence) for every capitalised city police name)."""
    agencies = _agencies(ctx)
    city_names = [  # capitalised names only: "Dothan police" is left to the place extractor's own cues
        (a.prefix if geo.candidates(a.prefix) else _FORCE_WORDS.sub("", a.prefix), a.sent)  # (not "Tulsa Metro")
        for a in agencies
        if a.prefix and not (a.informal or a.retired) and _CITY_AGENCY.search(a.name) and not _NOT_CITY.search(a.name)
    ]
    return agency(agencies, ctx.text, _shooter_kinds(ctx)), city_names
