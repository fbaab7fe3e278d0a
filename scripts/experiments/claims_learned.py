#!/usr/bin/env python3
"""Experiment: does a model learned from the claims annotations beat the claims rules (issue 13, item 5)?

  .venv/bin/python scripts/experiments/claims_learned.py WAREHOUSE GOLD_DIR [WAREHOUSE GOLD_DIR ...]

Each WAREHOUSE is a `stancewatch run` of the records of the annotated pool articles in GOLD_DIR (never dev), e.g.

  python ../shared/eval/make_records.py /tmp/A/raw/records.jsonl --news-bias <ids of the first 120 annotations>
  .venv/bin/stancewatch run --raw-dir /tmp/A/raw --warehouse /tmp/A/w.duckdb

Two learned parts, each cross-validated by article (5 folds, seed 13, logistic regression), matched the way the
shared `score_gold.py` matches:
1. speaker choice: for every predicted claim whose content matches a gold claim, the candidates are the rules'
   speaker, no speaker, and every actor mentioned from one sentence after to four before the claim; features are the
   candidate's distance and place, type, mentions, the kind of the rules' speaker phrase (pronoun, description, name)
   and whether it is the rules' choice. Printed: claims whose speaker is right under the rules, under the model, and
   under an oracle that picks the right candidate whenever there is one.
2. claim filter: every predicted claim gets a probability of being right (speaker and content) from its cue,
   attribution, speaker phrase, speaker type, length and place; claims below a threshold are dropped. Printed: claims
   F1 and content-only F1 at each threshold.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import duckdb
import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from double_annotation import load_scorer  # noqa: E402  (the shared scorer, ../shared/eval/score_gold.py)

PRONOUNS = {"he", "she", "it", "they", "who", "we", "i", "that", "which", "him", "her", "them"}
DETERMINERS = {"the", "a", "an", "another", "one", "some", "its", "his", "her", "their"}
FOLDS, SEED = 5, 13
NO_MENTION = {"distance": 9, "near": 0, "inside_only": True, "before": False, "after": False, "chars": 10**6}


sg = load_scorer()


def phrase_kind(text: str | None) -> str:
    if not text:
        return "none"
    text = text.lower().strip()
    if text in PRONOUNS:
        return "pronoun_" + text
    return "description" if text.split()[0] in DETERMINERS else "name"


class Warehouse:
    def __init__(self, path: str):
        self.con = duckdb.connect(path, read_only=True)
        self.by_title = {
            " ".join((t or "").lower().split()): a
            for a, t in self.con.execute("select article_id, title from marts.fct_articles").fetchall()
        }
        self.actors = {
            aid: {"actor_id": aid, "name": n, "actor_type": t, "country_code": c, "mentions": set()}
            for aid, n, t, c in self.con.execute(
                "select actor_id, name, actor_type, country_code from marts.dim_actors"
            ).fetchall()
        }
        for aid, text in self.con.execute(
            "select distinct actor_id, mention_text from marts.fct_actor_mentions"
        ).fetchall():
            if aid in self.actors and text:
                self.actors[aid]["mentions"].add(text)

    def rows(self, sql: str, article: str):
        return self.con.execute(sql, [article]).fetchall()


def speaker_is_right(gold_claim, refer, actors, actor_id, speaker_text) -> bool:
    """The scorer's speaker test: a null gold speaker wants none; a named one, the actor or the speaker's text."""
    if gold_claim.get("speaker") is None:
        return actor_id is None
    ref = refer(gold_claim["speaker"])
    if actor_id is not None and sg.actor_matches(ref, actors.get(actor_id)):
        return True
    phrase = {"actor_id": None, "name": speaker_text, "actor_type": None, "country_code": None, "mentions": set()}
    return speaker_text is not None and sg.actor_matches(ref, phrase)


def referrer(gold):
    """The scorer's reference for a gold speaker name: the gold actor of that name, else the bare name."""
    named = {g["name"]: g for g in gold["actors"]}
    return lambda name: named.get(name) or {"name": name, "type": None, "country": None}


