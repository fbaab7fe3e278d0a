"""Shared fixtures. The pipeline fixtures run the real CLI (Dagster job -> spaCy -> DuckDB -> dbt -> GX) once per
session, for all pytest-xdist workers together, on a small raw dir of real articles plus a few broken files, against a
temporary warehouse."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
STANCEWATCH = str(Path(sys.executable).parent / "stancewatch")

# the marts of the design contract (../shared/DESIGN.md)
CONTRACT_MARTS = [
    "fct_articles",
    "dim_actors",
    "fct_actor_mentions",
    "fct_claims",
    "fct_stances",
    "fct_stance_changes",
    "unresolved_actors",
    "rejects",
]
PNG_BYTES = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 32


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


def cli_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DAGSTER_HOME": str(tmp / "dagster_home"),
            "STANCEWATCH_NLP_PROCESSES": "1",
            "DO_NOT_TRACK": "1",
        }
    )
    env.pop("STANCEWATCH_RAW_DIR", None)
    env.pop("STANCEWATCH_WAREHOUSE", None)
    for name in ("STANCEWATCH_SERVING_DB", "STANCEWATCH_PARQUET_DIR", "STANCEWATCH_DOCS_DIR"):
        env.pop(name, None)  # publication paths follow --warehouse
    return env


def run_cli(tmp: Path, raw_dir: Path, warehouse: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [STANCEWATCH, "run", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse)],
        env=cli_env(tmp),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=tmp,
    )


def write_bad_inputs(raw: Path) -> dict[str, str]:
    """Broken files next to the good ones; returns {relative path: expected reject reason}."""
    bad = raw / "bad"
    bad.mkdir(parents=True)
    (bad / "records.jsonl").write_text(
        '{"title": "broken line", "text": "no closing brace"\n'
        '{"title": "No body at all", "url": "https://example.org/nobody"}\n'
        '["a", "list"]\n',
        encoding="utf-8",
    )
    full = gzip.compress(b"<html><body><p>" + b"Some text. " * 2000 + b"</p></body></html>")
    (bad / "truncated.html.gz").write_bytes(full[: len(full) // 2])
    (bad / "image.html").write_bytes(PNG_BYTES)
    (bad / "blank.txt").write_text("   \n\n  \t\n", encoding="utf-8")
    (bad / "notes.docx").write_bytes(b"PK\x03\x04 not an article")
    return {
        "bad/records.jsonl:1": "malformed_json",
        "bad/records.jsonl:2": "missing_text",
        "bad/records.jsonl:3": "malformed_json",
        "bad/truncated.html.gz": "unreadable_gzip",
        "bad/image.html": "not_html",
        "bad/blank.txt": "empty_text",
        "bad/notes.docx": "unsupported_format",
    }


def shared_tmp(tmp_path_factory) -> Path:
    """This session's temporary folder that every pytest-xdist worker sees (the parent of the workers' own)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(tmp_path_factory, name: str, build: Callable[[Path], dict]) -> tuple[Path, dict]:
    """`build(folder)` in the first worker that asks for `name`; the others wait on a file lock and read what it
    returned (JSON). Returns (folder, that result)."""
    shared = shared_tmp(tmp_path_factory)
    folder, done = shared / name, shared / f"{name}.json"
    with FileLock(str(shared / f"{name}.lock")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # an attempt that raised
            folder.mkdir()
            done.write_text(json.dumps(build(folder)), encoding="utf-8")
    return folder, json.loads(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def small_raw_dir(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The fixture articles and the broken files, once per session for all workers; never written by a test."""

    def build(raw: Path) -> dict[str, str]:
        # the fourteen timeline articles give the shared run one real stance change (the United States' turn on the Iran
        # deal in May 2018) for the pages, queries and checks that show changes
        for name in ("seed.jsonl", "news.jsonl", "reuters.jsonl", "iran_deal_timeline.jsonl"):
            shutil.copy(FIXTURES / name, raw / name)
        (raw / "pages").mkdir()
        for page in (FIXTURES / "pages").glob("*.html.gz"):
            shutil.copy(page, raw / "pages" / page.name)
        return write_bad_inputs(raw)

    return built_once(tmp_path_factory, "raw", build)


@pytest.fixture(scope="session")
def pipeline_run(tmp_path_factory, small_raw_dir):
    """One real `stancewatch run` over the small raw dir, built once per session and shared by every worker;
    returns (completed process, warehouse path, run folder). Tests only read it (the warehouse read-only); a test
    that writes takes `pipeline_run_copy`."""
    raw, _ = small_raw_dir

    def build(tmp: Path) -> dict:
        result = run_cli(tmp, raw, tmp / "warehouse" / "w.duckdb")
        return {"args": result.args, "returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}

    tmp, done = built_once(tmp_path_factory, "run", build)
    result = subprocess.CompletedProcess(done["args"], done["returncode"], done["stdout"], done["stderr"])
    if result.returncode != 0:
        print(result.stdout[-5000:], result.stderr[-5000:])
    return result, tmp / "warehouse" / "w.duckdb", tmp


@pytest.fixture()
def pipeline_run_copy(pipeline_run, tmp_path):
    """A private copy of the shared run's folder (warehouse, publication, docs, Dagster run history) for a test
    that writes to it."""
    result, warehouse, tmp = pipeline_run
    copy = tmp_path / "run"
    shutil.copytree(tmp, copy, symlinks=True)
    return result, copy / warehouse.relative_to(tmp), copy


@pytest.fixture()
def read_warehouse(pipeline_run):
    _, warehouse, _ = pipeline_run
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con
    con.close()


# The longest tests start first, one group per pytest-xdist worker, so that neither ends the session with a long
# test started late (with --dist worksteal each worker gets one contiguous half of this order and the other steals
# from its end). Modules stay whole, so their module fixtures are set up once per worker; the rest keep their order.
FIRST_HALF = ("test_partitions.py", "test_bi.py", "test_report.py", "test_serving.py", "test_pipeline.py")
SECOND_HALF = ("test_reliability.py", "test_failures.py", "test_cli_usage.py")


@pytest.hookimpl(trylast=True)  # after the -m / -k deselection
def pytest_collection_modifyitems(config, items):
    def block(names):
        return [item for name in names for item in items if item.path.name == name]

    first, second = block(FIRST_HALF), block(SECOND_HALF)
    rest = [item for item in items if item.path.name not in FIRST_HALF + SECOND_HALF]
    pad = max(0, len(items) // 2 - len(first))
    items[:] = first + rest[:pad] + second + rest[pad:]
