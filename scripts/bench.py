#!/usr/bin/env python3
"""Throughput and memory of the pipeline against its floors, measured in one run (`make bench`).

  python scripts/bench.py [--news N] [--reuters N] [--out bench/results]

Needs ../shared (the corpus and make_records.py). Measures, on real data:
1. cleaning: bare `trafilatura.bare_extraction` on the 181 benchmark pages vs our ingest+clean stages on them;
2. parsing floor: bare `nlp.pipe` (same model, same process count, same paragraph split) over the news texts;
3. the whole `stancewatch run` (Dagster, spaCy, DuckDB, dbt, GX) on the same news articles; per-stage seconds
   from the Dagster materialization metadata;
4. incremental: 50 new articles added to that warehouse, then `stancewatch run` again;
5. scale: every Reuters-21578 article through `stancewatch run`: wall time and peak RSS.
Writes <out>.json and <out>.md and prints the table with ratios.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))


def records(args: list[str], out: Path) -> Path:
    subprocess.run([sys.executable, str(SHARED / "eval" / "make_records.py"), str(out), *args], check=True,
                   stderr=subprocess.DEVNULL)
    return out


def children_rusage() -> tuple[float, int]:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime, r.ru_maxrss * 1024


def self_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_pipeline(raw: Path, warehouse: Path, home: Path) -> dict:
    """One `stancewatch run` as a child process: wall, CPU of the whole process tree, peak RSS."""
    env = dict(os.environ, DAGSTER_HOME=str(home))
    cpu0, _ = children_rusage()
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", "import resource, subprocess, sys; "
         "p = subprocess.run(sys.argv[1:]); r = resource.getrusage(resource.RUSAGE_CHILDREN); "
         "print('RSS', r.ru_maxrss * 1024, file=sys.stderr); sys.exit(p.returncode)",
         str(BIN / "stancewatch"), "run", "--raw-dir", str(raw), "--warehouse", str(warehouse)],
        env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    cpu1, _ = children_rusage()
    if proc.returncode != 0:
        print(proc.stdout[-3000:], proc.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"stancewatch run failed on {raw}")
    rss = int(next(line.split()[1] for line in proc.stderr.splitlines() if line.startswith("RSS ")))
    return {"wall_s": wall, "cpu_s": cpu1 - cpu0, "peak_rss_bytes": rss, "stages": stage_seconds(home)}


def stage_seconds(home: Path) -> dict:
    from dagster import AssetKey, DagsterInstance

    out = {}
    with DagsterInstance.from_config(str(home)) as instance:
        for name in ("documents", "articles", "mentions"):
            event = instance.get_latest_materialization_event(AssetKey(["landing", name]))
            if event and "seconds" in event.asset_materialization.metadata:
                out[{"documents": "ingest", "articles": "clean", "mentions": "extract"}[name]] = \
                    event.asset_materialization.metadata["seconds"].value
    return out


def words_in(path: Path) -> tuple[int, int]:
    opener = gzip.open if path.name.endswith(".gz") else open
    docs = words = 0
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            docs += 1
            words += len((r.get("text") or "").split())
    return docs, words


def bench_cleaning(work: Path) -> dict:
    import trafilatura

    from pipelines.lib import stages, warehouse

    pages = records(["--extraction-benchmark"], work / "pages.jsonl")
    htmls = [json.loads(line) for line in pages.open(encoding="utf-8")]
    cpu0, started = self_cpu(), time.perf_counter()
    for r in htmls:
        trafilatura.bare_extraction(r["html"], url=r["url"], with_metadata=True, include_comments=False)
    bare = {"wall_s": time.perf_counter() - started, "cpu_s": self_cpu() - cpu0}
    raw = work / "pages_raw"
    raw.mkdir()
    pages.rename(raw / "pages.jsonl")
    con = warehouse.connect(work / "pages.duckdb")
    cpu0, started = self_cpu(), time.perf_counter()
    stages.ingest(con, raw)
    stages.clean(con)
    ours = {"wall_s": time.perf_counter() - started, "cpu_s": self_cpu() - cpu0}
    con.close()
    return {"docs": len(htmls), "bare_trafilatura": bare, "stancewatch_ingest_clean": ours,
            "ratio": ours["wall_s"] / bare["wall_s"]}


def bench_parse_floor(news: Path, processes: int) -> dict:
    from pipelines.lib.clean import normalize_text
    from pipelines.lib.nlp.model import load_model
    from pipelines.lib.nlp.paragraphs import paragraphs
    from pipelines.settings import Settings

    nlp = load_model(Settings.from_env().spacy_model)
    opener = gzip.open if news.name.endswith(".gz") else open

    def texts():
        with opener(news, "rt", encoding="utf-8") as f:
            for line in f:
                for _, para in paragraphs(normalize_text(json.loads(line).get("text") or "")):
                    yield para

    cpu0, started = children_rusage()[0] + self_cpu(), time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts(), n_process=processes, batch_size=256))
    return {"paragraphs": n, "wall_s": time.perf_counter() - started,
            "cpu_s": children_rusage()[0] + self_cpu() - cpu0, "processes": processes}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--news", type=int, default=0, help="use the first N news articles (default: all 2,344)")
    p.add_argument("--reuters", type=int, default=21578, help="Reuters NEWIDs 1..N for the scale run (0: skip)")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    a = p.parse_args()
    if not (SHARED / "eval" / "make_records.py").exists():
        print(f"error: {SHARED} is missing: `make bench` needs the shared corpus next to the project",
              file=sys.stderr)
        return 2
    from pipelines.settings import Settings

    processes = Settings.from_env().nlp_processes
    results: dict = {"machine": {"cores": os.cpu_count(), "nlp_processes": processes},
                     "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print("1/5 cleaning: bare trafilatura vs ingest+clean on the 181 benchmark pages", flush=True)
        results["cleaning"] = bench_cleaning(work)

        news_raw = work / "news_raw"
        news_raw.mkdir()
        news = records(["--news-bias-all"], news_raw / "news.jsonl.gz")
        if a.news:
            lines = gzip.open(news, "rt", encoding="utf-8").readlines()[: a.news]
            with gzip.open(news, "wt", encoding="utf-8") as f:
                f.writelines(lines)
        docs, words = words_in(news)
        results["news"] = {"docs": docs, "words": words}

        print(f"2/5 parse floor: bare nlp.pipe over {docs} articles ({processes} processes)", flush=True)
        results["parse_floor"] = bench_parse_floor(news, processes)

        print(f"3/5 whole run on {docs} articles", flush=True)
        results["full_run"] = run_pipeline(news_raw, work / "news.duckdb", work / "home_news")
        results["full_run_vs_parse_floor"] = results["full_run"]["wall_s"] / results["parse_floor"]["wall_s"]

        print("4/5 incremental: 50 new articles", flush=True)
        records(["--reuters", *map(str, range(1, 400))], work / "extra.jsonl")
        extra = [line for line in (work / "extra.jsonl").open(encoding="utf-8") if '"text": ""' not in line][:50]
        (news_raw / "new.jsonl").write_text("".join(extra), encoding="utf-8")
        results["incremental"] = run_pipeline(news_raw, work / "news.duckdb", work / "home_news")
        results["incremental_vs_full"] = results["incremental"]["wall_s"] / results["full_run"]["wall_s"]

        if a.reuters:
            print(f"5/5 scale: Reuters-21578 NEWID 1..{a.reuters}", flush=True)
            reuters_raw = work / "reuters_raw"
            reuters_raw.mkdir()
            records(["--reuters", *map(str, range(1, a.reuters + 1))], reuters_raw / "reuters.jsonl.gz")
            rdocs, rwords = words_in(reuters_raw / "reuters.jsonl.gz")
            results["reuters"] = {"docs": rdocs, "words": rwords,
                                  **run_pipeline(reuters_raw, work / "reuters.duckdb", work / "home_reuters")}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.with_suffix(".json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    table = render(results)
    a.out.with_suffix(".md").write_text(table, encoding="utf-8")
    print(table)
    return 0


def render(r: dict) -> str:
    c, f, inc = r["cleaning"], r["full_run"], r["incremental"]
    words, docs = r["news"]["words"], r["news"]["docs"]
    rows = [
        "| measurement | wall s | CPU s | docs/s | words/s | peak RSS MB | ratio |",
        "|---|---|---|---|---|---|---|",
        f"| bare trafilatura, 181 pages | {c['bare_trafilatura']['wall_s']:.1f} | {c['bare_trafilatura']['cpu_s']:.1f} "
        f"| {c['docs'] / c['bare_trafilatura']['wall_s']:.1f} | | | |",
        f"| ingest + clean, 181 pages | {c['stancewatch_ingest_clean']['wall_s']:.1f} "
        f"| {c['stancewatch_ingest_clean']['cpu_s']:.1f} | {c['docs'] / c['stancewatch_ingest_clean']['wall_s']:.1f} "
        f"| | | {c['ratio']:.2f} x bare trafilatura |",
        f"| bare nlp.pipe, {docs} articles | {r['parse_floor']['wall_s']:.1f} | {r['parse_floor']['cpu_s']:.1f} "
        f"| {docs / r['parse_floor']['wall_s']:.1f} | {words / r['parse_floor']['wall_s']:.0f} | | |",
        f"| stancewatch run, {docs} articles | {f['wall_s']:.1f} | {f['cpu_s']:.1f} | {docs / f['wall_s']:.1f} "
        f"| {words / f['wall_s']:.0f} | {f['peak_rss_bytes'] / 2**20:.0f} | {r['full_run_vs_parse_floor']:.2f} x bare nlp.pipe |",
        f"| + 50 new articles | {inc['wall_s']:.1f} | {inc['cpu_s']:.1f} | | | {inc['peak_rss_bytes'] / 2**20:.0f} "
        f"| {r['incremental_vs_full']:.2f} x full run |",
    ]
    if "reuters" in r:
        x = r["reuters"]
        rows.append(f"| stancewatch run, Reuters {x['docs']} articles | {x['wall_s']:.1f} | {x['cpu_s']:.1f} "
                    f"| {x['docs'] / x['wall_s']:.1f} | {x['words'] / x['wall_s']:.0f} "
                    f"| {x['peak_rss_bytes'] / 2**20:.0f} | |")
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in f.get("stages", {}).items())
    return "\n".join(rows) + f"\n\nStages of the full run: {stages}. Machine: {r['machine']}.\n"


if __name__ == "__main__":
    sys.exit(main())
