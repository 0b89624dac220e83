"""Web formats of the sources stage: HTML pages, http(s) URLs and RSS/Atom feeds (readers and content sniffers).

HTML goes through trafilatura. Its date finder guesses from page text when metadata is missing (a "© 2017" footer
becomes 2017-01-01), so dates are taken only from the URL path or from meta tags / structured data
(htmldate without `extensive_search`), never from the text.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura

from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources.text import (
    URL_SCHEMES,
    Input,
    Results,
    Undecodable,
    clean,
    date_from_url,
    decode,
    make_article,
    parse_date,
    plausible,
    whole_text,
)

_USER_AGENT = "ois/0.1 (news research tool; python urllib)"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_HTML_TAG = re.compile(r"<(?:p|div|br|span|a|html|body|img|h\d)\b", re.IGNORECASE)
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section")
_FEED_ROOTS = {"rss", "feed", "RDF"}
_FEED_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*<(?:rss|feed|rdf:RDF)\b", re.S
)


class FetchError(Exception):
    """A URL that could not be read; the message is the reason shown to the user."""


# --- HTML ---------------------------------------------------------------------------------------------------------


def decode_html(data: bytes, settings: Settings, declared: str | None = None) -> str:
    """HTML bytes -> str, honouring the charset the page declares in its first bytes."""
    match = _CHARSET.search(data[:4096])
    return decode(data, settings, declared or (match.group(1).decode("ascii") if match else None))


def looks_like_html(text: str) -> bool:
    """HTML tags near the start of the text."""
    return bool(_HTML_TAG.search(text[:5000]))


def sniff_html(doc: Input, settings: Settings) -> bool:
    """A file whose suffix says nothing is HTML when it decodes as text with HTML tags near the start."""
    try:
        return looks_like_html(decode(doc.data, settings))
    except Undecodable:
        return False


def html_to_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (feed descriptions, HTML inside JSON), one line per block."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return fragment
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    return root.text_content()


def _canonical(meta_url: str | None, page_url: str | None) -> str | None:
    """The page's canonical URL from its metadata unless it is a bare home page (some sites set that)."""
    if meta_url and meta_url.startswith(URL_SCHEMES) and urlsplit(meta_url).path.strip("/"):
        return meta_url
    return page_url


def html_article(html: str, *, source: str, settings: Settings, url: str | None = None) -> Article | Skipped:
    """One Article from a web page (title, text, url and a trustworthy date), or a Skipped."""
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        return Skipped(source, f"could not parse the HTML ({type(exc).__name__}: {exc})")
    found = len(clean(doc.text or "")) if doc is not None else 0
    if found < settings.min_article_chars:
        return Skipped(
            source,
            f"no article text found in the HTML ({found} characters; an index, login or script-only page?); "
            "save the article page itself or paste its text into a .txt file",
        )
    page_url = _canonical(doc.url, url)
    published = date_from_url(page_url) or date_from_url(url) or plausible(parse_date(doc.date))
    return make_article(doc.title, doc.text, source=source, settings=settings, url=page_url, published=published)


def read_html(doc: Input, settings: Settings) -> Results:
    """An HTML file: one article (its declared charset honoured)."""
    html = whole_text(doc, settings, decode_html)
    yield html if isinstance(html, Skipped) else html_article(html, source=doc.source, settings=settings)


# --- URLs -------------------------------------------------------------------------------------------------------


def fetch(url: str, settings: Settings) -> tuple[bytes, str, str | None]:
    """(body, final URL, declared charset) of a URL; raises FetchError with a reason a user can act on."""
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    limit = settings.max_file_bytes
    try:
        with urllib.request.urlopen(request, timeout=settings.url_timeout_s) as response:
            body = response.read(limit + 1)
            final_url = response.geturl()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason} when fetching {url}; check the address") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(
            f"could not fetch {url} ({reason}); check the address and your network, or raise url_timeout_s"
        ) from None
    if len(body) > limit:
        raise FetchError(f"{url} is larger than max_file_bytes ({limit} bytes); raise the setting to read it")
    return body, final_url, charset


def read_url(doc: Input, settings: Settings) -> Results:
    """A web page (one article) or a feed (one article per item) at the URL `doc.source`, fetched here."""
    url = doc.source
    try:
        data, final_url, charset = fetch(url, settings)
    except FetchError as exc:
        yield Skipped(url, str(exc))
        return
    if is_feed(data):
        yield from read_feed(Input(url, data), settings)
        return
    try:
        html = decode_html(data, settings, charset)
    except Undecodable as exc:
        yield Skipped(url, f"{exc} (fetched page)")
        return
    yield html_article(html, source=url, settings=settings, url=final_url)


# --- RSS / Atom ---------------------------------------------------------------------------------------------------


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _parse_xml(data: bytes) -> lxml.etree._Element | None:
    # No entity expansion and no network: feeds are untrusted input.
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        return lxml.etree.fromstring(data.lstrip(), parser)
    except (lxml.etree.XMLSyntaxError, ValueError):
        return None


def is_feed(data: bytes) -> bool:
    """RSS, Atom or RSS 1.0 (RDF) by its root element near the start (an XHTML page also starts with <?xml)."""
    return bool(_FEED_START.search(data[:4096]))


def sniff_feed(doc: Input, settings: Settings) -> bool:
    """A file whose suffix says nothing is a feed when its root element is <rss>, <feed> or <rdf:RDF>."""
    return is_feed(doc.data)


def _child_text(item: lxml.etree._Element, *names: str) -> str:
    """Text of the first child with one of the local names, in the order given."""
    for name in names:
        for child in item:
            if _local(child.tag) == name:
                text = "".join(child.itertext()).strip()
                if text:
                    return text
    return ""


def _item_link(item: lxml.etree._Element, base: str | None) -> str | None:
    for child in item:
        if _local(child.tag) != "link":
            continue
        href = child.get("href") or (child.text or "").strip()
        if href and child.get("rel", "alternate") == "alternate":
            return urljoin(base or "", href)
    return None


def read_feed(doc: Input, settings: Settings) -> Results:
    """One Article per feed item, from its content (or description); fetches the linked page only when
    the setting fetch_feed_links is on."""
    source = doc.source
    root = _parse_xml(doc.data)
    if root is None or _local(root.tag) not in _FEED_ROOTS:
        yield Skipped(source, "XML that is not an RSS or Atom feed (no <rss> or <feed> root element)")
        return
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    if not items:
        yield Skipped(source, "the feed has no items")
        return
    base = source if source.startswith(URL_SCHEMES) else None
    for number, item in enumerate(items, start=1):
        link = _item_link(item, base)
        where = f"{source}#item{number}"
        if settings.fetch_feed_links and link:
            article = next(read_url(Input(link), settings))
            if isinstance(article, Article):
                yield article
                continue
        content = _child_text(item, "encoded", "content", "description", "summary")
        body = html_to_text(content) if looks_like_html(content) else content
        published = parse_date(_child_text(item, "pubDate", "published", "date", "issued", "updated"))
        title = _child_text(item, "title")
        title = html_to_text(title) if looks_like_html(title) else title  # Atom type="html" titles
        yield make_article(title, body, source=where, settings=settings, url=link, published=published)
