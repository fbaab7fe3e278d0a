"""Extraction in shards, handed between processes as Parquet files: plan -> extract partitions -> load.

1. plan (the warehouse writer): the pending articles, in article_id order, are written as shard input files
   (`shard-000012.input.parquet`, `batch_size` articles each) into the warehouse's work directory, and the shards
   are dealt round-robin into partitions.
2. extract (anywhere, no warehouse): a partition's shards are parsed and analysed (spaCy + the rules) by a pool of
   worker processes; each shard's rows become one Parquet file per landing table, the `extractions` file last,
   every file written under a temporary name and renamed, so a shard is finished exactly when its extractions
   file exists.
3. load (the warehouse writer): each finished shard is loaded in one transaction, in shard order, and its files
   are removed.

DuckDB takes one writing process per file: that is why only plan and load open the warehouse. Partitions can run
in one process (the default, `stages.extract`), as parallel steps of Dagster's multiprocess executor
(`STANCEWATCH_EXECUTOR=multiprocess`, `STANCEWATCH_EXTRACT_PARTITIONS`), or on other machines given a shared
directory (README, "Scaling out"). A run killed after some shards finished loses none of them: the next plan loads
finished shards before it plans again.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb

from . import warehouse

LEGACY_DIR_PREFIX = "stancewatch-shards-"  # per-run subdirectories of earlier versions
SHARD_FILE = re.compile(r"^shard-(\d{6})\.(\w+)\.parquet$")
INPUT = "input"
COUNTED = {"mentions": "mentions", "claims": "claims", "stance_observations": "stances"}


@dataclass(frozen=True)
class ShardTask:
    number: int
    articles: list[tuple]  # (article_id, text, text_hash, published_at)
    out_dir: str


@dataclass(frozen=True)
class ShardOutput:
    number: int
    files: dict[str, Path]  # landing table -> Parquet file ("extractions" always present)
    counts: dict[str, int]  # articles, errors (articles whose analysis raised), mentions, claims, stances


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
        return Extractor(self.model_name, dicts, batch_size=self.batch_size)


def work_dir_of(warehouse_file: Path) -> Path:
    """Where a warehouse's shard files go: a directory next to it, used only by the run that writes it."""
    return warehouse_file.with_name(warehouse_file.name + ".shards")


def shard_file(work_dir: Path, number: int, table: str) -> Path:
    return Path(work_dir) / f"shard-{number:06d}.{table}.parquet"


def _copy_to_parquet(con, relation_sql: str, path: Path, params: list | None = None) -> None:
    """COPY a query or a registered frame to `path`, atomically (temporary name, then rename)."""
    partial = path.with_name(path.name + ".partial")
    quoted = str(partial).replace("'", "''")  # COPY takes a literal, not a parameter
    con.execute(f"copy ({relation_sql}) to '{quoted}' (format parquet)", params or [])
    os.replace(partial, path)


# 1. plan ------------------------------------------------------------------------------------------------------------


def clear(work_dir: Path) -> None:
    """Remove every shard file (and the per-run directories of earlier versions) from the work directory."""
    work_dir.mkdir(parents=True, exist_ok=True)
    for path in work_dir.iterdir():
        if path.is_dir() and path.name.startswith(LEGACY_DIR_PREFIX):
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith("shard-"):
            path.unlink(missing_ok=True)


def plan(con, extractor_version: str, shard_size: int, work_dir: Path, partitions: int) -> list[list[Path]]:
    """Write the pending articles as shard input files; return each partition's input files (round-robin, so every
    partition gets shards from the whole id range). Call `clear` first."""
    ids = warehouse.pending_article_ids(con, extractor_version)
    inputs = []
    for number, start in enumerate(range(0, len(ids), shard_size)):
        path = shard_file(work_dir, number, INPUT)
        _copy_to_parquet(
            con,
            "select article_id, text, text_hash, published_at from landing.articles "
            "where article_id in (select unnest($ids)) order by article_id",
            path,
            {"ids": ids[start : start + shard_size]},
        )
        inputs.append(path)
    return [inputs[p::partitions] for p in range(partitions)]


