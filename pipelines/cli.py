"""`stancewatch` command line.

  stancewatch run [--raw-dir DIR] [--warehouse PATH]   materialize the whole asset graph once, print a summary
  stancewatch fetch [--feed URL ...] [--sitemap URL ...] [--urls FILE ...] [--url URL ...] [--sources FILE]
                    [--raw-dir DIR] [--allow-private-addresses] [...]
                                                        discover article URLs, fetch them into the raw dir

Exit codes: 0 success; 1 a step or a blocking check failed; 2 usage error; 3 the warehouse is busy (another run).
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from .settings import Settings

DAGSTER_YAML = "telemetry:\n  enabled: false\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="stancewatch", description="News articles -> actors, claims and stances.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run ingest -> clean -> extract -> dbt build -> quality checks once")
    run.add_argument("--raw-dir", help="raw files to process (default: $STANCEWATCH_RAW_DIR, else raw/)")
    run.add_argument(
        "--warehouse", help="DuckDB file (default: $STANCEWATCH_WAREHOUSE, else warehouse/stancewatch.duckdb)"
    )
    run.add_argument(
        "--verbose",
        action="store_true",
        help="every dbt log line (default: one progress line every 10 s and a summary; $STANCEWATCH_VERBOSE=1 too)",
    )
    add_fetch_parser(sub)
    ui = sub.add_parser("ui", help="the Dagster UI on a warehouse's run history (what `make ui` runs)")
    ui.add_argument("--warehouse", help="DuckDB file whose runs to show (default: as for run)")
    ui.add_argument("--host", default="127.0.0.1")
    ui.add_argument("--port", type=int, default=3000)
    docs = sub.add_parser("docs", help="dbt docs, Data Docs and the report of a warehouse (what `make docs` runs)")
    docs.add_argument("--warehouse", help="DuckDB file to document (default: as for run)")
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env().with_paths(
            raw_dir=getattr(args, "raw_dir", None), warehouse=getattr(args, "warehouse", None)
        )
    except ValueError as err:
        parser.error(str(err))
    if args.command == "run":
        return run_pipeline(replace(settings, verbose=True) if args.verbose else settings)
    if args.command == "fetch":
        return fetch_command(settings, args)
    if args.command == "ui":
        return ui_command(settings, args.host, args.port)
    if args.command == "docs":
        return docs_command(settings)
    return 2


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("stancewatch")
    except PackageNotFoundError:
        return "(not installed)"


def make_command(settings: Settings, target: str) -> str:
    """The exact command that opens `target` (ui, docs) on this run's warehouse and run history, from anywhere."""
    from .settings import DEFAULT_WAREHOUSE, PROJECT_ROOT, dagster_home_for

    prefix = (
        ""
        if settings.dagster_home == dagster_home_for(settings.warehouse)
        else f"DAGSTER_HOME={shlex.quote(str(settings.dagster_home))} "
    )
    where = "" if Path.cwd() == PROJECT_ROOT else f" -C {shlex.quote(str(PROJECT_ROOT))}"
    warehouse = "" if settings.warehouse == DEFAULT_WAREHOUSE else f" WAREHOUSE={shlex.quote(str(settings.warehouse))}"
    return f"{prefix}make{where} {target}{warehouse}"


def ui_command(settings: Settings, host: str, port: int) -> int:
    """`dagster dev` with this warehouse's settings and run history (DAGSTER_HOME follows the warehouse)."""
    from .settings import PROJECT_ROOT

    settings.export()
    prepare_dagster_home(settings.dagster_home)
    prepare_dbt()
    print(
        f"stancewatch: Dagster UI on http://{host}:{port} for warehouse {settings.warehouse} "
        f"(run history {settings.dagster_home})",
        flush=True,
    )
    dagster = Path(sys.executable).parent / "dagster"
    os.chdir(PROJECT_ROOT)
    os.execv(
        str(dagster), [str(dagster), "dev", "-w", str(PROJECT_ROOT / "workspace.yaml"), "-h", host, "-p", str(port)]
    )


