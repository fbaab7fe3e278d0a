"""The landing stages as plain functions: raw dir -> documents -> articles/rejects -> mentions/claims/stances.

Each stage only does the work that is pending (new documents, uncleaned documents, articles not yet extracted by
this extractor version), commits batch by batch, and returns counts for the caller (Dagster metadata, CLI summary).
"""

from __future__ import annotations

import resource
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import shards, warehouse
from .clean import Article, Reject, clean_document
from .raw.layout import DEFAULT_MAX_BYTES
from .raw.readers import read_documents

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


def ingest(
    con, raw_dir: Path, progress: Progress = _quiet, batch_size: int = 1000, max_bytes: int = DEFAULT_MAX_BYTES
) -> StageResult:
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
    return StageResult.since(
        started, {"read": seen, "new": added, "total": total}, {"formats": dict(formats), "read_errors": dict(errors)}
    )


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
    totals = dict(
        con.execute(
            "select 'articles', count(*) from landing.articles union all "
            "select 'rejects', count(*) from landing.rejects"
        ).fetchall()
    )
    return StageResult.since(
        started,
        {
            "cleaned": done,
            "new_articles": n_articles,
            "new_rejects": n_rejects,
            "articles_total": totals["articles"],
            "rejects_total": totals["rejects"],
        },
        {"reject_reasons": dict(reasons)},
    )


@dataclass(frozen=True)
class ExtractionPlan:
    """What `plan_extraction` wrote: shard input files per partition, in the warehouse's work directory."""

    work_dir: str
    extractor_version: str
    articles: int
    shards: int
    partitions: list[list[str]]  # shard input files of each partition
    recovered: dict[str, int]  # finished shards of a killed run, loaded before planning (articles, mentions, ...)
    started_at: float  # epoch seconds: the partitions and the load may run in other processes
    cpu_seconds: float


