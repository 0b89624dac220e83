"""When and where: incident date, time of day, city, state and the law-enforcement agency.

Dates and times are in `dates.py`, places in `places.py`; this module finds the agency and assembles the parts.
Agencies are the names the lexicon (`data/when_where.json`) describes: a capitalised name ending in an agency
word ("Little Rock Police Department", "Pulaski County Sheriff's Office", "Michigan State Police") or a fixed
federal name ("U.S. Marshals Service"). The agency whose officers shot is preferred: names in sentences where
officers and a shooting are mentioned beat names in other sentences, and investigating agencies (state police
often investigate a city's shooting) count for less. A city named by an agency ("Little Rock Police Department")
is passed on to the place extractor; a county ("Pulaski County Sheriff's Office") is not a city.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from ois import geo, nlp
from ois.extract.cues import Context, Sent, build, lexicon, pattern
from ois.extract.dates import incident_date, publication_stamp, time_of_day
from ois.extract.places import places
from ois.models import Article, Fact
from ois.settings import Settings

# Agency scores per mention; only the order matters: an officer shooting sentence (3) > a shooting sentence (2) >
# any other (1); investigating/asides halve it. Full names ("... Police Department") beat "Chicago Police".
_OFFICER_SHOOTING, _SHOOTING, _OTHER = 3.0, 2.0, 1.0
_INVESTIGATING = re.compile(r"\binvestigat\w*|\breview\w*|\bprob(?:e|ing)\b", re.IGNORECASE)
_NOT_CITY = re.compile(r"\b(?:County|Parish|State|University|College|Campus|Transit|Capitol)\b|Department of")
_CITY_AGENCY = re.compile(r"\bPolice\b")  # only a police department is named after its city
_FORCE_WORDS = re.compile(r"(?:\s+(?:City|Metro|Metropolitan|Township|Borough|Village|Regional|Area|Town))+$")


@dataclass(frozen=True)
class _Agency:
    name: str
    prefix: str  # the place part of the name ("Little Rock"), "" for fixed names
    sent: Sent


@lru_cache(maxsize=1)
def _agency_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    suffixes = sorted(lex["agency_suffixes"], key=len, reverse=True)
    suffix = "|".join(s.replace("'", "['’]") for s in suffixes)
    word = lex["agency_name_word"]
    named = re.compile(rf"(?P<prefix>[A-Z][\w'’.&-]*(?:\s{word}){{0,5}}?)\s(?P<suffix>{suffix})\b")
    fixed = re.compile(r"(?<![\w.])(?:" + "|".join(lex["agency_names"]) + r")(?![\w])")
    return named, fixed


def _is_place(name: str) -> bool:
    """A city or county name, possibly with a kind of force: "Lancaster City", "Indianapolis Metropolitan"."""
    core = _FORCE_WORDS.sub("", name).strip()
    if not core or geo.state_code(core):
        return False  # "Florida Police Dispatcher"; state forces are "... State Police"
    return bool(geo.candidates(core)) or bool(geo.county_states(name))


def _agencies(ctx: Context) -> list[_Agency]:
    named, fixed = _agency_regexes()
    lex = lexicon()
    not_after = pattern("agency_not_after")
    not_first, not_last = set(lex["agency_not_first"]), set(lex["agency_not_last"])
    out = []
    for sent in ctx.sents:
        for m in named.finditer(sent.text):
            words = m.group("prefix").split()
            while words and words[0] in not_first:  # "Monday Windsor Police" -> Windsor Police
                words.pop(0)
            if not words or words[-1] in not_last or not_after.match(sent.text, m.end()):
                continue  # "Seattle Assistant Police Chief", "Memphis Police Association"
            prefix = " ".join(words)
            if m.group("suffix") == "Police" and not _is_place(prefix):
                continue  # headline case: "Man Shot By Police", "Florida Police Dispatcher"
            out.append(_Agency(f"{prefix} {m.group('suffix')}".replace("’", "'"), prefix, sent))
        for m in fixed.finditer(sent.text):
            out.append(_Agency(m.group(0), "", sent))
    return out


def _agency_score(a: _Agency) -> float:
    officer = pattern("officer").search(a.sent.text)
    score = _OFFICER_SHOOTING if officer and a.sent.shooting else _SHOOTING if a.sent.shooting else _OTHER
    if a.sent.aside or _INVESTIGATING.search(a.sent.text):
        score /= 2
    if a.name.endswith(" Police"):  # a short form; the full name, when given, is the better value
        score *= 0.9
    return score


def agency(agencies: list[_Agency]) -> Fact | None:
    if not agencies:
        return None
    scores: dict[str, float] = defaultdict(float)
    first: dict[str, _Agency] = {}
    for a in agencies:
        scores[a.name] += _agency_score(a)
        first.setdefault(a.name, a)
    best = max(scores, key=lambda n: (scores[n], -first[n].sent.index))
    top = max((a for a in agencies if a.name == best), key=_agency_score)
    return Fact(best, top.sent.span())


def when_where(article: Article, parsed: nlp.ParsedText, settings: Settings) -> dict:
    """{incident_date, time_of_day, city, state, agency} -> Fact, for the keys the text supports."""
    ctx = build(article, parsed)
    if ctx.published is None:  # a page stamp ("Posted: Jan. 27, 2016") anchors "Tuesday" as a publication date does
        stamp = publication_stamp(ctx.text)
        ctx = replace(ctx, published=stamp[1] if stamp else None)
    agencies = _agencies(ctx)
    city_names = [
        (a.prefix, a.sent)
        for a in agencies
        if a.prefix and _CITY_AGENCY.search(a.name) and not _NOT_CITY.search(a.name)
    ]
    out = {
        "incident_date": incident_date(ctx),
        "time_of_day": time_of_day(ctx),
        "agency": agency(agencies),
        **places(ctx, settings, city_names),
    }
    return {k: v for k, v in out.items() if v is not None}
