"""The web-ingestion library on real inputs, without a network: sources files, URLs, feeds and sitemaps, WARC files
(written here with warcio) through the raw-dir reader and cleaning, and syndication dedup on real article text."""

from __future__ import annotations

import gzip
import json
import re
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
import trafilatura
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipelines.lib import dedup, warehouse
from pipelines.lib.clean import Article, Reject, clean_document
from pipelines.lib.encoding import inflate
from pipelines.lib.fetch.feeds import parse_feed
from pipelines.lib.fetch.fetcher import parse_retry_after, user_agent
from pipelines.lib.fetch.sitemaps import parse_sitemap
from pipelines.lib.fetch.sources import SourcesError, load_sources, parse_sources
from pipelines.lib.raw.layout import raw_files
from pipelines.lib.raw.readers import read_documents
from pipelines.lib.urls import canonical_url, is_public_ip, normalize_url
from tests.web_site import corpus_page, html_page, news_sitemap, rss, sitemap_index

ROOT = Path(__file__).resolve().parents[2]
NEWS = [json.loads(line) for line in (ROOT / "tests" / "fixtures" / "news.jsonl").read_text().splitlines()]


# --- sources.yaml --------------------------------------------------------------------------------------------------


def test_the_shipped_sources_file_is_valid_and_documented():
    sources = load_sources(ROOT / "sources.yaml")
    assert {s.kind for s in sources.sources} == {"feed", "sitemap"}
    assert all(s.politeness.rate <= 1.0 and s.politeness.concurrency == 1 for s in sources.sources)
    assert "sources.yaml" in (ROOT / "README.md").read_text()


def test_sources_inherit_defaults_and_override_them(tmp_path):
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "urls.txt").write_text("https://example.org/a\n")
    path = tmp_path / "sources.yaml"
    path.write_text("""
defaults: {rate: 0.5, retries: 1}
sources:
  - {name: wire, feed: "https://example.org/feed.xml", concurrency: 2, max_urls: 5, include: ['/news/']}
  - {name: list, urls: lists/urls.txt, refetch: true}
""")
    wire, listed = load_sources(path).sources
    assert (wire.politeness.rate, wire.politeness.concurrency, wire.politeness.retries) == (0.5, 2, 1)
    assert wire.max_urls == 5 and wire.wants("https://example.org/news/1") and not wire.wants("https://example.org/x")
    assert listed.kind == "urls" and Path(listed.location) == tmp_path / "lists" / "urls.txt"
    assert listed.politeness.refetch and not wire.politeness.refetch


@pytest.mark.parametrize(
    "data, message",
    [
        ({"sources": [{"feed": "https://x/f", "rat": 2}]}, "unknown key(s) rat"),
        ({"sources": [{"feed": "https://x/f", "sitemap": "https://x/s"}]}, "exactly one of"),
        ({"defaults": {"rate": 0}}, "rate must be greater than 0"),
        ({"defaults": {"concurrency": "two"}}, "expected a whole number"),
        ({"sources": [{"name": "a", "feed": "https://x/1"}, {"name": "a", "feed": "https://x/2"}]}, "used twice"),
        ({"sources": [{"feed": "https://x/f", "include": ["("]}]}, "include pattern"),
    ],
)
def test_a_typo_in_the_sources_file_is_an_error_not_a_default(data, message):
    with pytest.raises(SourcesError, match=re.escape(message)):
        parse_sources(data)


# --- URLs ----------------------------------------------------------------------------------------------------------


def test_urls_are_normalized_and_tracking_parameters_dropped():
    assert (
        normalize_url("HTTPS://WWW.Example.com:443/a/b?utm_source=rss&b=2&a=1&fbclid=x#top")
        == "https://www.example.com/a/b?a=1&b=2"
    )
    assert normalize_url("ftp://example.com/x") is None and normalize_url("mailto:a@b.c") is None


def test_rel_canonical_identifies_the_article_on_its_own_site_only():
    page = html_page("T", ["Body."], canonical="/story/1?utm_medium=social")
    assert canonical_url("https://www.paper.example/amp/story/1", page.decode()) == (
        "https://www.paper.example/story/1",
        None,
    )
    # a syndicated copy naming the original publisher stays an article of the outlet that carries it
    copy = html_page("T", ["Body."], canonical="https://wire.example/story/1")
    assert canonical_url("https://paper.example/world/story-1", copy.decode()) == (
        "https://paper.example/world/story-1",
        "https://wire.example/story/1",
    )
    real = corpus_page(0).decode("utf-8", "replace")  # a real page whose canonical points to its publisher
    url, cross = canonical_url("http://127.0.0.1:8000/a.html", real)
    assert url == "http://127.0.0.1:8000/a.html" and cross and cross.startswith("https://")


