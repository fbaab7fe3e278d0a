"""Shared fixtures. The pipeline fixtures run the real CLI (Dagster job -> spaCy -> DuckDB -> dbt -> GX) once per
session on a small raw dir of real articles plus a few broken files, against a temporary warehouse."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

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


@pytest.fixture(scope="session")
def small_raw_dir(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    raw = tmp_path_factory.mktemp("raw")
    for name in ("seed.jsonl", "news.jsonl", "reuters.jsonl"):
        shutil.copy(FIXTURES / name, raw / name)
    (raw / "pages").mkdir()
    for page in (FIXTURES / "pages").glob("*.html.gz"):
        shutil.copy(page, raw / "pages" / page.name)
    return raw, write_bad_inputs(raw)


@pytest.fixture(scope="session")
def pipeline_run(tmp_path_factory, small_raw_dir):
    """One real `stancewatch run` over the small raw dir; yields (completed process, warehouse path)."""
    raw, _ = small_raw_dir
    tmp = tmp_path_factory.mktemp("run")
    warehouse = tmp / "warehouse" / "w.duckdb"
    result = run_cli(tmp, raw, warehouse)
    if result.returncode != 0:
        print(result.stdout[-5000:], result.stderr[-5000:])
    return result, warehouse, tmp


@pytest.fixture()
def read_warehouse(pipeline_run):
    _, warehouse, _ = pipeline_run
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con
    con.close()
