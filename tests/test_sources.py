"""Sources stage: each file format, ids, the headline invariant, every bad-input case and the READERS table."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from ois import sources
from ois.models import Article, Skipped, stable_id
from ois.settings import Settings
from ois.sources import READERS, Input, Reader, expand, read

SETTINGS = Settings(env={})


@pytest.fixture
def src(fixtures: Path) -> Path:
    return fixtures / "sources"


def read_all(item: str | Path, settings: Settings = SETTINGS) -> list[Article | Skipped]:
    return list(read(str(item), settings))


def one(item: str | Path, settings: Settings = SETTINGS) -> Article | Skipped:
    results = read_all(item, settings)
    assert len(results) == 1, results
    return results[0]


def assert_article(result: Article | Skipped) -> Article:
    assert isinstance(result, Article), result
    assert result.text.startswith(result.title + "\n\n")
    return result


# --- expand -------------------------------------------------------------------------------------------------------


def test_expand_recurses_sorted_skips_hidden_and_keeps_missing(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/z.txt", "b/a.html", "c.jsonl", ".hidden.txt", ".git/config", "b/.DS_Store"):
        (tmp_path / name).write_text("x")
    items = expand([tmp_path, "https://news.example/story", tmp_path / "c.jsonl", tmp_path / "missing.txt"])
    assert items == [
        str(tmp_path / "b/a.html"),
        str(tmp_path / "b/z.txt"),
        str(tmp_path / "c.jsonl"),
        "https://news.example/story",
        str(tmp_path / "missing.txt"),
    ]


def test_missing_file_and_folder_item(tmp_path: Path, src: Path) -> None:
    missing = one(tmp_path / "nope.txt")
    assert isinstance(missing, Skipped) and "file not found" in missing.reason
    assert missing.source == str(tmp_path / "nope.txt") and missing.stage == "sources"
    results = read_all(src)  # a folder passed straight to read() is expanded
    # 3 + 3 JSONL (titled, untitled) + 2 CSV + RSS + Atom + 3 HTML + text
    assert sum(isinstance(r, Article) for r in results) == 14


# --- plain text ---------------------------------------------------------------------------------------------------


def test_text_file(src: Path) -> None:
    article = assert_article(one(src / "story.txt"))
    assert article.title == "Deputy wounds armed man after chase near Millbrook grain elevator"
    assert article.text.split("\n\n")[1].startswith("MILLBROOK, Ala. — A Elmore County sheriff's deputy shot")
    assert article.url is None and article.outlet is None and article.published is None
    assert article.source == str(src / "story.txt")
    assert article.id == Article.make_id(article.text) == stable_id("text", " ".join(article.text.split()))


def test_ids_are_stable(src: Path) -> None:
    first = [r.id for r in read_all(src / "articles.jsonl") if isinstance(r, Article)]
    second = [r.id for r in read_all(src / "articles.jsonl") if isinstance(r, Article)]
    assert first == second and len(set(first)) == 3
    assert one(src / "story.txt").id == one(src / "story.txt").id


def test_text_normalised_and_headline_without_blank_line(tmp_path: Path, src: Path) -> None:
    body = (src / "story.txt").read_text().split("\n", 2)[2]
    path = tmp_path / "story"  # no extension
    path.write_bytes(("\n\n  Headline on the first line  \r\n" + body.replace("\n", "\r\n")).encode())
    article = assert_article(one(path))
    assert article.title == "Headline on the first line"
    assert "\r" not in article.text and "\n\n\n" not in article.text


# --- HTML -----------------------------------------------------------------------------------------------------------


def test_html_file(src: Path) -> None:
    article = assert_article(one(src / "story.html"))
    assert article.title == "Officer shoots man who fired at patrol car in Beaver Falls"
    assert article.url == "https://www.valleyledger.example/news/officer-shoots-man-beaver-falls"
    assert article.outlet == "valleyledger.example"
    assert article.published == dt.date(2019, 8, 14)  # article:published_time, not the © 2021 footer
    assert "Officer Dana Whitcombe returned fire" in article.text
    assert "All rights reserved" not in article.text and "Sports" not in article.text
    assert article.id == stable_id("url", article.url)


def test_html_copyright_footer_is_not_a_date(src: Path) -> None:
    article = assert_article(one(src / "footer_date.html"))
    assert article.title == "Trooper involved in shooting on Route 9"
    assert article.published is None  # trafilatura alone says 2017-01-01 from "Copyright © 2017"


def test_html_date_from_url_path(tmp_path: Path, src: Path) -> None:
    html = (src / "footer_date.html").read_text()
    canonical = '<link rel="canonical" href="https://hudsoncourier.example/2016/01/27/trooper-shooting-route-9">'
    path = tmp_path / "page.htm"
    path.write_text(html.replace("</head>", canonical + "</head>"))
    article = assert_article(one(path))
    assert article.url == "https://hudsoncourier.example/2016/01/27/trooper-shooting-route-9"
    assert article.published == dt.date(2016, 1, 27)
    assert article.outlet == "hudsoncourier.example"


def test_html_without_article(src: Path) -> None:
    skipped = one(src / "navigation.html")
    assert isinstance(skipped, Skipped) and "no article text found in the HTML" in skipped.reason


def test_html_declared_charset(tmp_path: Path, src: Path) -> None:
    html = (src / "story.html").read_text().replace('charset="utf-8"', 'charset="iso-8859-1"')
    path = tmp_path / "latin.html"
    path.write_bytes(html.replace("—", "-").replace("©", "(c)").replace("Ferrante", "Ferrànte").encode("latin-1"))
    assert "Ferrànte, 29" in assert_article(one(path)).text


# --- JSONL / JSON -------------------------------------------------------------------------------------------------


def test_jsonl(src: Path) -> None:
    results = read_all(src / "articles.jsonl")
    assert [type(r).__name__ for r in results] == ["Article", "Article", "Skipped", "Article", "Skipped", "Skipped"]
    first, second, bad, third, no_text, not_object = results
    assert first.title == "Officer shoots driver at Wichita Falls car wash"
    assert first.published == dt.date(2018, 3, 12)  # the field wins over the URL's 2018/03/11
    assert first.outlet == "texomanews.example" and first.source == f"{src / 'articles.jsonl'}#1"
    assert first.id == stable_id("url", first.url)
    # aliases uri/dct/content; archived URL -> the original site; headline not repeated in the text
    assert second.outlet == "arkansasherald.example" and second.published == dt.date(2017, 4, 8)
    assert second.text.count("Two Pine Bluff officers wounded in shootout") == 1
    assert bad.reason.startswith("line 3: not valid JSON") and bad.source.endswith("#3")
    # aliases headline/date/body; HTML in the body becomes paragraphs
    assert third.title == "Deputy fires at man with machete" and third.published == dt.date(2020, 6, 4)
    assert "<p>" not in third.text and "\nThe man was not hit" in third.text and third.url is None
    assert no_text.reason.startswith("line 6: no article text")
    assert not_object.reason == "line 7: expected a JSON object, got list"


def test_jsonl_bad_encoding_line_does_not_stop_the_rest(tmp_path: Path, src: Path) -> None:
    lines = (src / "articles.jsonl").read_bytes().split(b"\n")
    path = tmp_path / "mixed.ndjson"
    path.write_bytes(b"\n".join([b'{"text": "\x00\x01"}', lines[0]]))
    first, second = read_all(path)
    assert isinstance(first, Skipped) and first.reason.startswith("line 1: binary")
    assert assert_article(second).title == "Officer shoots driver at Wichita Falls car wash"


def test_json_array(tmp_path: Path, src: Path) -> None:
    body = (src / "story.txt").read_text().split("\n", 2)[2]
    path = tmp_path / "dump.json"
    records = [{"title": "One", "text": body, "link": "https://a.example/x"}, {"title": "Two"}]
    path.write_text(json.dumps({"articles": records}))
    article, skipped = read_all(path)
    assert assert_article(article).title == "One" and article.url == "https://a.example/x"
    assert isinstance(skipped, Skipped) and skipped.source == f"{path}#2"
    lines = tmp_path / "lines.json"  # JSON Lines saved as .json
    lines.write_text("\n".join(json.dumps(r) for r in records))
    assert [type(r).__name__ for r in read_all(lines)] == ["Article", "Skipped"]
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": "x",')
    (skipped,) = read_all(broken)
    assert isinstance(skipped, Skipped) and skipped.reason.startswith("not valid JSON")


# --- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n \t\n", "empty file (only whitespace)"),
        (b"Headline\n\nbody\x00with\x00nul", "binary file (contains NUL bytes)"),
        (bytes(range(1, 32)) * 20, "binary file (control characters)"),
        (bytes(range(128, 256)) * 20, "not UTF-8 text"),
    ],
)
def test_bad_bytes(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    skipped = one(path)
    assert isinstance(skipped, Skipped) and skipped.reason.startswith(reason), skipped


def test_encodings(tmp_path: Path, src: Path) -> None:
    text = (src / "story.txt").read_text()
    cp1252 = text.replace("sheriff's", "sheriff’s").replace("Okafor", "Okafór")
    for name, data in [
        ("bom.txt", b"\xef\xbb\xbf" + text.encode()),
        ("win.txt", cp1252.encode("cp1252")),
        ("utf16.txt", text.encode("utf-16")),
    ]:
        (tmp_path / name).write_bytes(data)
        article = assert_article(one(tmp_path / name))
        assert article.title == "Deputy wounds armed man after chase near Millbrook grain elevator", name
    assert "Sheriff Ruth Okafór" in one(tmp_path / "win.txt").text


def test_too_large_checked_before_reading(tmp_path: Path, src: Path) -> None:
    small = Settings({"max_file_bytes": 100}, env={})
    skipped = one(src / "story.txt", small)
    assert isinstance(skipped, Skipped) and "larger than max_file_bytes (100)" in skipped.reason
    sparse = tmp_path / "huge.txt"
    with open(sparse, "wb") as handle:  # 60 MB sparse file: instant to create, never read
        handle.truncate(60_000_000)
    skipped = one(sparse)
    assert isinstance(skipped, Skipped) and "60,000,000 bytes" in skipped.reason


def test_too_short_and_non_english(src: Path) -> None:
    short = one(src / "short.txt")
    assert isinstance(short, Skipped) and short.reason.startswith("too short: 19 characters")
    spanish = one(src / "spanish.txt")
    assert isinstance(spanish, Skipped) and spanish.reason.startswith("not English")
    strict = Settings({"min_article_chars": 10}, env={})
    assert assert_article(one(src / "short.txt", strict)).title == "Short note"


SUFFIXES = ["", ".txt", ".html", ".jsonl", ".json", ".xml", ".rss", ".warc", ".warc.gz", ".csv", ".tsv", ".pdf"]


@hsettings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_never_raise(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "input" + suffix)
        with open(path, "wb") as handle:
            handle.write(data)
        results = list(read(path, Settings({"min_article_chars": 1, "min_english_ratio": 0.0}, env={})))
    assert results
    for result in results:
        assert isinstance(result, Article | Skipped)
        if isinstance(result, Article):
            assert result.title and result.text.startswith(result.title + "\n\n")
        else:
            assert result.reason and "unexpected error" not in result.reason


def test_big_jsonl_is_streamed_and_each_line_bounded(tmp_path: Path) -> None:
    """A JSONL dump larger than max_file_bytes is read line by line; only an oversized line is skipped."""
    body = "Deputies in Millbrook shot and wounded a man who fired at them outside a feed store on Monday. " * 3
    lines = [json.dumps({"url": f"https://news.example/{n}", "title": f"Story {n}", "text": body}) for n in range(6)]
    lines.insert(3, json.dumps({"title": "Huge", "text": "x " * 400}))
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(lines))
    results = list(read(str(dump), Settings({"max_file_bytes": 700}, env={})))
    assert dump.stat().st_size > 700
    assert [type(r).__name__ for r in results] == ["Article"] * 3 + ["Skipped"] + ["Article"] * 3
    assert "line 4" in results[3].reason and "max_file_bytes" in results[3].reason


def test_text_far_longer_than_a_news_story_is_skipped(tmp_path: Path) -> None:
    dump = tmp_path / "log.txt"
    dump.write_text("Server log\n\n" + "Officers responded to a call on Main Street and spoke with a man. " * 40)
    skipped = one(dump, Settings({"max_article_chars": 1000}, env={}))
    assert isinstance(skipped, Skipped) and "not one news story" in skipped.reason


# --- the READERS table ----------------------------------------------------------------------------------------------


Calls = list[tuple[str, Input]]


def _recorder(name: str, calls: Calls) -> Callable[[Input, Settings], Iterator[Article | Skipped]]:
    """A reader that notes which row read what, instead of reading."""

    def fake(doc: Input, settings: Settings) -> Iterator[Article | Skipped]:
        calls.append((name, doc))
        yield Skipped(doc.source, f"read by {name}")

    return fake


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    """Every row of READERS replaced by a recorder (sniffs kept), so tests see the dispatch alone."""
    seen: Calls = []
    fakes = tuple(dataclasses.replace(row, read=_recorder(row.name, seen)) for row in READERS)
    monkeypatch.setattr(sources, "READERS", fakes)
    return seen


def test_readers_table_is_consistent() -> None:
    suffixes = [s for row in READERS for s in row.suffixes]
    assert len(suffixes) == len(set(suffixes)), "a suffix claimed by two rows"
    assert all(s == "" or (s.startswith(".") and s == s.lower()) for s in suffixes)
    assert sum("" in row.suffixes for row in READERS) == 1  # the fallback for content no sniff recognises
    assert all(not (row.sniff and row.streams) for row in READERS)  # sniffing reads the whole file
    assert len({row.name for row in READERS}) == len(READERS)
    names = [n for row in READERS for n in row.names]
    assert len(names) == len(set(names)) and all(n == n.lower() and "/" not in n for n in names)


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("manifest.jsonl", "manifest"),
        ("MANIFEST.JSONL", "manifest"),
        ("my_manifest.jsonl", "jsonl"),
        ("table.TSV", "table"),
    ],
)
def test_whole_names_win_over_suffixes(tmp_path: Path, calls: Calls, name: str, reader: str) -> None:
    (tmp_path / name).write_text("x")
    assert one(tmp_path / name).reason == f"read by {reader}"


@pytest.mark.parametrize(
    ("row", "suffix"),
    [pytest.param(row, s, id=f"{row.name}:{s or 'no suffix'}") for row in READERS for s in row.suffixes],
)
def test_every_suffix_dispatches_to_its_reader(tmp_path: Path, calls: Calls, row: Reader, suffix: str) -> None:
    path = tmp_path / f"Input{suffix.upper()}"  # suffixes match whatever the case
    path.write_bytes(b"<rss><p>content that every sniff would claim</p></rss>")
    assert one(path).reason == f"read by {row.name}"
    data = b"" if row.streams else path.read_bytes()  # streamed readers open the file themselves
    assert calls == [(row.name, Input(str(path), data))]


@pytest.mark.parametrize("item", ["https://news.example/a", " HTTP://news.example/b "])
def test_urls_dispatch_by_prefix(calls: Calls, item: str) -> None:
    assert one(item).reason == "read by url"
    assert calls[0][1] == Input(item.strip())


@pytest.mark.parametrize("row", [row for row in READERS if row.suffixes], ids=lambda row: row.name)
def test_only_streamed_readers_escape_the_whole_file_limit(tmp_path: Path, calls: Calls, row: Reader) -> None:
    path = tmp_path / f"big{next(s for s in row.suffixes if s)}"
    path.write_bytes(b"x" * 200)
    result = one(path, Settings({"max_file_bytes": 100}, env={}))
    if row.streams:
        assert result.reason == f"read by {row.name}"  # each record is bounded by the reader instead
    else:
        assert "larger than max_file_bytes (100)" in result.reason and not calls


@pytest.mark.parametrize(
    ("fixture", "name"),
    [("story.html", "html"), ("feed.rss", "feed"), ("feed.atom", "feed"), ("story.txt", "text")],
)
def test_unknown_suffix_is_sniffed(tmp_path: Path, src: Path, calls: Calls, fixture: str, name: str) -> None:
    path = tmp_path / "page.php"
    shutil.copy(src / fixture, path)
    assert one(path).reason == f"read by {name}"


def test_sniffing_only_for_unknown_suffixes(tmp_path: Path, src: Path, calls: Calls) -> None:
    for name in ("page.txt", "page"):  # a .txt file or a name without a suffix is plain text, even with tags
        shutil.copy(src / "story.html", tmp_path / name)
        assert one(tmp_path / name).reason == "read by text"


def test_unknown_suffix_read_for_real(tmp_path: Path, src: Path) -> None:
    shutil.copy(src / "story.html", tmp_path / "story.php")
    assert assert_article(one(tmp_path / "story.php")).url == assert_article(one(src / "story.html")).url
    shutil.copy(src / "feed.rss", tmp_path / "feed.cgi")
    assert [type(r).__name__ for r in read_all(tmp_path / "feed.cgi")] == ["Article", "Skipped"]
    shutil.copy(src / "story.txt", tmp_path / "story.md")
    assert assert_article(one(tmp_path / "story.md")).title == assert_article(one(src / "story.txt")).title
    (tmp_path / "noise.bin").write_bytes(bytes(range(128, 256)) * 20)
    skipped = one(tmp_path / "noise.bin")  # no sniff recognises it: read as plain text, which says why not
    assert isinstance(skipped, Skipped) and skipped.reason.startswith("not UTF-8 text")


def test_a_new_format_is_one_row_and_the_longest_suffix_wins(
    tmp_path: Path, calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    gz = Reader("gz", _recorder("gz", calls), suffixes=(".gz",), streams=True)
    monkeypatch.setattr(sources, "READERS", (*sources.READERS, gz))
    for name, reader in [("a.gz", "gz"), ("a.warc.gz", "warc"), ("a.tar.gz", "gz")]:
        (tmp_path / name).write_bytes(b"x")
        assert one(tmp_path / name).reason == f"read by {reader}"


def test_a_reader_that_raises_becomes_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(doc: Input, settings: Settings) -> Iterator[Article | Skipped]:
        raise RuntimeError("boom")

    rows = tuple(dataclasses.replace(row, read=broken) if row.name == "text" else row for row in READERS)
    monkeypatch.setattr(sources, "READERS", rows)
    (tmp_path / "a.txt").write_text("Headline\n\nbody")
    skipped = one(tmp_path / "a.txt")
    assert isinstance(skipped, Skipped) and skipped.reason.startswith("unexpected error while reading (RuntimeError")
