"""Sentence-level cues shared by the when/where extractors (dates, places, agency).

A `Context` is built once per article: its sentences with flags saying whether each one describes the shooting
itself or an aside (court dates, funerals, news conferences) whose dates and places are not the incident's.
Lexicons live in `data/when_where.json`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from ois import data, nlp
from ois.boilerplate import is_boilerplate, is_end_of_story, is_link_heading, is_playlist
from ois.models import Article, Span

# A headline's trailing outlet name: "Man shot in Rockford - Rockford Register Star - Rockford, IL".
_ARCHIVED = re.compile(r"^https?://[^/]*archive[^/]*/.*?(https?://.+)$")
_OUTLET_SEPARATOR = re.compile(r"\s(?:\||-|«|»|::)\s")
_POSSESSIVE = re.compile(r"['’]s?$")
# A paragraph carrying a photo credit is a caption (also one ending "(Jane Roe, Daily Courier)" or a wire or agency
# credit); a repeated sentence shorter than this may be a plain formula.
_CAPTION = re.compile(
    r"\((?:AP |Reuters |AFP |File )?Photo(?:s)?\s*[:/]|\bPhoto credit\b|/iStockphoto\b"
    r"|\((?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}) / (?-i:[A-Z])[^()/\n]{2,60}\)"  # "(Jane Roe / The Times)"
    r"|\((?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}), (?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,4})\)\s*$"
    # a wire or agency credit ending the paragraph: "... U.S. June 2, 2024. REUTERS/Jo Roe", "(Jo Roe/Getty Images)"
    r"|(?:\bREUTERS/(?-i:[A-Z])[\w.'’ -]{1,40}|\bAP Photo/[^\n()]{1,60}|\bGetty Images(?:/[\w ]{1,30})?\)?)\s*$",
    re.I,
)
# A sentence of a slideshow: "Image 11 of 16 Photo: Jo Roe, AP Detective Lynn, right, ..." (a caption).
_SLIDE = re.compile(r"\b(?:Image|Photo|Slide) \d{1,3} of \d{1,3}\b")
_REPEAT_MIN_CHARS = 40
_RETOLD_WITHIN = 8  # sentences back a caption's retelling is looked for (a slideshow repeats it next to it)
# A story's end mark ends it only after this many sentences of story (a wire page may open with its copyright).
_STORY_MIN_SENTENCES = 3
_TEASER_MAX_WORDS = 20  # a headline's length, at most
# A paragraph that introduces a list of the story's own ("The officers who fired their weapons are:").
_INTRODUCES = re.compile(r"\b(?:are|is|were|was|include[sd]?|as follows)\s*:\s*$")
_CLOSING_MARKS = (".", "!", "?", '"', "”", "’", "'", ")", ":", ";", ",")
_YEAR = re.compile(r"(?<![\d/.$-])(?:199\d|20[0-4]\d)(?![\d/-])")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# A later shooting sentence dated this many days or more before publication, in a story whose lead tells its shooting
# by a recent day, is about another case (lexicon `recalled_date`). Hand-set: two weeks (a story runs within days).
_RECALLED_DAYS = 14
_LEAD_SENTENCES = 3  # the headline and the lead: where a story tells its own shooting
_TOLD_SENTENCES = 3  # the lead and the two sentences after it: where a story gives its shooting's weekday
# A dated shooting sentence this many days or more before the first weekday the lead tells is another case (a day
# less may be the same night: "late Saturday" told as Sunday's date). Hand-set.
_BEFORE_TOLD_DAYS = 2
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TOLD_DAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def lexicon() -> dict:
    """The when/where lexicon (data/when_where.json)."""
    return data.load("when_where")


@cache
def pattern(name: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A compiled regular expression from the lexicon entry `name` (the lexicon's names are a fixed few dozen)."""
    return re.compile(lexicon()[name], flags)


@dataclass(frozen=True)
class Sent:
    index: int
    start: int
    end: int
    text: str
    shooting: bool  # describes the shooting ("shot", "fired", "killed", ...)
    aside: bool  # about something else that has its own date/place (court, funeral, news conference)
    entities: tuple[nlp.Entity, ...]
    background: bool = False  # about another or an earlier case the story recalls (`background_sentences`)

    def span(self) -> Span:
        return Span(self.start, self.end, self.text)

    def words(self, start: int, end: int) -> Span:
        """The words at [start, end) of this sentence, as a Span of the article text."""
        return Span(self.start + start, self.start + end, self.text[start:end])


