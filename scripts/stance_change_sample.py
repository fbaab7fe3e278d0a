#!/usr/bin/env python3
"""List the stance changes with the most support, with both evidence sets, for a reviewer to read.

  python scripts/stance_change_sample.py WAREHOUSE OUT.md [--top 30] [--evidence 6]

Changes are ranked by the articles backing both sides (from_articles + to_articles), then by the mean of the two
sides' confidence. Each change shows holder, target, both positions with their dates, support (articles, outlets,
confidence, the share of the votes that side holds around the change) and up to --evidence sentences per side
(held_at, outlet, article title), oldest first. The file is what the reviewer judges; their verdicts go next to
it (docs/evaluation/).
"""

import argparse
import sys
from pathlib import Path

import duckdb


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("warehouse", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--evidence", type=int, default=6)
    a = p.parse_args()
    con = duckdb.connect(str(a.warehouse), read_only=True)
    changes = (
        con.execute(
            """
        select c.*, h.name as holder_name, coalesce(ta.name, tp.name, c.target_id) as target_name
        from marts.fct_stance_changes c
        left join marts.dim_actors h on h.actor_id = c.holder_actor_id
        left join marts.dim_actors ta on c.target_type = 'actor' and ta.actor_id = c.target_id
        left join (select distinct target_id, target_name as name from marts.fct_stances where target_type = 'topic')
            tp on c.target_type = 'topic' and tp.target_id = c.target_id
        order by c.from_articles + c.to_articles desc, (c.from_confidence + c.to_confidence) desc,
                 c.stance_change_id
        limit ?""",
            [a.top],
        )
        .fetchdf()
        .to_dict("records")
    )
    total = con.execute("select count(*) from marts.fct_stance_changes").fetchone()[0]
    lines = [
        f"# Stance changes to review: the {len(changes)} with the most support (of {total})",
        "",
        f"Warehouse `{a.warehouse}`. Each side lists its evidence (held_at, outlet, title, sentence), oldest "
        f"first; `+` support, `-` oppose.",
        "",
    ]
    for n, c in enumerate(changes, 1):
        sign = {1: "supports", -1: "opposes"}
        lines += [
            f"## {n}. {c['holder_name'] or c['holder_actor_id']} → {c['target_name']} (`{c['stance_change_id']}`)",
            "",
            f"- before: {sign[c['from_polarity']]}, {c['from_first_held_at']} … {c['from_held_at']}; "
            f"{c['from_articles']} articles, {c['from_outlets']} outlets, confidence {c['from_confidence']:.2f}, "
            f"{c['from_share']:.0%} of the votes in its last months",
            f"- after: {sign[c['to_polarity']]}, {c['to_held_at']} … {c['to_last_held_at']}; "
            f"{c['to_articles']} articles, {c['to_outlets']} outlets, confidence {c['to_confidence']:.2f}, "
            f"{c['to_share']:.0%} of the votes in its first months",
            "",
        ]
        for side, ids in (("before", c["from_evidence_ids"]), ("after", c["to_evidence_ids"])):
            ids = list(ids)[-a.evidence :] if side == "before" else list(ids)[: a.evidence]
            rows = con.execute(
                """
                select s.held_at, s.polarity, s.confidence, coalesce(f.source_domain, '') as outlet, f.title,
                       s.evidence_text
                from marts.fct_stances s join marts.fct_articles f using (article_id)
                where s.stance_id in (select unnest(?)) order by s.held_at, s.article_id""",
                [ids],
            ).fetchall()
            lines.append(f"**{side}** ({len(ids)} shown):")
            for held, pol, conf, outlet, title, ev in rows:
                ev = " ".join(ev.split())
                lines.append(f"- {held} {'+' if pol == 1 else '-'} ({conf:.2f}) {outlet} — *{title}*: {ev}")
            lines.append("")
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(changes)} of {total} changes -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
