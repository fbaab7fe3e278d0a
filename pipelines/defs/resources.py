"""Resources shared by the assets: the warehouse and the dbt CLI, both configured from the environment."""

import sys
from pathlib import Path

from dagster import ConfigurableResource, EnvVar
from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from .dbt import dbt_project


class ExtractionResource(ConfigurableResource):
    """Which spaCy model parses the articles and how (STANCEWATCH_SPACY_MODEL, _NLP_PROCESSES, _BATCH_SIZE,
    _EXTRACT_PARTITIONS): `partitions` steps, each with `nlp_processes` worker processes."""

    spacy_model: str
    nlp_processes: int = 1
    batch_size: int = 64
    partitions: int = 1


def dbt_executable() -> str:
    """dbt from this interpreter's environment, so that an un-activated venv still finds it."""
    candidate = Path(sys.executable).parent / "dbt"
    return str(candidate) if candidate.exists() else "dbt"


def build_resources() -> dict:
    return {
        "duckdb": DuckDBResource(database=EnvVar("STANCEWATCH_WAREHOUSE")),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
        "extraction": ExtractionResource(
            spacy_model=EnvVar("STANCEWATCH_SPACY_MODEL"),
            nlp_processes=EnvVar.int("STANCEWATCH_NLP_PROCESSES"),
            batch_size=EnvVar.int("STANCEWATCH_BATCH_SIZE"),
            partitions=EnvVar.int("STANCEWATCH_EXTRACT_PARTITIONS"),
        ),
    }
