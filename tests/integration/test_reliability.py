"""Bad input, kill -9 at several points, and a second writer: nothing is lost, nothing is duplicated.

Every run here is a real `stancewatch run` subprocess on real article text (the demo corpus) plus broken files."""

import gzip
import json
import os
import shutil
import signal
import subprocess
import threading
import time
import zlib
from pathlib import Path

import duckdb
import pytest

from tests.conftest import CONTRACT_MARTS, ROOT, STANCEWATCH, built_once, cli_env, run_cli

pytestmark = pytest.mark.slow

DEMO = ROOT / "raw" / "news" / "middle_east_iran_sample.jsonl.gz"
VOLATILE = {"cleaned_at", "rejected_at", "loaded_at", "extracted_at"}


def demo_records(n: int, paragraphs: int = 2) -> list[dict]:
    """n real article records from the demo corpus, cut to their first paragraphs (fast to parse)."""
    out = []
    with gzip.open(DEMO, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            r["text"] = "\n\n".join(r["text"].split("\n\n")[:paragraphs])
            out.append(r)
            if len(out) == n:
                break
    return out


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def bad_corpus(raw: Path) -> dict[str, str]:
    """The broken inputs of issue 5 -> the reject reason each must get."""
    bad = raw / "bad"
    bad.mkdir(parents=True)
    page = gzip.compress(b"<html><body><article><p>" + b"A sentence of text. " * 3000 + b"</p></article></body></html>")
    (bad / "truncated.html.gz").write_bytes(page[: len(page) // 3])
    (bad / "picture.html").write_bytes(bytes.fromhex("89504e470d0a1a0a0000000d49484452") + os.urandom(200))
    (bad / "empty.html").write_bytes(b"")
    (bad / "huge.html").write_bytes(b"<html><body>" + b"<p>word word word word</p>" * 1_300_000 + b"</body></html>")
    (bad / "whitespace.txt").write_text(" \n\t\n   \n", encoding="utf-8")
    (bad / "login.html").write_text(
        "<html><head><title>Sign in</title></head><body><form action='/login' method='post'>"
        "<input name='user'><input name='password' type='password'><button>Log in</button></form></body></html>",
        encoding="utf-8",
    )
    lines = [
        '{"title": "cut off", "text": "no end',
        json.dumps({"title": "Only a title"}),
        json.dumps({"title": "Wrong type", "text": ["a", "list"]}),
        json.dumps({"title": "Huge", "text": "x" * (10 * 1024 * 1024)}),
        "[1, 2, 3]",
    ]
    (bad / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {
        "bad/truncated.html.gz": "unreadable_gzip",
        "bad/picture.html": "not_html",
        "bad/empty.html": "empty_file",
        "bad/huge.html": "too_large",
        "bad/whitespace.txt": "empty_text",
        "bad/login.html": "no_article",
        "bad/records.jsonl:1": "malformed_json",
        "bad/records.jsonl:2": "missing_text",
        "bad/records.jsonl:3": "bad_field_type",
        "bad/records.jsonl:4": "too_large",
        "bad/records.jsonl:5": "malformed_json",
        "good/records.jsonl:101": "duplicate",
    }


def soft_inputs(raw: Path) -> None:
    """Inputs that are odd but still articles: kept, flagged."""
    soft = raw / "soft"
    soft.mkdir()
    (soft / "cp1252.html").write_bytes(
        "<html><head><title>Caf\u00e9 talks</title></head><body><article><p>The caf\u00e9 owner said the "
        "negotiations in Vienna would resume next week, according to diplomats who attended the session.</p>"
        "</article></body></html>".encode("cp1252")
    )
    (soft / "invalid-utf8.txt").write_bytes(b"A title\n\nIran said the talks \xff\xfe would continue on Monday.")
    records = [
        {
            "title": "Zukunft",
            "text": "Die Regierung in Berlin hat am Montag erkl\u00e4rt, dass die Gespr\u00e4che "
            "\u00fcber das Abkommen fortgesetzt werden sollen, sagte ein Sprecher.",
        },
        {"title": "From the future", "published_at": "2099-01-01", "text": "Iran said it would sign the deal."},
        {"title": "From the past", "published_at": "1492-10-12", "text": "Spain said it had reached land."},
        {"title": "'); drop table landing.articles; --", "text": "Iraq said the border was open again."},
        {"title": "Path", "url": "../../../../etc/passwd", "text": "Israel said the plan was dead."},
    ]
    write_jsonl(soft / "records.jsonl", records)


def _checksums(warehouse: Path) -> dict[str, tuple[int, str]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        sums = {}
        for mart in CONTRACT_MARTS:
            cols = [
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns where table_schema = 'marts' "
                    "and table_name = ? order by ordinal_position",
                    [mart],
                ).fetchall()
                if c not in VOLATILE
            ]
            row = ", ".join(f"coalesce(cast(\"{c}\" as varchar), '\u2205')" for c in cols)
            sums[mart] = con.execute(
                f"select count(*), coalesce(md5(string_agg(r, '|' order by r)), '') "
                f"from (select concat_ws('\u241f', {row}) as r from marts.{mart})"
            ).fetchone()
        return sums
    finally:
        con.close()


def _kill_when(tmp: Path, raw: Path, warehouse: Path, marker: str, timeout: float = 300) -> str:
    """Start a run and kill -9 it as soon as `marker` appears in its output; returns the output so far."""
    # verbose: dbt's per-node lines are printed (the summary alone would hide the dbt marker)
    env = cli_env(tmp) | {"STANCEWATCH_BATCH_SIZE": "4", "STANCEWATCH_VERBOSE": "1"}
    proc = subprocess.Popen(
        [STANCEWATCH, "run", "--raw-dir", str(raw), "--warehouse", str(warehouse)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp,
        start_new_session=True,
    )
    seen = []
    deadline = time.time() + timeout
    for line in proc.stdout:
        seen.append(line)
        if marker in line or time.time() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    output = "".join(seen)
    assert marker in output, f"never reached {marker!r}:\n{output[-3000:]}"
    assert proc.returncode == -signal.SIGKILL
    return output


@pytest.fixture(scope="module")
def crash_corpus(tmp_path_factory):
    """The raw dir of the kill tests and the checksums of a clean run over it, once for all workers."""

    def build(folder: Path) -> dict:
        raw, tmp = folder / "raw", folder / "clean_run"
        raw.mkdir()
        tmp.mkdir()
        # 100 records: the kill points below (64 documents read, 24 articles extracted) stay mid-way
        records = demo_records(100, paragraphs=2)
        write_jsonl(raw / "a.jsonl", records[:50])
        with gzip.open(raw / "b.jsonl.gz", "wt", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records[50:])
        (raw / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n")
        clean, second = run_with_a_second_writer(tmp, raw, tmp / "w.duckdb")
        assert clean.returncode == 0, clean.stdout[-3000:]
        con = duckdb.connect(str(tmp / "w.duckdb"), read_only=True)
        articles = con.sql("select count(*) from marts.fct_articles").fetchone()[0]
        con.close()
        return {
            "sums": _checksums(tmp / "w.duckdb"),
            "second_writer": [second.returncode, second.stderr],
            "articles": articles,
        }

    folder, done = built_once(tmp_path_factory, "crash_corpus", build)
    return folder / "raw", {mart: tuple(value) for mart, value in done["sums"].items()}, done


def run_with_a_second_writer(
    tmp: Path, raw: Path, warehouse: Path
) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    """A run, and a second `stancewatch run` on the same warehouse started while the first holds its lock (with a
    lock timeout of 1 s); returns both completed processes."""
    env = cli_env(tmp)
    command = [STANCEWATCH, "run", "--raw-dir", str(raw), "--warehouse", str(warehouse)]
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp)
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(first.stdout), daemon=True)
    reader.start()
    while not (Path(str(warehouse) + ".lock").exists() and warehouse.exists()) and first.poll() is None:
        time.sleep(0.2)
    second = subprocess.run(
        command,
        env=env | {"STANCEWATCH_LOCK_TIMEOUT": "1"},
        capture_output=True,
        text=True,
        cwd=tmp,
        timeout=300,
    )
    first.wait(timeout=600)
    reader.join(timeout=10)
    return subprocess.CompletedProcess(command, first.returncode, "".join(lines), ""), second


# Mid-way through landing, extraction and dbt: each point is reached by a run that resumes the one killed before it
# (a run after a crash is also the run that can crash next), and one rerun after the last gives the clean marts.
KILL_POINTS = [
    "ingest: 64 documents read",  # landing, mid-way through the documents
    "done, 24 articles (",  # extraction, a few shards finished
    "START sql table model marts",  # dbt, while mart tables are being built
]


def _extracted_twice(warehouse: Path) -> int:
    """Extraction rows loaded more than once (the landing tables without a primary key) in what a killed run left."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.sql(
            "select (select count(*) - count(distinct (article_id, mention_index)) from landing.mentions)"
            " + (select count(*) - count(distinct (article_id, claim_index)) from landing.claims)"
            " + (select count(*) - count(distinct (article_id, stance_index)) from landing.stance_observations)"
        ).fetchone()[0]
    finally:
        con.close()


def test_kill_9_at_each_stage_then_a_rerun_gives_the_marts_of_a_clean_run(tmp_path, crash_corpus):
    raw, clean_sums, _ = crash_corpus
    warehouse = tmp_path / "w.duckdb"
    for marker in KILL_POINTS:
        _kill_when(tmp_path, raw, warehouse, marker)
        assert _extracted_twice(warehouse) == 0, marker

    rerun = run_cli(tmp_path, raw, warehouse)

    assert rerun.returncode == 0, rerun.stdout[-3000:] + rerun.stderr[-3000:]
    assert _checksums(warehouse) == clean_sums


def test_a_second_writer_waits_then_exits_with_a_clear_message(crash_corpus):
    """A second run on the warehouse of a run in progress (the kill tests' clean run, started in crash_corpus)
    waits for the lock, then exits 3 naming the writer; the first run is not disturbed."""
    _, _, done = crash_corpus
    code, stderr = done["second_writer"]
    assert code == 3
    assert "is being written by pid" in stderr
    assert done["articles"] == 100  # the first run succeeded (crash_corpus checked its exit code) with every article


# --- issue 14 ------------------------------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A real 3 MB file system (tmpfs); needs root (mount), else the test is skipped."""
    disk = tmp_path / "small_disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3M", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode()[:200]}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk_is_one_line_naming_the_disk_and_the_path(tmp_path, small_disk):
    raw = tmp_path / "raw"
    raw.mkdir()
    write_jsonl(raw / "r.jsonl", demo_records(300, paragraphs=6))

    result = run_cli(tmp_path, raw, small_disk / "w.duckdb")

    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"error: the disk is full: no space left on {small_disk} ("), last
    assert f"while writing {small_disk}/" in last
    assert "different configuration" not in result.stdout + result.stderr


def _without_root_override() -> list[str]:
    """A command prefix under which root cannot bypass file permissions (so chmod 000 means unreadable)."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: chmod 000 cannot be tested")
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]


PASSWORD = "Zq7-s3cret-pw"


def _gunzip(data: bytes) -> bytes:
    """Every member of a gzip file (a WARC has one per record), or as much as a truncated one holds."""
    try:
        return gzip.decompress(data)
    except (EOFError, OSError, zlib.error):
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """One real run over a raw dir holding every kind of bad input at once (issues 5 and 14): broken files, odd but
    valid articles, a symlink to a password-like file outside the raw dir, a symlink inside it, an unreadable file, a
    page fetched with credentials in its URL; the warehouse in a folder with a quote in its name. Built once for all
    workers; returns (raw dir, warehouse, completed run, expected rejects, good records, fetched page's URL)."""
    from pipelines.lib.fetch.run import fetch_sources
    from pipelines.lib.fetch.sources import adhoc_sources
    from tests.web_site import LocalSite, Reply, corpus_page

    prefix = _without_root_override()

    def build(tmp: Path) -> dict:
        raw, outside = tmp / "raw", tmp / "outside"
        (raw / "good").mkdir(parents=True)
        outside.mkdir()
        records = demo_records(102, paragraphs=1)
        good = records[:100]
        write_jsonl(raw / "good" / "records.jsonl", good + [good[0]])  # the last line repeats the first record
        expected = bad_corpus(raw)
        soft_inputs(raw)
        (outside / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin\n")
        (raw / "passwd.txt").symlink_to(outside / "passwd")
        (raw / "same.jsonl").symlink_to("good/records.jsonl")  # inside the raw dir: lands once
        write_jsonl(raw / "locked.jsonl", records[100:])
        (raw / "locked.jsonl").chmod(0)
        expected |= {"passwd.txt": "symlink_outside_raw_dir", "locked.jsonl": "unreadable_file"}
        with LocalSite() as site:
            site.routes["/robots.txt"] = Reply(404, b"")
            site.routes["/story.html"] = Reply(200, corpus_page(3))
            url = site.url("/story.html", host=f"reader:{PASSWORD}@127.0.0.1")
            report = fetch_sources(adhoc_sources(urls=[url]), raw, allow_private_addresses=True)
            page_url = site.url("/story.html")
        assert report.totals()["landed"] == 1
        warehouse = tmp / "it's here" / "w.duckdb"
        result = subprocess.run(
            prefix + [STANCEWATCH, "run", "--raw-dir", str(raw), "--warehouse", str(warehouse)],
            env=cli_env(tmp),
            capture_output=True,
            text=True,
            timeout=900,
            cwd=tmp,
        )
        return {
            "run": [result.returncode, result.stdout, result.stderr],
            "expected": expected,
            "good_titles": [r["title"] for r in good],
            "page_url": page_url,
        }

    tmp, done = built_once(tmp_path_factory, "hostile_run", build)
    code, stdout, stderr = done["run"]
    assert code == 0, stdout[-3000:] + stderr[-3000:]
    return tmp, tmp / "raw", tmp / "it's here" / "w.duckdb", stdout + stderr, done


def test_bad_inputs_are_rejected_with_reasons_and_good_ones_land_once(hostile_run):
    tmp, _, warehouse, _, done = hostile_run
    con = duckdb.connect(str(warehouse), read_only=True)
    titles = {t for (t,) in con.sql("select title from marts.fct_articles").fetchall()}
    assert set(done["good_titles"]) <= titles
    assert con.sql("select count(*) from marts.fct_articles").fetchone()[0] == 100 + 7 + 1  # good, soft, fetched
    rejects = {
        (f"{s}:{n}" if n else s): r
        for s, n, r in con.sql("select source, line_number, reason from marts.rejects").fetchall()
    }
    assert rejects == done["expected"]
    flags = dict(
        con.sql(
            "select title, quality_flags from marts.fct_articles where title in "
            "('Zukunft', 'From the future', 'From the past')"
        ).fetchall()
    )
    assert "unknown_language" in flags["Zukunft"]
    assert "date_in_future" in flags["From the future"]
    assert "date_before_1900" in flags["From the past"]
    cafe = con.sql("select text from marts.fct_articles where title = 'Caf\u00e9 talks'").fetchone()[0]
    assert "caf\u00e9 owner" in cafe  # Windows-1252 decoded, not mojibake
    assert "'); drop table landing.articles; --" in titles  # values are parameters, never SQL
    con.close()
    assert not (tmp / "etc").exists() and not (tmp / "raw" / "etc").exists()


def test_symlinks_unreadable_files_and_url_credentials_through_a_whole_run(hostile_run):
    """Issue 14 end to end (in the same run): the rejects name the symlink outside the raw dir and the unreadable
    file, the symlink inside it lands once, and no byte of the password is anywhere under the raw dir, the warehouse
    folder or the console."""
    _, raw, warehouse, console, done = hostile_run
    con = duckdb.connect(str(warehouse), read_only=True)
    rejects = dict(con.sql("select source, reason from marts.rejects").fetchall())
    assert rejects["passwd.txt"] == "symlink_outside_raw_dir" and rejects["locked.jsonl"] == "unreadable_file"
    assert not any(source.startswith("same.jsonl") for source in rejects)  # the symlink inside: the same file, once
    assert (
        con.sql(
            "select count(*) from marts.fct_articles where text like '%root:x:0:0%' or title like '%root:x%'"
        ).fetchone()[0]
        == 0
    )
    assert con.sql("select count(*) from landing.documents where content like '%root:x:0:0%'").fetchone()[0] == 0
    urls = [u for (u,) in con.sql("select url from marts.fct_articles where url like '%127.0.0.1%'").fetchall()]
    assert urls == [done["page_url"]]
    con.close()
    for folder in (raw, warehouse.parent):
        holding = []
        for path in (p for p in folder.rglob("*") if p.is_file() and os.access(p, os.R_OK)):
            data = path.read_bytes()
            if path.name.endswith(".gz"):
                data += _gunzip(data)
            if PASSWORD.encode() in data:
                holding.append(str(path))
        assert holding == [], f"the password is stored in {holding}"
    assert PASSWORD not in console
