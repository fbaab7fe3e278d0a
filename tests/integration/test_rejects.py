"""marts.rejects over time: a record line read while it was half written, and again once complete, is judged by its
complete version (landing and cleaning through the library, the marts through `dbt run` on a temporary warehouse)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pipelines.lib import stages, warehouse

ROOT = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).parent / "dbt")


def build_rejects(path: Path, target: Path) -> None:
    env = dict(os.environ, STANCEWATCH_WAREHOUSE=str(path), DO_NOT_TRACK="1")
    done = subprocess.run(
        [DBT, "run", "--select", "+rejects", "--profiles-dir", ".", "--target-path", str(target)],
        cwd=ROOT / "dbt_project",
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:]


def land(path: Path, raw: Path) -> None:
    con = warehouse.connect(path)
    try:
        stages.ingest(con, raw)
        stages.clean(con)
    finally:
        con.close()


def test_the_reject_of_a_half_written_line_is_superseded_once_the_line_is_complete(tmp_path):
    raw, path = tmp_path / "raw", tmp_path / "w.duckdb"
    raw.mkdir()
    first = {"title": "Vienna talks", "text": "Iran said the talks in Vienna would resume next week, diplomats said."}
    second = {"title": "Border", "text": "Iraq said the border crossing with Syria was open again on Sunday."}
    line = json.dumps(first) + "\n" + json.dumps(second)
    records = raw / "records.jsonl"
    records.write_text(line[: len(line) - 20], encoding="utf-8")  # a writer is half-way through line 2
    land(path, raw)
    build_rejects(path, tmp_path / "target")
    con = warehouse.connect(path, read_only=True)
    assert con.sql("select line_number, reason from marts.rejects").fetchall() == [(2, "malformed_json")]
    con.close()

    records.write_text(line + "\n", encoding="utf-8")  # the writer finished the line
    land(path, raw)
    build_rejects(path, tmp_path / "target")

    con = warehouse.connect(path, read_only=True)
    assert con.sql("select count(*) from marts.rejects").fetchone()[0] == 0
    assert con.sql("select count(*) from landing.articles").fetchone()[0] == 2
    con.close()
