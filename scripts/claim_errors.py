"""List claim errors of a warehouse against annotations (never a test set): which gold claims were missed, which
predicted claims are wrong, and why, by the matching rules of the shared `score_gold.py`.

  python scripts/claim_errors.py WAREHOUSE.duckdb ANNOTATION_DIR [--scorer PATH] [--show CAUSE] [--limit N]

Causes: `wrong_speaker` (content matches a gold claim, the speaker does not), `fragment` (a predicted claim overlaps
a missed gold claim but with word F1 < 0.5: truncated or too long), `spurious` (a predicted claim that overlaps no
gold claim), `missed` (a gold claim that no prediction overlaps).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from collections import Counter
from pathlib import Path

import duckdb


def load_scorer(path: str):
    spec = importlib.util.spec_from_file_location("score_gold", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("warehouse")
    ap.add_argument("gold_dir")
    ap.add_argument("--scorer", default="/work/shared/eval/score_gold.py")
    ap.add_argument("--show", default="")
    ap.add_argument("--limit", type=int, default=1000)
    args = ap.parse_args()
    sg = load_scorer(args.scorer)
    con = duckdb.connect(args.warehouse, read_only=True)
    by_title = {
        " ".join((t or "").lower().split()): a
        for a, t in con.execute("select article_id, title from marts.fct_articles").fetchall()
    }
    actors = {
        aid: {"actor_id": aid, "name": n, "actor_type": t, "country_code": c, "mentions": set()}
        for aid, n, t, c in con.execute(
            "select actor_id, name, actor_type, country_code from marts.dim_actors"
        ).fetchall()
    }
    for aid, text in con.execute("select distinct actor_id, mention_text from marts.fct_actor_mentions").fetchall():
        if aid in actors and text:
            actors[aid]["mentions"].add(text)
    counts: Counter = Counter()
    shown = 0
    for path in sorted(Path(args.gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        art = by_title.get(" ".join((gold.get("title") or "").lower().split()))
        if art is None:
            continue
        gold_actor = {g["name"]: g for g in gold["actors"]}
        preds = con.execute(
            "select speaker_actor_id, speaker_text, claim_text, cue, evidence_text from marts.fct_claims "
            "where article_id = ? order by start_char",
            [art],
        ).fetchall()
        full, overlap = [], {}
        for gi, g in enumerate(gold["claims"]):
            for pi, (sid, stext, ctext, _cue, _ev) in enumerate(preds):
                f1 = sg.word_f1(g["content"], ctext)
                if f1 > 0:
                    overlap.setdefault(gi, []).append((f1, pi))
                    overlap.setdefault(("p", pi), []).append((f1, gi))
                if f1 < 0.5:
                    continue
                if g.get("speaker") is None:
                    ok = sid is None
                else:
                    ref = gold_actor.get(g["speaker"]) or {"name": g["speaker"], "type": None, "country": None}
                    ok = sg.actor_matches(ref, actors.get(sid)) or (
                        stext is not None
                        and sg.actor_matches(
                            ref,
                            {
                                "actor_id": None,
                                "name": stext,
                                "actor_type": None,
                                "country_code": None,
                                "mentions": set(),
                            },
                        )
                    )
                if ok:
                    full.append((gi, pi))
        # greedy one-to-one pairing (close enough to the scorer's maximum matching for listing)
        g_ok, p_ok = set(), set()
        for gi, pi in full:
            if gi not in g_ok and pi not in p_ok:
                g_ok.add(gi)
                p_ok.add(pi)
        counts["tp"] += len(g_ok)
        items = []
        for pi, (sid, stext, ctext, cue, ev) in enumerate(preds):
            if pi in p_ok:
                continue
            best = max(overlap.get(("p", pi), [(0, None)]))
            if best[0] >= 0.5 and best[1] not in g_ok:
                cause = "wrong_speaker"
                g = gold["claims"][best[1]]
                items.append(
                    (cause, f"pred speaker={sid}|{stext!r} gold speaker={g['speaker']!r} cue={cue}\n  {ctext}")
                )
            elif best[0] > 0 and best[1] not in g_ok:
                cause = "fragment"
                g = gold["claims"][best[1]]
                items.append(
                    (cause, f"f1={best[0]:.2f} cue={cue} sp={stext!r}\n  PRED: {ctext}\n  GOLD: {g['content']}")
                )
            elif best[0] >= 0.5:
                cause = "duplicate"
                items.append((cause, f"cue={cue} sp={stext!r}: {ctext}"))
            else:
                cause = "spurious"
                items.append((cause, f"cue={cue} sp={stext!r}|{sid}: {ctext}\n  EVIDENCE: {ev}"))
            counts["fp_" + cause] += 1
        for gi, g in enumerate(gold["claims"]):
            if gi in g_ok:
                continue
            best = max(overlap.get(gi, [(0, None)]))
            cause = "missed" if best[0] == 0 else ("missed_partial" if best[0] < 0.5 else "missed_speaker")
            counts["fn_" + cause] += 1
            if cause == "missed":
                items.append(
                    (cause, f"speaker={g['speaker']!r} cue={g['cue']} attr={g['attribution']}\n  {g['content']}")
                )
            elif cause == "missed_partial":
                closest = preds[best[1]][2]
                items.append(
                    (
                        cause,
                        f"f1={best[0]:.2f} speaker={g['speaker']!r} cue={g['cue']} attr={g['attribution']}\n"
                        f"  GOLD: {g['content']}\n  CLOSEST: {closest}",
                    )
                )
        for cause, text in items:
            if args.show and cause == args.show and shown < args.limit:
                shown += 1
                print(f"[{path.stem}] {cause}: {text}")
    print(json.dumps(dict(sorted(counts.items())), indent=1))


if __name__ == "__main__":
    main()
