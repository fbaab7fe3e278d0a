"""The dbt project, one cached `DbtProject` (as in Dagster's project_dbt). Nothing happens at import: the first
call builds it and, under `dagster dev`, parses the project when its manifest is stale (`prepare_if_dev`); `make
setup` and `stancewatch run` parse it beforehand (pipelines/lib/dbt_manifest.py)."""

from functools import cache

from dagster_dbt import DbtProject

from ...settings import DBT_PROJECT_DIR


@cache
def dbt_project() -> DbtProject:
    project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
    project.prepare_if_dev()
    return project
