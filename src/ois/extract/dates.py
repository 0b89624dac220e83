"""Incident date and time of day.

Dates are read with our own patterns rather than dateparser on free text: dateparser turns "We", "Sat" and the verb
"may" into dates and a bare "11 a.m." into today. Relative dates ("Thursday", "yesterday") are resolved against
the publication date ("last week" names no day: on LongTail dev it gave the right one once in 20; "Wednesday, a day
after the shooting" counts back). Without one, a page stamp near the top of the text ("Posted: Jan. 27,
2016", a paragraph opening with a full date) stands in for it (`publication_stamp`), and "Tuesday, Jan. 27" takes
the one year mentioned in the text in which Jan. 27 is a Tuesday; otherwise they are left unknown (never guessed).
A weekday equal to the publication weekday is the publication day (on GVDB dev 51 such cases were that day, 6 a
week earlier).

Choice: sentences describing the shooting beat neutral ones, which beat asides (court dates, funerals, news
conferences) - unless the date sits nearer the shooting's words than the aside's ("the lawsuit gives an account of
Dec. 26, the night the officer shot ..."); in a shooting sentence, a date nearer the aftermath's words than the
shooting's ("detectives remained at the scene Tuesday morning ... clues into the shooting", "the suspects
apprehended following the shooting were identified Friday") counts as a neutral sentence's; a weekday right after
"said"/"released", a date in a dateline's parentheses, or a page stamp, dates a statement or the story, not the
shooting - except that a shooting sentence's dateline date stands in when no other sentence dates the shooting
("CITY (Dec. 7, 2015) - ... an early morning shooting"). Within the best tier the first date mentioned wins
(stories lead with the incident; on GVDB dev this beat "earliest date" by 1 of 159); dates after publication are
impossible (a month and day without a year up to three weeks after it is a day to come, not last year's), and dates
over ten years before it are history the story recalls.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ois.extract.aftermath import number_value
from ois.extract.cues import MONTHS, Context, Sent, lexicon, pattern
from ois.models import Fact

_MONTH = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"  # noqa: E501
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Case-sensitive: month and weekday names are capitalised in news copy; "may" the verb is not.
_DATE_FORMS = (
    re.compile(rf"(?:{_WEEKDAY},?\s+)?\b{_MONTH}\s+{_DAY}\b{_YEAR}"),
    re.compile(rf"(?:{_WEEKDAY},?\s+)?\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}"),
    re.compile(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)\b"),
)
_BARE_WEEKDAY = re.compile(rf"(?:\b|(?<=[a-z])){_WEEKDAY}\b")  # "on Elm DriveTuesday night": a lost space
_RELATIVE = re.compile(
    r"\b(?P<rel>yesterday|today|tonight|this (?:morning|afternoon|evening)|last night|earlier today)\b",
    re.IGNORECASE,
)
_RELATIVE_DAYS = {"yesterday": 1, "last night": 1}
_DAYS_AGO = re.compile(
    r"\b(?P<n>a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) days? ago\b", re.IGNORECASE
)
# "arrested Thursday, a day after police found ... shot": the shooting was that many days before the date.
_DAYS_AFTER = re.compile(r"[\s,]*(?:[-\u2013\u2014]+\s*)?(?P<n>a|one|two|three|\d) days? after\b", re.IGNORECASE)
# A month and day written without a year that falls up to this many days after publication is a date to come
# ("a hearing set for May 3", "meetings start June 9"), not that day of the year before. Chosen on LongTail dev:
# 60 lost two follow-ups whose dates, 33 and 36 days ahead, were the year before's.
_AHEAD_DAYS = 21
# A date more than this many years before publication is history the story recalls, never the incident's (a
# choice: follow-ups come within a few years; the two dev dates it drops were decades old).
_HISTORY_YEARS = 10
# "2:30 a.m." (its last period is the abbreviation's; "1am." ends a sentence), "noon", or a time the part of the
# day that follows places: "around 6:30 Thursday evening".
_CLOCK = re.compile(
    r"\b(?P<h>1[0-2]|0?[1-9])(?::(?P<m>[0-5]\d))?\s*(?P<ap>[ap])(?:\.\s?m\b\.?|\s?m\b)|\b(?P<word>noon|midnight)\b"
    r"|\b(?P<bh>1[0-2]|0?[1-9]):(?P<bm>[0-5]\d)(?=\s+(?:on\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|this|last)\s+)?(?P<part>morning|afternoon|evening|night)\b)",
    re.IGNORECASE,
)
_CLOCK_ASIDE = re.compile(
    r"\b(?:conference|briefing|meeting|hearing|service|vigil|scheduled|until|through)\b", re.IGNORECASE
)


_ASIDE_TIER = 2
# "The shooting was reported Thursday morning": when it happened (the call), not when someone spoke.
_PASSIVE_REPORT = re.compile(r"\b(?:was|were)\s+reported\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class _Found:
    date: dt.date
    tier: int  # 0 shooting sentence, 1 neutral, 2 aside or statement date, 3 another case
    sent: Sent
    start: int  # the date's words in the sentence
    end: int
    stamp: bool = False  # the story's own date (a dateline's), standing in for a shooting that gives none


_YEAR_WORD = re.compile(r"(?<![\d/.-])(?:19[89]\d|20[0-4]\d)(?![\d/-])")
# A publication stamp in a scraped page's header: "Posted: Jan. 27, 2016", "Updated 10:32 PM ET, Tue January 26,
# 2016", a date opening a paragraph ("December 5, 2015 NEW YORK (AP)") or a dateline's "(Jan. 15, 2016)".
_STAMP_CHARS = 400
_STAMP_BEFORE = re.compile(
    r"(?:\b(?:posted|updated|published|last updated)(?:\s+on)?:?\s*(?:[\d:]+\s*[ap]\.?m\.?\s*(?:[a-z]{2,3}\b)?,?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?|^\s*|\(\s*)$",
    re.IGNORECASE,
)


def _text_years(text: str) -> frozenset[int]:
    return frozenset(int(y) for y in _YEAR_WORD.findall(text))


def _year_without_publication(month: int, day: int, weekday: int | None, years: frozenset[int]) -> int | None:
    """A weekday date ("Tuesday, Jan. 27") in a story without a publication date: the one year the story mentions
    in which Jan. 27 is a Tuesday. No weekday, or no such single year: unknown (a year is never guessed)."""
    if weekday is None:
        return None
    fits = []
    for year in years:
        try:
            if dt.date(year, month, day).weekday() == weekday:
                fits.append(year)
        except ValueError:
            continue
    return fits[0] if len(fits) == 1 else None


def _year_for(
    month: int, day: int, weekday: int | None, published: dt.date | None, years: frozenset[int] = frozenset()
) -> int | None:
    """The year of a month-day written without one: the publication year, or the year before when that puts the
    date after publication; a weekday that only matches the other year wins."""
    if published is None:
        return _year_without_publication(month, day, weekday, years)
    if _ahead(published, month, day):
        return None
    years = [published.year, published.year - 1]
    valid = []
    for year in years:
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if date <= published + dt.timedelta(days=1):
            valid.append(date)
    if weekday is not None:
        matching = [d for d in valid if d.weekday() == weekday]
        valid = matching or valid
    return valid[0].year if valid else None


def _ahead(published: dt.date, month: int, day: int) -> bool:
    """Whether a month and day without a year fall a little after publication in its year (a date to come)."""
    date = _make(published.year, month, day)
    return date is not None and 1 < (date - published).days <= _AHEAD_DAYS


def _make(year: int | None, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day) if year else None
    except ValueError:
        return None


def _absolute(
    text: str, published: dt.date | None, years: frozenset[int] = frozenset()
) -> list[tuple[int, int, dt.date | None]]:
    """(start, end, date) for every absolute date in `text`; date None when it cannot be pinned down."""
    out = []
    for form in _DATE_FORMS:
        for m in form.finditer(text):
            groups = m.groupdict()
            if "mon" in groups:
                month = MONTHS.index(groups["mon"][:3].lower()) + 1
                day = int(groups["day"])
                weekday = _WEEKDAYS.index(groups["wd"].lower()) if groups.get("wd") else None
                year = int(groups["year"]) if groups.get("year") else _year_for(month, day, weekday, published, years)
            else:
                month, day, year = int(groups["m"]), int(groups["d"]), int(groups["y"])
                year = year + 2000 if year < 100 else year
            out.append((m.start(), m.end(), _make(year, month, day)))
    return out


def _relative(sent: Sent, taken: list[tuple[int, int]], published: dt.date) -> list[tuple[int, int, dt.date]]:
    """(start, end, date) for weekdays and relative words outside the absolute dates already read."""
    out = []
    for m in _BARE_WEEKDAY.finditer(sent.text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        back = (published.weekday() - _WEEKDAYS.index(m.group("wd").lower())) % 7
        out.append((m.start(), m.end(), published - dt.timedelta(days=back)))
    for m in _RELATIVE.finditer(sent.text):
        back = _RELATIVE_DAYS.get(m.group("rel").lower(), 0)
        out.append((m.start(), m.end(), published - dt.timedelta(days=back)))
    for m in _DAYS_AGO.finditer(sent.text):  # "the deputy who fired at him 10 days ago"
        out.append((m.start(), m.end(), published - dt.timedelta(days=number_value(m["n"]) or 0)))
    return out


def publication_stamp(text: str) -> tuple[int, dt.date] | None:
    """(offset, date) of a full date near the top of the text that stamps the page rather than the event
    ("Posted: Jan. 27, 2016", "(January 9, 2016 7:03 PM)", a paragraph opening with the date), if any."""
    head = text[:_STAMP_CHARS]
    for start, _, date in _absolute(head, None):
        if date is not None and _STAMP_BEFORE.search(head[max(0, start - 60) : start].split("\n")[-1]):
            return start, date
    return None


def _candidates(ctx: Context) -> list[_Found]:
    statement, event, life, aftermath, shooting, last_week = (
        pattern(k) for k in ("statement", "event", "life_date", "aftermath", "shooting", "last_week")
    )
    years = _text_years(ctx.text)
    stamp = publication_stamp(ctx.text)
    found = []
    for sent in ctx.sents:
        told = sent.shooting or event.search(sent.text)  # the shooting, or its event told otherwise ("the ambush")
        base_tier = 3 if sent.background else 0 if told and not sent.aside else 2 if sent.aside else 1
        absolute = _absolute(sent.text, ctx.published, years)
        dated = [(start, end, date) for start, end, date in absolute if date]
        written = len(dated)
        if ctx.published:
            dated += _relative(sent, [(a, b) for a, b, _ in absolute], ctx.published)
        served = _served(sent.text) if dated else sent.text  # the words of its aftermath, its warrant service blank
        for at, (start, end, date) in enumerate(dated):
            if ctx.published and date > ctx.published:
                continue  # the shooting happened before the story about it
            after = _DAYS_AFTER.match(sent.text, end)
            if after and (shooting.search(sent.text, after.end()) or event.search(sent.text, after.end())):
                before_by = dt.timedelta(days=number_value(after["n"]) or 0)
                found.append(_Found(date - before_by, base_tier, sent, start, after.end()))
                continue
            if ctx.published and (ctx.published - date).days > 365 * _HISTORY_YEARS:
                found.append(_Found(date, 3, sent, start, end))  # "On June 2, 1962, a constable shot ..."
                continue
            before = sent.text[max(0, start - 40) : start]
            # "INDIANAPOLIS, Ind. (Dec. 10, 2015) -": a dateline's date is the publication date
            dateline = before.endswith("(") or (stamp is not None and stamp[0] == sent.start + start)
            # "said Friday", a dateline, or a date of someone's life ("would have turned 15 on Aug. 24"): not the
            # shooting's
            tier = 2 if statement.search(before) or dateline or life.search(before) else base_tier
            if tier == 0 and at >= written and last_week.search(sent.text):  # "on Monday defended the officer who
                tier = 1  # shot a teen last week": the weekday is a later day's
            if tier == 1 and at >= written and _quoted(sent.text, start):  # "Today our county grieves," the mayor
                tier = _ASIDE_TIER  # said: the speaker's day, in a sentence that tells no shooting
            if tier == base_tier == _ASIDE_TIER and told and _nearer_the_shooting(sent.text, start, end, "aside"):
                tier = 1  # "the lawsuit ... gives an account of Dec. 26, the night the officer shot ..."
            elif tier == base_tier == 0 and not _nearer_the_shooting(served, start, end, "aftermath"):
                tier = 1  # "detectives remained at the scene Tuesday morning ... clues into the shooting"
            elif tier == base_tier == 1 and aftermath.search(served):
                # "An autopsy report released Thursday", "was en route to Dallas on Friday": a day of the aftermath,
                # unless told with the event ("the standoff began Monday before he was arrested")
                tier = 1 if _nearer_the_shooting(served, start, end, "aftermath") else _ASIDE_TIER
            leads = base_tier == 0 or (sent.index + 1 < len(ctx.sents) and ctx.sents[sent.index + 1].shooting)
            if dateline and leads:  # "CITY (Dec. 7, 2015) - ... after an early morning shooting"
                found.append(_Found(date, 1, sent, start, end, stamp=True))
                continue
            found.append(_Found(date, tier, sent, start, end))
    return found


def _served(text: str) -> str:
    """The sentence with its warrant service blanked out (lexicon `warrant_service`): "deputies came to serve an
    arrest warrant at 6 a.m. Tuesday" tells what came before the shooting, not after it."""
    return pattern("warrant_service").sub(lambda m: " " * len(m.group(0)), text)