# 2. extract ---------------------------------------------------------------------------------------------------------


def read_input(path: Path) -> ShardTask:
    number = int(SHARD_FILE.match(path.name).group(1))
    with duckdb.connect() as con:
        articles = con.execute(
            "select article_id, text, text_hash, published_at from read_parquet(?) order by article_id", [str(path)]
        ).fetchall()
    return ShardTask(number, articles, str(path.parent))


def extract_articles(extractor, articles: list[tuple]) -> list[dict]:
    """Extraction results of the articles, together (fast); if that raises, one article at a time, so that an article
    the parser or the rules cannot handle gets a result with its error (and no rows) instead of failing the run."""
    try:
        return list(extractor.extract(articles))
    except Exception:  # noqa: BLE001 - which article raised, and why, is found and recorded below
        pass
    results = []
    for article in articles:
        try:
            results.extend(extractor.extract([article]))
        except Exception as err:  # noqa: BLE001 - recorded in landing.extractions.error, shown in marts.rejects
            article_id, _, text_hash, _ = article
            results.append(
                {
                    "article_id": article_id,
                    "text_hash": text_hash,
                    "mentions": [],
                    "claims": [],
                    "stances": [],
                    "error": f"{type(err).__name__}: {err}"[:1000],
                }
            )
    return results


def extract_shard(extractor, task: ShardTask) -> ShardOutput:
    """Parse and analyse one shard; write its rows to Parquet files in task.out_dir, the extractions file last."""
    results = extract_articles(extractor, task.articles)
    frames = warehouse.extraction_frames(results, extractor.version)
    files = {}
    with duckdb.connect() as con:  # in memory: only used to write Parquet
        for table in sorted(frames, key=lambda t: t == "extractions"):
            if frames[table].empty:
                continue
            con.register("frame", frames[table])
            files[table] = shard_file(Path(task.out_dir), task.number, table)
            _copy_to_parquet(con, "select * from frame", files[table])
            con.unregister("frame")
    counts = {
        "articles": len(results),
        "errors": sum(1 for r in results if r.get("error")),
        **{k: sum(len(r[k]) for r in results) for k in ("mentions", "claims", "stances")},
    }
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
    pool = ProcessPoolExecutor(
        processes, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker, initargs=(spec,)
    )
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


def extract_partition(inputs: Iterable[Path], spec: ExtractorSpec, processes: int) -> Iterator[ShardOutput]:
    """Extract a partition's shards (input files read one at a time, as workers become free)."""
    return run_shards((read_input(Path(p)) for p in inputs), spec, processes)


# 3. load ------------------------------------------------------------------------------------------------------------


def finished(work_dir: Path) -> list[ShardOutput]:
    """The shards of the work directory whose extraction finished (their extractions file exists), in shard order,
    with their row counts."""
    if not work_dir.is_dir():
        return []
    by_shard: dict[int, dict[str, Path]] = {}
    for path in work_dir.iterdir():
        match = SHARD_FILE.match(path.name)
        if match and match.group(2) != INPUT:
            by_shard.setdefault(int(match.group(1)), {})[match.group(2)] = path
    outputs = []
    with duckdb.connect() as con:
        for number in sorted(n for n, files in by_shard.items() if "extractions" in files):
            files = by_shard[number]
            rows = {
                table: con.execute("select count(*) from read_parquet(?)", [str(files[table])]).fetchone()[0]
                for table in COUNTED
                if table in files
            }
            articles, errors = con.execute(
                "select count(*), count(error) from read_parquet(?)", [str(files["extractions"])]
            ).fetchone()
            counts = {"articles": articles, "errors": errors, **{COUNTED[t]: rows.get(t, 0) for t in COUNTED}}
            outputs.append(ShardOutput(number, files, counts))
    return outputs


def load(con, output: ShardOutput) -> None:
    """Load one finished shard in one transaction, then remove its files (outputs and input)."""
    warehouse.load_extraction_files(con, output.files)
    for path in output.files.values():
        path.unlink()
    shard_file(output.files["extractions"].parent, output.number, INPUT).unlink(missing_ok=True)
