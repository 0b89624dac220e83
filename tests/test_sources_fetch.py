"""Issue 9, item 4: the one fetcher of the sources stage (URLs and feed links) against hostile servers and feeds.

Every server here listens on 127.0.0.1 and is stopped by its fixture; tests that read from it turn on
allow_private_addresses explicitly, and the tests of refusals check that no request reached it.
"""

from __future__ import annotations

import gzip
import http.server
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources import fetch, read
from ois.sources.fetch import Fetcher, FetchError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"
LOCAL = Settings({"allow_private_addresses": True, "url_timeout_s": 2.0}, env={})
STORY = (FIXTURES / "story.html").read_bytes()
PAGE = frozenset({"text/html"})


class _Handler(http.server.BaseHTTPRequestHandler):
    """Routes of the hostile test site; every request is noted in `server.seen` as (path, user agent)."""

    def do_GET(self) -> None:
        self.server.seen.append((self.path, self.headers.get("User-Agent", "")))  # type: ignore[attr-defined]
        route = getattr(self, "route_" + self.path.strip("/").split("?")[0].replace("/", "_").replace(".", "_"), None)
        if route is None:
            self._send(404, b"", "text/plain")
        else:
            route()

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def route_robots_txt(self) -> None:
        self._send(200, b"User-agent: ois\nDisallow: /private\n", "text/plain")

    def route_story_html(self) -> None:
        self._send(200, STORY, "text/html; charset=utf-8")

    def route_loop(self) -> None:
        self._send(302, b"", "text/plain", Location="/loop")

    def route_elsewhere(self) -> None:
        self._send(302, b"", "text/plain", Location=f"http://127.0.0.2:{self.server.server_address[1]}/story.html")

    def route_image(self) -> None:
        self._send(200, b"\x89PNG\r\n", "image/png")

    def route_bomb(self) -> None:
        self._send(200, gzip.compress(b"<p>" + b"a" * 2_000_000), "text/html", Content_Encoding="gzip")

    def route_drip(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(40):  # 4 s in all, each byte well within any per-read timeout
            self.wfile.write(b"<p>")
            self.wfile.flush()
            time.sleep(0.1)

    def route_self_rss(self) -> None:  # a feed whose items link to the feed itself
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._send(200, _feed([f"{base}/self.rss"] * 3), "application/rss+xml")

    def route_links_rss(self) -> None:  # links to a page, a local file, FTP and a page robots.txt disallows
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        links = [f"{base}/story.html", "file:///etc/passwd", "ftp://127.0.0.1/x", f"{base}/private/story.html"]
        self._send(200, _feed(links), "application/rss+xml")

    def log_message(self, *args: object) -> None:
        pass


DESCRIPTION = (
    "A Laramie County deputy fired at a man who swung a machete at him during a welfare check on Thursday, "
    "the sheriff said. The man was not hit."
)


def _feed(links: list[str]) -> bytes:
    """An RSS feed with one item per link, each with the same description."""
    items = "".join(
        f"<item><title>Item {n}</title><link>{link}</link><description>{DESCRIPTION}</description></item>"
        for n, link in enumerate(links)
    )
    return f"<rss><channel>{items}</channel></rss>".encode()


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", httpd.seen  # type: ignore[attr-defined]
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def seen(site: tuple[str, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    site[1].clear()
    return site[1]


@pytest.fixture
def base(site: tuple[str, list[tuple[str, str]]]) -> str:
    return site[0]


@pytest.fixture(scope="module")
def tls_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for that address: (base URL, certificate)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.seen = []  # type: ignore[attr-defined]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}", cert
    httpd.shutdown()
    httpd.server_close()


def only(item: str, settings: Settings) -> Article | Skipped:
    (result,) = read(item, settings)
    return result


# --- what is fetched ------------------------------------------------------------------------------------------------


def test_a_page_with_a_clear_user_agent_after_robots_txt(base: str, seen: list[tuple[str, str]]) -> None:
    article = only(f"{base}/story.html", LOCAL)
    assert isinstance(article, Article) and article.title.startswith("Officer shoots man")
    assert [path for path, _ in seen] == ["/robots.txt", "/story.html"]
    assert all(agent.startswith("ois/") and "robots.txt" in agent for _, agent in seen)


def test_robots_txt_is_honoured(base: str, seen: list[tuple[str, str]]) -> None:
    skipped = only(f"{base}/private/story.html", LOCAL)
    assert skipped.reason == f"refused to fetch {base}/private/story.html: the site's robots.txt disallows it for 'ois'"
    assert [path for path, _ in seen] == ["/robots.txt"]


def test_https_checks_the_certificate(tls_site: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    base, cert = tls_site
    untrusted = only(f"{base}/story.html", LOCAL)
    assert untrusted.reason.startswith(f"could not fetch {base}/story.html") and "CERTIFICATE_VERIFY_FAILED" in (
        untrusted.reason
    )
    trusting = ssl.create_default_context(cafile=str(cert))
    monkeypatch.setattr(fetch, "_tls", lambda: trusting)
    article = only(f"{base}/story.html", LOCAL)
    assert isinstance(article, Article) and article.title.startswith("Officer shoots man")


# --- what is refused --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "address"),
    [("127.0.0.1", "127.0.0.1"), ("2130706433", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("localhost", "127.0.0.1")],
)
def test_private_addresses_are_refused_by_default(
    base: str, seen: list[tuple[str, str]], host: str, address: str
) -> None:
    url = base.replace("127.0.0.1", host) + "/story.html"
    skipped = only(url, Settings(env={}))
    assert skipped.reason.startswith(f"refused to fetch {url}: {host} is {address}, a loopback address")
    assert "allow_private_addresses" in skipped.reason and not seen


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "non-public"),
        ("::ffff:127.0.0.1", "loopback"),
        ("fe80::1", "link-local"),
        ("93.184.216.34", None),
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    assert fetch._refusal(address) == kind


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "data:text/html,<p>x</p>", "http://[x"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="refused to fetch|not a valid URL"):
        Fetcher(LOCAL).get(url, PAGE)


def test_every_redirect_is_checked(base: str, seen: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.1 plays a public server here; its redirect to 127.0.0.2 (loopback) is refused before connecting."""
    monkeypatch.setattr(fetch, "_refusal", lambda address: None if address == "127.0.0.1" else "loopback")
    skipped = only(f"{base}/elsewhere", Settings(env={}))
    assert skipped.reason.startswith(f"refused to fetch http://127.0.0.2:{base.rsplit(':', 1)[1]}/story.html")
    assert [path for path, _ in seen] == ["/robots.txt", "/elsewhere"]


def test_redirects_are_bounded(base: str, seen: list[tuple[str, str]]) -> None:
    skipped = only(f"{base}/loop", LOCAL)
    assert skipped.reason == f"{base}/loop redirects more than 5 times (setting max_redirects)"
    assert len(seen) == 1 + 6  # robots.txt once, then the first request and 5 redirects


def test_total_time_not_per_read(base: str) -> None:
    started = time.monotonic()
    skipped = only(f"{base}/drip", LOCAL.replace(url_timeout_s=0.5))
    assert time.monotonic() - started < 1.5
    assert skipped.reason == f"could not fetch {base}/drip: took longer than url_timeout_s (0.5 s)"


def test_body_size_content_type_and_compression_bombs(base: str) -> None:
    big = only(f"{base}/story.html", LOCAL.replace(max_file_bytes=100))
    assert big.reason.startswith(f"{base}/story.html is larger than max_file_bytes (100 bytes)")
    image = only(f"{base}/image", LOCAL)
    assert image.reason == f"{base}/image is image/png, not a news page or feed; it was not read"
    bomb = only(f"{base}/bomb", LOCAL.replace(max_file_bytes=100_000))  # 2 KB on the wire, 2 MB inflated
    assert bomb.reason == f"{base}/bomb: its compressed body is broken or inflates past max_file_bytes"


# --- feed links -------------------------------------------------------------------------------------------------------


def test_a_feed_linking_to_itself_is_read_once(base: str, seen: list[tuple[str, str]]) -> None:
    results = list(read(f"{base}/self.rss", LOCAL.replace(fetch_feed_links=True)))
    assert [type(r).__name__ for r in results] == ["Article"] * 3  # each item's own text: links to feeds not followed
    assert results[0].text.endswith("The man was not hit.")
    assert [path for path, _ in seen] == ["/robots.txt", "/self.rss", "/self.rss", "/self.rss", "/self.rss"]


def test_feed_links_only_to_public_web_pages(base: str, seen: list[tuple[str, str]]) -> None:
    page, local_file, ftp, disallowed = read(f"{base}/links.rss", LOCAL.replace(fetch_feed_links=True))
    assert isinstance(page, Article) and page.title.startswith("Officer shoots man")  # the linked page
    for item in (local_file, ftp, disallowed):  # never fetched: the item's own text
        assert isinstance(item, Article) and item.text.endswith("The man was not hit.")
    assert [path for path, _ in seen] == ["/robots.txt", "/links.rss", "/story.html"]  # robots.txt read once
