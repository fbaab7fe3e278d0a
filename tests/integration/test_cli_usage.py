"""The command line as a user meets it from another folder: relative paths, checks before work, what the summary
says. Real runs of `stancewatch` (subprocesses), real DuckDB, real Dagster instances."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import duckdb
import pytest

from tests.conftest import FIXTURES, ROOT, STANCEWATCH, cli_env
from tests.web_site import LocalSite, Reply, corpus_page


def env_without_dagster_home(tmp):
    env = cli_env(tmp)
    env.pop("DAGSTER_HOME")
    return env


@pytest.mark.slow
def test_relative_raw_dir_and_warehouse_are_read_and_written_in_the_callers_folder(tmp_path):
    (tmp_path / "raw").mkdir()
    shutil.copy(FIXTURES / "seed.jsonl", tmp_path / "raw" / "seed.jsonl")
    before = set(ROOT.iterdir())
    result = subprocess.run(
        [STANCEWATCH, "run", "--raw-dir", "raw", "--warehouse", "w.duckdb", "--verbose"],
        env=env_without_dagster_home(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    titles = [t for (t,) in con.sql("select title from marts.fct_articles").fetchall()]
    con.close()
    assert titles == [json.loads((FIXTURES / "seed.jsonl").read_text(encoding="utf-8"))["title"]]  # not raw/'s 321
    for written in ("serving.duckdb", "parquet", "docs/report.html", ".dagster/dagster.yaml"):
        assert (tmp_path / written).exists(), written
    assert set(ROOT.iterdir()) == before  # nothing new in the project folder
    # --verbose: dbt's per-node lines, without colour codes (the output is not a terminal)
    assert re.search(r"^\d+ of \d+ OK created sql table model marts\.fct_claims", result.stdout, re.MULTILINE)
    assert "\x1b[" not in result.stdout + result.stderr
    assert f"raw dir:   {tmp_path / 'raw'}" in result.stdout
    assert f"next to it in {tmp_path}: serving.duckdb (serving copy), parquet/ (Parquet)" in result.stdout
    assert ".dagster/ (Dagster run history)" in result.stdout
    # its own run history, tagged with what it read and wrote, and the exact command to open it
    from dagster import DagsterInstance

    with DagsterInstance.from_config(str(tmp_path / ".dagster")) as instance:
        runs = instance.get_runs()
    assert len(runs) == 1
    assert runs[0].tags["stancewatch/warehouse"] == str(tmp_path / "w.duckdb")
    assert runs[0].tags["stancewatch/raw_dir"] == str(tmp_path / "raw")
    assert f"make -C {ROOT} ui WAREHOUSE={tmp_path / 'w.duckdb'}" in result.stdout


def test_fetch_lands_pages_in_a_relative_raw_dir_of_the_callers_folder(tmp_path):
    with LocalSite() as site:
        site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nAllow: /\n", content_type="text/plain")
        site.routes["/a.html"] = Reply(200, corpus_page(3))
        result = subprocess.run(
            [STANCEWATCH, "fetch", "--raw-dir", "raw", "--url", site.url("/a.html"), "--allow-private-addresses"],
            env=cli_env(tmp_path),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "raw" / "web").rglob("*.warc.gz"))) == 1
    assert f"stancewatch run --raw-dir {tmp_path / 'raw'}" in result.stdout
    assert (result.stdout + result.stderr).count("fetch run ") == 1  # the summary, once


# --- checks before any stage runs: one line on stderr, exit 2, no traceback, nothing written ---


def run_here(tmp, *args, env=None, prefix=()):
    return subprocess.run(
        [*prefix, STANCEWATCH, *args], env=env or cli_env(tmp), cwd=tmp, capture_output=True, text=True, timeout=120
    )


def one_line_error(result) -> str:
    assert result.returncode == 2, result.stdout[-2000:] + result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "landing" not in result.stdout  # no stage ran
    return lines[0]


@pytest.fixture()
def raw(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "note.txt").write_text("A title\n\nIran said the talks would go on.", encoding="utf-8")
    return tmp_path / "raw"


def test_a_warehouse_under_a_file_is_one_line(tmp_path, raw):
    (tmp_path / "afile").write_text("x")
    line = one_line_error(run_here(tmp_path, "run", "--raw-dir", "raw", "--warehouse", "afile/sub/w.duckdb"))
    assert f"{tmp_path / 'afile'} is a file, not a directory" in line and "--warehouse" in line


def test_a_warehouse_in_proc_is_one_line(tmp_path, raw):
    line = one_line_error(run_here(tmp_path, "run", "--raw-dir", "raw", "--warehouse", "/proc/w.duckdb"))
    assert line.startswith("error: cannot write the warehouse in /proc:"), line


def test_an_unwritable_warehouse_folder_is_one_line(tmp_path, raw):
    from tests.integration.test_reliability import _without_root_override

    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        line = one_line_error(
            run_here(
                tmp_path, "run", "--raw-dir", "raw", "--warehouse", "locked/w.duckdb", prefix=_without_root_override()
            )
        )
    finally:
        locked.chmod(0o755)
    assert f"cannot write the warehouse in {locked}: Permission denied" in line
    assert list(locked.iterdir()) == []


def test_a_spacy_model_that_is_not_installed_is_one_line_naming_the_setting_and_the_install(tmp_path, raw):
    env = cli_env(tmp_path) | {"STANCEWATCH_SPACY_MODEL": "en_core_web_lg"}
    line = one_line_error(run_here(tmp_path, "run", "--raw-dir", "raw", "--warehouse", "w.duckdb", env=env))
    assert "'en_core_web_lg' (STANCEWATCH_SPACY_MODEL) is not installed" in line
    assert "-m spacy download en_core_web_lg" in line
    assert not (tmp_path / "w.duckdb").exists()


def test_a_raw_dir_that_is_a_file_is_not_a_directory(tmp_path):
    (tmp_path / "README.md").write_text("# notes\n")
    line = one_line_error(run_here(tmp_path, "run", "--raw-dir", "README.md", "--warehouse", "w.duckdb"))
    assert line == (
        f"error: raw dir {tmp_path / 'README.md'} is not a directory (pass --raw-dir DIR or set STANCEWATCH_RAW_DIR)"
    )


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"sources:\n  - name: caf\xe9\n    feed: https://example.org/rss\n", "is not UTF-8 text (byte 0xe9"),
        (b"sources: [\n", "is not valid YAML"),
        (b"sources:\n  - name: lists\n    urls: missing-urls.txt\n", "URL list"),
    ],
)
def test_a_bad_sources_file_is_one_line_and_fetches_nothing(tmp_path, content, expected):
    (tmp_path / "sources.yaml").write_bytes(content)
    line = one_line_error(run_here(tmp_path, "fetch", "--sources", "sources.yaml", "--raw-dir", "raw"))
    assert expected in line and str(tmp_path) in line
    if expected == "URL list":
        assert line.endswith(f"URL list {tmp_path / 'missing-urls.txt'} does not exist")
    assert not (tmp_path / "raw").exists()


@pytest.mark.slow
def test_a_step_that_fails_during_a_run_is_named_in_the_summary_with_its_error(tmp_path, raw):
    """`pyyaml` is an installed distribution (so the check before the run passes), but not a spaCy model: the
    extraction's step fails; the summary names it with the first line of its error."""
    env = cli_env(tmp_path) | {"STANCEWATCH_SPACY_MODEL": "pyyaml"}
    result = run_here(tmp_path, "run", "--raw-dir", "raw", "--warehouse", "w.duckdb", env=env)
    assert result.returncode == 1
    failed = [line for line in result.stdout.splitlines() if line.startswith("step ")]
    assert failed and all(" failed: " in line for line in failed), result.stdout[-3000:]
    assert any(line.startswith("step extractions.") and "pyyaml" in line for line in failed), failed