def _quoted(text: str, at: int) -> bool:
    """Whether position `at` of a sentence is inside a direct quotation (an odd number of straight quotes, or more
    opening than closing curly ones, before it)."""
    before = text[:at]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def _nearer_the_shooting(text: str, start: int, end: int, other: str) -> bool:
    """In a sentence about both the shooting and something else (lexicon `other`: an aside such as a lawsuit or a
    court date, or the aftermath such as an arrest), whether the date at [start, end) is told with the shooting:
    its nearest shooting (or event) word is nearer than its nearest `other` word."""

    return _distance(text, start, end, "shooting", "event") < _distance(text, start, end, other)


def _distance(text: str, start: int, end: int, *names: str) -> int:
    """Characters between [start, end) and the nearest match in `text` of the lexicon patterns `names` (the
    text's length when none)."""
    found = (m for name in names for m in pattern(name).finditer(text))
    return min((max(m.start() - end, start - m.end(), 0) for m in found), default=len(text))


def incident_date(ctx: Context) -> Fact | None:
    found = _candidates(ctx)
    if not found:
        return None
    best = min(found, key=lambda f: (f.tier, f.stamp, f.sent.index, _order_in_sentence(f)))
    if best.tier >= _ASIDE_TIER:  # a court date, a funeral, a statement or another case: never the incident's
        return None
    return Fact(best.date, best.sent.span(), best.sent.words(best.start, best.end))


