"""The polite fetcher against a real HTTP server on 127.0.0.1 (tests/web_site.py): a feed, a sitemap index and a
news sitemap, robots.txt with one path disallowed, real pages from the corpus, a 404, a 500 that recovers, a 429
with Retry-After, a redirect and a redirect loop, 20 MB bodies, a PDF and a slow response. Asserts the fetch log,
what landed in the raw dir, what the server saw (and did not see), the per-host rate and conditional GETs."""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from pipelines.lib.fetch.landing import load_fetch_logs, log_files, read_log
from pipelines.lib.fetch.run import fetch_sources
from pipelines.lib.fetch.sources import Politeness, Source
from pipelines.lib.raw.readers import read_documents
from tests.conftest import STANCEWATCH, cli_env
from tests.web_site import LocalSite, Reply, corpus_page, news_sitemap, rss, sitemap_index

FAST = Politeness(
    rate=25,
    concurrency=2,
    timeout=0.5,
    total_timeout=3,
    retries=2,
    backoff=0.05,
    max_backoff=0.2,
    max_retry_after=5,
    max_bytes=2 * 1024 * 1024,
    max_redirects=5,
)
DATE = "Mon, 06 May 2024 10:00:00 GMT"


def _conditional(body: bytes, content_type: str, status_first: list[int] | None = None, retry_after: str = ""):
    """A route with an ETag that answers 304 to If-None-Match, optionally failing first with the given statuses."""
    etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
    failures = list(status_first or [])

    def route(request):
        if failures:
            status = failures.pop(0)
            return Reply(
                status,
                b"<html><body><p>busy</p></body></html>",
                headers={"Retry-After": retry_after} if retry_after else {},
            )
        if request.headers.get("If-None-Match") == etag:
            return Reply(304, b"", headers={"ETag": etag}, content_type=None)
        return Reply(200, body, headers={"ETag": etag, "Last-Modified": DATE}, content_type=content_type)

    return route


