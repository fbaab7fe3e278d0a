"""The code location loads, the asset graph is the one we expect, and the dbt project parses without warnings."""

import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.settings import DBT_PROJECT_DIR

EXPECTED_ASSETS = {
    "landing/documents",
    "landing/articles",
    "landing/rejects",
    "landing/mentions",
    "landing/claims",
    "landing/stance_observations",
    "landing/extractions",
    "seeds/actors",
    "seeds/topics",
    "marts/fct_articles",
    "marts/dim_actors",
    "marts/fct_actor_mentions",
    "marts/fct_claims",
    "marts/fct_stances",
    "marts/fct_stance_periods",
    "marts/fct_stance_changes",
    "marts/unresolved_actors",
    "marts/rejects",
    "serving/marts_publication",
    "serving/report",
    "serving/docs",
    "web/fetched_pages",
    "landing/fetch_log",
    "landing/duplicate_pairs",
    "marts/claim_clusters",
    "marts/stance_clusters",
}


def test_asset_graph_snapshot():
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert EXPECTED_ASSETS <= keys
    staging = {k for k in keys if k.startswith(("staging/", "intermediate/"))}
    assert "staging/stg_landing__articles" in staging and "intermediate/int_stances_aggregated_to_votes" in staging
    assert keys - EXPECTED_ASSETS - staging == set(), "unexpected assets"
    # the extraction's own lists sit in dbt_project/seeds/ but no model reads them: dbt does not load them
    assert not {"seeds/claim_cues", "seeds/stance_lexicon"} & keys
    checks = {f"{c.asset_key.to_user_string()}:{c.name}" for c in graph.asset_check_keys}
    assert "marts/fct_claims:fct_claims_have_unique_ids_known_attribution_text_cue_and_ordered_offsets" in checks
    assert "landing/articles:articles_have_unique_ids_and_urls_and_english_text" in checks
    # lineage: the staging view of articles reads the Python landing asset
    parents = {p.to_user_string() for p in graph.get(graph_key("staging/stg_landing__articles")).parent_keys}
    assert parents == {"landing/articles"}
    assert {j.name for j in defs.jobs} == {"stancewatch_run", "stancewatch_fetch"}
    assert [s.name for s in defs.schedules] == ["daily_stancewatch_run", "hourly_fetch"]
    assert [s.name for s in defs.sensors] == ["new_raw_files_sensor", "sources_file_sensor"]
    # fetching is its own job: `stancewatch run` never touches the network, and dedup feeds the clusters
    run_keys = {k.to_user_string() for k in defs.resolve_job_def("stancewatch_run").asset_layer.selected_asset_keys}
    assert "web/fetched_pages" not in run_keys and {"landing/fetch_log", "landing/duplicate_pairs"} <= run_keys
    fetch_keys = {k.to_user_string() for k in defs.resolve_job_def("stancewatch_fetch").asset_layer.selected_asset_keys}
    assert fetch_keys == {"web/fetched_pages"}
    parents = {p.to_user_string() for p in graph.get(graph_key("intermediate/int_articles_clustered")).parent_keys}
    assert parents == {"staging/stg_landing__articles", "staging/stg_landing__duplicate_pairs"}


def graph_key(path):
    from dagster import AssetKey

    return AssetKey(path.split("/"))


