"""Documentation of the marts for readers, built into one directory (warehouse/docs by default):

- `dbt/index.html`: `dbt docs generate --static` (one self-contained page: models, column descriptions from
  `models/marts/<table>.yml`, lineage, the catalog of the warehouse), with `catalog.json` and `manifest.json` beside it.
- `data_docs/index.html`: Great Expectations Data Docs of the suites in expectations/ validated against the
  current tables. The pipeline's checks use an ephemeral GX context, which cannot keep Data Docs, so this module
  builds a throw-away file-backed context in a temporary directory (pandas datasource, one checkpoint per suite,
  `build_data_docs()`), copies its local site here and deletes the context. GX's pages load Bootstrap and jQuery
  from CDNs: offline they render unstyled.
- `index.html`: a self-contained landing page linking the above and the report, with a summary of the
  validation results that needs no network.

Each part is built in a temporary directory next to its destination and swapped in by renames.
"""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..settings import DBT_PROJECT_DIR, EXPECTATIONS_DIR
from . import quality
from .dbt_manifest import dbt_executable as default_dbt_executable


@dataclass
class SuiteResult:
    table: str
    success: bool
    evaluated: int
    failed: list[str] = field(default_factory=list)
    rows: int = 0


@dataclass
class DocsSummary:
    docs_dir: Path
    index: Path
    dbt_docs: Path | None
    data_docs: Path | None
    suites: list[SuiteResult] = field(default_factory=list)


def replace_dir(built: Path, dest: Path) -> None:
    """Put a fully built directory at `dest`: two renames (the old one is moved aside, then deleted)."""
    old = dest.parent / f".{dest.name}.old-{uuid.uuid4().hex[:8]}"
    if dest.exists():
        os.rename(dest, old)
    os.rename(built, dest)
    shutil.rmtree(old, ignore_errors=True)


