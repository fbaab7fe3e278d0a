"""The trained stance model: it loads, scores real corpus sentences with the expected polarity, holds up on a
held-out fold, and the training script runs end to end on a tiny set."""

import gzip
import json
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipelines.lib import stance_training as st
from pipelines.lib.clean import normalize_text
from pipelines.lib.dictionaries import load
from pipelines.lib.nlp import stance_model
from pipelines.lib.nlp.extract import Extractor
from pipelines.lib.nlp.stance_features import article_context
from pipelines.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def extractor():
    return Extractor(Settings.from_env().spacy_model, load(), n_process=1)


def stances_of(extractor, text, published_at=None):
    result = next(extractor.extract([("a1", normalize_text(text), "h", published_at)]))
    return {
        (s["holder_actor_id"], s["target_actor_id"] or s["topic_id"], s["polarity"]): s
        for s in result["stances"]
        if s["holder_level"] == "actor"
    }


def test_the_committed_model_loads_with_its_training_figures():
    model = stance_model.load()
    assert len(model.version) == 12 and 0 < model.threshold < 1
    assert model.meta["annotations"]["articles"] >= 150 and model.meta["annotations"]["stances"] >= 1500
    assert {row["threshold"] for row in model.meta["cv"]["table"]} >= {model.threshold}
    probs = model.probabilities(["lca=support", "hdep=nsubj", "tdep=dobj", "feature never seen"])
    assert abs(sum(probs) - 1) < 1e-9 and all(0 < p < 1 for p in probs)


def test_the_committed_model_was_trained_with_the_wider_candidates():
    """Definite descriptions ("the administration", "the group"), pronouns after their subject and the collective
    actors of the dictionary ("Syrian rebels") give 1,486 of the 2,346 unique annotated stances a candidate (63.3%,
    61.3% before them): a model trained on fewer candidates is stale."""
    candidates = stance_model.load().meta["candidates"]
    assert candidates["gold_with_candidate"] / candidates["gold_unique"] >= 0.63


def test_identity_features_are_penalised_less_and_scored_as_binary_features():
    """The holder/target/pair identity features enter the fit at IDENTITY_SCALE (a weaker penalty); the weights the
    model keeps are those of binary features, so the JSON model scores exactly what the fitted regression does."""
    samples = (
        [st.Sample("a", (0, 1), "h", "t", ["lca=back", "dyad=ISR>IRN", "hdep=nsubj"], 2) for _ in range(6)]
        + [st.Sample("a", (0, 1), "h", "t", ["lca=back", "dyad=USA>ISR", "hdep=nsubj"], 1) for _ in range(6)]
        + [st.Sample("a", (0, 1), "h", "t", ["lca=say", "hdep=nsubj"], 0) for _ in range(12)]
    )
    weak = st.to_model(*st.fit(samples, c=0.1, min_count=1, identity_scale=1.0), 0.1, {})
    vec, clf = st.fit(samples, c=0.1, min_count=1, identity_scale=3.0)
    strong = st.to_model(vec, clf, 0.1, {})
    for s in samples:
        sk = clf.predict_proba(vec.transform([{f: 1 for f in s.features}]))[0]
        assert max(abs(a - b) for a, b in zip(sk, strong.probabilities(s.features))) < 1e-3
    assert abs(strong.weights["dyad=ISR>IRN"][2]) > abs(weak.weights["dyad=ISR>IRN"][2])
    assert stance_model.load().meta["identity_scale"] == st.IDENTITY_SCALE


def test_support_in_a_real_sentence(extractor):
    # Rxo86vSg7nV6ZgaR (dev gold is never trained on, but its sentence shapes are the corpus's): a near copy of a
    # news-bias sentence, "Britain ... strongly supports the nuclear deal"
    found = stances_of(extractor, "Saudi Arabia strongly supports the Iran nuclear deal.")
    stance = found.get(("SAU", "iran-nuclear-deal", 1))
    assert stance is not None and stance["confidence"] >= stance_model.load().threshold
    assert ("SAU", "iran-nuclear-deal", -1) not in found


def test_opposition_in_a_real_sentence(extractor):
    # 23nX81PcUCv0sxmM (2018-07-01)
    text = (
        "Iran\u2019s rial currency has lost up to 40 per cent of its value since last month, when Trump pulled out "
        "of the nuclear deal."
    )
    found = stances_of(extractor, text, datetime(2018, 7, 1))
    trump = load().resolve_actor("Donald Trump").actor_id
    assert (trump, "iran-nuclear-deal", -1) in found and (trump, "iran-nuclear-deal", 1) not in found


