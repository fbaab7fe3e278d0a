#!/usr/bin/env python3
"""Throughput and memory of the pipeline against its floors, measured in one run (`make bench`).

  python scripts/bench.py [--news N] [--reuters N] [--workers-docs N] [--out bench/results] [--keep]

Needs ../shared (the corpus and make_records.py). Measures, on real data:
1. cleaning: bare `trafilatura.bare_extraction` on the 181 benchmark pages vs our ingest+clean stages on them;
2. parsing floor: bare `nlp.pipe` (same model, same process count, same paragraph split) over the news texts;
3. the whole `stancewatch run` (Dagster, spaCy, DuckDB, dbt, GX, publication) on the same news articles, with
   the seconds of every Dagster step, then the parsing floor again: the ratio is the run over the mean of the two
   floors that bracket it (this machine's speed drifts by a tenth within the hour);
4. incremental: 50 new articles added to that warehouse, then `stancewatch run` again;
5. the extraction stage alone with 1 worker process and with STANCEWATCH_NLP_PROCESSES workers (speed-up);
6. the extraction as Dagster partition steps: `stancewatch run` with the multiprocess executor, 1 partition step vs
   STANCEWATCH_NLP_PROCESSES partition steps of one worker each (speed-up of the partition steps' span);
7. scale: every Reuters-21578 article through `stancewatch run`.
Runs report wall time, CPU time of the process tree and peak RSS of the tree (CLI + workers + dbt, summed).
Writes <out>.json and <out>.md and prints the table with ratios. A failed run keeps its work directory, and so does
--keep (its news.duckdb is the whole run's warehouse of the news articles plus step 4's 50 Reuters articles).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
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
    subprocess.run(
        [sys.executable, str(SHARED / "eval" / "make_records.py"), str(out), *args],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    return out


def children_rusage() -> tuple[float, int]:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime, r.ru_maxrss * 1024


def self_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def proc_stats() -> list[tuple[int, str, list[str]]]:
    """(pid, command name, the fields after the name) of every process, from /proc/<pid>/stat (Linux); the fields
    count from the state: [1] parent pid, [11] user and [12] system CPU ticks, [21] resident pages."""
    stats = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, rest = stat.read_text().rsplit(")", 1)
            stats.append((int(stat.parent.name), head.split("(", 1)[1], rest.split()))
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we looked
    return stats


def busy_processes(window_s: float = 1.0, min_share: float = 0.2) -> list[dict]:
    """Other processes that used at least `min_share` of a core over `window_s` seconds (from /proc, Linux): a
    leftover run beside the benchmark slows the steps it overlaps, and the ratios with them (a killed bench's
    workers alive during the run of 2026-12-01 20:04 made 1.42x read as 1.65x)."""

    def cpu_ticks() -> dict[int, tuple[int, str]]:
        return {pid: (int(fields[11]) + int(fields[12]), name) for pid, name, fields in proc_stats()}

    before = cpu_ticks()
    time.sleep(window_s)
    after = cpu_ticks()
    hz = os.sysconf("SC_CLK_TCK")
    busy = []
    for pid, (ticks, name) in after.items():
        share = (ticks - before.get(pid, (ticks, name))[0]) / hz / window_s
        if share >= min_share and pid != os.getpid():
            busy.append({"pid": pid, "name": name, "cpu_share": round(share, 2)})
    return sorted(busy, key=lambda p: -p["cpu_share"])


def described(busy: list[dict]) -> str:
    return ", ".join(f"{p['name']} (pid {p['pid']}, {p['cpu_share']:.0%} of a core)" for p in busy)


def warn_if_busy(step: str, results: dict) -> None:
    """Record and print the other processes busy as a step starts."""
    busy = busy_processes()
    if busy:
        results.setdefault("busy_at_start", {})[step] = busy
        print(
            f"warning: other processes are busy as {step} starts, its figures will be slower: {described(busy)}",
            flush=True,
        )


def tree_rss(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for pid, _name, fields in proc_stats():
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * resource.getpagesize()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def run_pipeline(raw: Path, warehouse: Path, home: Path, settings: dict | None = None) -> dict:
    """One `stancewatch run` as a child process (with extra STANCEWATCH_* settings): wall time, CPU time of the
    process tree, and peak RSS of the tree (the sum over the CLI, its worker processes and dbt, sampled every 0.2 s)."""
    env = dict(os.environ, DAGSTER_HOME=str(home), **(settings or {}))
    cpu0, _ = children_rusage()
    started = time.perf_counter()
    log = warehouse.with_suffix(".log")
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [str(BIN / "stancewatch"), "run", "--raw-dir", str(raw), "--warehouse", str(warehouse)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        peak = 0
        while proc.poll() is None:
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.2)
    wall = time.perf_counter() - started
    cpu1, _ = children_rusage()
    if proc.returncode != 0:
        print(log.read_text()[-5000:], file=sys.stderr)
        raise SystemExit(
            f"stancewatch run failed on {raw}; its warehouse and Dagster home are kept in {warehouse.parent} for a look"
        )
    return {"wall_s": wall, "cpu_s": cpu1 - cpu0, "peak_rss_bytes": peak, **stage_seconds(home)}


STAGE_ASSETS = {
    "ingest": ["landing", "documents"],
    "clean": ["landing", "articles"],
    "extract": ["landing", "mentions"],
    "dedup": ["landing", "duplicate_pairs"],
}


def stage_seconds(home: Path) -> dict:
    """Seconds per step of the latest run (Dagster's step stats: ingest, clean, extract, dedup, dbt, checks...), the
    span of the extraction's partition steps (first start to last end), and wall/CPU seconds of the landing stages
    from their materialization metadata."""
    from dagster import AssetKey, DagsterInstance, RunsFilter

    with DagsterInstance.from_config(str(home)) as instance:
        run = instance.get_runs(RunsFilter(job_name="stancewatch_run"), limit=1)[0]
        stats = [s for s in instance.get_run_step_stats(run.run_id) if s.start_time and s.end_time]
        steps = {s.step_key: round(s.end_time - s.start_time, 1) for s in stats}
        partitions = [s for s in stats if s.step_key.startswith("extractions.extract_partition")]
        span = max(s.end_time for s in partitions) - min(s.start_time for s in partitions) if partitions else None
        stages = {}
        for stage, key in STAGE_ASSETS.items():
            event = instance.get_latest_materialization_event(AssetKey(key))
            meta = event.asset_materialization.metadata if event and event.run_id == run.run_id else {}
            if "seconds" in meta:
                stages[stage] = {
                    "wall_s": meta["seconds"].value,
                    "cpu_s": meta["cpu_seconds"].value if "cpu_seconds" in meta else None,
                }
    return {"steps": steps, "stages": stages, "partition_steps": len(partitions), "partition_span_s": span}


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
    return {
        "docs": len(htmls),
        "bare_trafilatura": bare,
        "stancewatch_ingest_clean": ours,
        "ratio": ours["wall_s"] / bare["wall_s"],
    }


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
    return {
        "paragraphs": n,
        "wall_s": time.perf_counter() - started,
        "cpu_s": children_rusage()[0] + self_cpu() - cpu0,
        "processes": processes,
    }


def first_articles(news: Path, n: int, raw: Path) -> Path:
    raw.mkdir()
    opener = gzip.open if news.name.endswith(".gz") else open
    with opener(news, "rt", encoding="utf-8") as f, open(raw / "news.jsonl", "w", encoding="utf-8") as out:
        for _, line in zip(range(n), f):
            out.write(line)
    return raw


def bench_workers(raw: Path, work: Path, n: int, processes: int) -> dict:
    """The extraction stage alone on the n articles of `raw` with 1 worker, then with `processes` workers."""
    from pipelines.lib import stages, warehouse
    from pipelines.settings import Settings

    settings = Settings.from_env()
    out = {"docs": n}
    for p in sorted({1, processes}):
        con = warehouse.connect(work / f"workers_{p}.duckdb")
        stages.ingest(con, raw)
        stages.clean(con)
        cpu0, started = children_rusage()[0] + self_cpu(), time.perf_counter()
        stages.extract(con, settings.spacy_model, p, settings.batch_size, work_dir=work / f"workers_{p}.shards")
        out[f"workers_{p}"] = {
            "wall_s": time.perf_counter() - started,
            "cpu_s": children_rusage()[0] + self_cpu() - cpu0,
        }
        con.close()
    out["speedup"] = out["workers_1"]["wall_s"] / out[f"workers_{processes}"]["wall_s"]
    return out


def bench_partitions(raw: Path, work: Path, n: int, processes: int) -> dict:
    """`stancewatch run` with Dagster's multiprocess executor on the n articles of `raw`: the extraction as 1 partition
    step, then as `processes` partition steps, each with one worker process."""
    out = {"docs": n}
    for k in sorted({1, processes}):
        out[f"partitions_{k}"] = run_pipeline(
            raw,
            work / f"partitions_{k}.duckdb",
            work / f"home_partitions_{k}",
            {
                "STANCEWATCH_EXECUTOR": "multiprocess",
                "STANCEWATCH_EXTRACT_PARTITIONS": str(k),
                "STANCEWATCH_NLP_PROCESSES": "1",
            },
        )
    out["speedup"] = out["partitions_1"]["partition_span_s"] / out[f"partitions_{processes}"]["partition_span_s"]
    return out


def run_vs_floors(results: dict) -> dict:
    """The whole run's wall time over the bare parse's, measured just before and just after it: against their mean,
    and against each (a single parse measurement moves by a tenth with this machine's speed)."""
    floors = [results["parse_floor"]["wall_s"], results["parse_floor_after"]["wall_s"]]
    run = results["full_run"]["wall_s"]
    return {
        "full_run_vs_parse_floor": run / (sum(floors) / len(floors)),
        "full_run_vs_each_parse_floor": [run / floor for floor in floors],
    }


def save(results: dict, out: Path) -> None:
    """Write what is measured so far (a failure late in a long bench keeps the earlier figures)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(results, indent=2), encoding="utf-8")


def measure(a, work: Path, processes: int, results: dict) -> None:
    print("1/7 cleaning: bare trafilatura vs ingest+clean on the 181 benchmark pages", flush=True)
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

    save(results, a.out)
    print(f"2/7 parse floor: bare nlp.pipe over {docs} articles ({processes} processes)", flush=True)
    warn_if_busy("the parse floor", results)
    results["parse_floor"] = bench_parse_floor(news, processes)

    save(results, a.out)
    print(f"3/7 whole run on {docs} articles", flush=True)
    warn_if_busy("the whole run", results)
    results["full_run"] = run_pipeline(news_raw, work / "news.duckdb", work / "home_news")

    save(results, a.out)
    print("3/7 parse floor again, after the whole run (the two floors bracket it)", flush=True)
    warn_if_busy("the second parse floor", results)
    results["parse_floor_after"] = bench_parse_floor(news, processes)
    results.update(run_vs_floors(results))

    save(results, a.out)
    print("4/7 incremental: 50 new articles", flush=True)
    records(["--reuters", *map(str, range(1, 400))], work / "extra.jsonl")
    extra = [line for line in (work / "extra.jsonl").open(encoding="utf-8") if '"text": ""' not in line][:50]
    (news_raw / "new.jsonl").write_text("".join(extra), encoding="utf-8")
    results["incremental"] = run_pipeline(news_raw, work / "news.duckdb", work / "home_news")
    results["incremental_vs_full"] = results["incremental"]["wall_s"] / results["full_run"]["wall_s"]

    save(results, a.out)
    n = min(a.workers_docs, docs)
    first = first_articles(news, n, work / "first_raw")
    print(f"5/7 extraction workers: 1 vs {processes} on the first {n} articles", flush=True)
    results["workers"] = bench_workers(first, work, n, processes)

    save(results, a.out)
    print(
        f"6/7 Dagster partition steps (multiprocess executor): 1 vs {processes} on the first {n} articles", flush=True
    )
    results["partitions"] = bench_partitions(first, work, n, processes)

    save(results, a.out)
    if a.reuters:
        print(f"7/7 scale: Reuters-21578 NEWID 1..{a.reuters}", flush=True)
        reuters_raw = work / "reuters_raw"
        reuters_raw.mkdir()
        records(["--reuters", *map(str, range(1, a.reuters + 1))], reuters_raw / "reuters.jsonl.gz")
        rdocs, rwords = words_in(reuters_raw / "reuters.jsonl.gz")
        results["reuters"] = {
            "docs": rdocs,
            "words": rwords,
            **run_pipeline(reuters_raw, work / "reuters.duckdb", work / "home_reuters"),
        }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--news", type=int, default=0, help="use the first N news articles (default: all 2,344)")
    p.add_argument("--reuters", type=int, default=21578, help="Reuters NEWIDs 1..N for the scale run (0: skip)")
    p.add_argument(
        "--workers-docs", type=int, default=300, help="articles for the 1-vs-N worker and partition-step comparisons"
    )
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    p.add_argument("--keep", action="store_true", help="keep the work directory and its warehouses, to query them")
    a = p.parse_args()
    if not (SHARED / "eval" / "make_records.py").exists():
        print(f"error: {SHARED} is missing: `make bench` needs the shared corpus next to the project", file=sys.stderr)
        return 2
    from pipelines.settings import Settings

    processes = Settings.from_env().nlp_processes
    results: dict = {
        "machine": {"cores": os.cpu_count(), "nlp_processes": processes},
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    work = Path(tempfile.mkdtemp(prefix="stancewatch-bench-"))
    measure(a, work, processes, results)  # a failed run keeps the work dir, to look at its warehouse
    if a.keep:
        print(f"work directory kept: {work} (news.duckdb, reuters.duckdb)", flush=True)
    else:
        shutil.rmtree(work, ignore_errors=True)
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
        *floor_rows(r, docs, words),
        f"| stancewatch run, {docs} articles | {f['wall_s']:.1f} | {f['cpu_s']:.1f} | {docs / f['wall_s']:.1f} "
        f"| {words / f['wall_s']:.0f} | {f['peak_rss_bytes'] / 2**20:.0f} "
        f"| {r['full_run_vs_parse_floor']:.2f} x bare nlp.pipe{each_floor(r)} |",
        f"| + 50 new articles | {inc['wall_s']:.1f} | {inc['cpu_s']:.1f} | | | {inc['peak_rss_bytes'] / 2**20:.0f} "
        f"| {r['incremental_vs_full']:.2f} x full run |",
    ]
    if "reuters" in r:
        x = r["reuters"]
        rows.append(
            f"| stancewatch run, Reuters-21578, {x['docs']} records | {x['wall_s']:.1f} | {x['cpu_s']:.1f} "
            f"| {x['docs'] / x['wall_s']:.1f} | {x['words'] / x['wall_s']:.0f} "
            f"| {x['peak_rss_bytes'] / 2**20:.0f} | |"
        )
    if "workers" in r:
        w = r["workers"]
        many = max(int(k.split("_")[1]) for k in w if k.startswith("workers_"))
        rows.append(
            f"| extraction stage, {w['docs']} articles, 1 worker | {w['workers_1']['wall_s']:.1f} "
            f"| {w['workers_1']['cpu_s']:.1f} | {w['docs'] / w['workers_1']['wall_s']:.1f} | | | |"
        )
        rows.append(
            f"| extraction stage, {w['docs']} articles, {many} workers | {w[f'workers_{many}']['wall_s']:.1f} "
            f"| {w[f'workers_{many}']['cpu_s']:.1f} | {w['docs'] / w[f'workers_{many}']['wall_s']:.1f} | | "
            f"| {w['speedup']:.2f} x speed-up |"
        )
    if "partitions" in r:
        x = r["partitions"]
        many = max(int(k.split("_")[1]) for k in x if k.startswith("partitions_"))
        for k in sorted({1, many}):
            run = x[f"partitions_{k}"]
            ratio = f"{x['speedup']:.2f} x speed-up" if k == many > 1 else ""
            rows.append(
                f"| multiprocess executor, {x['docs']} articles, {k} partition step(s): their span "
                f"| {run['partition_span_s']:.1f} | | {x['docs'] / run['partition_span_s']:.1f} | | | {ratio} |"
            )
            rows.append(
                f"| (that whole run) | {run['wall_s']:.1f} | {run['cpu_s']:.1f} | | "
                f"| {run['peak_rss_bytes'] / 2**20:.0f} | |"
            )
    lines = ["\n".join(rows), ""]
    for name, run, n_docs, n_words in [
        ("whole run", f, docs, words),
        ("+ 50 new articles", inc, 50, None),
        ("Reuters run", r.get("reuters"), None, None),
    ]:
        if not run or not run.get("stages"):
            continue
        if name == "Reuters run":
            n_docs, n_words = run["docs"], run["words"]
        lines += [
            f"Landing stages of the {name}:",
            "",
            "| stage | wall s | CPU s | docs/s | words/s |",
            "|---|---|---|---|---|",
        ]
        for stage, t in run["stages"].items():

            def per(n, t=t):
                return f"{n / t['wall_s']:.0f}" if n and t["wall_s"] else ""

            cpu = f"{t['cpu_s']:.1f}" if t.get("cpu_s") is not None else ""
            lines.append(f"| {stage} | {t['wall_s']:.1f} | {cpu} | {per(n_docs)} | {per(n_words)} |")
        steps = ", ".join(f"{k} {v:.1f}" for k, v in sorted(run["steps"].items(), key=lambda kv: -kv[1])[:8])
        lines += ["", f"Slowest Dagster steps of the {name} (s): {steps}.", ""]
    for step, busy in r.get("busy_at_start", {}).items():
        lines.append(f"Other processes busy as {step} started (its figures are slower for it): {described(busy)}.\n")
    lines.append(f"Machine: {r['machine']}; started {r['started']}.")
    return "\n".join(lines) + "\n"


def floor_rows(r: dict, docs: int, words: int) -> list[str]:
    rows = []
    for key, when in [("parse_floor", "before"), ("parse_floor_after", "after")]:
        if key in r:  # results of earlier versions measured the floor once, before the run
            x = r[key]
            rows.append(
                f"| bare nlp.pipe, {docs} articles, {when} the whole run | {x['wall_s']:.1f} | {x['cpu_s']:.1f} "
                f"| {docs / x['wall_s']:.1f} | {words / x['wall_s']:.0f} | | |"
            )
    return rows


def each_floor(r: dict) -> str:
    each = r.get("full_run_vs_each_parse_floor")
    return f" (their mean; {each[0]:.2f} x / {each[1]:.2f} x the one before / after)" if each else ""


if __name__ == "__main__":
    sys.exit(main())
