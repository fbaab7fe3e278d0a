"""Extraction in shards, parsed by parallel worker processes, handed over as Parquet files.

The pending articles are cut into shards of a few dozen articles (in article_id order). Each shard is parsed and
analysed by a worker process (spaCy + the rules; no warehouse connection) that writes its rows to one Parquet file per
landing table. The one process that writes the warehouse loads each shard's files in one transaction, in shard order,
so a crash loses at most the shards in flight and a rerun redoes only those.

DuckDB takes one writing process per file: that is why workers never open the warehouse. `extract_shard` needs only
its input rows and an output directory, so the same function runs in a local process pool (here), or on other
machines given a shared directory or object store (README, "Scaling out").
"""
from __future__ import annotations

import multiprocessing
import shutil
import tempfile
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import duckdb

from .warehouse import extraction_frames

WORK_DIR_PREFIX = "stancewatch-shards-"


@dataclass(frozen=True)
class ShardTask:
    number: int
    articles: list[tuple]  # (article_id, text, text_hash, published_at)
    out_dir: str


@dataclass(frozen=True)
class ShardOutput:
    number: int
    files: dict[str, Path]  # landing table -> Parquet file ("extractions" always present)
    counts: dict[str, int]  # articles, mentions, claims, stances


@dataclass(frozen=True)
class ExtractorSpec:
    """What a worker needs to build its own extractor (picklable, unlike a loaded spaCy pipeline)."""
    model_name: str
    seeds_dir: str | None = None
    batch_size: int = 64

    def build(self):
        from .dictionaries import load_cached
        from .nlp.extract import Extractor  # spaCy is heavy: imported by the processes that parse

        dicts = load_cached(self.seeds_dir) if self.seeds_dir else load_cached()
        return Extractor(self.model_name, dicts, n_process=1, batch_size=self.batch_size)


def extract_shard(extractor, task: ShardTask) -> ShardOutput:
    """Parse and analyse one shard; write its rows to Parquet files in task.out_dir."""
    results = list(extractor.extract(task.articles))
    files = {}
    with duckdb.connect() as con:  # in memory: only used to write Parquet
        for table, frame in extraction_frames(results, extractor.version).items():
            if frame.empty:
                continue
            path = Path(task.out_dir) / f"shard-{task.number:06d}.{table}.parquet"
            con.register("frame", frame)
            quoted = str(path).replace("'", "''")  # COPY takes a literal, not a parameter
            con.execute(f"copy frame to '{quoted}' (format parquet)")
            con.unregister("frame")
            files[table] = path
    counts = {"articles": len(results), **{k: sum(len(r[k]) for r in results)
                                           for k in ("mentions", "claims", "stances")}}
    return ShardOutput(task.number, files, counts)


_worker_extractor = None


def _init_worker(spec: ExtractorSpec) -> None:
    global _worker_extractor
    _worker_extractor = spec.build()


def _extract_in_worker(task: ShardTask) -> ShardOutput:
    return extract_shard(_worker_extractor, task)


def run_shards(tasks: Iterable[ShardTask], spec: ExtractorSpec, processes: int) -> Iterator[ShardOutput]:
    """Outputs of the tasks in task order. With processes > 1, that many workers parse at once and at most two
    shards per worker are in flight, so memory stays bounded whatever the number of shards."""
    if processes <= 1:
        extractor = spec.build()
        for task in tasks:
            yield extract_shard(extractor, task)
        return
    # spawn, not fork: the parent holds DuckDB and Dagster threads, which a fork would copy mid-flight
    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(spec,))
    in_flight: deque[Future] = deque()
    try:
        for task in tasks:
            in_flight.append(pool.submit(_extract_in_worker, task))
            if len(in_flight) >= 2 * processes:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def shard_tasks(batches: Iterable[list[tuple]], out_dir: Path) -> Iterator[ShardTask]:
    for number, articles in enumerate(batches):
        yield ShardTask(number, articles, str(out_dir))


def work_dir_of(warehouse_file: Path) -> Path:
    """Where a warehouse's shard files go while its extraction runs: a directory next to it, used only by the run
    that holds its writer lock."""
    return warehouse_file.with_name(warehouse_file.name + ".shards")


def fresh_dir(parent: Path | None) -> Path:
    """A new directory for this run's shard files inside `parent` (default: the system's temporary directory).
    Shard directories a killed run left in `parent` are removed first: give each warehouse its own parent
    (`work_dir_of`), so that only the run holding that warehouse's lock ever looks there."""
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
        for stale in parent.glob(f"{WORK_DIR_PREFIX}*"):
            shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=WORK_DIR_PREFIX, dir=parent))
