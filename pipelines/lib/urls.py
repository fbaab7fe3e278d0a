"""URLs: normalisation (courlan), canonical URLs from pages, and the address rules of the fetcher.

Credentials never travel in a URL here: `strip_userinfo` drops `user:password@` from every URL the fetcher is
given or discovers, before it is logged, stored, printed or used as an origin. A source that needs credentials
names an environment variable in the sources file (`auth_env`); see sources.py."""

from __future__ import annotations

import ipaddress
import re
import socket
from html import unescape
from urllib.parse import urljoin, urlsplit, urlunsplit

import courlan

ALLOWED_SCHEMES = ("http", "https")


def strip_userinfo(url: str) -> str:
    """The URL without `user:password@` (anything else unchanged); a string that is not a URL is returned as is."""
    if not isinstance(url, str) or "@" not in url:
        return url
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, parts.query, parts.fragment))


def has_userinfo(url: str) -> bool:
    return strip_userinfo(url) != url


def normalize_url(url: str | None) -> str | None:
    """courlan's normalisation (lower-case scheme and host, default port dropped, tracking parameters such as
    utm_* and fbclid dropped, query sorted) without the fragment and without credentials. None for anything that is
    not http(s)."""
    if not url or not isinstance(url, str):
        return None
    url = strip_userinfo(url.strip())
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        return None
    cleaned = courlan.clean_url(url)
    if not cleaned:
        return None
    parts = urlsplit(cleaned)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def rel_canonical(html: str, base_url: str) -> str | None:
    """The absolute href of the page's <link rel="canonical">, if any (first one, head only)."""
    head = html[:200_000]
    end = head.lower().find("</head>")
    if end > 0:
        head = head[:end]
    for tag in _LINK_TAG.findall(head):
        attrs = {
            m.group(1).lower(): unescape(m.group(2) or m.group(3) or m.group(4) or "") for m in _ATTR.finditer(tag)
        }
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href", "").strip():
            return urljoin(base_url, attrs["href"].strip())
    return None


def same_site(a: str, b: str) -> bool:
    """Same host (ignoring www.), or the same registered domain (news.example.com and www.example.com)."""
    host_a, host_b = (urlsplit(u).hostname or "" for u in (a, b))
    if host_a.removeprefix("www.") == host_b.removeprefix("www."):
        return bool(host_a)
    dom_a, dom_b = courlan.extract_domain(a), courlan.extract_domain(b)
    return bool(dom_a) and dom_a == dom_b


def canonical_url(final_url: str, html: str | None = None) -> tuple[str, str | None]:
    """(identity URL of an article, cross-site canonical link or None).

    The page's rel=canonical is followed when it points to the same site (a syndicated copy that names the
    original publisher keeps its own URL, so each outlet's copy stays an article of that outlet); the result is
    normalised. The second value is a cross-site canonical link, kept for reference."""
    base = normalize_url(final_url) or final_url
    link = rel_canonical(html, final_url) if html else None
    if not link:
        return base, None
    normalized = normalize_url(link)
    if not normalized:
        return base, None
    if same_site(normalized, base):
        return normalized, None
    return base, normalized


def host_key(url: str) -> str:
    """The host a rate limit applies to (host name, lower case, without port)."""
    return (urlsplit(url).hostname or "").lower()


def origin(url: str) -> str:
    """scheme://host[:port], lower case, never with credentials."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{host_port(url)}"


def host_port(url: str) -> str:
    """host[:port] of a URL (the Host header), without credentials."""
    return urlsplit(strip_userinfo(url)).netloc.lower()


def is_public_ip(address: str) -> bool:
    """False for private, loopback, link-local, shared (CGNAT), multicast, reserved and unspecified addresses."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """Every address the host name resolves to (raises OSError when it does not resolve)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})
