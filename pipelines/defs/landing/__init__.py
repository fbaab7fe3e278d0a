"""Landing: raw files, clean articles and rejects, fetch logs, duplicate pairs."""

from dagster import Definitions

from .assets import cleaned_articles, documents, fetch_log
from .dedup import duplicate_pairs

defs = Definitions(assets=[documents, cleaned_articles, fetch_log, duplicate_pairs])