def docs_command(settings: Settings) -> int:
    """The report, dbt docs and Data Docs of a warehouse, recorded in its run history."""
    from .settings import PROJECT_ROOT

    if not settings.warehouse.is_file():
        print(f"error: no warehouse at {settings.warehouse} yet: run `stancewatch run` first", file=sys.stderr)
        return 2
    settings.export()
    prepare_dagster_home(settings.dagster_home)
    prepare_dbt()
    dagster = Path(sys.executable).parent / "dagster"
    done = subprocess.run(
        [
            str(dagster),
            "asset",
            "materialize",
            "-m",
            "pipelines.definitions",
            "--select",
            "serving/report,serving/docs",
        ],
        cwd=PROJECT_ROOT,
    )
    if done.returncode == 0:
        print(f"docs: {settings.docs_dir / 'index.html'}")
    return 1 if done.returncode else 0


def add_fetch_parser(sub) -> None:
    fetch = sub.add_parser(
        "fetch",
        help="discover article URLs (feeds, sitemaps, URL lists) and fetch them politely into the raw dir",
        description="Without --feed/--sitemap/--urls/--url, fetches every source of the sources file; with them, "
        "only those (using the sources file's defaults when it exists). Pages land in <raw-dir>/web as "
        "WARC files; `stancewatch run` then processes them.",
    )
    fetch.add_argument("--feed", action="append", default=[], metavar="URL", help="an RSS or Atom feed")
    fetch.add_argument(
        "--sitemap", action="append", default=[], metavar="URL", help="a sitemap, sitemap index or news sitemap"
    )
    fetch.add_argument("--urls", action="append", default=[], metavar="FILE", help="a file of URLs, one per line")
    fetch.add_argument("--url", action="append", default=[], metavar="URL", help="one article URL")
    fetch.add_argument(
        "--sources", metavar="FILE", help="sources file (default: $STANCEWATCH_SOURCES, else sources.yaml)"
    )
    fetch.add_argument("--raw-dir", help="where pages land (default: $STANCEWATCH_RAW_DIR, else raw/)")
    fetch.add_argument(
        "--allow-private-addresses",
        action="store_true",
        default=None,
        help="allow private, loopback and link-local addresses (default: refused; "
        "$STANCEWATCH_ALLOW_PRIVATE_ADDRESSES=1 also allows them)",
    )
    fetch.add_argument("--rate", type=float, help="requests per second per host (overrides the sources file)")
    fetch.add_argument("--concurrency", type=int, help="requests in flight per host (overrides the sources file)")
    fetch.add_argument("--max-bytes", type=int, help="body size cap in bytes (overrides the sources file)")
    fetch.add_argument(
        "--refetch",
        action="store_true",
        default=None,
        help="fetch pages again that earlier runs fetched (conditional GET)",
    )


def fetch_command(settings: Settings, args) -> int:
    from .lib.fetch.run import fetch_sources
    from .lib.fetch.sources import (
        SourcesError,
        SourcesFile,
        adhoc_sources,
        check_url_lists,
        load_sources,
        with_overrides,
    )

    sources_file = Path(args.sources).resolve() if args.sources else settings.sources_file
    adhoc = args.feed or args.sitemap or args.urls or args.url
    try:
        if args.sources or not adhoc or sources_file.is_file():
            parsed = load_sources(sources_file)
        else:
            parsed = SourcesFile(())
        for path in args.urls:
            if not Path(path).is_file():
                raise SourcesError(f"URL list {path} does not exist")
        sources = (
            adhoc_sources(args.feed, args.sitemap, args.urls, args.url, parsed.defaults)
            if adhoc
            else [s for s in parsed.sources if s.enabled]
        )
        check_url_lists(sources)
        sources = [
            with_overrides(
                s, rate=args.rate, concurrency=args.concurrency, max_bytes=args.max_bytes, refetch=args.refetch
            )
            for s in sources
        ]
    except SourcesError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    from .lib import preflight

    problem = preflight.writable_folder_problem(settings.raw_dir, "pages in the raw dir")
    if problem:
        print(f"error: {problem} (pass --raw-dir DIR or set STANCEWATCH_RAW_DIR)", file=sys.stderr)
        return 2
    if not sources:
        print(
            f"error: nothing to fetch: {sources_file} lists no enabled source (or pass --feed/--sitemap/--urls/--url)",
            file=sys.stderr,
        )
        return 2
    from .lib.urls import has_userinfo

    if any(has_userinfo(u) for u in [*args.feed, *args.sitemap, *args.url]):
        print(
            "warning: credentials in a URL (user:password@) are dropped, never used or stored; to fetch with "
            "credentials, name an environment variable holding user:password with `auth_env` in the sources "
            "file",
            file=sys.stderr,
            flush=True,
        )
    allow = settings.allow_private_addresses if args.allow_private_addresses is None else args.allow_private_addresses
    print(f"stancewatch: fetching {len(sources)} source(s) into {settings.raw_dir}", flush=True)
    report = fetch_sources(
        sources,
        settings.raw_dir,
        allow_private_addresses=allow,
        workers=parsed.fetcher.workers,
        contact=parsed.fetcher.contact or settings.fetch_contact,
        progress=lambda msg: print(msg, file=sys.stderr, flush=True),
    )
    print(report.summary())
    print(f"next: stancewatch run --raw-dir {settings.raw_dir}")
    return 0


