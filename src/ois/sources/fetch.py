"""The one place the sources stage fetches from the network (URLs given to `ois ingest`, feed item links).

Inputs are untrusted: a feed can link anywhere. So a fetch
- only speaks http and https (never file:, ftp:, data: ...);
- resolves the host name itself and refuses loopback, private, link-local, multicast, reserved and other
  non-public addresses (decimal, octal and IPv4-mapped spellings resolve to the same addresses), unless the setting
  allow_private_addresses is on; it then connects to the address it checked, so DNS cannot change the answer;
- does the same for every redirect, and follows at most max_redirects of them;
- asks robots.txt first (RFC 9309, user agent `ois`), once per site and Fetcher;
- stops after url_timeout_s for the whole fetch (name lookup, redirects, headers and body), after max_file_bytes of
  body, and before reading a body whose Content-Type is not one the caller accepts.
Every refusal is a FetchError whose message is the reason shown to the user. No proxy settings are used.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import socket
import ssl
import threading
import time
import urllib.robotparser
import zlib
from dataclasses import dataclass
from functools import cache, partial
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from ois import __version__
from ois.settings import Settings

USER_AGENT = f"ois/{__version__} (officer-involved shooting news research; robots.txt honoured)"
ROBOTS_AGENT = "ois"  # the product token robots.txt rules name
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 65_536
_SAFE = "/%:@!$&'()*+,;=-._~?"  # characters a request target keeps as they are; the rest are %-encoded


class FetchError(Exception):
    """A URL that was not (or could not be) read; the message is the reason shown to the user."""


@dataclass(frozen=True)
class Page:
    body: bytes
    url: str  # after redirects
    content_type: str  # lower case, without parameters; "" when the server sent none
    charset: str | None


@dataclass(frozen=True)
class _Target:
    url: str
    https: bool
    host: str  # ASCII (IDNA) host name
    port: int
    address: str  # the checked IP address to connect to
    path: str  # request target: path and query


def _refusal(address: str) -> str | None:
    """What kind of non-public address this is ("loopback", "private", ...), or None for a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-public"


def _resolve(host: str, port: int, seconds: float) -> list[str]:
    """The host's addresses; the lookup runs in a thread so that a slow resolver cannot outlast the deadline."""
    found: list[str] = []
    errors: list[BaseException] = []

    def lookup() -> None:
        try:
            addresses = [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]
            found.extend(addresses)  # one step: the caller may stop waiting at any time
        except (OSError, UnicodeError) as exc:
            errors.append(exc)

    thread = threading.Thread(target=lookup, daemon=True)
    thread.start()
    thread.join(max(seconds, 0.0))
    if not found:
        raise OSError(f"name lookup failed: {errors[0] if errors else 'timed out'}")
    return found


def inflate(data: bytes, max_bytes: int) -> bytes | None:
    """gzip or zlib data decompressed, or None when it is broken or inflates past max_bytes (a compression bomb)."""
    inflater = zlib.decompressobj(47)  # 47: gzip or zlib header, detected
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error:
        return None
    return None if len(out) > max_bytes or inflater.unconsumed_tail else out


@cache
def _tls() -> ssl.SSLContext:
    """Certificate and host name checks as in browsers (the system's trusted CAs); made once per process."""
    return ssl.create_default_context()


class _DeadlineIO(io.RawIOBase):
    """Socket reads with the time left before the fetch's deadline as their timeout, so a server that drips bytes
    cannot hold a fetch past url_timeout_s (a per-read timeout alone would let it)."""

    def __init__(self, raw: io.RawIOBase, sock: socket.socket, deadline: float):
        super().__init__()
        self.raw, self.sock, self.deadline = raw, sock, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("past the deadline")
        self.sock.settimeout(left)
        return self.raw.readinto(buffer)

    def close(self) -> None:
        self.raw.close()
        super().close()


class _Response(http.client.HTTPResponse):
    def __init__(self, sock: socket.socket, *args: Any, deadline: float, **kwargs: Any):
        super().__init__(sock, *args, **kwargs)
        self.fp = io.BufferedReader(_DeadlineIO(self.fp.detach(), sock, deadline))


class _Connection(http.client.HTTPConnection):
    """HTTP(S) to the address we checked (the host name stays for the Host header, SNI and the certificate), every
    step bounded by the fetch's deadline."""

    def __init__(self, target: _Target, deadline: float):
        super().__init__(target.host, target.port)
        self.target, self.deadline = target, deadline
        self.response_class = partial(_Response, deadline=deadline)  # type: ignore[assignment]

    def connect(self) -> None:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("past the deadline")
        sock = socket.create_connection((self.target.address, self.target.port), left)
        if self.target.https:
            sock = _tls().wrap_socket(sock, server_hostname=self.target.host)
        self.sock = sock


class HTTPStatusError(FetchError):
    """An answer other than 200 OK."""

    def __init__(self, status: int, reason: str, url: str):
        super().__init__(f"HTTP {status} {reason} when fetching {url}; check the address")
        self.status = status


