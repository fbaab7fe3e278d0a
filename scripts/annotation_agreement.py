#!/usr/bin/env python3
"""Second-pass review figures of the training annotations (data/annotations/reviews/<id>.json).

  python scripts/annotation_agreement.py

A reviewer who did not annotate the file judged each stance (agree / disagree with a reason), listed the stances the
annotator missed, and counted the claims they disagree with. Prints the files reviewed (and their share of the set),
the stance disagreement rate, the missed-stance rate, and the claim disagreement rate.
"""

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "data" / "annotations"


def main() -> int:
    reviews = sorted((ANNOTATIONS / "reviews").glob("*.json"))
    total = len(list(ANNOTATIONS.glob("*.json")))
    if not reviews:
        print("no reviews in data/annotations/reviews/")
        return 1
    judged = disagreed = missed = claims = claims_bad = 0
    reasons = Counter()
    for path in reviews:
        r = json.loads(path.read_text(encoding="utf-8"))
        ann = json.loads((ANNOTATIONS / path.name).read_text(encoding="utf-8"))
        verdicts = r.get("stances", [])
        if len(verdicts) != len(ann["stances"]):
            print(f"warning: {path.name} judges {len(verdicts)} of {len(ann['stances'])} stances", file=sys.stderr)
        judged += len(verdicts)
        bad = [v for v in verdicts if v.get("verdict") == "disagree"]
        disagreed += len(bad)
        reasons.update(v.get("reason") or "other" for v in bad)
        missed += len(r.get("missed_stances", []))
        claims += r.get("claims_total", 0)
        claims_bad += r.get("claims_disagree", 0)
    print(f"reviewed: {len(reviews)} of {total} files ({len(reviews) / total:.0%})")
    print(
        f"stances judged: {judged}; disagreed: {disagreed} ({disagreed / judged:.1%}) "
        f"by reason: {dict(reasons.most_common())}"
    )
    print(f"stances the reviewer found missing: {missed} ({missed / (judged + missed):.1%} of annotated + missing)")
    print(
        f"agreement as F1 (reviewer's set = agreed + missing): "
        f"{2 * (judged - disagreed) / (2 * (judged - disagreed) + disagreed + missed):.3f}"
    )
    print(f"claims checked: {claims}; disagreed: {claims_bad} ({claims_bad / max(claims, 1):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
