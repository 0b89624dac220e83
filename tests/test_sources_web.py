"""Sources stage: RSS/Atom feeds, WARC archives, and URLs/feeds fetched from a local HTTP server."""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import http.server
import shutil
import threading
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from ois.models import Article, Skipped, stable_id
from ois.settings import Settings
from ois.sources import read

SETTINGS = Settings(env={})
LOCAL = Settings({"allow_private_addresses": True}, env={})  # the test servers listen on 127.0.0.1
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"


def read_all(item: str | Path, settings: Settings = SETTINGS) -> list[Article | Skipped]:
    return list(read(str(item), settings))


# --- feeds ----------------------------------------------------------------------------------------------------------


def test_rss_file() -> None:
    article, fair = read_all(FIXTURES / "feed.rss")
    assert isinstance(article, Article)
    assert article.title == "Officer shoots armed robbery suspect outside Salina pharmacy"
    assert article.text.startswith(article.title + "\n\nA Salina police officer shot a man")
    assert "\nThe man, Brent Kowalczyk, 27," in article.text  # content:encoded HTML -> paragraphs
    assert article.url == "https://www.prairiesentinel.example/2022/02/09/salina-pharmacy-shooting"
    assert article.published == dt.date(2022, 2, 9) and article.outlet == "prairiesentinel.example"
    assert article.source == f"{FIXTURES / 'feed.rss'}#item1" and article.id == stable_id("url", article.url)
    assert isinstance(fair, Skipped) and fair.reason.startswith("too short") and fair.source.endswith("#item2")


def test_atom_file() -> None:
    (article,) = read_all(FIXTURES / "feed.atom")
    assert isinstance(article, Article)
    assert article.title == "Sheriff: deputy shot at during traffic stop in Ashtabula County"
    assert article.url == "https://lakeshoredispatch.example/news/deputy-shot-at-traffic-stop"
    assert article.published == dt.date(2023, 5, 1)  # <published>, not <updated>
    assert "Sheriff Owen Marchetti said.\nNeither was hit." in article.text


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>')
    (skipped,) = read_all(path)
    assert isinstance(skipped, Skipped) and "not an RSS or Atom feed" in skipped.reason


# --- WARC -----------------------------------------------------------------------------------------------------------


def _record(kind: str, uri: str, block: bytes, content_type: str) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: <{uri}>\r\nWARC-Date: 2024-01-02T03:04:05Z\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def _response(status: str, content_type: str, body: bytes, *, chunked_gzip: bool = False) -> bytes:
    headers = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
    if chunked_gzip:
        body = gzip.compress(body)
        body = b"".join(b"%x\r\n%s\r\n" % (len(body[i : i + 100]), body[i : i + 100]) for i in range(0, len(body), 100))
        body += b"0\r\n\r\n"
        headers += "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"
    return (headers + "\r\n").encode() + body


def _warc_records() -> list[bytes]:
    page = (FIXTURES / "footer_date.html").read_bytes()
    url = "https://hudsoncourier.example/news/2021/06/30/trooper-shooting"
    http_type = "application/http; msgtype=response"
    return [
        _record("warcinfo", "", b"software: test\r\n", "application/warc-fields"),
        _record("request", url, b"GET /news HTTP/1.1\r\nHost: hudsoncourier.example\r\n\r\n", "application/http"),
        _record("response", url, _response("200 OK", "text/html; charset=utf-8", page, chunked_gzip=True), http_type),
        _record(
            "response",
            "https://hudsoncourier.example/logo.png",
            _response("200 OK", "image/png", b"\x89PNG"),
            http_type,
        ),
        _record("response", "https://hudsoncourier.example/old", _response("301 Moved", "text/html", b""), http_type),
        _record(
            "response",
            "https://hudsoncourier.example/menu",
            _response("200 OK", "text/html", (FIXTURES / "navigation.html").read_bytes()),
            http_type,
        ),
    ]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc(tmp_path: Path, name: str) -> None:
    records = _warc_records()
    data = b"".join(gzip.compress(r) for r in records) if name.endswith(".gz") else b"".join(records)
    path = tmp_path / name
    path.write_bytes(data)
    article, menu = read_all(path)
    assert isinstance(article, Article)
    assert article.title == "Trooper involved in shooting on Route 9"
    assert article.url == "https://hudsoncourier.example/news/2021/06/30/trooper-shooting"
    assert article.published == dt.date(2021, 6, 30)  # from the URL; never the crawl date or the footer
    assert article.outlet == "hudsoncourier.example" and article.source == f"{path}#{article.url}"
    assert isinstance(menu, Skipped) and "no article text found" in menu.reason


def test_warc_broken(tmp_path: Path) -> None:
    truncated = tmp_path / "cut.warc"
    truncated.write_bytes(b"".join(_warc_records()[:3])[:-50])
    assert isinstance(read_all(truncated)[-1], Skipped)
    assert "truncated" in read_all(truncated)[-1].reason
    not_warc = tmp_path / "fake.warc.gz"
    not_warc.write_bytes(b"this is not gzip")
    (skipped,) = read_all(not_warc)
    assert isinstance(skipped, Skipped) and skipped.reason.startswith("unreadable WARC file")
    only_requests = tmp_path / "requests.warc"
    only_requests.write_bytes(b"".join(_warc_records()[:2]))
    (skipped,) = read_all(only_requests)
    assert isinstance(skipped, Skipped) and "holds no HTML pages" in skipped.reason


