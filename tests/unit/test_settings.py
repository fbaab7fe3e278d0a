"""Paths the caller gives (environment, command line) resolve against the caller's working directory; the defaults
are in the project folder; the Dagster instance follows the warehouse unless DAGSTER_HOME is set."""

import pytest

from pipelines.settings import DEFAULT_DAGSTER_HOME, DEFAULT_RAW_DIR, DEFAULT_WAREHOUSE, PROJECT_ROOT, Settings

VARIABLES = (
    "STANCEWATCH_RAW_DIR",
    "STANCEWATCH_WAREHOUSE",
    "STANCEWATCH_SOURCES",
    "DAGSTER_HOME",
    "STANCEWATCH_SERVING_DB",
    "STANCEWATCH_PARQUET_DIR",
    "STANCEWATCH_DOCS_DIR",
)


@pytest.fixture()
def elsewhere(tmp_path, monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_defaults_are_in_the_project_folder(elsewhere):
    settings = Settings.from_env()
    assert settings.raw_dir == DEFAULT_RAW_DIR == PROJECT_ROOT / "raw"
    assert settings.warehouse == DEFAULT_WAREHOUSE
    assert settings.dagster_home == DEFAULT_DAGSTER_HOME
    assert settings.sources_file == PROJECT_ROOT / "sources.yaml"
    assert settings.serving_db == PROJECT_ROOT / "warehouse" / "serving.duckdb"


def test_relative_paths_from_the_environment_resolve_against_the_working_directory(elsewhere, monkeypatch):
    monkeypatch.setenv("STANCEWATCH_RAW_DIR", "raw")
    monkeypatch.setenv("STANCEWATCH_WAREHOUSE", "out/w.duckdb")
    monkeypatch.setenv("STANCEWATCH_SOURCES", "../my-sources.yaml")
    monkeypatch.setenv("STANCEWATCH_DOCS_DIR", "site")
    settings = Settings.from_env()
    assert settings.raw_dir == elsewhere / "raw"
    assert settings.warehouse == elsewhere / "out" / "w.duckdb"
    assert settings.sources_file == elsewhere.parent / "my-sources.yaml"  # normalised, no '..'
    assert settings.serving_db == elsewhere / "out" / "serving.duckdb"
    assert settings.docs_dir == elsewhere / "site"
    assert settings.dagster_home == elsewhere / "out" / ".dagster"  # its own run history
    assert settings.environ()["STANCEWATCH_WAREHOUSE"] == str(elsewhere / "out" / "w.duckdb")


def test_command_line_paths_resolve_against_the_working_directory(elsewhere, monkeypatch):
    settings = Settings.from_env().with_paths(raw_dir="raw", warehouse="w.duckdb")
    assert (settings.raw_dir, settings.warehouse) == (elsewhere / "raw", elsewhere / "w.duckdb")
    assert settings.parquet_dir == elsewhere / "parquet"
    assert settings.dagster_home == elsewhere / ".dagster"
    monkeypatch.setenv("DAGSTER_HOME", "history")  # an explicit DAGSTER_HOME wins, relative to the caller too
    assert Settings.from_env().with_paths(warehouse="w.duckdb").dagster_home == elsewhere / "history"


def test_make_help_lists_every_target():
    import re
    import subprocess

    makefile = (PROJECT_ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    phony = set(re.search(r"^\.PHONY: (.*)$", makefile, re.MULTILINE)[1].split())
    assert targets == phony and {"test-fast", "ui", "docs", "help"} <= targets
    shown = subprocess.run(
        ["make", "-s", "-C", str(PROJECT_ROOT), "help"], capture_output=True, text=True, check=True
    ).stdout
    listed = set(re.findall(r"^make ([a-z-]+) +- ", shown, re.MULTILINE))
    assert listed == targets, f"missing from make help: {targets - listed}; not targets: {listed - targets}"


def test_stancewatch_version():
    import subprocess
    import sys
    from importlib.metadata import version
    from pathlib import Path

    out = subprocess.run(
        [str(Path(sys.executable).parent / "stancewatch"), "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == f"stancewatch {version('stancewatch')}"
