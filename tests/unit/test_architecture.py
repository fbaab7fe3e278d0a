"""The architecture contracts of pyproject.toml (import-linter, run by `make lint`) hold, and they can fail: a
throwaway module that breaks one, in a copy of the package, makes `lint-imports` fail and name the contract."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", "--config", str(project / "pyproject.toml")],
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": str(Path(sys.executable).parent)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture()
def project_copy(tmp_path) -> Path:
    shutil.copytree(ROOT / "pipelines", tmp_path / "pipelines", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_contracts_hold(project_copy):
    result = lint_imports(project_copy)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "6 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    "module, source, contract",
    [
        (
            "lib/raw/readers/fetching.py",
            "from ...fetch import run\n",
            "Reading raw files never depends on fetching them",
        ),
        ("lib/quality_ui.py", "import dagster\n", "The library is plain Python: no Dagster, no definitions"),
        ("lib/raw/stage_hook.py", "from .. import stages\n", "Library layers: stages on extraction and cleaning"),
    ],
)
def test_an_import_that_breaks_a_contract_fails_the_lint(project_copy, module, source, contract):
    (project_copy / "pipelines" / module).write_text(f'"""Throwaway: breaks a contract."""\n{source}')
    result = lint_imports(project_copy)
    assert result.returncode == 1, result.stdout[-3000:]
    report = " ".join(result.stdout.split())  # contract names wrap over lines
    verdict = re.search(re.escape(contract) + r".*? (KEPT|BROKEN)\b", report)
    assert verdict and verdict[1] == "BROKEN", result.stdout[-3000:]
