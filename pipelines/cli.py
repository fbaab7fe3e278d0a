"""`stancewatch` command line.

  stancewatch run [--raw-dir DIR] [--warehouse PATH]   materialize the whole asset graph once, print a summary

Exit codes: 0 success; 1 a step or a blocking check failed; 2 usage error; 3 the warehouse is busy (another run).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from .settings import DBT_PROJECT_DIR, Settings

DAGSTER_YAML = "telemetry:\n  enabled: false\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="stancewatch", description="News articles -> actors, claims and stances.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run ingest -> clean -> extract -> dbt build -> quality checks once")
    run.add_argument("--raw-dir", help="raw files to process (default: $STANCEWATCH_RAW_DIR, else raw/)")
    run.add_argument("--warehouse", help="DuckDB file (default: $STANCEWATCH_WAREHOUSE, "
                                         "else warehouse/stancewatch.duckdb)")
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env().with_paths(raw_dir=args.raw_dir, warehouse=args.warehouse)
    except ValueError as err:
        parser.error(str(err))
    if args.command == "run":
        return run_pipeline(settings)
    return 2


def run_pipeline(settings: Settings) -> int:
    if not settings.raw_dir.is_dir():
        print(f"error: raw dir {settings.raw_dir} does not exist (pass --raw-dir or set STANCEWATCH_RAW_DIR)",
              file=sys.stderr)
        return 2
    settings.export()
    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    prepare_dagster_home(settings.dagster_home)
    prepare_dbt()
    print(f"stancewatch: raw dir {settings.raw_dir}\n             warehouse {settings.warehouse}", flush=True)

    from dagster import DagsterInstance

    from .definitions import defs

    from .lib.lock import WarehouseBusy, WarehouseLock

    started = time.perf_counter()
    job = defs.resolve_job_def("stancewatch_run")
    try:
        with WarehouseLock(settings.warehouse, settings.lock_timeout), DagsterInstance.get() as instance:
            result = job.execute_in_process(
                instance=instance,
                raise_on_error=False,
                run_config={"loggers": {"console": {"config": {"log_level": "INFO"}}}},
            )
    except WarehouseBusy as err:
        print(f"error: {err}", file=sys.stderr)
        return 3
    checks = [(e.asset_check_key, e.passed, None) for e in result.get_asset_check_evaluations()]
    print_summary(settings, result.success, checks, time.perf_counter() - started)
    return 0 if result.success else 1


def prepare_dagster_home(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML)


def prepare_dbt() -> None:
    """`dbt parse` once, so that the dbt assets can load their manifest (never done at import time)."""
    if (DBT_PROJECT_DIR / "target" / "manifest.json").exists():
        return
    from .defs.resources import dbt_executable

    print("stancewatch: preparing the dbt project (dbt parse)", flush=True)
    subprocess.run([dbt_executable(), "parse", "--quiet", "--profiles-dir", str(DBT_PROJECT_DIR)],
                   cwd=DBT_PROJECT_DIR, check=True)


def print_summary(settings: Settings, success: bool, checks: list, seconds: float) -> None:
    from .lib import warehouse

    lines = ["", "=" * 72, f"stancewatch run {'succeeded' if success else 'FAILED'} in {seconds:.0f} s", ""]
    try:
        con = warehouse.connect(settings.warehouse, read_only=True)
    except Exception as err:  # the warehouse may be missing or locked if the run failed early
        lines.append(f"(could not open the warehouse: {err})")
    else:
        with con:
            counts = warehouse.table_counts(con, "marts")
            landing = warehouse.table_counts(con, "landing")
        lines.append("rows per mart:")
        lines += [f"  marts.{name:<22} {n:>9,}" for name, n in counts.items()]
        lines.append(f"landing: {landing.get('documents', 0):,} documents, {landing.get('articles', 0):,} articles, "
                     f"{landing.get('rejects', 0):,} rejects (see marts.rejects)")
    passed = sum(1 for _, ok, _ in checks if ok)
    failed = [key for key, ok, _ in checks if not ok]
    suites = sum(1 for key, _, _ in checks if key.name.endswith("_pass_quality_suite"))
    lines += ["", f"checks: {passed} passed, {len(failed)} failed "
                  f"({suites} Great Expectations suites, {len(checks) - suites} dbt tests)"]
    lines += [f"  FAILED {key.asset_key.to_user_string()}:{key.name}" for key in failed]
    lines += [
        "",
        f"warehouse: {settings.warehouse}",
        "query it:  .venv/bin/python -c \"import duckdb; "
        f"print(duckdb.connect('{settings.warehouse}', read_only=True).sql('select * from marts.fct_claims limit 5'))\"",
        "UI:        make ui   (Dagster on http://127.0.0.1:3000: assets, checks, run history)",
        "=" * 72,
    ]
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    sys.exit(main())