def _order_in_sentence(f: _Found) -> tuple[int, int]:
    """Of one sentence's dates, a written date first, then the relative one told nearest the shooting ("the
    deputy who fired at him 10 days ago is back on patrol as of Tuesday")."""
    words = f.sent.text[f.start : f.end]
    if any(form.match(words) for form in _DATE_FORMS):
        return 0, 0
    return 1, _distance(f.sent.text, f.start, f.end, "shooting")


def _clock(m: re.Match[str]) -> str:
    if m.group("word"):
        return "12:00" if m.group("word").lower() == "noon" else "00:00"
    if m.group("part"):  # "6:30 Thursday evening"; "1:30 Sunday night" is 01:30, "10:30 Sunday night" 22:30
        hour = int(m.group("bh")) % 12
        part = m.group("part").lower()
        afternoon = part in ("afternoon", "evening") or (part == "night" and hour >= 5)
        return f"{hour + 12 * afternoon:02d}:{m.group('bm')}"
    hour = int(m.group("h")) % 12 + (12 if m.group("ap").lower() == "p" else 0)
    return f"{hour:02d}:{int(m.group('m') or 0):02d}"


def _coarse(text: str) -> list[tuple[str, int, int]]:
    """(coarse part of the day, start, end of its words) for each one a sentence states, in text order (of
    overlapping words the lexicon's earlier entry: "early morning", not "morning"), then an "early Tuesday"."""
    found: list[tuple[str, int, int]] = []
    for words, value in lexicon()["coarse_times"]:
        for m in re.finditer(rf"\b(?:{words})\b", text, re.IGNORECASE):
            if not any(start < m.end() and m.start() < end for _, start, end in found):
                found.append((value, m.start(), m.end()))
    early = re.finditer(r"\bearly\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", text)
    return sorted(found, key=lambda f: f[1]) + [("early morning", m.start(), m.end()) for m in early]


