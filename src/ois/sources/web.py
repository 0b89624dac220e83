"""Web formats of the sources stage: HTML pages, http(s) URLs and RSS/Atom feeds (readers and content sniffers).

HTML goes through trafilatura. Its date finder guesses from page text when metadata is missing (a "© 2017" footer
becomes 2017-01-01), so dates are taken only from the URL path or from meta tags / structured data
(htmldate without `extensive_search`), never from the text.
"""

from __future__ import annotations

import re
from functools import cache, partial
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura

from ois.data import load
from ois.models import Article, Skipped
from ois.settings import Settings
from ois.sources.fetch import Fetcher, FetchError
from ois.sources.text import (
    Input,
    Results,
    Undecodable,
    clean,
    date_from_url,
    decode,
    guarded,
    make_article,
    parse_date,
    plausible,
    web_url,
    whole_text,
)

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_HTML_TAG = re.compile(r"<(?:p|div|br|span|a|html|body|img|h\d)\b", re.IGNORECASE)
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section")
_FEED_ROOTS = {"rss", "feed", "RDF"}
_FEED_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*<(?:rss|feed|rdf:RDF)\b", re.S
)
_NO_TITLE = "<title> or headline metadata"


@cache
def _content_types() -> tuple[frozenset[str], frozenset[str]]:
    """(Content-Types of article pages, of feeds) the fetcher reads (data/sources.json)."""
    data = load("sources")
    return frozenset(data["page_types"]), frozenset(data["feed_types"])


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
    meta_url = web_url(meta_url)
    return meta_url if meta_url and urlsplit(meta_url).path.strip("/") else web_url(page_url)


def html_article(html: str, *, source: str, settings: Settings, url: str | None = None) -> Article | Skipped:
    """One Article from a web page (title, text, url and a trustworthy date), or a Skipped. A page larger than
    max_html_bytes is not parsed: trafilatura's time grows with the page (the per-document budget)."""
    size = len(html.encode("utf-8", "surrogatepass"))
    if size > settings.max_html_bytes:
        return Skipped(
            source,
            f"HTML page is {size:,} bytes, larger than max_html_bytes ({settings.max_html_bytes:,}); a news page is "
            "far smaller (a site dump?): save the article page itself, or raise the setting",
        )
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
    return make_article(
        doc.title,
        doc.text,
        source=source,
        settings=settings,
        url=page_url,
        published=published,
        missing_title=_NO_TITLE,
    )


def read_html(doc: Input, settings: Settings) -> Results:
    """An HTML file: one article (its declared charset honoured)."""
    html = whole_text(doc, settings, decode_html)
    yield html if isinstance(html, Skipped) else html_article(html, source=doc.source, settings=settings)


# --- URLs -------------------------------------------------------------------------------------------------------


def read_url(doc: Input, settings: Settings) -> Results:
    """A web page (one article) or a feed (one article per item) at the URL `doc.source`, fetched here."""
    url = doc.source
    pages, feeds = _content_types()
    fetcher = Fetcher(settings)
    try:
        page = fetcher.get(url, pages | feeds)
    except FetchError as exc:
        yield Skipped(url, str(exc))
        return
    if page.content_type in feeds or is_feed(page.body):
        yield from _feed_articles(Input(url, page.body), settings, fetcher)
        return
    yield _page_article(page.body, page.charset, url, page.url, settings)


def _page_article(data: bytes, charset: str | None, source: str, url: str, settings: Settings) -> Article | Skipped:
    try:
        html = decode_html(data, settings, charset)
    except Undecodable as exc:
        return Skipped(source, f"{exc} (fetched page)")
    return html_article(html, source=source, settings=settings, url=url)


def _linked_article(fetcher: Fetcher, link: str, where: str, settings: Settings) -> Article | Skipped:
    """The article page a feed item links to. Only pages: a link to a feed is not followed (no recursion)."""
    try:
        page = fetcher.get(link, _content_types()[0])
    except FetchError as exc:
        return Skipped(where, str(exc))
    if is_feed(page.body):
        return Skipped(where, f"{link} is a feed, not an article page; links in feeds are read as pages only")
    return _page_article(page.body, page.charset, where, page.url, settings)


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
    """The item's http(s) link (relative links resolved against the feed's URL), or None."""
    for child in item:
        if _local(child.tag) != "link":
            continue
        href = child.get("href") or (child.text or "").strip()
        if href and child.get("rel", "alternate") == "alternate":
            try:
                return web_url(urljoin(base or "", href))
            except ValueError:  # "http://[x"
                return None
    return None


def _item_article(
    item: lxml.etree._Element, where: str, base: str | None, fetcher: Fetcher | None, settings: Settings
) -> Article | Skipped:
    link = _item_link(item, base)
    fetched = _linked_article(fetcher, link, where, settings) if fetcher and link else None
    if isinstance(fetched, Article):
        return fetched
    content = _child_text(item, "encoded", "content", "description", "summary")
    body = html_to_text(content) if looks_like_html(content) else content
    published = parse_date(_child_text(item, "pubDate", "published", "date", "issued", "updated"))
    title = _child_text(item, "title")
    title = html_to_text(title) if looks_like_html(title) else title  # Atom type="html" titles
    article = make_article(
        title, body, source=where, settings=settings, url=link, published=published, missing_title="<title>"
    )
    if isinstance(article, Article):
        return article
    reason = article.reason
    if next(item.iter(lxml.etree.Entity), None) is not None:  # else the reason would be about "&name;" itself
        reason = "the item's text is made of XML entities (&name;), which ois never expands (entity bombs)"
    if fetched is not None:
        reason += f"; its link was not read either: {fetched.reason}"
    return Skipped(where, reason)


def read_feed(doc: Input, settings: Settings) -> Results:
    """One Article per feed item, from its content (or description); fetches the linked page only when
    the setting fetch_feed_links is on (then the item's own text is the fallback)."""
    return _feed_articles(doc, settings, Fetcher(settings))


def _feed_articles(doc: Input, settings: Settings, fetcher: Fetcher) -> Results:
    source = doc.source
    root = _parse_xml(doc.data)
    if root is None or _local(root.tag) not in _FEED_ROOTS:
        yield Skipped(source, "XML that is not an RSS or Atom feed (no <rss> or <feed> root element)")
        return
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    if not items:
        yield Skipped(source, "the feed has no items")
        return
    base = web_url(source)
    links = fetcher if settings.fetch_feed_links else None  # one fetcher a feed: robots.txt read once a site
    for number, item in enumerate(items, start=1):
        where = f"{source}#item{number}"
        yield guarded(where, partial(_item_article, item, where, base, links, settings))
