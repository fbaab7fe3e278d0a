"""When a stance holds (held_at) and what it is about: real corpus sentences (news-bias ids in the comments)."""

from datetime import date, datetime

import pytest
import spacy

from pipelines.lib.clean import normalize_text
from pipelines.lib.dictionaries import load
from pipelines.lib.nlp.dates import resolve, stance_date
from pipelines.lib.nlp.extract import Extractor
from pipelines.settings import Settings


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(Settings.from_env().spacy_model)


def date_of(nlp, text, published):
    return stance_date(next(nlp(text).sents), published)


def test_a_year_inside_a_noun_phrase_is_not_the_date(nlp):
    # 23nX81PcUCv0sxmM (2018-07-01): "the 2015 nuclear deal" names the deal; the withdrawal holds when published
    text = (
        "The Trump administration is pushing countries to cut all imports of Iranian oil from November when the "
        "United States re-imposes sanctions against Tehran, after Trump withdrew from the 2015 nuclear deal "
        "agreed between Iran and six major powers, against the advice of allies in Europe and elsewhere."
    )
    assert date_of(nlp, text, date(2018, 7, 1)) == (date(2018, 7, 1), False)


def test_a_year_modifying_the_clause_dates_it(nlp):
    assert date_of(nlp, "The United States signed the nuclear deal with Iran in 2015.", date(2018, 7, 1)) == (
        date(2015, 1, 1),
        False,
    )


def test_relative_dates_resolve_against_publication(nlp):
    # AWesipdZ2ry4vsNT (2015-03-14): "he said last May at West Point" -> May 2014
    assert date_of(nlp, '"I will work with Congress," he said last May at West Point.', date(2015, 3, 14)) == (
        date(2014, 5, 1),
        False,
    )
    assert resolve("three years ago", date(2018, 7, 1)) == date(2015, 7, 1)
    assert resolve("last year", date(2018, 7, 1)) == date(2017, 1, 1)
    assert resolve("yesterday", date(2018, 7, 1)) == date(2018, 6, 30)
    assert resolve("May 8, 2018", None) == date(2018, 5, 8)
    assert resolve("May 2018", None) == date(2018, 5, 1)
    assert resolve("on May 8", date(2018, 5, 13)) == date(2018, 5, 8)
    assert resolve("on May 20", date(2018, 5, 13)) == date(2017, 5, 20)


def test_a_weekday_is_the_latest_such_day_up_to_publication(nlp):
    # 0RIB95UWMIy95wr9 (Sunday 2018-05-13): "On Tuesday, Trump announced ..." -> 2018-05-08
    text = (
        "On Tuesday, Trump announced he was withdrawing from the 2015 accord between Iran and the United States, "
        "France, the United Kingdom, Germany, Russia and China that places limits on Iran's nuclear program in "
        "exchange for sanctions relief."
    )
    assert date_of(nlp, text, date(2018, 5, 13)) == (date(2018, 5, 8), False)
    assert resolve("Sunday", date(2018, 5, 13)) == date(2018, 5, 13)
    # a weekday of a plan does not date a position: "are scheduled to meet Tuesday" (same article)
    plan = "The top diplomats of Germany, France and Britain are scheduled to meet Tuesday with Zarif."
    assert date_of(nlp, plan, date(2018, 5, 13)) == (date(2018, 5, 13), False)


def test_past_markers_without_a_date_are_background(nlp):
    assert date_of(nlp, "Obama previously backed the deal.", date(2018, 7, 1)) == (None, True)
    assert date_of(nlp, "Obama once backed the deal.", date(2018, 7, 1)) == (None, True)


def test_once_as_a_conjunction_is_not_a_past_marker(nlp):
    # HPKEdsfGHZR3cDLA (Sunday 2015-10-18): "once Iran meets its obligations" is a condition, not the past
    text = (
        "President Obama signed an order Sunday directing his administration to begin issuing waivers to Iran "
        "nuclear sanctions — but the waivers will only go into effect once Iran meets its obligations under the "
        "agreement limiting its nuclear program."
    )
    assert date_of(nlp, text, date(2015, 10, 18)) == (date(2015, 10, 18), False)


def test_a_date_after_publication_does_not_date_a_position(nlp):
    assert date_of(nlp, "The United States will leave the deal in 2019.", date(2018, 7, 1)) == (date(2018, 7, 1), False)


def test_a_tone_is_not_a_target():
    # DdAYXMsHUB0ADPGB (2013-11-23)
    extractor = Extractor(Settings.from_env().spacy_model, load(), n_process=1)
    text = (
        "Rouhani has struck up a more conciliatory tone and made the lifting sanctions against his country a priority."
    )
    result = next(extractor.extract([("a1", normalize_text(text), "h", datetime(2013, 11, 23))]))
    assert not [s for s in result["stances"] if "tone" in (s["topic_id"] or "")]


def test_a_date_of_another_clause_does_not_date_the_stance(nlp):
    # news-bias "US sends missile system and ship to Middle East as Iran tensions escalate" (bbc.com, 2019)
    sent = next(
        nlp(
            "Last year, US President Donald Trump unilaterally withdrew from a landmark nuclear deal America "
            "and other nations had agreed with Iran in 2015."
        ).sents
    )
    withdrew = next(t for t in sent if t.lemma_ == "withdraw")
    agreed = next(t for t in sent if t.lemma_ == "agree")
    assert stance_date(sent, date(2019, 5, 6), withdrew) == (date(2018, 1, 1), False)
    assert stance_date(sent, date(2019, 5, 6), agreed) == (date(2015, 1, 1), False)
