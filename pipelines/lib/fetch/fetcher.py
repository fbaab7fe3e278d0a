"""The polite fetcher: one GET, done the way a site owner would want it.

- robots.txt of every origin is read first (RFC 9309, via protego) and honoured for our user agent; a robots.txt
  that answers 4xx allows everything, one that cannot be read (5xx, 429, timeout) disallows the origin for the run;
  its Crawl-delay slows the host down (up to 60 s between requests).
- per host: at most `rate` requests per second (spaced evenly) and `concurrency` requests in flight; when sources
  share a host the strictest settings win; a Retry-After pauses the whole host.
- retries with exponential backoff and jitter on timeouts, connection errors, 429 and 5xx; Retry-After honoured
  (seconds or HTTP date) up to `max_retry_after`, beyond which the URL is given up and logged.
- conditional GET (If-None-Match / If-Modified-Since) when validators of an earlier fetch are given.
- a body size cap (Content-Length checked before reading; streaming reads stop at the cap; compressed bodies are
  inflated with the same cap, and a truncated or corrupt one is an error, never partial text), a per-read timeout
  and a whole-response deadline (`total_timeout`, covering connect, status line, headers and body: a server that
  drips its headers one byte at a time is cut off like one that drips its body), a content-type check per kind of
  document, a redirect limit with loop detection, http and https only.
- private, loopback, link-local, shared and reserved addresses are refused, both when the host name resolves and
  when the connection is made (so DNS rebinding cannot sneak past), unless `allow_private_addresses`.

Every HTTP exchange (each retry, each redirect hop) becomes one row of the fetch log; so does every URL refused
before any exchange (robots, address, scheme). Failures are rows and results, never exceptions.
"""

from __future__ import annotations

import random
import socket
import threading
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from importlib import metadata
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
from protego import Protego
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from ..encoding import inflate, looks_like_html
from ..urls import ALLOWED_SCHEMES, host_key, is_public_ip, normalize_url, origin, resolve, strip_userinfo
from .sources import Politeness

ROBOTS_TOKEN = "stancewatch"
ROBOTS_MAX_BYTES = 512 * 1024
MAX_CRAWL_DELAY = 60.0
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
RETRY_STATUSES = {408, 425, 429, 500, 502, 503, 504, 507, 509, 520, 521, 522, 523, 524}
PAGE_TYPES = ("text/html", "application/xhtml+xml")
# what each kind of document may be served as (None: anything)
ACCEPTED_TYPES: dict[str, tuple[str, ...] | None] = {
    "page": PAGE_TYPES,
    "feed": ("xml", "rss", "atom", "rdf", "text/html", "text/plain", "application/json", "application/feed+json"),
    "sitemap": ("xml", "text/plain", "gzip", "application/octet-stream"),
    "robots": None,
}


def _version() -> str:
    try:
        return metadata.version("stancewatch")
    except metadata.PackageNotFoundError:
        return "0"


def user_agent(contact: str | None = None) -> str:
    """Names the project (robots.txt groups match on `stancewatch`) and, when configured, how to reach the operator."""
    extra = f"; +{contact}" if contact else ""
    return f"stancewatch/{_version()} (news research fetcher; honours robots.txt{extra})"


class PrivateAddressError(Exception):
    """The connection reached an address the fetcher must not talk to."""


class _Deadline:
    """The whole-response deadline of one attempt. A per-read timeout never ends a server that sends one byte a
    second; when the deadline passes, this shuts the socket in use down, which ends a read blocked anywhere
    (status line, headers or body) at once. Used as a context manager around one attempt, in the thread that
    makes it; the connection classes below hand it their socket."""

    _current = threading.local()

    def __init__(self, seconds: float):
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._over = False
        self.expired = False
        self._timer = threading.Timer(max(0.0, seconds), self._expire)
        self._timer.daemon = True

    @classmethod
    def watch(cls, sock) -> None:
        """Called with the socket a request of this thread uses (new or reused connection)."""
        deadline = getattr(cls._current, "deadline", None)
        if deadline is None or sock is None:
            return
        with deadline._lock:
            deadline._sock = sock
            expired = deadline.expired and not deadline._over
        if expired:
            _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._over:
                return
            self.expired = True
            sock = self._sock
        if sock is not None:
            _shut(sock)

    def __enter__(self) -> _Deadline:
        _Deadline._current.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        with self._lock:
            self._over = True
        self._timer.cancel()
        _Deadline._current.deadline = None