def _staging_dir(dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{dest.name}.tmp-", dir=dest.parent))


def build_dbt_docs(
    warehouse: Path, dest: Path, dbt_executable: str | None = None, project_dir: Path = DBT_PROJECT_DIR
) -> Path:
    """`dbt docs generate --static` against the warehouse (which no other process may be writing)."""
    staging = _staging_dir(dest)
    try:
        with tempfile.TemporaryDirectory(prefix="stancewatch-dbt-docs-") as target:
            env = dict(os.environ, STANCEWATCH_WAREHOUSE=str(warehouse), DO_NOT_TRACK="1")
            result = subprocess.run(
                [
                    dbt_executable or default_dbt_executable(),
                    "docs",
                    "generate",
                    "--static",
                    "--quiet",
                    "--profiles-dir",
                    str(project_dir),
                    "--target-path",
                    target,
                ],
                cwd=project_dir,
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise RuntimeError(f"dbt docs generate failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
            shutil.copy(Path(target) / "static_index.html", staging / "index.html")
            for name in ("catalog.json", "manifest.json"):
                shutil.copy(Path(target) / name, staging / name)
        os.chmod(staging, 0o755)
        replace_dir(staging, dest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return dest / "index.html"


def suite_tables(directory: Path = EXPECTATIONS_DIR) -> list[str]:
    return sorted(p.name[: -len(quality.SUITE_SUFFIX)] for p in Path(directory).glob(f"*{quality.SUITE_SUFFIX}"))


def build_data_docs(
    con, dest: Path, tables: list[str] | None = None, directory: Path = EXPECTATIONS_DIR
) -> list[SuiteResult]:
    """Validate each suite's table (read through `con`) in a temporary file-backed GX context and keep its Data
    Docs site at `dest`."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    results = []
    staging = _staging_dir(dest)
    try:
        with tempfile.TemporaryDirectory(prefix="stancewatch-gx-") as root:
            context = gx.get_context(mode="file", project_root_dir=root)
            context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
            context.variables.save()
            source = context.data_sources.add_pandas("stancewatch")
            for table in tables or suite_tables(directory):
                path = quality.suite_path(table, directory)
                suite = context.suites.add(quality.load_suite(path))
                columns = quality.suite_columns(path)
                schema, name = table.split(".", 1)
                select = ", ".join(f'"{c}"' for c in columns) if columns else "*"
                frame = con.execute(f'select {select} from "{schema}"."{name}"').df()
                batch = source.add_dataframe_asset(name=table).add_batch_definition_whole_dataframe("all_rows")
                validation = context.validation_definitions.add(
                    gx.ValidationDefinition(name=table, data=batch, suite=suite)
                )
                checkpoint = context.checkpoints.add(
                    gx.Checkpoint(name=f"{table}_checkpoint", validation_definitions=[validation])
                )
                run = checkpoint.run(batch_parameters={"dataframe": frame})
                for outcome in run.run_results.values():
                    failed = [
                        r.expectation_config.type
                        + (
                            f"({r.expectation_config.kwargs.get('column')})"
                            if r.expectation_config.kwargs.get("column")
                            else ""
                        )
                        for r in outcome.results
                        if not r.success
                    ]
                    results.append(SuiteResult(table, bool(outcome.success), len(outcome.results), failed, len(frame)))
            context.build_data_docs()
            site = Path(root) / "gx" / "uncommitted" / "data_docs" / "local_site"
            shutil.copytree(site, staging, dirs_exist_ok=True)
        os.chmod(staging, 0o755)
        replace_dir(staging, dest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return results


def write_index(docs_dir: Path, suites: list[SuiteResult], extra: dict[str, str] | None = None) -> Path:
    """A self-contained landing page: links to the report, dbt docs and Data Docs, and the validation summary."""
    e = html.escape
    links = [
        ("report.html", "Report", "coverage, top actors, disputed claims, stance timelines (offline)"),
        ("dbt/index.html", "dbt docs", "every model and column of the marts, lineage, the warehouse catalog"),
        (
            "data_docs/index.html",
            "Great Expectations Data Docs",
            "the suites and their latest validation results (styles load from CDNs)",
        ),
    ]
    items = "".join(
        f'<li><a href="{href}">{title}</a> — {desc}</li>' for href, title, desc in links if (docs_dir / href).exists()
    )
    rows = "".join(
        f"<tr><td>{e(s.table)}</td><td class='{'ok' if s.success else 'bad'}'>{'passed' if s.success else 'FAILED'}"
        f"</td><td>{s.evaluated}</td><td>{s.rows:,}</td><td>{e(', '.join(s.failed))}</td></tr>"
        for s in suites
    )
    facts = "".join(f"<li>{e(k)}: <code>{e(v)}</code></li>" for k, v in (extra or {}).items())
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>stancewatch docs</title>
<style>body {{ font-family: system-ui, "DejaVu Sans", sans-serif; max-width: 900px; margin: 0 auto; padding: 24px; }}
table {{ border-collapse: collapse; }} td, th {{ padding: 4px 10px; border-bottom: 1px solid #eee; text-align: left; }}
.ok {{ color: #1a9850; }} .bad {{ color: #d73027; font-weight: 600; }} code {{ font-size: 0.9em; }}</style></head>
<body><h1>stancewatch docs</h1>
<p>Built {datetime.now():%Y-%m-%d %H:%M}.</p>
<ul>{items}</ul>
<h2>Great Expectations validation results</h2>
<table><thead><tr><th>table</th><th>result</th><th>expectations</th><th>rows</th><th>failed</th></tr></thead>
<tbody>{rows}</tbody></table>
<ul>{facts}</ul>
</body></html>
"""
    docs_dir.mkdir(parents=True, exist_ok=True)
    index = docs_dir / "index.html"
    tmp = docs_dir / f".index.html.{os.getpid()}.tmp"
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, index)
    (docs_dir / "validation_results.json").write_text(
        json.dumps([s.__dict__ for s in suites], indent=2) + "\n", encoding="utf-8"
    )
    return index


def build_docs(
    con_factory, warehouse: Path, docs_dir: Path, dbt_executable: str | None = None, extra: dict[str, str] | None = None
) -> DocsSummary:
    """Build dbt docs, Data Docs and the index into `docs_dir`.

    `con_factory()` returns a context manager giving a warehouse connection; it is closed before dbt runs, since dbt
    opens the warehouse file itself."""
    docs_dir = Path(docs_dir)
    with con_factory() as con:
        suites = build_data_docs(con, docs_dir / "data_docs")
    dbt_index = build_dbt_docs(warehouse, docs_dir / "dbt", dbt_executable)
    index = write_index(docs_dir, suites, extra)
    return DocsSummary(docs_dir, index, dbt_index, docs_dir / "data_docs" / "index.html", suites)
