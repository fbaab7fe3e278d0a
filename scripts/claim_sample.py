#!/usr/bin/env python3
"""Draw a seeded sample of claims from a warehouse, with their context, for a reviewer to judge.

  python scripts/claim_sample.py WAREHOUSE OUT.md [--n 40] [--seed 13]

Claims are drawn uniformly (duplicates of syndicated copies left out) with the seed, ordered by article and position.
Each shows the speaker (resolved actor, or the text naming it, or none), the cue, the claim text, and the article's
text around it (the sentence before, the claim's sentences, the sentence after), so a reviewer can check the speaker
and the content against the article. The reviewer's verdicts go next to the file (docs/evaluation/).
"""

import argparse
import random
import sys
from pathlib import Path

import duckdb

CONTEXT = 400  # characters of article text shown on each side of the claim


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("warehouse", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--n", type=int, default=40)
    p.add_argument("--seed", type=int, default=13)
    a = p.parse_args()
    con = duckdb.connect(str(a.warehouse), read_only=True)
    ids = [
        r[0]
        for r in con.execute(
            "select claim_id from marts.fct_claims where not coalesce(is_duplicate, false) order by claim_id"
        ).fetchall()
    ]
    picked = sorted(random.Random(a.seed).sample(ids, min(a.n, len(ids))))
    rows = con.execute(
        """
        select c.claim_id, c.article_id, f.title, coalesce(f.source_domain, '') as outlet, c.published_at,
               d.name as speaker_name, c.speaker_text, c.cue, c.attribution, c.claim_text, c.start_char, c.end_char,
               f.text
        from marts.fct_claims c
        join marts.fct_articles f using (article_id)
        left join marts.dim_actors d on d.actor_id = c.speaker_actor_id
        where c.claim_id in (select unnest(?))
        order by c.article_id, c.start_char""",
        [picked],
    ).fetchall()
    lines = [
        f"# Claims to review: {len(rows)} drawn with seed {a.seed} from {len(ids)} (not duplicates)",
        "",
        f"Warehouse `{a.warehouse}`. For each: the speaker the tool names, the cue, the claim text, and the "
        f"article text around it (the claim's own span in **bold**).",
        "",
    ]
    for n, (
        cid,
        art,
        title,
        outlet,
        published,
        name,
        speaker_text,
        cue,
        attribution,
        claim,
        start,
        end,
        text,
    ) in enumerate(rows, 1):
        before = text[max(0, start - CONTEXT) : start]
        after = text[end : end + CONTEXT]
        context = " ".join(f"{before}**{text[start:end]}**{after}".split())
        speaker = name or (f"unresolved: {speaker_text!r}" if speaker_text else "none")
        lines += [
            f"## {n}. `{cid}`",
            "",
            f"- article: *{title}* ({outlet}, {str(published)[:10]}, `{art}`)",
            f"- speaker: {speaker}; cue: {cue!r}; attribution: {attribution}",
            f"- claim: {' '.join(claim.split())}",
            "",
            f"> ...{context}...",
            "",
        ]
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} claims -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