@dataclass(frozen=True)
class Context:
    text: str
    published: dt.date | None
    sents: tuple[Sent, ...]
    outlet: tuple[int, int] = (0, 0)  # span of an outlet name trailing the headline ("... | FOX6Now.com")
    people: frozenset[str] = frozenset()  # surnames: "Henderson" the suspect is not Henderson, NV (`person_name`)
    host: str = ""  # the web address's host ("abc7chicago.com"): local outlets name their market

    def is_person(self, name: str) -> bool:
        """The name (possessive or not: "near Warren's home") is one of the story's people, so no place."""
        return _POSSESSIVE.sub("", name) in self.people

    def sent_at(self, offset: int) -> Sent | None:
        """The sentence containing character `offset` of the text (None between sentences)."""
        for sent in self.sents:
            if sent.start <= offset < sent.end:
                return sent
        return None


def furniture_sentences(sentences: list[nlp.Sentence]) -> set[int]:
    """Indices of sentences that are page furniture, not story (`ois.boilerplate`: paywall stubs, related-story
    links, video playlists - each sentence of a playlist's paragraph), and - once the story has begun - the rest of
    a paragraph after its end mark ("This material may not be ... redistributed."), where a flattened page runs on
    into its list of other headlines.
    A fragment without a verb right after furniture in its paragraph, or after furniture that breaks off, goes on
    with it ("Photo: Jo Roe /" "Jo Roe"). The short lines of a list the story introduces ("The officers who
    fired are:" then "Sgt. J. Roe, hired in 2001") are no teasers.
    (A photo caption is not furniture: it shows the story's people.)"""
    out: set[int] = set()
    ended: object = None  # the paragraph whose story ended
    story = 0  # sentences of story so far
    listing = False  # the story introduced a list ("The officers who fired are:"): its short lines are items
    for i, sent in enumerate(sentences):
        paragraph = sent.doc.doc
        teaser = story >= _STORY_MIN_SENTENCES and _teaser(sent) and not listing
        if (
            paragraph is ended
            or is_boilerplate(sent.text)
            or is_playlist(sent.paragraph)
            or teaser
            or (i - 1 in out and verbless(sent) and _goes_on(sentences[i - 1], paragraph))
        ):
            out.add(i)
            if story >= _STORY_MIN_SENTENCES and is_end_of_story(sent.text):
                ended = paragraph
        else:
            story += 1
        if _INTRODUCES.search(sent.paragraph) and i not in out:
            listing = True
        elif not (listing and _teaser(sent)):
            listing = False
    return out


def links(parsed: nlp.ParsedText) -> frozenset[int]:
    """Indices of the sentences of other stories' headlines listed under a link heading ("ALSO:" then "Deputy
    shoots teen in back, lawsuit claims"): each paragraph after the heading, as long as it reads as a headline (a few
    words, no closing mark). Their events are nobody's in this story (a teaser alone may be a subhead of the
    story, so `furniture` keeps those sentences' events; a listed one never is)."""
    if "links" not in parsed.memo:
        out: set[int] = set()
        listing = False
        for i, sent in enumerate(parsed.sentences()):
            paragraph = sent.paragraph.strip()
            if is_link_heading(paragraph):
                listing = True
            elif listing and len(paragraph.split()) <= _TEASER_MAX_WORDS and not paragraph.endswith(_CLOSING_MARKS):
                out.add(i)
            else:
                listing = False
        parsed.memo["links"] = frozenset(out)
    return parsed.memo["links"]  # type: ignore[return-value]


def verbless(sent: nlp.Sentence) -> bool:
    """A fragment: no verb or auxiliary."""
    return not any(t.pos_ in ("VERB", "AUX") for t in sent.doc)


def _goes_on(before: nlp.Sentence, paragraph: object) -> bool:
    """The next sentence may continue this one: it is in the same paragraph, or this one breaks off ("Photo: X /")."""
    return before.doc.doc is paragraph or not before.text.rstrip().endswith(_CLOSING_MARKS)


def _teaser(sent: nlp.Sentence) -> bool:
    """A paragraph of a few words without a closing mark, inside the story: the headline of a related story the
    page links to ("Dallas shooter who killed five cops wanted to kill more: chief"), or a subhead."""
    text = sent.text.rstrip()
    short = 3 <= len(text.split()) <= _TEASER_MAX_WORDS
    return text == sent.paragraph.strip() and not text.endswith(_CLOSING_MARKS) and short


def furniture(parsed: nlp.ParsedText) -> frozenset[int]:
    """`furniture_sentences` of a parsed text, computed once per text."""
    if "furniture" not in parsed.memo:
        parsed.memo["furniture"] = frozenset(furniture_sentences(parsed.sentences()))
    return parsed.memo["furniture"]  # type: ignore[return-value]