class Fetcher:
    """Fetches URLs under the rules above; remembers each site's robots.txt for as long as it lives (one feed)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}

    def get(self, url: str, accept: frozenset[str]) -> Page:
        """The page at the URL, redirects followed; raises FetchError. `accept`: the Content-Types to read."""
        return self._get(url.strip(), accept, time.monotonic() + self.settings.url_timeout_s, robots=True)

    def _get(self, url: str, accept: frozenset[str] | None, deadline: float, robots: bool) -> Page:
        current = url
        for _ in range(self.settings.max_redirects + 1):
            target = self._target(current, deadline)
            if robots:
                self._check_robots(target, deadline)
            connection = _Connection(target, deadline)
            try:
                response = self._send(connection, deadline)
                with response:
                    location = response.getheader("location")
                    if response.status not in _REDIRECTS or not location:
                        return self._page(target, response, accept, deadline)
            finally:
                connection.close()
            try:
                current = urljoin(current, location.strip())
            except ValueError as exc:
                raise FetchError(f"{current} redirects to an invalid URL ({exc})") from None
        raise FetchError(f"{url} redirects more than {self.settings.max_redirects} times (setting max_redirects)")

    def _target(self, url: str, deadline: float) -> _Target:
        """The URL checked: http(s), a valid host, and (unless allowed) only public addresses."""
        try:
            parts = urlsplit(url)
            port = parts.port
            host = (parts.hostname or "").encode("idna").decode("ascii")
        except (ValueError, UnicodeError) as exc:
            raise FetchError(f"not a valid URL: {url!r} ({exc})") from None
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(f"refused to fetch {url!r}: only http and https URLs are fetched")
        if not host:
            raise FetchError(f"not a valid URL: {url!r} (no host name)")
        port = port or (443 if scheme == "https" else 80)
        try:
            addresses = _resolve(host, port, deadline - time.monotonic())
        except OSError as exc:
            raise FetchError(f"could not fetch {url} ({exc}); check the address and your network") from None
        if not self.settings.allow_private_addresses:
            for address in addresses:
                if kind := _refusal(address):
                    raise FetchError(
                        f"refused to fetch {url}: {host} is {address}, a {kind} address; set allow_private_addresses "
                        "to read servers on your own machine or network"
                    )
        path = quote(parts.path or "/", safe=_SAFE)
        query = f"?{quote(parts.query, safe=_SAFE)}" if parts.query else ""
        return _Target(url, scheme == "https", host, port, addresses[0], path + query)

    def _send(self, connection: _Connection, deadline: float) -> http.client.HTTPResponse:
        try:
            connection.request("GET", connection.target.path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
            return connection.getresponse()
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise self._failed(connection.target.url, exc, deadline) from None

    def _failed(self, url: str, exc: Exception, deadline: float) -> FetchError:
        if time.monotonic() >= deadline:
            return FetchError(
                f"could not fetch {url}: took longer than url_timeout_s ({self.settings.url_timeout_s} s)"
            )
        return FetchError(f"could not fetch {url} ({exc}); check the address and your network, or raise url_timeout_s")

    def _page(
        self, target: _Target, response: http.client.HTTPResponse, accept: frozenset[str] | None, deadline: float
    ) -> Page:
        if response.status != 200:
            raise HTTPStatusError(response.status, response.reason, target.url)
        content_type = response.headers.get_content_type().lower() if response.getheader("content-type") else ""
        if accept is not None and content_type and content_type not in accept:
            raise FetchError(f"{target.url} is {content_type}, not a news page or feed; it was not read")
        limit = self.settings.max_file_bytes
        too_large = FetchError(f"{target.url} is larger than max_file_bytes ({limit:,} bytes); raise the setting")
        length = response.getheader("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise too_large
        chunks, size = [], 0
        try:
            while chunk := response.read1(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise too_large
                chunks.append(chunk)
        except (OSError, http.client.HTTPException) as exc:
            raise self._failed(target.url, exc, deadline) from None
        body = b"".join(chunks)
        encoding = response.getheader("content-encoding", "").strip().lower()
        if encoding in ("gzip", "x-gzip", "deflate"):
            body = inflate(body, limit)
            if body is None:
                raise FetchError(f"{target.url}: its compressed body is broken or inflates past max_file_bytes")
        elif encoding not in ("", "identity"):
            raise FetchError(f"{target.url} is sent in the {encoding!r} encoding, which ois does not read")
        return Page(body, target.url, content_type, response.headers.get_content_charset())

    def _check_robots(self, target: _Target, deadline: float) -> None:
        origin = f"{'https' if target.https else 'http'}://{target.host}:{target.port}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin, target.url, deadline)
        if not self._robots[origin].can_fetch(ROBOTS_AGENT, target.url):
            raise FetchError(f"refused to fetch {target.url}: the site's robots.txt disallows it for {ROBOTS_AGENT!r}")

    def _read_robots(self, origin: str, url: str, deadline: float) -> urllib.robotparser.RobotFileParser:
        """The site's robots.txt rules (RFC 9309): 4xx = no rules; 5xx or unreachable = fetch nothing."""
        rules = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        try:
            page = self._get(f"{origin}/robots.txt", None, deadline, robots=False)
        except HTTPStatusError as exc:
            if 400 <= exc.status < 500:
                rules.allow_all = True
                return rules
            raise FetchError(f"could not fetch {url}: its site's robots.txt answers HTTP {exc.status}") from None
        except FetchError as exc:
            raise FetchError(f"could not fetch {url}: its site's robots.txt could not be read ({exc})") from None
        rules.parse(page.body.decode("utf-8", "replace").splitlines())
        return rules
