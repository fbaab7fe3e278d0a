#!/usr/bin/env python3
"""How often a warehouse's stance timeline agrees with positions that did not change (a sanity check of polarity).

  python scripts/steady_positions.py WAREHOUSE [WAREHOUSE ...]

Six holders whose position on the Iran nuclear deal is on the public record and held steady from the talks to
2020: Barack Obama, John Kerry and Hassan Rouhani for it; Donald Trump, Benjamin Netanyahu and Israel against it.
Counts their independent votes in marts.fct_stance_periods (one per article, syndicated copies once) and prints the
share that states the known position. Any vote the other way is a misread sentence (or a quote of someone else),
and every such vote is material for a false stance change. Not a test set: a yardstick for polarity that needs no
annotation, read on the full corpus (`make_records.py --news-bias-all`).
"""

import sys

import duckdb

TARGET = "iran-nuclear-deal"
KNOWN = {  # holder -> the position the record shows throughout (1 support, -1 oppose)
    "barack-obama": 1,
    "john-kerry": 1,
    "hassan-rouhani": 1,
    "donald-trump": -1,
    "benjamin-netanyahu": -1,
    "ISR": -1,
}


def agreement(warehouse: str) -> dict[str, tuple[int, int]]:
    con = duckdb.connect(warehouse, read_only=True)
    try:
        rows = con.execute(
            """
            select holder_actor_id, sum(support_count), sum(oppose_count)
            from marts.fct_stance_periods
            where target_id = ? and holder_actor_id in (select unnest(?))
            group by 1
            """,
            [TARGET, list(KNOWN)],
        ).fetchall()
    finally:
        con.close()
    out = {}
    for holder, support, oppose in rows:
        right = support if KNOWN[holder] == 1 else oppose
        out[holder] = (int(right), int(support + oppose))
    return out


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    for path in paths:
        found = agreement(path)
        right = sum(r for r, _ in found.values())
        total = sum(n for _, n in found.values())
        print(f"{path}: {right}/{total} votes state the known position ({right / max(total, 1):.0%})")
        for holder in KNOWN:
            r, n = found.get(holder, (0, 0))
            print(f"  {holder:20s} {r:4d}/{n:<4d} {r / n:.0%}" if n else f"  {holder:20s}    no votes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
