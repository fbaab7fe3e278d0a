"""Web ingestion: discover article URLs from feeds, sitemaps and URL lists, fetch them politely, land them.

    sources.py   the sources file (sources.yaml): sources and their politeness settings
    urls.py      URL normalisation, canonical URLs, address checks
    fetcher.py   the polite HTTP fetcher (robots.txt, per-host rate and concurrency, retries, caps)
    feeds.py     RSS/Atom feeds (feedparser)
    sitemaps.py  XML sitemaps, sitemap indexes and news sitemaps
    landing.py   what lands in the raw dir: one content-addressed WARC file per page, the fetch log (JSONL)
    run.py       sources -> discovered URLs -> fetched pages -> raw dir, with a report

No Dagster here: `pipelines/defs/web.py` and `stancewatch fetch` call `run.fetch_sources`.
"""
