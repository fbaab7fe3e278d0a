"""Sharded extraction: worker processes parse shards and hand them over as Parquet files; the result must not depend
on how many workers ran or how the articles were cut into shards."""
import shutil

import pytest

from pipelines.lib import shards, stages, warehouse
from pipelines.settings import Settings

pytestmark = pytest.mark.slow

ROW_KEYS = {
    "mentions": "article_id, mention_index",
    "claims": "article_id, claim_index",
    "stance_observations": "article_id, stance_index",
    "extractions": "article_id",
}


def landed(tmp_path, fixtures, name):
    raw = tmp_path / f"raw_{name}"
    raw.mkdir()
    for f in ("seed.jsonl", "news.jsonl", "reuters.jsonl"):
        shutil.copy(fixtures / f, raw / f)
    con = warehouse.connect(tmp_path / f"{name}.duckdb")
    stages.ingest(con, raw)
    stages.clean(con)
    return con


def rows(con, table):
    columns = [c for (c,) in con.execute(
        "select column_name from information_schema.columns where table_schema = 'landing' and table_name = ? "
        "and column_name <> 'extracted_at' order by ordinal_position", [table]).fetchall()]
    return con.execute(f"select {', '.join(columns)} from landing.{table} order by {ROW_KEYS[table]}").fetchall()


def test_two_workers_with_small_shards_land_the_same_rows_as_one_process(tmp_path, fixtures):
    model = Settings.from_env().spacy_model
    one = landed(tmp_path, fixtures, "one")
    two = landed(tmp_path, fixtures, "two")
    articles = one.execute("select count(*) from landing.articles").fetchone()[0]
    assert articles >= 8

    a = stages.extract(one, model, n_process=1, batch_size=64, work_dir=tmp_path / "work_one")
    progress = []
    b = stages.extract(two, model, n_process=2, batch_size=2, work_dir=tmp_path / "work_two",
                       progress=progress.append)

    assert a.counts["extracted"] == b.counts["extracted"] == articles
    assert a.counts["new_claims"] > 0 and a.counts["new_stances"] > 0
    for table in ROW_KEYS:
        assert rows(one, table) == rows(two, table), table
    # one progress line per shard of two articles, then the summary
    assert sum("articles (" in line for line in progress) == -(-articles // 2)
    # shard files are handed over and removed with their directory
    assert list((tmp_path / "work_two").iterdir()) == []


def test_a_rerun_extracts_nothing_and_a_changed_text_only_that_article(tmp_path, fixtures):
    model = Settings.from_env().spacy_model
    con = landed(tmp_path, fixtures, "rerun")
    stages.extract(con, model, n_process=2, batch_size=4, work_dir=tmp_path / "work")
    before = rows(con, "mentions")
    assert stages.extract(con, model, n_process=2, batch_size=4, work_dir=tmp_path / "work").counts["extracted"] == 0

    article_id = con.execute("select min(article_id) from landing.articles").fetchone()[0]
    con.execute("update landing.articles set text = text || ' Iran said it rejected the plan.', "
                "text_hash = 'changed' where article_id = ?", [article_id])
    again = stages.extract(con, model, n_process=2, batch_size=4, work_dir=tmp_path / "work")
    assert again.counts["extracted"] == 1
    after = rows(con, "mentions")
    assert [r for r in after if r[0] != article_id] == [r for r in before if r[0] != article_id]
    assert con.execute("select text_hash from landing.extractions where article_id = ?",
                       [article_id]).fetchone()[0] == "changed"


def test_a_new_shard_dir_replaces_those_a_killed_run_left_and_nothing_else(tmp_path):
    parent = shards.work_dir_of(tmp_path / "w.duckdb")
    stale = parent / f"{shards.WORK_DIR_PREFIX}old"
    stale.mkdir(parents=True)
    (stale / "shard-000001.mentions.parquet").write_bytes(b"partial")
    (parent / "notes.txt").write_text("not ours")
    fresh = shards.fresh_dir(parent)
    assert fresh.parent == tmp_path / "w.duckdb.shards" and list(fresh.iterdir()) == []
    assert not stale.exists() and (parent / "notes.txt").exists()
