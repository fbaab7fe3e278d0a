"""The benchmark notices other busy processes: a leftover run beside it slows the steps it overlaps."""

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_busy_process_beside_the_benchmark_is_listed_and_recorded(capsys):
    bench = load_bench()
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        busy = {p["pid"]: p for p in bench.busy_processes(window_s=1.0)}
        assert spinner.pid in busy
        assert busy[spinner.pid]["cpu_share"] >= 0.2
        results: dict = {}
        bench.warn_if_busy("the whole run", results)
        assert spinner.pid in {p["pid"] for p in results["busy_at_start"]["the whole run"]}
        assert f"pid {spinner.pid}" in capsys.readouterr().out
    finally:
        spinner.kill()
        spinner.wait()
    assert spinner.pid not in {p["pid"] for p in bench.busy_processes(window_s=0.5)}


def test_the_whole_run_is_compared_with_the_mean_of_the_parse_floors_that_bracket_it():
    bench = load_bench()
    results = {
        "parse_floor": {"wall_s": 400.0},
        "full_run": {"wall_s": 660.0},
        "parse_floor_after": {"wall_s": 480.0},
    }
    ratios = bench.run_vs_floors(results)
    assert ratios["full_run_vs_parse_floor"] == 1.5  # 660 / 440
    assert ratios["full_run_vs_each_parse_floor"] == [1.65, 1.375]
    assert bench.each_floor(ratios) == " (their mean; 1.65 x / 1.38 x the one before / after)"
    assert bench.each_floor({"full_run_vs_parse_floor": 1.5}) == ""  # results of a bench with one floor
