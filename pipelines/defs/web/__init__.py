"""Web: fetching the sources of sources.yaml into the raw dir (its own job; a run never touches the network)."""

from .assets import WEB_GROUP, definitions, fetched_pages, sources_fingerprint

__all__ = ["WEB_GROUP", "definitions", "fetched_pages", "sources_fingerprint"]