def _shut(sock) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _Guard:
    allow_private = False

    def _new_conn(self):  # noqa: D401 - urllib3 hook: check the address actually connected to
        sock = super()._new_conn()
        if not self.allow_private:
            peer = sock.getpeername()[0]
            if not is_public_ip(peer):
                sock.close()
                raise PrivateAddressError(f"{self.host} connected to the non-public address {peer}")
        _Deadline.watch(sock)
        return sock

    def request(self, *args, **kwargs):  # a reused connection: its socket is the one the deadline must cut
        _Deadline.watch(self.sock)
        return super().request(*args, **kwargs)


def _pool_manager(allow_private: bool, maxsize: int) -> urllib3.PoolManager:
    http_conn = type("GuardedHTTPConnection", (_Guard, HTTPConnection), {"allow_private": allow_private})
    https_conn = type("GuardedHTTPSConnection", (_Guard, HTTPSConnection), {"allow_private": allow_private})
    http_pool = type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn})
    https_pool = type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn})
    manager = urllib3.PoolManager(
        num_pools=200, maxsize=maxsize, block=False, cert_reqs="CERT_REQUIRED", ca_certs=certifi.where()
    )
    manager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}
    return manager


class HostGate:
    """Per-host rate (even spacing of request starts) and concurrency (requests in flight)."""

    def __init__(self, interval: float, limit: int):
        self.cond = threading.Condition()
        self.interval, self.limit = interval, limit
        self.active = 0
        self.next_at = 0.0
        self.paused_until = 0.0

    def tighten(self, interval: float, limit: int | None = None) -> None:
        with self.cond:
            self.interval = max(self.interval, interval)
            if limit is not None:
                self.limit = min(self.limit, limit)

    def pause(self, seconds: float) -> None:
        with self.cond:
            self.paused_until = max(self.paused_until, time.monotonic() + seconds)

    @contextmanager
    def slot(self, sleep: Callable[[float], None] = time.sleep):
        with self.cond:
            while self.active >= self.limit:
                self.cond.wait()
            self.active += 1
            start = max(time.monotonic(), self.next_at, self.paused_until)
            self.next_at = start + self.interval
        try:
            while True:
                wait = max(start, self.paused_until) - time.monotonic()
                if wait <= 0:
                    break
                sleep(wait)
            yield
        finally:
            with self.cond:
                self.active -= 1
                self.cond.notify()


@dataclass
class FetchResult:
    """The outcome of fetching one URL (after redirects and retries)."""

    url: str  # as requested
    kind: str  # page | feed | sitemap | robots
    source: str
    outcome: str = "error"  # ok | not_modified | an error code
    detail: str | None = None
    final_url: str | None = None
    status: int | None = None
    reason: str = ""
    http_version: str = "HTTP/1.1"
    headers: list[tuple[str, str]] = field(default_factory=list)
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | None = None  # the entity body as received (Content-Encoding kept)
    content: bytes | None = None  # the body with Content-Encoding removed
    fetched_at: datetime | None = None
    rows: list[dict] = field(default_factory=list)  # fetch-log rows, one per exchange

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    @property
    def content_type(self) -> str | None:
        return self.header("content-type")


class _Failure(Exception):
    def __init__(self, code: str, detail: str, retryable: bool = False):
        super().__init__(detail)
        self.code, self.detail, self.retryable = code, detail, retryable


@dataclass
class _Robots:
    parser: Protego | None  # None: the decision below applies to everything
    allow_all: bool = True
    reason: str | None = None