def test_non_public_addresses_are_recognised():
    for address in (
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.1",
        "172.16.5.5",
        "169.254.169.254",
        "100.64.0.1",
        "::1",
        "fe80::1",
        "0.0.0.0",
        "::ffff:127.0.0.1",
        "224.0.0.1",
    ):
        assert not is_public_ip(address), address
    assert is_public_ip("93.184.215.14") and is_public_ip("2606:4700::1111")


def test_retry_after_and_capped_inflation():
    assert parse_retry_after("120") == 120
    later = (datetime.now(UTC) + timedelta(seconds=30)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert 25 <= parse_retry_after(later) <= 31
    assert parse_retry_after("soon") is None
    bomb = gzip.compress(b"\0" * 5_000_000)
    assert len(inflate(bomb, "gzip", 6_000_000)) == 5_000_000
    with pytest.raises(Exception, match="exceeds max_bytes"):
        inflate(bomb, "gzip", 1_000_000)
    assert "stancewatch/" in user_agent("ops@example.org") and "ops@example.org" in user_agent("ops@example.org")


# --- feeds and sitemaps ----------------------------------------------------------------------------------------------


def test_feeds_yield_links_with_dates():
    found = parse_feed(
        rss(
            [
                ("One", "http://127.0.0.1:1/a.html", "Tue, 02 Jan 2024 10:00:00 GMT"),
                ("Two", "/b.html", "Wed, 03 Jan 2024 10:00:00 +0100"),
            ]
        ),
        "http://127.0.0.1:1/feed.xml",
    )
    assert [f.url for f in found] == ["http://127.0.0.1:1/a.html", "http://127.0.0.1:1/b.html"]
    assert found[0].published_at == datetime(2024, 1, 2, 10, tzinfo=UTC)
    assert found[1].published_at == datetime(2024, 1, 3, 9, tzinfo=UTC) and found[0].title == "One"


def test_sitemap_index_news_sitemap_gzip_and_text_sitemaps():
    index = parse_sitemap(sitemap_index(["http://h/news.xml", "http://h/more.xml.gz"]), "http://h/index.xml")
    assert index.sitemaps == ["http://h/news.xml", "http://h/more.xml.gz"] and not index.urls
    news = news_sitemap([("http://h/a", "2024-05-01T10:00:00+02:00", "Talks resume")])
    for body in (news, gzip.compress(news)):
        parsed = parse_sitemap(body, "http://h/news.xml")
        assert [(u.url, u.published_at, u.title) for u in parsed.urls] == [
            ("http://h/a", datetime(2024, 5, 1, 8, tzinfo=UTC), "Talks resume")
        ]
    assert [u.url for u in parse_sitemap(b"http://h/1\nnot a url\nhttps://h/2\n", "http://h/s.txt").urls] == [
        "http://h/1",
        "https://h/2",
    ]
    entity_bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><urlset><url><loc>&a;</loc></url></urlset>'
    )
    assert all("aaaaaaaaaa" not in u.url for u in parse_sitemap(entity_bomb, "http://h/s.xml").urls)


# --- WARC files as a raw format --------------------------------------------------------------------------------------


def write_test_warc(path: Path, page: bytes, url: str = "https://news.example/world/story-1?utm_source=x") -> None:
    """A WARC (gzip) as a crawler writes it: warcinfo, request + HTML response, a JSON response, an image response,
    a 404 HTML response, and a revisit of the page."""
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True, warc_version="1.1")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))

        def response(target, status, ctype, body, extra=()):
            headers = StatusAndHeaders(status, [("Content-Type", ctype), *extra], protocol="HTTP/1.1")
            return writer.create_warc_record(
                target,
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-05-01T10:00:00Z"},
            )

        req = writer.create_warc_record(
            url,
            "request",
            payload=BytesIO(b""),
            length=0,
            http_headers=StatusAndHeaders(
                "GET /world/story-1 HTTP/1.1", [("Host", "news.example")], is_http_request=True
            ),
        )
        page_record = response(
            url, "200 OK", "text/html; charset=utf-8", gzip.compress(page), [("Content-Encoding", "gzip")]
        )
        writer.write_request_response_pair(req, page_record)
        writer.write_record(
            response(
                "https://news.example/api/story.json",
                "200 OK",
                "application/json",
                b'{"headline": "not an article page"}',
            )
        )
        writer.write_record(response("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"))
        writer.write_record(
            response(
                "https://news.example/gone", "404 Not Found", "text/html", b"<html><body><p>Gone</p></body></html>"
            )
        )
        revisit = writer.create_revisit_record(
            url,
            digest=page_record.rec_headers.get_header("WARC-Payload-Digest"),
            refers_to_uri=url,
            refers_to_date="2024-05-01T10:00:00Z",
        )
        writer.write_record(revisit)