def _ordered(ctx: Context) -> list[Sent]:
    """Sentences to read a time from: shooting sentences first, asides (court, news conferences) never."""
    return [s for s in sorted(ctx.sents, key=lambda s: (not s.shooting, s.index)) if not s.aside]


def _told_with_the_shooting(sent: Sent, start: int, end: int) -> bool:
    """Whether a time at [start, end) of a sentence is the shooting's: not when a statement was made ("police said
    Tuesday afternoon"), nor that of an arrest or other aftermath told nearer to it than the shooting is ("a
    17-year-old was arrested Friday night in connection with the shooting")."""
    before = _BARE_WEEKDAY.sub("", sent.text[max(0, start - 40) : start]).rstrip() + " "
    if pattern("statement").search(before) and not _PASSIVE_REPORT.search(before):
        return False
    text = _served(sent.text)
    return not pattern("aftermath").search(text) or _nearer_the_shooting(text, start, end, "aftermath")


def day_part(ctx: Context, clock: Fact | None = None) -> Fact | None:
    """The coarse part of the day ("night", "early morning") the shooting sentences state, or a sentence that also
    names the weekday ("early Tuesday"), told with the shooting; from the latter only when it agrees with the
    shooting's clock time (`clock`, "HH:MM"), if one is known."""
    for sent in _ordered(ctx):
        if not (sent.shooting or _BARE_WEEKDAY.search(sent.text)):
            continue
        for value, start, end in _coarse(sent.text):
            if _told_with_the_shooting(sent, start, end) and (sent.shooting or _agrees(value, clock)):
                return Fact(value, sent.span(), sent.words(start, end))
    return None


def _agrees(part: str, clock: Fact | None) -> bool:
    """Whether a clock time ("17:35") falls in a coarse part of the day (lexicon `coarse_hours`); no clock: yes."""
    if clock is None or ":" not in str(clock.value):
        return True
    hour, bounds = int(str(clock.value)[:2]), lexicon()["coarse_hours"][part]
    return any(low <= hour <= high for low, high in zip(bounds[::2], bounds[1::2], strict=True))


def time_of_day(ctx: Context) -> Fact | None:
    """An exact clock time ("HH:MM") from the shooting sentences when there is one, else the coarse part of the day."""
    for sent in _ordered(ctx):
        for m in _CLOCK.finditer(sent.text):
            if not _CLOCK_ASIDE.search(sent.text[max(0, m.start() - 30) : m.end() + 30]):
                return Fact(_clock(m), sent.span(), sent.words(m.start(), m.end()))
    return day_part(ctx)