def test_no_stance_in_a_neutral_report(extractor):
    # scheduling and institutions are not positions (a known miss, in the README: a bare meeting, "Kerry met Zarif",
    # scores just at the threshold)
    assert stances_of(extractor, "The talks in Geneva will resume on Monday, a spokesman said.") == {}
    assert stances_of(extractor, "Iran holds a presidential election every four years.") == {}


def test_rows_are_one_per_article_stance_with_a_sentence_count(extractor):
    text = (
        "Saudi Arabia strongly supports the Iran nuclear deal.\n\n"
        "Saudi Arabia also strongly supports the Iran nuclear deal, its foreign minister said."
    )
    result = next(extractor.extract([("a1", normalize_text(text), "h", None)]))
    rows = [s for s in result["stances"] if (s["holder_actor_id"], s["topic_id"]) == ("SAU", "iran-nuclear-deal")]
    assert len(rows) == 1 and rows[0]["sentence_count"] == 2
    assert [s["stance_index"] for s in result["stances"]] == list(range(len(result["stances"])))


@pytest.fixture(scope="module")
def featurized(extractor):
    pairs = st.load_annotations()[:50]
    untrained = stance_model.StanceModel({}, [0.0, -50.0, -50.0], 1.0, "untrained")
    bare = Extractor(Settings.from_env().spacy_model, load(), stances=untrained)
    return st.featurize(pairs, bare, progress=lambda _: None)


def test_a_held_out_fold_beats_the_hand_written_rules(featurized):
    """Train on four fifths of 50 annotated articles, score the held-out fifth: the model must find stances there
    and do better than the rules alone (the rules' verdict is one of its features)."""
    held = set(st.folds_of(featurized, 5, 13)[0])
    train = [s for i, a in enumerate(featurized) if i not in held for s in a.samples]
    vec, clf = st.fit(train, c=0.1)
    model = st.to_model(vec, clf, 0.1, {})
    test = [a for i, a in enumerate(featurized) if i in held]
    probs = {i: [model.probabilities(s.features) for s in a.samples] for i, a in enumerate(test)}
    rules = {i: [_rule_probs(s.features) for s in a.samples] for i, a in enumerate(test)}
    learned = st.evaluate(test, probs, 0.1)["article"]
    by_rules = st.evaluate(test, rules, 0.5)["article"]
    assert learned["tp"] > 0 and learned["f1"] > by_rules["f1"]


def test_a_pairs_sentences_that_are_not_its_evidence_are_uncertain_not_none(featurized):
    """A candidate whose pair is one of the article's annotated stances, in a sentence the annotators did not give as
    its evidence, is flagged uncertain (it weighs UNCERTAIN_WEIGHT in the fit); a labelled one never is, nor a
    "none" whose pair the annotations do not hold."""
    uncertain = [(a, s) for a in featurized for s in a.samples if s.uncertain]
    assert uncertain and all(s.label == 0 for _, s in uncertain)
    for art, s in uncertain:
        assert any((s.holder_id, s.target_key) in keys for keys in art.gold_keys.values())
    held = {key for a in featurized for keys in a.gold_keys.values() for key in keys}
    assert all(not s.uncertain for a in featurized for s in a.samples if (s.holder_id, s.target_key) not in held)
    assert (
        sum(s.uncertain for a in featurized for s in a.samples)
        < sum(s.label == 0 for a in featurized for s in a.samples) / 10
    )


def test_an_uncertain_none_weighs_less_in_the_fit():
    samples = (
        [st.Sample("a", (0, 1), "h", "t", ["lca=back"], 1) for _ in range(4)]
        + [st.Sample("a", (0, 1), "h", "t", ["lca=back"], 0, uncertain=True) for _ in range(4)]
        + [st.Sample("a", (0, 1), "h", "t", ["lca=say"], 0) for _ in range(8)]
        + [st.Sample("a", (0, 1), "h", "t", ["lca=oppose"], 2) for _ in range(4)]
    )
    support = {
        weight: st.to_model(*st.fit(samples, c=1.0, min_count=1, uncertain_weight=weight), 0.1, {}).probabilities(
            ["lca=back"]
        )[1]
        for weight in (1.0, 0.25)
    }
    assert support[1.0] < 0.5 < support[0.25]  # four "back" support, four uncertain none: weighed 1 and 0.25
    assert stance_model.load().meta["uncertain_weight"] == st.UNCERTAIN_WEIGHT


def _rule_probs(features):
    rule = int(next(f for f in features if f.startswith("rule="))[5:])
    return [0.0, 1.0, 0.0] if rule == 1 else [0.0, 0.0, 1.0] if rule == -1 else [1.0, 0.0, 0.0]


