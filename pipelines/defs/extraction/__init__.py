"""Extraction: landing.articles -> actor mentions, claims and stance observations (spaCy), in partition steps."""

from dagster import Definitions

from .assets import extractions

defs = Definitions(assets=[extractions])
