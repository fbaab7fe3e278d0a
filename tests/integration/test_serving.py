"""Publication for readers: a run publishes the marts as a serving DuckDB file and Parquet files, each swapped in whole;
a reader never sees a half-written publication, never blocks the writer, and a failed run leaves the previous
publication in place. Every example query in README.md runs on the warehouse, the serving file and the Parquet."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT, STANCEWATCH, cli_env

EXTRA_TITLE = "Iran Promises Retaliation After U.S. Kills General"  # a record of raw/news, not in the small raw dir


def publication(warehouse: Path) -> tuple[Path, Path]:
    return warehouse.parent / "serving.duckdb", warehouse.parent / "parquet"


def read_serving(serving: Path) -> tuple[str, dict[str, int]]:
    """(version, rows per mart) read afresh. ATTACH in a new in-memory database opens the file itself;
    duckdb.connect(path) would hand back a cached instance of a file another connection still holds."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{serving}' as serving (read_only)")
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_catalog = 'serving' "
                "and table_schema = 'marts'"
            ).fetchall()
        ]
        counts = {t: con.execute(f"select count(*) from serving.marts.{t}").fetchone()[0] for t in tables}
        versions = {r[0] for r in con.execute("select version from serving.main.publication").fetchall()}
    finally:
        con.close()
    assert len(versions) == 1
    return versions.pop(), counts


def read_parquet_set(parquet_dir: Path) -> tuple[str, dict[str, int]]:
    """Resolve the link once, then read every mart from that version directory."""
    version_dir = Path(os.path.realpath(parquet_dir))
    manifest = json.loads((version_dir / "_publication.json").read_text(encoding="utf-8"))
    con = duckdb.connect()
    try:
        counts = {
            name: con.execute("select count(*) from read_parquet(?)", [str(version_dir / file)]).fetchone()[0]
            for name, file in manifest["files"].items()
        }
    finally:
        con.close()
    assert counts == manifest["row_counts"]
    return manifest["version"], counts


def warehouse_counts(warehouse: Path) -> dict[str, int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' "
                "and table_type = 'BASE TABLE'"
            ).fetchall()
        ]
        return {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0] for t in tables}
    finally:
        con.close()


def copy_warehouse_with_publication(warehouse: Path, dest: Path) -> Path:
    """A copy of a finished run's warehouse and its publication (the Parquet link stays relative)."""
    dest.mkdir(parents=True)
    shutil.copy2(warehouse, dest / warehouse.name)
    serving, parquet = publication(warehouse)
    shutil.copy2(serving, dest / serving.name)
    shutil.copytree(parquet.parent / f"{parquet.name}.versions", dest / f"{parquet.name}.versions")
    os.symlink(os.readlink(parquet), dest / parquet.name)
    return dest / warehouse.name


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_a_run_publishes_every_mart_for_readers(pipeline_run):
    result, warehouse, tmp = pipeline_run
    assert result.returncode == 0
    serving, parquet = publication(warehouse)
    assert serving.is_file() and parquet.is_symlink()
    expected = warehouse_counts(warehouse)
    assert {"fct_articles", "dim_actors", "fct_claims", "fct_stances", "fct_stance_changes"} <= set(expected)
    version, counts = read_serving(serving)
    pq_version, pq_counts = read_parquet_set(parquet)
    assert counts == expected and pq_counts == expected and pq_version == version
    assert expected["fct_articles"] == 24
    # nothing temporary is left behind; the link is relative, so the warehouse folder can move
    leftovers = [p.name for p in warehouse.parent.iterdir() if p.name.endswith(".tmp") or ".tmp-" in p.name]
    assert leftovers == []
    assert not os.path.isabs(os.readlink(parquet))
    assert f"serving:   {serving}" in result.stdout

    from dagster import AssetKey, DagsterInstance

    with DagsterInstance.from_config(str(tmp / "dagster_home")) as instance:
        event = instance.get_latest_materialization_event(AssetKey(["serving", "marts_publication"]))
        metadata = event.asset_materialization.metadata
    assert metadata["serving_db"].value == str(serving)
    assert metadata["rows_fct_claims"].value == expected["fct_claims"]
    assert metadata["version"].value == version


def readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"<!-- example-query -->\s*\n```sql\n(.*?)```", text, re.S)


def parquet_views(parquet_dir: Path) -> duckdb.DuckDBPyConnection:
    """The README's recipe: an in-memory database with one view per Parquet file under schema marts."""
    con = duckdb.connect()
    con.execute("create schema marts")
    version_dir = Path(os.path.realpath(parquet_dir))
    for path in sorted(version_dir.glob("*.parquet")):
        con.execute(f"create view marts.{path.stem} as select * from read_parquet('{path}')")
    return con


@pytest.mark.slow
def test_every_readme_example_query_runs_on_the_warehouse_the_serving_file_and_parquet(pipeline_run):
    _, warehouse, _ = pipeline_run
    queries = readme_queries()
    assert len(queries) >= 10
    serving, parquet = publication(warehouse)
    surfaces = {
        "warehouse": duckdb.connect(str(warehouse), read_only=True),
        "serving": duckdb.connect(str(serving), read_only=True),
        "parquet": parquet_views(parquet),
    }
    with_rows = 0
    try:
        for number, sql in enumerate(queries, 1):
            results = {}
            for name, con in surfaces.items():
                try:
                    results[name] = sorted(map(repr, con.execute(sql).fetchall()))
                except duckdb.Error as err:
                    pytest.fail(f"README example query {number} fails on the {name}: {err}\n{sql}")
            assert results["serving"] == results["warehouse"] == results["parquet"], f"query {number} differs"
            with_rows += bool(results["warehouse"])
            if number == 5:  # "the latest stance changes": anchored to the data, so never empty when there are any
                assert results["warehouse"], "README query 5 returns no rows"
    finally:
        for con in surfaces.values():
            con.close()
    assert with_rows >= 7, f"only {with_rows} of {len(queries)} example queries return rows on the demo warehouse"