def articles(pairs):
    """Yield (warehouse, article_id, gold) for every annotated article found in its warehouse."""
    for wpath, gdir in pairs:
        wh = Warehouse(wpath)
        for path in sorted(Path(gdir).glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            art = wh.by_title.get(" ".join((gold.get("title") or "").lower().split()))
            if art is not None:
                yield wh, art, gold


def candidate_features(mentions, sentence, start, end):
    """Per actor mentioned near a claim: nearest sentence distance, mentions near it, where it stands."""
    found: dict = {}
    for actor_id, m_sentence, m_start, m_end in mentions:
        if m_sentence is None or sentence is None:
            continue
        d = sentence - m_sentence
        if d < -1 or d > 4:
            continue
        inside = start is not None and m_start >= start and m_end <= end
        f = found.setdefault(actor_id, dict(NO_MENTION, distance=99, near=0))
        f["distance"] = min(f["distance"], d if d >= 0 else 5)
        f["near"] += 1
        f["inside_only"] = f["inside_only"] and inside
        if d == 0 and not inside and start is not None:
            if m_end <= start:
                f["before"], f["chars"] = True, min(f["chars"], start - m_end)
            else:
                f["after"], f["chars"] = True, min(f["chars"], m_start - end)
    return found


def speaker_choice(pairs) -> None:
    rows = []  # (claim key, features, candidate right, is the rules' choice, rules right, article)
    for wh, art, gold in articles(pairs):
        refer = referrer(gold)
        mentions = wh.rows(
            "select actor_id, sentence_index, start_char, end_char from marts.fct_actor_mentions where article_id = ?",
            art,
        )
        counts = Counter(m[0] for m in mentions)
        claims = wh.rows(
            "select claim_id, speaker_actor_id, speaker_text, claim_text, sentence_index, start_char, end_char, cue "
            "from marts.fct_claims where article_id = ?",
            art,
        )
        for claim_id, sid, stext, ctext, sentence, start, end, cue in claims:
            f1, best = max(
                ((sg.word_f1(g["content"], ctext), g) for g in gold["claims"]), default=(0.0, None), key=lambda x: x[0]
            )
            if f1 < 0.5:
                continue
            rules_right = speaker_is_right(best, refer, wh.actors, sid, stext)
            kind = phrase_kind(stext)
            near = candidate_features(mentions, sentence, start, end)
            for actor_id in sorted(set(near) | {sid, None}, key=lambda a: (a is None, a or "")):
                f = near.get(actor_id, NO_MENTION)
                actor_type = (wh.actors.get(actor_id) or {}).get("actor_type") or (
                    "null" if actor_id is None else "unknown"
                )
                chosen = actor_id == sid
                feats = {
                    "rules": chosen,
                    "rules_" + kind: chosen,
                    "rules_cue_" + (cue or ""): chosen,
                    "null": actor_id is None,
                    "null_" + kind: actor_id is None,
                    "type_" + actor_type: 1,
                    "type_" + actor_type + "_" + kind: 1,
                    "distance_" + str(min(f["distance"], 6)): 1,
                    "inside_only": f["inside_only"],
                    "before": f["before"],
                    "after": f["after"],
                    "close": f["chars"] < 60,
                    "near_log": np.log1p(f["near"]),
                    "article_log": np.log1p(counts.get(actor_id, 0)),
                }
                right = rules_right if chosen else speaker_is_right(best, refer, wh.actors, actor_id, None)
                rows.append(((art, claim_id), feats, right, chosen, rules_right, art))
    groups = defaultdict(list)
    for i, row in enumerate(rows):
        groups[row[0]].append(i)
    rules = sum(rows[ix[0]][4] for ix in groups.values())
    oracle = sum(any(rows[i][2] for i in ix) for ix in groups.values())
    print(f"speaker choice: {len(groups)} claims whose content matches, {len(rows)} candidates")
    print(f"  rules' speaker right: {rules}; oracle over the candidates: {oracle}")
    for with_rules in (True, False):
        keep = [{k: float(v) for k, v in r[1].items() if with_rules or not k.startswith("rules")} for r in rows]
        probs = out_of_fold(keep, [r[2] for r in rows], [r[5] for r in rows])
        right = changed = gained = lost = 0
        for ix in groups.values():
            pick = max(ix, key=lambda i: probs[i])
            was = rows[ix[0]][4]
            now = was if rows[pick][3] else rows[pick][2]
            right += now
            if not rows[pick][3]:
                changed, gained, lost = changed + 1, gained + (now and not was), lost + (was and not now)
        label = "model with the rules' choice as a feature" if with_rules else "model without the rules' choice"
        print(f"  {label}: right {right}, changed {changed} (right after {gained}, wrong after {lost})")


def out_of_fold(features, labels, groups) -> np.ndarray:
    X = DictVectorizer().fit_transform(features)
    y = np.array(labels)
    order = sorted(set(groups))
    np.random.RandomState(SEED).shuffle(order)
    fold_of = {g: i % FOLDS for i, g in enumerate(order)}
    fold = np.array([fold_of[g] for g in groups])
    probs = np.zeros(len(y))
    for k in range(FOLDS):
        train = fold != k
        model = LogisticRegression(C=1.0, max_iter=3000).fit(X[train], y[train])
        probs[~train] = model.predict_proba(X[~train])[:, 1]
    return probs


def claim_filter(pairs) -> None:
    per_article = []  # (gold claims, full-match pairs, content-match pairs, number predicted)
    features, labels, groups = [], [], []
    for wh, art, gold in articles(pairs):
        refer = referrer(gold)
        claims = wh.rows(
            "select speaker_actor_id, speaker_text, claim_text, cue, attribution, is_hedged, is_negated, "
            "sentence_index from marts.fct_claims where article_id = ?",
            art,
        )
        full, content = [], []
        for p, (sid, stext, ctext, *_rest) in enumerate(claims):
            for gi, g in enumerate(gold["claims"]):
                f1 = sg.word_f1(g["content"], ctext)
                if f1 >= 0.5:
                    content.append((f1, gi, p))
                    if speaker_is_right(g, refer, wh.actors, sid, stext):
                        full.append((f1, gi, p))
        right = {x[2] for x in full}
        same_speaker = Counter(c[0] for c in claims)
        for p, (sid, stext, ctext, cue, attribution, hedged, negated, sentence) in enumerate(claims):
            kind = phrase_kind(stext)
            actor_type = str((wh.actors.get(sid) or {}).get("actor_type"))
            features.append(
                {
                    "kind_" + kind: 1,
                    "type_" + actor_type: 1,
                    "type_" + actor_type + "_" + kind: 1,
                    "cue_" + str(cue): 1,
                    "attribution_" + str(attribution): 1,
                    "attribution_" + str(attribution) + "_" + kind: 1,
                    "hedged": float(bool(hedged)),
                    "negated": float(bool(negated)),
                    "words_log": np.log1p(len(ctext.split())),
                    "sentence_log": np.log1p(sentence or 0),
                    "same_speaker_log": np.log1p(same_speaker[sid]),
                }
            )
            labels.append(p in right)
            groups.append(art)
        per_article.append((len(gold["claims"]), full, content, len(claims)))
    probs = out_of_fold(features, labels, groups)
    print(f"claim filter: {len(labels)} predicted claims, {sum(labels)} right")
    for threshold in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5):
        totals = np.zeros(6)
        at = 0
        for n_gold, full, content, n_pred in per_article:
            kept = {p for p in range(n_pred) if probs[at + p] >= threshold}
            at += n_pred
            tp = sg.matched([x for x in full if x[2] in kept])
            ctp = sg.matched([x for x in content if x[2] in kept])
            totals += (tp, len(kept) - tp, n_gold - tp, ctp, len(kept) - ctp, n_gold - ctp)
        tp, fp, fn, ctp, cfp, cfn = totals
        print(
            f"  threshold {threshold:.1f}: claims F1 {2 * tp / (2 * tp + fp + fn):.4f} (tp {tp:.0f}, fp {fp:.0f}), "
            f"content only {2 * ctp / (2 * ctp + cfp + cfn):.4f}"
        )


def main() -> int:
    args = sys.argv[1:]
    if not args or len(args) % 2:
        print(__doc__)
        return 2
    pairs = list(zip(args[::2], args[1::2]))
    speaker_choice(pairs)
    claim_filter(pairs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
