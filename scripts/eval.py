#!/usr/bin/env python3
"""Quality figures with the shared scorers (needs ../shared next to the project).

  python scripts/eval.py [--gold-only | --extraction-only] [--keep DIR]

0. the stance model's k-fold cross-validation by article over the training annotations (data/annotations), as
   `make train` measured it (stored in the committed model);
1. gold: article records for every file in ../shared/gold/dev (make_records.py), `stancewatch run` on them into
   a fresh warehouse, then score_gold.py;
2. extraction: the 181 benchmark pages (make_records.py --extraction-benchmark) through `stancewatch run`, then
   score_extraction.py.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
GOLD = SHARED / "gold" / "dev"
BIN = Path(sys.executable).parent


def gold_record_args(gold_dir: Path) -> list[str]:
    news, reuters, seed = [], [], False
    for path in sorted(gold_dir.glob("*.json")):
        if path.stem == "seed":
            seed = True
        elif path.stem.startswith("reuters-"):
            reuters.append(path.stem.removeprefix("reuters-"))
        else:
            news.append(path.stem)
    return (
        (["--seed"] if seed else [])
        + (["--news-bias", *news] if news else [])
        + (["--reuters", *reuters] if reuters else [])
    )


def run(workdir: Path, name: str, record_args: list[str]) -> Path:
    raw = workdir / name / "raw"
    raw.mkdir(parents=True)
    subprocess.run(
        [sys.executable, str(EVAL / "make_records.py"), str(raw / f"{name}.jsonl"), *record_args], check=True
    )
    warehouse = workdir / name / "warehouse.duckdb"
    env = dict(os.environ, DAGSTER_HOME=str(workdir / name / "dagster"))
    print(f"== stancewatch run ({name})", flush=True)
    result = subprocess.run(
        [str(BIN / "stancewatch"), "run", "--raw-dir", str(raw), "--warehouse", str(warehouse)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    print(result.stdout.split("=" * 72)[-2] if "=" * 72 in result.stdout else result.stdout[-2000:])
    if result.returncode != 0:
        print(f"warning: stancewatch run exited {result.returncode}", file=sys.stderr)
    return warehouse


def print_cross_validation() -> None:
    sys.path.insert(0, str(ROOT))
    from pipelines.lib.nlp import stance_model

    model = stance_model.load()
    cv, ann = model.meta["cv"], model.meta["annotations"]
    print(
        f"== stance model {model.version}: {cv['k']}-fold cross-validation by article over {ann['articles']} "
        f"annotated articles ({ann['stances']} stances); default threshold {model.threshold:.2f}"
    )
    print("threshold  pair P/R/F1           article P/R/F1")
    for row in cv["table"]:
        p, a = row["pair"], row["article"]
        mark = "  <- default" if row["threshold"] == model.threshold else ""
        print(
            f"  {row['threshold']:.2f}     {p['precision']:.2f} {p['recall']:.2f} {p['f1']:.2f}       "
            f"{a['precision']:.2f} {a['recall']:.2f} {a['f1']:.2f}{mark}"
        )
    spread = cv.get("small_sample_f1")
    if spread:
        print(
            f"article F1 of {spread['size']} random training articles (the dev set's size) varies by chance from "
            f"{spread['p5']:.2f} to {spread['p95']:.2f} (5th-95th percentile, median {spread['p50']:.2f})"
        )
    print("(dev gold below is a test set: never trained on, never used to pick the threshold or features)", flush=True)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--gold-only", action="store_true")
    p.add_argument("--extraction-only", action="store_true")
    p.add_argument("--gold-dir", type=Path, default=GOLD)
    p.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary folder)")
    a = p.parse_args()
    if not EVAL.is_dir() or not a.gold_dir.is_dir():
        print(
            f"error: the shared evaluation data is missing ({EVAL}, {a.gold_dir}); `make eval` needs the shared "
            f"folder next to the project",
            file=sys.stderr,
        )
        return 2
    print_cross_validation()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = a.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        if not a.extraction_only:
            warehouse = run(workdir, "gold", gold_record_args(a.gold_dir))
            print(f"== score_gold.py ({a.gold_dir})", flush=True)
            subprocess.run([sys.executable, str(EVAL / "score_gold.py"), str(warehouse), str(a.gold_dir)], check=True)
        if not a.gold_only:
            warehouse = run(workdir, "extraction", ["--extraction-benchmark"])
            print("== score_extraction.py", flush=True)
            subprocess.run([sys.executable, str(EVAL / "score_extraction.py"), str(warehouse)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
