"""Sources stage helpers: decoding, the English check, dates and outlets from URLs, building an Article."""

from __future__ import annotations

import datetime as dt

import pytest

from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources.text import (
    DERIVED_HEADLINE,
    Undecodable,
    date_from_url,
    decode,
    language_shares,
    make_article,
    non_english_reason,
    outlet_of,
    parse_date,
)

SETTINGS = Settings(env={})
BODY = (
    "Police in Gallup said an officer shot a man who pointed a rifle at him outside a motel on Route 66 on "
    "Saturday. The man was taken to a hospital and is expected to survive."
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-04-08", dt.date(2017, 4, 8)),
        ("2017-04-08T23:30:00-05:00", dt.date(2017, 4, 8)),
        ("Wed, 09 Feb 2022 18:20:00 -0600", dt.date(2022, 2, 9)),
        ("April 9, 2017", dt.date(2017, 4, 9)),
        (1_500_000_000, dt.date(2017, 7, 14)),
        (1_500_000_000_000, dt.date(2017, 7, 14)),  # milliseconds
        ("2099-01-01", None),  # the future is not a publication date
        ("1970-01-01", None),
        ("last week", None),
        ("", None),
        (None, None),
        (True, None),
        (["2017-04-08"], None),
    ],
)
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/news/2016/01/27/man-shot/", dt.date(2016, 1, 27)),
        ("https://a.example/2016/1/7/man-shot", dt.date(2016, 1, 7)),
        ("https://a.example/story/2016-01-27-man-shot", dt.date(2016, 1, 27)),
        ("https://a.example/20160127/man-shot", dt.date(2016, 1, 27)),
        ("https://a.example/2016/13/45/bad", None),
        ("https://a.example/2016/05/man-shot", None),  # year/month only: the day is unknown
        ("https://a.example/2015/12/11-year-old-shot.html", None),  # month-only path, then "11-year-old"
        ("https://a.example/news/ct-man-shot-20160223-story.html", dt.date(2016, 2, 23)),
        ("http://web.archive.org/web/20151030223013/http://www.wral.com/story/1/", None),  # the crawl time
        ("http://web.archive.org/web/20151030223013/http://www.wral.com/2015/10/29/x", dt.date(2015, 10, 29)),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, expected: dt.date | None) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.WRAL.com/news/x", "wral.com"),
        ("http://web.archive.org/web/2015/http://www.indystar.com/story/x", "indystar.com"),
        ("https://news.example:8080/a", "news.example"),
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_of(url: str | None, expected: str | None) -> None:
    assert outlet_of(url) == expected


def test_decode_order() -> None:
    assert decode("café “quoted”".encode(), SETTINGS) == "café “quoted”"
    assert decode(b"\xef\xbb\xbfheadline", SETTINGS) == "headline"
    windows = "The café owner told reporters “it was over in seconds” after the shots were fired."
    assert decode(windows.encode("cp1252"), SETTINGS) == windows
    assert decode("café".encode("latin-1"), SETTINGS, declared="iso-8859-1") == "café"
    assert decode(b"plain", SETTINGS, declared="no-such-codec") == "plain"
    with pytest.raises(Undecodable, match="NUL"):
        decode(b"a\x00b", SETTINGS)
    with pytest.raises(Undecodable, match="not UTF-8"):
        decode(bytes(range(0xA0, 0x100)), SETTINGS)


def test_language_shares() -> None:
    english, foreign = language_shares(BODY)
    assert english > 0.3 and foreign == 0.0
    assert non_english_reason(BODY, SETTINGS) is None
    # headlines and lists have few function words but nothing foreign either: still English
    assert non_english_reason("Police shooting: Gallup man, 34, hospitalized; officer on leave", SETTINGS) is None
    german = "Ein Polizist hat am Dienstagabend auf einen bewaffneten Mann in der Hauptstraße geschossen."
    assert non_english_reason(german, SETTINGS).startswith("not English")
    assert non_english_reason("Полицейский выстрелил в вооруженного мужчину на улице.", SETTINGS)
    assert language_shares("12345 678") == (0.0, 0.0)


def test_make_article_headline_rules() -> None:
    url = "https://www.gallupnews.example/2021/03/06/officer-shoots-man"
    article = make_article(
        "  Officer  shoots man\n outside motel ",
        "Officer shoots man outside motel\n\n" + BODY,
        source="s",
        settings=SETTINGS,
        url=url,
    )
    assert isinstance(article, Article)
    assert article.title == "Officer shoots man outside motel"
    assert article.text == "Officer shoots man outside motel\n\n" + BODY  # repeated headline dropped
    assert article.published == dt.date(2021, 3, 6) and article.outlet == "gallupnews.example"
    sentence = make_article("Police shoot man", "Police shoot man in Gallup. " + BODY, source="s", settings=SETTINGS)
    assert isinstance(sentence, Article) and sentence.text.startswith("Police shoot man\n\nPolice shoot man in")
    # no title: the whole text is the body, the headline is derived from (and repeats) its first sentence
    no_title = make_article(None, "\n  First line is not a headline\n" + BODY, source="s", settings=SETTINGS)
    assert isinstance(no_title, Article) and no_title.title == "First line is not a headline"
    assert no_title.text == "First line is not a headline\n\nFirst line is not a headline\n" + BODY
    assert no_title.source == "s" + DERIVED_HEADLINE
    not_http = make_article("T", BODY, source="s", settings=SETTINGS, url="file:///tmp/x")
    assert isinstance(not_http, Article) and not_http.url is None
    empty = make_article(None, " \n ", source="s", settings=SETTINGS)
    assert isinstance(empty, Skipped) and empty.reason == "no text in the input"
