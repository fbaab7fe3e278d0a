"""Great Expectations suites (expectations/<schema>.<table>.json) as Dagster asset checks.

Checks on the marts are blocking: a failure stops whatever is downstream of the mart (publication)."""

from dagster import AssetCheckResult, AssetCheckSeverity, AssetChecksDefinition, AssetKey, MetadataValue, asset_check
from dagster_duckdb import DuckDBResource

from ..lib import quality
from .assets import WAREHOUSE_WRITER

# table -> (check name, blocking)
SUITES = {
    "landing.articles": ("articles_pass_quality_suite", False),
    "marts.fct_articles": ("fct_articles_pass_quality_suite", True),
    "marts.dim_actors": ("dim_actors_pass_quality_suite", True),
    "marts.fct_actor_mentions": ("fct_actor_mentions_pass_quality_suite", True),
    "marts.fct_claims": ("fct_claims_pass_quality_suite", True),
    "marts.fct_stances": ("fct_stances_pass_quality_suite", True),
    "marts.fct_stance_periods": ("fct_stance_periods_pass_quality_suite", True),
    "marts.fct_stance_changes": ("fct_stance_changes_pass_quality_suite", True),
}


def _suite_check(table: str, name: str, blocking: bool) -> AssetChecksDefinition:
    schema, model = table.split(".", 1)

    @asset_check(asset=AssetKey([schema, model]), name=name, blocking=blocking, op_tags=WAREHOUSE_WRITER,
                 description=f"Great Expectations suite expectations/{table}.json")
    def _check(duckdb: DuckDBResource) -> AssetCheckResult:
        with duckdb.get_connection() as con:
            result = quality.validate_table(con, table)
        return AssetCheckResult(
            passed=result.success,
            severity=AssetCheckSeverity.ERROR if blocking else AssetCheckSeverity.WARN,
            description=result.describe(),
            metadata={
                "expectations": result.evaluated,
                "failed": len(result.failed),
                "rows": result.row_count,
                "failures": MetadataValue.json(result.failed),
                "suite": str(quality.suite_path(table)),
            },
        )

    return _check


suite_checks = [_suite_check(table, name, blocking) for table, (name, blocking) in SUITES.items()]
