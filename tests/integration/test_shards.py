"""Sharded extraction: worker processes parse shards and hand them over as Parquet files; the result must not depend
on how many workers ran or how the articles were cut into shards."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines.lib import shards, stages, warehouse
from pipelines.settings import DBT_PROJECT_DIR, Settings

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
    columns = [
        c
        for (c,) in con.execute(
            "select column_name from information_schema.columns where table_schema = 'landing' and table_name = ? "
            "and column_name <> 'extracted_at' order by ordinal_position",
            [table],
        ).fetchall()
    ]
    return con.execute(f"select {', '.join(columns)} from landing.{table} order by {ROW_KEYS[table]}").fetchall()


def test_two_workers_with_small_shards_land_the_same_rows_as_one_process(tmp_path, fixtures):
    model = Settings.from_env().spacy_model
    one = landed(tmp_path, fixtures, "one")
    two = landed(tmp_path, fixtures, "two")
    articles = one.execute("select count(*) from landing.articles").fetchone()[0]
    assert articles >= 8

    a = stages.extract(one, model, n_process=1, batch_size=64, work_dir=tmp_path / "work_one")
    progress = []
    b = stages.extract(two, model, n_process=2, batch_size=2, work_dir=tmp_path / "work_two", progress=progress.append)

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
    con.execute(
        "update landing.articles set text = text || ' Iran said it rejected the plan.', "
        "text_hash = 'changed' where article_id = ?",
        [article_id],
    )
    again = stages.extract(con, model, n_process=2, batch_size=4, work_dir=tmp_path / "work")
    assert again.counts["extracted"] == 1
    after = rows(con, "mentions")
    assert [r for r in after if r[0] != article_id] == [r for r in before if r[0] != article_id]
    assert (
        con.execute("select text_hash from landing.extractions where article_id = ?", [article_id]).fetchone()[0]
        == "changed"
    )


def test_the_next_plan_loads_the_shards_a_killed_run_finished_and_redoes_only_the_rest(tmp_path, fixtures):
    model = Settings.from_env().spacy_model
    con = landed(tmp_path, fixtures, "killed")
    articles = con.execute("select count(*) from landing.articles").fetchone()[0]
    work = shards.work_dir_of(tmp_path / "killed.duckdb")
    legacy = work / f"{shards.LEGACY_DIR_PREFIX}old"
    legacy.mkdir(parents=True)
    (work / "notes.txt").write_text("not ours")

    # a run planned two partitions, finished the first, wrote part of one shard of the second, and was killed
    plan = stages.plan_extraction(con, model, work, processes=1, batch_size=2, partitions=2)
    assert plan.articles == articles and plan.shards == -(-articles // 2)
    first, second = plan.partitions
    assert [int(Path(f).name[6:12]) for f in first] == list(range(0, plan.shards, 2))  # dealt round-robin
    finished = list(stages.extract_partition(first, model, processes=1, batch_size=2))
    done_ids = {r[0] for f in first for r in shards.read_input(Path(f)).articles}
    partial = shards.shard_file(work, int(Path(second[0]).name[6:12]), "mentions")
    partial.write_bytes(b"half a parquet file")
    assert con.execute("select count(*) from landing.extractions").fetchone()[0] == 0

    progress = []
    result = stages.extract(con, model, n_process=1, batch_size=64, work_dir=work, progress=progress.append)

    assert result.counts["extracted"] == articles
    assert any(f"{articles - len(done_ids)} articles to parse" in line for line in progress), progress
    assert sum(o.counts["articles"] for o in finished) == len(done_ids)
    # every article done once, its rows matching its counts; the killed run's rows are the ones loaded
    assert con.execute("select count(*), count(distinct article_id) from landing.extractions").fetchone() == (
        articles,
        articles,
    )
    assert (
        con.execute("""select count(*) from landing.extractions e where mention_count <>
        (select count(*) from landing.mentions m where m.article_id = e.article_id)""").fetchone()[0]
        == 0
    )
    first_loaded = {
        r[0]
        for r in con.execute("""select article_id from landing.extractions
        where extracted_at = (select min(extracted_at) from landing.extractions)""").fetchall()
    }
    assert first_loaded <= done_ids
    # shard files are gone, so are old per-run directories; what is not ours stays
    assert sorted(p.name for p in work.iterdir()) == ["notes.txt"]


def test_an_article_the_rules_cannot_handle_is_recorded_with_its_error_and_the_others_land(
    tmp_path, fixtures, monkeypatch
):
    from pipelines.lib.nlp.extract import Extractor

    model = Settings.from_env().spacy_model
    con = landed(tmp_path, fixtures, "poison")
    articles = con.execute("select count(*) from landing.articles").fetchone()[0]
    poison = con.execute("select min(article_id) from landing.articles").fetchone()[0]
    analyse = Extractor._result

    def fails_on_one_article(self, article_id, info, docs):  # a rules bug that only this article triggers
        if article_id == poison:
            raise ValueError("no rule for this sentence")
        return analyse(self, article_id, info, docs)

    monkeypatch.setattr(Extractor, "_result", fails_on_one_article)
    progress = []
    result = stages.extract(
        con, model, n_process=1, batch_size=64, work_dir=tmp_path / "work", progress=progress.append
    )

    assert result.counts["extracted"] == articles and result.counts["errors"] == 1
    assert "1 article(s) could not be analysed" in progress[-1]
    assert con.execute(
        "select error, mention_count from landing.extractions where article_id = ?", [poison]
    ).fetchone() == ("ValueError: no rule for this sentence", 0)
    by_article = dict(con.execute("select article_id, count(*) from landing.mentions group by 1").fetchall())
    assert poison not in by_article and len(by_article) == articles - 1
    # recorded, not retried by every run (a new rules version retries it)
    assert stages.extract(con, model, work_dir=tmp_path / "work").counts["extracted"] == 0

    # marts.rejects shows it with its document's source and line
    source, line = con.execute(
        """select d.source, d.line_number from landing.articles a
        join landing.documents d using (document_id) where a.article_id = ?""",
        [poison],
    ).fetchone()
    con.close()
    dbt = Path(sys.executable).parent / "dbt"
    build = subprocess.run(
        [
            str(dbt),
            "build",
            "--select",
            "+rejects",
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(tmp_path / "target"),
            "--log-path",
            str(tmp_path / "logs"),
        ],
        cwd=DBT_PROJECT_DIR,
        capture_output=True,
        text=True,
        env=os.environ | {"STANCEWATCH_WAREHOUSE": str(tmp_path / "poison.duckdb")},
    )
    assert build.returncode == 0, build.stdout[-3000:]
    with duckdb.connect(str(tmp_path / "poison.duckdb"), read_only=True) as marts:
        assert marts.execute("select source, line_number, reason, detail from marts.rejects").fetchall() == [
            (source, line, "extraction_error", "ValueError: no rule for this sentence")
        ]
