"""`make bi`: the Evidence site in bi/ is built from a warehouse's serving DuckDB file without network access, and its
pages render real rows of the marts in headless Chromium, served from a local HTTP server on 127.0.0.1 with every
other host unresolvable (so a page that needed anything from the network would miss it).

The build is what `make bi` runs (its npm installation target, then bi/build.sh on the serving file), on a copy of
the project so that bi/build of the checkout is left alone; node_modules is the checkout's. It takes about 1.5-2 min
here (plus `npm ci`, about 1 min, the first time)."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from lxml import html as lxml_html

from tests.conftest import ROOT, built_once
from tests.integration.test_report import ARTIFACTS, CHROMIUM, OFFLINE_FLAGS, without_network

pytestmark = pytest.mark.slow

BI = ROOT / "bi"
LOCAL_ONLY = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


def copy_project(dest: Path) -> None:
    """The Evidence project without its installation and build output; node_modules linked to the checkout's."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        skip = {"node_modules", "build"} if Path(directory) == BI else set()
        if Path(directory) == BI / ".evidence":
            skip |= {"template", "meta"}
        return skip & set(names)

    shutil.copytree(BI, dest, ignore=ignore)
    (dest / "node_modules").symlink_to(BI / "node_modules")


def normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    requested: list[str] = []

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        QuietHandler.requested.append(self.path)


class LocalServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # Chromium closing at the end of its time budget
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def bi_site(pipeline_run, tmp_path_factory):
    """The site built once for all workers (the tests only read it)."""
    result, warehouse, _ = pipeline_run
    assert result.returncode == 0
    serving = warehouse.parent / "serving.duckdb"
    assert serving.is_file()

    def build(folder: Path) -> dict:
        install = subprocess.run(
            ["make", "-C", str(ROOT), "--no-print-directory", "bi/node_modules/.installed-stamp"],
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
        project = folder / "bi"
        copy_project(project)
        started = time.monotonic()
        # no network at all when allowed (a network namespace of its own): the build must not need any
        build = subprocess.run(
            [*without_network(), "bash", str(project / "build.sh"), str(serving)],
            capture_output=True,
            text=True,
            timeout=900,
        )
        seconds = time.monotonic() - started
        assert build.returncode == 0, build.stdout[-5000:] + build.stderr[-5000:]
        print(f"bi build: {seconds:.0f} s")
        return {"stdout": build.stdout}

    folder, done = built_once(tmp_path_factory, "bi_site", build)
    site = folder / "bi" / "build"
    assert (site / "index.html").is_file() and (site / "stance-changes" / "index.html").is_file()
    return site, serving, done["stdout"]


@pytest.fixture(scope="module")
def served(bi_site):
    site, _, _ = bi_site
    handler = functools.partial(QuietHandler, directory=str(site))
    server = LocalServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def chromium(url: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: `make test` installs it (apt-get install -y chromium)")
    command = [
        CHROMIUM,
        *OFFLINE_FLAGS,
        *LOCAL_ONLY,
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=15000",
        *args,
        url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


def render(url: str, profile: Path):
    dumped = chromium(url, profile, "--dump-dom")
    assert dumped.returncode == 0, dumped.stderr[-3000:]
    console = [line for line in dumped.stderr.splitlines() if ":CONSOLE" in line]
    # a query that failed in the browser, or a file it could not load (another host, a missing file)
    problems = [line for line in console if re.search(r"Error in Query|Failed to load|ERR_|Uncaught", line)]
    assert not problems, problems
    return lxml_html.fromstring(dumped.stdout)


def screenshot(url: str, profile: Path, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / name
    shot.unlink(missing_ok=True)
    taken = chromium(url, profile, f"--screenshot={shot}", "--window-size=1300,2400")
    assert taken.returncode == 0, taken.stderr[-3000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 30_000
    print(f"bi screenshot: {shot}")
    return shot


def test_the_build_reads_the_publication_of_the_serving_file(bi_site, served, tmp_path):
    _, serving, output = bi_site
    con = duckdb.connect(str(serving), read_only=True)
    try:
        version, claims = con.execute(
            "select version, row_count from publication where table_name = 'marts.fct_claims'"
        ).fetchone()
    finally:
        con.close()
    assert f"from publication {version}" in output
    assert str(serving.resolve()) in output  # the link resolved once, to that version's file

    dom = render(served + "/", tmp_path / "profile")
    text = normalized(dom.text_content())
    assert version in text and f"{claims:,}" in text


def test_the_stance_changes_page_shows_each_change_with_its_evidence(bi_site, served, tmp_path):
    _, serving, _ = bi_site
    con = duckdb.connect(str(serving), read_only=True)
    try:
        changes = con.execute("""
            select sc.stance_change_id, a.name, sc.from_evidence, sc.to_evidence,
                   sc.from_evidence_ids || sc.to_evidence_ids
            from marts.fct_stance_changes sc join marts.dim_actors a on a.actor_id = sc.holder_actor_id""").fetchall()
    finally:
        con.close()
    assert changes, "the fixture warehouse has a stance change (if not, this page shows nothing to check)"

    dom = render(served + "/stance-changes/", tmp_path / "profile-dom")
    table = normalized(" ".join(dom.xpath("//div[@class='stance-changes']//table")[0].itertext()))
    sections = dom.xpath("//section[@class='stance-change']")
    assert len(sections) == len(changes)
    for change_id, holder, from_evidence, to_evidence, evidence_ids in changes:
        assert holder in table
        [section] = dom.xpath(f"//section[@data-stance-change-id='{change_id}']")
        text = normalized(section.text_content())
        assert holder in text
        assert normalized(from_evidence) in text and normalized(to_evidence) in text
        assert section.xpath(".//li/@data-stance-id") == list(evidence_ids)  # every observation, oldest first

    screenshot(served + "/stance-changes/", tmp_path / "profile-shot", "bi-stance-changes.png")


def test_the_claims_page_ranks_speakers_and_lists_the_top_speakers_claims(bi_site, served, tmp_path):
    _, serving, _ = bi_site
    con = duckdb.connect(str(serving), read_only=True)
    try:
        speaker, count, key = con.execute("""
            select min(coalesce(a.name, c.speaker_text)) as speaker, count(*) as n,
                   coalesce('actor:' || c.speaker_actor_id, 'text:' || lower(trim(c.speaker_text))) as speaker_key
            from marts.fct_claims c left join marts.dim_actors a on a.actor_id = c.speaker_actor_id
            group by speaker_key order by n desc, speaker limit 1""").fetchone()
        first_claim = con.execute(
            """
            select claim_text from marts.fct_claims
            where coalesce('actor:' || speaker_actor_id, 'text:' || lower(trim(speaker_text))) = ?
            order by published_at::date, claim_id limit 1""",
            [key],
        ).fetchone()[0]
        undated, from_1970 = con.execute("""select count(*) filter (where published_at is null),
            count(*) filter (where year(published_at) = 1970) from marts.fct_claims""").fetchone()
    finally:
        con.close()

    dom = render(served + "/claims-by-speaker/", tmp_path / "profile-dom")
    speakers = dom.xpath("//div[@class='speakers']//table")[0]
    speaker_claims = dom.xpath("//div[@class='speaker-claims']//table")[0]
    first_row = [normalized(cell.text_content()) for cell in speakers.xpath(".//tr[td]")[0].xpath("./td")]
    assert first_row[0] == speaker and first_row[2] == f"{count:,}"
    assert normalized(first_claim) in normalized(speaker_claims.text_content())  # the dropdown's default speaker
    assert undated and not from_1970 and "1970-" not in normalized(speakers.text_content())  # undated stay blank

    screenshot(served + "/claims-by-speaker/", tmp_path / "profile-shot", "bi-claims-by-speaker.png")
    assert any(path.endswith(".wasm") for path in QuietHandler.requested)  # DuckDB-Wasm from 127.0.0.1


def test_make_bi_without_a_serving_file_is_one_line_naming_it(tmp_path):
    missing = tmp_path / "w.duckdb"
    result = subprocess.run(
        ["make", "-C", str(ROOT), "--no-print-directory", "bi", f"WAREHOUSE={missing}"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    # one error line (make's own "*** Error" line aside; a first `make setup` may print pip's warnings before it)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr[-3000:]
    assert errors[0].startswith(f"error: no serving file at {tmp_path / 'serving.duckdb'}: run `make run` first")
    assert "Traceback" not in result.stderr
