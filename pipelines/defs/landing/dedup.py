"""landing.duplicate_pairs: articles that are the same story (syndication); dbt turns the pairs into clusters."""

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset
from dagster_duckdb import DuckDBResource

from ...lib import dedup
from ..resources import SettingsResource
from ..shared import WAREHOUSE_WRITER, preview


@asset(
    key=AssetKey(["landing", "duplicate_pairs"]),
    group_name="landing",
    kinds={"python", "duckdb"},
    deps=[AssetKey(["landing", "articles"])],
    op_tags=WAREHOUSE_WRITER,
)
def duplicate_pairs(
    context: AssetExecutionContext, duckdb: DuckDBResource, settings: SettingsResource
) -> MaterializeResult:
    """Pairs of articles that are the same story: same clean text, or MinHash LSH near duplicates (datasketch)."""
    with duckdb.get_connection() as con:
        result = dedup.run(con, settings.dedup_threshold, context.log.info)
        pair_preview = preview(
            con,
            "select p.method, p.similarity, a.source_domain, a.title, b.source_domain as "
            "other_domain from landing.duplicate_pairs p join landing.articles a using "
            "(article_id) join landing.articles b on b.article_id = p.duplicate_article_id "
            "order by p.found_at desc",
        )
    return MaterializeResult(
        metadata={
            "new_articles_signed": result.counts["signed"],
            "new_exact_pairs": result.counts["new_exact_pairs"],
            "new_near_pairs": result.counts["new_near_pairs"],
            "dagster/row_count": result.counts["pairs_total"],
            "threshold": settings.dedup_threshold,
            "preview": pair_preview,
            "seconds": round(result.seconds, 2),
            "cpu_seconds": round(result.cpu_seconds, 2),
        }
    )
