"""dagster-dbt writes one target directory per invocation; old ones are pruned so hourly runs do not fill the disk."""

import os

from pipelines.defs.transform.dbt import prune_invocation_targets


def test_only_the_newest_invocation_targets_are_kept(tmp_path):
    for i in range(8):
        d = tmp_path / f"dbt_models-run{i}-abc"
        d.mkdir()
        (d / "run_results.json").write_text("{}")
        os.utime(d, (1_000_000 + i, 1_000_000 + i))
    (tmp_path / "manifest.json").write_text("{}")  # the project's own artefacts stay
    prune_invocation_targets(tmp_path, keep=5)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [
        "dbt_models-run3-abc",
        "dbt_models-run4-abc",
        "dbt_models-run5-abc",
        "dbt_models-run6-abc",
        "dbt_models-run7-abc",
        "manifest.json",
    ]
