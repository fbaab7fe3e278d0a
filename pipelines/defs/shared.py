"""What the domains' definitions share: the warehouse-writer tag, metadata previews, the raw-dir run config."""

from dagster import Config, MetadataValue

# DuckDB takes one writing process per file: steps that open the warehouse carry this tag, and the multiprocess
# executor runs them one at a time (automation.run_executor).
WAREHOUSE_WRITER = {"dagster/concurrency_key": "stancewatch_warehouse"}


class RawDirConfig(Config):
    raw_dir: str | None = None  # defaults to the settings' raw dir (STANCEWATCH_RAW_DIR)


def preview(con, sql: str, limit: int = 5) -> MetadataValue:
    """The first rows of a query as a Markdown table, for an asset's metadata in the UI."""
    frame = con.execute(f"{sql} limit {limit}").df()
    return MetadataValue.md(frame.to_markdown(index=False) if not frame.empty else "_(no rows)_")
