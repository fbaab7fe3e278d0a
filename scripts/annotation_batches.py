#!/usr/bin/env python3
"""Draw articles to annotate from ../shared/corpus/training-pool.txt and write their bodies for the annotators.

  python scripts/annotation_batches.py OUT_DIR [--n 168] [--batches 8] [--seed 12] [--min-words 300] [--max-words 750]
  python scripts/annotation_batches.py --collect

--collect writes data/annotations/articles.jsonl.gz: the bodies of the annotated articles (id, title,
published_at, url, source, text = content_original), so that `make train` needs nothing outside the repo.

Seeded and reproducible: the pool (news-bias ids only; the dev gold is never in it), minus articles already in
data/annotations/ and articles of the bundled demo corpus (raw/news), filtered by body length, shuffled with the
seed. Each batch gets a folder OUT_DIR/batch-N/ with <id>.txt (the exact body, `content_original`, that every
annotation string must be a verbatim substring of) and <id>.meta.json (title, published_at, url).
"""

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
ANNOTATIONS = ROOT / "data" / "annotations"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", type=Path, nargs="?")
    p.add_argument("--collect", action="store_true")
    p.add_argument("--n", type=int, default=168)
    p.add_argument("--batches", type=int, default=8)
    p.add_argument("--seed", type=int, default=12)
    p.add_argument("--min-words", type=int, default=300)
    p.add_argument("--max-words", type=int, default=750)
    a = p.parse_args()
    if not CORPUS.is_dir():
        print(f"error: {CORPUS} not found: the training pool lives in the shared corpus", file=sys.stderr)
        return 2
    pool = {
        ln.strip()
        for ln in (CORPUS / "training-pool.txt").read_text().splitlines()
        if ln.strip() and not ln.startswith("#")
    }
    done = {f.stem for f in ANNOTATIONS.glob("*.json")}
    demo_urls = set()
    for f in (ROOT / "raw" / "news").glob("*.jsonl.gz"):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            demo_urls |= {json.loads(ln).get("url") for ln in fh if ln.strip()}
    if a.collect:
        return collect(done)
    if a.out is None:
        p.error("OUT_DIR is required (unless --collect)")
    records = []
    with gzip.open(CORPUS / "news-bias" / "middle_east.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            words = len(r["content_original"].split())
            if (
                r["ID"] in pool
                and r["ID"] not in done
                and r["url"] not in demo_urls
                and a.min_words <= words <= a.max_words
            ):
                records.append(r)
    records.sort(key=lambda r: r["ID"])
    random.Random(a.seed).shuffle(records)
    chosen = records[: a.n]
    for i, r in enumerate(chosen):
        batch = a.out / f"batch-{i % a.batches + 1}"
        batch.mkdir(parents=True, exist_ok=True)
        (batch / f"{r['ID']}.txt").write_text(r["content_original"], encoding="utf-8")
        meta = {
            "id": r["ID"],
            "title": r["title"],
            "published_at": (r["date"] or None),
            "url": r["url"],
            "source": r["source"],
        }
        (batch / f"{r['ID']}.meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(chosen)} articles in {a.batches} batches under {a.out} (from {len(records)} eligible)")
    return 0


def collect(ids: set[str]) -> int:
    out = []
    with gzip.open(CORPUS / "news-bias" / "middle_east.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["ID"] in ids:
                out.append(
                    {
                        "id": r["ID"],
                        "title": r["title"],
                        "published_at": r["date"] or None,
                        "url": r["url"],
                        "source": r["source"],
                        "text": r["content_original"],
                    }
                )
    out.sort(key=lambda r: r["id"])
    path = ANNOTATIONS / "articles.jsonl.gz"
    with gzip.GzipFile(path, "wb", mtime=0) as fh:  # mtime 0: the same bodies give the same bytes
        fh.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out).encode("utf-8"))
    print(f"{len(out)} article bodies -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
