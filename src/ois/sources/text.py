"""Text helpers of the sources stage, and the plain-text reader: decoding bytes, the English check, dates and URLs,
building an Article, and the `Input` every reader is handed.

Every reader (plain text, JSON/JSONL, HTML, feeds, WARC, URLs) ends in `make_article`, so the headline rule, the id,
the outlet and the quality checks (too short, too long, not English) are the same whatever the input format.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from ois.data import load
from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources.headline import dateline_text, derive_headline, shorten

# What readers yield: one Article or Skipped per document in the input.
Results = Iterator[Article | Skipped]
URL_SCHEMES = ("http://", "https://")
# Ends the `source` of an Article whose headline was derived from its text (the input had no title).
DERIVED_HEADLINE = " (headline derived from the text)"
# Oldest plausible publication date: the web news archives we read start in the late 1990s.
_MIN_YEAR = 1990
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A word in the Latin script (ASCII letters or Latin-1/Latin Extended letters: accented Western words).
_LATIN = re.compile(r"^[a-zA-Z\u00c0-\u024f'’]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BLANK_RUN = re.compile(r"\n{3,}")
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)/(\d\d?)/(\d\d?)(?=[/.]|$)"  # /2016/01/27/ (not /2015/12/11-year-old: month-only paths)
    r"|/((?:19|20)\d\d)-(\d\d?)-(\d\d?)(?=[/_.-]|$)"  # /2016-01-27-man-shot
    r"|[/_-]((?:19|20)\d\d)(\d\d)(\d\d)(?=[/_.-]|$)"  # /20160127/ and Tribune-style story-20160223-story
)
_WAYBACK = re.compile(r"^https?://web\.archive\.org/web/[^/]+/(.+)$", re.IGNORECASE)


class Undecodable(ValueError):
    """Bytes that are not text we can read; the message is the reason shown to the user."""


# --- decoding ---------------------------------------------------------------------------------------------------


def decode(data: bytes, settings: Settings, declared: str | None = None) -> str:
    """Bytes -> str: UTF-8 (with or without BOM), else the declared charset, else clean cp1252.

    UTF-8 goes first even when a page declares another charset: bytes that decode as UTF-8 almost never are
    anything else, while declarations are often wrong. Raises Undecodable with a reason a user can act on.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif b"\x00" in data:
        raise Undecodable("binary file (contains NUL bytes), not text; convert it to UTF-8 text or HTML first")
    else:
        candidates = ["utf-8-sig", *([declared] if declared else []), "cp1252"]
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if codec == "cp1252" and not _plausible_cp1252(text, settings):
            break
        if len(_CONTROL.findall(text)) > settings.max_control_char_ratio * max(len(text), 1):
            raise Undecodable("binary file (control characters), not text; convert it to UTF-8 text first")
        return text.removeprefix("\ufeff")
    raise Undecodable("not UTF-8 text (and not clean Windows-1252 either); re-save the file as UTF-8")


def _plausible_cp1252(text: str, settings: Settings) -> bool:
    """Random bytes decode as cp1252 too; real Western text is mostly ASCII with a few accented letters."""
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return non_ascii <= settings.max_cp1252_nonascii_ratio * max(len(text), 1)


