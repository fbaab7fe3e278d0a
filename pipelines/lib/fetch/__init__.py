"""Web ingestion: discover article URLs from feeds, sitemaps and URL lists, fetch them politely, land them.

    sources.py   the sources file (sources.yaml): sources and their politeness settings
    fetcher.py   the polite HTTP fetcher (robots.txt, per-host rate and concurrency, retries, caps)
    feeds.py     RSS/Atom feeds (feedparser)
    sitemaps.py  XML sitemaps, sitemap indexes and news sitemaps
    landing.py   what lands in the raw dir: one content-addressed WARC file per page, the fetch log (JSONL)
    run.py       sources -> discovered URLs -> fetched pages -> raw dir, with a report

URLs (normalisation, canonical URLs, address checks) are in pipelines/lib/urls.py and bodies (Content-Encoding,
charsets) in pipelines/lib/encoding.py, shared with the raw readers; from pipelines/lib/raw this package imports
only `layout` (where the fetch-log suffix lives). No Dagster here: `pipelines/defs/web.py` and `stancewatch fetch`
call `run.fetch_sources`.
"""
