#!/usr/bin/env python3
"""Benchmark the runner, as ratios measured in one run (these machines are noisy; no timed test).

0. The execution cache: a first `make run` (every scenario) into an empty cache, the identical rerun
   (target <= 0.2 of the first) and a run of every notebook with one notebook's parameter changed
   (target: that notebook alone runs), as ratios to the first. Then the cache's size on disk.
1. The whole collection (every notebook, both HTML pages each, the index) with the runner, against a
   naive loop of `papermill` and `jupyter nbconvert` command lines doing the same work. Target <= 0.5.
2. One notebook rerun with a new parameter through the runner, against executing an empty notebook with
   papermill plus the notebook's own cell time (the sum of its cells' durations). Target <= 1.5.
3. The operational model's 20,000 simulated draws (vectorised). Target: well under a second.
5. Grids and the explorer (--only-explorer runs these alone): one grid point through the entry point against
   executing the notebook with the same parameters (target: at least 20x faster); the default explorer grid
   into an empty cache (what it adds to a first `make run`; target <= 60 s on 2 cores) and its identical rerun
   (target: nothing); a 200-point grid on a local Dask cluster with 2 workers against 1 (target >= 1.6x); in
   Debian's chromium from file://, the first chart (target <= 1 s), a control change (target <= 50 ms at the
   95th percentile) and the page's size with its scripts and data (target <= 1.5 MB).
6. Optionally (--with-tests) `make test` on the warm environment, against one full render of the
   collection measured just before and just after it (their mean). Target: at most 5 times the render.

Each measurement alternates the compared commands and takes the median of --rounds rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RUNNER = [sys.executable, str(REPO / "scripts" / "run_notebooks.py")]
sys.path.insert(0, str(REPO / "src"))
from prequel.pipeline.cache import Cache  # noqa: E402
from prequel.pipeline.sources import discover  # noqa: E402


def all_notebooks() -> list[Path]:
    return [n.baseline for n in discover(warn=False)]


def timed(commands: list[list[str]], cwd: Path = REPO) -> float:
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def naive_commands(out: Path) -> list[list[str]]:
    commands = []
    for nb in all_notebooks():
        executed = out / nb.name
        commands += [
            [str(BIN / "papermill"), str(nb), str(executed), "--no-progress-bar", "--cwd", str(nb.parent)],
            [
                str(BIN / "jupyter"),
                "nbconvert",
                "--to",
                "html",
                "--no-input",
                str(executed),
                "--output",
                f"{nb.stem}.html",
            ],
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed), "--output", f"{nb.stem}.code.html"],
        ]
    return commands


def cell_seconds(notebook: Path, tmp: Path, parameters: dict) -> float:
    """The notebook's own execution time: the sum of its cells' durations as papermill records them."""
    out = tmp / "timed.ipynb"
    papermill.execute_notebook(
        str(notebook),
        str(out),
        parameters=parameters,
        cwd=str(notebook.parent),
        progress_bar=False,
        kernel_name="python3",
    )
    nb = nbformat.read(out, as_version=4)
    return sum(c.metadata.get("papermill", {}).get("duration") or 0 for c in nb.cells)


def median_pair(rounds: int, first, second) -> tuple[float, float, list, list]:
    a, b = [], []
    for i in range(rounds):
        a.append(first(i))
        b.append(second(i))
    return statistics.median(a), statistics.median(b), a, b


def ran_and_reused(out: Path) -> dict[str, list[str]]:
    """Which notebooks of a run (every summary.json under ``out``) ran and which were reused."""
    found: dict[str, list[str]] = {"ran": [], "reused": []}
    for summary in sorted(out.rglob("summary.json")):
        for stem, entry in json.loads(summary.read_text())["notebooks"].items():
            found[entry["cache"]["status"]].append(f"{summary.parent.name}/{stem}")
    return found


def bench_cache(report: dict) -> None:
    """The first `make run`, its identical rerun and a one-parameter rerun, with one fresh cache."""
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cache = ["--cache-dir", str(tmp / "cache")]
        first = timed([RUNNER + ["--scenario", "all", "--out", str(tmp / "first"), *cache]])
        again = timed([RUNNER + ["--scenario", "all", "--out", str(tmp / "again"), *cache]])
        one = timed([RUNNER + ["-p", "p_thesis=0.55", "--out", str(tmp / "one"), *cache]])
        size = Cache(tmp / "cache").size()
        counts = {name: ran_and_reused(tmp / name) for name in ("first", "again", "one")}
    report.update(
        cache_first_s=first,
        cache_rerun_ratio=again / first,
        cache_one_parameter_ratio=one / first,
        cache_size_mb=size / 2**20,
        cache_one_parameter_ran=counts["one"]["ran"],
    )
    print(
        f"0. execution cache: first `make run` (every scenario, empty cache) {first:.1f} s "
        f"({len(counts['first']['ran'])} ran); identical rerun ratio {again / first:.3f} (target <= 0.2; "
        f"{len(counts['again']['reused'])} reused, {len(counts['again']['ran'])} ran); every notebook with "
        f"p_thesis=0.55: ratio {one / first:.3f}, ran {counts['one']['ran']} (target: 02 alone), "
        f"reused {len(counts['one']['reused'])}; cache on disk {size / 2**20:.1f} MB"
    )


def children_cpu() -> float:
    """CPU seconds (user + system) used so far by this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_render() -> tuple[float, float]:
    """One full render of the collection into a temporary folder, without the cache: (wall, CPU) seconds."""
    cpu = children_cpu()
    with tempfile.TemporaryDirectory() as tmp_name:
        wall = timed([RUNNER + ["--out", str(Path(tmp_name) / "one"), "--no-cache"]])
    return wall, children_cpu() - cpu