def run_pipeline(settings: Settings) -> int:
    problem = preflight_problem(settings)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    settings.export()
    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    prepare_dagster_home(settings.dagster_home)
    prepare_dbt()
    print(f"stancewatch: raw dir {settings.raw_dir}\n             warehouse {settings.warehouse}", flush=True)

    from dagster import DagsterInstance

    from .lib.lock import WarehouseBusy, WarehouseLock
    from .lib.publish import read_manifest

    started = time.perf_counter()
    try:
        with WarehouseLock(settings.warehouse, settings.lock_timeout), DagsterInstance.get() as instance:
            previous = read_manifest(settings.parquet_dir)
            outcome = execute_run_job(instance, settings.executor)
    except WarehouseBusy as err:
        print(f"error: {err}", file=sys.stderr)
        return 3
    full = disk_full_message(outcome.errors, settings.warehouse)
    print_summary(
        settings,
        outcome,
        time.perf_counter() - started,
        skip_warehouse=full is not None,
        previous_rows=(previous or {}).get("row_counts"),
    )
    if full:
        print(full, file=sys.stderr, flush=True)
    return 0 if outcome.success else 1


def preflight_problem(settings: Settings) -> str | None:
    """Everything a run needs that can be checked before the first stage: one line, or None."""
    from .lib import preflight

    return preflight.first_problem(
        lambda: preflight.raw_dir_problem(settings.raw_dir),
        lambda: preflight.spacy_model_problem(settings.spacy_model),
        lambda: preflight.warehouse_problem(settings.warehouse),
        lambda: preflight.writable_folder_problem(settings.dagster_home, "the Dagster run history (DAGSTER_HOME)"),
        lambda: preflight.writable_folder_problem(settings.serving_db.parent, "the serving copy"),
        lambda: preflight.writable_folder_problem(settings.parquet_dir.parent, "the Parquet files"),
        lambda: preflight.writable_folder_problem(settings.docs_dir, "the report and docs"),
    )


DISK_FULL = ("No space left on device", "[Errno 28]", "Disk quota exceeded")


def disk_full_message(errors: list[str], warehouse: Path) -> str | None:
    """One line for a run that failed because a disk filled up: which disk, which path, what to do. The error
    itself is buried in a chain (DuckDB: `TransactionContext Error: cannot rollback`, caused by an IO Error)."""
    text = next((t for t in errors if any(marker in t for marker in DISK_FULL)), None)
    if text is None:
        return None
    quoted = [m.group(1) or m.group(2) for m in re.finditer(r'"(/[^"]+)"|\'(/[^\']+)\'', text)]
    path = Path(quoted[0]) if quoted else warehouse
    mount = path if path.exists() else path.parent
    while not mount.exists() or not os.path.ismount(mount):
        mount = mount.parent
    usage = shutil.disk_usage(mount)
    return (
        f"error: the disk is full: no space left on {mount} ({usage.free / 2**20:.1f} MB free of "
        f"{usage.total / 2**20:.0f} MB) while writing {path}; free some space there (or set the warehouse "
        "elsewhere) and run again: what was committed is kept, the rerun continues from it"
    )


@dataclass
class RunOutcome:
    """What the summary needs from a finished run."""

    success: bool
    checks: list  # (AssetCheckKey, passed)
    errors: list[str]  # every step failure's message, with its chained causes
    failed_steps: list[tuple[str, str]]  # (step, first line of its error)
    materializations: dict  # asset key (user string) -> metadata of its materialization in this run
    run_id: str = ""


