"""The dbt project as Dagster assets. Marts are keyed marts/<model>, staging staging/<model>, seeds seeds/<seed>;
sources keep dagster-dbt's default landing/<table>, which are the keys of the Python landing assets.

`dbt_models_of(project)` builds the assets from the project's manifest when the definitions are assembled
(pipelines/definitions.py), never at import."""

import contextlib
import io
import os
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetMaterialization,
    AssetsDefinition,
    Output,
    TableColumn,
    TableSchema,
)
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets
from dagster_duckdb import DuckDBResource

from ...lib import publish, stages
from ..resources import SettingsResource
from ..shared import WAREHOUSE_WRITER

# A run builds the models and runs the data tests (the blocking checks); the unit tests check the SQL, not the data,
# so they run with the test suite (tests/integration/test_pipeline.py), as dbt recommends, not in every run (~2.5 s).
BUILD_ARGS = ["build", "--exclude-resource-type", "unit_test"]


class SchemaKeyedTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        kind = dbt_resource_props["resource_type"]
        if kind in {"model", "seed", "snapshot"}:
            return AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return "marts" if dbt_resource_props.get("schema") == "marts" else "dbt"


def dbt_models_of(project: DbtProject) -> AssetsDefinition:
    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        dagster_dbt_translator=SchemaKeyedTranslator(),
        op_tags=WAREHOUSE_WRITER,
    )
    def dbt_models(
        context: AssetExecutionContext, dbt: DbtCliResource, duckdb: DuckDBResource, settings: SettingsResource
    ):
        """`dbt build`: seeds, staging and intermediate views, mart tables and dbt tests (not the unit tests). Each
        table's materialization carries its row count and column types, read from the warehouse once the build has
        released the DuckDB file (table_metadata). Skipped, with the checks and the publication after
        it, when nothing it reads changed since the current publication was built (same landing tables, same dbt
        project)."""
        with duckdb.get_connection() as con:
            fingerprint = stages.build_inputs_fingerprint(con, project.project_dir)
        published = publish.read_manifest(settings.path("parquet_dir")) or {}
        everything = len(context.selected_asset_keys) == len(context.assets_def.keys)
        if published.get("built_from") == fingerprint and everything:
            context.log.info(
                f"{NOTHING_NEW}: the landing tables and the dbt project are as when publication "
                f"{published['version']} was built; dbt build, the checks on the marts and the "
                "publication are skipped"
            )
            return
        console = DbtConsole(context.log.info, settings.verbose)
        with warehouse_for_dbt(settings.warehouse):
            invocation = dbt.cli(BUILD_ARGS if console.colours else [*BUILD_ARGS, "--no-use-colors"], context=context)
            events = all_build_events(invocation.stream(), console)
        with duckdb.get_connection() as con:
            tables = table_metadata(con)
        for event in events:
            yield with_table_metadata(event, invocation.manifest, tables)
        prune_invocation_targets(invocation.target_path.parent)

    return dbt_models


@contextlib.contextmanager
def warehouse_for_dbt(warehouse: str):
    """dbt (profiles.yml) and dagster-dbt's metadata fetchers find the warehouse in STANCEWATCH_WAREHOUSE: this
    run's warehouse while dbt works, whatever the environment held before."""
    before = os.environ.get("STANCEWATCH_WAREHOUSE")
    os.environ["STANCEWATCH_WAREHOUSE"] = warehouse
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("STANCEWATCH_WAREHOUSE", None)
        else:
            os.environ["STANCEWATCH_WAREHOUSE"] = before


NOTHING_NEW = "nothing new since the last publication"


