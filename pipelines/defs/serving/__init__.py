"""Serving: the publication of the marts for readers (serving DuckDB file, Parquet), the HTML report, the docs."""

from dagster import AssetKey, Definitions

from .assets import PUBLICATION, REPORT, marts_docs, marts_report, publication_of

__all__ = ["PUBLICATION", "REPORT", "definitions", "marts_docs", "marts_report"]


def definitions(mart_keys: list[AssetKey]) -> Definitions:
    return Definitions(assets=[publication_of(mart_keys), marts_report, marts_docs])
