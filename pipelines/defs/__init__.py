"""Dagster definitions, one package per domain (thin wrappers around pipelines.lib, which has no Dagster):

    landing/     raw dir -> landing.documents -> landing.articles / rejects; fetch logs; duplicate pairs
    extraction/  landing.articles -> mentions, claims, stance observations (spaCy), in partition steps
    transform/   the dbt project: staging, intermediate and mart models, dbt tests (one cached DbtProject)
    quality/     Great Expectations suites as asset checks
    serving/     the publication of the marts for readers, the HTML report, the docs
    web/         fetching the sources of sources.yaml into the raw dir (its own job)
    automation.py  the run job, the daily schedule, the raw-dir sensor
    resources.py   the resources, built once from the settings
    shared.py      the warehouse-writer tag, metadata previews, the raw-dir run config

pipelines/definitions.py assembles them."""
