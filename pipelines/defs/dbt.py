"""The dbt project as Dagster assets. Marts are keyed marts/<model>, staging staging/<model>, seeds seeds/<seed>;
sources keep dagster-dbt's default landing/<table>, which are the keys of the Python landing assets."""

from typing import Any, Mapping

from dagster import AssetExecutionContext, AssetKey
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from ..settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


class SchemaKeyedTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        kind = dbt_resource_props["resource_type"]
        if kind in {"model", "seed", "snapshot"}:
            return AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return "marts" if dbt_resource_props.get("schema") == "marts" else "dbt"


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=SchemaKeyedTranslator())
def dbt_models(context: AssetExecutionContext, dbt: DbtCliResource):
    """`dbt build`: seeds, staging and intermediate views, mart tables, dbt tests and the unit test."""
    yield from dbt.cli(["build"], context=context).stream()
