"""A real HTTP server on 127.0.0.1 for the web-ingestion tests (http.server in a thread; no mocks).

`LocalSite` serves routes: a path maps to a handler `fn(request) -> Reply` or to a fixed `Reply`. Every request is
recorded with its arrival time (time.monotonic()), path, Host and headers, so tests can assert what was (and was
not) fetched and how fast.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_PAGES = sorted((ROOT / "raw" / "pages").glob("*.html.gz")) + sorted(
    (ROOT / "tests" / "fixtures" / "pages").glob("*.html.gz")
)


def corpus_page(index: int) -> bytes:
    """A real article page (gzip-decompressed), from raw/pages and tests/fixtures/pages."""
    return gzip.decompress(CORPUS_PAGES[index].read_bytes())


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds before the status line is sent
    stream_bytes: int = 0  # send this many filler bytes (in 1 MB chunks) instead of `body`
    chunked: bool = False  # with stream_bytes: no Content-Length, Transfer-Encoding: chunked
    drip_headers: float = 0.0  # send the status line, then one header byte a second for this many seconds


@dataclass
class Request:
    at: float
    path: str
    host: str
    headers: dict[str, str]


class LocalSite:
    def __init__(self):
        self.routes: dict[str, Reply | Callable[[Request], Reply]] = {}
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0  # most requests being answered at the same time
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def do_GET(self):
                request = Request(time.monotonic(), self.path, self.headers.get("Host", ""), dict(self.headers))
                with site.lock:
                    site.requests.append(request)
                    site.in_flight += 1
                    site.max_in_flight = max(site.max_in_flight, site.in_flight)
                try:
                    self._answer(request)
                finally:
                    with site.lock:
                        site.in_flight -= 1

            def _answer(self, request):
                route = site.routes.get(self.path.split("?")[0])
                reply = route(request) if callable(route) else route
                if reply is None:
                    reply = Reply(404, b"<html><body><p>Not found</p></body></html>")
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self._send(reply)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, reply: Reply):
                if reply.drip_headers:
                    self._drip(reply)
                    return
                self.send_response(reply.status)
                if reply.content_type:
                    self.send_header("Content-Type", reply.content_type)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                if reply.stream_bytes:
                    if reply.chunked:
                        self.send_header("Transfer-Encoding", "chunked")
                    else:
                        self.send_header("Content-Length", str(reply.stream_bytes))
                    self.end_headers()
                    chunk, sent = b"<p>" + b"x" * (1024 * 1024 - 3), 0
                    while sent < reply.stream_bytes:
                        part = chunk[: reply.stream_bytes - sent]
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part) if reply.chunked else part)
                        sent += len(part)
                    if reply.chunked:
                        self.wfile.write(b"0\r\n\r\n")
                    return
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            def _drip(self, reply: Reply):
                self.wfile.write(b"HTTP/1.1 %d OK\r\nX-Drip: " % reply.status)
                self.wfile.flush()
                until = time.monotonic() + reply.drip_headers
                while time.monotonic() < until:
                    time.sleep(1.0)
                    self.wfile.write(b"a")
                    self.wfile.flush()
                self.wfile.write(b"\r\nContent-Length: %d\r\n\r\n%s" % (len(reply.body), reply.body))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        with self.lock:
            return [r.path for r in self.requests]

    def __enter__(self) -> LocalSite:
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def html_page(title: str, paragraphs: list[str], boilerplate: str = "", canonical: str | None = None) -> bytes:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{link}</head>'
        f"<body>{boilerplate}<article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def rss(items: list[tuple[str, str, str]]) -> bytes:
    """items: (title, link, RFC 822 date)."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>" for t, link, d in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Local news</title>'
        f"<link>http://127.0.0.1/</link><description>test</description>{entries}</channel></rss>"
    ).encode()


def sitemap_index(children: list[str]) -> bytes:
    entries = "".join(f"<sitemap><loc>{c}</loc></sitemap>" for c in children)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'
    ).encode()


def news_sitemap(urls: list[tuple[str, str, str]]) -> bytes:
    """urls: (loc, publication date, title)."""
    entries = "".join(
        f"<url><loc>{loc}</loc><news:news><news:publication><news:name>Local</news:name><news:language>en"
        f"</news:language></news:publication><news:publication_date>{d}</news:publication_date>"
        f"<news:title>{t}</news:title></news:news></url>"
        for loc, d, t in urls
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}</urlset>'
    ).encode()