def build_site(site: LocalSite) -> dict[str, str]:
    """Routes of the acceptance site; returns {name: URL}."""
    u = site.url
    site.routes.update(
        {
            "/robots.txt": Reply(200, b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
            "/articles/a1.html": _conditional(corpus_page(0), "text/html; charset=utf-8"),
            "/articles/a2.html": _conditional(corpus_page(1), "text/html; charset=utf-8"),
            "/articles/a3.html": _conditional(corpus_page(2), "text/html; charset=utf-8"),
            "/articles/a4.html": _conditional(corpus_page(3), "text/html; charset=utf-8"),
            "/articles/a5.html": _conditional(corpus_page(4), "text/html; charset=utf-8"),
            "/private/secret.html": Reply(200, corpus_page(5)),
            "/flaky.html": _conditional(corpus_page(6), "text/html; charset=utf-8", status_first=[500]),
            "/busy.html": _conditional(corpus_page(7), "text/html; charset=utf-8", status_first=[429], retry_after="1"),
            "/old.html": Reply(301, b"", headers={"Location": "/articles/a3.html"}),
            "/loop-a": Reply(302, b"", headers={"Location": u("/loop-b")}),
            "/loop-b": Reply(302, b"", headers={"Location": "/loop-a"}),
            "/huge.html": Reply(200, stream_bytes=20 * 1024 * 1024),
            "/huge-chunked.html": Reply(200, stream_bytes=20 * 1024 * 1024, chunked=True),
            "/report.pdf": Reply(200, b"%PDF-1.7 " + b"0" * 5000, content_type="application/pdf"),
            "/slow.html": Reply(200, corpus_page(8), delay=1.5),
        }
    )
    feed_items = [
        ("a1", u("/articles/a1.html?utm_source=rss&utm_medium=feed"), DATE),
        ("a2", u("/articles/a2.html"), DATE),
        ("secret", u("/private/secret.html"), DATE),
        ("missing", u("/missing.html"), DATE),
        ("flaky", u("/flaky.html"), DATE),
        ("busy", u("/busy.html"), DATE),
        ("old", u("/old.html"), DATE),
        ("loop", u("/loop-a"), DATE),
        ("huge", u("/huge.html"), DATE),
        ("huge2", u("/huge-chunked.html"), DATE),
        ("pdf", u("/report.pdf"), DATE),
        ("slow", u("/slow.html"), DATE),
    ]
    site.routes["/feed.xml"] = _conditional(rss(feed_items), "application/rss+xml")
    site.routes["/sitemap_index.xml"] = _conditional(sitemap_index([u("/news-sitemap.xml")]), "application/xml")
    site.routes["/news-sitemap.xml"] = _conditional(
        news_sitemap(
            [
                (u("/articles/a4.html"), "2024-05-06T12:00:00Z", "a4"),
                (u("/articles/a5.html"), "2024-05-06", "a5"),
                (u("/articles/a1.html"), "2024-05-06", "a1 again"),
            ]
        ),
        "application/xml",
    )
    return {"feed": u("/feed.xml"), "sitemap": u("/sitemap_index.xml")}


def final_rows(log_path: Path) -> dict[str, dict]:
    """The last row of each page fetch, by the path of the requested URL."""
    rows = [r for r in read_log(log_path) if r["final"] and r["kind"] == "page"]
    return {r["requested_url"].split(":", 2)[2].split("/", 1)[1]: r for r in rows}


@pytest.fixture(scope="module")
def fetched(tmp_path_factory):
    """Two fetch runs of the feed and the sitemap into one raw dir, then a refetch of a1 from a URL list."""
    raw = tmp_path_factory.mktemp("web_raw")
    with LocalSite() as site:
        urls = build_site(site)
        sources = [
            Source("local-feed", "feed", urls["feed"], FAST, outlet="Local News"),
            Source("local-sitemap", "sitemap", urls["sitemap"], FAST),
        ]
        first = fetch_sources(sources, raw, allow_private_addresses=True)
        seen_first = list(site.requests)
        second = fetch_sources(sources, raw, allow_private_addresses=True)
        seen_second = site.requests[len(seen_first) :]
        refetch = Source(
            "a1-again", "urls", "(inline)", replace(FAST, refetch=True), inline=(site.url("/articles/a1.html"),)
        )
        third = fetch_sources([refetch], raw, allow_private_addresses=True)
        seen_third = site.requests[len(seen_first) + len(seen_second) :]
    return {"raw": raw, "reports": (first, second, third), "seen": (seen_first, seen_second, seen_third)}


def test_every_fetch_has_its_outcome_in_the_fetch_log(fetched):
    first = fetched["reports"][0]
    rows = final_rows(first.log_path)
    outcomes = {path: (r["outcome"], r["status"]) for path, r in rows.items()}
    assert outcomes == {
        "articles/a1.html": ("landed", 200),
        "articles/a2.html": ("landed", 200),
        "articles/a4.html": ("landed", 200),
        "articles/a5.html": ("landed", 200),
        "private/secret.html": ("robots_disallowed", None),
        "missing.html": ("http_error", 404),
        "flaky.html": ("landed", 200),
        "busy.html": ("landed", 200),
        "old.html": ("landed", 200),
        "loop-a": ("redirect_loop", 302),
        "huge.html": ("too_large", 200),
        "huge-chunked.html": ("too_large", 200),
        "report.pdf": ("unsupported_content_type", 200),
        "slow.html": ("timeout", None),
    }
    assert rows["old.html"]["final_url"].endswith("/articles/a3.html")
    assert rows["articles/a1.html"]["requested_url"].endswith("/articles/a1.html")  # utm_* dropped
    assert rows["huge.html"]["bytes"] == 0 and "Content-Length" in rows["huge.html"]["detail"]
    all_rows = list(read_log(first.log_path))
    by_url = {}
    for r in all_rows:
        by_url.setdefault(r["url"].rsplit("/", 1)[1], []).append(r)
    # every exchange is a row: the failed attempts before a success, each redirect hop, each timeout
    assert [(r["status"], r["error"]) for r in by_url["flaky.html"]] == [(500, "http_error"), (200, None)]
    assert [(r["status"], r["retry_after"]) for r in by_url["busy.html"]] == [(429, "1"), (200, None)]
    assert [(r["attempt"], r["error"]) for r in by_url["slow.html"]] == [(1, "timeout"), (2, "timeout"), (3, "timeout")]
    assert [r["status"] for r in by_url["loop-a"] + by_url["loop-b"]] == [302, 302]
    assert [r["status"] for r in by_url["missing.html"]] == [404]  # a 404 is not retried
    assert all(r["elapsed_ms"] >= 0 and r["fetched_at"] for r in all_rows)
    totals = first.totals()
    assert (totals["landed"], totals["failed"]) == (7, 7)


def test_nothing_disallowed_or_refused_was_requested(fetched):
    seen_first = fetched["seen"][0]
    paths = [r.path.split("?")[0] for r in seen_first]
    assert not [p for p in paths if p.startswith("/private/")]
    assert paths.count("/robots.txt") == 1 and paths.index("/robots.txt") == 0
    assert paths.count("/report.pdf") == 1 and paths.count("/missing.html") == 1
    assert paths.count("/articles/a1.html") == 1  # found twice (feed, sitemap), fetched once
    assert all(r.headers.get("User-Agent", "").startswith("stancewatch/") for r in seen_first)
    busy = [r.at for r in seen_first if r.path == "/busy.html"]
    assert busy[1] - busy[0] >= 0.95  # Retry-After: 1 was honoured


def test_landed_pages_are_content_addressed_warcs_that_the_raw_reader_reads_with_their_urls(fetched):
    raw, first = fetched["raw"], fetched["reports"][0]
    rows = final_rows(first.log_path)
    warcs = sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*.warc.gz"))
    landed = sorted(r["landed_as"] for r in rows.values() if r["outcome"] == "landed")
    assert warcs == landed and len(warcs) == 7
    docs = {d.source: d for d in read_documents(raw)}
    assert set(docs) == set(warcs)  # the fetch logs are not documents
    body_of = {"a1": 0, "a2": 1, "a3": 2, "a4": 3, "a5": 4, "flaky": 6, "busy": 7}
    for path, row in rows.items():
        if row["outcome"] != "landed":
            continue
        doc = docs[row["landed_as"]]
        record = json.loads(doc.content)
        name = Path(row["final_url"]).stem
        body = corpus_page(body_of[name])
        assert Path(row["landed_as"]).name == hashlib.sha256(body).hexdigest() + ".warc.gz"
        assert doc.content_hash == hashlib.sha256(body).hexdigest()  # exactly as received
        assert record["url"] == row["final_url"] and record["status"] == 200
        assert record["requested_url"].endswith(path.split("?")[0]) and record["fetched_at"].startswith("20")
    a1 = json.loads(docs[rows["articles/a1.html"]["landed_as"]].content)
    assert a1["source"] == "Local News" and a1["published_at"].startswith("2024-05-06T10:00:00")
    assert json.loads(docs[rows["articles/a4.html"]["landed_as"]].content)["published_at"].startswith("2024-05-06T12")


def test_a_second_run_uses_conditional_gets_and_fetches_nothing_twice(fetched):
    seen_second = fetched["seen"][1]
    second = fetched["reports"][1]
    paths = [r.path for r in seen_second]
    # feed and sitemap answered 304; only the page that failed transiently (the slow one) is tried again
    assert sorted(paths) == sorted(
        ["/robots.txt", "/feed.xml", "/sitemap_index.xml", "/slow.html", "/slow.html", "/slow.html"]
    )
    assert all(r.headers.get("If-None-Match") for r in seen_second if r.path in ("/feed.xml", "/sitemap_index.xml"))
    assert {s.discovery for s in second.sources} == {"not_modified"}
    assert second.totals()["landed"] == 0


def test_a_source_that_says_refetch_gets_a_304_for_an_unchanged_page(fetched):
    third, seen_third = fetched["reports"][2], fetched["seen"][2]
    page = [r for r in seen_third if r.path == "/articles/a1.html"]
    assert len(page) == 1 and page[0].headers.get("If-None-Match")
    assert third.totals()["not_modified"] == 1
    assert [r["outcome"] for r in read_log(third.log_path) if r["final"] and r["kind"] == "page"] == ["not_modified"]


def test_the_fetch_logs_load_into_landing_fetch_log_once(fetched, tmp_path):
    raw = fetched["raw"]
    lines = sum(1 for path in log_files(raw) for _ in read_log(path))
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    counts = load_fetch_logs(con, raw)
    assert counts == {"files": 3, "read": lines, "new": lines, "total": lines}
    assert load_fetch_logs(con, raw)["new"] == 0
    failures = dict(
        con.execute("""select outcome, count(*) from landing.fetch_log where final and kind = 'page'
                                   and outcome not in ('landed', 'not_modified') group by 1""").fetchall()
    )
    assert failures["timeout"] == 2 and failures["too_large"] == 2 and failures["robots_disallowed"] == 1
    assert con.execute("select count(*) from landing.fetch_log where status = 404").fetchone()[0] == 1


def test_private_addresses_are_refused_by_default(tmp_path):
    with LocalSite() as site:
        build_site(site)
        report = fetch_sources(
            [
                Source("local", "feed", site.url("/feed.xml"), FAST),
                Source("list", "urls", "(inline)", FAST, inline=(site.url("/articles/a1.html"), "file:///etc/passwd")),
            ],
            tmp_path,
        )
        assert site.requests == []
    rows = list(read_log(report.log_path))
    assert sorted((r["kind"], r["error"]) for r in rows) == [
        ("feed", "private_address"),
        ("page", "private_address"),
        ("page", "unsupported_scheme"),
    ]
    assert report.sources[0].discovery == "private_address"
    assert report.sources[1].failed["unsupported_scheme"] == 1  # file:// is refused with a row (issue 14)
    assert not list(tmp_path.rglob("*.warc.gz"))


def test_the_per_host_rate_holds_for_200_pages(tmp_path):
    rate = 50
    with LocalSite() as site:
        site.routes["/robots.txt"] = Reply(404, b"")
        for i in range(200):
            site.routes[f"/p/{i}.html"] = Reply(200, f"<html><body><p>Page {i}</p></body></html>".encode())
        source = Source(
            "list",
            "urls",
            "(inline)",
            replace(FAST, rate=rate, concurrency=4),
            inline=tuple(site.url(f"/p/{i}.html") for i in range(200)),
        )
        report = fetch_sources([source], tmp_path, allow_private_addresses=True, workers=8)
        times = sorted(r.at for r in site.requests if r.path.startswith("/p/"))
    assert report.totals()["landed"] == 200 and len(times) == 200
    span = times[-1] - times[0]
    assert 199 / rate * 0.9 <= span <= 199 / rate * 1.5 + 1.0  # paced, and not needlessly slower
    worst = max(sum(1 for t in times[i:] if t - times[i] < 1.0) for i in range(len(times)))
    assert worst <= rate + 3  # never more than `rate` requests in any one-second window (+ timer jitter)


def test_the_per_host_concurrency_holds(tmp_path):
    with LocalSite() as site:
        site.routes["/robots.txt"] = Reply(404, b"")
        for i in range(12):
            site.routes[f"/p/{i}.html"] = Reply(
                200, f"<html><body><p>Slow page {i}</p></body></html>".encode(), delay=0.25
            )
        source = Source(
            "list",
            "urls",
            "(inline)",
            replace(FAST, rate=100, concurrency=3),
            inline=tuple(site.url(f"/p/{i}.html") for i in range(12)),
        )
        report = fetch_sources([source], tmp_path, allow_private_addresses=True, workers=8)
        assert report.totals()["landed"] == 12
        assert site.max_in_flight == 3  # in use, and never more


def test_the_fetch_command(tmp_path):
    raw = tmp_path / "raw"
    sources = tmp_path / "sources.yaml"
    sources.write_text("defaults: {rate: 20, concurrency: 2, timeout: 2, retries: 0}\nsources: []\n")
    with LocalSite() as site:
        site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nAllow: /\n", content_type="text/plain")
        site.routes["/a.html"] = Reply(200, corpus_page(9))
        site.routes["/feed.xml"] = Reply(
            200, rss([("a", site.url("/a.html"), DATE)]), content_type="application/rss+xml"
        )
        (tmp_path / "urls.txt").write_text(f"# a comment\n{site.url('/a.html')}\n{site.url('/gone.html')}\n")
        base = [STANCEWATCH, "fetch", "--sources", str(sources), "--raw-dir", str(raw)]

        refused = subprocess.run(
            base + ["--feed", site.url("/feed.xml")], env=cli_env(tmp_path), capture_output=True, text=True, timeout=60
        )
        assert refused.returncode == 0 and "private_address" in refused.stdout and site.requests == []

        ok = subprocess.run(
            base + ["--feed", site.url("/feed.xml"), "--urls", str(tmp_path / "urls.txt"), "--allow-private-addresses"],
            env=cli_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert ok.returncode == 0, ok.stderr
        assert "1 pages landed" in ok.stdout and "stancewatch run" in ok.stdout
        assert "http_error 1" in ok.stdout  # /gone.html: 404
        env = cli_env(tmp_path) | {"STANCEWATCH_ALLOW_PRIVATE_ADDRESSES": "1"}
        again = subprocess.run(
            base + ["--url", site.url("/a.html")], env=env, capture_output=True, text=True, timeout=60
        )
        assert again.returncode == 0 and "1 already fetched" in again.stdout
    assert len(list(raw.rglob("*.warc.gz"))) == 1
    bad = subprocess.run(
        [STANCEWATCH, "fetch", "--sources", str(tmp_path / "nope.yaml"), "--raw-dir", str(raw)],
        env=cli_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "does not exist" in bad.stderr


def test_redirect_limit_and_redirects_away_from_http_are_final(tmp_path):
    with LocalSite() as site:
        site.routes["/robots.txt"] = Reply(404, b"")
        for i in range(8):
            site.routes[f"/hop/{i}"] = Reply(302, b"", headers={"Location": f"/hop/{i + 1}"})
        site.routes["/to-ftp"] = Reply(301, b"", headers={"Location": "ftp://127.0.0.1/file.html"})
        source = Source(
            "list", "urls", "(inline)", replace(FAST, max_redirects=3), inline=(site.url("/hop/0"), site.url("/to-ftp"))
        )
        report = fetch_sources([source], tmp_path, allow_private_addresses=True)
        paths = site.paths()
    rows = final_rows(report.log_path)
    assert rows["hop/0"]["outcome"] == "redirect_limit" and rows["to-ftp"]["outcome"] == "bad_redirect"
    assert [p for p in paths if p.startswith("/hop/")] == ["/hop/0", "/hop/1", "/hop/2", "/hop/3"]


def test_the_connection_guard_refuses_a_non_public_peer_even_when_the_name_check_is_passed():
    from pipelines.lib.fetch.fetcher import Fetcher, PrivateAddressError

    with LocalSite() as site:
        site.routes["/x"] = Reply(200, b"<html><body>x</body></html>")
        guarded = Fetcher(allow_private_addresses=False)
        with pytest.raises(PrivateAddressError, match="non-public address 127.0.0.1"):
            guarded.pool.request("GET", site.url("/x"), retries=False)  # as if DNS had answered a public address
        open_fetcher = Fetcher(allow_private_addresses=True)
        assert open_fetcher.pool.request("GET", site.url("/x"), retries=False).status == 200
        assert site.paths() == ["/x"]


def test_the_sources_sensor_fingerprint_follows_the_url_lists(tmp_path):
    from pipelines.defs.web import sources_fingerprint

    (tmp_path / "urls.txt").write_text("https://example.org/a\n")
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - {name: list, urls: urls.txt}\n")
    before = sources_fingerprint(sources)
    assert sources_fingerprint(sources) == before
    (tmp_path / "urls.txt").write_text("https://example.org/a\nhttps://example.org/b\n")
    assert sources_fingerprint(sources) != before


# --- issue 14: hostile servers -------------------------------------------------------------------------------------


def test_a_server_that_drips_its_headers_is_cut_off_at_total_timeout(tmp_path):
    """The status line, then one header byte a second: a per-read timeout never fires; the whole-response deadline
    (connect + headers + body) must, in every attempt."""
    from pipelines.lib.fetch.fetcher import Fetcher

    politeness = replace(FAST, timeout=5, total_timeout=2, retries=1, backoff=0.05)
    with LocalSite() as site:
        site.routes["/robots.txt"] = Reply(404, b"")
        site.routes["/drip.html"] = Reply(200, corpus_page(0), drip_headers=20)
        fetcher = Fetcher(allow_private_addresses=True)
        started = time.monotonic()
        result = fetcher.fetch(site.url("/drip.html"), "page", "drip", politeness)
        elapsed = time.monotonic() - started
    attempts = [r for r in result.rows if r["url"].endswith("/drip.html")]
    assert result.outcome == "timeout" and "total_timeout" in result.detail
    assert len(attempts) == 2 and all(r["elapsed_ms"] <= (2 + 2) * 1000 for r in attempts)
    assert elapsed < 2 * (2 + 2)


def test_a_url_that_timed_out_in_three_runs_is_not_queued_again(tmp_path):
    """Named again by the command line (or a feed) in every run, a URL that timed out in 3 runs is given up."""
    politeness = replace(FAST, timeout=5, total_timeout=0.5, retries=0)
    with LocalSite() as site:
        site.routes["/robots.txt"] = Reply(404, b"")
        site.routes["/hang.html"] = Reply(200, corpus_page(0), delay=3)
        source = Source("cli-urls", "urls", "(command line)", politeness, inline=(site.url("/hang.html"),))
        reports = [fetch_sources([source], tmp_path, allow_private_addresses=True) for _ in range(4)]
        hangs = [p for p in site.paths() if p == "/hang.html"]
    assert [r.failures() for r in reports[:3]] == [{"timeout": 1}] * 3
    assert reports[3].totals()["queued"] == 0 and reports[3].sources[0].given_up == 1
    assert "1 given up after 3 failed runs" in reports[3].summary()
    assert len(hangs) == 3


def test_a_truncated_gzip_body_is_a_failure_not_a_partial_page(tmp_path):
    page = gzip.compress(corpus_page(0))
    with LocalSite() as site:
        site.routes["/robots.txt"] = Reply(404, b"")
        site.routes["/cut.html"] = Reply(200, page[: len(page) // 2], headers={"Content-Encoding": "gzip"})
        source = Source("list", "urls", "(inline)", FAST, inline=(site.url("/cut.html"),))
        report = fetch_sources([source], tmp_path, allow_private_addresses=True)
    row = final_rows(report.log_path)["cut.html"]
    assert row["outcome"] == "bad_content_encoding" and "truncated" in row["detail"]
    assert not list(tmp_path.rglob("*.warc.gz"))


PASSWORD = "Zq7-s3cret-pw"


def files_holding(folder: Path, secret: str) -> list[str]:
    """Every file below `folder` whose bytes, or whose gzip-decompressed bytes, contain `secret`."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.name.endswith(".gz"):
            try:
                data += gzip.decompress(data)
            except (OSError, EOFError):
                pass
        if secret.encode() in data:
            found.append(path.relative_to(folder).as_posix())
    return found


def authorization(headers: dict) -> str | None:
    return next((v for k, v in headers.items() if k.lower() == "authorization"), None)


def test_credentials_in_urls_are_never_used_stored_or_printed(tmp_path):
    raw = tmp_path / "raw"
    sources = tmp_path / "sources.yaml"
    sources.write_text("defaults: {rate: 20, concurrency: 2, timeout: 2, retries: 0}\nsources: []\n")
    with LocalSite() as site:
        site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nAllow: /\n", content_type="text/plain")
        site.routes["/a.html"] = Reply(200, corpus_page(9))
        site.routes["/b.html"] = Reply(200, corpus_page(10))
        secret_url = site.url("/b.html", host=f"reader:{PASSWORD}@127.0.0.1")
        site.routes["/feed.xml"] = Reply(200, rss([("b", secret_url, DATE)]), content_type="application/rss+xml")
        done = subprocess.run(
            [
                STANCEWATCH,
                "fetch",
                "--sources",
                str(sources),
                "--raw-dir",
                str(raw),
                "--allow-private-addresses",
                "--url",
                site.url("/a.html", host=f"reader:{PASSWORD}@127.0.0.1"),
                "--feed",
                site.url("/feed.xml", host=f"reader:{PASSWORD}@127.0.0.1"),
            ],
            env=cli_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
        seen = list(site.requests)
    assert done.returncode == 0, done.stderr
    assert "2 pages landed" in done.stdout
    assert files_holding(raw, PASSWORD) == [] and files_holding(raw, "reader:") == []
    assert PASSWORD not in done.stdout + done.stderr
    assert "credentials in a URL" in done.stderr
    assert [r.path for r in seen].count("/robots.txt") == 1
    assert not any(authorization(r.headers) for r in seen)
    warc = next(raw.rglob("*.warc.gz"))
    assert b"Host: 127.0.0.1:" in gzip.decompress(warc.read_bytes())


def test_a_source_with_auth_env_sends_basic_auth_to_its_host_and_stores_none_of_it(tmp_path, monkeypatch):
    import base64

    from pipelines.lib.fetch.sources import load_sources

    raw = tmp_path / "raw"
    token = base64.b64encode(f"reader:{PASSWORD}".encode()).decode()
    with LocalSite() as site:

        def private(request):
            if authorization(request.headers) != f"Basic {token}":
                return Reply(401, b"<html><body>sign in</body></html>")
            return Reply(200, corpus_page(11))

        site.routes["/robots.txt"] = Reply(404, b"")
        site.routes["/p.html"] = private
        site.routes["/feed.xml"] = lambda request: Reply(
            200 if authorization(request.headers) == f"Basic {token}" else 401,
            rss([("p", site.url("/p.html"), DATE)]),
            content_type="application/rss+xml",
        )
        (tmp_path / "sources.yaml").write_text(
            "defaults: {rate: 20, timeout: 2, retries: 0}\n"
            f"sources:\n  - {{name: paywalled, feed: '{site.url('/feed.xml')}', auth_env: PAYWALL_AUTH}}\n"
        )
        parsed = load_sources(tmp_path / "sources.yaml")
        monkeypatch.setenv("PAYWALL_AUTH", f"reader:{PASSWORD}")
        report = fetch_sources(list(parsed.sources), raw, allow_private_addresses=True)
        seen = {r.path: authorization(r.headers) for r in site.requests}
    assert report.totals()["landed"] == 1, report.summary()
    assert seen == {"/robots.txt": None, "/feed.xml": f"Basic {token}", "/p.html": f"Basic {token}"}
    assert files_holding(raw, PASSWORD) == [] and files_holding(raw, token) == []
    monkeypatch.delenv("PAYWALL_AUTH")
    with pytest.raises(ValueError, match="PAYWALL_AUTH"):
        fetch_sources(list(parsed.sources), tmp_path / "raw2", allow_private_addresses=True)


def test_file_ftp_and_gopher_urls_get_a_fetch_log_row_unsupported_scheme(tmp_path):
    (tmp_path / "urls.txt").write_text("file:///etc/passwd\nftp://127.0.0.1/a.html\ngopher://127.0.0.1/1/news\n")
    source = Source("list", "urls", str(tmp_path / "urls.txt"), FAST)
    report = fetch_sources([source], tmp_path / "raw", allow_private_addresses=True)
    rows = [r for r in read_log(report.log_path) if r["final"]]
    assert sorted((r["url"], r["outcome"]) for r in rows) == [
        ("file:///etc/passwd", "unsupported_scheme"),
        ("ftp://127.0.0.1/a.html", "unsupported_scheme"),
        ("gopher://127.0.0.1/1/news", "unsupported_scheme"),
    ]
    assert report.failures() == {"unsupported_scheme": 3}