def bench_tests(report: dict) -> None:
    """6. `make test` on the warm environment against one full render of the collection, measured just before
    and just after it (the mean of the two, as the machine's speed drifts over minutes): wall time (the
    target) and CPU time (steadier on a shared machine)."""
    before = timed_render()
    cpu = children_cpu()
    start = time.perf_counter()
    tests = subprocess.run(["make", "test"], cwd=REPO, capture_output=True, text=True)
    report["make_test_s"] = time.perf_counter() - start
    report["make_test_cpu_s"] = children_cpu() - cpu
    after = timed_render()
    report["make_test_passed"] = tests.returncode == 0
    summary = [line for line in tests.stdout.splitlines() if " passed" in line or " failed" in line]
    report["make_test_summary"] = summary[-1].strip("= ") if summary else tests.stderr[-300:]
    if tests.returncode != 0:
        print(tests.stdout[-5000:], file=sys.stderr)
    render, render_cpu = statistics.mean([before[0], after[0]]), statistics.mean([before[1], after[1]])
    report["one_render_s"], report["one_render_cpu_s"] = render, render_cpu
    report["one_render_before_after_s"] = [round(before[0], 1), round(after[0], 1)]
    report["make_test_ratio"] = report["make_test_s"] / render
    report["make_test_cpu_ratio"] = report["make_test_cpu_s"] / render_cpu
    print(
        f"6. make test on the warm environment: {report['make_test_s']:.1f} s, one full render of the "
        f"collection {render:.1f} s (mean of {before[0]:.1f} s before and {after[0]:.1f} s after) -> ratio "
        f"{report['make_test_ratio']:.1f} (target <= 5); CPU time {report['make_test_cpu_s']:.0f} s against "
        f"{render_cpu:.0f} s -> {report['make_test_cpu_ratio']:.1f}; {report['make_test_summary']}"
    )


def bench_explorer(report: dict, rounds: int) -> None:
    """5. Grids and the explorer (see the module's docstring)."""
    from prequel.data import load_dataset

    data = load_dataset(None)
    bench_grid_point(report, rounds, data)
    with tempfile.TemporaryDirectory() as tmp_name:
        page = bench_explorer_grid(report, data, Path(tmp_name))
        browser_figures(page, report)
    bench_dask(report, data)


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes) and its cores: the conditions of a measurement."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}/{fifteen:.1f} on {os.cpu_count()} cores"