def clean(text: str) -> str:
    """Normalise a text block: NFC, unix newlines, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()


# --- English check ----------------------------------------------------------------------------------------------


@cache
def _function_words() -> tuple[frozenset[str], frozenset[str]]:
    """(English function words, other languages' function words) of data/language_stopwords.json, as sets."""
    data = load("language_stopwords")
    return frozenset(data["en"]), frozenset(w for words in data["other"].values() for w in words)


def language_shares(text: str) -> tuple[float, float]:
    """(English, foreign) shares of word tokens: English function words; other languages' function words
    plus words in a non-Latin script. (0.0, 0.0) when there are no words."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    if not words:
        return 0.0, 0.0
    english, other = _function_words()
    n_en = sum(1 for w in words if w in english)
    n_other = sum(1 for w in words if w in other or not _LATIN.match(w))
    return n_en / len(words), n_other / len(words)


def non_english_reason(text: str, settings: Settings) -> str | None:
    """Why the text is not English, or None.

    Non-English when other languages' function words outnumber English ones (English news: at most 0.4 times
    as many, longtail-gva), or when English ones are under min_english_ratio and foreign ones at least as
    common. Few English function words alone is not enough: headlines, lists and rosters are English too.
    """
    english, foreign = language_shares(text)
    if foreign > english or (english < settings.min_english_ratio and foreign >= english):
        return (
            f"not English: {english:.0%} of the words are common English words (minimum "
            f"{settings.min_english_ratio:.0%}, setting min_english_ratio) and {foreign:.0%} are other "
            "languages' common words or non-Latin script"
        )
    return None


# --- dates and URLs ---------------------------------------------------------------------------------------------


def plausible(day: dt.date | None) -> dt.date | None:
    """The date if it can be a publication date (not before 1990, not in the future), else None."""
    if day is None or day.year < _MIN_YEAR or day > dt.date.today() + dt.timedelta(days=1):
        return None
    return day


def parse_date(value: object) -> dt.date | None:
    """A publication date from a JSON/feed field: ISO 8601, RFC 822 (RSS) or a written date; None if unsure."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Unix seconds; values above 1e11 are milliseconds.
        seconds = value / 1000 if value > 1e11 else value
        try:
            return plausible(dt.datetime.fromtimestamp(seconds, dt.UTC).date())
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return plausible(dt.date.fromisoformat(text[:10]))
    except ValueError:
        pass
    try:
        return plausible(email.utils.parsedate_to_datetime(text).date())
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow to import; only some inputs need it

    parsed = dateparser.parse(
        text[:100],
        languages=["en"],
        # absolute dates only: "last week" has no meaning without knowing when it was written
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["custom-formats", "absolute-time"]},
    )
    return plausible(parsed.date()) if parsed else None


def web_url(url: object) -> str | None:
    """The stripped http(s) URL with a host name, or None for anything else ("http://[x", "file:///", a number)."""
    if not isinstance(url, str) or not url.strip().lower().startswith(URL_SCHEMES):
        return None
    try:
        return url.strip() if urlsplit(url.strip()).hostname else None
    except ValueError:  # "http://[x": an unclosed IPv6 bracket; a port that is not a number is checked on use
        return None


def original_url(url: str) -> str:
    """The archived page's own URL for a Wayback Machine address, else the URL itself."""
    match = _WAYBACK.match(url.strip())
    return match.group(1) if match else url.strip()


def _original_parts(url: str | None) -> tuple[str, str]:
    """(host, path) of the page a URL points to (for archived pages: the original's); empty when there is none."""
    try:
        parts = urlsplit(original_url(url)) if url else None
    except ValueError:  # "http://[x": an unclosed IPv6 bracket
        return "", ""
    return (parts.hostname or "", parts.path) if parts else ("", "")


def date_from_url(url: str | None) -> dt.date | None:
    """A date in the URL path (/2016/01/27/, /2016-01-27-, /20160127/, -20160223-), set when a story is published."""
    match = _URL_DATE.search(_original_parts(url)[1])
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups() if g is not None)
    try:
        return plausible(dt.date(year, month, day))
    except ValueError:
        return None


def outlet_of(url: str | None) -> str | None:
    """The publishing site's domain without 'www.' (for archived pages: the original site's)."""
    return _original_parts(url)[0].removeprefix("www.") or None


# --- building the Article -------------------------------------------------------------------------------------


def split_headline(text: str) -> tuple[str, str]:
    """(first line, the rest) of a cleaned text."""
    headline, _, body = text.partition("\n")
    return headline.strip(), body.strip()


