"""Syndication dedup: pairs of articles that are the same story, exactly or nearly (wire copy on several outlets).

- exact: two articles with the same clean-text hash (`text_hash`).
- near: MinHash (datasketch, 128 permutations) over word 5-shingles of the clean text, candidates from an LSH
  index (datasketch MinHashLSH), each candidate pair verified with the exact Jaccard similarity of the two shingle
  sets; a pair is kept when it reaches the threshold (STANCEWATCH_DEDUP_THRESHOLD, default 0.5). Texts of fewer
  than 10 shingles only take part in exact matching.

The stage only writes *pairs* (landing.duplicate_pairs) and the articles' signatures (landing.article_signatures),
never cluster ids: whether two articles pair does not depend on which was loaded first, so the pairs are the
same whatever the load order. dbt turns the pairs into clusters (connected components), picks each cluster's
first article (earliest published_at, then article_id) and counts outlets (`int_articles_clustered`). Changing the
threshold or the shingling changes `DEDUP_VERSION`, and the next run recomputes everything.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

import numpy as np
import pandas as pd
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 5
MIN_SHINGLES = 10
SCHEME = "affine32"
SEED = 1
DEFAULT_THRESHOLD = 0.5
_WORD = re.compile(r"\w+", re.UNICODE)


def dedup_version(threshold: float = DEFAULT_THRESHOLD) -> str:
    return f"minhash-{SCHEME}-p{NUM_PERM}-w{SHINGLE_WORDS}-j{threshold:g}"


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """Word k-shingles of the lower-cased text (punctuation and spacing ignored)."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def minhash(shingle_set: set[str]) -> LeanMinHash:
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    if shingle_set:
        m.update_batch([s.encode("utf-8") for s in shingle_set])
    return LeanMinHash(m)


def from_bytes(blob: bytes) -> LeanMinHash:
    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(blob, dtype=np.uint32), scheme=SCHEME)


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def near_pairs(texts: dict[str, str], threshold: float = DEFAULT_THRESHOLD) -> list[tuple[str, str, float]]:
    """All near-duplicate pairs (a < b, similarity) among the given texts; the library view of the stage below."""
    sets = {k: shingles(t) for k, t in texts.items()}
    lsh = MinHashLSH(threshold=_lsh_threshold(threshold), num_perm=NUM_PERM)
    found = []
    for key in sorted(sets):
        if len(sets[key]) < MIN_SHINGLES:
            continue
        sig = minhash(sets[key])
        for other in lsh.query(sig):
            sim = jaccard(sets[key], sets[other])
            if sim >= threshold:
                found.append((min(key, other), max(key, other), round(sim, 4)))
        lsh.insert(key, sig)
    return sorted(found)


def _lsh_threshold(threshold: float) -> float:
    # a lower LSH threshold than the verified one, so that pairs just above it are not missed (recall)
    return max(0.1, threshold - 0.15)


