"""One fetch run: sources -> discovered article URLs -> polite fetches -> WARC files and a fetch log in the raw dir.

Discovery: a feed or sitemap is fetched (conditionally, with the ETag/Last-Modified of the last run) and parsed;
URL lists are read. URLs are normalised (courlan: tracking parameters dropped), filtered by the source's
include/exclude patterns and max_age_days, ordered newest first and cut to max_urls. A URL that an earlier run
fetched (or that failed for good) is skipped unless the source says `refetch: true`; one that failed transiently
(timeout, 5xx, 429) is tried again in later runs, and given up once it has failed so in 3 runs (even when a feed or
the command line names it again). Pages are then fetched in parallel, hosts interleaved,
each host within its rate and concurrency.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import zip_longest
from pathlib import Path

from ..urls import ALLOWED_SCHEMES, host_key, normalize_url, origin, strip_userinfo
from .feeds import Discovered, DiscoveryError, parse_feed
from .fetcher import Fetcher, user_agent
from .landing import TRANSIENT_RETRY_RUNS, FetchHistory, RawLanding
from .sitemaps import parse_sitemap
from .sources import Source

MAX_SITEMAPS_PER_SOURCE = 100
MAX_SITEMAP_DEPTH = 3

Progress = Callable[[str], None]


@dataclass
class SourceReport:
    name: str
    kind: str
    discovered: int = 0  # URLs found in the feed, sitemap(s) or list
    queued: int = 0  # after normalisation, filters, max_urls and the history
    already_fetched: int = 0
    given_up: int = 0  # failed transiently in TRANSIENT_RETRY_RUNS earlier runs: not queued again
    filtered: int = 0
    landed: int = 0  # new WARC files in the raw dir
    duplicate_content: int = 0  # fetched, but a page with the same body had landed already
    not_modified: int = 0  # 304 to a conditional GET
    failed: Counter = field(default_factory=Counter)  # outcome -> pages
    discovery: str = "ok"  # ok | not_modified | an error code
    discovery_detail: str | None = None


@dataclass
class FetchReport:
    run_id: str
    log_path: Path
    sources: list[SourceReport]
    seconds: float = 0.0

    def totals(self) -> dict[str, int]:
        keys = (
            "discovered",
            "queued",
            "already_fetched",
            "given_up",
            "filtered",
            "landed",
            "duplicate_content",
            "not_modified",
        )
        out = {k: sum(getattr(s, k) for s in self.sources) for k in keys}
        out["failed"] = sum(sum(s.failed.values()) for s in self.sources)
        return out

    def failures(self) -> dict[str, int]:
        total: Counter = Counter()
        for s in self.sources:
            total.update(s.failed)
        return dict(total)

    def summary(self) -> str:
        t = self.totals()
        lines = [
            f"fetch run {self.run_id}: {t['landed']} pages landed, {t['duplicate_content']} duplicate bodies, "
            f"{t['not_modified']} not modified, {t['failed']} failed, {t['already_fetched']} already fetched "
            f"(skipped), in {self.seconds:.1f} s"
        ]
        for s in self.sources:
            discovery = (
                ""
                if s.discovery == "ok"
                else f" [{s.discovery}{': ' + s.discovery_detail if s.discovery_detail else ''}]"
            )
            failed = ", ".join(f"{k} {v}" for k, v in sorted(s.failed.items())) or "none"
            given_up = f", {s.given_up} given up after {TRANSIENT_RETRY_RUNS} failed runs" if s.given_up else ""
            lines.append(
                f"  {s.name} ({s.kind}){discovery}: {s.discovered} discovered, {s.queued} queued, "
                f"{s.landed} landed, {s.not_modified} not modified, failed: {failed}{given_up}"
            )
        lines.append(f"fetch log: {self.log_path}")
        return "\n".join(lines)


@dataclass(frozen=True)
class _Item:
    url: str
    source: Source
    found: Discovered


def fetch_sources(
    sources: list[Source],
    raw_dir: Path,
    *,
    allow_private_addresses: bool = False,
    workers: int = 8,
    contact: str | None = None,
    progress: Progress = lambda _: None,
) -> FetchReport:
    started = time.perf_counter()
    raw_dir = Path(raw_dir)
    raw_dir.mkdir(parents=True, exist_ok=True)
    agent = user_agent(contact)
    history = FetchHistory.load(raw_dir)
    landing = RawLanding(raw_dir, user_agent=agent)
    fetcher = Fetcher(agent, allow_private_addresses=allow_private_addresses, workers=workers, log=landing.log)
    active = [s for s in sources if s.enabled]
    auth = {s.name: s.credentials() for s in active}  # read now, held in memory only
    reports = {s.name: SourceReport(s.name, s.kind) for s in active}
    lock = threading.Lock()
    try:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(active) or 1))) as pool:
            found = dict(
                zip(
                    [s.name for s in active],
                    pool.map(lambda s: _discover(s, fetcher, history, reports[s.name], progress, auth[s.name]), active),
                )
            )
        items = _queue(active, found, history, reports)
        progress(f"fetch: {len(items)} pages to fetch from {len({host_key(i.url) for i in items})} host(s)")
        done = Counter()

        def fetch_page(item: _Item) -> None:
            report = reports[item.source.name]
            validators = history.validators(item.url) if item.source.politeness.refetch else None
            try:
                result = fetcher.fetch(
                    item.url,
                    "page",
                    item.source.name,
                    item.source.politeness,
                    validators,
                    auth=auth[item.source.name] if _auth_applies(item.source, item.url) else None,
                )
            except Exception as err:  # a bug must cost one URL, not the run: it becomes a row like any failure
                result = fetcher.internal_error(item.url, "page", item.source.name, err)
            if result.ok:
                extra = {"Stancewatch-Requested-URI": item.url, "Stancewatch-Source": item.source.name}
                if item.source.outlet:
                    extra["Stancewatch-Outlet"] = item.source.outlet
                if item.found.published_at:
                    extra["Stancewatch-Published-At"] = item.found.published_at.isoformat()
                rel, new, digest = landing.land(result, extra)
                final = result.rows[-1]
                final.update(outcome="landed" if new else "duplicate_content", landed_as=rel, content_sha256=digest)
            landing.log(result.rows)
            with lock:
                if result.ok:
                    outcome = result.rows[-1]["outcome"]
                    report.landed += outcome == "landed"
                    report.duplicate_content += outcome == "duplicate_content"
                elif result.outcome == "not_modified":
                    report.not_modified += 1
                else:
                    report.failed[result.outcome] += 1
                done["pages"] += 1
                if done["pages"] % 50 == 0:
                    progress(f"fetch: {done['pages']}/{len(items)} pages")

        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(fetch_page, items))
    finally:
        landing.close()
    report = FetchReport(landing.run_id, landing.log_path, list(reports.values()), time.perf_counter() - started)
    progress(f"fetch: done in {report.seconds:.1f} s")  # the caller prints (or logs) the summary, once
    return report


def _discover(
    source: Source,
    fetcher: Fetcher,
    history: FetchHistory,
    report: SourceReport,
    progress: Progress,
    auth: tuple[str, str] | None = None,
) -> list[Discovered]:
    try:
        if source.kind == "urls":
            return _read_url_list(source)
        if source.kind == "feed":
            body, base = _discovery_fetch(source.location, "feed", source, fetcher, history, report, auth)
            return parse_feed(body, base) if body is not None else []
        return _walk_sitemaps(source, fetcher, history, report, auth)
    except DiscoveryError as err:
        report.discovery, report.discovery_detail = "unreadable", str(err)[:300]
        progress(f"fetch: {source.name}: {err}")
        return []
    except Exception as err:  # a bug must cost one source, not the run
        report.discovery, report.discovery_detail = "internal_error", f"{type(err).__name__}: {err}"[:300]
        fetcher.log(
            fetcher.internal_error(
                source.location, source.kind if source.kind != "urls" else "page", source.name, err
            ).rows
        )
        progress(f"fetch: {source.name}: internal error {type(err).__name__}: {err}")
        return []


def _auth_applies(source: Source, url: str) -> bool:
    """A feed's or sitemap's credentials go to its own origin only; a URL list's to the URLs it lists."""
    return source.kind == "urls" or origin(url) == origin(source.location)