def test_a_warc_file_lands_its_html_responses_only(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    page = corpus_page(1)
    write_test_warc(raw / "crawl.warc.gz", page)
    docs = list(read_documents(raw))
    assert len(docs) == 1
    doc = docs[0]
    assert (doc.format, doc.source, doc.line_number, doc.read_error) == ("warc", "crawl.warc.gz", 2, None)
    record = json.loads(doc.content)
    assert record["url"] == "https://news.example/world/story-1"  # canonical: tracking parameter dropped
    assert record["final_url"] == "https://news.example/world/story-1?utm_source=x"
    assert record["fetched_at"] == "2024-05-01T10:00:00Z" and record["status"] == 200
    assert record["html"] == page.decode("utf-8")  # Content-Encoding undone, charset honoured
    article = clean_document(doc)
    assert isinstance(article, Article)
    assert article.url == "https://news.example/world/story-1" and article.source_domain == "news.example"
    assert article.word_count > 100 and json.loads(article.extra)["fetched_at"] == "2024-05-01T10:00:00Z"


def test_an_uncompressed_warc_and_unusable_warcs_become_rejects(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    write_test_warc(tmp_path / "crawl.warc.gz", corpus_page(2))
    (raw / "plain.warc").write_bytes(gzip.decompress((tmp_path / "crawl.warc.gz").read_bytes()))
    with open(raw / "images.warc.gz", "wb") as f:
        writer = WARCWriter(f, gzip=True)
        writer.write_record(
            writer.create_warc_record(
                "https://x.example/a.png",
                "response",
                payload=BytesIO(b"png"),
                length=3,
                http_headers=StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1"),
            )
        )
    (raw / "broken.warc").write_bytes(b"\x00\x01garbage" * 100)
    docs = {d.source: d for d in read_documents(raw)}
    assert docs["plain.warc"].read_error is None and json.loads(docs["plain.warc"].content)["url"]
    assert docs["images.warc.gz"].read_error == "no_html_records"
    assert "non-HTML" in docs["images.warc.gz"].read_detail
    assert docs["broken.warc"].read_error == "unreadable_warc"
    assert isinstance(clean_document(docs["broken.warc"]), Reject)


def test_fetch_logs_are_not_documents(tmp_path):
    (tmp_path / "web" / "_fetch_log").mkdir(parents=True)
    (tmp_path / "web" / "_fetch_log" / "20240101T000000Z-abc.fetchlog.jsonl").write_text('{"attempt_id": "1"}\n')
    (tmp_path / "a.txt").write_text("Title\nBody")
    assert [p.name for p in raw_files(tmp_path)] == ["a.txt"]


# --- dedup ------------------------------------------------------------------------------------------------------------


def _body(page: bytes) -> str:
    return trafilatura.extract(page.decode("utf-8", "replace"))


def test_wire_copies_with_different_boilerplate_pair_and_other_stories_do_not():
    story = NEWS[0]["text"]
    wire = "WASHINGTON (Wire) — " + story + "\n\nReporting by the Wire desk; editing by the night editor."
    paper = "Advertisement\n\n" + story + "\n\nRead more: ten things to know today\n\nShare on social media"
    texts = {
        "wire": wire,
        "paper": paper,
        **{f"news{i}": r["text"] for i, r in enumerate(NEWS[1:], 1)},
        **{f"page{i}": _body(corpus_page(i)) for i in range(4)},
    }
    pairs = dedup.near_pairs(texts)
    assert [(a, b) for a, b, _ in pairs] == [("paper", "wire")]
    assert pairs[0][2] >= 0.8


def test_the_dedup_stage_pairs_exact_and_near_copies_whatever_the_load_order(tmp_path):
    story = NEWS[1]["text"]
    copies = [
        ("https://wire.example/s", story),
        ("https://paper.example/s", "Subscribe now.\n\n" + story),
        ("https://mirror.example/s", story),
    ]
    others = [(r["url"], r["text"]) for r in NEWS[2:]]

    def pairs_after(order):
        con = warehouse.connect(tmp_path / f"{order[0][0][8:12]}-{len(order)}.duckdb")
        warehouse.ensure_landing(con)
        for i, (url, text) in enumerate(order):  # one article per batch: later ones meet earlier ones
            con.execute(
                "insert into landing.articles (article_id, document_id, url, text, word_count, text_hash, "
                "extractor, cleaned_at) values (?, ?, ?, ?, ?, md5(?), 'test', now())",
                [url[8:20], f"d{i}", url, text, len(text.split()), text],
            )
            dedup.run(con)
        found = con.execute(
            "select article_id, duplicate_article_id, method from landing.duplicate_pairs order by 1, 2"
        ).fetchall()
        again = dedup.run(con)  # a rerun adds nothing
        assert again.counts["signed"] == 0 and again.counts["new_near_pairs"] == 0
        con.close()
        return found

    forward = pairs_after(copies + others)
    assert forward == pairs_after(list(reversed(others + copies)))
    assert {(a, b): m for a, b, m in forward} == {
        ("mirror.examp", "paper.exampl"): "near",
        ("mirror.examp", "wire.example"): "exact",
        ("paper.exampl", "wire.example"): "near",
    }
