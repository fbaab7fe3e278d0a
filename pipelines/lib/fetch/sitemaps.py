"""XML sitemaps (sitemaps.org), sitemap indexes, Google news sitemaps, gzip sitemaps and plain-text sitemaps.

Parsed with lxml without network access or entity expansion. A sitemap index yields child sitemaps (the run
fetches them, to a depth and count limit); a urlset yields URLs with `lastmod` and the news extension's
`publication_date` and `title`. An RSS/Atom document given as a sitemap (allowed by the search engines) is read as
a feed.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from .feeds import Discovered, DiscoveryError, parse_feed

GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class Sitemap:
    urls: list[Discovered] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # children of a sitemap index


def parse_sitemap(body: bytes, base_url: str, max_bytes: int = 50 * 1024 * 1024) -> Sitemap:
    if body[:2] == GZIP_MAGIC:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            body = inflater.decompress(body, max_bytes + 1)
        except zlib.error as err:
            raise DiscoveryError(f"bad gzip sitemap: {err}") from None
        if len(body) > max_bytes or inflater.unconsumed_tail:
            raise DiscoveryError(f"the sitemap inflates to more than {max_bytes} bytes")
    head = body[:512].lstrip()
    if not head.startswith(b"<"):
        lines = body.decode("utf-8", errors="replace").splitlines()
        return Sitemap(urls=[Discovered(ln.strip()) for ln in lines if ln.strip().startswith(("http://", "https://"))])
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, recover=True, remove_comments=True
    )
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as err:
        raise DiscoveryError(f"not XML: {err}") from None
    if root is None:
        raise DiscoveryError("not XML: empty document")
    name = etree.QName(root).localname.lower()
    if name in ("rss", "feed", "rdf"):
        return Sitemap(urls=parse_feed(body, base_url))
    out = Sitemap()
    if name == "sitemapindex":
        for child in root:
            if _local(child) == "sitemap":
                loc = _text(child, "loc")
                if loc:
                    out.sitemaps.append(loc)
        return out
    if name != "urlset":
        raise DiscoveryError(f"not a sitemap: root element <{name}>")
    for child in root:
        if _local(child) != "url":
            continue
        loc = _text(child, "loc")
        if not loc:
            continue
        published, title = None, None
        for el in child.iter():
            local = _local(el)
            if local == "publication_date":
                published = parse_w3c_date(el.text)
            elif local == "title" and el.text:
                title = el.text.strip()
        published = published or parse_w3c_date(_text(child, "lastmod"))
        out.urls.append(Discovered(loc, published, title))
    return out


def _local(el) -> str:
    return etree.QName(el).localname.lower() if isinstance(el.tag, str) else ""


def _text(el, name: str) -> str | None:
    for child in el:
        if _local(child) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def parse_w3c_date(value: str | None) -> datetime | None:
    """W3C datetime (2024-05-01, 2024-05-01T10:00:00+02:00, ...Z) as an aware UTC datetime; None if unreadable."""
    if not value:
        return None
    value = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
