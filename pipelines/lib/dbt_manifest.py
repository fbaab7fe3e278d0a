"""The dbt project's manifest: parsed (`dbt parse`) when missing or older than the project's files, so that the dbt
assets load a manifest that matches the models. Called by `make setup` (python -m pipelines.lib.dbt_manifest) and
by `stancewatch run`/`ui`; never at import time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..settings import DBT_PROJECT_DIR

MANIFEST = DBT_PROJECT_DIR / "target" / "manifest.json"


def dbt_executable() -> str:
    """dbt from this interpreter's environment, so that an un-activated venv still finds it."""
    candidate = Path(sys.executable).parent / "dbt"
    return str(candidate) if candidate.exists() else "dbt"


def is_stale(project_dir: Path = DBT_PROJECT_DIR) -> bool:
    manifest = project_dir / "target" / "manifest.json"
    sources = [
        p for d in ("models", "macros", "seeds", "tests") for p in (project_dir / d).rglob("*") if p.is_file()
    ] + [project_dir / "dbt_project.yml", project_dir / "profiles.yml"]
    return not manifest.exists() or manifest.stat().st_mtime < max(p.stat().st_mtime for p in sources)


def prepare(project_dir: Path = DBT_PROJECT_DIR, quiet: bool = False) -> bool:
    """`dbt parse` when the manifest is stale; True when it parsed."""
    if not is_stale(project_dir):
        return False
    if not quiet:
        print("stancewatch: preparing the dbt project (dbt parse)", flush=True)
    subprocess.run(
        [dbt_executable(), "parse", "--quiet", "--profiles-dir", str(project_dir)], cwd=project_dir, check=True
    )
    (project_dir / "target" / "manifest.json").touch()
    return True


if __name__ == "__main__":
    prepare()
