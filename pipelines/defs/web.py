"""Web ingestion and syndication dedup as Dagster definitions (thin wrappers around pipelines.lib.fetch / dedup).

- `web/fetched_pages` fetches the sources of sources.yaml into the raw dir (job `stancewatch_fetch`, schedule
  `hourly_fetch`, sensor `sources_file_sensor` when the sources file or its URL lists change). It is not part of
  `stancewatch_run`: processing never touches the network; the raw-dir sensor picks up what a fetch landed.
- `landing/fetch_log` loads the fetch logs of the raw dir into landing.fetch_log.
- `landing/duplicate_pairs` finds exact and near-duplicate articles; dbt turns the pairs into clusters.
"""

import hashlib
from pathlib import Path
from typing import Optional

from dagster import AssetExecutionContext, AssetKey, AssetSelection, Config, DefaultScheduleStatus, \
    DefaultSensorStatus, MaterializeResult, RunRequest, ScheduleDefinition, SensorEvaluationContext, SkipReason, \
    asset, define_asset_job, in_process_executor, sensor
from dagster_duckdb import DuckDBResource

from ..lib import dedup
from ..lib.fetch import landing as fetch_landing
from ..lib.fetch.run import fetch_sources
from ..lib.fetch.sources import check_url_lists, load_sources
from ..settings import Settings
from .assets import WAREHOUSE_WRITER, RawDirConfig, _preview

WEB_GROUP = "web"


class FetchConfig(Config):
    sources: Optional[str] = None  # defaults to STANCEWATCH_SOURCES (sources.yaml)
    raw_dir: Optional[str] = None  # defaults to STANCEWATCH_RAW_DIR
    allow_private_addresses: Optional[bool] = None  # defaults to STANCEWATCH_ALLOW_PRIVATE_ADDRESSES


@asset(key=AssetKey([WEB_GROUP, "fetched_pages"]), group_name=WEB_GROUP, kinds={"python"})
def fetched_pages(context: AssetExecutionContext, config: FetchConfig) -> MaterializeResult:
    """Article pages discovered from the feeds, sitemaps and URL lists of sources.yaml, fetched politely and landed
    in the raw dir as WARC files, with a fetch log (one row per HTTP exchange)."""
    settings = Settings.from_env().with_paths(raw_dir=config.raw_dir)
    sources_file = Path(config.sources) if config.sources else settings.sources_file
    parsed = load_sources(sources_file)
    check_url_lists(s for s in parsed.sources if s.enabled)
    allow = settings.allow_private_addresses if config.allow_private_addresses is None \
        else config.allow_private_addresses
    report = fetch_sources(list(parsed.sources), settings.raw_dir, allow_private_addresses=allow,
                           workers=parsed.fetcher.workers, contact=parsed.fetcher.contact or settings.fetch_contact,
                           progress=context.log.info)
    context.log.info(report.summary())
    totals = report.totals()
    return MaterializeResult(metadata={
        "sources_file": str(sources_file),
        "raw_dir": str(settings.raw_dir),
        "fetch_log": str(report.log_path),
        "landed": totals["landed"],
        "not_modified": totals["not_modified"],
        "already_fetched": totals["already_fetched"],
        "failed": totals["failed"],
        "failures": report.failures(),
        "per_source": {s.name: {"discovered": s.discovered, "landed": s.landed, "discovery": s.discovery}
                       for s in report.sources},
        "seconds": round(report.seconds, 2),
    })


@asset(key=AssetKey(["landing", "fetch_log"]), group_name="landing", kinds={"python", "duckdb"},
       deps=[AssetKey([WEB_GROUP, "fetched_pages"])], op_tags=WAREHOUSE_WRITER)
def fetch_log(context: AssetExecutionContext, config: RawDirConfig, duckdb: DuckDBResource) -> MaterializeResult:
    """Every fetch attempt (url, status, bytes, elapsed, error) from the fetch logs in the raw dir."""
    settings = Settings.from_env().with_paths(raw_dir=config.raw_dir)
    with duckdb.get_connection() as con:
        counts = fetch_landing.load_fetch_logs(con, settings.raw_dir)
        outcomes = dict(con.execute("select coalesce(outcome, 'retried'), count(*) from landing.fetch_log "
                                    "group by 1 order by 2 desc").fetchall())
        preview = _preview(con, "select fetched_at, kind, url, status, bytes, elapsed_ms, error, outcome "
                                "from landing.fetch_log order by fetched_at desc")
    context.log.info(f"fetch log: {counts['new']} new rows from {counts['files']} file(s), {counts['total']} in all")
    return MaterializeResult(metadata={
        "log_files": counts["files"], "new_rows": counts["new"], "dagster/row_count": counts["total"],
        "outcomes": outcomes, "preview": preview,
    })


@asset(key=AssetKey(["landing", "duplicate_pairs"]), group_name="landing", kinds={"python", "duckdb"},
       deps=[AssetKey(["landing", "articles"])], op_tags=WAREHOUSE_WRITER)
def duplicate_pairs(context: AssetExecutionContext, duckdb: DuckDBResource) -> MaterializeResult:
    """Pairs of articles that are the same story: same clean text, or MinHash LSH near duplicates (datasketch)."""
    threshold = Settings.from_env().dedup_threshold
    with duckdb.get_connection() as con:
        result = dedup.run(con, threshold, context.log.info)
        preview = _preview(con, "select p.method, p.similarity, a.source_domain, a.title, b.source_domain as "
                                "other_domain from landing.duplicate_pairs p join landing.articles a using "
                                "(article_id) join landing.articles b on b.article_id = p.duplicate_article_id "
                                "order by p.found_at desc")
    return MaterializeResult(metadata={
        "new_articles_signed": result.counts["signed"],
        "new_exact_pairs": result.counts["new_exact_pairs"],
        "new_near_pairs": result.counts["new_near_pairs"],
        "dagster/row_count": result.counts["pairs_total"],
        "threshold": threshold,
        "preview": preview,
        "seconds": round(result.seconds, 2),
        "cpu_seconds": round(result.cpu_seconds, 2),
    })


fetch_job = define_asset_job("stancewatch_fetch", selection=AssetSelection.groups(WEB_GROUP),
                             executor_def=in_process_executor,
                             description="fetch the sources of sources.yaml into the raw dir",
                             tags={"stancewatch/raw_dir": str(Settings.from_env().raw_dir)})

fetch_schedule = ScheduleDefinition(name="hourly_fetch", job=fetch_job, cron_schedule="20 * * * *",
                                    execution_timezone="UTC", default_status=DefaultScheduleStatus.STOPPED)


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


@sensor(job=fetch_job, minimum_interval_seconds=60, default_status=DefaultSensorStatus.STOPPED)
def sources_file_sensor(context: SensorEvaluationContext):
    """Fetches at once when the sources file (or a URL list it names) changes, without waiting for the schedule."""
    sources_file = Settings.from_env().sources_file
    if not sources_file.is_file():
        return SkipReason(f"sources file {sources_file} does not exist")
    fingerprint = sources_fingerprint(sources_file)
    if fingerprint == context.cursor:
        return SkipReason("the sources have not changed")
    context.update_cursor(fingerprint)
    return RunRequest(run_key=f"sources-{fingerprint}")