def background_sentences(parsed: nlp.ParsedText, published: dt.date | None) -> set[int]:
    """Indices of sentences that are not about the main shooting: about other or earlier cases - a "background"
    phrase of the lexicon ("last year", "in a separate incident", "comes weeks after"), or a year before the story's
    (published in January or February, the year before still counts as the story's; without a publication date, a
    year two or more before the latest the story names; never a year that dates someone's career or birth: "who
    joined the force in 2009"), or the sentence after one that counts this shooting among
    others when it gives a month and day ("the second fatal shooting ... in the last month. X was shot Dec. 23") -;
    page furniture (`furniture`) and photo captions (a
    paragraph with a photo credit, a slideshow's "Image 3 of 16" sentence), which are never evidence; and a
    sentence the page repeats word for word (a caption or a teaser repeating the lead), whose people are the
    lead's, or gave before inside a longer one or cut short (`_retold`)."""
    sentences = parsed.sentences()
    phrase, career = pattern("background"), pattern("career_year")
    texts = [s.text for s in sentences]
    dated = [career.sub(" ", t) for t in texts]  # "Officer Roe, who joined the force in 2009, fired": this case
    years = [[int(y) for y in _YEAR.findall(t)] for t in dated]
    latest = max((y for ys in years for y in ys), default=None)
    if published is not None:
        current = published.year - 1 if published.month <= 2 else published.year
    else:
        current = latest - 1 if latest is not None else None
    seen: set[str] = set()
    keys: list[str] = []
    out = set(furniture(parsed))
    opener, month_day, wanted, series = (pattern(k) for k in ("recall_opener", "month_day", "wanted_for", "series"))
    lead = _lead(texts)
    recalled = _recalled(texts, published, lead)
    recalls: set[int] = set()  # sentences dated as another case, and those going on with them
    for i, text in enumerate(texts):
        # "It was the second fatal shooting ... in the last month. X was shot Dec. 23 by ..."
        opened = i and opener.search(texts[i - 1]) and month_day.search(text)
        key = " ".join(text.lower().split())
        repeated = len(key) > _REPEAT_MIN_CHARS and (key in seen or _retold(key, keys[-_RETOLD_WITHIN:]))
        seen.add(key)
        keys.append(key)
        older = (current is not None and any(y < current for y in years[i])) or i in recalled  # (or weeks before)
        caption = _CAPTION.search(sentences[i].paragraph) or _SLIDE.search(text)
        if opened or older:
            recalls.add(i)  # dated as another case (a phrase such as "the earlier case" may be this one's)
        elif i - 1 in recalls and _goes_on_with(sentences[i - 1], sentences[i]):
            recalls.add(i)  # "In August, a deputy fired at a man. He was Lou Marsh, 58, ...": that case
        said = phrase.search(dated[i]) or (None if _own(texts, i) else series.search(dated[i]))
        # (in the lead, not a phrase dating what its man was wanted for: `wanted_for`)
        crime = wanted.search(dated[i], 0, said.start()) if said and i == lead else None
        if repeated or caption or (said and crime is None) or i in recalls:
            out.add(i)
    return out


def _own(texts: list[str], i: int) -> bool:
    """The headline, or a lead sentence that tells a shooting: words counting it among others ("For the second time
    in a week, police shot and killed a man") still tell the story's own shooting (lexicon `series`)."""
    return i == 0 or (i < _LEAD_SENTENCES and bool(pattern("lead_shot").search(texts[i])))


def _goes_on_with(before: nlp.Sentence, sent: nlp.Sentence) -> bool:
    """A sentence that goes on with the one before in its paragraph: it opens with a word that refers back to it
    ("The suspect", "He", "Their") and names no recent day of its own (lexicon `recall_follows`, `recent_day`)."""
    same = before.doc.doc is sent.doc.doc  # type: ignore[attr-defined]
    return same and bool(pattern("recall_follows", 0).match(sent.text)) and not pattern("recent_day").search(sent.text)


def _lead(texts: list[str]) -> int | None:
    """The lead that tells its shooting by a verb and a recent day ("Police shot a man Saturday"), if any (not a
    memorial's "Sunday" in a later story)."""
    shot, recent, aside = pattern("lead_shot"), pattern("recent_day"), pattern("aside")
    told = (i for i, t in enumerate(texts[:_LEAD_SENTENCES]) if shot.search(t) and not aside.search(t))
    return next((i for i in told if recent.search(texts[i])), None)