def _read_url_list(source: Source) -> list[Discovered]:
    if source.inline:
        lines = list(source.inline)
    else:
        path = Path(source.location)
        if not path.is_file():
            raise DiscoveryError(f"URL list {path} does not exist")
        lines = path.read_text(encoding="utf-8").splitlines()
    return [Discovered(strip_userinfo(ln.strip())) for ln in lines if ln.strip() and not ln.strip().startswith("#")]


def _discovery_fetch(
    url: str,
    kind: str,
    source: Source,
    fetcher: Fetcher,
    history: FetchHistory,
    report: SourceReport,
    auth: tuple[str, str] | None = None,
) -> tuple[bytes | None, str]:
    url = strip_userinfo(url)
    key = normalize_url(url) or url
    result = fetcher.fetch(url, kind, source.name, source.politeness, history.validators(key, kind), auth=auth)
    fetcher.log(result.rows)
    if result.outcome == "not_modified":
        if report.discovery == "ok":
            report.discovery = "not_modified"
        return None, url
    if not result.ok:
        report.discovery, report.discovery_detail = result.outcome, f"{url}: {result.detail or result.status}"
        return None, url
    return result.content, result.final_url or url


def _walk_sitemaps(
    source: Source, fetcher: Fetcher, history: FetchHistory, report: SourceReport, auth: tuple[str, str] | None = None
) -> list[Discovered]:
    found, queue, seen = [], [(source.location, 0)], set()
    while queue and len(seen) < MAX_SITEMAPS_PER_SOURCE:
        url, depth = queue.pop(0)
        key = normalize_url(url) or url
        if key in seen:
            continue
        seen.add(key)
        body, base = _discovery_fetch(url, "sitemap", source, fetcher, history, report, auth)
        if body is None:
            continue
        sitemap = parse_sitemap(body, base, source.politeness.max_bytes)
        found.extend(sitemap.urls)
        if depth < MAX_SITEMAP_DEPTH:
            queue.extend((child, depth + 1) for child in sitemap.sitemaps)
    return found