class Fetcher:
    """Thread-safe; one per fetch run (it caches robots.txt, DNS checks and host gates for the run)."""

    def __init__(
        self,
        agent: str | None = None,
        allow_private_addresses: bool = False,
        workers: int = 8,
        log: Callable[[list[dict]], None] = lambda rows: None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.user_agent = agent or user_agent()
        self.allow_private = allow_private_addresses
        self.pool = _pool_manager(allow_private_addresses, maxsize=max(4, workers))
        self.log = log
        self.sleep = sleep
        self.random = random.Random()
        self._lock = threading.Lock()
        self._gates: dict[str, HostGate] = {}
        self._robots: dict[str, _Robots] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._addresses: dict[tuple[str, int], list[str] | OSError] = {}

    # --- public ---------------------------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        kind: str,
        source: str,
        politeness: Politeness,
        validators: dict | None = None,
        check_robots: bool = True,
        auth: tuple[str, str] | None = None,
    ) -> FetchResult:
        """`auth` (user, password) is sent as HTTP Basic to the origin of `url` only (not to robots.txt, not after a
        redirect to another scheme, host or port) and is never recorded. Credentials inside URLs are dropped, never
        used."""
        url = strip_userinfo(url)
        result = FetchResult(url=url, kind=kind, source=source)
        current, seen = url, {normalize_url(url) or url}
        for hop in range(politeness.max_redirects + 1):
            refusal = self._refusal(current, politeness, check_robots and kind != "robots")
            if refusal:
                self._refuse(result, current, hop, *refusal)
                return result
            same_origin = origin(current) == origin(url)  # never over another scheme, host or port
            location = self._exchange(result, current, hop, politeness, validators, auth if same_origin else None)
            if location is None:
                return result
            following = strip_userinfo(urljoin(current, location))
            if urlsplit(following).scheme.lower() not in ALLOWED_SCHEMES:
                self._finish(result, "bad_redirect", f"redirect to {following[:300]}")
                return result
            key = normalize_url(following) or following
            if key in seen:
                self._finish(result, "redirect_loop", f"{current} redirects back to {following}")
                return result
            seen.add(key)
            current = following
        self._finish(result, "redirect_limit", f"more than {politeness.max_redirects} redirects")
        return result

    def internal_error(self, url: str, kind: str, source: str, err: Exception) -> FetchResult:
        """The result (and log row) of a fetch that failed through a bug rather than the network."""
        result = FetchResult(url=url, kind=kind, source=source)
        self._refuse(result, url, 0, "internal_error", f"{type(err).__name__}: {err}")
        return result

    def gate(self, url: str, politeness: Politeness) -> HostGate:
        host = host_key(url)
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = self._gates[host] = HostGate(1.0 / politeness.rate, politeness.concurrency)
                return gate
        gate.tighten(1.0 / politeness.rate, politeness.concurrency)
        return gate

    def robots_sitemaps(self, url: str) -> list[str]:
        rules = self._robots.get(origin(url))
        return list(rules.parser.sitemaps) if rules and rules.parser else []

    # --- refusals before any exchange -----------------------------------------------------------------------

    def _refusal(self, url: str, politeness: Politeness, check_robots: bool) -> tuple[str, str] | None:
        try:
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        except ValueError as err:
            return "invalid_url", str(err)
        if parts.scheme.lower() not in ALLOWED_SCHEMES:
            return "unsupported_scheme", f"only http and https are fetched, not {parts.scheme or '(none)'}:"
        if not parts.hostname:
            return "invalid_url", "no host"
        if not self.allow_private:
            addresses = self._resolve(parts.hostname, port)
            if isinstance(addresses, OSError):
                return "dns_error", str(addresses)
            private = [a for a in addresses if not is_public_ip(a)]
            if private:
                return "private_address", (
                    f"{parts.hostname} resolves to non-public {', '.join(private)} "
                    "(--allow-private-addresses / STANCEWATCH_ALLOW_PRIVATE_ADDRESSES=1)"
                )
        if check_robots:
            rules = self._robots_for(url, politeness)
            if rules.parser is None and not rules.allow_all:
                return "robots_unavailable", rules.reason or "robots.txt could not be read"
            if rules.parser is not None and not rules.parser.can_fetch(url, ROBOTS_TOKEN):
                return "robots_disallowed", f"robots.txt of {origin(url)} disallows it for {ROBOTS_TOKEN}"
        return None

    def _resolve(self, host: str, port: int):
        key = (host, port)
        with self._lock:
            if key in self._addresses:
                return self._addresses[key]
        try:
            value = resolve(host, port)
        except OSError as err:
            value = err
        with self._lock:
            self._addresses[key] = value
        return value

    def _robots_for(self, url: str, politeness: Politeness) -> _Robots:
        key = origin(url)
        with self._lock:
            lock = self._robots_locks.setdefault(key, threading.Lock())
        with lock:
            if key in self._robots:
                return self._robots[key]
            robots_politeness = Politeness(
                rate=politeness.rate,
                concurrency=politeness.concurrency,
                timeout=politeness.timeout,
                total_timeout=politeness.total_timeout,
                retries=min(politeness.retries, 2),
                backoff=politeness.backoff,
                max_backoff=politeness.max_backoff,
                max_retry_after=politeness.max_retry_after,
                max_bytes=ROBOTS_MAX_BYTES,
                max_redirects=5,
            )
            result = self.fetch(f"{key}/robots.txt", "robots", "robots.txt", robots_politeness, check_robots=False)
            self.log(result.rows)
            if result.ok:
                text = (result.content or b"").decode("utf-8", errors="replace")
                rules = _Robots(Protego.parse(text))
                delay = rules.parser.crawl_delay(ROBOTS_TOKEN)
                if delay:
                    self.gate(url, politeness).tighten(min(float(delay), MAX_CRAWL_DELAY))
            elif result.status is not None and 400 <= result.status < 500 and result.status != 429:
                rules = _Robots(None, allow_all=True, reason=f"robots.txt answered {result.status}")
            elif result.outcome in ("unsupported_content_type", "too_large"):
                rules = _Robots(None, allow_all=True, reason=f"robots.txt unusable ({result.outcome})")
            else:
                rules = _Robots(
                    None, allow_all=False, reason=f"robots.txt unavailable ({result.outcome}, status {result.status})"
                )
            self._robots[key] = rules
            return rules

    def _refuse(self, result: FetchResult, url: str, hop: int, code: str, detail: str) -> None:
        result.rows.append(self._row(result, url, hop, 0, started=None, error=code, detail=detail))
        self._finish(result, code, detail)

    # --- one exchange, with retries -------------------------------------------------------------------------

    def _exchange(
        self,
        result: FetchResult,
        url: str,
        hop: int,
        p: Politeness,
        validators: dict | None,
        auth: tuple[str, str] | None = None,
    ) -> str | None:
        """Fetch `url` once (retrying as allowed). Returns a redirect location to follow, or None when done."""
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate", "Accept": _accept(result.kind)}
        if auth:
            headers.update(urllib3.make_headers(basic_auth=f"{auth[0]}:{auth[1]}"))
        if validators:
            if validators.get("etag"):
                headers["If-None-Match"] = validators["etag"]
            if validators.get("last_modified"):
                headers["If-Modified-Since"] = validators["last_modified"]
        gate = self.gate(url, p)
        for attempt in range(1, p.retries + 2):
            delay = None
            with gate.slot(self.sleep):
                started = time.monotonic()
                fetched_at = datetime.now(UTC)
                try:
                    outcome = self._once(result, url, hop, attempt, p, headers, started, fetched_at)
                except _Failure as failure:
                    row = self._row(
                        result,
                        url,
                        hop,
                        attempt,
                        started,
                        error=failure.code,
                        detail=failure.detail,
                        fetched_at=fetched_at,
                        response=getattr(failure, "response", None),
                    )
                    result.rows.append(row)
                    if failure.retryable and attempt <= p.retries:
                        delay = self._backoff(p, attempt, getattr(failure, "retry_after", None))
                        if delay is None:
                            self._finish(
                                result,
                                "retry_after_too_long",
                                f"Retry-After {getattr(failure, 'retry_after', None)} s is more than "
                                f"max_retry_after {p.max_retry_after} s",
                            )
                            return None
                        if getattr(failure, "retry_after", None) is not None:
                            gate.pause(delay)
                    else:
                        self._finish(result, failure.code, failure.detail, status=getattr(failure, "status", None))
                        return None
                else:
                    return outcome
            self.sleep(delay)
        return None  # not reached: the last attempt always finishes

    def _once(self, result, url, hop, attempt, p, headers, started, fetched_at) -> str | None:
        with _Deadline(started + p.total_timeout - time.monotonic()):
            return self._attempt(result, url, hop, attempt, p, headers, started, fetched_at)

    def _attempt(self, result, url, hop, attempt, p, headers, started, fetched_at) -> str | None:
        timeout = urllib3.Timeout(connect=min(p.timeout, p.total_timeout), read=p.timeout)
        try:
            response = self.pool.request(
                "GET",
                url,
                headers=headers,
                preload_content=False,
                decode_content=False,
                redirect=False,
                retries=False,
                timeout=timeout,
            )
        except Exception as err:
            if time.monotonic() >= started + p.total_timeout:
                raise _total_timeout(p, "before the headers were complete") from None
            _raise_request_failure(err)
        try:
            return self._handle(result, response, url, hop, attempt, p, headers, started, fetched_at)
        finally:
            response.release_conn() if response.isclosed() else response.close()

    def _handle(self, result, response, url, hop, attempt, p, headers, started, fetched_at) -> str | None:
        status = response.status
        raw_headers = list(response.headers.items())
        content_type = response.headers.get("Content-Type")

        def fail(code, detail, retryable=False, retry_after=None):
            failure = _Failure(code, detail, retryable)
            failure.response, failure.status, failure.retry_after = response, status, retry_after
            return failure

        if status in REDIRECT_STATUSES and response.headers.get("Location"):
            location = response.headers["Location"]
            result.rows.append(
                self._row(
                    result, url, hop, attempt, started, response=response, fetched_at=fetched_at, location=location
                )
            )
            return location
        if status in RETRY_STATUSES or status >= 500:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            raise fail("http_error", f"HTTP {status}", retryable=status in RETRY_STATUSES, retry_after=retry_after)
        if status == 304:
            self._keep(result, response, url, status, raw_headers, headers, fetched_at, b"", b"")
            result.rows.append(self._row(result, url, hop, attempt, started, response=response, fetched_at=fetched_at))
            self._finish(result, "not_modified", None, status=status)
            return None
        if not 200 <= status < 300:
            raise fail("http_error", f"HTTP {status}")
        accepted = ACCEPTED_TYPES.get(result.kind)
        mime = (content_type or "").split(";")[0].strip().lower()
        if accepted is not None and mime and not any(a in mime for a in accepted):
            raise fail("unsupported_content_type", f"{mime} is not accepted for a {result.kind}")
        length = response.headers.get("Content-Length")
        if length and length.strip().isdigit() and int(length) > p.max_bytes:
            raise fail("too_large", f"Content-Length {int(length)} exceeds max_bytes {p.max_bytes}")
        body = self._read_body(response, p, started, fail)
        content = inflate(body, response.headers.get("Content-Encoding"), p.max_bytes, fail)
        if accepted is not None and not mime and result.kind == "page" and not looks_like_html(content):
            raise fail("unsupported_content_type", "no Content-Type and the body does not look like HTML")
        self._keep(result, response, url, status, raw_headers, headers, fetched_at, body, content)
        row = self._row(result, url, hop, attempt, started, response=response, fetched_at=fetched_at, nbytes=len(body))
        result.rows.append(row)
        self._finish(result, "ok", None, status=status)
        return None

    def _read_body(self, response, p: Politeness, started: float, fail) -> bytes:
        chunks, total = [], 0
        deadline = started + p.total_timeout
        while True:
            if time.monotonic() > deadline:
                raise fail("timeout", f"the response took more than total_timeout {p.total_timeout} s", retryable=True)
            try:
                chunk = response.read1(64 * 1024, decode_content=False)
            except urllib3.exceptions.TimeoutError as err:
                raise fail("timeout", f"reading the body: {err}", retryable=True) from None
            except (urllib3.exceptions.HTTPError, OSError) as err:
                if time.monotonic() > deadline:  # the deadline shut the socket down
                    continue
                raise fail(
                    "connection_error", f"reading the body: {type(err).__name__}: {err}", retryable=True
                ) from None
            if not chunk:
                if time.monotonic() > deadline:  # an end of the body that the deadline caused
                    continue
                return b"".join(chunks)
            total += len(chunk)
            if total > p.max_bytes:
                raise fail("too_large", f"the body exceeds max_bytes {p.max_bytes}")
            chunks.append(chunk)

    def _keep(self, result, response, url, status, raw_headers, request_headers, fetched_at, body, content):
        result.final_url, result.status, result.reason = url, status, response.reason or ""
        result.http_version = "HTTP/1.0" if response.version == 10 else "HTTP/1.1"
        result.headers = raw_headers
        result.request_headers = [(k, v) for k, v in request_headers.items() if k.lower() != "authorization"]
        result.body, result.content, result.fetched_at = body, content, fetched_at

    def _backoff(self, p: Politeness, attempt: int, retry_after: float | None) -> float | None:
        if retry_after is not None:
            return retry_after if retry_after <= p.max_retry_after else None
        delay = min(p.max_backoff, p.backoff * 2 ** (attempt - 1))
        return delay * self.random.uniform(0.75, 1.25)

    # --- log rows -------------------------------------------------------------------------------------------

    def _row(
        self,
        result: FetchResult,
        url: str,
        hop: int,
        attempt: int,
        started: float | None,
        *,
        error: str | None = None,
        detail: str | None = None,
        response=None,
        fetched_at=None,
        location: str | None = None,
        nbytes: int | None = None,
    ) -> dict:
        headers = response.headers if response is not None else {}
        return {
            "attempt_id": uuid.uuid4().hex,
            "fetched_at": (fetched_at or datetime.now(UTC)).isoformat(),
            "source": result.source,
            "kind": result.kind,
            "requested_url": result.url,
            "url": url,
            "hop": hop,
            "attempt": attempt,
            "status": response.status if response is not None else None,
            "bytes": nbytes if nbytes is not None else 0,
            "elapsed_ms": round((time.monotonic() - started) * 1000, 1) if started is not None else 0.0,
            "error": error,
            "detail": detail[:1000] if detail else None,
            "content_type": headers.get("Content-Type"),
            "content_length": headers.get("Content-Length"),
            "etag": headers.get("ETag"),
            "last_modified": headers.get("Last-Modified"),
            "retry_after": headers.get("Retry-After"),
            "location": strip_userinfo(location) if location else location,
            "final": False,
            "outcome": None,
            "final_url": None,
            "landed_as": None,
            "content_sha256": None,
        }

    def _finish(self, result: FetchResult, outcome: str, detail: str | None, status: int | None = None) -> None:
        result.outcome, result.detail = outcome, detail
        if status is not None:
            result.status = status
        if result.rows:
            last = result.rows[-1]
            last["final"], last["outcome"] = True, outcome
            last["final_url"] = result.final_url or last["url"]
            if outcome not in ("ok", "not_modified") and not last["error"]:
                last["error"], last["detail"] = outcome, (detail or "")[:1000] or None


def _raise_request_failure(err: Exception):
    """The fetch-log code of an exception raised before the response headers were read."""
    if isinstance(err, PrivateAddressError):
        raise _Failure("private_address", str(err)) from None
    if isinstance(err, urllib3.exceptions.NameResolutionError):
        raise _Failure("dns_error", str(err), retryable=True) from None
    if isinstance(err, urllib3.exceptions.TimeoutError):
        raise _Failure("timeout", str(err), retryable=True) from None
    if isinstance(err, urllib3.exceptions.SSLError):
        raise _Failure("tls_error", str(err)) from None
    if isinstance(err, (urllib3.exceptions.HTTPError, OSError)):
        raise _Failure("connection_error", f"{type(err).__name__}: {err}", retryable=True) from None
    raise err


def _total_timeout(p: Politeness, when: str) -> _Failure:
    return _Failure(
        "timeout", f"the response took more than total_timeout {p.total_timeout} s ({when})", retryable=True
    )


def _accept(kind: str) -> str:
    if kind == "page":
        return "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
    if kind in ("feed", "sitemap"):
        return "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1"
    return "text/plain,*/*;q=0.1"


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
