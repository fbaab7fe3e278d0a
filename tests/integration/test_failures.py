"""A blocking check that fails makes `stancewatch run` exit non-zero; the GX suites fail on bad data."""

import pandas as pd
import pytest

from pipelines.lib import quality
from tests.conftest import run_cli


@pytest.mark.slow
def test_an_empty_raw_dir_fails_the_blocking_article_check(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    previous = _previous_publication(tmp_path)  # what readers had before this run
    result = run_cli(tmp_path, raw, tmp_path / "w.duckdb")
    assert result.returncode == 1
    assert "FAILED" in result.stdout
    assert "marts/fct_articles:fct_articles_has_rows_with_unique_ids_and_urls_titles_and_text" in result.stdout
    # the publication (and the report after it) was skipped: readers keep the previous one
    assert _publication_state(tmp_path) == previous
    assert "the previous publication is still in place" in result.stdout
    assert not (tmp_path / "docs" / "report.html").exists()


def _previous_publication(folder):
    """A publication next to the warehouse-to-be, as an earlier run would have left (pipelines.lib.publish)."""
    import duckdb

    from pipelines.lib import publish

    con = duckdb.connect(str(folder / "earlier.duckdb"))
    con.execute("create schema marts; create table marts.fct_articles as select range as article_id from range(3)")
    publish.publish(con, folder / "serving.duckdb", folder / "parquet")
    con.close()
    return _publication_state(folder)


def _publication_state(folder):
    import hashlib
    import os

    return (
        hashlib.sha256((folder / "serving.duckdb").read_bytes()).hexdigest(),
        os.readlink(folder / "parquet"),
        sorted(os.listdir(folder / "parquet.versions")),
    )


def test_missing_raw_dir_is_a_clear_error(tmp_path):
    result = run_cli(tmp_path, tmp_path / "nope", tmp_path / "w.duckdb")
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def _frame(**overrides):
    rows = [
        {
            "claim_id": "c1",
            "attribution": "indirect",
            "claim_text": "x y z",
            "cue": "say",
            "start_char": 0,
            "end_char": 5,
        },
        {
            "claim_id": "c2",
            "attribution": "direct_quote",
            "claim_text": "a b c",
            "cue": "tell",
            "start_char": 10,
            "end_char": 20,
        },
    ]
    rows[1].update(overrides)
    return pd.DataFrame(rows)


def test_claims_suite_passes_on_good_rows_and_fails_on_bad_ones():
    suite = quality.load_suite(quality.suite_path("marts.fct_claims"))
    assert quality.validate_frame(_frame(), suite, "good").success
    bad = quality.validate_frame(_frame(claim_id="c1", attribution="rumour", end_char=3), suite, "bad")
    assert not bad.success
    assert {f["expectation"] for f in bad.failed} == {
        "expect_column_values_to_be_unique",
        "expect_column_values_to_be_in_set",
        "expect_column_pair_values_a_to_be_greater_than_b",
    }


def test_a_quote_in_the_warehouse_file_name_is_a_clear_error_before_any_work(tmp_path):
    """dbt-duckdb names the database after the file and does not quote it (`where catalog_name = '"it's"'`)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "note.txt").write_text("A title\n\nIran said the talks would continue on Monday.", encoding="utf-8")
    result = run_cli(tmp_path, raw, tmp_path / "it's.duckdb")
    assert result.returncode == 2, result.stdout[-2000:] + result.stderr[-2000:]
    assert "holds a quote" in result.stderr and "it's.duckdb" in result.stderr
    assert not (tmp_path / "it's.duckdb").exists()
