"""`dagster dev -w workspace.yaml` serves every asset and check over GraphQL; stopped by its PID."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

QUERY = """{ assetNodes { assetKey { path }
  assetChecksOrError { ... on AssetChecks { checks { name } } } } }"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def graphql(port: int, query: str) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_dagster_dev_serves_all_assets_and_checks(tmp_path):
    from pipelines.definitions import defs

    port = free_port()
    env = dict(os.environ, DAGSTER_HOME=str(tmp_path), STANCEWATCH_WAREHOUSE=str(tmp_path / "w.duckdb"))
    dagster = Path(sys.executable).parent / "dagster"
    proc = subprocess.Popen([str(dagster), "dev", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline, data = time.time() + 180, None
        while time.time() < deadline:
            try:
                data = graphql(port, QUERY)["data"]
                if data["assetNodes"]:
                    break
            except Exception:
                pass
            time.sleep(2)
        assert data and data["assetNodes"], "dagster dev did not serve the asset graph in time"
        served = {"/".join(n["assetKey"]["path"]) for n in data["assetNodes"]}
        expected = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
        assert served >= expected
        names = {c["name"] for n in data["assetNodes"] for c in (n["assetChecksOrError"] or {}).get("checks", [])}
        expected_checks = {c.name for c in defs.resolve_asset_graph().asset_check_keys}
        assert names >= expected_checks
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    assert proc.returncode is not None
