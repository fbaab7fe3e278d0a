"""End to end: `stancewatch fetch` lands pages from a local server (one story on two hosts with different page
boilerplate, plus real pages), a WARC file from a crawler sits next to them, and `stancewatch run` turns it all into
marts: URL identity, landing.fetch_log, and the two copies as one cluster counted once with two outlets."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb
import pytest

from pipelines.lib.fetch.landing import log_files, read_log
from tests.conftest import FIXTURES, STANCEWATCH, built_once, cli_env, run_cli
from tests.unit.test_fetch import write_test_warc
from tests.web_site import LocalSite, Reply, corpus_page, html_page

pytestmark = pytest.mark.slow

STORY = json.loads((FIXTURES / "news.jsonl").read_text(encoding="utf-8").splitlines()[0])

WIRE_BOILERPLATE = (
    '<header><nav><a href="/">Wire Home</a> <a href="/world">World</a> <a href="/markets">Markets</a></nav></header>'
)
PAPER_BOILERPLATE = (
    '<div class="cookie-banner"><p>We use cookies to improve your experience. Accept all?</p></div>'
    '<nav><ul><li><a href="/">The Daily Paper</a></li><li><a href="/sport">Sport</a></li>'
    '<li><a href="/opinion">Opinion</a></li></ul></nav>'
    '<aside><h3>Most read</h3><ul><li><a href="/x">Ten recipes for summer</a></li>'
    '<li><a href="/y">Local team wins the cup</a></li></ul></aside>'
)


def story_page(
    boilerplate: str, published: str, canonical: str | None = None, footer: str = "", lead: str = "", tail: str = ""
) -> bytes:
    """The story's real paragraphs in a page of its own: boilerplate around it, and the copy's own dateline and
    closing line inside the article (as syndicated wire copy has)."""
    paragraphs = [p for p in STORY["text"].split("\n") if p.strip()]
    paragraphs = [lead + paragraphs[0], *paragraphs[1:], tail]
    page = html_page(STORY["title"], paragraphs, boilerplate, canonical).decode()
    meta = f'<meta property="article:published_time" content="{published}">'
    page = page.replace("</head>", meta + "</head>").replace("</body>", f"<footer>{footer}</footer></body>")
    return page.encode()


@pytest.fixture(scope="module")
def web_run(tmp_path_factory):
    """Fetch and run once for all workers (the tests only read the warehouse)."""
    tmp, done = built_once(tmp_path_factory, "web_run", fetch_and_run)
    return {
        "raw": tmp / "raw",
        "fetch": subprocess.CompletedProcess(*done["fetch"]),
        "run": subprocess.CompletedProcess(*done["run"]),
        "warehouse": tmp / "warehouse" / "w.duckdb",
        "wire_url": done["wire_url"],
        "paper_url": done["paper_url"],
    }


def fetch_and_run(tmp: Path) -> dict:
    raw = tmp / "raw"
    raw.mkdir()
    write_test_warc(raw / "crawl.warc.gz", corpus_page(10))
    with LocalSite() as site:
        wire_url = site.url("/wire/iran-story.html")
        paper_url = site.url("/world/2024/05/06/iran-story.html", host="localhost")
        site.routes.update(
            {
                "/robots.txt": Reply(200, b"User-agent: *\nDisallow: /admin/\n", content_type="text/plain"),
                "/wire/iran-story.html": Reply(
                    200,
                    story_page(
                        WIRE_BOILERPLATE,
                        "2024-05-05T08:00:00Z",
                        footer="(c) Wire Services. All rights reserved.",
                        lead="WASHINGTON (Wire Services) - ",
                        tail="Reporting by the Wire Services Washington bureau; editing by the world desk.",
                    ),
                ),
                "/world/2024/05/06/iran-story.html": Reply(
                    200,
                    story_page(
                        PAPER_BOILERPLATE,
                        "2024-05-06T12:00:00Z",
                        canonical=wire_url,
                        footer="The Daily Paper, 1 High Street. Subscribe for 1 a week. Comments are closed.",
                        tail="This story was first published by Wire Services and is republished here with permission.",
                    ),
                ),
                "/pages/one.html": Reply(200, corpus_page(11)),
                "/pages/two.html": Reply(200, corpus_page(12)),
            }
        )
        (tmp / "urls.txt").write_text(
            "\n".join(
                [
                    wire_url,
                    paper_url + "?utm_source=twitter&utm_medium=social",
                    site.url("/pages/one.html"),
                    site.url("/pages/two.html"),
                    site.url("/admin/hidden.html"),
                ]
            )
            + "\n"
        )
        fetch = subprocess.run(
            [
                STANCEWATCH,
                "fetch",
                "--urls",
                str(tmp / "urls.txt"),
                "--raw-dir",
                str(raw),
                "--allow-private-addresses",
                "--rate",
                "20",
                "--concurrency",
                "2",
            ],
            env=cli_env(tmp),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert fetch.returncode == 0, fetch.stderr
        assert not [r for r in site.requests if r.path.startswith("/admin/")]
    warehouse = tmp / "warehouse" / "w.duckdb"
    run = run_cli(tmp, raw, warehouse)
    if run.returncode != 0:
        print(run.stdout[-5000:], run.stderr[-5000:])
    return {
        "fetch": [fetch.args, fetch.returncode, fetch.stdout, fetch.stderr],
        "run": [run.args, run.returncode, run.stdout, run.stderr],
        "wire_url": wire_url,
        "paper_url": paper_url,
    }


@pytest.fixture()
def con(web_run):
    con = duckdb.connect(str(web_run["warehouse"]), read_only=True)
    yield con
    con.close()


def test_run_processes_fetched_pages_and_the_warc_with_dbt_and_checks_green(web_run):
    assert "4 pages landed" in web_run["fetch"].stdout and "robots_disallowed 1" in web_run["fetch"].stdout
    run = web_run["run"]
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "0 failed" in run.stdout


def test_fetched_articles_are_identified_by_their_canonical_url(web_run, con):
    urls = {u for (u,) in con.execute("select url from marts.fct_articles").fetchall()}
    assert web_run["wire_url"] in urls and web_run["paper_url"] in urls  # utm_* dropped; cross-site canonical ignored
    assert "https://news.example/world/story-1" in urls  # the WARC's HTML response; its JSON, image, 404, revisit not
    assert con.execute("select count(*) from marts.fct_articles").fetchone()[0] == 5
    assert con.execute("select count(*) from marts.rejects").fetchone()[0] == 0


def test_the_fetch_log_is_in_the_warehouse(web_run, con):
    lines = sum(1 for path in log_files(web_run["raw"]) for _ in read_log(path))
    assert con.execute("select count(*) from landing.fetch_log").fetchone()[0] == lines
    outcomes = dict(
        con.execute(
            "select outcome, count(*) from landing.fetch_log where final and kind = 'page' group by 1"
        ).fetchall()
    )
    assert outcomes == {"landed": 4, "robots_disallowed": 1}


def test_two_copies_on_two_hosts_are_one_cluster_counted_once_with_two_outlets(web_run, con):
    rows = con.execute(
        """select url, source_domain, cluster_id, duplicate_of, duplicate_method, cluster_size,
                                 outlet_count, article_id
                          from marts.fct_articles where url in (?, ?) order by published_at""",
        [web_run["wire_url"], web_run["paper_url"]],
    ).fetchall()
    (
        (wire, wire_domain, wire_cluster, wire_dup, _, size, outlets, wire_id),
        (paper, paper_domain, paper_cluster, paper_dup, method, _, _, _),
    ) = rows
    assert (wire, paper) == (web_run["wire_url"], web_run["paper_url"])
    dates = con.execute(
        "select count(distinct published_at) from marts.fct_articles where url in (?, ?)", [wire, paper]
    ).fetchone()[0]
    assert dates == 2  # the page dates were extracted, so which copy came first is not a tie
    assert {wire_domain, paper_domain} == {"127.0.0.1", "localhost"}
    assert wire_cluster == paper_cluster == wire_id  # the earlier copy (a day before) heads the cluster
    assert wire_dup is None and paper_dup == wire_id and method == "near"
    assert (size, outlets) == (2, 2)
    singles = con.execute(
        "select count(*) from marts.fct_articles where cluster_size = 1 and duplicate_of is null"
    ).fetchone()[0]
    assert singles == 3

    claims = con.execute("select count(*) from marts.fct_claims where cluster_id = ?", [wire_id]).fetchone()[0]
    clustered = con.execute(
        """select count(*), max(outlet_count), max(article_count), sum(claim_count)
                               from marts.claim_clusters where cluster_id = ?""",
        [wire_id],
    ).fetchone()
    assert claims > 0 and clustered[3] == claims
    assert clustered[0] < claims and clustered[1] == 2 and clustered[2] == 2  # counted once, carried by 2 outlets
    stances = con.execute(
        "select count(*), max(outlet_count) from marts.stance_clusters where cluster_id = ?", [wire_id]
    ).fetchone()
    if stances[0]:
        assert stances[1] == 2
