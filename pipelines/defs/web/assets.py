"""Web ingestion as Dagster definitions (thin wrappers around pipelines.lib.fetch).

- `web/fetched_pages` fetches the sources of sources.yaml into the raw dir (job `stancewatch_fetch`, schedule
  `hourly_fetch`, sensor `sources_file_sensor` when the sources file or its URL lists change). It is not part of
  `stancewatch_run`: processing never touches the network; the raw-dir sensor picks up what a fetch landed, and
  `landing/fetch_log` (defs/landing) loads its fetch logs.
"""

import hashlib
from pathlib import Path

from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetSelection,
    Config,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    Definitions,
    MaterializeResult,
    RunRequest,
    ScheduleDefinition,
    SensorEvaluationContext,
    SkipReason,
    asset,
    define_asset_job,
    in_process_executor,
    sensor,
)

from ...lib.fetch.run import fetch_sources
from ...lib.fetch.sources import check_url_lists, load_sources
from ...settings import Settings
from ..resources import SettingsResource

WEB_GROUP = "web"


class FetchConfig(Config):
    sources: str | None = None  # defaults to STANCEWATCH_SOURCES (sources.yaml)
    raw_dir: str | None = None  # defaults to STANCEWATCH_RAW_DIR
    allow_private_addresses: bool | None = None  # defaults to STANCEWATCH_ALLOW_PRIVATE_ADDRESSES


@asset(key=AssetKey([WEB_GROUP, "fetched_pages"]), group_name=WEB_GROUP, kinds={"python"})
def fetched_pages(context: AssetExecutionContext, config: FetchConfig, settings: SettingsResource) -> MaterializeResult:
    """Article pages discovered from the feeds, sitemaps and URL lists of sources.yaml, fetched politely and landed
    in the raw dir as WARC files, with a fetch log (one row per HTTP exchange)."""
    raw_dir = settings.raw_dir_or(config.raw_dir)
    sources_file = Path(config.sources) if config.sources else settings.path("sources_file")
    parsed = load_sources(sources_file)
    check_url_lists(s for s in parsed.sources if s.enabled)
    allow = (
        settings.allow_private_addresses if config.allow_private_addresses is None else config.allow_private_addresses
    )
    report = fetch_sources(
        list(parsed.sources),
        raw_dir,
        allow_private_addresses=allow,
        workers=parsed.fetcher.workers,
        contact=parsed.fetcher.contact or settings.fetch_contact,
        progress=context.log.info,
    )
    context.log.info(report.summary())
    totals = report.totals()
    return MaterializeResult(
        metadata={
            "sources_file": str(sources_file),
            "raw_dir": str(raw_dir),
            "fetch_log": str(report.log_path),
            "landed": totals["landed"],
            "not_modified": totals["not_modified"],
            "already_fetched": totals["already_fetched"],
            "failed": totals["failed"],
            "failures": report.failures(),
            "per_source": {
                s.name: {"discovered": s.discovered, "landed": s.landed, "discovery": s.discovery}
                for s in report.sources
            },
            "seconds": round(report.seconds, 2),
        }
    )


def sources_fingerprint(sources_file: Path) -> str:
    """Changes when the sources file or one of the URL-list files it names changes."""
    digest = hashlib.sha256()
    paths = [sources_file]
    try:
        paths += [Path(s.location) for s in load_sources(sources_file).sources if s.kind == "urls"]
    except ValueError:
        pass  # an invalid file still has a fingerprint; the run reports the error
    for path in paths:
        digest.update(str(path).encode())
        digest.update(path.read_bytes() if path.is_file() else b"\0missing")
    return digest.hexdigest()[:24]


def definitions(settings: Settings) -> Definitions:
    """The fetch job (tagged with the raw dir it writes), its hourly schedule and the sources-file sensor."""
    fetch_job = define_asset_job(
        "stancewatch_fetch",
        selection=AssetSelection.groups(WEB_GROUP),
        executor_def=in_process_executor,
        description="fetch the sources of sources.yaml into the raw dir",
        tags={"stancewatch/raw_dir": str(settings.raw_dir)},
    )
    fetch_schedule = ScheduleDefinition(
        name="hourly_fetch",
        job=fetch_job,
        cron_schedule="20 * * * *",
        execution_timezone="UTC",
        default_status=DefaultScheduleStatus.STOPPED,
    )

    @sensor(job=fetch_job, minimum_interval_seconds=60, default_status=DefaultSensorStatus.STOPPED)
    def sources_file_sensor(context: SensorEvaluationContext):
        """Fetches at once when the sources file (or a URL list it names) changes, without waiting for the
        schedule."""
        if not settings.sources_file.is_file():
            return SkipReason(f"sources file {settings.sources_file} does not exist")
        fingerprint = sources_fingerprint(settings.sources_file)
        if fingerprint == context.cursor:
            return SkipReason("the sources have not changed")
        context.update_cursor(fingerprint)
        return RunRequest(run_key=f"sources-{fingerprint}")

    return Definitions(
        assets=[fetched_pages], jobs=[fetch_job], schedules=[fetch_schedule], sensors=[sources_file_sensor]
    )
