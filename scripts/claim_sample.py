#!/usr/bin/env python3
"""Draw a seeded sample of claims from a warehouse, with their context, for a reviewer to judge.

  python scripts/claim_sample.py WAREHOUSE OUT.md [--n 40] [--seed 13]

Claims are drawn uniformly (duplicates of syndicated copies left out) with the seed, ordered by article and position.
Each shows the speaker (resolved actor, or the text naming it, or none), the cue, the claim text, and the article's
text around it (the sentence before, the claim's sentences, the sentence after), so a reviewer can check the speaker
and the content against the article. The reviewer's verdicts go next to the file (docs/evaluation/).
"""

import sys

import duckdb
from review_samples import around, draw, parser, write


def main() -> int:
    p = parser(__doc__)
    a = p.parse_args()
    con = duckdb.connect(str(a.warehouse), read_only=True)
    ids = [
        r[0]
        for r in con.execute(
            "select claim_id from marts.fct_claims where not coalesce(is_duplicate, false) order by claim_id"
        ).fetchall()
    ]
    picked = draw(ids, a.n, a.seed)
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
        context = around(text, start, end)
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
    write(a.out, lines)
    print(f"{len(rows)} claims -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
