"""The extraction as a graph-backed asset: plan -> one mapped step per partition -> load (see lib/shards.py).

With the default in-process executor the steps run one after another in the run's process, and a partition's shards
are parsed by STANCEWATCH_NLP_PROCESSES worker processes. With STANCEWATCH_EXECUTOR=multiprocess (or a Kubernetes or
Celery executor on a deployment) the STANCEWATCH_EXTRACT_PARTITIONS partition steps run in parallel processes. Only
plan and load open the warehouse, so only they carry the warehouse writer tag.
"""

import time
from collections import Counter

from dagster import (
    AssetIn,
    AssetKey,
    AssetOut,
    DynamicOut,
    DynamicOutput,
    In,
    Nothing,
    OpExecutionContext,
    Out,
    Output,
    graph_multi_asset,
    op,
)
from dagster_duckdb import DuckDBResource

from ...lib import shards, stages, warehouse
from ..resources import ExtractionResource, SettingsResource
from ..shared import WAREHOUSE_WRITER, preview

TABLES = {
    "mentions": "Actor mentions (dictionary + spaCy NER) with offsets into article text.",
    "claims": "Claims: speaker, cue, content span, attribution, hedging.",
    "stance_observations": "Stances: holder -> target with polarity, per sentence.",
    "extractions": "Which articles were extracted, by which extractor version, with the error if analysis failed.",
}


@op(ins={"articles": In(Nothing)}, out={"plan": Out(), "partitions": DynamicOut()}, tags=WAREHOUSE_WRITER)
def plan_extraction(
    context: OpExecutionContext, duckdb: DuckDBResource, extraction: ExtractionResource, settings: SettingsResource
):
    """Loads the shards a killed run finished; writes the pending articles as shard input files."""
    with duckdb.get_connection() as con:
        plan = stages.plan_extraction(
            con,
            extraction.spacy_model,
            shards.work_dir_of(settings.path("warehouse")),
            extraction.nlp_processes,
            extraction.batch_size,
            extraction.partitions,
            context.log.info,
        )
    yield Output(plan, "plan")
    for number, inputs in enumerate([p for p in plan.partitions if p] or [[]]):  # at least one, so load runs
        yield DynamicOutput(inputs, output_name="partitions", mapping_key=f"partition_{number}")


@op(tags={"dagster/priority": "10"})  # before the checks that become ready with it: partitions start together
def extract_partition(context: OpExecutionContext, extraction: ExtractionResource, inputs: list) -> dict:
    """Parses and analyses one partition's shards; writes their rows as Parquet files (no warehouse)."""
    started, counts = stages.Clock.now(), Counter()
    for output in stages.extract_partition(
        inputs, extraction.spacy_model, extraction.nlp_processes, extraction.batch_size, context.log.info
    ):
        counts.update(output.counts)
    now = stages.Clock.now()
    return {"counts": dict(counts), "seconds": now.wall - started.wall, "cpu_seconds": now.cpu - started.cpu}


@op(out={name: Out(is_required=True) for name in TABLES}, tags=WAREHOUSE_WRITER)
def load_extractions(
    context: OpExecutionContext,
    duckdb: DuckDBResource,
    extraction: ExtractionResource,
    plan: stages.ExtractionPlan,
    partitions: list,
):
    """Loads every finished shard, one transaction each."""
    with duckdb.get_connection() as con:
        loaded = stages.load_extractions(con, plan.work_dir, context.log.info)
        totals = warehouse.table_counts(con, "landing")
        claim_preview = preview(
            con, "select speaker_text, cue, claim_text from landing.claims order by extracted_at desc"
        )
        stance_preview = preview(
            con,
            "select holder_text, polarity, target_text, cue from "
            "landing.stance_observations order by extracted_at desc",
        )
        errors_in_all = con.execute("select count(error) from landing.extractions").fetchone()[0]
        error_preview = preview(
            con,
            "select article_id, extractor_version, error from landing.extractions "
            "where error is not null order by extracted_at desc",
        )
    counts = Counter(plan.recovered) + Counter(loaded.counts)
    context.log.info(stages.extraction_summary(counts))
    common = {
        "articles_extracted": counts["articles"],
        "seconds": round(time.time() - plan.started_at, 2),  # plan to load, partitions included
        "cpu_seconds": round(plan.cpu_seconds + sum(p["cpu_seconds"] for p in partitions) + loaded.cpu_seconds, 2),
        "partitions": len(partitions),
        "worker_processes": len(partitions) * extraction.nlp_processes,
        "extractor_version": plan.extractor_version,
    }
    yield Output(
        None,
        "mentions",
        metadata=common | {"dagster/row_count": totals["mentions"], "new_mentions": counts["mentions"]},
    )
    yield Output(
        None,
        "claims",
        metadata=common
        | {"dagster/row_count": totals["claims"], "new_claims": counts["claims"], "preview": claim_preview},
    )
    yield Output(
        None,
        "stance_observations",
        metadata=common
        | {
            "dagster/row_count": totals["stance_observations"],
            "new_stances": counts["stances"],
            "preview": stance_preview,
        },
    )
    yield Output(
        None,
        "extractions",
        metadata=common
        | {
            "dagster/row_count": totals["extractions"],
            "errors": counts["errors"],
            "errors_in_all": errors_in_all,
            "error_preview": error_preview,
        },
    )


@graph_multi_asset(
    outs={
        name: AssetOut(key=AssetKey(["landing", name]), kinds={"python", "spacy", "duckdb"}, description=desc)
        for name, desc in TABLES.items()
    },
    ins={"articles": AssetIn(key=AssetKey(["landing", "articles"]), dagster_type=Nothing)},
    group_name="landing",
)
def extractions(articles):
    plan, partitions = plan_extraction(articles)
    done = partitions.map(extract_partition).collect()
    return dict(zip(TABLES, load_extractions(plan, done)))  # one output per landing table, in TABLES order
