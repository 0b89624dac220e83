"""Sources stage: RSS/Atom feeds, WARC archives, and URLs/feeds fetched from a local HTTP server."""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import http.server
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ois.models import Article, Skipped, stable_id
from ois.settings import Settings
from ois.sources import read

SETTINGS = Settings(env={})
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
    (article,) = read_all(f"{server}/footer_date.html")
    assert isinstance(article, Article) and article.title == "Trooper involved in shooting on Route 9"
    assert article.url == f"{server}/footer_date.html" and article.outlet == "127.0.0.1"
    assert article.source == f"{server}/footer_date.html" and article.id == stable_id("url", article.url)
    assert article.published is None


def test_url_canonical_and_redirect(server: str) -> None:
    (article,) = read_all(f"{server}/story.html")
    assert article.url == "https://www.valleyledger.example/news/officer-shoots-man-beaver-falls"
    assert article.published == dt.date(2019, 8, 14)
    (moved,) = read_all(f"{server}/moved")
    assert isinstance(moved, Article) and moved.url == f"{server}/footer_date.html"


def test_url_feeds(server: str) -> None:
    (atom,) = read_all(f"{server}/feed.atom")
    assert isinstance(atom, Article) and atom.published == dt.date(2023, 5, 1)
    assert atom.source == f"{server}/feed.atom#item1"
    item, fair = read_all(f"{server}/feed.rss")  # default: the item's own text, no fetching
    assert item.title == "Officer shoots armed robbery suspect outside Salina pharmacy"
    assert item.url == f"{server}/story.html" and isinstance(fair, Skipped)
    fetched, fair = read_all(f"{server}/feed.rss", Settings({"fetch_feed_links": "true"}, env={}))
    assert fetched.title == "Officer shoots man who fired at patrol car in Beaver Falls"  # the linked page
    assert isinstance(fair, Skipped)  # its link is not served: falls back to the (too short) description


def test_url_errors(server: str) -> None:
    (missing,) = read_all(f"{server}/gone.html")
    assert isinstance(missing, Skipped) and missing.reason.startswith("HTTP 404")
    (slow,) = read_all(f"{server}/slow", Settings({"url_timeout_s": 0.2}, env={}))
    assert isinstance(slow, Skipped) and "could not fetch" in slow.reason and "url_timeout_s" in slow.reason
    closed = f"http://127.0.0.1:{_free_port()}/story.html"
    (refused,) = read_all(closed)
    assert isinstance(refused, Skipped) and refused.reason.startswith(f"could not fetch {closed}")
    (big,) = read_all(f"{server}/story.html", Settings({"max_file_bytes": 100}, env={}))
    assert isinstance(big, Skipped) and "larger than max_file_bytes" in big.reason


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
