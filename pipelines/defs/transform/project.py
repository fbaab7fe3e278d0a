"""The dbt project, one cached `DbtProject` (as in Dagster's project_dbt). Nothing happens at import: the first
call parses the project when its manifest is missing or stale (`make setup` and `stancewatch run`/`ui` have
usually done that already; pipelines/lib/dbt_manifest.py) and builds it. dagster-dbt's own `prepare_if_dev` is not
used: under `dagster dev` it runs `dbt parse` on every load of the code location, fresh manifest or not."""

from functools import cache

from dagster_dbt import DbtProject

from ...lib import dbt_manifest
from ...settings import DBT_PROJECT_DIR


@cache
def dbt_project() -> DbtProject:
    dbt_manifest.prepare(DBT_PROJECT_DIR)
    return DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
