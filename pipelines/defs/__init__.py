"""Dagster definitions: thin wrappers around pipelines.lib."""
