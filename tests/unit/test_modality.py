"""Sentences that do not assert a position give no stance, or the stance of the right holder (issue "Stance changes an
analyst can trust", part 3). Every sentence is a real one from the news-bias corpus (id in the comment, never a dev
gold article); each case names the row the stance model produced before nlp/modality.py, so each test can fail."""

import pytest

from pipelines.lib.clean import normalize_text
from pipelines.lib.dictionaries import load
from pipelines.lib.nlp.extract import Extractor
from pipelines.lib.nlp.modality import unasserted
from pipelines.settings import Settings


@pytest.fixture(scope="module")
def extractor():
    return Extractor(Settings.from_env().spacy_model, load(), n_process=1)


def stances_of(extractor, text):
    result = next(extractor.extract([("a1", normalize_text(text), "h", None)]))
    return {
        (s["holder_actor_id"], s["target_actor_id"] or s["topic_id"], s["polarity"])
        for s in result["stances"]
        if s["holder_level"] == "actor"
    }


def reason(extractor, text, cue_text, holder_text=None):
    doc = extractor.nlp(text)
    sent = next(doc.sents)
    cue = next(t for t in sent if t.text == cue_text)
    holder = next(t for t in sent if t.text == holder_text) if holder_text else None
    return unasserted(sent, cue, holder)


def test_a_question_states_no_position(extractor):
    # SH6vKpjQQMzDZMso
    text = "Would Barr support pardons again?"
    assert reason(extractor, text, "support") == "question"
    assert stances_of(extractor, text) == set()


def test_a_conditional_offer_is_not_a_stance(extractor):
    # 2o4Hsvlmh7tDxeE7 (before: Avigdor Lieberman -> Benjamin Netanyahu, support 0.28)
    text = (
        "Former Defense Minister Avigdor Lieberman \u2014 considered kingmaker in recent elections \u2014 publicly "
        "declared last week he would support a pardon for Netanyahu if the leader left politics."
    )
    assert reason(extractor, text, "support") == "conditional"
    assert not {s for s in stances_of(extractor, text) if s[0] == "avigdor-lieberman"}


def test_a_holder_inside_an_if_clause_is_hypothetical(extractor):
    # p2ZuDqEwDlWHY5tr (before: United States opposes Iran, Hamas and Hezbollah); Iran sponsoring Hezbollah is no
    # position of the United States
    text = (
        "Even if the US manages to strike a deal on that question, there is still the issue of Iran sponsoring "
        "terrorist groups such as the Lebanese Shiite movement Hezbollah on Israel\u2019s northern border and "
        "Palestinian Hamas on its southern flank."
    )
    assert not {s for s in stances_of(extractor, text) if s[0] == "USA"}


def test_might_and_could_are_not_positions(extractor):
    # 0wLQy3L4lCExyl8E (before: United States supports the Iran nuclear deal 0.44 and Palestinian statehood 0.37)
    text = (
        "Or the US might support a Franco-Arab resolution proposing a \u201cframework agreement\u201d for resolving "
        "the Israeli-Palestinian conflict and creating a Palestinian state, Miller says."
    )
    assert reason(extractor, text, "support") == "modal"
    assert not {s for s in stances_of(extractor, text) if s[0] == "USA"}


def test_a_stated_intention_is_a_position(extractor):
    # BPYHeFMY36IF4xI4: "would veto" without a condition is what Obama says he will do
    assert reason(extractor, "Obama has said he would veto any bill to block it.", "veto") is None


def test_a_denial_is_not_the_position_it_denies(extractor):
    # l7BIJjCYTSt2PKyT (before: Iran opposes Ukraine 0.17)
    text = (
        "Iran initially denied reports that one of its missiles had brought down the Ukrainian plane near the "
        "capital, Tehran."
    )
    assert reason(extractor, text, "denied") == "denial"
    assert ("IRN", "UKR", -1) not in stances_of(extractor, text)


