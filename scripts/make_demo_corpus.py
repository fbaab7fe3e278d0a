#!/usr/bin/env python3
"""Rebuild the demo corpus in raw/ from ../shared/corpus (how raw/ was made; see raw/README.md).

  python scripts/make_demo_corpus.py [--articles 300] [--pages 20]

- raw/seed/000_824ffb5e35fbd48e.txt            the seed article, unchanged
- raw/news/middle_east_iran_sample.jsonl.gz    dated news-bias articles with Iran in the title, through
                                               ../shared/eval/make_records.py (the article-record format)
- raw/pages/<id>.html.gz                       extraction-benchmark pages whose <html lang> is English
"""

import argparse
import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold" / "dev"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=300)
    p.add_argument("--pages", type=int, default=20)
    a = p.parse_args()
    if not CORPUS.is_dir():
        print(f"error: {CORPUS} not found: this script needs the shared corpus next to the project", file=sys.stderr)
        return 2
    raw = ROOT / "raw"
    (raw / "seed").mkdir(parents=True, exist_ok=True)
    shutil.copy(CORPUS / "seed" / "000_824ffb5e35fbd48e.txt", raw / "seed")

    gold_ids = {p.stem for p in GOLD.glob("*.json")} if GOLD.is_dir() else set()
    candidates = []
    with gzip.open(CORPUS / "news-bias" / "middle_east.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["date"] and re.search(r"\bIran", r["title"]) and r["ID"] not in gold_ids:
                candidates.append(r["ID"])
    # a stable, spread-out sample: order by a hash of the id
    chosen = sorted(candidates, key=lambda i: hashlib.sha256(i.encode()).hexdigest())[: a.articles]
    (raw / "news").mkdir(exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "make_records.py"),
            str(raw / "news" / "middle_east_iran_sample.jsonl.gz"),
            "--news-bias",
            *sorted(chosen),
        ],
        check=True,
    )

    (raw / "pages").mkdir(exist_ok=True)
    copied = 0
    for page in sorted((CORPUS / "extraction-benchmark" / "html").glob("*.html.gz")):
        head = gzip.open(page, "rt", encoding="utf-8", errors="replace").read(3000).lower()
        if re.search(r"<html[^>]*\blang=[\"']?en", head):
            shutil.copy(page, raw / "pages" / page.name)
            copied += 1
            if copied >= a.pages:
                break
    print(f"raw/: seed, {len(chosen)} article records, {copied} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