# --- URLs from a local server ---------------------------------------------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":  # never answers within the test's timeout
            time.sleep(0.5)
            return
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/footer_date.html")
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    for name in ("story.html", "footer_date.html", "feed.atom"):
        shutil.copy(FIXTURES / name, root / name)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    rss = (FIXTURES / "feed.rss").read_text()
    rss = rss.replace("https://www.prairiesentinel.example/2022/02/09/salina-pharmacy-shooting", f"{base}/story.html")
    (root / "feed.rss").write_text(rss)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def test_url_page(server: str) -> None:
    (article,) = read_all(f"{server}/footer_date.html", LOCAL)
    assert isinstance(article, Article) and article.title == "Trooper involved in shooting on Route 9"
    assert article.url == f"{server}/footer_date.html" and article.outlet == "127.0.0.1"
    assert article.source == f"{server}/footer_date.html" and article.id == stable_id("url", article.url)
    assert article.published is None


def test_url_canonical_and_redirect(server: str) -> None:
    (article,) = read_all(f"{server}/story.html", LOCAL)
    assert article.url == "https://www.valleyledger.example/news/officer-shoots-man-beaver-falls"
    assert article.published == dt.date(2019, 8, 14)
    (moved,) = read_all(f"{server}/moved", LOCAL)
    assert isinstance(moved, Article) and moved.url == f"{server}/footer_date.html"


def test_url_feeds(server: str) -> None:
    (atom,) = read_all(f"{server}/feed.atom", LOCAL)
    assert isinstance(atom, Article) and atom.published == dt.date(2023, 5, 1)
    assert atom.source == f"{server}/feed.atom#item1"
    item, fair = read_all(f"{server}/feed.rss", LOCAL)  # default: the item's own text, no fetching
    assert item.title == "Officer shoots armed robbery suspect outside Salina pharmacy"
    assert item.url == f"{server}/story.html" and isinstance(fair, Skipped)
    fetched, fair = read_all(f"{server}/feed.rss", LOCAL.replace(fetch_feed_links="true"))
    assert fetched.title == "Officer shoots man who fired at patrol car in Beaver Falls"  # the linked page
    assert isinstance(fair, Skipped)  # its link is not served: falls back to the (too short) description


def test_url_errors(server: str) -> None:
    (missing,) = read_all(f"{server}/gone.html", LOCAL)
    assert isinstance(missing, Skipped) and missing.reason.startswith("HTTP 404")
    (slow,) = read_all(f"{server}/slow", LOCAL.replace(url_timeout_s=0.2))
    assert isinstance(slow, Skipped) and "could not fetch" in slow.reason and "url_timeout_s" in slow.reason
    closed = f"http://127.0.0.1:{_free_port()}/story.html"
    (refused,) = read_all(closed, LOCAL)
    assert isinstance(refused, Skipped) and refused.reason.startswith(f"could not fetch {closed}")
    (big,) = read_all(f"{server}/story.html", LOCAL.replace(max_file_bytes=100))
    assert isinstance(big, Skipped) and "larger than max_file_bytes" in big.reason


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- hostile WARC files: bounded memory, one bad record skipped alone -----------------------------------------------


def _http_page(headers: str, body: bytes) -> bytes:
    return f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{headers}\r\n".encode() + body


def test_warc_compression_bomb_and_header_flood(tmp_path: Path) -> None:
    """100 MB of zeros in one gzip HTTP body and 6 MB of header lines: both skipped within a few MB of memory."""
    http_type = "application/http; msgtype=response"
    bomb = _http_page("Content-Encoding: gzip\r\n", gzip.compress(b"\0" * 100_000_000))
    flood = b"WARC/1.0\r\n" + b"X-Flood: y\r\n" * 500_000 + b"\r\n"
    page = _http_page("", (FIXTURES / "footer_date.html").read_bytes())
    path = tmp_path / "hostile.warc.gz"
    path.write_bytes(
        gzip.compress(
            _record("response", "https://a.example/bomb", bomb, http_type)
            + flood
            + _record("response", "https://hudsoncourier.example/2021/06/30/x", page, http_type)
        )
    )
    tracemalloc.start()
    try:
        bombed, flooded, article = read_all(path, Settings({"max_file_bytes": 1_000_000}, env={}))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000, peak
    assert bombed.reason == "its compressed body is broken or inflates past max_file_bytes (1,000,000 bytes)"
    assert (
        flooded.reason == "record 2 skipped: a WARC record header is longer than max_warc_header_bytes (65,536 bytes)"
    )
    assert isinstance(article, Article) and article.title == "Trooper involved in shooting on Route 9"


def test_warc_bad_records_are_skipped_alone(tmp_path: Path) -> None:
    http_type = "application/http; msgtype=response"
    page = _http_page("", (FIXTURES / "footer_date.html").read_bytes())
    huge_block = page + b" " * 1000
    no_length = b"WARC/1.0\r\nWARC-Type: response\r\n\r\n" + page + b"\r\n\r\n"
    records = [
        _record("response", "https://a.example/huge", huge_block, http_type),  # larger than max_file_bytes below
        no_length,  # no Content-Length: reading goes on at the next "WARC/" line
        _record("response", "http://[x", page, http_type),  # a target URI urlsplit rejects
        _record("response", "https://hudsoncourier.example/2021/06/30/x", page, http_type),
    ]
    path = tmp_path / "mixed.warc"
    path.write_bytes(b"".join(records))
    limit = len(page) + 10
    huge, no_length_skip, bad_url, article = read_all(path, Settings({"max_file_bytes": limit}, env={}))
    assert huge.reason == (
        f"record 1 skipped: a WARC record of {len(huge_block):,} bytes is larger than max_file_bytes ({limit:,})"
    )
    assert no_length_skip.reason == "record 2 skipped: a WARC record has no valid Content-Length"
    assert isinstance(bad_url, Article) and bad_url.url is None and bad_url.source == f"{path}#record3"
    assert isinstance(article, Article) and article.url == "https://hudsoncourier.example/2021/06/30/x"