@pytest.mark.slow
def test_readers_see_the_previous_publication_while_a_run_writes(pipeline_run, small_raw_dir, tmp_path):
    """While `stancewatch run` writes (new article -> extraction -> dbt build -> checks -> publication), this
    process reads the serving file and the Parquet files over and over: every read succeeds and sees one complete
    publication, the previous one until the swap and the new one after it; a connection held open all along never
    blocks the writer."""
    _, source_warehouse, _ = pipeline_run
    warehouse = copy_warehouse_with_publication(source_warehouse, tmp_path / "warehouse")
    serving, parquet = publication(warehouse)
    raw = tmp_path / "raw"
    shutil.copytree(small_raw_dir[0], raw)
    with gzip.open(ROOT / "raw" / "news" / "middle_east_iran_sample.jsonl.gz", "rt", encoding="utf-8") as f:
        extra = next(line for line in f if json.loads(line)["title"].strip() == EXTRA_TITLE)
    (raw / "extra.jsonl").write_text(extra, encoding="utf-8")

    before = read_serving(serving)
    assert read_parquet_set(parquet) == before
    held = duckdb.connect(str(serving), read_only=True)  # a BI tool that never reconnects
    held_count = held.execute("select count(*) from marts.fct_articles").fetchone()[0]
    log = (tmp_path / "run.out").open("w")
    proc = subprocess.Popen(
        [STANCEWATCH, "run", "--raw-dir", str(raw), "--warehouse", str(warehouse)],
        env=cli_env(tmp_path),
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    seen: list[tuple[str, tuple]] = []
    try:
        deadline = time.time() + 600
        while proc.poll() is None and time.time() < deadline:
            for reader in (read_serving, read_parquet_set):
                version, counts = reader(serving if reader is read_serving else parquet)
                seen.append((version, tuple(sorted(counts.items()))))
            assert held.execute("select count(*) from marts.fct_articles").fetchone()[0] == held_count
            time.sleep(0.2)
        code = proc.wait(timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
        log.close()
    output = (tmp_path / "run.out").read_text(encoding="utf-8")
    assert code == 0, output[-4000:]
    held.close()

    after = read_serving(serving)
    assert read_parquet_set(parquet) == after
    assert after[0] != before[0]
    assert after[1]["fct_articles"] == before[1]["fct_articles"] + 1
    assert after[1] == warehouse_counts(warehouse)
    complete = {(before[0], tuple(sorted(before[1].items()))), (after[0], tuple(sorted(after[1].items())))}
    assert set(seen) <= complete, "a reader saw something other than a complete publication"
    states = [v == after[0] for v, _ in seen]
    assert states == sorted(states), "a reader saw the previous publication again after the new one"
    assert states.count(False) >= 10, f"too few reads during the run ({len(seen)} in all)"
    # the previous Parquet version is kept for readers that resolved the link before the swap
    assert (parquet.parent / "parquet.versions" / before[0]).is_dir()


def tiny_warehouse(path: Path, rows: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    con.execute("create schema if not exists marts")
    con.execute(f"create or replace table marts.fct_articles as select range as article_id from range({rows})")
    con.execute("create or replace view marts.not_published as select 1 as x")
    return con


def test_publish_swaps_whole_versions_keeps_three_and_survives_a_failure(tmp_path):
    from pipelines.lib import publish

    con = tiny_warehouse(tmp_path / "w.duckdb", 3)
    serving, parquet = tmp_path / "serving.duckdb", tmp_path / "parquet"
    parquet.mkdir()  # an empty directory is taken over by the link
    versions = []
    for rows in (3, 4, 5, 6):
        con.execute(f"create or replace table marts.fct_articles as select range as article_id from range({rows})")
        pub = publish.publish(con, serving, parquet, run_id=f"run{rows}")
        versions.append(pub.version)
        assert pub.row_counts == {"fct_articles": rows}  # tables only, not views
        assert read_serving(serving) == (pub.version, {"fct_articles": rows})
        assert read_parquet_set(parquet) == (pub.version, {"fct_articles": rows})
    assert sorted(os.listdir(tmp_path / "parquet.versions")) == versions[-3:]
    assert publish.read_manifest(parquet)["run_id"] == "run6"

    # a failure half-way (after the first mart is copied, the next cannot be written as a file) leaves the last
    # publication as it was, no temporary files, and the warehouse connection usable
    digest, link = sha256(serving), os.readlink(parquet)
    con.execute("create or replace table marts.fct_articles as select range as article_id from range(7)")
    con.execute('create table marts."zz/broken" as select 1 as x')
    with pytest.raises(duckdb.Error):
        publish.publish(con, serving, parquet)
    assert sha256(serving) == digest and os.readlink(parquet) == link
    assert read_serving(serving)[1] == {"fct_articles": 6}
    assert sorted(os.listdir(tmp_path / "parquet.versions")) == versions[-3:]
    assert not [p.name for p in tmp_path.iterdir() if ".tmp" in p.name]
    attached = {r[0] for r in con.execute("select database_name from duckdb_databases()").fetchall()}
    assert publish.SERVING_ALIAS not in attached
    assert con.execute("select count(*) from marts.fct_articles").fetchone()[0] == 7
    con.close()


def test_publish_refuses_to_replace_a_real_parquet_directory(tmp_path):
    from pipelines.lib import publish

    con = tiny_warehouse(tmp_path / "w.duckdb", 2)
    (tmp_path / "parquet").mkdir()
    (tmp_path / "parquet" / "mine.parquet").write_text("someone's file")
    with pytest.raises(publish.PublicationError, match="not a publication link"):
        publish.publish(con, tmp_path / "serving.duckdb", tmp_path / "parquet")
    assert (tmp_path / "parquet" / "mine.parquet").exists() and not (tmp_path / "serving.duckdb").exists()
    con.close()


# --- issue 14: a stale WAL, kill -9 during the switch, a publication that does not match its manifest ---------------


def test_a_stale_wal_of_the_serving_file_is_not_replayed_onto_the_next_publication(tmp_path):
    from pipelines.lib import publish

    con = tiny_warehouse(tmp_path / "w.duckdb", 3)
    con.execute("create table marts.fct_claims as select range as claim_id from range(2)")
    serving, parquet = tmp_path / "serving.duckdb", tmp_path / "parquet"
    publish.publish(con, serving, parquet)
    crash = (
        "import duckdb, os, sys\n"
        "c = duckdb.connect(sys.argv[1])\n"
        "c.execute(\"set checkpoint_threshold = '10GB'\")\n"
        "c.execute('drop table marts.fct_claims')\n"
        "os._exit(9)  # a read-write client that dies: its WAL stays\n"
    )
    assert subprocess.run([sys.executable, "-c", crash, str(serving)], timeout=60).returncode == 9

    pub = publish.publish(con, serving, parquet)

    assert read_serving(serving) == (pub.version, {"fct_articles": 3, "fct_claims": 2})
    assert read_parquet_set(parquet) == (pub.version, {"fct_articles": 3, "fct_claims": 2})
    con.close()


KILL_AT_RENAME = """
import os, signal, sys
import duckdb
from pipelines.lib import publish

calls = {"n": 0}
kill_at = int(sys.argv[4])
for name in ("rename", "replace"):
    real = getattr(os, name)
    def wrapped(*args, _real=real, **kwargs):
        _real(*args, **kwargs)
        calls["n"] += 1
        if calls["n"] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
    setattr(os, name, wrapped)
con = duckdb.connect(sys.argv[1])
con.execute("create or replace table marts.fct_articles as select range as article_id from range(%d)" % (10 + kill_at))
publish.publish(con, sys.argv[2], sys.argv[3])
"""


def test_kill_9_at_every_rename_of_a_publication_leaves_serving_and_parquet_at_one_version(tmp_path):
    """A real SIGKILL right after each rename the publication makes (the new Parquet version appearing, the switch,
    ...): the serving file and the Parquet set that readers open always name the same version."""
    from pipelines.lib import publish

    warehouse = tmp_path / "w.duckdb"
    tiny_warehouse(warehouse, 3).close()
    serving, parquet = tmp_path / "serving.duckdb", tmp_path / "parquet"
    con = duckdb.connect(str(warehouse))
    publish.publish(con, serving, parquet)
    con.close()
    for kill_at in range(1, 10):
        done = subprocess.run(
            [sys.executable, "-c", KILL_AT_RENAME, str(warehouse), str(serving), str(parquet), str(kill_at)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode in (0, -signal.SIGKILL), done.stderr[-3000:]
        serving_version, serving_rows = read_serving(serving)
        parquet_version, parquet_rows = read_parquet_set(parquet)
        assert (serving_version, serving_rows) == (parquet_version, parquet_rows), f"killed after rename {kill_at}"
        if done.returncode == 0:
            assert serving_rows == {"fct_articles": 10 + kill_at}
            break
    else:
        pytest.fail("the publication never finished")


def test_a_version_that_does_not_match_its_manifest_is_not_switched_in(tmp_path):
    from pipelines.lib import publish

    con = tiny_warehouse(tmp_path / "w.duckdb", 3)
    serving, parquet = tmp_path / "serving.duckdb", tmp_path / "parquet"
    pub = publish.publish(con, serving, parquet)
    manifest = publish.read_manifest(parquet)
    copy = tmp_path / "copy"
    shutil.copytree(pub.parquet_version_dir, copy)
    con.execute(f"copy (select 1 as article_id) to '{copy / 'fct_articles.parquet'}' (format parquet)")

    with pytest.raises(publish.PublicationError, match="does not match its manifest"):
        publish.verify(con, copy, manifest)
    con.close()
