"""The whole pipeline through the real CLI: Dagster job, trafilatura, spaCy, DuckDB, dbt build, GX checks."""

import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines.lib.nlp import stance_model
from pipelines.lib.publish import read_manifest
from tests.conftest import FIXTURES, ROOT, cli_env, run_cli

pytestmark = pytest.mark.slow

SEED_STATES = {"USA", "ISR", "IRN", "SAU", "OMN", "BHR", "ARE", "KWT", "IRQ", "QAT"}


def seed_article_id(con):
    title = json.loads((FIXTURES / "seed.jsonl").read_text(encoding="utf-8"))["title"]
    return con.execute("select article_id from marts.fct_articles where title = ?", [title]).fetchone()[0]


def test_run_succeeds_and_prints_a_summary(pipeline_run):
    result, warehouse, _ = pipeline_run
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = result.stdout
    assert "stancewatch run succeeded" in out
    assert "marts.fct_claims" in out and "marts.fct_stance_changes" in out
    assert "0 failed" in out and str(warehouse) in out and f"ui WAREHOUSE={warehouse}" in out
    assert "extract:" in result.stderr  # progress per stage
    assert "this run added: 31 documents, 24 articles, 7 rejects," in out
    # dbt summarised (one line, no per-node lines), no colour codes when the output is not a terminal
    assert re.search(r"dbt build: \d+ nodes in [\d.]+ s \(\d+ ok, \d+ pass\)", result.stderr), result.stderr[-3000:]
    assert not re.search(r"^\d+ of \d+ (OK|PASS)", out + result.stderr, re.MULTILINE)
    assert "\x1b[" not in out + result.stderr


def test_every_good_item_lands_once_and_every_bad_one_is_rejected(read_warehouse, small_raw_dir):
    _, expected = small_raw_dir
    n_articles = read_warehouse.sql("select count(*) from marts.fct_articles").fetchone()[0]
    assert n_articles == 1 + 5 + 2 + 14 + 2  # seed, news, reuters, timeline, pages
    rejects = {
        (f"{src}:{line}" if line else src): reason
        for src, line, reason in read_warehouse.sql("select source, line_number, reason from marts.rejects").fetchall()
    }
    assert rejects == expected


def test_seed_marts_hold_the_expected_actors_claims_and_stances(read_warehouse):
    con = read_warehouse
    article = seed_article_id(con)
    actors = dict(
        con.execute(
            """
        select distinct m.actor_id, a.actor_type from marts.fct_actor_mentions m
        join marts.dim_actors a using (actor_id) where m.article_id = ?""",
            [article],
        ).fetchall()
    )
    assert all(actors.get(code) == "country" for code in SEED_STATES)
    names = dict(
        con.execute(
            "select actor_id, name from marts.dim_actors where actor_id in "
            "(select actor_id from marts.fct_actor_mentions where article_id = ?)",
            [article],
        ).fetchall()
    )
    persons = {names[i] for i, t in actors.items() if t == "person"}
    assert {"Benny Gantz", "Joe Biden"} <= persons
    assert actors.get("reuters") == "organization"

    claims = con.execute(
        """
        select d.name, c.claim_text from marts.fct_claims c join marts.dim_actors d on d.actor_id = c.speaker_actor_id
        where c.article_id = ?""",
        [article],
    ).fetchall()
    speakers = {name for name, _ in claims}
    assert {"Reuters", "Benny Gantz", "United States"} <= speakers
    assert any("intercepted" in text for name, text in claims if name == "Benny Gantz")

    # the stance model: Gantz, whose alliance "has already intercepted Iranian attacks", opposes Iran; nobody here
    # supports Iran (the model misses Iraq's law "forbidding normalization with Israel", oppose 0.09 just under the
    # threshold, and "resistance from Qatar and Kuwait": known weaknesses in the README); every row carries the
    # model's confidence
    stances = con.execute(
        """
        select holder_actor_id, target_id, polarity, confidence, sentence_count from marts.fct_stances
        where article_id = ? and holder_level = 'actor'""",
        [article],
    ).fetchall()
    assert ("benny-gantz", "IRN", -1) in {(h, t, polarity) for h, t, polarity, _, _ in stances}
    assert not [row for row in stances if row[1] == "IRN" and row[2] == 1 and row[0] in {"USA", "ISR"}]
    threshold = stance_model.load().threshold
    assert all(threshold <= confidence <= 1 and count >= 1 for _, _, _, confidence, count in stances)


def test_offsets_index_the_article_text(read_warehouse):
    bad = read_warehouse.sql("""
        select count(*) from marts.fct_actor_mentions m join marts.fct_articles a using (article_id)
        where substr(a.text, m.start_char + 1, m.end_char - m.start_char) <> m.mention_text""").fetchone()[0]
    assert bad == 0
    bad = read_warehouse.sql("""
        select count(*) from marts.fct_claims c join marts.fct_articles a using (article_id)
        where substr(a.text, c.start_char + 1, c.end_char - c.start_char) <> c.claim_text""").fetchone()[0]
    assert bad == 0


