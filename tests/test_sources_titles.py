"""Issue 13: inputs without a title (JSON records, CSV rows, web pages, feed items, WARC records) keep their whole
text as the body, get a derived headline (marked in `source`), read a leading dateline as the publication date,
and count the whole text for "too short". Plain-text files keep their rule: the first line is the headline."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources import read
from ois.sources.headline import dateline_text, derive_headline, first_sentence, shorten
from ois.sources.text import DERIVED_HEADLINE, make_article

SETTINGS = Settings(env={})
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"


def read_all(path: str | Path, settings: Settings = SETTINGS) -> list[Article | Skipped]:
    return list(read(str(path), settings))


def derived(result: Article | Skipped) -> Article:
    """The result as an Article whose headline was derived: marked, and repeated as the first paragraph."""
    assert isinstance(result, Article), result
    assert result.source.endswith(DERIVED_HEADLINE)
    assert result.text.startswith(result.title + "\n\n") and "\n" not in result.title
    return result


def body_of(article: Article) -> str:
    return article.text.split("\n\n", 1)[1]


# --- JSON records -----------------------------------------------------------------------------------------------------


def test_jsonl_records_without_titles() -> None:
    dateline, one_paragraph, short_line, too_short, only_dates = read_all(FIXTURES / "untitled.jsonl")
    first = derived(dateline)
    assert first.published == dt.date(2002, 3, 10)  # "This story is from March 10, 2002": metadata, not headline
    assert "This story is from" not in first.text
    assert first.title.startswith("A Harbor Vale County deputy shot and wounded a man")
    assert body_of(first).startswith("A Harbor Vale County deputy shot")  # the sentence stays in the body
    assert first.url == "https://www.harborvalecourier.example/news/deputy-shoots-man-marina"

    second = derived(one_paragraph)  # one long paragraph: the body is all of it, none lost to the headline
    assert second.title.startswith("Sgt. R. Dubois of the Millport Police Department fired")  # "Sgt." "R." go on
    assert len(second.title) <= SETTINGS.derived_headline_max_chars and second.title.endswith("…")
    assert body_of(second).endswith("as is routine.") and second.published == dt.date(2019, 7, 16)

    third = derived(short_line)  # "SHARE" is passed over: fewer than derived_headline_min_words words
    assert third.title.startswith("Two officers in Carver Falls returned fire")
    assert body_of(third).startswith("SHARE\n\nTwo officers")

    assert isinstance(too_short, Skipped)
    assert too_short.reason.startswith("line 4: too short: 34 characters of article text in all")
    assert "no title field (title, headline)" in too_short.reason
    assert only_dates.reason == "line 5: no article text, only a line saying when it was published"


def test_titled_record_is_unchanged() -> None:
    (article, *_) = read_all(FIXTURES / "articles.jsonl")
    assert isinstance(article, Article) and not article.source.endswith(DERIVED_HEADLINE)
    assert article.title == "Officer shoots driver at Wichita Falls car wash"


def test_too_short_counts_the_whole_text(tmp_path: Path) -> None:
    """60 characters in two lines: without a title all 60 count, not the 30 after a first-line 'headline'."""
    text = "Officers were called at noon.\nA man was shot in the arm there."
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"text": text}) + "\n" + json.dumps({"title": "T", "text": text}) + "\n")
    strict = Settings({"min_article_chars": 50}, env={})
    untitled, titled = read_all(path, strict)
    assert body_of(derived(untitled)) == text
    assert isinstance(titled, Article) and body_of(titled) == text


# --- the other formats ------------------------------------------------------------------------------------------------


def test_html_without_title() -> None:
    (article,) = read_all(FIXTURES / "untitled.html")
    article = derived(article)
    assert article.title.startswith("A state trooper shot a man who stabbed a motorist")
    assert body_of(article).startswith("A state trooper shot a man")


def test_csv_row_without_title() -> None:
    titled, untitled, *_ = read_all(FIXTURES / "articles.csv")
    assert isinstance(titled, Article) and titled.title == "Officer shoots man outside feed store"
    article = derived(untitled)
    assert article.title.startswith("Deputies in Wren County fired at a driver")


def test_feed_item_without_title(tmp_path: Path) -> None:
    rss = (
        (FIXTURES / "feed.rss")
        .read_text()
        .replace("<title>Officer shoots armed robbery suspect outside Salina pharmacy</title>", "")
    )
    path = tmp_path / "feed.rss"
    path.write_text(rss)
    article, fair = read_all(path)
    assert derived(article).title.startswith("A Salina police officer shot a man")
    assert fair.reason.startswith("too short")


def test_warc_record_without_title(tmp_path: Path) -> None:
    page = (FIXTURES / "untitled.html").read_bytes()
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: <https://oakhurstnews.example/trooper>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(head.encode() + block + b"\r\n\r\n"))
    (article,) = read_all(path)
    assert derived(article).url == "https://oakhurstnews.example/trooper"


def test_text_files_keep_the_first_line_rule(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("This story is from March 10, 2002\n\n" + (FIXTURES / "story.txt").read_text())
    (article,) = read_all(path)
    assert isinstance(article, Article) and article.title == "This story is from March 10, 2002"
    assert not article.source.endswith(DERIVED_HEADLINE) and article.published is None


# --- the headline and dateline rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("This story is from March 10, 2002", "March 10, 2002"),
        ("Updated: Apr 19, 2016 - 9:49 PM", "Apr 19, 2016 - 9:49 PM"),
        ("Posted Jun. 15, 2015 at 8:20 AM Updated Jun 16, 2015", "Jun. 15, 2015 at 8:20 AM"),
        ("Posted on 13 August 2013", "13 August 2013"),
        ("October 6, 2013 11:58 PM", "October 6, 2013 11:58 PM"),  # no label, but a year
        ("STOCKTON-", None),
        ("Police: 2 shot after West Side party", None),
        ("Published " + "x" * 100, None),  # longer than dateline_max_chars
    ],
)
def test_dateline_text(line: str, expected: str | None) -> None:
    assert dateline_text(line, SETTINGS) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("PUYALLUP, Wash. — No charges will be filed. The boy was 13.", "PUYALLUP, Wash. — No charges will be filed."),
        (
            "U.S. Marshals shot a man on Jan. 17 at 3 p.m. on Main St. He died.",
            "U.S. Marshals shot a man on Jan. 17 at 3 p.m. on Main St. He died.",
        ),
        ("“Drop it!” the officer yelled. Then he fired.", "“Drop it!” the officer yelled."),
        ("No sentence end here", "No sentence end here"),
    ],
)
def test_first_sentence(line: str, expected: str) -> None:
    assert first_sentence(line) == expected


def test_shorten() -> None:
    assert shorten("short", 10) == "short"
    assert shorten("one two three four five", 12) == "one two…"
    assert shorten("x" * 30, 10) == "x" * 9 + "…"


@hsettings(max_examples=200, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400))
def test_derived_headlines_keep_the_contract(text: str) -> None:
    """Whatever the text: one line, at most derived_headline_max_chars, and the whole text stays in the body."""
    lenient = Settings({"min_article_chars": 1, "min_english_ratio": 0.0}, env={})
    article = make_article(None, text, source="s", settings=lenient)
    if isinstance(article, Article):
        assert article.text.startswith(article.title + "\n\n") and "\n" not in article.title
        assert 0 < len(article.title) <= lenient.derived_headline_max_chars
        assert article.source == "s" + DERIVED_HEADLINE
    headline = derive_headline(text, lenient)
    assert "\n" not in headline and len(headline) <= lenient.derived_headline_max_chars


# --- LongTail: no more records skipped without titles than with them --------------------------------------------------


@pytest.mark.shared
def test_longtail_skips_no_more_records_without_titles(shared_data: Path, tmp_path: Path) -> None:
    rows = [json.loads(line) for line in (shared_data / "longtail-gva" / "articles.jsonl").open(encoding="utf-8")]
    counts = []
    for name, keep_title in (("titled.jsonl", True), ("bare.jsonl", False)):
        path = tmp_path / name
        with path.open("w", encoding="utf-8") as out:
            for row in rows:
                record = {"url": row.get("uri"), "published": row.get("dct"), "text": row.get("content")}
                out.write(json.dumps({**record, "title": row.get("title")} if keep_title else record) + "\n")
        counts.append(sum(isinstance(r, Skipped) for r in read(str(path), SETTINGS)))
    assert counts[1] <= counts[0], counts
