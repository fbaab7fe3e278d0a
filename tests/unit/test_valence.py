"""Which way words lean (pipelines/lib/nlp/valence.py), on real corpus sentences parsed by the pipeline's model."""

import pytest
import spacy

from pipelines.lib.dictionaries import load
from pipelines.lib.nlp.stance_features import _polarity
from pipelines.lib.nlp.valence import composed, leaning
from pipelines.settings import Settings


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(Settings.from_env().spacy_model)


@pytest.fixture(scope="module")
def stance_polarity():
    dicts = load()
    return lambda token: _polarity(dicts, token)


def token(doc, text):
    return next(t for t in doc if t.text == text)


def test_judging_words_lean_and_the_stance_lexicon_wins(nlp, stance_polarity):
    # politico.com, 2015-07-14, "U.S., world powers reach historic deal with Iran"
    doc = nlp(
        "Speaking from the White House Tuesday morning, Obama called the deal a victory for diplomacy that would "
        "prevent a nuclear arms race in the Middle East and avert a possible conflict with Iran."
    )
    assert leaning(token(doc, "conflict"), stance_polarity) == -1
    assert leaning(token(doc, "Speaking"), stance_polarity) == 0
    assert leaning(token(doc, "called"), stance_polarity) == 0
    # npr.org, 2015-09-10, "Vote To Reject Iran Nuclear Deal Fails, Handing Victory To Obama"
    proud = nlp("\"The president's proud of the deal.")
    assert leaning(token(proud, "proud"), stance_polarity) == 1
    opposes = nlp("Israel opposes the deal.")
    assert leaning(token(opposes, "opposes"), stance_polarity) == -1


def test_polarity_composes_down_the_path_and_negation_flips_it(nlp, stance_polarity):
    # a sentence of the 2015 coverage: "Obama has pledged to veto any legislation that stops the agreement ..."
    doc = nlp("Obama has pledged to veto any legislation that stops the agreement from moving forward.")
    veto, stops = token(doc, "veto"), token(doc, "stops")
    assert leaning(veto, stance_polarity) == -1 and leaning(stops, stance_polarity) == -1
    chain = [t for t in doc if t.i in {veto.i, token(doc, "legislation").i, stops.i}]
    assert composed(chain, stance_polarity) == 1  # vetoing what stops the deal is for the deal
    negated = nlp("Congress did not block the agreement.")
    assert composed([token(negated, "block")], stance_polarity) == 1
    assert composed([token(negated, "Congress")], stance_polarity) is None