def test_runs_are_recorded_with_metadata_for_the_ui(pipeline_run):
    from dagster import AssetKey, DagsterInstance

    _, warehouse, tmp = pipeline_run
    with DagsterInstance.from_config(str(tmp / "dagster_home")) as instance:
        event = instance.get_latest_materialization_event(AssetKey(["landing", "documents"]))
        metadata = event.asset_materialization.metadata
        assert metadata["dagster/row_count"].value == 1 + 5 + 2 + 14 + 2 + 3 + 4  # records + pages + bad documents
        # tables carry their row count and column types, views their columns only (pipelines/defs/transform/dbt.py)
        claims = instance.get_latest_materialization_event(AssetKey(["marts", "fct_claims"])).asset_materialization
        view = instance.get_latest_materialization_event(AssetKey(["staging", "stg_landing__claims"]))
        view_metadata = view.asset_materialization.metadata
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert (
            claims.metadata["dagster/row_count"].value == con.sql("select count(*) from marts.fct_claims").fetchone()[0]
        )
        columns = con.sql(
            "select column_name, data_type from information_schema.columns where table_schema = 'marts' "
            "and table_name = 'fct_claims' order by ordinal_position"
        ).fetchall()
    finally:
        con.close()
    assert [(c.name, c.type) for c in claims.metadata["dagster/column_schema"].value.columns] == columns
    assert "dagster/row_count" not in view_metadata
    assert [c.name for c in view_metadata["dagster/column_schema"].value.columns][:1] == ["article_id"]


def test_a_second_run_adds_nothing(pipeline_run_copy, small_raw_dir):
    result, warehouse, tmp = pipeline_run_copy
    raw, _ = small_raw_dir

    def counts():
        con = duckdb.connect(str(warehouse), read_only=True)
        try:
            return {
                t: con.sql(f"select count(*) from {t}").fetchone()[0]
                for t in (
                    "landing.documents",
                    "landing.articles",
                    "landing.rejects",
                    "landing.mentions",
                    "landing.claims",
                    "marts.fct_articles",
                    "marts.fct_claims",
                    "marts.fct_stances",
                    "marts.dim_actors",
                )
            }
        finally:
            con.close()

    before = counts()
    published = read_manifest(warehouse.parent / "parquet")
    again = run_cli(tmp, raw, warehouse)
    assert again.returncode == 0, again.stdout[-3000:]
    assert counts() == before
    assert "extract: 0 articles to parse" in again.stderr
    # nothing new: dbt, the checks on the marts and the publication are skipped, and the summary says so
    assert "this run added: 0 documents, 0 articles, 0 rejects, 0 mentions, 0 claims, 0 stances" in again.stdout
    assert "nothing new since the last publication" in again.stdout and "dbt build:" not in again.stderr
    assert read_manifest(warehouse.parent / "parquet") == published
    assert "(+0)" in again.stdout and "(+1" not in again.stdout
    # (how long it takes is make bench's to measure: a bound on seconds here failed on a shared machine, 50 s)
    assert re.search(r"stancewatch run succeeded in \d+ s", again.stdout)


def test_the_dbt_unit_tests_pass_on_a_copy_of_the_runs_warehouse(pipeline_run_copy, tmp_path):
    """A run builds the models and runs the data tests, not the unit tests (they check the SQL, not the data): they
    run here, against the warehouse of a run (dbt reads the columns of the models they feed from it)."""
    _, warehouse, _ = pipeline_run_copy
    manifest = json.loads((ROOT / "dbt_project" / "target" / "manifest.json").read_text(encoding="utf-8"))
    names = sorted(test["name"] for test in manifest["unit_tests"].values())
    assert "stance_change_is_a_sustained_shift_not_a_blip" in names
    dbt = str(Path(sys.executable).parent / "dbt")
    result = subprocess.run(
        # its own target and log folders: the project's manifest is read by the other tests' runs meanwhile
        [dbt, "test", "--select", "test_type:unit", "--no-use-colors", "--target-path", str(tmp_path / "target")]
        + ["--log-path", str(tmp_path / "logs")],
        cwd=ROOT / "dbt_project",
        env={
            **cli_env(tmp_path),
            "STANCEWATCH_WAREHOUSE": str(warehouse),
            "DBT_PROFILES_DIR": str(ROOT / "dbt_project"),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert re.search(rf"Done\. PASS={len(names)} WARN=0 ERROR=0 SKIP=0 ", result.stdout), result.stdout[-2000:]