# Dagster wraps a step's exception in its own errors; the summary names the user's error under them.
_WRAPPERS = ("DagsterExecutionStepExecutionError", "DagsterUserCodeExecutionError", "DagsterExecutionInterruptedError")


def outcome_of(result) -> RunOutcome:
    texts, failed = [], []
    for event in result.all_events:
        if event.is_step_failure:
            error, first = event.step_failure_data.error, None
            while error is not None:
                texts.append(error.message)
                if first is None and error.cls_name not in _WRAPPERS:
                    first = error.message.strip().splitlines()[0] if error.message.strip() else error.cls_name
                error = error.cause or error.context
            failed.append((event.step_key, first or texts[-1].strip().splitlines()[0]))
    materializations = {}
    for event in result.all_events:
        if event.is_step_materialization:
            m = event.step_materialization_data.materialization
            materializations[m.asset_key.to_user_string()] = {k: v.value for k, v in m.metadata.items()}
    return RunOutcome(
        result.success,
        [(e.asset_check_key, e.passed) for e in result.get_asset_check_evaluations()],
        texts,
        failed,
        materializations,
        result.run_id,
    )


def execute_run_job(instance, executor: str) -> RunOutcome:
    """Run the stancewatch_run job in this process (in_process executor) or with step processes (multiprocess
    executor, which needs the job importable: definitions.stancewatch_run_job)."""
    from dagster import execute_job, reconstructable

    from .definitions import stancewatch_run_job

    run_config = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}
    quiet_skipped_check_warnings()
    if executor == "in_process":
        result = stancewatch_run_job().execute_in_process(
            instance=instance, raise_on_error=False, run_config=run_config
        )
        return outcome_of(result)
    with execute_job(
        reconstructable(stancewatch_run_job), instance, run_config=run_config, raise_on_error=False
    ) as result:
        return outcome_of(result)


def quiet_skipped_check_warnings() -> None:
    """When dbt is skipped (nothing new) or fails, Dagster warns once per dbt test that the blocking check "emitted
    no result" (~100 lines); the summary already says which happened."""
    import logging

    logging.getLogger("dagster._core.execution.plan.active").addFilter(
        lambda record: "emitted no result" not in record.getMessage()
    )


def prepare_dagster_home(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML)


def prepare_dbt() -> None:
    """`dbt parse` when the manifest is missing or older than the dbt project's files (never at import time)."""
    from .lib.dbt_manifest import prepare

    prepare()


def print_summary(
    settings: Settings,
    outcome: RunOutcome,
    seconds: float,
    skip_warehouse: bool = False,
    previous_rows: dict | None = None,
) -> None:
    """`previous_rows`: rows per mart of the publication before this run (the summary shows the change)."""
    success, checks = outcome.success, outcome.checks
    lines = ["", "=" * 72, f"stancewatch run {'succeeded' if success else 'FAILED'} in {seconds:.0f} s", ""]
    lines += [f"step {step} failed: {first_line}" for step, first_line in outcome.failed_steps]
    if outcome.failed_steps:
        lines.append("")
    lines += added_lines(outcome)
    if not skip_warehouse:  # skipped when the reason of the failure is printed on its own line (a full disk)
        lines += warehouse_lines(settings, previous_rows)
    passed = sum(1 for _, ok in checks if ok)
    failed = [key for key, ok in checks if not ok]
    from .defs.quality.checks import SUITE_CHECK_NAMES

    suites = sum(1 for key, _ in checks if key.name in SUITE_CHECK_NAMES)
    lines += [
        "",
        f"checks: {passed} passed, {len(failed)} failed "
        f"({suites} Great Expectations suites, {len(checks) - suites} dbt tests)",
    ]
    lines += [f"  FAILED {key.asset_key.to_user_string()}:{key.name}" for key in failed]
    lines += ["", *written_lines(settings)]
    lines += [
        'query it:  .venv/bin/python -c "import duckdb; '
        f"print(duckdb.connect({str(settings.warehouse)!r}, read_only=True).sql("
        "'select * from marts.fct_claims limit 5'))\"",
        f"UI:        {make_command(settings, 'ui')}   (Dagster on http://127.0.0.1:3000: this warehouse's runs, "
        "assets, checks)",
    ]
    lines += publication_lines(settings, success)
    lines.append("=" * 72)
    print("\n".join(lines), flush=True)