@pytest.fixture(scope="module")
def dbt_parse(tmp_path_factory):
    """`dbt --warn-error parse` into a temporary target: (completed process, manifest or None)."""
    import json

    target = tmp_path_factory.mktemp("dbt") / "target"
    dbt = Path(sys.executable).parent / "dbt"
    result = subprocess.run(
        [str(dbt), "--warn-error", "parse", "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path", str(target)],
        cwd=DBT_PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    manifest = json.loads((target / "manifest.json").read_text()) if result.returncode == 0 else None
    return result, manifest


def test_dbt_parses_with_warnings_as_errors(dbt_parse):
    result, manifest = dbt_parse
    assert result.returncode == 0, result.stdout[-3000:]
    # dbt docs open on our overview page (what stancewatch is, where to start), not dbt's "Welcome!"
    overview = manifest["docs"]["doc.stancewatch.__overview__"]["block_contents"]
    assert "stancewatch turns news articles" in overview and "## Where to start" in overview


def test_every_model_and_seed_has_its_yaml_beside_it(dbt_parse):
    """dbt_project/models/marts/fct_claims.sql is described (model, columns, tests) in fct_claims.yml next to it,
    seeds/actors.csv in seeds/actors.yml, and a unit test sits in the YAML of the model it tests."""
    _, manifest = dbt_parse
    assert manifest is not None
    nodes = {k: n for k, n in manifest["nodes"].items() if n["resource_type"] in ("model", "seed")}
    assert len(nodes) > 20
    misplaced, undescribed = [], []
    for node in nodes.values():
        beside = str(Path(node["original_file_path"]).with_suffix(".yml"))
        if (node["patch_path"] or "").split("://")[-1] != beside:
            misplaced.append(f"{node['name']}: {node['patch_path']}")
        blank = [c for c, col in node["columns"].items() if not (col.get("description") or "").strip()]
        if not node["description"].strip() or not node["columns"] or blank:
            undescribed.append(f"{node['name']} {blank}")
    assert misplaced == [] and undescribed == []
    for test in manifest["unit_tests"].values():
        model = nodes[f"model.stancewatch.{test['model']}"]
        assert test["original_file_path"] == str(Path(model["original_file_path"]).with_suffix(".yml")), test["name"]


def test_the_sensor_fingerprint_changes_when_a_file_arrives(tmp_path):
    from pipelines.defs.automation import raw_dir_fingerprint

    (tmp_path / "a.txt").write_text("x")
    before = raw_dir_fingerprint(tmp_path)
    assert raw_dir_fingerprint(tmp_path) == before
    (tmp_path / "b.jsonl").write_text("{}")
    assert raw_dir_fingerprint(tmp_path) != before


def test_every_step_that_opens_the_warehouse_is_tagged_as_its_writer():
    """The multiprocess executor runs tagged steps one at a time (DuckDB takes one writing process per file); the
    extraction's partition steps open no warehouse, so they alone run in parallel."""
    from pipelines.definitions import defs
    from pipelines.defs.shared import WAREHOUSE_WRITER

    job = defs.resolve_job_def("stancewatch_run")
    ops = list(job.graph.iterate_op_defs())
    assert {"plan_extraction", "extract_partition", "load_extractions", "dbt_models"} <= {op.name for op in ops}
    for op in ops:
        opens_warehouse = bool({"duckdb", "dbt"} & set(op.required_resource_keys))
        tagged = all(op.tags.get(key) == value for key, value in WAREHOUSE_WRITER.items())
        assert opens_warehouse == tagged, op.name


def test_the_executor_setting_picks_the_run_executor(monkeypatch):
    import pytest

    from pipelines.defs.automation import run_executor
    from pipelines.settings import Settings

    monkeypatch.setenv("STANCEWATCH_EXECUTOR", "multiprocess")
    monkeypatch.setenv("STANCEWATCH_EXTRACT_PARTITIONS", "4")
    settings = Settings.from_env()
    assert run_executor(settings).name == "multiprocess" and settings.extract_partitions == 4
    assert settings.environ()["STANCEWATCH_EXECUTOR"] == "multiprocess"
    monkeypatch.setenv("STANCEWATCH_EXECUTOR", "")
    assert run_executor(Settings.from_env()).name == "in_process"
    monkeypatch.setenv("STANCEWATCH_EXECUTOR", "threads")
    with pytest.raises(ValueError, match="STANCEWATCH_EXECUTOR must be one of in_process, multiprocess, got 'threads'"):
        Settings.from_env()
    monkeypatch.setenv("STANCEWATCH_EXECUTOR", "in_process")
    monkeypatch.setenv("STANCEWATCH_EXTRACT_PARTITIONS", "0")
    with pytest.raises(ValueError, match="STANCEWATCH_EXTRACT_PARTITIONS must be at least 1"):
        Settings.from_env()


@pytest.mark.slow
def test_every_mart_column_is_documented_in_the_dbt_yaml(pipeline_run, dbt_parse):
    """Every column of every table in the warehouse's `marts` schema has a description in the parsed manifest, and
    so has every column of the seeds and the staging and intermediate views."""
    import duckdb

    result, warehouse, _ = pipeline_run
    assert result.returncode == 0
    _, manifest = dbt_parse
    assert manifest is not None, "dbt parse failed (test_dbt_parses_with_warnings_as_errors says why)"
    documented = {
        f"{n['schema']}.{n['name']}": {c for c, col in n["columns"].items() if (col.get("description") or "").strip()}
        for n in manifest["nodes"].values()
        if n["resource_type"] in ("model", "seed")
    }
    con = duckdb.connect(str(warehouse), read_only=True)
    columns = {}
    for schema, table, column in con.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        "where table_schema in ('marts', 'intermediate', 'staging', 'seeds')"
    ).fetchall():
        columns.setdefault(f"{schema}.{table}", set()).add(column)
    con.close()
    marts = {t for t in columns if t.startswith("marts.")}
    assert len(marts) == 11 and set(columns) == set(documented)
    undocumented = {t: sorted(cols - documented[t]) for t, cols in columns.items() if cols - documented[t]}
    assert undocumented == {}, f"document these in the <model>.yml beside each model or seed: {undocumented}"


def test_quality_checks_are_named_for_what_they_assert():
    from pipelines.definitions import defs

    names = {c.name for c in defs.resolve_asset_graph().asset_check_keys}
    assert not [n for n in names if "quality_suite" in n]


def test_the_dbt_resource_skips_the_version_subprocess_and_the_in_process_adapter():
    """DbtCli overrides two private members of the pinned dagster-dbt: if an upgrade renames them, the overrides
    would quietly stop applying (each run ~3 s slower), so this checks they still override something."""
    from importlib.metadata import version

    from dagster_dbt import DbtCliResource
    from packaging.version import Version

    from pipelines.defs.resources import DbtCli
    from pipelines.lib.dbt_manifest import dbt_executable

    for name in ("_cli_version", "_initialize_dbt_core_adapter"):
        assert name in vars(DbtCliResource) and name in vars(DbtCli), name
    dbt = DbtCli(project_dir=str(DBT_PROJECT_DIR), dbt_executable=dbt_executable())
    assert dbt._cli_version == Version(version("dbt-core")) and dbt._cli_version.major == 1
    assert dbt._initialize_dbt_core_adapter(["build"]) is None
