"""Serving assets: the publication of the marts for readers, the report and the docs (thin wrappers around
pipelines.lib.publish, .report and .docs).

The publication depends on every mart, so when a blocking check on a mart fails Dagster skips it (and the report
after it) and readers keep the previous publication. The docs (group "docs") are not part of `stancewatch_run`:
`make docs` materializes them (dbt docs generate alone takes ~15 s)."""

from contextlib import contextmanager

from dagster import AssetExecutionContext, AssetKey, AssetsDefinition, MaterializeResult, MetadataValue, asset
from dagster_duckdb import DuckDBResource

from ...lib import docs, publish, report, stages
from ...lib.dbt_manifest import dbt_executable
from ...settings import DBT_PROJECT_DIR
from ..resources import SettingsResource
from ..shared import WAREHOUSE_WRITER

PUBLICATION = AssetKey(["serving", "marts_publication"])
REPORT = AssetKey(["serving", "report"])


def publication_of(mart_keys: list[AssetKey]) -> AssetsDefinition:
    """The publication asset, downstream of every mart."""

    @asset(key=PUBLICATION, group_name="serving", deps=mart_keys, kinds={"duckdb", "parquet"}, op_tags=WAREHOUSE_WRITER)
    def marts_publication(
        context: AssetExecutionContext, duckdb: DuckDBResource, settings: SettingsResource
    ) -> MaterializeResult:
        """The marts for readers: a read-only serving DuckDB file and one Parquet file per mart, each swapped in whole
        (STANCEWATCH_SERVING_DB, STANCEWATCH_PARQUET_DIR). Only runs when the marts' blocking checks passed."""
        with duckdb.get_connection() as con:
            pub = publish.publish(
                con,
                settings.path("serving_db"),
                settings.path("parquet_dir"),
                run_id=context.run_id,
                built_from=stages.build_inputs_fingerprint(con, DBT_PROJECT_DIR),
            )
        context.log.info(
            f"published {len(pub.row_counts)} marts as version {pub.version}: {pub.serving_db}, "
            f"{pub.parquet_dir} -> {pub.parquet_version_dir.name}"
        )
        return MaterializeResult(
            metadata={
                "version": pub.version,
                "serving_db": MetadataValue.path(str(pub.serving_db)),
                "parquet_dir": MetadataValue.path(str(pub.parquet_dir)),
                "parquet_version_dir": MetadataValue.path(str(pub.parquet_version_dir)),
                "rows": MetadataValue.json(pub.row_counts),
                **{f"rows_{table}": n for table, n in pub.row_counts.items()},
                "removed_versions": MetadataValue.json(pub.removed_versions),
                "query_it": MetadataValue.md(
                    f'```\nduckdb -readonly {pub.serving_db} "select * from marts.fct_claims limit 5"\n'
                    f"select * from read_parquet('{pub.parquet_dir}/fct_claims.parquet') limit 5;\n```"
                ),
            }
        )

    return marts_publication


@asset(key=REPORT, group_name="serving", deps=[PUBLICATION], kinds={"html"}, op_tags=WAREHOUSE_WRITER)
def marts_report(
    context: AssetExecutionContext, duckdb: DuckDBResource, settings: SettingsResource
) -> MaterializeResult:
    """A static, self-contained HTML report (no scripts, works offline): coverage over time, top actors, most
    disputed claims, stance-change timelines with their evidence sentences."""
    path = settings.path("docs_dir") / "report.html"
    with duckdb.get_connection() as con:
        summary = report.write_report(con, path)
    context.log.info(f"report: {path} ({summary.charts} charts, {summary.timelines} timelines)")
    return MaterializeResult(
        metadata={
            "report": MetadataValue.path(str(path)),
            "report_url": MetadataValue.url(path.resolve().as_uri()),
            "charts": summary.charts,
            "timelines": summary.timelines,
            "bytes": summary.bytes,
            "totals": MetadataValue.json(summary.totals),
        }
    )


@asset(
    key=AssetKey(["serving", "docs"]),
    group_name="docs",
    deps=[PUBLICATION, REPORT],
    kinds={"dbt", "html"},
    op_tags=WAREHOUSE_WRITER,
)
def marts_docs(context: AssetExecutionContext, duckdb: DuckDBResource, settings: SettingsResource) -> MaterializeResult:
    """`dbt docs generate` (column descriptions of every mart) and Great Expectations Data Docs, under
    STANCEWATCH_DOCS_DIR with an index page. Built on demand (`make docs`), not by every run."""

    @contextmanager
    def connection():
        with duckdb.get_connection() as con:
            yield con

    summary = docs.build_docs(
        connection,
        settings.path("warehouse"),
        settings.path("docs_dir"),
        dbt_executable(),
        extra={"serving DuckDB": settings.serving_db, "Parquet": settings.parquet_dir},
    )
    failed = [s.table for s in summary.suites if not s.success]
    context.log.info(f"docs: {summary.index}")
    return MaterializeResult(
        metadata={
            "index": MetadataValue.path(str(summary.index)),
            "index_url": MetadataValue.url(summary.index.resolve().as_uri()),
            "dbt_docs": MetadataValue.path(str(summary.dbt_docs)),
            "dbt_docs_url": MetadataValue.url(summary.dbt_docs.resolve().as_uri()),
            "data_docs": MetadataValue.path(str(summary.data_docs)),
            "data_docs_url": MetadataValue.url(summary.data_docs.resolve().as_uri()),
            "suites_validated": len(summary.suites),
            "suites_failed": MetadataValue.json(failed),
        }
    )
