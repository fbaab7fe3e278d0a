#!/usr/bin/env python3
"""Draw a seeded sample of stances from a warehouse, with their context, for a reviewer to judge.

  python scripts/stance_sample.py WAREHOUSE OUT.md [--n 40] [--seed 13] [--min-confidence 0]

Stances are drawn uniformly from `marts.fct_stances` rows a reader sees as observations: the holder the text names
(`holder_level = 'actor'`; a state's row derived from its official's is left out), duplicates of syndicated copies
left out, at or above `--min-confidence`. They are ordered by article and position. Each shows the holder, the target,
the polarity, the model's confidence and the cue, and the article's text around the evidence sentence, so a reviewer
can check the stance against the article. The reviewer's verdicts go next to the file (docs/evaluation/), with
`STANCES-REVIEW-PROMPT.md`.
"""

import sys

import duckdb
from review_samples import around, draw, parser, write


def main() -> int:
    p = parser(__doc__)
    p.add_argument("--min-confidence", type=float, default=0.0)
    a = p.parse_args()
    con = duckdb.connect(str(a.warehouse), read_only=True)
    ids = [
        r[0]
        for r in con.execute(
            """select stance_id from marts.fct_stances
               where holder_level = 'actor' and not coalesce(is_duplicate, false) and confidence >= ?
               order by stance_id""",
            [a.min_confidence],
        ).fetchall()
    ]
    picked = draw(ids, a.n, a.seed)
    rows = con.execute(
        """
        select s.stance_id, s.article_id, f.title, coalesce(f.source_domain, '') as outlet, s.published_at,
               coalesce(h.name, s.holder_actor_id) as holder, s.target_name, s.target_type, s.polarity,
               s.confidence, s.cue, s.start_char, s.end_char, f.text
        from marts.fct_stances s
        join marts.fct_articles f using (article_id)
        left join marts.dim_actors h on h.actor_id = s.holder_actor_id
        where s.stance_id in (select unnest(?))
        order by s.article_id, s.start_char""",
        [picked],
    ).fetchall()
    floor = f", confidence >= {a.min_confidence}" if a.min_confidence else ""
    lines = [
        f"# Stances to review: {len(rows)} drawn with seed {a.seed} from {len(ids)} (holders the text names, not "
        f"duplicates{floor})",
        "",
        f"Warehouse `{a.warehouse}`. For each: the holder, the target, the polarity (support / oppose) and the "
        f"model's confidence, the cue word, and the article text around the evidence sentence (in **bold**).",
        "",
    ]
    for n, (
        sid,
        art,
        title,
        outlet,
        published,
        holder,
        target,
        kind,
        polarity,
        conf,
        cue,
        start,
        end,
        text,
    ) in enumerate(rows, 1):
        context = around(text, start, end)
        lines += [
            f"## {n}. `{sid}`",
            "",
            f"- article: *{title}* ({outlet}, {str(published)[:10]}, `{art}`)",
            f"- stance: **{holder}** {'SUPPORTS' if polarity > 0 else 'OPPOSES'} **{target}** ({kind}); "
            f"confidence {conf:.2f}; cue: {cue!r}",
            "",
            f"> ...{context}...",
            "",
        ]
    write(a.out, lines)
    print(f"{len(rows)} stances -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
