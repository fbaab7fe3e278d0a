#!/usr/bin/env python3
"""How far two independent annotations of the same articles agree, scored as `score_gold.py` scores the pipeline.

  python scripts/double_annotation.py [FIRST_DIR SECOND_DIR]

FIRST_DIR (default data/annotations) holds the reference annotations, SECOND_DIR (default data/annotations/blind) a
blind second annotation of some of the same articles (one `<id>.json` each, same format; how it was made:
docs/evaluation/double-annotation.md). For every article in SECOND_DIR, the second annotation is
scored against the first with the shared scorer's own matching (`../shared/eval/score_gold.py`: names, countries,
claim content word F1 >= 0.5, topic targets word F1 >= 0.5 without stop words): actors, claims (speaker and content),
claim content only, and stances at article level (each holder, target and polarity once per article, as the dev gold
lists them). Swapping the two directories swaps precision and recall; F1 stays about the same. This is the ceiling a
model trained on one annotator can be expected to reach against another.
"""

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score_gold.py"


def load_scorer():
    if not SCORER.exists():
        sys.exit(f"{SCORER} is absent: this script uses the shared scorer's matching (../shared/eval).")
    spec = importlib.util.spec_from_file_location("score_gold", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def as_prediction(actor: dict | None, name: str) -> dict:
    """An annotated actor in the shape the scorer expects of the warehouse's dim_actors."""
    if actor is None:
        return {"actor_id": name, "name": name, "actor_type": None, "country_code": None, "mentions": set()}
    is_country = actor.get("type") == "country"
    return {
        "actor_id": actor.get("country") if is_country else actor["name"],
        "name": actor["name"],
        "actor_type": actor.get("type"),
        "country_code": actor.get("country"),
        "mentions": set(),
    }


def article_stances(doc: dict) -> list[dict]:
    seen, out = set(), []
    for s in doc["stances"]:
        key = (s["holder"], s["target"], s.get("target_type"), int(s["polarity"]))
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def score_article(sg, first: dict, second: dict, prf: dict) -> None:
    first_actors = {a["name"]: a for a in first["actors"]}
    second_actors = {a["name"]: a for a in second["actors"]}

    def ref(name):
        return first_actors.get(name) or {"name": name, "type": None, "country": None}

    def pred(name):
        return as_prediction(second_actors.get(name), name)

    predicted = [pred(a["name"]) for a in second["actors"]]
    pairs = [
        (1, gi, pi) for gi, g in enumerate(first["actors"]) for pi, p in enumerate(predicted) if sg.actor_matches(g, p)
    ]
    prf["actors"].add(sg.matched(pairs), len(predicted), len(first["actors"]))

    full, content = [], []
    for gi, g in enumerate(first["claims"]):
        for pi, c in enumerate(second["claims"]):
            f1 = sg.word_f1(g["content"], c["content"])
            if f1 < 0.5:
                continue
            content.append((f1, gi, pi))
            if g.get("speaker") is None or c.get("speaker") is None:
                ok = g.get("speaker") is None and c.get("speaker") is None
            else:
                ok = sg.actor_matches(ref(g["speaker"]), pred(c["speaker"]))
            if ok:
                full.append((f1, gi, pi))
    n_pred, n_gold = len(second["claims"]), len(first["claims"])
    prf["claims"].add(sg.matched(full), n_pred, n_gold)
    prf["claim content"].add(sg.matched(content), n_pred, n_gold)

    gold, predicted = article_stances(first), article_stances(second)
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if int(p["polarity"]) != int(g["polarity"]) or not sg.actor_matches(ref(g["holder"]), pred(p["holder"])):
                continue
            if g.get("target_type") == "actor":
                ok = p.get("target_type") == "actor" and sg.actor_matches(ref(g["target"]), pred(p["target"]))
            else:
                ok = sg.word_f1(g["target"], p["target"], True) >= 0.5
            if ok:
                pairs.append((1, gi, pi))
    prf["stances"].add(sg.matched(pairs), len(predicted), len(gold))


def main() -> int:
    if len(sys.argv) not in (1, 3):
        sys.exit(__doc__)
    annotations = ROOT / "data" / "annotations"
    first_dir, second_dir = (annotations, annotations / "blind")
    if len(sys.argv) == 3:
        first_dir, second_dir = Path(sys.argv[1]), Path(sys.argv[2])
    sg = load_scorer()
    prf = {k: sg.Prf() for k in ("actors", "claims", "claim content", "stances")}
    files = sorted(second_dir.glob("*.json"))
    for path in files:
        reference = first_dir / path.name
        if not reference.exists():
            print(f"{path.stem}: no annotation in {first_dir}, skipped")
            continue
        first = json.loads(reference.read_text(encoding="utf-8"))
        second = json.loads(path.read_text(encoding="utf-8"))
        score_article(sg, first, second, prf)
    print(f"{len(files)} articles annotated twice ({first_dir} as reference, {second_dir} scored against it)")
    for name, value in prf.items():
        print(f"{name:14} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
