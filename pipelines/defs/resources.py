"""The resources, built once from the settings (pipelines/settings.py) when the code location loads: the warehouse,
the dbt CLI, the extraction's parser and the settings the assets read (all shown on the UI's resources page)."""

from functools import cached_property
from importlib.metadata import version as installed_version
from pathlib import Path

from dagster import ConfigurableResource
from dagster_dbt import DbtCliResource, DbtProject
from dagster_duckdb import DuckDBResource
from packaging.version import Version

from ..lib.dbt_manifest import dbt_executable
from ..settings import Settings, resolve_path


class DbtCli(DbtCliResource):
    """dagster-dbt's dbt CLI resource without two costs of every invocation that stancewatch does not use (~3 s a
    run): `dbt --version` in a subprocess (the version is read from the installed dbt-core package, the one
    `dbt_executable()` runs) and a dbt adapter set up in this process, which only dagster-dbt's metadata fetchers
    use (the dbt assets read row counts and column types from the warehouse themselves, defs/transform/dbt.py)."""

    @cached_property
    def _cli_version(self) -> Version:
        return Version(installed_version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):  # noqa: ARG002 (dagster-dbt's signature)
        return None


class ExtractionResource(ConfigurableResource):
    """Which spaCy model parses the articles and how (STANCEWATCH_SPACY_MODEL, _NLP_PROCESSES, _BATCH_SIZE,
    _EXTRACT_PARTITIONS): `partitions` steps, each with `nlp_processes` worker processes."""

    spacy_model: str
    nlp_processes: int = 1
    batch_size: int = 64
    partitions: int = 1


class SettingsResource(ConfigurableResource):
    """The settings the assets read besides their resources: paths (absolute) and knobs. See .env.example."""

    raw_dir: str
    warehouse: str
    serving_db: str
    parquet_dir: str
    docs_dir: str
    sources_file: str
    batch_size: int
    max_document_bytes: int
    dedup_threshold: float
    allow_private_addresses: bool = False
    fetch_contact: str | None = None
    verbose: bool = False

    @classmethod
    def of(cls, settings: Settings) -> "SettingsResource":
        return cls(
            raw_dir=str(settings.raw_dir),
            warehouse=str(settings.warehouse),
            serving_db=str(settings.serving_db),
            parquet_dir=str(settings.parquet_dir),
            docs_dir=str(settings.docs_dir),
            sources_file=str(settings.sources_file),
            batch_size=settings.batch_size,
            max_document_bytes=settings.max_document_bytes,
            dedup_threshold=settings.dedup_threshold,
            allow_private_addresses=settings.allow_private_addresses,
            fetch_contact=settings.fetch_contact,
            verbose=settings.verbose,
        )

    def path(self, name: str) -> Path:
        return Path(getattr(self, name))

    def raw_dir_or(self, override: str | None) -> Path:
        """A run's raw dir: the run config's (relative to the working directory), else the settings'."""
        return resolve_path(override) if override else self.path("raw_dir")


def build_resources(settings: Settings, dbt_project: DbtProject) -> dict:
    return {
        "duckdb": DuckDBResource(database=str(settings.warehouse)),
        "dbt": DbtCli(project_dir=dbt_project, dbt_executable=dbt_executable()),
        "extraction": ExtractionResource(
            spacy_model=settings.spacy_model,
            nlp_processes=settings.nlp_processes,
            batch_size=settings.batch_size,
            partitions=settings.extract_partitions,
        ),
        "settings": SettingsResource.of(settings),
    }
