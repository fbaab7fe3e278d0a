"""The stancewatch code location: assembles the domains' definitions (pipelines/defs/<domain>), nothing else.

The settings (pipelines/settings.py: environment variables with defaults, paths made absolute) are read once, here,
and built into the resources, the jobs' tags and the sensors."""

from dagster import Definitions

from .defs import automation, extraction, landing, quality, serving, transform, web
from .defs.resources import build_resources
from .settings import Settings

settings = Settings.from_env()
dbt_models = transform.dbt_models()

defs = Definitions.merge(
    landing.defs,
    extraction.defs,
    transform.definitions(dbt_models),
    quality.defs,
    serving.definitions(transform.mart_keys(dbt_models)),
    automation.definitions(settings),
    web.definitions(settings),
    Definitions(resources=build_resources(settings, transform.dbt_project())),
)


def stancewatch_run_job():
    """The run job, for executors that start step processes (they import it again from here)."""
    return defs.resolve_job_def("stancewatch_run")
