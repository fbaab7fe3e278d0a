"""Transform: the dbt project (dbt_project/) as assets: seeds, staging and intermediate views, the marts, dbt tests."""

from dagster import AssetKey, AssetsDefinition, Definitions

from .dbt import dbt_models_of
from .project import dbt_project


def dbt_models() -> AssetsDefinition:
    return dbt_models_of(dbt_project())


def mart_keys(dbt_models: AssetsDefinition) -> list[AssetKey]:
    return sorted((k for k in dbt_models.keys if k.path[0] == "marts"), key=lambda k: k.to_user_string())


def definitions(dbt_models: AssetsDefinition) -> Definitions:
    return Definitions(assets=[dbt_models])
