"""A blocking check that fails makes `stancewatch run` exit non-zero; the GX suites fail on bad data."""
import pandas as pd
import pytest

from pipelines.lib import quality
from tests.conftest import run_cli


@pytest.mark.slow
def test_an_empty_raw_dir_fails_the_blocking_article_check(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    result = run_cli(tmp_path, raw, tmp_path / "w.duckdb")
    assert result.returncode == 1
    assert "FAILED" in result.stdout
    assert "marts/fct_articles:fct_articles_pass_quality_suite" in result.stdout


def test_missing_raw_dir_is_a_clear_error(tmp_path):
    result = run_cli(tmp_path, tmp_path / "nope", tmp_path / "w.duckdb")
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def _frame(**overrides):
    rows = [{"claim_id": "c1", "attribution": "indirect", "claim_text": "x y z", "cue": "say",
             "start_char": 0, "end_char": 5},
            {"claim_id": "c2", "attribution": "direct_quote", "claim_text": "a b c", "cue": "tell",
             "start_char": 10, "end_char": 20}]
    rows[1].update(overrides)
    return pd.DataFrame(rows)


def test_claims_suite_passes_on_good_rows_and_fails_on_bad_ones():
    suite = quality.load_suite(quality.suite_path("marts.fct_claims"))
    assert quality.validate_frame(_frame(), suite, "good").success
    bad = quality.validate_frame(_frame(claim_id="c1", attribution="rumour", end_char=3), suite, "bad")
    assert not bad.success
    assert {f["expectation"] for f in bad.failed} == {
        "expect_column_values_to_be_unique", "expect_column_values_to_be_in_set",
        "expect_column_pair_values_a_to_be_greater_than_b"}