def family_cpu() -> float:
    """CPU seconds (user + system) of this process and its live descendants (a grid's worker processes)."""
    import psutil

    total = 0.0
    for process in [psutil.Process(), *psutil.Process().children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def bench_grid_point(report: dict, rounds: int, data) -> None:
    """5a. One grid point through the entry point against the runner executing the notebook with the same
    parameters, for every notebook (as_of=2027-01-31 where the notebook takes it; its defaults otherwise)."""
    from prequel.pipeline import grid

    ratios = {}
    before = load()
    for notebook in discover(warn=False):
        dated = "as_of" in notebook.declared
        one = grid.expand(notebook, {"as_of": "2027-01-31"} if dated else {"scenario": "base"}, data)
        task = grid.Task(0, notebook.stem, one.entry_point, one.points[0].parameters, str(one.data_dir), "bench")
        grid.compute(task)  # warm: modules imported, data validated
        point = statistics.median(grid.compute(task)["seconds"] for _ in range(max(3, rounds)))
        options = ["-p", "as_of=2027-01-31"] if dated else []
        with tempfile.TemporaryDirectory() as tmp_name:
            runs = [
                timed([RUNNER + [notebook.stem[:2], *options, "--no-cache", "--out", f"{tmp_name}/nb{i}"]])
                for i in range(rounds)
            ]
        ratios[notebook.stem[:2]] = (point, statistics.median(runs))
    weakest = min(ratios, key=lambda n: ratios[n][1] / ratios[n][0])
    report.update(grid_point_s=ratios["03"][0], notebook_run_s=ratios["03"][1])
    report["grid_point_speedup"] = ratios["03"][1] / ratios["03"][0]
    report["grid_point_speedups"] = {n: round(run / point, 1) for n, (point, run) in ratios.items()}
    print("5a. one grid point through the entry point against the runner executing the notebook, same parameters:")
    for n, (point, run) in ratios.items():
        print(f"    {n}: {point:.2f} s against {run:.1f} s -> {run / point:.0f}x (target >= 20x)")
    print(
        f"    03 (as_of=2027-01-31): {report['grid_point_speedup']:.0f}x; weakest {weakest}: "
        f"{report['grid_point_speedups'][weakest]:.0f}x; {before} before, {load()} after"
    )


def bench_explorer_grid(report: dict, data, root: Path) -> Path:
    """5b. The default explorer grid into an empty cache (what it adds to a first `make run`), then again;
    one set of local worker processes for every notebook's grid, as `make run` does."""
    from prequel.pipeline import explore, grid

    notebooks = discover(warn=False)
    workers = os.cpu_count() or 1
    os.environ.setdefault("XDG_CONFIG_HOME", str(root / "config"))
    cache = Cache(root / "cache")
    before = load()
    start = time.perf_counter()
    with grid.local_executor(workers) as executor:
        cpu = family_cpu()
        explore.build(root, data, cache, executor, workers, notebooks)
        cpu = family_cpu() - cpu  # before the workers stop: theirs counted
    first = time.perf_counter() - start
    after = load()
    start = time.perf_counter()
    with grid.local_executor(workers) as executor:
        unchanged = explore.build(root, data, cache, executor, workers, notebooks) is None
    again = time.perf_counter() - start
    page = root / explore.EXPLORE_PAGE
    states = sum(len(p["states"]) for p in explore_panels(page))
    report.update(explorer_first_s=first, explorer_rerun_s=again, explorer_rerun_unchanged=unchanged)
    report.update(explorer_states=states, explorer_cache_mb=cache.size() / 2**20, explorer_load=[before, after])
    report["explorer_first_cpu_s"] = cpu
    print(
        f"5b. the default explorer grid ({states} states) into an empty cache on {workers} cores: {first:.0f} s "
        f"(target <= 60 s; {before} before, {after} after); its CPU time {cpu:.0f} s (this process and its "
        f"workers: about {cpu / workers:.0f} s of wall time on {workers} idle cores); identical rerun "
        f"{again:.1f} s, page unchanged: {unchanged}; points in the cache {report['explorer_cache_mb']:.1f} MB"
    )
    return page


def bench_dask(report: dict, data) -> None:
    """5c. A 200-point grid on a local Dask cluster with 2 workers against 1: one task per point, worker
    processes of one thread each (no shared GIL). The timed span starts once the cluster and its workers are
    up and warm (modules imported, data loaded: one small batch first) and ends when the last point is back;
    the cluster's start-up is timed apart."""
    from prequel.pipeline import grid

    winners = next(n for n in discover(warn=False) if n.stem.startswith("02"))
    dimensions = {"n_weight_draws": "2000", "p_thesis": {"from": "0.005", "to": "1", "step": "0.005"}}
    big = grid.expand(winners, dimensions, data)
    warm = grid.expand(winners, {"n_weight_draws": "100", "p_thesis": ["0.1", "0.2", "0.3", "0.4"]}, data)
    seconds, started, loads = {}, {}, {}
    for n in (1, 2):
        loads[n] = [load()]
        start = time.perf_counter()
        with grid.dask_executor("dask", n) as executor:
            executor.start()
            grid.run_grid(warm, executor, None, n, None, say=lambda line: None)
            started[n] = time.perf_counter() - start
            start = time.perf_counter()
            grid.run_grid(big, executor, None, n, None, say=lambda line: None)
            seconds[n] = time.perf_counter() - start
        loads[n].append(load())
    report.update(dask_200_1_worker_s=seconds[1], dask_200_2_workers_s=seconds[2])
    report["dask_200_speedup"] = seconds[1] / seconds[2]
    report["dask_start_s"] = [started[1], started[2]]
    report["dask_load"] = loads
    print(
        f"5c. a {len(big.points)}-point grid (02) on a local Dask cluster, started and warm: 1 worker "
        f"{seconds[1]:.1f} s ({loads[1][0]} before, {loads[1][1]} after), 2 workers {seconds[2]:.1f} s "
        f"({loads[2][0]} before, {loads[2][1]} after) -> {report['dask_200_speedup']:.2f}x (target >= 1.6x); "
        f"with the cluster's start-up and warm-up: {seconds[1] + started[1]:.1f} s against "
        f"{seconds[2] + started[2]:.1f} s -> {(seconds[1] + started[1]) / (seconds[2] + started[2]):.2f}x"
    )


def explore_data(page: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    start = text.index('id="explorer-data">') + len('id="explorer-data">')
    return json.loads(text[start : text.index("</script>", start)])


def explore_panels(page: Path) -> list[dict]:
    return explore_data(page)["notebooks"]


#: Control changes timed in the browser, after WARM_UP changes of each control that are not counted: the slider
#: swept by keyboard over every month and back, twice; the scenario picker through every scenario, ten times.
WARM_UP = 5
SWEEPS = 2
PICKS = 10


def percentile_95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def browser_figures(page: Path, report: dict) -> None:
    """The explorer in Debian's chromium from file://: first chart, control changes, size (5d).

    A change is timed in the page from its input event to the end of the frame that shows it (window.explorerTimings;
    its stages are the Performance API measures explorer-text, explorer-charts and explorer-frame). Changes are made
    one at a time, each after the previous one is drawn and a pause like a key's auto-repeat."""
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    report["explorer_page_mb"] = page.stat().st_size / 2**20
    if not chromium:
        print("5d. no chromium: browser figures skipped")
        return
    scenarios = [s["name"] for s in explore_data(page)["scenarios"]]
    months = len(explore_data(page)["dates"])
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.goto(page.as_uri())
        tab.wait_for_selector("body[data-ready=yes]")
        first_chart = tab.evaluate("window.explorerFirstChart")

        def timed_changes(changes: list) -> tuple[list[float], dict[str, list[float]]]:
            tab.evaluate("window.explorerTimings = []; performance.clearMeasures()")
            for change in changes:
                done = tab.evaluate("window.explorerTimings.length")
                change()
                tab.wait_for_function(f"window.explorerTimings.length > {done}")
                tab.wait_for_timeout(35)
            stages = {
                name: tab.evaluate(f"performance.getEntriesByName('explorer-{name}').map(m => m.duration)")[WARM_UP:]
                for name in ("text", "charts", "frame")
            }
            return tab.evaluate("window.explorerTimings")[WARM_UP:], stages

        tab.focus("#as-of")
        keys = ["Home"] + (["ArrowRight"] * (months - 1) + ["ArrowLeft"] * (months - 1)) * SWEEPS
        slider, slider_stages = timed_changes([lambda key=key: tab.keyboard.press(key) for key in keys])
        picks = [scenarios[(i + 1) % len(scenarios)] for i in range(WARM_UP + PICKS * len(scenarios))]
        picks_made = [lambda name=name: tab.select_option("#scenario", name) for name in picks]
        picker, picker_stages = timed_changes(picks_made)
        browser.close()
    both = slider + picker
    report.update(
        explorer_first_chart_ms=first_chart,
        explorer_change_p95_ms=percentile_95(both),
        explorer_change_median_ms=statistics.median(both),
        explorer_slider_p95_ms=percentile_95(slider),
        explorer_picker_p95_ms=percentile_95(picker),
        explorer_changes=len(both),
    )
    stages = ", ".join(
        f"{name} {percentile_95(slider_stages[name] + picker_stages[name]):.1f}" for name in ("text", "charts", "frame")
    )
    print(
        f"5d. in chromium from file://: first chart at {first_chart:.0f} ms (target <= 1,000); {len(both)} control "
        f"changes timed from the input event to the frame that shows them ({len(slider)} of the slider, "
        f"{len(picker)} of the scenario picker, the first {WARM_UP} of each not counted): 95th percentile "
        f"{report['explorer_change_p95_ms']:.1f} ms (target <= 50; slider {report['explorer_slider_p95_ms']:.1f}, "
        f"picker {report['explorer_picker_p95_ms']:.1f}; median {report['explorer_change_median_ms']:.1f}; "
        f"stages at their 95th percentile: {stages}); page with scripts and data {report['explorer_page_mb']:.2f} MB "
        "(target <= 1.5)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--with-tests", action="store_true", help="also time `make test` against one full render (several minutes)"
    )
    parser.add_argument("--only-cache", action="store_true", help="measure the execution cache (0.) only")
    parser.add_argument("--only-tests", action="store_true", help="time `make test` against one full render (6.) only")
    parser.add_argument("--only-explorer", action="store_true", help="grids and the explorer (5.) only")
    args = parser.parse_args()
    notebooks = all_notebooks()
    report = {"notebooks": len(notebooks), "rounds": args.rounds}
    if args.only_tests:
        bench_tests(report)
        print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in report.items()}))
        return
    os.environ.pop("PREQUEL_NO_CACHE", None)
    if args.only_explorer:
        bench_explorer(report, args.rounds)
        print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in report.items()}))
        return
    bench_cache(report)
    if args.only_cache:
        print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in report.items()}))
        return
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)

        def naive(i):
            (tmp / f"naive{i}").mkdir()
            return timed(naive_commands(tmp / f"naive{i}"))

        runner, loop, r_all, n_all = median_pair(
            args.rounds, lambda i: timed([RUNNER + ["--out", str(tmp / f"runner{i}"), "--no-cache"]]), naive
        )
        report.update(collection_runner_s=runner, collection_naive_s=loop, collection_ratio=runner / loop)
        print(
            f"1. whole collection ({len(notebooks)} notebooks, HTML, index): runner {runner:.2f} s, naive loop "
            f"{loop:.2f} s -> ratio {runner / loop:.2f} (target <= 0.50); rounds: runner {r_all}, naive {n_all}"
        )

        target = REPO / "notebooks" / "02_winners_losers.ipynb"
        empty = tmp / "empty.ipynb"
        nbformat.write(
            nbformat.v4.new_notebook(
                cells=[nbformat.v4.new_code_cell("")],
                metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}},
            ),
            empty,
        )
        own = cell_seconds(target, tmp, {"p_thesis": 0.55})
        rerun, empty_s, r_one, e_one = median_pair(
            args.rounds,
            lambda i: timed([RUNNER + ["02", "-p", "p_thesis=0.55", "--out", str(tmp / f"one{i}"), "--no-cache"]]),
            lambda i: timed([[str(BIN / "papermill"), str(empty), str(tmp / f"empty{i}.ipynb"), "--no-progress-bar"]]),
        )
        baseline = empty_s + own
        report.update(rerun_runner_s=rerun, empty_papermill_s=empty_s, own_cells_s=own, rerun_ratio=rerun / baseline)
        print(
            f"2. one notebook rerun with a new parameter: runner {rerun:.2f} s; empty notebook with papermill "
            f"{empty_s:.2f} s + the notebook's own cells {own:.2f} s = {baseline:.2f} s -> ratio "
            f"{rerun / baseline:.2f} (target <= 1.5)"
        )

    from prequel.analysis import operations as ops  # noqa: E402

    assumptions = ops.Assumptions(
        cash_usd=(210e6, 740e6),
        net_burn_monthly_usd=(10e6, 40e6),
        arr_usd=(90e6, 140e6),
        arr_growth_annual=0.65,
        cost_growth_annual=0.3,
        window_months=(12.0, 18.0),
        demo_median_months=9.0,
        weibull_k=1.5,
        correction_if_miss=(0.3, 0.6),
        peer_revenue_multiple=(10.0, 30.0),
        post_money_usd=5.3e9,
    )
    sims = []
    for _ in range(5):
        start = time.perf_counter()
        ops.summarize(assumptions, ops.simulate(assumptions, 20_000, 20261124))
        sims.append(time.perf_counter() - start)
    report["simulate_20000_s"] = statistics.median(sims)
    print(
        f"3. operational model, 20,000 draws simulated and summarized: {report['simulate_20000_s'] * 1000:.0f} ms "
        "(median of 5; target: well under a second)"
    )

    bench_explorer(report, args.rounds)
    if args.with_tests:
        bench_tests(report)
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in report.items()}))


if __name__ == "__main__":
    main()
