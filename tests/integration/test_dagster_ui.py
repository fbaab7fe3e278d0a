"""`dagster dev -w workspace.yaml` serves every asset and check over GraphQL; stopped by its PID."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT, STANCEWATCH, cli_env

pytestmark = pytest.mark.slow

QUERY = """{ assetNodes { assetKey { path }
  assetChecksOrError { ... on AssetChecks { checks { name } } } } }"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def graphql(port: int, query: str) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def start_and_wait(command, env, port, query=QUERY):
    """Starts a UI server in its own session; returns (process, first answer with asset nodes)."""
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline, data = time.time() + 180, None
    while time.time() < deadline:
        try:
            data = graphql(port, query)["data"]
            if data["assetNodes"]:
                break
        except Exception:
            pass
        time.sleep(2)
    return proc, data


def stop(proc):
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


RUNS_AND_MARTS = """{
  runsOrError { ... on Runs { results { runId status tags { key value } } } }
  assetNodes { assetKey { path } groupName
    assetMaterializations(limit: 1) { runId metadataEntries { label __typename
      ... on IntMetadataEntry { intValue }
      ... on TableSchemaMetadataEntry { schema { columns { name type } } } } } } }"""


def test_the_ui_of_a_run_shows_its_warehouse_and_row_counts_and_columns_of_every_mart(pipeline_run, tmp_path):
    """`stancewatch ui --warehouse W` (what `make ui WAREHOUSE=W` runs) serves W's run history: the run is tagged
    with its warehouse and raw dir, and every mart's last materialization has a row count and column types."""
    result, warehouse, tmp = pipeline_run
    assert result.returncode == 0
    # the run history copied (dagster dev writes to it; the shared run is only read), the warehouse itself
    shutil.copytree(tmp / "dagster_home", tmp_path / "dagster_home")
    port = free_port()
    proc, data = start_and_wait(
        [STANCEWATCH, "ui", "--warehouse", str(warehouse), "--port", str(port)], cli_env(tmp_path), port, RUNS_AND_MARTS
    )
    try:
        assert data and data["assetNodes"], "the UI did not serve the asset graph in time"
        runs = data["runsOrError"]["results"]
        assert runs, "no run in the UI's history"
        for run in runs:
            tags = {t["key"]: t["value"] for t in run["tags"]}
            assert tags["stancewatch/warehouse"] == str(warehouse)
            assert tags["stancewatch/raw_dir"] == result.args[3]  # run --raw-dir RAW
        con = duckdb.connect(str(warehouse), read_only=True)
        marts = [n for n in data["assetNodes"] if n["assetKey"]["path"][0] == "marts"]
        assert len(marts) == 11
        for node in marts:
            table = node["assetKey"]["path"][1]
            assert node["assetMaterializations"], f"{table} was never materialized"
            entries = {e["label"]: e for e in node["assetMaterializations"][0]["metadataEntries"]}
            rows = con.sql(f"select count(*) from marts.{table}").fetchone()[0]
            assert entries["dagster/row_count"]["intValue"] == rows, table
            columns = {c["name"]: c["type"] for c in entries["dagster/column_schema"]["schema"]["columns"]}
            assert columns and all(columns.values()), table  # names and types, none blank
        con.close()
    finally:
        stop(proc)


def test_dagster_dev_serves_all_assets_and_checks(tmp_path):
    from pipelines.definitions import defs

    port = free_port()
    env = dict(os.environ, DAGSTER_HOME=str(tmp_path), STANCEWATCH_WAREHOUSE=str(tmp_path / "w.duckdb"))
    dagster = Path(sys.executable).parent / "dagster"
    proc, data = start_and_wait(
        [str(dagster), "dev", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)], env, port
    )
    try:
        assert data and data["assetNodes"], "dagster dev did not serve the asset graph in time"
        served = {"/".join(n["assetKey"]["path"]) for n in data["assetNodes"]}
        expected = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
        assert served >= expected
        names = {c["name"] for n in data["assetNodes"] for c in (n["assetChecksOrError"] or {}).get("checks", [])}
        expected_checks = {c.name for c in defs.resolve_asset_graph().asset_check_keys}
        assert names >= expected_checks
    finally:
        stop(proc)
    assert proc.returncode is not None