class DbtConsole(io.TextIOBase):
    """Where dagster-dbt echoes dbt's ~240 per-node log lines: summarised in one progress line every 10 s and one
    line at the end (with the failing nodes); with STANCEWATCH_VERBOSE=1 every line, in colour only on a terminal."""

    NODE = re.compile(r"^\s*(\d+) of (\d+) (OK|PASS|ERROR|FAIL|WARN|SKIP|NO-OP)\b")
    ANSI = re.compile(r"\x1b\[[0-9;]*m")

    def __init__(self, log, verbose: bool, every: float = 10.0):
        self.log, self.verbose, self.every = log, verbose, every
        self.out = sys.stdout
        self.colours = verbose and self.out.isatty()
        self.started = self.last = time.monotonic()
        self.done, self.total, self.statuses, self.failures = 0, 0, Counter(), []

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        for line in text.splitlines():
            plain = self.ANSI.sub("", line)
            if self.verbose:
                self.out.write((line if self.colours else plain) + "\n")
            match = self.NODE.match(plain)
            if match:
                self.done, self.total = int(match[1]), int(match[2])
                self.statuses[match[3]] += 1
                if match[3] in ("ERROR", "FAIL"):
                    self.failures.append(plain.split(" [")[0].strip())
                self.progress()
        return len(text)

    def progress(self) -> None:
        now = time.monotonic()
        if self.verbose or now - self.last < self.every or self.done < max(5, self.total // 20):
            return
        self.last = now
        rate = self.done / max(now - self.started, 1e-6)
        self.log(f"dbt: {self.done}/{self.total} nodes, {rate:.1f}/s, ~{(self.total - self.done) / rate:.0f} s left")

    def summary(self) -> str:
        counts = ", ".join(f"{n} {status.lower()}" for status, n in sorted(self.statuses.items()))
        text = f"dbt build: {self.done} nodes in {time.monotonic() - self.started:.1f} s ({counts or 'no nodes'})"
        return text + "".join(f"\n  {line}" for line in self.failures[:10])


def all_build_events(events, console: DbtConsole) -> list:
    """All of the build's events, dbt's own lines going to `console` meanwhile: DuckDB allows no second connection
    while dbt holds the file, so the tables' metadata is read once dbt has exited."""
    try:
        with contextlib.redirect_stdout(console):
            return list(events)
    finally:
        console.log(console.summary())


def table_metadata(con) -> dict[tuple[str, str], tuple[int | None, TableSchema]]:
    """(schema, table) -> (row count, column names and types) of every table and view of the warehouse's own
    catalog: one catalog query and a count per table (views are not counted: their SQL may be costly), instead of
    dagster-dbt's fetchers, which query through a dbt adapter in this process from a thread pool whose feeder
    polls in a busy loop for as long as dbt builds (~14 s of a core per run here)."""
    rows = con.sql(
        """
        select c.table_schema, c.table_name, t.table_type,
            list(c.column_name order by c.ordinal_position), list(c.data_type order by c.ordinal_position)
        from information_schema.columns as c
        inner join information_schema.tables as t using (table_catalog, table_schema, table_name)
        where c.table_catalog = current_database()
        group by all
        """
    ).fetchall()
    tables = {}
    for schema, name, kind, columns, types in rows:
        count = None
        if kind == "BASE TABLE":
            count = con.sql(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
        schema_value = TableSchema(columns=[TableColumn(name=c, type=t) for c, t in zip(columns, types)])
        tables[(schema, name)] = (count, schema_value)
    return tables


def with_table_metadata(event, manifest: dict, tables: dict):
    """A model's or seed's materialization with its row count (tables) and column types attached, as dagster-dbt's
    fetch_row_counts / fetch_column_metadata would; other events as they are."""
    if not isinstance(event, (Output, AssetMaterialization)) or "unique_id" not in event.metadata:
        return event
    node = manifest.get("nodes", {}).get(event.metadata["unique_id"].value)
    found = node and tables.get((node["schema"], node.get("alias") or node["name"]))
    if not found:
        return event
    count, columns = found
    extra = {"dagster/column_schema": columns}
    if count is not None:
        extra |= {"dagster/row_count": count, "dagster/storage_kind": "duckdb"}
    return event.with_metadata({**event.metadata, **extra})


def prune_invocation_targets(target_dir: Path, keep: int = 5) -> None:
    """dagster-dbt gives each invocation its own target directory (~5 MB: manifest, compiled SQL, run results);
    keep the newest few so that hourly runs do not fill the disk."""
    runs = sorted(target_dir.glob("dbt_models-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in runs[keep:]:
        shutil.rmtree(old, ignore_errors=True)
