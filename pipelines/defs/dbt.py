"""The dbt project as Dagster assets. Marts are keyed marts/<model>, staging staging/<model>, seeds seeds/<seed>;
sources keep dagster-dbt's default landing/<table>, which are the keys of the Python landing assets."""

import shutil
from pathlib import Path
from typing import Any, Mapping

from dagster import AssetExecutionContext, AssetKey
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

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
    """`dbt build`: seeds, staging and intermediate views, mart tables, dbt tests and the unit test."""
    invocation = dbt.cli(["build"], context=context)
    yield from invocation.stream()
    prune_invocation_targets(invocation.target_path.parent)


def prune_invocation_targets(target_dir: Path, keep: int = 5) -> None:
    """dagster-dbt gives each invocation its own target directory (~5 MB: manifest, compiled SQL, run results);
    keep the newest few so that hourly runs do not fill the disk."""
    runs = sorted(target_dir.glob("dbt_models-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in runs[keep:]:
        shutil.rmtree(old, ignore_errors=True)
