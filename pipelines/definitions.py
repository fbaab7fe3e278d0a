"""The stancewatch code location: assembles the definitions, nothing else.

Settings are resolved once (defaults filled in, paths made absolute) and exported to the environment, so that the
resources' EnvVars and dbt's profiles.yml read the same values.
"""
from dagster import Definitions

from .settings import Settings

Settings.from_env().export()

from .defs.assets import cleaned_articles, documents  # noqa: E402
from .defs.automation import daily_schedule, new_raw_files_sensor, stancewatch_job  # noqa: E402
from .defs.checks import suite_checks  # noqa: E402
from .defs.dbt import dbt_models  # noqa: E402
from .defs.extraction import extractions  # noqa: E402
from .defs.resources import build_resources  # noqa: E402
from .defs.serving import marts_docs, marts_publication, marts_report  # noqa: E402
from .defs.web import duplicate_pairs, fetch_job, fetch_log, fetch_schedule, fetched_pages, \
    sources_file_sensor  # noqa: E402

defs = Definitions(
    assets=[documents, cleaned_articles, extractions, dbt_models, marts_publication, marts_report, marts_docs,
            fetched_pages, fetch_log, duplicate_pairs],
    asset_checks=suite_checks,
    jobs=[stancewatch_job, fetch_job],
    schedules=[daily_schedule, fetch_schedule],
    sensors=[new_raw_files_sensor, sources_file_sensor],
    resources=build_resources(),
)


def stancewatch_run_job():
    """The run job, for executors that start step processes (they import it again from here)."""
    return defs.resolve_job_def("stancewatch_run")