def test_training_script_on_a_tiny_set(tmp_path):
    source = st.ANNOTATIONS
    files = sorted(source.glob("*.json"))[:6]
    tiny = tmp_path / "annotations"
    tiny.mkdir()
    for f in files:
        shutil.copy(f, tiny)
    ids = {f.stem for f in files}
    with gzip.open(source / st.BODIES, "rt", encoding="utf-8") as fh:
        bodies = [ln for ln in fh if json.loads(ln)["id"] in ids]
    with gzip.open(tiny / st.BODIES, "wt", encoding="utf-8") as fh:
        fh.writelines(bodies)
    out = tmp_path / "model.json"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "train.py"),
            "--annotations",
            str(tiny),
            "--out",
            str(out),
            "--folds",
            "3",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert "3-fold cross-validation by article" in run.stdout
    model = stance_model.load(out)
    assert model.meta["annotations"]["articles"] == 6 and model.weights
    assert len(model.meta["cv"]["table"]) == len(st.THRESHOLDS)


@pytest.mark.train  # ~1 min of CPU: run by `make eval`, not by `make test`
def test_make_train_reproduces_the_committed_figures(tmp_path):
    out = tmp_path / "model.json"
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert run.returncode == 0, run.stderr
    fresh, committed = stance_model.load(out), stance_model.load()
    assert fresh.threshold == committed.threshold
    for a, b in zip(fresh.meta["cv"]["table"], committed.meta["cv"]["table"]):
        assert abs(a["article"]["f1"] - b["article"]["f1"]) <= 0.02
        assert abs(a["pair"]["f1"] - b["pair"]["f1"]) <= 0.02


def test_the_target_alone_carries_no_prior_and_praise_of_the_deal_is_support(extractor):
    """Most annotated stances toward the Iran deal oppose it; a prior on the target turned Obama's praise of it
    into opposition (in 2015-Q3 the full corpus held 25 of his votes against the deal and 7 for). The model keeps
    priors for the holder and for the pair, none for the target alone: the sentence's own words decide."""
    model = stance_model.load()
    assert not any(name.startswith("tid=") for name in model.weights)
    assert any(name.startswith("dyad=") for name in model.weights)
    # politico.com, 2015-07-14, "U.S., world powers reach historic deal with Iran"
    text = (
        "Speaking from the White House Tuesday morning, Obama called the deal a victory for diplomacy that would "
        "prevent a nuclear arms race in the Middle East and avert a possible conflict with Iran."
    )
    found = stances_of(extractor, text, datetime(2015, 7, 14))
    obama = load().resolve_actor("Barack Obama").actor_id
    assert (obama, "iran-nuclear-deal", 1) in found and (obama, "iran-nuclear-deal", -1) not in found


def test_a_pairs_cues_in_the_articles_other_sentences_are_features_of_each_of_its_candidates():
    def candidate(holder, target, *features):
        return SimpleNamespace(
            holder=SimpleNamespace(actor_id=holder), target=SimpleNamespace(key=target), features=list(features)
        )

    cued = candidate("USA", "iran-nuclear-deal", "lex_lca=1", "rule=0")  # "praised the deal"
    before = candidate("USA", "iran-nuclear-deal", "lex_lca=0", "rule=0")
    after = candidate("USA", "iran-nuclear-deal", "lex_lca=0", "rule=0")
    other = candidate("IRN", "iran-nuclear-deal", "lex_lca=0", "rule=1")  # another holder's cue
    article_context([[before], [cued, other], [after]])
    assert before.features[-1] == "ctx_cue=01" and after.features[-1] == "ctx_cue=10"
    assert cued.features[-1] == "ctx_cue=00" and other.features[-1] == "ctx_cue=00"


def test_every_candidate_of_a_real_article_has_its_article_context(extractor):
    # tests/fixtures/iran_deal_timeline.jsonl, cnn.com 2015-07-14 (training pool xeHls90LJJ3VyxIt), paragraphs 9-15
    record = next(
        json.loads(line)
        for line in (ROOT / "tests" / "fixtures" / "iran_deal_timeline.jsonl").open(encoding="utf-8")
        if json.loads(line)["published_at"] == "2015-07-14"
    )
    text = normalize_text("\n".join(record["text"].split("\n")[8:15]))
    docs, offset = [], 0
    for paragraph in text.split("\n"):
        docs.append((extractor.nlp(paragraph), offset))
        offset += len(paragraph) + 1
    seen = []
    extractor.analyze(docs, on_candidates=lambda par, sent, candidates: seen.extend(candidates))
    assert seen and all(sum(f.startswith("ctx_cue=") for f in c.features) == 1 for c in seen)
    assert not any(f.startswith("bw=") for c in seen for f in c.features)
