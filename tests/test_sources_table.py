"""Issue 12: CSV and TSV tables of articles, one article per row, columns found by the JSON field names or named
by settings; a table with no text column is one Skipped for the whole file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources import read

SETTINGS = Settings(env={})
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"
BODY = (
    "Deputies in Wren County fired at a driver who rammed two patrol cars at the end of a chase on Highway 9 "
    "early Saturday, the sheriff said. The driver was not hit."
)


def read_all(path: Path, settings: Settings = SETTINGS) -> list[Article | Skipped]:
    return list(read(str(path), settings))


def table(path: Path, rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def test_csv_columns_detected() -> None:
    titled, untitled, empty, short = read_all(FIXTURES / "articles.csv")
    assert isinstance(titled, Article) and titled.title == "Officer shoots man outside feed store"
    assert titled.url == "https://www.plainsherald.example/2021/09/03/officer-shoots-man-feed-store"
    assert titled.published == dt.date(2021, 9, 4)  # the Date column wins over the URL's date
    assert "\n\nThe man, 52, was flown" in titled.text  # a quoted cell keeps its paragraphs
    assert titled.source == f"{FIXTURES / 'articles.csv'}#row2" and titled.outlet == "plainsherald.example"
    assert isinstance(untitled, Article) and untitled.url is None
    assert empty.reason == "row 4: the text column 'Story' is empty" and empty.source.endswith("#row4")
    assert short.reason.startswith("row 5: too short: 18 characters")


def test_table_without_text_column_is_one_skip() -> None:
    (skipped,) = read_all(FIXTURES / "summaries.tsv")
    assert isinstance(skipped, Skipped) and skipped.source == str(FIXTURES / "summaries.tsv")
    assert skipped.reason.startswith("no text column: the header has 'name', 'summary', 'site'")
    assert "--set csv_text_column=NAME" in skipped.reason


def test_columns_named_by_settings() -> None:
    named = Settings({"csv_text_column": "Summary", "csv_title_column": "name"}, env={})
    (article,) = read_all(FIXTURES / "summaries.tsv", named)
    assert isinstance(article, Article) and article.title == "wren" and article.text.endswith("the sheriff said.")
    wrong = Settings({"csv_text_column": "body"}, env={})
    (skipped,) = read_all(FIXTURES / "summaries.tsv", wrong)
    assert skipped.reason == "no column 'body' (setting csv_text_column); the header has 'name', 'summary', 'site'"


def test_delimiters_and_encodings(tmp_path: Path) -> None:
    rows = [["Title", "Text", "URL"], ["Café owner shot by deputy", BODY, "https://a.example/2020/05/06/x"]]
    for name, delimiter, encoding in [
        ("semicolon.csv", ";", "utf-8"),
        ("excel.csv", ",", "utf-8-sig"),
        ("windows.csv", ",", "cp1252"),
        ("unicode.tsv", "\t", "utf-16"),
        ("pipes.csv", "|", "utf-8"),
    ]:
        (article,) = read_all(table(tmp_path / name, rows, delimiter, encoding))
        assert isinstance(article, Article), (name, article)
        assert article.title == "Café owner shot by deputy" and article.published == dt.date(2020, 5, 6), name


def test_one_bad_row_never_ends_the_file(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 after the start that decided the encoding: that row alone is skipped."""
    path = tmp_path / "mixed.csv"
    good = f'"Deputy fires at driver","{BODY}"\n'.encode()
    many = 70_000 // len(good)  # past the first 64 KiB
    path.write_bytes(b"title,text\n" + good * many + b'"Bad \xff bytes","' + BODY.encode() + b'"\n\n' + good)
    results = read_all(path)
    *firsts, bad, last = results
    assert len(firsts) == many and all(isinstance(r, Article) for r in [*firsts, last])
    assert bad.reason.startswith(f"row {many + 2}: bytes that are not text") and last.source.endswith(f"#row{many + 4}")


def test_unclosed_quote_stops_at_the_row_limit(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(f'title,text\nOne,"{BODY}"\nTwo,"never closed {BODY}\n' + f"Three,{BODY}\n" * 50)
    first, broken = read_all(path, Settings({"max_file_bytes": 1000}, env={}))
    assert isinstance(first, Article)
    assert broken.reason.startswith("row 3: longer than max_file_bytes (1,000 characters; an unclosed quote?)")


def test_large_table_is_streamed(tmp_path: Path) -> None:
    rows = [["url", "title", "text"]] + [[f"https://news.example/{n}", f"Story {n}", BODY] for n in range(30)]
    path = table(tmp_path / "big.csv", rows)
    results = read_all(path, Settings({"max_file_bytes": 1000}, env={}))
    assert path.stat().st_size > 1000 and len(results) == 30 and all(isinstance(r, Article) for r in results)


def test_header_only_and_binary(tmp_path: Path) -> None:
    (skipped,) = read_all(table(tmp_path / "empty.csv", [["title", "text"]]))
    assert skipped.reason == "the table has a header but no rows"
    (tmp_path / "noise.csv").write_bytes(bytes(range(128, 256)) * 20)
    (skipped,) = read_all(tmp_path / "noise.csv")
    assert skipped.reason.startswith("not UTF-8 text")


@hsettings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".csv", ".tsv"]))
def test_arbitrary_tables_never_raise(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "input" + suffix)
        with open(path, "wb") as handle:
            handle.write(b"title,text\n" + data)
        results = list(read(path, Settings({"min_article_chars": 1, "min_english_ratio": 0.0}, env={})))
    assert results and all(isinstance(r, Article | Skipped) for r in results)
    assert not any(isinstance(r, Skipped) and "unexpected error" in r.reason for r in results)
