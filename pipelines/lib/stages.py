"""The landing stages as plain functions: raw dir -> documents -> articles/rejects -> mentions/claims/stances.

Each stage only does the work that is pending (new documents, uncleaned documents, articles not yet extracted by
this extractor version), commits batch by batch, and returns counts for the caller (Dagster metadata, CLI summary).
"""
from __future__ import annotations

import resource
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import shards, warehouse
from .clean import Article, Reject, clean_document
from .ingest import DEFAULT_MAX_BYTES, read_documents

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass(frozen=True)
class Clock:
    """A point in wall time and CPU time; CPU counts this process and its finished child processes (extraction
    workers), so a stage's CPU time includes the work it handed out."""
    wall: float
    cpu: float

    @staticmethod
    def now() -> Clock:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return Clock(time.perf_counter(), own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime)

    def seconds(self) -> float:
        return time.perf_counter() - self.wall


@dataclass
class StageResult:
    counts: dict[str, int] = field(default_factory=dict)
    breakdown: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_seconds: float = 0.0

    @classmethod
    def since(cls, started: Clock, counts: dict, breakdown: dict) -> StageResult:
        now = Clock.now()
        return cls(counts, breakdown, now.wall - started.wall, now.cpu - started.cpu)


def ingest(con, raw_dir: Path, progress: Progress = _quiet, batch_size: int = 1000,
           max_bytes: int = DEFAULT_MAX_BYTES) -> StageResult:
    """Land every raw file/record not landed yet as a document."""
    started = Clock.now()
    warehouse.ensure_landing(con)
    seen, added, formats, errors = 0, 0, Counter(), Counter()
    batch = []
    for doc in read_documents(Path(raw_dir), max_bytes):
        seen += 1
        formats[doc.format] += 1
        if doc.read_error:
            errors[doc.read_error] += 1
        batch.append(doc)
        if len(batch) >= batch_size:
            added += warehouse.insert_documents(con, batch)
            batch = []
            progress(f"ingest: {seen} documents read, {added} new")
    added += warehouse.insert_documents(con, batch)
    total = con.execute("select count(*) from landing.documents").fetchone()[0]
    progress(f"ingest: {seen} documents read from {raw_dir}, {added} new, {total} in landing.documents")
    return StageResult.since(started, {"read": seen, "new": added, "total": total},
                             {"formats": dict(formats), "read_errors": dict(errors)})


def clean(con, progress: Progress = _quiet, batch_size: int = 256) -> StageResult:
    """Clean pending documents into articles or rejects."""
    started = Clock.now()
    warehouse.ensure_landing(con)
    todo = warehouse.count_pending_documents(con)
    done, n_articles, n_rejects, reasons = 0, 0, 0, Counter()
    for docs in warehouse.pending_documents(con, batch_size):
        articles: list[Article] = []
        rejects: list[Reject] = []
        for doc in docs:
            result = clean_document(doc)
            (articles if isinstance(result, Article) else rejects).append(result)
        a, r = warehouse.write_cleaned(con, articles, rejects)
        n_articles, n_rejects = n_articles + a, n_rejects + r
        done += len(docs)
        progress(f"clean: {done}/{todo} documents, {n_articles} articles, {n_rejects} rejects")
    for reason, n in con.execute("select reason, count(*) from landing.rejects group by 1 order by 2 desc").fetchall():
        reasons[reason] = n
    totals = dict(con.execute("select 'articles', count(*) from landing.articles union all "
                              "select 'rejects', count(*) from landing.rejects").fetchall())
    return StageResult.since(started, {"cleaned": done, "new_articles": n_articles, "new_rejects": n_rejects,
                                       "articles_total": totals["articles"], "rejects_total": totals["rejects"]},
                             {"reject_reasons": dict(reasons)})


def extract(con, model_name: str, n_process: int = 1, batch_size: int = 64, progress: Progress = _quiet,
            seeds_dir: Path | None = None, work_dir: Path | None = None) -> StageResult:
    """Extract mentions, claims and stances from articles not yet extracted by the current extractor version.

    Shards of `batch_size` articles are parsed by `n_process` worker processes (shards.py) and loaded into the
    warehouse by this process, one transaction per shard. Shard files go to a new directory inside `work_dir`
    (default: the system's temporary directory; see shards.fresh_dir), removed at the end.
    """
    from .nlp.extract import extractor_version

    started = Clock.now()
    warehouse.ensure_landing(con)
    version = extractor_version(model_name)
    todo = warehouse.count_pending_articles(con, version)
    progress(f"extract: {todo} articles to parse with {model_name} ({n_process} worker process(es))")
    counts = Counter({"extracted": 0, "mentions": 0, "claims": 0, "stances": 0})
    if todo:
        spec = shards.ExtractorSpec(model_name, str(seeds_dir) if seeds_dir else None, batch_size)
        out_dir = shards.fresh_dir(work_dir)
        shard_size = min(batch_size, -(-todo // n_process))  # a small increment still keeps every worker busy
        try:
            tasks = shards.shard_tasks(warehouse.pending_articles(con, version, shard_size), out_dir)
            for output in shards.run_shards(tasks, spec, n_process):
                warehouse.load_extraction_files(con, output.files)
                for path in output.files.values():
                    path.unlink()
                counts.update({k: output.counts[k] for k in ("mentions", "claims", "stances")})
                counts["extracted"] += output.counts["articles"]
                rate = counts["extracted"] / started.seconds()
                left = (todo - counts["extracted"]) / rate
                progress(f"extract: {counts['extracted']}/{todo} articles ({rate:.1f}/s, "
                         f"about {left / 60:.0f} min left)")
        finally:
            shutil.rmtree(out_dir, ignore_errors=True)
    progress(f"extract: {counts['extracted']}/{todo} articles, {counts['mentions']} mentions, "
             f"{counts['claims']} claims, {counts['stances']} stances")
    return StageResult.since(started, {"extracted": counts["extracted"],
                                       **{f"new_{k}": counts[k] for k in ("mentions", "claims", "stances")}},
                             {"extractor_version": {version: counts["extracted"]}})