def _recalled(texts: list[str], published: dt.date | None, lead: int | None) -> set[int]:
    """Shooting sentences after the lead (`_lead`) that date theirs weeks before publication ("In January, officers
    shot and killed Roe"; lexicon `recalled_date`), or days before the first weekday the lead and the sentences
    after it tell ("... shot a man Sunday night. On June 2, officers shot and killed Roe": the story's shooting is
    Sunday's, June 2 another one)."""
    shooting, recent, dated = pattern("shooting"), pattern("recent_day"), pattern("recalled_date")
    if published is None or lead is None:
        return set()
    weekdays = _shooting_weekdays(texts[lead : lead + _TOLD_SENTENCES])
    told = min((_weekday(published, day) for day in weekdays), default=None)
    out = set()
    for i in range(lead + 1, len(texts)):
        if not shooting.search(texts[i]) or recent.search(texts[i]):
            continue
        for m in dated.finditer(texts[i]):
            month = MONTHS.index(m.group("mon")[:3].lower()) + 1
            year = published.year - (month > published.month)
            last = dt.date(year, month, 28) if m.group("day") is None else None  # a month alone: its last days
            try:
                day = last or dt.date(year, month, int(m.group("day")))
            except ValueError:
                continue
            before_told = told is not None and m.group("day") and (told - day).days >= _BEFORE_TOLD_DAYS
            if (published - day).days >= _RECALLED_DAYS or before_told:
                out.add(i)
    return out


def _shooting_weekdays(texts: list[str]) -> list[str]:
    """The weekdays these sentences give a shooting they tell (a shooting verb: `lead_shot`), not a statement's day
    ("..., the chief said Monday": `statement`) nor those of a sentence whose shooting is older ("shot last week":
    `last_week`)."""
    shot, statement, aside, last_week = (pattern(k) for k in ("lead_shot", "statement", "aside", "last_week"))
    return [
        m[0]
        for t in texts
        if shot.search(t) and not aside.search(t) and not last_week.search(t)
        for m in _TOLD_DAY.finditer(t)
        if not statement.search(t, 0, m.start())
    ]


def _weekday(published: dt.date, name: str) -> dt.date:
    """The date a weekday names in a story published on `published`: that day of the last seven."""
    return published - dt.timedelta(days=(published.weekday() - _WEEKDAYS.index(name)) % 7)


def _retold(key: str, recent: list[str]) -> bool:
    """A sentence the page gave before inside a longer one ("Image 11 of 16 Photo: Jo Roe, AP <caption>" then
    "<caption>"), or cut short with "..." (a slideshow's thumbnail)."""
    cut = key.rstrip(".… ")
    shortened = len(cut) < len(key) and len(cut) > _REPEAT_MIN_CHARS
    return any(other.endswith(" " + key) or (shortened and other.startswith(cut)) for other in recent)


def background(parsed: nlp.ParsedText, published: dt.date | None) -> frozenset[int]:
    """`background_sentences` of a parsed text, computed once per text (several extractors ask)."""
    key = ("background", published)
    if key not in parsed.memo:
        parsed.memo[key] = frozenset(background_sentences(parsed, published))
    return parsed.memo[key]  # type: ignore[return-value]


def build(article: Article, parsed: nlp.ParsedText) -> Context:
    shooting, aside, place_names = pattern("shooting"), pattern("aside"), pattern("aside_place_names", 0)
    sentences = parsed.sentences()
    behind = background(parsed, article.published)
    sents = tuple(
        Sent(
            i,
            s.start,
            s.end,
            s.text,
            bool(shooting.search(s.text)),
            bool(aside.search(place_names.sub(" ", s.text))),
            tuple(s.entities()),
            i in behind,
        )
        for i, s in enumerate(sentences)
    )
    title = article.title if article.title and article.text.startswith(article.title) else ""
    cut = _OUTLET_SEPARATOR.search(title)
    people = {e.text.split()[-1] for e in parsed.entities() if e.label == "PERSON" and " " in e.text}
    named = pattern("person_name", 0).finditer(parsed.text)  # "Lancaster, who", "shot Tyler": a surname, no town
    people |= {m.group("name") or m.group("object") or m.group("owner") for m in named}
    outlet = (cut.start(), len(title)) if cut else (0, 0)
    return Context(parsed.text, article.published, sents, outlet, frozenset(people), _host(article.url))


def _host(url: str | None) -> str:
    """The outlet's host, also inside an archive address ("web.archive.org/web/2017/http://www.indystar.com/...")."""
    inner = _ARCHIVED.search(url or "")
    return urlsplit(inner.group(1) if inner else url or "").netloc.lower()