def _leading_dates(body: str, settings: Settings) -> tuple[dt.date | None, str]:
    """(the date stated by the leading dateline lines, the body without them); lines that do not parse stay."""
    found = None
    while body:
        line, _, rest = body.partition("\n")
        candidate = dateline_text(line, settings)
        day = parse_date(candidate) if candidate else None
        if day is None:
            break
        found, body = found or day, rest.strip()
    return found, body


def make_article(
    title: str | None,
    body: str,
    *,
    source: str,
    settings: Settings,
    url: str | None = None,
    published: dt.date | None = None,
    missing_title: str = "title",
) -> Article | Skipped:
    """The Article (text = headline, blank line, body) or a Skipped saying why the text is not a story to read.

    Without a title the whole text is the body: leading dateline lines become `published` (unless given), the
    headline is derived from the first sentence (`headline.py`), and the Article's source ends in DERIVED_HEADLINE.
    `missing_title` names what the input lacked (e.g. "title field (title, headline)") for the reasons.
    """
    body = clean(body)
    title = " ".join((title or "").split())
    derived, stated = not title, None
    if derived:
        stated, body = _leading_dates(body, settings)
        published = published or stated
        title = derive_headline(body, settings) if body else ""
        counted = f"of article text in all; the input has no {missing_title}, so its whole text is the body"
    else:
        first_line, rest = split_headline(body)
        if " ".join(first_line.split()) == title:
            body = rest  # many extractors and dumps repeat the headline as the first line
        counted = "of article text after the headline"
    if not body:
        if stated:
            return Skipped(source, "no article text, only a line saying when it was published")
        return Skipped(
            source, f"no article text, only a headline ({shorten(title, 60)!r})" if title else "no text in the input"
        )
    if len(body) < settings.min_article_chars:
        return Skipped(
            source,
            f"too short: {len(body)} characters {counted} (minimum {settings.min_article_chars}, setting "
            "min_article_chars)",
        )
    text = f"{title}\n\n{body}"
    if len(text) > settings.max_article_chars:  # a book, a log or a whole site dump: not one news story
        return Skipped(
            source,
            f"text is {len(text):,} characters, longer than max_article_chars ({settings.max_article_chars:,}): "
            "not one news story; split it into articles or raise the setting",
        )
    reason = non_english_reason(text, settings)
    if reason:
        return Skipped(source, reason)
    url = web_url(url)
    return Article(
        id=Article.make_id(text, url),
        title=title,
        text=text,
        url=url,
        published=published or date_from_url(url),
        outlet=outlet_of(url),
        source=source + DERIVED_HEADLINE if derived else source,
    )


def guarded(where: str, make: Callable[[], Article | Skipped]) -> Article | Skipped:
    """`make()`, or a Skipped for `where` if it raises: one bad record of a file never ends the rest of the file."""
    try:
        return make()
    except RecursionError:
        return Skipped(where, "nested too deeply to read (a hostile or broken record); fix or remove it")
    except Exception as exc:
        return Skipped(where, f"unexpected error while reading ({type(exc).__name__}: {exc}); please report it")


# --- reading a whole file -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Input:
    """What `ois.sources.read` hands a reader: `source` names the input in every Article and Skipped record (a file
    path or a URL); `data` is the whole file for readers that do not stream, and empty for those that do (they open
    `source` themselves)."""

    source: str
    data: bytes = b""


def whole_text(doc: Input, settings: Settings, decoder: Callable[[bytes, Settings], str] = decode) -> str | Skipped:
    """The decoded text of a whole file, or a Skipped saying why there is none (not text, only whitespace)."""
    try:
        text = decoder(doc.data, settings)
    except Undecodable as exc:
        return Skipped(doc.source, str(exc))
    return text if text.strip() else Skipped(doc.source, "empty file (only whitespace)")


def read_text(doc: Input, settings: Settings) -> Results:
    """A plain-text file: the first non-empty line is the headline, the rest the article."""
    text = whole_text(doc, settings)
    yield (
        text
        if isinstance(text, Skipped)
        else make_article(*split_headline(clean(text)), source=doc.source, settings=settings)
    )
