"""Great Expectations suites (expectations/<schema>.<table>.json) as Dagster asset checks.

Checks on the marts are blocking: a failure stops whatever is downstream of the mart (publication). The marts' suites
are one multi-asset check (one step: the multiprocess executor starts one process for them, not seven, ~4 s each
here); each suite is still its own check on its own mart, and can be run alone from the UI."""

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckKey,
    AssetCheckResult,
    AssetChecksDefinition,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetKey,
    MetadataValue,
    asset_check,
    multi_asset_check,
)
from dagster_duckdb import DuckDBResource

from ...lib import quality
from ..shared import WAREHOUSE_WRITER

# table -> (check name: what the suite asserts, blocking). The expectations themselves are in the suite's JSON file
# and in each check's description.
SUITES = {
    "landing.articles": ("articles_have_unique_ids_and_urls_and_english_text", False),
    "marts.fct_articles": ("fct_articles_has_rows_with_unique_ids_and_urls_titles_and_text", True),
    "marts.dim_actors": ("dim_actors_have_unique_ids_names_known_types_and_iso3_countries", True),
    "marts.fct_actor_mentions": ("fct_actor_mentions_have_actor_article_text_and_ordered_offsets", True),
    "marts.fct_claims": ("fct_claims_have_unique_ids_known_attribution_text_cue_and_ordered_offsets", True),
    "marts.fct_stances": ("fct_stances_have_unique_ids_holder_target_polarity_evidence_and_confidence", True),
    "marts.fct_stance_periods": ("fct_stance_periods_have_unique_ids_net_polarity_and_confidence_0_to_1", True),
    "marts.fct_stance_changes": ("fct_stance_changes_go_forward_in_time_with_evidence_on_both_sides", True),
}
SUITE_CHECK_NAMES = frozenset(name for name, _ in SUITES.values())


def _asset_key(table: str) -> AssetKey:
    return AssetKey(table.split(".", 1))


def _description(table: str) -> str:
    return f"Great Expectations suite expectations/{table}.json: " + "; ".join(quality.describe_expectations(table))


def _suite_result(con, table: str, name: str, blocking: bool) -> AssetCheckResult:
    result = quality.validate_table(con, table)
    return AssetCheckResult(
        asset_key=_asset_key(table),
        check_name=name,
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


def _suite_check(table: str, name: str, blocking: bool) -> AssetChecksDefinition:
    @asset_check(
        asset=_asset_key(table),
        name=name,
        blocking=blocking,
        op_tags=WAREHOUSE_WRITER,
        description=_description(table),
    )
    def _check(duckdb: DuckDBResource) -> AssetCheckResult:
        with duckdb.get_connection() as con:
            return _suite_result(con, table, name, blocking)

    return _check


MART_SUITES = {table: suite for table, suite in SUITES.items() if table.startswith("marts.")}


@multi_asset_check(
    specs=[
        AssetCheckSpec(name, asset=_asset_key(table), blocking=blocking, description=_description(table))
        for table, (name, blocking) in MART_SUITES.items()
    ],
    can_subset=True,
    op_tags=WAREHOUSE_WRITER,
)
def mart_suites(context: AssetCheckExecutionContext, duckdb: DuckDBResource):
    selected = context.selected_asset_check_keys
    with duckdb.get_connection() as con:
        for table, (name, blocking) in MART_SUITES.items():
            if AssetCheckKey(_asset_key(table), name) in selected:
                yield _suite_result(con, table, name, blocking)


suite_checks = [
    *(_suite_check(table, name, blocking) for table, (name, blocking) in SUITES.items() if table not in MART_SUITES),
    mart_suites,
]