def test_a_refusal_to_confirm_is_not_the_position_it_leaves_open(extractor):
    # iVMYMnO6yWuAeGIH (before: Martin Dempsey opposes military strikes on Syria 0.46, the United States supports
    # them 0.11; in the whole article the United States opposed them, one side of a stance change on the full corpus)
    text = (
        "At the same news conference, Gen. Martin Dempsey, chairman of the Joint Chiefs of Staff, said the U.S. is "
        "going to expand its reach to address ISIS. He refused, however, to confirm that the U.S. would conduct "
        "airstrikes in Syria."
    )
    doc = extractor.nlp(text)
    sent = list(doc.sents)[1]
    conduct = next(t for t in sent if t.text == "conduct")
    assert unasserted(sent, conduct) == "unconfirmed"
    assert not {s for s in stances_of(extractor, text) if s[1] == "military-strikes-on-syria"}
    # confirming it is a position
    said = "Dempsey confirmed that the U.S. would conduct airstrikes in Syria."
    assert reason(extractor, said, "conduct") is None


def test_what_someone_could_say_is_no_position(extractor):
    # rsNl75ijyCxeNqWC (before: the United States opposes the Iran nuclear deal 0.56, the first opposing vote of the
    # full corpus's stance change, moving it from 2017-02-03 to 2016-11-18)
    text = (
        "It would also harm Washington\u2019s image in the international community because Tehran could say the US "
        "undermined an agreement that took more than a decade of grueling diplomatic work to put together."
    )
    assert reason(extractor, text, "undermined") == "modal"
    assert reason(extractor, "Tehran said the US undermined the agreement.", "undermined") is None


def test_striking_a_tone_is_a_manner_not_a_position(extractor):
    # BD4BZPZp1bYXPNpa (before: Barack Obama opposes Benjamin Netanyahu 0.45)
    text = (
        "Obama struck a confident tone, directly engaging potential critics including Netanyahu and Republicans "
        "in Congress."
    )
    assert reason(extractor, text, "struck") == "idiom"
    assert not {s for s in stances_of(extractor, text) if s[0] == "barack-obama"}


def test_backing_down_is_not_backing(extractor):
    # 16DTNBAY0lJT55Uk: "back down" is yielding, not support
    text = (
        "They were too invested in the program, politically, to back down \u2014 even if backing down would have "
        "been in Iran's national interests."
    )
    assert reason(extractor, text, "back") == "idiom"


def test_defending_against_x_is_opposition_to_x(extractor):
    # KzdcLRd3SZQFKAqN
    text = (
        "Iran's foreign minister told CNN the Islamic Republic \"won't blink\" if it has to defend itself against "
        'any U.S. or Saudi military strike, which he said would lead to "all-out war."'
    )
    found = stances_of(extractor, text)
    assert ("IRN", "USA", 1) not in found and ("IRN", "SAU", 1) not in found


def test_a_prescription_for_another_is_the_speakers_position(extractor):
    # cJac3MVkfo0OAqb6 (before: United States opposes Saudi Arabia 0.19): Graham's demand, not a US position
    text = (
        "\"It\u2019s hard to find this latest 'explanation' as credible,\" said Graham, who previously had said the "
        'United States should "sanction the hell out of Saudi Arabia" until the prince is ousted from power.'
    )
    assert ("USA", "SAU", -1) not in stances_of(extractor, text)


def test_who_is_urged_does_not_hold_the_position(extractor):
    # Wd4U4edpRqbLpMi4 (before: Iran opposes the Islamic State 0.71, the United States 0.20): he urges both
    text = (
        "He also called on the United States to step up airstrikes and said Iran should play a role in battling ISIS."
    )
    assert reason(extractor, text, "play", "Iran") == "attributed"
    assert reason(extractor, text, "called", "States") == "urged"
    found = stances_of(extractor, text)
    assert not {s for s in found if s[1] == "islamic-state" and s[0] in {"IRN", "USA"}}