def run(
    con, threshold: float = DEFAULT_THRESHOLD, progress: Callable[[str], None] = lambda _: None, batch_size: int = 500
):
    """Sign new articles, find their exact and near duplicates among all articles, land the pairs."""
    from .stages import Clock, StageResult
    from .warehouse import ensure_landing, transaction

    started = Clock.now()
    version = dedup_version(threshold)
    ensure_landing(con)
    with transaction(con):  # another version (threshold, shingling) means everything is recomputed
        con.execute("delete from landing.article_signatures where dedup_version <> ?", [version])
        con.execute("delete from landing.duplicate_pairs where dedup_version <> ?", [version])
        con.execute("""delete from landing.article_signatures where not exists (
                         select 1 from landing.articles a where a.article_id = landing.article_signatures.article_id
                           and a.text_hash = landing.article_signatures.text_hash)""")

    new_ids = [
        r[0]
        for r in con.execute("""
        select a.article_id from landing.articles a
        where not exists (select 1 from landing.article_signatures s where s.article_id = a.article_id)
        order by a.article_id""").fetchall()
    ]
    now = datetime.now()
    new_sets: dict[str, set[str]] = {}
    new_sigs: dict[str, LeanMinHash] = {}
    records = []
    for start in range(0, len(new_ids), batch_size):
        chunk = new_ids[start : start + batch_size]
        rows = con.execute(
            "select article_id, text_hash, text from landing.articles where article_id in (select unnest(?))", [chunk]
        ).fetchall()
        for article_id, text_hash, text in rows:
            sset = shingles(text)
            new_sets[article_id] = sset
            sig = minhash(sset) if len(sset) >= MIN_SHINGLES else None
            if sig is not None:
                new_sigs[article_id] = sig
            records.append(
                {
                    "article_id": article_id,
                    "text_hash": text_hash,
                    "dedup_version": version,
                    "shingle_count": len(sset),
                    "signature": sig.hashvalues.tobytes() if sig else None,
                    "signed_at": now,
                }
            )
        progress(f"dedup: {min(start + batch_size, len(new_ids))}/{len(new_ids)} new articles shingled")

    near = _near_pairs_of_new(con, new_sets, new_sigs, threshold)
    signatures = pd.DataFrame(
        records, columns=["article_id", "text_hash", "dedup_version", "shingle_count", "signature", "signed_at"]
    )
    pairs = pd.DataFrame(
        [(a, b, "near", s, version, now) for a, b, s in near],
        columns=["article_id", "duplicate_article_id", "method", "similarity", "dedup_version", "found_at"],
    )
    # signatures and pairs land together: an article is only marked signed once its pairs are in
    before = dict(con.execute("select method, count(*) from landing.duplicate_pairs group by 1").fetchall())
    with transaction(con):
        _insert_frame(con, "landing.article_signatures", signatures)
        con.execute(
            """
            insert into landing.duplicate_pairs
            select a.article_id, b.article_id, 'exact', 1.0, ?, ? from landing.articles a
            join landing.articles b on a.text_hash = b.text_hash and a.article_id < b.article_id
            where not exists (select 1 from landing.duplicate_pairs p
                              where p.article_id = a.article_id and p.duplicate_article_id = b.article_id)
        """,
            [version, now],
        )
        if not pairs.empty:
            con.register("_dedup_pairs", pairs)
            try:
                con.execute("""
                    insert into landing.duplicate_pairs
                    select distinct f.* from _dedup_pairs f
                    where not exists (select 1 from landing.duplicate_pairs p
                                      where p.article_id = f.article_id
                                        and p.duplicate_article_id = f.duplicate_article_id)""")
            finally:
                con.unregister("_dedup_pairs")
    totals = dict(con.execute("select method, count(*) from landing.duplicate_pairs group by 1").fetchall())
    n_exact = totals.get("exact", 0) - before.get("exact", 0)
    n_near = totals.get("near", 0) - before.get("near", 0)
    progress(
        f"dedup: {len(new_ids)} new articles, {n_exact} new exact and {n_near} new near-duplicate pairs "
        f"({sum(totals.values())} pairs in all)"
    )
    return StageResult.since(
        started,
        {
            "signed": len(new_ids),
            "new_exact_pairs": n_exact,
            "new_near_pairs": n_near,
            "pairs_total": sum(totals.values()),
        },
        {"pairs_by_method": totals, "dedup_version": {version: len(new_ids)}},
    )


def _near_pairs_of_new(
    con, new_sets: dict[str, set[str]], new_sigs: dict[str, LeanMinHash], threshold: float
) -> list[tuple[str, str, float]]:
    """Pairs involving at least one new article. The LSH holds every signed article; a new article queries it
    (old and earlier new ones), then joins it. Candidates are verified with exact Jaccard."""
    if not new_sigs:
        return []
    lsh = MinHashLSH(threshold=_lsh_threshold(threshold), num_perm=NUM_PERM)
    old = con.execute(
        """select article_id, signature from landing.article_signatures
                         where signature is not null and article_id not in (select unnest(?))""",
        [list(new_sets)],
    ).fetchall()
    for article_id, blob in old:
        lsh.insert(article_id, from_bytes(blob))
    candidates: list[tuple[str, str]] = []
    for article_id in sorted(new_sigs):
        sig = new_sigs[article_id]
        candidates.extend((article_id, other) for other in lsh.query(sig))
        lsh.insert(article_id, sig)
    if not candidates:
        return []
    need = {o for _, o in candidates if o not in new_sets}
    texts = (
        dict(
            con.execute(
                "select article_id, text from landing.articles where article_id in (select unnest(?))", [sorted(need)]
            ).fetchall()
        )
        if need
        else {}
    )
    sets = {**new_sets, **{k: shingles(v) for k, v in texts.items()}}
    out = []
    for a, b in candidates:
        sim = jaccard(sets[a], sets[b])
        if sim >= threshold:
            out.append((min(a, b), max(a, b), round(sim, 4)))
    return sorted(set(out))


def _insert_frame(con, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("_dedup_rows", frame)
    try:
        con.execute(
            f"insert or replace into {table} ({', '.join(frame.columns)}) "
            f"select {', '.join(frame.columns)} from _dedup_rows"
        )
    finally:
        con.unregister("_dedup_rows")
