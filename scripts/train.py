#!/usr/bin/env python3
"""Train the stance model from data/annotations/ (what `make train` runs; seeded, reproducible, CPU only).

  python scripts/train.py [--annotations DIR] [--out PATH] [--folds 5] [--seed 13] [--c 0.1] [--identity-scale 1]
                      [--uncertain-weight 0.25]

Prints the candidate coverage, the k-fold cross-validation by article (pair-level and article-level precision,
recall and F1 per confidence threshold), picks the threshold with the best cross-validated article-level F1, fits
on every annotation and writes the model (default data/models/stance_model.json) with those figures in its meta.
Never reads ../shared/gold/dev: that is a test set (`make eval` scores it).
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelines.lib import stance_training as st  # noqa: E402
from pipelines.lib.dictionaries import load  # noqa: E402
from pipelines.lib.nlp.extract import Extractor  # noqa: E402
from pipelines.lib.nlp.stance_model import DEFAULT_PATH, StanceModel  # noqa: E402
from pipelines.settings import Settings  # noqa: E402


def table(cv: dict) -> str:
    lines = [
        "| threshold | pair P | pair R | pair F1 | article P | article R | article F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in cv["table"]:
        p, a = row["pair"], row["article"]
        lines.append(
            f"| {row['threshold']:.2f} | {p['precision']:.3f} | {p['recall']:.3f} | {p['f1']:.3f} | "
            f"{a['precision']:.3f} | {a['recall']:.3f} | {a['f1']:.3f} |"
        )
    return "\n".join(lines)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--annotations", type=Path, default=st.ANNOTATIONS)
    p.add_argument("--out", type=Path, default=DEFAULT_PATH)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument(
        "--c",
        type=float,
        default=0.1,
        help="inverse regularisation strength (0.1: best cross-validated F1 of 0.1, 0.3, 1)",
    )
    p.add_argument(
        "--identity-scale",
        type=float,
        default=st.IDENTITY_SCALE,
        help="value of the holder/target/pair identity features in the fit: a weaker penalty on the learned "
        "prior (3: best cross-validated F1 of 1, 2, 3, 5)",
    )
    p.add_argument(
        "--uncertain-weight",
        type=float,
        default=st.UNCERTAIN_WEIGHT,
        help="weight in the fit of a 'none' candidate whose pair is one of the article's annotated stances, in a "
        "sentence that is not its evidence (1: like every other candidate)",
    )
    a = p.parse_args()
    started = time.time()
    pairs = st.load_annotations(a.annotations)
    n_stances = sum(len(ann["stances"]) for ann, _ in pairs)
    print(f"annotations: {len(pairs)} articles, {n_stances} stances ({a.annotations})", flush=True)
    untrained = StanceModel(weights={}, bias=[0.0, -50.0, -50.0], threshold=1.0, version="untrained")
    extractor = Extractor(Settings.from_env().spacy_model, load(), stances=untrained)
    articles = st.featurize(pairs, extractor, progress=lambda m: print(m, flush=True))
    samples = [s for art in articles for s in art.samples]
    positives = sum(s.label != 0 for s in samples)
    gold = sum(len(art.gold) for art in articles)
    covered = sum(len(art.gold_keys) for art in articles)
    print(
        f"candidates: {len(samples)} pairs, {positives} labelled support/oppose; "
        f"{covered}/{gold} unique article-level stances have a candidate ({covered / max(gold, 1):.0%}: "
        f"the recall ceiling)",
        flush=True,
    )
    uncertain = sum(s.uncertain for s in samples)
    print(
        f"uncertain 'none' (the pair is an annotated stance of the article, this sentence not its evidence): "
        f"{uncertain} pairs, weight {a.uncertain_weight} in the fit",
        flush=True,
    )
    vetoed = [s for s in samples if s.unasserted]
    print(
        f"unasserted (questions, conditionals, hedges, denials, attributed: never a stance): {len(vetoed)} pairs, "
        f"{sum(s.label != 0 for s in vetoed)} of them labelled support/oppose",
        flush=True,
    )
    cv = st.cross_validate(
        articles,
        k=a.folds,
        seed=a.seed,
        c=a.c,
        identity_scale=a.identity_scale,
        uncertain_weight=a.uncertain_weight,
    )
    threshold = st.best_threshold(cv)
    print(f"\n{a.folds}-fold cross-validation by article (seed {a.seed}):\n{table(cv)}")
    best = next(r for r in cv["table"] if r["threshold"] == threshold)
    print(
        f"\ndefault threshold {threshold:.2f} (best cross-validated article-level F1): "
        f"P {best['article']['precision']:.3f} R {best['article']['recall']:.3f} F1 {best['article']['f1']:.3f}"
    )
    spread = cv["small_sample_f1"]
    print(
        f"article-level F1 of {spread['size']} random articles (the dev set's size), {spread['draws']} draws: "
        f"5th percentile {spread['p5']:.3f}, median {spread['p50']:.3f}, 95th {spread['p95']:.3f}"
    )
    vec, clf = st.fit(samples, c=a.c, seed=a.seed, identity_scale=a.identity_scale, uncertain_weight=a.uncertain_weight)
    meta = {
        "annotations": {"articles": len(pairs), "stances": n_stances, "hash": st.annotations_hash(a.annotations)},
        "candidates": {
            "pairs": len(samples),
            "positive": positives,
            "gold_unique": gold,
            "gold_with_candidate": covered,
        },
        "cv": cv,
        "c": a.c,
        "identity_scale": a.identity_scale,
        "uncertain_weight": a.uncertain_weight,
        "spacy_model": Settings.from_env().spacy_model,
    }
    model = st.to_model(vec, clf, threshold, meta)
    model.save(a.out)
    size = a.out.stat().st_size
    print(f"model: {a.out} ({len(model.weights)} features, {size / 1e6:.1f} MB) in {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
