"""The dbt project as Dagster assets. Marts are keyed marts/<model>, staging staging/<model>, seeds seeds/<seed>;
sources keep dagster-dbt's default landing/<table>, which are the keys of the Python landing assets."""

import json
import shutil
from pathlib import Path
from typing import Any, Mapping

from dagster import AssetExecutionContext, AssetKey
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets
from dagster_dbt.core.dbt_event_iterator import DbtEventIterator

from ..settings import DBT_PROJECT_DIR
from .assets import WAREHOUSE_WRITER

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


class SchemaKeyedTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        kind = dbt_resource_props["resource_type"]
        if kind in {"model", "seed", "snapshot"}:
            return AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return "marts" if dbt_resource_props.get("schema") == "marts" else "dbt"


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=SchemaKeyedTranslator(),
            op_tags=WAREHOUSE_WRITER)
def dbt_models(context: AssetExecutionContext, dbt: DbtCliResource):
    """`dbt build`: seeds, staging and intermediate views, mart tables, dbt tests and the unit test. Each table's
    materialization carries its row count and column types (dagster-dbt reads them through the dbt adapter once the
    build has released the DuckDB file)."""
    invocation = dbt.cli(["build"], context=context)
    events = DbtEventIterator(with_build_manifest(invocation.stream(), invocation), invocation)
    try:
        yield from events.fetch_row_counts().fetch_column_metadata(with_column_lineage=False)
    finally:
        release_adapter_connection()
    prune_invocation_targets(invocation.target_path.parent)


def with_build_manifest(events, invocation):
    """All of the build's events (DuckDB: the fetchers must wait for dbt to release the file anyway), then the
    invocation reads the manifest this build wrote. The project's manifest names tables after the warehouse file it
    was parsed with (dbt-duckdb's catalog is the file's stem: "stancewatch"."marts"."fct_claims"); a run on
    `--warehouse w.duckdb` built "w"."marts"."fct_claims", which is what the row-count and column queries must read."""
    done = list(events)
    built = invocation.target_path / "manifest.json"
    if built.exists():
        invocation.manifest = json.loads(built.read_bytes())
    yield from done


def release_adapter_connection() -> None:
    """dagster-dbt's fetchers query through a dbt-duckdb adapter in this process, which keeps the warehouse open
    (with its own configuration) in a class-level environment; DuckDB then refuses the next step's connection
    ("different configuration"). Close it once the metadata is fetched."""
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:
        return
    with DuckDBConnectionManager._LOCK:
        env, DuckDBConnectionManager._ENV = DuckDBConnectionManager._ENV, None
        if env is not None:
            env.close()


def prune_invocation_targets(target_dir: Path, keep: int = 5) -> None:
    """dagster-dbt gives each invocation its own target directory (~5 MB: manifest, compiled SQL, run results);
    keep the newest few so that hourly runs do not fill the disk."""
    runs = sorted(target_dir.glob("dbt_models-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in runs[keep:]:
        shutil.rmtree(old, ignore_errors=True)
