#!/usr/bin/env python3
"""Experiment, step 3 of 3 (project venv): score the encoder's held-out fold against the logistic regression's
out-of-fold predictions of the same articles, at article level as `make train` counts (`stance_training.evaluate`).

  .venv/bin/python scripts/experiments/encoder_score.py OUT_DIR FOLD

Prints, for the regression, the encoder and their average, the best threshold on that fold (an optimistic choice,
made the same way for all three) and the F1 at a few fixed thresholds.
"""

import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pipelines.lib import stance_training as st  # noqa: E402


def main() -> int:
    out, fold = Path(sys.argv[1]), int(sys.argv[2])
    articles = pickle.loads((out / "articles.pkl").read_bytes())
    regression = pickle.loads((out / "lr_probs.pkl").read_bytes())
    flat = {int(k): v for k, v in json.loads((out / f"probs-fold{fold}.json").read_text()).items()}
    members = st.folds_of(articles, 5, 13)[fold]
    starts, at = {}, 0
    for i, art in enumerate(articles):
        starts[i] = at
        at += len(art.samples)
    encoder = {i: [flat[starts[i] + j] for j in range(len(articles[i].samples))] for i in members}
    average = {i: [[(x + y) / 2 for x, y in zip(p, q)] for p, q in zip(regression[i], encoder[i])] for i in members}
    held = [articles[i] for i in members]
    for name, probs in (("regression", regression), ("encoder", encoder), ("average", average)):
        rows = {t: st.evaluate(held, {k: probs[i] for k, i in enumerate(members)}, t)["article"] for t in st.THRESHOLDS}
        best = max(rows, key=lambda t: rows[t]["f1"])
        fixed = ", ".join(f"{t:.1f}: {rows[t]['f1']:.3f}" for t in (0.1, 0.3, 0.5, 0.7) if t in rows)
        print(
            f"{name:10} best threshold {best:.2f}: P {rows[best]['precision']:.3f} R {rows[best]['recall']:.3f} "
            f"F1 {rows[best]['f1']:.3f}   (F1 at {fixed})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
