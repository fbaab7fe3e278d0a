"""The trained stance model: a multinomial logistic regression over the candidate features of stance_features.py.

The artifact is plain JSON (data/models/stance_model.json): the label order, one weight row per feature, the biases,
the default confidence threshold (chosen by cross-validation in `make train`), and the training figures. Scoring is a
sum of the weights of the features present and a softmax, so the pipeline needs neither scikit-learn nor pickles, and
the file's hash is the model's version (part of the extraction key: a new model re-extracts old articles).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LABELS = ("none", "support", "oppose")
POLARITY = {"support": 1, "oppose": -1}
DEFAULT_PATH = Path(__file__).resolve().parents[3] / "data" / "models" / "stance_model.json"


@dataclass
class StanceModel:
    weights: dict[str, list[float]]
    bias: list[float]
    threshold: float
    version: str
    meta: dict = field(default_factory=dict)

    def probabilities(self, features: list[str]) -> list[float]:
        """P(none), P(support), P(oppose): a softmax of the biases plus the weights of the features present. Written
        out for the three labels (LABELS, checked on load): a pipeline run scores every candidate pair."""
        s0, s1, s2 = self.bias
        weights = self.weights
        for f in set(features):
            w = weights.get(f)
            if w is not None:
                s0 += w[0]
                s1 += w[1]
                s2 += w[2]
        top = max(s0, s1, s2)
        e0, e1, e2 = math.exp(s0 - top), math.exp(s1 - top), math.exp(s2 - top)
        total = e0 + e1 + e2
        return [e0 / total, e1 / total, e2 / total]

    def decide(self, features: list[str], threshold: float | None = None) -> tuple[int, float] | None:
        """(polarity, confidence): the likelier of support and oppose and its probability, when that reaches the
        threshold; else None."""
        return decide(self.probabilities(features), self.threshold if threshold is None else threshold)

    def to_json(self) -> dict:
        return {
            "labels": list(LABELS),
            "threshold": self.threshold,
            "bias": self.bias,
            "meta": self.meta,
            "weights": self.weights,
        }

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        rounded = self.to_json() | {
            "weights": {f: [round(x, 5) for x in w] for f, w in sorted(self.weights.items())},
            "bias": [round(x, 5) for x in self.bias],
        }
        path.write_text(json.dumps(rounded, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")


def decide(probs: list[float], threshold: float) -> tuple[int, float] | None:
    """(polarity, confidence) when the likelier polarity's probability reaches the threshold, else None.

    The confidence is the probability of the row as stated (this holder, this target, this polarity), not of "some
    stance": a pair the model thinks is a stance but cannot tell support from oppose gets a low confidence, so
    filters on confidence (the stance-change thresholds) drop it."""
    polarity, p = (1, probs[1]) if probs[1] >= probs[2] else (-1, probs[2])
    return (polarity, p) if p >= threshold else None


def load(path: Path | str = DEFAULT_PATH) -> StanceModel:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise RuntimeError(
            f"stance model {path} not found: it is committed under data/models/ and rebuilt by `make train`"
        ) from err
    doc = json.loads(data)
    if tuple(doc.get("labels", ())) != LABELS:
        raise RuntimeError(f"stance model {path}: labels {doc.get('labels')} are not {list(LABELS)}")
    return StanceModel(
        weights=doc["weights"],
        bias=doc["bias"],
        threshold=float(doc["threshold"]),
        version=hashlib.sha256(data).hexdigest()[:12],
        meta=doc.get("meta", {}),
    )


@lru_cache(maxsize=4)
def load_cached(path: str = str(DEFAULT_PATH)) -> StanceModel:
    return load(path)
