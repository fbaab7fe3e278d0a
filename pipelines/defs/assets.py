"""Landing assets: raw dir -> landing.documents -> landing.articles/rejects (the extraction: extraction.py)."""

from typing import Optional

from dagster import AssetExecutionContext, AssetKey, AssetOut, Config, MaterializeResult, MetadataValue, Output, \
    asset, multi_asset
from dagster_duckdb import DuckDBResource

from ..lib import stages
from ..settings import Settings

WAREHOUSE_WRITER = {"dagster/concurrency_key": "stancewatch_warehouse"}


class RawDirConfig(Config):
    raw_dir: Optional[str] = None  # defaults to STANCEWATCH_RAW_DIR


def _preview(con, sql: str, limit: int = 5) -> MetadataValue:
    frame = con.execute(f"{sql} limit {limit}").df()
    return MetadataValue.md(frame.to_markdown(index=False) if not frame.empty else "_(no rows)_")


@asset(key=AssetKey(["landing", "documents"]), group_name="landing", kinds={"python", "duckdb"},
       op_tags=WAREHOUSE_WRITER)
def documents(context: AssetExecutionContext, config: RawDirConfig, duckdb: DuckDBResource) -> MaterializeResult:
    """Every raw file (or article-record line) in the raw dir, with its content hash. Only new ones are added."""
    settings = Settings.from_env().with_paths(raw_dir=config.raw_dir)
    raw_dir = settings.raw_dir
    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.get_connection() as con:
        result = stages.ingest(con, raw_dir, context.log.info, batch_size=settings.batch_size * 16,
                               max_bytes=settings.max_document_bytes)
    return MaterializeResult(metadata={
        "raw_dir": str(raw_dir),
        "documents_read": result.counts["read"],
        "new_documents": result.counts["new"],
        "dagster/row_count": result.counts["total"],
        "formats": result.breakdown["formats"],
        "unreadable": result.breakdown["read_errors"],
        "seconds": round(result.seconds, 2),
        "cpu_seconds": round(result.cpu_seconds, 2),
    })


@multi_asset(
    outs={
        "articles": AssetOut(key=AssetKey(["landing", "articles"]), group_name="landing", kinds={"python", "duckdb"},
                             description="Clean text and metadata (trafilatura for HTML) of each document."),
        "rejects": AssetOut(key=AssetKey(["landing", "rejects"]), group_name="landing", kinds={"python", "duckdb"},
                            description="Documents that could not become articles, with a reason code."),
    },
    deps=[AssetKey(["landing", "documents"])],
    op_tags=WAREHOUSE_WRITER,
)
def cleaned_articles(context: AssetExecutionContext, duckdb: DuckDBResource):
    with duckdb.get_connection() as con:
        result = stages.clean(con, context.log.info)
        article_preview = _preview(con, "select article_id, title, source_domain, published_at, language, word_count "
                                        "from landing.articles order by cleaned_at desc")
        reject_preview = _preview(con, "select source, line_number, reason, detail from landing.rejects "
                                       "order by rejected_at desc")
    yield Output(None, "articles", metadata={
        "new_articles": result.counts["new_articles"],
        "dagster/row_count": result.counts["articles_total"],
        "preview": article_preview,
        "seconds": round(result.seconds, 2),
        "cpu_seconds": round(result.cpu_seconds, 2),
    })
    yield Output(None, "rejects", metadata={
        "new_rejects": result.counts["new_rejects"],
        "dagster/row_count": result.counts["rejects_total"],
        "reasons": result.breakdown["reject_reasons"],
        "preview": reject_preview,
    })
