"""Issue 9, items 6 and 11: one bad record never ends the rest of its file, a per-document budget for HTML, folders
(unreadable ones, manifest.jsonl folders), over-long paths and reasons that say what really happened."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources import expand, manifest_articles, read

SETTINGS = Settings(env={})
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"
BODY = (
    "A Laramie County deputy fired at a man who swung a machete at him during a welfare check on Thursday, "
    "the sheriff said. The man was not hit and was taken into custody."
)


def read_all(item: str | Path, settings: Settings = SETTINGS) -> list[Article | Skipped]:
    return list(read(str(item), settings))


def kinds(results: list[Article | Skipped]) -> list[str]:
    return [type(r).__name__ for r in results]


# --- one bad record ---------------------------------------------------------------------------------------------------


def test_bad_records_never_end_a_jsonl_file(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"url": "http://[x", "title": "Bad URL", "text": BODY}),  # urlsplit raises on it
        "[" * 100_000,  # json raises RecursionError
        json.dumps({"title": "Deep", "text": [[[[["x"]]]]] * 2}),
        json.dumps({"title": "Last", "text": BODY}),
    ]
    path.write_text("\n".join(lines))
    bad_url, deep, lists, last = read_all(path)
    assert isinstance(bad_url, Article) and bad_url.url is None and bad_url.outlet is None
    assert deep.reason == "line 2: nested too deeply to read (a hostile or broken record); fix or remove it"
    assert isinstance(lists, Skipped) and isinstance(last, Article) and last.title == "Last"


def test_deep_json_file(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    (skipped,) = read_all(path)
    assert skipped.reason.startswith("JSON nested too deeply to read")


def test_a_line_longer_than_the_limit_is_read_through(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(
        json.dumps({"title": "Huge", "text": "x " * 5000}) + "\n" + json.dumps({"title": "Ok", "text": BODY})
    )
    huge, ok = read_all(path, Settings({"max_file_bytes": 1000}, env={}))
    assert huge.reason == "line 1: longer than max_file_bytes (1,000 bytes); not an article"
    assert isinstance(ok, Article) and ok.source.endswith("#2")


def test_bad_feed_items_never_end_the_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<rss><channel>"
        f"<item><title>Bad link</title><link>http://[x</link><description>{BODY}</description></item>"
        "<item><title>Entity bomb</title><description>&b;</description></item>"
        "<item><title>Headline only</title></item>"
        f"<item><title>Last</title><link>https://lakeshore.example/last</link><description>{BODY}</description></item>"
        "</channel></rss>"
    )
    bad_link, bomb, headline_only, last = read_all(path)
    assert isinstance(bad_link, Article) and bad_link.url is None
    assert bomb.reason.startswith("the item's text is made of XML entities (&name;), which ois never expands")
    assert headline_only.reason == "no article text, only a headline ('Headline only')"  # not "too short: 0"
    assert isinstance(last, Article) and last.url == "https://lakeshore.example/last"


def test_html_budget(tmp_path: Path) -> None:
    path = tmp_path / "dump.html"
    path.write_text("<html><body>" + f"<p>{BODY}</p>\n" * 200 + "</body></html>")
    (skipped,) = read_all(path, Settings({"max_html_bytes": 10_000}, env={}))
    assert skipped.reason.startswith(f"HTML page is {path.stat().st_size:,} bytes, larger than max_html_bytes (10,000)")


# --- folders and paths ------------------------------------------------------------------------------------------------


def test_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(FIXTURES / "story.txt", tmp_path / "story.txt")
    real = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)  # root may read any folder: simulate the permission error
    assert expand([tmp_path]) == [str(locked), str(tmp_path / "story.txt")]
    skipped, article = read_all(tmp_path)
    assert skipped.source == str(locked)
    assert skipped.reason == "cannot list this folder (Permission denied); check its permissions"
    assert isinstance(article, Article)
    (alone,) = read_all(locked)
    assert alone.reason == skipped.reason


def test_over_long_path_is_one_skip(tmp_path: Path) -> None:
    long_path = tmp_path / ("a" * 300 + ".txt")
    assert expand([long_path, FIXTURES / "story.txt"]) == [str(long_path), str(FIXTURES / "story.txt")]
    (skipped,) = read_all(long_path)
    assert skipped.reason == "cannot open this path (File name too long); check it"


def _manifest_folder(root: Path) -> Path:
    folder = root / "corpus"
    (folder / "more").mkdir(parents=True)
    shutil.copy(FIXTURES / "story.txt", folder / "story.txt")
    shutil.copy(FIXTURES / "story.html", folder / "more" / "page.html")
    (folder / "notes.txt").write_text("Not listed\n\n" + BODY)
    (folder / "latin1.txt").write_bytes(bytes(range(128, 256)) * 20)
    entries = [
        {"file": "story.txt", "url": "https://millbrookpress.example/2024/02/06/deputy", "outlet": "Millbrook Press"},
        {"file": "more/page.html", "published": "2019-08-15"},
        {"file": "latin1.txt"},
        {"file": "../outside.txt"},
        {"file": "manifest.jsonl"},
        {"no": "file"},
    ]
    (folder / "manifest.jsonl").write_text("\n".join(json.dumps(e) for e in entries) + "\nnot json\n")
    return folder


def test_a_manifest_folder_is_read_through_its_manifest(tmp_path: Path) -> None:
    folder = _manifest_folder(tmp_path)
    assert expand([tmp_path]) == [str(folder / "manifest.jsonl")]  # not its files as loose articles
    story, page, undecodable, outside, itself, no_file, broken, unlisted = read_all(tmp_path)
    assert isinstance(story, Article) and story.outlet == "Millbrook Press"
    assert (
        story.url == "https://millbrookpress.example/2024/02/06/deputy" and story.published.isoformat() == "2024-02-06"
    )
    assert story.id == Article.make_id(story.text, story.url) and story.source == str(folder / "story.txt")
    assert isinstance(page, Article) and page.published.isoformat() == "2019-08-15"  # the manifest wins
    assert page.url == "https://www.valleyledger.example/news/officer-shoots-man-beaver-falls"  # the page's own
    assert undecodable.reason.startswith("not UTF-8 text") and undecodable.source == str(folder / "latin1.txt")
    assert outside.reason == "manifest line 4: '../outside.txt' is outside the manifest's folder; list only files in it"
    assert itself.reason.startswith("manifest line 5: 'manifest.jsonl' is a manifest or a folder")
    assert no_file.reason.startswith("manifest line 6: each line needs a JSON object with a 'file'")
    assert broken.reason.startswith("manifest line 7: not valid JSON")
    assert unlisted.source == str(folder / "notes.txt") and "not listed in it" in unlisted.reason


def test_manifest_articles_never_raises(tmp_path: Path) -> None:
    folder = _manifest_folder(tmp_path)
    results = list(manifest_articles(folder / "manifest.jsonl", SETTINGS))
    assert kinds(results) == ["Article", "Article"] + ["Skipped"] * 6
