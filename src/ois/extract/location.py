"""Where exactly: the street location ("3700 block of West Polk Street", "10th and Lincoln") and the kind of place
("gas station", "home") of the shooting, each as the text writes it.

Street locations are, strongest first: a block ("the 800 block of Cadillac Drive"), a street number with its street
("3615 Brumbaugh Boulevard"), an intersection ("near 10th and Lincoln", "East 34th Street and North Emerson
Avenue"), a street with its type after a preposition ("on Old Manslick Road"). A kind of place is a place noun of
the lexicon (`data/location.json`) after "at/in/outside/near ..." ("at the Food Lion shopping center", "inside a
home"). Both are read from the sentences that describe the shooting first, then from the rest in order; asides
(court, funerals) and hospital clauses never give the place, and neither does a sentence about another case.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TypedDict

from ois import data
from ois.extract.cues import Context, Sent, pattern
from ois.models import Fact

# Street locations this far into the story (sentences) still count when no shooting sentence gives one.
_LEAD_SENTENCES = 8
_LIVES = re.compile(r"\bliv(?:e|es|ed|ing)\s*$", re.IGNORECASE)
_TRAILING_DAY = re.compile(
    r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|June|July|August"
    r"|September|October|November|December)$"
)
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_DETERMINERS = ("the", "a", "an", "his", "her", "their")


class Location(TypedDict, total=False):
    """The street location and the kind of place; a key is absent when the text does not say."""

    address: Fact
    place_type: Fact


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]:
    """(street location patterns, strongest first; the place-noun pattern)."""
    lex = data.load("location")
    types = "|".join(sorted(lex["street_types"], key=len, reverse=True))
    directions = "|".join(sorted(lex["directions"], key=len, reverse=True))
    street_type = rf"(?:{types})\b\.?"
    # "Avenue of the Americas", "on the Turnpike"; but "near the St. Andrew Church" is a saint's name, no street
    word = r"(?:[A-Z][\w'’-]*\.?|\d+(?:st|nd|rd|th)|(?:du|de|la|del|of|the)(?=\s+[A-Z])(?!\s+St\.?\s+[A-Z]))"
    name = rf"(?:(?:{directions})\.?\s+)?{word}(?:\s+{word}){{0,3}}"
    typed = rf"{name}\s+{street_type}"
    loose = rf"{name}(?:\s+{street_type})?"
    streets = (
        re.compile(rf"\b\d{{1,6}}[- ]block\s+of\s+(?:the\s+)?{loose}"),
        re.compile(rf"(?<![\w,.$])\d{{2,6}}\s+{typed}"),
        re.compile(rf"(?:(?<=\bnear )|(?<=\bat )|(?<=\bof )|(?<=\bon ))(?:the\s+)?{loose}\s+(?:and|&)\s+{loose}"),
        re.compile(rf"(?:(?<=\bon )|(?<=\balong )|(?<=\bnear )|(?<=\bat )|(?<=\bin ))(?:the\s+)?{typed}"),
    )
    nouns = "|".join(re.escape(n) for n in sorted(lex["place_nouns"], key=len, reverse=True))
    capitalised = r"(?:(?-i:[A-Z])[\w'’&.-]*\s+)"
    determiners = "|".join(_DETERMINERS)
    place = re.compile(
        rf"\b(?:at|in|inside|outside|near|behind|in front of|on)\s+(?P<words>(?:(?:{determiners})\s+"
        # "at the Food Lion shopping center"; a name without an article when the place noun is part of it ("at
        # Angie's Bar", not "in NY home"), but "in Canoga Park" is a neighbourhood
        rf"{capitalised}{{0,4}}|{capitalised}{{1,4}}(?=(?-i:[A-Z]))(?!park\b))(?P<noun>{nouns}))\b",
        re.IGNORECASE,
    )
    return streets, place


def _order(ctx: Context) -> list[Sent]:
    """Shooting sentences first, then the lead of the story, in order, and the headline last (it shortens what the
    story says: "near 48th & Hampton" for "It happened ... near 48th and Hampton", "56th & Greenfield" for "S. 56th
    Street and W. Greenfield Avenue"); never asides or sentences about another case."""
    usable = [s for s in ctx.sents if not s.aside and not s.background]
    shooting = [s for s in usable if s.shooting]
    lead = [s for s in usable if not s.shooting and s.index < _LEAD_SENTENCES]
    title_end = ctx.text.find("\n")
    return sorted(shooting + lead, key=lambda s: s.end <= title_end)  # stable: the story's order otherwise


def _clean_end(text: str) -> str:
    """Without trailing punctuation or a trailing weekday or month ("Eight Mile and Ryan Wednesday", "Jenkins and
    Springhouse Road Dec. 20"; not "May": "10th and May"); a final period stays only after an abbreviation ("W.
    North Ave.")."""
    text = _TRAILING_DAY.sub("", text.rstrip(" ,;:")).rstrip(" ,;:")
    last = text.rsplit(None, 1)[-1] if text else ""
    if text.endswith(".") and last[:-1] not in _abbreviations():
        text = text[:-1]
    return text


def _abbreviations() -> frozenset[str]:
    """Street-type and direction words that are abbreviations ("Ave", "Rd", "N"): their period is theirs."""
    return frozenset(data.load("location")["abbreviations"])


def address(ctx: Context) -> Fact | None:
    """The street location of the shooting as written."""
    streets, _ = _patterns()
    hospital = pattern("hospital")
    for sent in _order(ctx):
        found = []
        for rank, regex in enumerate(streets):
            for m in regex.finditer(sent.text):
                if hospital.search(sent.text[max(0, m.start() - 40) : m.start()]):
                    continue
                found.append((m.start(), rank, m))
        if found:
            start, _, m = min(found, key=lambda f: (f[1] > 1, f[0]))  # blocks and numbers first, then in order
            article = _ARTICLE.match(m.group(0))  # "on the Metropolitan Avenue ramp": the street is the name
            start += article.end() if article else 0
            text = _clean_end(m.group(0)[start - m.start() :])
            return Fact(text, sent.span(), sent.words(start, start + len(text)))
    return None


def place_type(ctx: Context) -> Fact | None:
    """The kind of place of the shooting (a value of the lexicon), with the words that say it."""
    _, place = _patterns()
    kinds: dict[str, str] = {k.lower(): v for k, v in data.load("location")["place_nouns"].items()}
    not_after = re.compile(data.load("location")["place_not_after"], re.IGNORECASE)
    hospital = pattern("hospital")
    found = []
    for sent in _order(ctx):
        for m in place.finditer(sent.text):
            before = sent.text[max(0, m.start() - 40) : m.start()]
            if not_after.match(sent.text[m.end() :]) or hospital.search(before + m.group(0)) or _LIVES.search(before):
                continue  # "he lives in Cottonwood Apartments": someone's home, not where it happened
            found.append((sent, m, kinds[m.group("noun").lower()]))
    if not found:
        return None
    kind = found[0][2]
    # "in a bar" ... "outside the Copper Kettle bar": the same kind of place, named, says more
    sent, m, kind = next(((s, n, k) for s, n, k in found if k == kind and _named(n)), found[0])
    return Fact(kind, sent.span(), sent.words(m.start("words"), m.end("words")))


def _named(m: re.Match[str]) -> bool:
    """The place words hold a name before the noun ("the Copper Kettle bar", "Angie's Bar"), not only a
    determiner."""
    words = m.string[m.start("words") : m.start("noun")].split()
    if words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return any(w[0].isupper() for w in words)


def location(ctx: Context) -> Location:
    out = {"address": address(ctx), "place_type": place_type(ctx)}
    return Location(**{k: v for k, v in out.items() if v is not None})
