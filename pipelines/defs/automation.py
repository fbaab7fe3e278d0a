"""The job that runs the whole graph, a daily schedule, and a sensor that reacts to new files in the raw dir."""

import hashlib
from pathlib import Path

from dagster import (
    AssetSelection,
    DefaultSensorStatus,
    Definitions,
    ExecutorDefinition,
    RunRequest,
    ScheduleDefinition,
    SensorEvaluationContext,
    SkipReason,
    define_asset_job,
    in_process_executor,
    multiprocess_executor,
    sensor,
)

from ..lib.raw.layout import raw_files
from ..settings import Settings
from .shared import WAREHOUSE_WRITER


def run_executor(settings: Settings) -> ExecutorDefinition:
    """STANCEWATCH_EXECUTOR: in_process (default) runs every step in the run's process, one at a time, and the
    extraction uses its own worker pool; multiprocess runs each step in its own process, the extraction's partition
    steps in parallel, while the steps that open the warehouse still run one at a time: DuckDB takes one writing
    process per file. Step processes are forked from a server that has imported Dagster and the definitions once
    (forkserver, preloading pipelines.definitions), instead of each importing them anew (~8 s a step under spawn)."""
    if settings.executor == "multiprocess":
        key, value = next(iter(WAREHOUSE_WRITER.items()))
        return multiprocess_executor.configured(
            {
                "tag_concurrency_limits": [{"key": key, "value": value, "limit": 1}],
                # the definitions' module, named: with an empty config the forkserver preloads only Dagster's
                # executor, and every step process imported the definitions anew (~2 s each)
                "start_method": {"forkserver": {"preload_modules": ["pipelines.definitions"]}},
            },
            name="multiprocess",
        )
    return in_process_executor


def run_tags(settings: Settings) -> dict[str, str]:
    """Every run names the warehouse it writes and the raw dir it reads (shown on the run's page; filter by them)."""
    return {"stancewatch/warehouse": str(settings.warehouse), "stancewatch/raw_dir": str(settings.raw_dir)}


def raw_dir_fingerprint(raw_dir: Path) -> str:
    """Changes when a file is added, removed, resized or touched in the raw dir."""
    digest = hashlib.sha256()
    for path in raw_files(raw_dir):
        stat = path.stat()
        digest.update(f"{path.relative_to(raw_dir)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]


def definitions(settings: Settings) -> Definitions:
    """The run job (its executor and tags from the settings), the daily schedule and the raw-dir sensor. Fetching
    (group "web", job stancewatch_fetch in defs/web) is not part of a run: processing never touches the network.
    Neither are the docs (group "docs": dbt docs and Data Docs take ~15 s, so `make docs` builds them on demand)."""
    stancewatch_job = define_asset_job(
        "stancewatch_run",
        selection=AssetSelection.all() - AssetSelection.groups("web", "docs"),
        executor_def=run_executor(settings),
        description="ingest -> clean -> extract -> dbt build -> quality checks",
        tags=run_tags(settings),
    )
    daily_schedule = ScheduleDefinition(
        name="daily_stancewatch_run", job=stancewatch_job, cron_schedule="0 6 * * *", execution_timezone="UTC"
    )

    @sensor(job=stancewatch_job, minimum_interval_seconds=60, default_status=DefaultSensorStatus.STOPPED)
    def new_raw_files_sensor(context: SensorEvaluationContext):
        """Starts a run when the raw dir's contents change."""
        if not settings.raw_dir.is_dir():
            return SkipReason(f"raw dir {settings.raw_dir} does not exist")
        fingerprint = raw_dir_fingerprint(settings.raw_dir)
        if fingerprint == context.cursor:
            return SkipReason("no new or changed files in the raw dir")
        context.update_cursor(fingerprint)
        return RunRequest(run_key=fingerprint)

    return Definitions(jobs=[stancewatch_job], schedules=[daily_schedule], sensors=[new_raw_files_sensor])
