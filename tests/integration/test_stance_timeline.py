"""The stance timeline and its changes on real pool articles: the shared run (tests/conftest.py) holds
tests/fixtures/iran_deal_timeline.jsonl, six 2015 articles on the Iran nuclear deal, seven on the US withdrawal in
May 2018 and after, and one with Israel's opposition, next to the other fixture articles."""

import datetime
from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture()
def timeline(read_warehouse):
    return read_warehouse


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


def test_each_side_of_a_change_is_its_confident_votes_in_its_window(timeline):
    """The evidence of each side: stances of fct_stances on that side, confident enough, within 12 months of the
    change, from several outlets, as many as the side's article count."""
    result = timeline.sql("select * from marts.fct_stance_changes")
    columns = [c[0] for c in result.description]
    changes = [SimpleNamespace(**dict(zip(columns, row))) for row in result.fetchall()]
    assert len(changes) > 0
    for change in changes:
        for side, polarity, ids, articles in (
            ("from", change.from_polarity, change.from_evidence_ids, change.from_articles),
            ("to", change.to_polarity, change.to_evidence_ids, change.to_articles),
        ):
            rows = timeline.execute(
                "select polarity, confidence, held_at from marts.fct_stances where stance_id in "
                "(select unnest(?::varchar[]))",
                [list(ids)],
            ).fetchall()
            assert len(rows) == len(ids) == articles >= 5, side
            assert {p for p, _, _ in rows} == {polarity}, side
            assert min(c for _, c, _ in rows) >= 0.45, side
            held = sorted(h for _, _, h in rows)
            if side == "from":
                assert held[-1] == change.from_held_at and (held[-1] - held[0]).days <= 366
            else:
                assert held[0] == change.to_held_at and (held[-1] - held[0]).days <= 366
