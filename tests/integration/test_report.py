"""The HTML report renders in headless Chromium without network access (Debian's `chromium`, installed by
`make test`), with its charts and real content; the docs (dbt docs, Data Docs) are built and linked from Dagster."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from lxml import html as lxml_html

from tests.conftest import CONTRACT_MARTS, ROOT

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
OFFLINE_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
]


def without_network() -> list[str]:
    """`unshare --net` runs Chromium in a network namespace of its own (loopback only, down) when allowed (root)."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "--net", "true"], capture_output=True).returncode == 0:
        return [unshare, "--net"]
    return []


def chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: `make test` installs it (apt-get install -y chromium)")
    command = [*without_network(), CHROMIUM, *OFFLINE_FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def report(pipeline_run) -> Path:
    result, warehouse, _ = pipeline_run
    assert result.returncode == 0
    path = warehouse.parent / "docs" / "report.html"
    assert path.is_file(), "the run did not write the report"
    return path


def test_the_report_is_self_contained(report):
    page = report.read_text(encoding="utf-8")
    assert page.count("<svg") >= 3
    assert not re.search(r"<script|<link|<iframe|<img|@import|url\(", page, re.I)
    assert not re.search(r"""\b(src|href)\s*=\s*["']?(https?:)?//""", page, re.I), "the report loads something remote"


def test_the_report_renders_its_charts_in_headless_chromium_offline(report, pipeline_run, tmp_path):
    _, warehouse, _ = pipeline_run
    dumped = chromium(report, tmp_path / "profile-dom", "--dump-dom")
    assert dumped.returncode == 0, dumped.stderr[-3000:]
    dom = lxml_html.fromstring(dumped.stdout)

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        months = con.execute(
            "select count(distinct date_trunc('month', published_at)) from marts.fct_articles "
            "where published_at is not null"
        ).fetchone()[0]
        top = [
            r[0]
            for r in con.execute(
                "select name from marts.dim_actors where mention_count > 0 "
                "order by article_count desc, mention_count desc, name limit 5"
            ).fetchall()
        ]
    finally:
        con.close()

    coverage = dom.xpath("//svg[contains(@class, 'coverage')]")
    assert len(coverage) == 1
    bars = coverage[0].xpath(".//rect[@class='bar']")
    assert len(bars) == months and all(b.xpath("./title/text()") for b in bars)

    actors = dom.xpath("//svg[contains(@class, 'actors')]")
    assert len(actors) == 1
    labels = actors[0].xpath(".//text[@class='label']/text()")
    assert labels[:5] == top
    # the seed article's states are among the top actors
    ids = set(actors[0].xpath(".//g[@class='actor']/@data-actor-id"))
    assert {"USA", "ISR", "IRN"} <= ids

    disputed = " ".join(dom.xpath("//table[@class='disputed']//text()"))
    assert "Benny Gantz" in disputed and "intercepted" in disputed and "United States" in disputed

    timelines = dom.xpath("//svg[contains(@class, 'timeline')]")
    assert timelines, "no stance timeline"
    points = dom.xpath("//svg[contains(@class, 'timeline')]//circle[contains(@class, 'stance')]")
    assert points and all("“" in "".join(p.xpath("./title/text()")) for p in points)  # evidence on hover
    assert dom.xpath("//section[@class='dyad']//ul[@class='evidence']/li")  # and listed below

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    taken = chromium(report, tmp_path / "profile-shot", f"--screenshot={shot}", "--window-size=1100,2600")
    assert taken.returncode == 0, taken.stderr[-3000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 30_000
    print(f"report screenshot: {shot}")


def test_the_docs_asset_builds_dbt_docs_and_data_docs_and_links_them(pipeline_run_copy, monkeypatch):
    """What `make docs` materializes, as a real Dagster materialization against the demo warehouse."""
    from dagster import AssetKey, DagsterInstance, materialize
    from dagster_duckdb import DuckDBResource

    from pipelines.defs.resources import SettingsResource
    from pipelines.defs.serving import marts_docs
    from pipelines.settings import Settings

    _, warehouse, _ = pipeline_run_copy  # it writes the docs next to the warehouse
    monkeypatch.setenv("STANCEWATCH_WAREHOUSE", str(warehouse))
    for name in ("STANCEWATCH_SERVING_DB", "STANCEWATCH_PARQUET_DIR", "STANCEWATCH_DOCS_DIR"):
        monkeypatch.delenv(name, raising=False)  # next to the warehouse
    with DagsterInstance.ephemeral() as instance:
        result = materialize(
            [marts_docs],
            instance=instance,
            resources={
                "duckdb": DuckDBResource(database=str(warehouse)),
                "settings": SettingsResource.of(Settings.from_env()),
            },
        )
        assert result.success
        [event] = [e for e in result.get_asset_materialization_events() if e.asset_key == AssetKey(["serving", "docs"])]
    metadata = event.materialization.metadata

    docs = warehouse.parent / "docs"
    for key in ("index", "dbt_docs", "data_docs"):
        assert Path(metadata[key].value).is_file()
    assert metadata["data_docs_url"].value == (docs / "data_docs" / "index.html").as_uri()
    index = (docs / "index.html").read_text(encoding="utf-8")
    for link in ("report.html", "dbt/index.html", "data_docs/index.html"):
        assert f'href="{link}"' in index and (docs / link).is_file()
    assert "marts.fct_claims" in index and "FAILED" not in index

    # dbt docs: every column of every contract mart has a description
    manifest = json.loads((docs / "dbt" / "manifest.json").read_text(encoding="utf-8"))
    catalog = json.loads((docs / "dbt" / "catalog.json").read_text(encoding="utf-8"))
    missing = {}
    for mart in CONTRACT_MARTS:
        uid = f"model.stancewatch.{mart}"
        described = {name.lower() for name, col in manifest["nodes"][uid]["columns"].items() if col.get("description")}
        columns = {name.lower() for name in catalog["nodes"][uid]["columns"]}
        if columns - described:
            missing[mart] = sorted(columns - described)
    assert not missing, f"mart columns without a description in models/marts/<table>.yml: {missing}"
    assert "fct_stance_changes" in (docs / "dbt" / "index.html").read_text(encoding="utf-8")

    # Great Expectations Data Docs: one validation page per suite
    validations = list((docs / "data_docs" / "validations").rglob("*.html"))
    assert len(validations) == len(list((ROOT / "expectations").glob("*.json")))
    assert "fct_claims" in (docs / "data_docs" / "index.html").read_text(encoding="utf-8")


def test_the_run_links_the_report_from_dagster(pipeline_run):
    from dagster import AssetKey, DagsterInstance

    _, warehouse, tmp = pipeline_run
    with DagsterInstance.from_config(str(tmp / "dagster_home")) as instance:
        event = instance.get_latest_materialization_event(AssetKey(["serving", "report"]))
    metadata = event.asset_materialization.metadata
    assert Path(metadata["report"].value) == warehouse.parent / "docs" / "report.html"
    assert metadata["charts"].value >= 3 and metadata["timelines"].value >= 1