def written_lines(settings: Settings) -> list[str]:
    """Where this run read and wrote: the raw dir, the warehouse and what sits next to it (or elsewhere, when set)."""
    folder = settings.warehouse.parent
    lines = [f"raw dir:   {settings.raw_dir}", f"warehouse: {settings.warehouse}"]
    beside, elsewhere = [], []
    for what, path in settings.written_paths().items():
        if path.parent == folder:
            beside.append(f"{path.name}{'/' if path.suffix not in ('.duckdb', '.lock') else ''} ({what})")
        else:
            elsewhere.append(f"  {what}: {path}")
    if beside:
        lines.append(f"next to it in {folder}: " + ", ".join(beside))
    return lines + elsewhere


# (asset, metadata key, what) of the counts a run's materializations carry about what it added
ADDED = [
    ("landing/documents", "new_documents", "documents"),
    ("landing/articles", "new_articles", "articles"),
    ("landing/rejects", "new_rejects", "rejects"),
    ("landing/mentions", "new_mentions", "mentions"),
    ("landing/claims", "new_claims", "claims"),
    ("landing/stance_observations", "new_stances", "stances"),
    ("landing/duplicate_pairs", "new_exact_pairs", "exact duplicate pairs"),
    ("landing/duplicate_pairs", "new_near_pairs", "near-duplicate pairs"),
    ("landing/fetch_log", "new_rows", "fetch-log rows"),
]


def added_lines(outcome: RunOutcome) -> list[str]:
    """What this run added to the landing tables, and whether dbt and the publication had anything to do."""
    found = [
        (n, what) for key, name, what in ADDED if isinstance(n := outcome.materializations.get(key, {}).get(name), int)
    ]
    lines = []
    if found:
        lines.append("this run added: " + ", ".join(f"{n:,} {what}" for n, what in found))
    if outcome.success and not outcome.failed_steps and "serving/marts_publication" not in outcome.materializations:
        lines.append(
            "nothing new since the last publication: dbt build, the checks on the marts and the "
            "publication were skipped (readers keep the current version)"
        )
    return lines + ([""] if lines else [])


def warehouse_lines(settings: Settings, previous_rows: dict | None = None) -> list[str]:
    from .lib import warehouse

    try:
        con = warehouse.connect(settings.warehouse, read_only=True)
    except Exception as err:  # the warehouse may be missing or locked if the run failed early
        return [f"(could not open the warehouse: {err})"]
    with con:
        counts = warehouse.table_counts(con, "marts")
        landing = warehouse.table_counts(con, "landing")
    if previous_rows is None:
        lines = ["rows per mart:"]
        lines += [f"  marts.{name:<22} {n:>9,}" for name, n in counts.items()]
    else:
        lines = ["rows per mart (change since the previous publication):"]
        lines += [f"  marts.{name:<22} {n:>9,}  ({n - previous_rows.get(name, 0):+,})" for name, n in counts.items()]
    lines.append(
        f"landing: {landing.get('documents', 0):,} documents, {landing.get('articles', 0):,} articles, "
        f"{landing.get('rejects', 0):,} rejects (see marts.rejects)"
    )
    return lines


def publication_lines(settings: Settings, success: bool) -> list[str]:
    """Where readers find the published marts (the serving copy is what BI tools and notebooks should open)."""
    if not settings.serving_db.exists():
        return ["readers:   nothing published yet (a run publishes when its blocking checks pass)"]
    lines = [] if success else ["readers:   the previous publication is still in place:"]
    lines += [f"serving:   {settings.serving_db} (read-only copy of the marts; parquet: {settings.parquet_dir})"]
    report, docs = settings.docs_dir / "report.html", settings.docs_dir / "index.html"
    if report.exists():
        lines.append(f"report:    {report}")
    lines.append(
        f"docs:      {docs} (rebuild: {make_command(settings, 'docs')})"
        if docs.exists()
        else f"docs:      {make_command(settings, 'docs')}   (dbt docs, GX Data Docs)"
    )
    return lines


if __name__ == "__main__":
    sys.exit(main())