def plan_extraction(
    con,
    model_name: str,
    work_dir: Path,
    processes: int = 1,
    batch_size: int = 64,
    partitions: int = 1,
    progress: Progress = _quiet,
    seeds_dir: Path | None = None,
) -> ExtractionPlan:
    """Step 1 (warehouse writer): load the shards a killed run finished, then write the articles not yet extracted
    by the current extractor version (with the dictionaries of `seeds_dir`, default the project's) as shard input
    files, dealt into `partitions` partitions. Shards hold `batch_size` articles, fewer when that keeps every
    worker of every partition busy."""
    from .dictionaries import load_cached
    from .nlp.extract import extractor_version

    started, started_at = Clock.now(), time.time()
    warehouse.ensure_landing(con)
    work_dir = Path(work_dir)
    recovered = load_extractions(con, work_dir, progress).counts
    shards.clear(work_dir)
    version = extractor_version(
        model_name, dictionaries_version=load_cached(str(seeds_dir)).version if seeds_dir else None
    )
    todo = warehouse.count_pending_articles(con, version)
    shard_size = max(1, min(batch_size, -(-todo // (processes * partitions))))
    files = shards.plan(con, version, shard_size, work_dir, partitions)
    n_shards = sum(map(len, files))
    progress(
        f"extract: {todo} articles to parse with {model_name} in {n_shards} shard(s): {partitions} "
        f"partition(s) x {processes} worker process(es)"
    )
    return ExtractionPlan(
        str(work_dir),
        version,
        todo,
        n_shards,
        [[str(f) for f in part] for part in files],
        recovered,
        started_at,
        Clock.now().cpu - started.cpu,
    )


def extract_partition(
    inputs: list[str],
    model_name: str,
    processes: int = 1,
    batch_size: int = 64,
    progress: Progress = _quiet,
    seeds_dir: Path | None = None,
):
    """Step 2 (no warehouse): parse and analyse a partition's shards with `processes` worker processes; yields each
    shard's output (Parquet files next to its input) as it finishes, after a progress line."""
    started, done = Clock.now(), 0
    spec = shards.ExtractorSpec(model_name, str(seeds_dir) if seeds_dir else None, batch_size)
    for number, output in enumerate(shards.extract_partition(inputs, spec, processes), start=1):
        done, seconds = done + output.counts["articles"], started.seconds()
        left = (len(inputs) - number) * seconds / number
        progress(
            f"extract: shard {number}/{len(inputs)} done, {done} articles ({done / seconds:.1f}/s, "
            f"about {left / 60:.0f} min left)"
        )
        yield output


def load_extractions(con, work_dir: Path, progress: Progress = _quiet) -> StageResult:
    """Step 3 (warehouse writer): load every finished shard of the work directory, one transaction each."""
    started, counts = Clock.now(), Counter()
    for output in shards.finished(Path(work_dir)):
        shards.load(con, output)
        counts.update(output.counts)
    if counts:
        progress(f"extract: loaded {counts['articles']} articles' rows from {work_dir}")
    return StageResult.since(started, dict(counts), {})


def extract(
    con,
    model_name: str,
    n_process: int = 1,
    batch_size: int = 64,
    progress: Progress = _quiet,
    seeds_dir: Path | None = None,
    work_dir: Path | None = None,
) -> StageResult:
    """Extract mentions, claims and stances from the articles not yet extracted by the current extractor version:
    the three steps above in this process, each shard loaded as soon as it is finished. Shard files go to
    `work_dir` (the warehouse's work directory, shards.work_dir_of) or to a temporary directory removed at the end.
    """
    started = Clock.now()
    temporary = work_dir is None
    work_dir = Path(work_dir or tempfile.mkdtemp(prefix="stancewatch-extract-"))
    try:
        plan = plan_extraction(con, model_name, work_dir, n_process, batch_size, 1, progress, seeds_dir)
        counts = Counter(plan.recovered)
        for output in extract_partition(plan.partitions[0], model_name, n_process, batch_size, progress, seeds_dir):
            shards.load(con, output)
            counts.update(output.counts)
    finally:
        if temporary:
            shutil.rmtree(work_dir, ignore_errors=True)
    return extraction_result(started, counts, plan.extractor_version, progress)


def extraction_result(started: Clock, counts: Counter, version: str, progress: Progress = _quiet) -> StageResult:
    """The extraction's counts (extracted, errors, new_mentions, new_claims, new_stances) and its summary line."""
    totals = {k: counts.get(k, 0) for k in ("articles", "errors", "mentions", "claims", "stances")}
    progress(extraction_summary(totals))
    return StageResult.since(
        started,
        {
            "extracted": totals["articles"],
            "errors": totals["errors"],
            **{f"new_{k}": totals[k] for k in ("mentions", "claims", "stances")},
        },
        {"extractor_version": {version: totals["articles"]}},
    )


def extraction_summary(counts) -> str:
    line = (
        f"extract: {counts['articles']} articles, {counts['mentions']} mentions, {counts['claims']} claims, "
        f"{counts['stances']} stances"
    )
    if counts["errors"]:
        line += (
            f"; {counts['errors']} article(s) could not be analysed (marts.rejects, reason extraction_error; "
            "the error is in landing.extractions.error)"
        )
    return line


DBT_INPUT_FOLDERS = ("models", "macros", "seeds", "tests", "snapshots")


def build_inputs_fingerprint(con, dbt_project_dir: Path) -> str:
    """What the marts are built from: every table of the landing schema (row count and an order-independent hash of
    its rows) and every file of the dbt project. Equal fingerprints mean `dbt build` would rebuild the same marts."""
    import hashlib

    digest = hashlib.sha256()
    tables = [
        t
        for (t,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'landing' order by table_name"
        ).fetchall()
    ]
    for table in tables:
        count, xor, total = con.execute(
            f"select count(*), coalesce(bit_xor(hash(t)), 0), coalesce(sum(hash(t) % 1000003), 0) "
            f'from landing."{table}" t'
        ).fetchone()
        digest.update(f"{table}\0{count}\0{xor}\0{total}\n".encode())
    files = [dbt_project_dir / "dbt_project.yml"] + sorted(
        p for folder in DBT_INPUT_FOLDERS for p in (dbt_project_dir / folder).rglob("*") if p.is_file()
    )
    for path in files:
        digest.update(str(path.relative_to(dbt_project_dir)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:32]
