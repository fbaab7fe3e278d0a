"""Great Expectations validations of warehouse tables.

Suites are JSON files in expectations/ (one per table, named <schema>.<table>.json). GX cannot validate DuckDB
through SQLAlchemy reliably (see STACK.md), so each table is read into a pandas DataFrame (only the columns the
suite uses) and validated as a whole-dataframe batch.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..settings import EXPECTATIONS_DIR

SUITE_SUFFIX = ".json"


@dataclass
class Validation:
    table: str
    success: bool
    evaluated: int
    failed: list[dict] = field(default_factory=list)  # {expectation, column, observed}
    row_count: int = 0

    def describe(self) -> str:
        if self.success:
            return f"{self.table}: {self.evaluated} expectations passed on {self.row_count} rows"
        lines = [f"{self.table}: {len(self.failed)} of {self.evaluated} expectations failed on {self.row_count} rows"]
        lines += [f"  - {f['expectation']}({f.get('column') or ''}): {f['observed']}" for f in self.failed]
        return "\n".join(lines)


def suite_path(table: str, directory: Path = EXPECTATIONS_DIR) -> Path:
    return Path(directory) / f"{table}{SUITE_SUFFIX}"


def load_suite(path: Path):
    import great_expectations as gx

    with open(path, encoding="utf-8") as f:
        return gx.ExpectationSuite(**json.load(f))


def suite_columns(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    columns = []
    for exp in raw.get("expectations", []):
        kwargs = exp.get("kwargs", {})
        for key in ("column", "column_A", "column_B"):
            if key in kwargs and kwargs[key] not in columns:
                columns.append(kwargs[key])
        for col in kwargs.get("column_list", []):
            if col not in columns:
                columns.append(col)
    return columns


def validate_frame(frame: pd.DataFrame, suite, name: str) -> Validation:
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    source = context.data_sources.add_pandas(f"stancewatch_{name}".replace(".", "_"))
    asset = source.add_dataframe_asset(name=name)
    batch = asset.add_batch_definition_whole_dataframe("all_rows").get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(suite)
    failed = []
    for r in result.results:
        if not r.success:
            config = r.expectation_config
            observed = r.result.get("observed_value", r.result.get("unexpected_count"))
            sample = r.result.get("partial_unexpected_list")
            failed.append(
                {
                    "expectation": config.type,
                    "column": config.kwargs.get("column"),
                    "observed": f"{observed}" + (f" e.g. {sample[:3]}" if sample else ""),
                }
            )
    return Validation(name, bool(result.success), len(result.results), failed, len(frame))


def validate_table(con, table: str, directory: Path = EXPECTATIONS_DIR) -> Validation:
    """Validate `schema.table` in the warehouse against expectations/<schema>.<table>.json."""
    path = suite_path(table, directory)
    if not path.exists():
        raise FileNotFoundError(f"no expectation suite for {table} at {path}")
    columns = suite_columns(path)
    select = ", ".join(f'"{c}"' for c in columns) if columns else "*"
    schema, name = table.split(".", 1)
    frame = con.execute(f'select {select} from "{schema}"."{name}"').df()
    return validate_frame(frame, load_suite(path), table)


def describe_expectations(table: str, directory: Path = EXPECTATIONS_DIR) -> list[str]:
    """One short phrase per expectation of a table's suite, e.g. `claim_id unique`, `end_char > start_char`."""
    with open(suite_path(table, directory), encoding="utf-8") as f:
        raw = json.load(f)
    phrases = []
    for exp in raw.get("expectations", []):
        kind, kw = exp.get("type") or exp.get("expectation_type", ""), exp.get("kwargs", {})
        column = kw.get("column")
        if kind == "expect_column_values_to_not_be_null":
            phrases.append(f"{column} not null")
        elif kind == "expect_column_values_to_be_unique":
            phrases.append(f"{column} unique")
        elif kind == "expect_column_values_to_be_in_set":
            phrases.append(f"{column} in {kw.get('value_set')}")
        elif kind == "expect_column_values_to_be_between":
            bounds = [
                f">= {kw['min_value']}" if kw.get("min_value") is not None else "",
                f"<= {kw['max_value']}" if kw.get("max_value") is not None else "",
            ]
            phrases.append(f"{column} {' and '.join(b for b in bounds if b)}")
        elif kind == "expect_column_pair_values_a_to_be_greater_than_b":
            phrases.append(f"{kw['column_A']} {'>=' if kw.get('or_equal') else '>'} {kw['column_B']}")
        elif kind == "expect_table_row_count_to_be_between":
            phrases.append(f"at least {kw.get('min_value', 0)} rows")
        elif kind == "expect_column_values_to_match_regex":
            phrases.append(f"{column} matches {kw.get('regex')}")
        else:
            phrases.append(f"{kind}({column or ''})")
    return phrases
