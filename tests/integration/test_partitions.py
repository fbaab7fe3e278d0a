"""The extraction as parallel Dagster steps: STANCEWATCH_EXECUTOR=multiprocess with two partitions gives the marts
of the default in-process run, with the partition steps running at the same time in their own processes."""

import subprocess

import pytest
from dagster import DagsterEventType, DagsterInstance, RunsFilter

from tests.conftest import STANCEWATCH, cli_env
from tests.integration.test_reliability import _checksums

pytestmark = pytest.mark.slow


def test_two_partition_steps_run_in_parallel_processes_and_land_the_marts_of_an_in_process_run(
    tmp_path, small_raw_dir, request
):
    raw, _ = small_raw_dir
    warehouse = tmp_path / "w.duckdb"
    env = cli_env(tmp_path) | {
        "STANCEWATCH_EXECUTOR": "multiprocess",
        "STANCEWATCH_EXTRACT_PARTITIONS": "2",
        "STANCEWATCH_BATCH_SIZE": "16",  # several shards per partition, without thousands of tiny writes
    }
    run = subprocess.run(
        [STANCEWATCH, "run", "--raw-dir", str(raw), "--warehouse", str(warehouse)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        cwd=tmp_path,
    )

    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "2 partition(s) x 1 worker process(es)" in run.stdout + run.stderr
    # the shared in-process run, asked for only now: the other worker can build it while this run goes on
    _, in_process_warehouse, _ = request.getfixturevalue("pipeline_run")
    assert _checksums(warehouse) == _checksums(in_process_warehouse)
    assert sorted(p.name for p in warehouse.with_name("w.duckdb.shards").iterdir()) == []

    with DagsterInstance.from_config(env["DAGSTER_HOME"]) as instance:
        run_id = instance.get_runs(RunsFilter(job_name="stancewatch_run"), limit=1)[0].run_id
        spans = {
            s.step_key: (s.start_time, s.end_time)
            for s in instance.get_run_step_stats(run_id)
            if s.step_key.startswith("extractions.extract_partition")
        }
        pids = {
            e.step_key: e.dagster_event.pid
            for e in instance.all_logs(run_id, of_type=DagsterEventType.STEP_START)
            if e.step_key in spans
        }
    assert sorted(spans) == ["extractions.extract_partition[partition_0]", "extractions.extract_partition[partition_1]"]
    (start0, end0), (start1, end1) = spans.values()
    assert start0 < end1 and start1 < end0, spans  # the two partitions overlapped in time
    assert len(set(pids.values())) == 2  # each in its own step process
