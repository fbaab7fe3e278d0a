#!/usr/bin/env python3
"""Experiment, step 1 of 3 (project venv): the stance candidates of `make train` as marked sentences for an encoder.

  .venv/bin/python scripts/experiments/encoder_pairs.py OUT_DIR

Featurizes data/annotations exactly as `make train` does, and writes to OUT_DIR: `samples.json` (per candidate pair:
article index, fold of the seed-13 5-fold split, label, "holder [SEP] target" and the sentence with the holder
marked by @ ... @ and the target by # ... #), `articles.pkl` (the labelled articles, for scoring) and
`lr_probs.pkl` (the logistic regression's out-of-fold probabilities on the same folds, C 0.1 as `make train`).
"""

import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pipelines.lib import stance_training as st  # noqa: E402
from pipelines.lib.dictionaries import load  # noqa: E402
from pipelines.lib.nlp.extract import Extractor  # noqa: E402
from pipelines.lib.nlp.stance_model import StanceModel  # noqa: E402
from pipelines.settings import Settings  # noqa: E402


class MarkingExtractor:
    """The extractor `featurize` runs, also recording each candidate's sentence with holder and target marked."""

    def __init__(self, inner: Extractor):
        self.inner, self.dicts, self.nlp = inner, inner.dicts, inner.nlp
        self.marked: list[tuple[str, str]] = []

    def analyze(self, docs, published, on_candidates=None):
        def record(par, sent, candidates):
            start = par.offset + sent.start_char
            for c in candidates:
                holder = (c.holder.start - start, c.holder.end - start)
                at = sent.text.lower().find(c.target.text.lower()) if c.target.text else -1
                target = (at, at + len(c.target.text)) if at >= 0 else None
                pair = f"{c.holder.canonical} [SEP] {c.target.text}"
                self.marked.append((pair, mark(sent.text, holder, target)))
            on_candidates(par, sent, candidates)

        return self.inner.analyze(docs, published, on_candidates=record)


def mark(text: str, holder: tuple[int, int], target: tuple[int, int] | None) -> str:
    spans = []
    if 0 <= holder[0] < holder[1] <= len(text):
        spans.append((*holder, "@ ", " @"))
    if target is not None and not (target[0] < holder[1] and holder[0] < target[1]):
        spans.append((*target, "# ", " #"))
    for a, b, left, right in sorted(spans, reverse=True):
        text = text[:a] + left + text[a:b] + right + text[b:]
    return text


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    untrained = StanceModel(weights={}, bias=[0.0, -50.0, -50.0], threshold=1.0, version="untrained")
    extractor = MarkingExtractor(Extractor(Settings.from_env().spacy_model, load(), stances=untrained))
    articles = st.featurize(st.load_annotations(), extractor, progress=lambda m: print(m, flush=True))
    folds = st.folds_of(articles, 5, 13)
    fold_of = {i: f for f, members in enumerate(folds) for i in members}
    samples = [{"article": i, "fold": fold_of[i], "label": s.label} for i, a in enumerate(articles) for s in a.samples]
    assert len(samples) == len(extractor.marked)
    for sample, (pair, text) in zip(samples, extractor.marked):
        sample |= {"pair": pair, "text": text}
    (out / "samples.json").write_text(json.dumps(samples))
    (out / "articles.pkl").write_bytes(pickle.dumps(articles))
    probs = st.out_of_fold(articles, k=5, seed=13, c=0.1)
    (out / "lr_probs.pkl").write_bytes(pickle.dumps(probs))
    print(f"{len(samples)} pairs, {sum(s['label'] != 0 for s in samples)} labelled, written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
