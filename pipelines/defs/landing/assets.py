"""Landing assets: raw dir -> landing.documents -> landing.articles / landing.rejects; the fetch logs of the raw dir
-> landing.fetch_log. (The extraction reads landing.articles: defs/extraction.)"""

from dagster import AssetExecutionContext, AssetKey, AssetOut, MaterializeResult, Output, asset, multi_asset
from dagster_duckdb import DuckDBResource

from ...lib import stages
from ...lib.fetch import landing as fetch_landing
from ..resources import SettingsResource
from ..shared import WAREHOUSE_WRITER, RawDirConfig, preview


@asset(
    key=AssetKey(["landing", "documents"]), group_name="landing", kinds={"python", "duckdb"}, op_tags=WAREHOUSE_WRITER
)
def documents(
    context: AssetExecutionContext, config: RawDirConfig, duckdb: DuckDBResource, settings: SettingsResource
) -> MaterializeResult:
    """Every raw file (or article-record line) in the raw dir, with its content hash. Only new ones are added."""
    raw_dir = settings.raw_dir_or(config.raw_dir)
    settings.path("warehouse").parent.mkdir(parents=True, exist_ok=True)
    with duckdb.get_connection() as con:
        result = stages.ingest(
            con, raw_dir, context.log.info, batch_size=settings.batch_size * 16, max_bytes=settings.max_document_bytes
        )
    return MaterializeResult(
        metadata={
            "raw_dir": str(raw_dir),
            "documents_read": result.counts["read"],
            "new_documents": result.counts["new"],
            "dagster/row_count": result.counts["total"],
            "formats": result.breakdown["formats"],
            "unreadable": result.breakdown["read_errors"],
            "seconds": round(result.seconds, 2),
            "cpu_seconds": round(result.cpu_seconds, 2),
        }
    )


@multi_asset(
    outs={
        "articles": AssetOut(
            key=AssetKey(["landing", "articles"]),
            group_name="landing",
            kinds={"python", "duckdb"},
            description="Clean text and metadata (trafilatura for HTML) of each document.",
        ),
        "rejects": AssetOut(
            key=AssetKey(["landing", "rejects"]),
            group_name="landing",
            kinds={"python", "duckdb"},
            description="Documents that could not become articles, with a reason code.",
        ),
    },
    deps=[AssetKey(["landing", "documents"])],
    op_tags=WAREHOUSE_WRITER,
)
def cleaned_articles(context: AssetExecutionContext, duckdb: DuckDBResource):
    with duckdb.get_connection() as con:
        result = stages.clean(con, context.log.info)
        article_preview = preview(
            con,
            "select article_id, title, source_domain, published_at, language, word_count "
            "from landing.articles order by cleaned_at desc",
        )
        reject_preview = preview(
            con, "select source, line_number, reason, detail from landing.rejects order by rejected_at desc"
        )
    yield Output(
        None,
        "articles",
        metadata={
            "new_articles": result.counts["new_articles"],
            "dagster/row_count": result.counts["articles_total"],
            "preview": article_preview,
            "seconds": round(result.seconds, 2),
            "cpu_seconds": round(result.cpu_seconds, 2),
        },
    )
    yield Output(
        None,
        "rejects",
        metadata={
            "new_rejects": result.counts["new_rejects"],
            "dagster/row_count": result.counts["rejects_total"],
            "reasons": result.breakdown["reject_reasons"],
            "preview": reject_preview,
        },
    )


@asset(
    key=AssetKey(["landing", "fetch_log"]),
    group_name="landing",
    kinds={"python", "duckdb"},
    deps=[AssetKey(["web", "fetched_pages"])],
    op_tags=WAREHOUSE_WRITER,
)
def fetch_log(
    context: AssetExecutionContext, config: RawDirConfig, duckdb: DuckDBResource, settings: SettingsResource
) -> MaterializeResult:
    """Every fetch attempt (url, status, bytes, elapsed, error) from the fetch logs in the raw dir."""
    with duckdb.get_connection() as con:
        counts = fetch_landing.load_fetch_logs(con, settings.raw_dir_or(config.raw_dir))
        outcomes = dict(
            con.execute(
                "select coalesce(outcome, 'retried'), count(*) from landing.fetch_log group by 1 order by 2 desc"
            ).fetchall()
        )
        log_preview = preview(
            con,
            "select fetched_at, kind, url, status, bytes, elapsed_ms, error, outcome "
            "from landing.fetch_log order by fetched_at desc",
        )
    context.log.info(f"fetch log: {counts['new']} new rows from {counts['files']} file(s), {counts['total']} in all")
    return MaterializeResult(
        metadata={
            "log_files": counts["files"],
            "new_rows": counts["new"],
            "dagster/row_count": counts["total"],
            "outcomes": outcomes,
            "preview": log_preview,
        }
    )
