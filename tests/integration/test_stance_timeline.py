"""The stance timeline and its changes on real pool articles (tests/fixtures/iran_deal_timeline.jsonl): three 2015
articles on the Iran nuclear deal, two on the US withdrawal in May 2018, and one with Israel's opposition."""

import datetime
import shutil

import duckdb
import pytest

from tests.conftest import FIXTURES, built_once, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def timeline(tmp_path_factory):
    def build(tmp):  # once for all workers; the tests only read it
        raw = tmp / "raw"
        raw.mkdir()
        shutil.copy(FIXTURES / "iran_deal_timeline.jsonl", raw)
        result = run_cli(tmp, raw, tmp / "w.duckdb")
        assert result.returncode == 0, result.stdout[-3000:]
        return {}

    tmp, _ = built_once(tmp_path_factory, "timeline", build)
    con = duckdb.connect(str(tmp / "w.duckdb"), read_only=True)
    yield con
    con.close()


def test_periods_hold_one_vote_per_article_and_never_run_backwards(timeline):
    periods = timeline.sql("select * from marts.fct_stance_periods").fetchdf()
    assert len(periods) > 0
    assert (periods["support_count"] + periods["oppose_count"] <= periods["article_count"]).all()
    assert ((periods["net_polarity"] == 0) == (periods["support_count"] == periods["oppose_count"])).all()
    articles = timeline.sql("select count(*) from marts.fct_articles").fetchone()[0]
    assert periods["article_count"].max() <= articles
    backwards = timeline.sql("select count(*) from marts.fct_stance_changes where to_held_at < from_held_at")
    assert backwards.fetchone()[0] == 0


def test_israels_steady_opposition_forms_no_change(timeline):
    changes = timeline.sql("select count(*) from marts.fct_stance_changes where holder_actor_id = 'ISR'")
    assert changes.fetchone()[0] == 0


def test_us_support_in_2015_and_withdrawal_in_may_2018_form_one_change(timeline):
    # 2015: "The U.S., other world powers and Iran have negotiated a framework agreement", "The agreement, signed by
    # the United States, ..."; 2018: "President Donald Trump announced Tuesday he is quitting the Iran nuclear deal"
    # (a Tuesday of 2018-05-08). "Several major American Jewish organizations oppose the deal" is not the US's.
    rows = timeline.sql("""
        select from_polarity, to_polarity, year(from_held_at), to_held_at from marts.fct_stance_changes
        where holder_actor_id = 'USA' and target_id = 'iran-nuclear-deal'""").fetchall()
    assert len(rows) == 1
    from_polarity, to_polarity, from_year, to_held_at = rows[0]
    assert (from_polarity, to_polarity, from_year) == (1, -1, 2015)
    assert to_held_at == datetime.date(2018, 5, 8)