def _queue(
    sources: list[Source], found: dict[str, list[Discovered]], history: FetchHistory, reports: dict[str, SourceReport]
) -> list[_Item]:
    now = datetime.now(UTC)
    taken: set[str] = set()
    per_source: dict[str, list[_Item]] = {}
    by_name = {s.name: s for s in sources}
    for source in sources:
        report, items = reports[source.name], []
        entries = found.get(source.name, [])
        report.discovered = len(entries)
        kept = []
        for entry in entries:
            url = normalize_url(entry.url)
            if not url and _other_scheme(entry.url) and source.wants(entry.url):
                # file:, ftp:, gopher:, ...: handed to the fetcher, which refuses it with a fetch-log row
                # (unsupported_scheme) instead of dropping it silently
                kept.append((strip_userinfo(entry.url.strip()), entry))
                continue
            if not url or not source.wants(url):
                report.filtered += 1
                continue
            if (
                source.max_age_days is not None
                and entry.published_at is not None
                and entry.published_at < now - timedelta(days=source.max_age_days)
            ):
                report.filtered += 1
                continue
            kept.append((url, entry))
        kept.sort(key=lambda ue: ue[1].published_at or datetime.min.replace(tzinfo=UTC), reverse=True)
        for url, entry in kept:
            if url in taken:
                continue
            if history.is_done(url) and not source.politeness.refetch:
                report.already_fetched += 1
                continue
            if history.gave_up(url) and not source.politeness.refetch:
                report.given_up += 1
                continue
            if source.max_urls is not None and len(items) >= source.max_urls:
                report.filtered += 1
                continue
            taken.add(url)
            items.append(_Item(url, source, entry))
        per_source[source.name] = items
    for url, name in sorted(history.retry_candidates().items()):
        if url not in taken and name in by_name:
            taken.add(url)
            per_source[name].append(_Item(url, by_name[name], Discovered(url)))
    for name, items in per_source.items():
        reports[name].queued = len(items)
    return _interleave_hosts([i for items in per_source.values() for i in items])


def _other_scheme(url: str) -> bool:
    """A URL with a scheme other than http(s) (a bare word or a relative path has none)."""
    scheme, colon, _ = (url or "").strip().partition(":")
    return bool(colon) and scheme.isascii() and scheme.isalpha() and scheme.lower() not in ALLOWED_SCHEMES


def _interleave_hosts(items: list[_Item]) -> list[_Item]:
    """Round-robin over hosts, so that the workers spread over hosts instead of queueing on one."""
    by_host: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        by_host[host_key(item.url)].append(item)
    return [i for group in zip_longest(*by_host.values()) for i in group if i is not None]
