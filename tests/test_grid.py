"""Grids (``--grid``): expansion and checks before anything runs, the cache, failing points, executors."""

import csv
import io
import json
import shutil

import pytest

from prequel.analysis import winners
from prequel.data import load_dataset
from prequel.pipeline import cli, grid
from prequel.pipeline.cache import Cache
from prequel.pipeline.sources import discover

#: The cheapest points of the collection: 02 with few random weightings (a fraction of a second each).
CHEAP = {"n_weight_draws": ["100"], "p_thesis": ["0.2", "0.6"]}


def notebook(prefix):
    return next(n for n in discover(warn=False) if n.stem.startswith(prefix))


@pytest.fixture(scope="module")
def data():
    return load_dataset(None)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # the cache's secret, private to the test
    return Cache(tmp_path / "cache")


def test_dates_by_month_ranges_and_zipped_sets_expand_and_cross(data):
    assert grid.months_between("2026-04-30", "2026-07-31") == ["2026-04-30", "2026-05-31", "2026-06-30", "2026-07-31"]
    assert grid.months_between("2026-01-31", "2026-03-31") == ["2026-01-31", "2026-02-28", "2026-03-31"]
    assert grid.months_between("2026-01-15", "2026-03-14") == ["2026-01-15", "2026-02-15"]
    dimensions = {
        "scenario": ["base", "bear"],
        "as_of": {"from": "2026-10-31", "to": "2026-12-31", "by": "month"},
        "q_qualify": {"from": "0.1", "to": "0.3", "step": "0.1"},
        "zip": [{"strictness": "strict", "grace_days": "0"}, {"strictness": "lenient", "grace_days": "30"}],
    }
    g = grid.expand(notebook("03"), dimensions, data)
    assert g.dimensions == {"scenario": 2, "as_of": 3, "q_qualify": 3, "zip": 2}
    assert len(g.points) == 36
    first, last = g.points[0], g.points[-1]
    assert (first.scenario, first.parameters["as_of"], first.parameters["q_qualify"]) == ("base", "2026-10-31", 0.1)
    assert (first.parameters["strictness"], first.parameters["grace_days"]) == ("strict", 0)
    assert (last.scenario, last.parameters["q_qualify"], last.parameters["strictness"]) == ("bear", 0.3, "lenient")
    assert last.parameters["p_never"] == 0.3  # the bear scenario's own value, kept where the grid sets none
    assert [p.parameters["q_qualify"] for p in g.points[:3]] == [0.1, 0.1, 0.2]  # decimal steps never drift


@pytest.mark.parametrize(
    "text, message",
    [
        ("notebook: 03\ngrid:\n  q_qualify: [0.5, 2]\n",
         "parameter 'q_qualify': got '2' (str) - out of range; expected a number in [0, 1]"),
        ("notebook: 03\ngrid:\n  q_qualfy: [0.5]\n", "unknown parameter 'q_qualfy' (did you mean 'q_qualify'?)"),
        ("notebook: 03\ngrid:\n  strictness: [strict, loose]\n", "expected one of 'strict', 'lenient'"),
        ("notebook: 03\ngrid:\n  as_of: {from: 2026-01-31, to: 2026-13-31, by: month}\n", "'as_of'"),
        ("notebook: 03\ngrid:\n  p_never: {from: 0, to: 1, step: 0}\n", "step must be a finite number > 0"),
        ("notebook: 03\ngrid:\n  scenario: [base, baer]\n", "unknown scenario 'baer' (did you mean 'bear'?)"),
        ("notebook: 03\ngrid:\n  zip: [{q_qualify: 0.1}, {p_never: 0.1}]\n",
         "zip: every set must name the same parameters"),
        ("notebook: 3\ngrid:\n  q_qualify: [0.5]\n", "unknown notebook '3'"),
        ("notebok: 03\ngrid: {}\n", "expected the keys 'notebook' and 'grid'"),
        ("notebook: 03\ngrid:\n  q_qualify: {from: 0, to: 1, step: 0.0000001}\n", "more than 100,000 values"),
        ("notebook: 03\ngrid:\n  as_of: [2026-10-31]\n  zip: [{as_of: 2026-11-24, q_qualify: 0.1}]\n",
         "grid file bad.yaml: 'as_of' is set by two dimensions (as_of, zip)"),
        ("notebook: 03\ngrid:\n  data_dir: [data]\n", "data_dir cannot be a grid dimension; use --data-dir"),
        ("notebook: 03\ngrid:\n  zip: [{data_dir: data}]\n", "data_dir cannot be a grid dimension; use --data-dir"),
        ("notebook: 03\ngrid:\n  p_never: {from: 0, to: 1e999999999, step: 1}\n",
         "from, to and step must be numbers of ordinary size"),
    ],
)  # fmt: skip
def test_a_bad_grid_file_is_refused_before_anything_runs(tmp_path, text, message, capsys, monkeypatch):
    computed = []
    monkeypatch.setattr(grid, "compute", lambda task: computed.append(task))
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    code = cli.main(["--grid", str(path), "--out", str(tmp_path / "out"), "--no-cache"])
    stderr = capsys.readouterr().err
    assert code == 2 and message in stderr, stderr
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert not (tmp_path / "out").exists() and computed == []


def test_a_grid_over_the_time_limit_is_refused_naming_the_dimension_to_coarsen(data, cache):
    g = grid.expand(notebook("02"), {**CHEAP, "scale_spacing": ["1", "2", "3"]}, data)
    with pytest.raises(grid.GridError, match=r"coarsen 'scale_spacing' \(3 values\) or raise --grid-limit"):
        grid.run_grid(g, grid.local_executor(1), cache, limit_seconds=0, say=lambda line: None)


def test_a_failing_point_is_reported_and_the_others_complete(tmp_path, capsys, monkeypatch):
    real = winners.analyse

    def failing_at_high_thesis(data, params):
        if params["p_thesis"] > 0.5:
            raise ValueError("no verdict at this thesis")
        return real(data, params)

    monkeypatch.setattr(winners, "analyse", failing_at_high_thesis)
    path = tmp_path / "grid.yaml"
    path.write_text("notebook: 02\ngrid:\n  n_weight_draws: 100\n  p_thesis: [0.2, 0.6]\n")
    code = cli.main(["--grid", str(path), "--out", str(tmp_path / "out"), "--no-cache", "--jobs", "1"])
    stderr = capsys.readouterr().err
    assert code == 1, stderr
    assert "point 2 (n_weight_draws=100, p_thesis=0.6) failed: ValueError: no verdict at this thesis" in stderr
    rows = list(csv.DictReader((tmp_path / "out" / "grid.csv").open(encoding="utf-8")))
    assert [(r["status"], r["p_thesis"]) for r in rows] == [("ok", "0.2"), ("failed", "0.6")]
    assert rows[0]["finding"] and rows[0]["rank_first_share.runway"] and rows[1]["finding"] == ""


def test_a_rerun_computes_nothing_and_an_interrupted_grid_resumes(data, cache):
    g = grid.expand(notebook("02"), CHEAP, data)
    quiet = {"say": lambda line: None, "limit_seconds": None}
    grid.run_grid(
        grid.expand(notebook("02"), {**CHEAP, "p_thesis": ["0.2"]}, data), grid.local_executor(1), cache, **quiet
    )
    asked = []

    def counting(tasks):  # the local executor, counting what it is given
        asked.extend(t.parameters["p_thesis"] for t in tasks)
        yield from grid.local_executor(1)(tasks)

    first = grid.run_grid(g, counting, cache, **quiet)
    assert asked == [0.6] and [o.reused for o in first] == [True, False]  # resumed: only the missing point ran
    again = grid.run_grid(g, counting, cache, **quiet)
    assert asked == [0.6] and all(o.reused for o in again)
    assert grid.table(again) == grid.table(first)


def test_points_that_two_scenarios_share_are_computed_once(data):
    g = grid.expand(notebook("02"), {**CHEAP, "p_thesis": ["0.2"], "scale_spacing": ["1", "1.0", "2"]}, data)
    asked = []

    def counting(tasks):
        asked.extend(t.parameters["scale_spacing"] for t in tasks)
        yield from grid.local_executor(1)(tasks)

    outcomes = grid.run_grid(g, counting, None, limit_seconds=None, say=lambda line: None)
    assert asked == [1.0, 2.0] and [o.reused for o in outcomes] == [False, True, False]
    assert outcomes[0].results == outcomes[1].results and outcomes[1].point.index == 1


def test_local_processes_and_a_dask_cluster_give_identical_tables(data):
    from distributed import LocalCluster

    g = grid.expand(notebook("02"), CHEAP, data)
    with grid.local_executor(2) as executor:
        local = grid.table(grid.run_grid(g, executor, None, 2, None, say=lambda line: None))
        assert executor.pool is not None  # the workers live on for the next batch, until closed
        assert grid.table(grid.run_grid(g, executor, None, 2, None, say=lambda line: None)) == local
    assert executor.pool is None
    with grid.dask_executor("dask", 2, processes=False) as executor:
        dask = grid.table(grid.run_grid(g, executor, None, 2, None, lambda _: None))
    assert local == dask
    rows = list(csv.DictReader(io.StringIO(local)))
    assert [r["status"] for r in rows] == ["ok", "ok"] and rows[0]["expected_payoff.runway"] != rows[1][
        "expected_payoff.runway"
    ]
    with LocalCluster(
        n_workers=1, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=None
    ) as cluster:
        with grid.executor_for(cluster.scheduler_address, 1) as executor:
            remote = grid.run_grid(g, executor, None, 1, None, lambda _: None)
    assert grid.table(remote) == local


def test_the_runner_writes_the_table_and_its_provenance_and_a_rerun_computes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("PREQUEL_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = tmp_path / "grid.yaml"
    path.write_text("notebook: 02_winners_losers\ngrid:\n  n_weight_draws: 100\n  p_thesis: [0.2, 0.6]\n")
    options = ["--grid", str(path), "--cache-dir", str(tmp_path / "cache"), "--jobs", "1", "--out"]
    assert cli.main([*options, str(tmp_path / "first")]) == 0
    assert cli.main([*options, str(tmp_path / "again")]) == 0
    assert "2 points, 2 in the cache" in capsys.readouterr().err
    first, again = (json.loads((tmp_path / name / "grid.json").read_text()) for name in ("first", "again"))
    assert (first["computed"], first["reused"], again["computed"], again["reused"]) == (2, 0, 0, 2)
    assert again["provenance"]["data"]["sha256"] and again["grid"]["dimensions"] == {"n_weight_draws": 1, "p_thesis": 2}
    assert (tmp_path / "first" / "grid.csv").read_bytes() == (tmp_path / "again" / "grid.csv").read_bytes()


def test_a_point_entry_the_runner_did_not_write_is_never_served(cache):
    cache.store_point("ab" * 32, "02_winners_losers", {"results": {"finding": "x"}, "declarations": {}})
    assert cache.point("ab" * 32) == {"results": {"finding": "x"}, "declarations": {}}
    entry = cache.folder / "point" / f"{'ab' * 32}.entry"
    entry.write_bytes(entry.read_bytes().replace(b'"stem"', b'"stem" ', 1))
    assert cache.point("ab" * 32) is None


def test_an_identical_explorer_rerun_computes_nothing_and_leaves_the_page(tmp_path, data, cache, monkeypatch):
    from prequel.pipeline import explore

    asked = []

    def counting(tasks):
        asked.extend(tasks)
        yield from grid.local_executor(1)(tasks)

    build = [tmp_path, data, cache, counting, 1, [notebook("02")], ["base", "bear"], ["2026-11-24"]]
    page = explore.build(*build)
    assert page == tmp_path / "explore.html" and len(asked) == 2
    written = page.stat().st_mtime_ns
    assert explore.build(*build) is None and len(asked) == 2 and page.stat().st_mtime_ns == written
    templates = tmp_path / "templates"  # a changed page template (its charts' code) rewrites the page
    shutil.copytree(explore.TEMPLATES, templates)
    (templates / "explore.html.j2").write_text("<!-- changed -->" + (templates / "explore.html.j2").read_text())
    monkeypatch.setattr(explore, "TEMPLATES", templates)
    assert explore.build(*build) == page and len(asked) == 2 and "<!-- changed -->" in page.read_text()


def test_a_grid_checks_each_distinct_value_against_the_data_once(data, monkeypatch):
    from prequel import params

    calls = []
    check = params.DATA_CHECKS["releases_in_data"]
    monkeypatch.setitem(params.DATA_CHECKS, "releases_in_data", lambda d, n, v: calls.append(v) or check(d, n, v))
    dimensions = {"scenario": ["base", "bear", "bull"], "as_of": ["2026-10-31", "2026-11-24"]}
    g = grid.expand(notebook("03"), dimensions, data)
    assert len(g.points) == 6 and sorted(calls) == ["2026-10-31", "2026-11-24"]
    with pytest.raises(grid.GridError, match="point 2: parameter 'as_of': no two releases"):
        grid.expand(notebook("03"), {"as_of": ["2026-10-31", "1990-01-31"]}, data)


def test_an_empty_out_is_refused_as_the_plain_run_refuses_it(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "grid.yaml"
    path.write_text("notebook: 02\ngrid:\n  n_weight_draws: 100\n")
    assert cli.main(["--grid", str(path), "--out", " ", "--no-cache"]) == 2
    assert capsys.readouterr().err == "error: --out: empty; give a folder\n"
    assert not (tmp_path / "rendered").exists()


def test_an_interrupted_grid_says_its_workers_stopped_not_kernels(tmp_path, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(grid, "run_grid", interrupted)
    path = tmp_path / "grid.yaml"
    path.write_text("notebook: 02\ngrid:\n  n_weight_draws: 100\n")
    assert cli.main(["--grid", str(path), "--out", str(tmp_path / "out"), "--no-cache"]) == 130
    stderr = capsys.readouterr().err
    assert "grid workers stopped; the previous output is untouched" in stderr and "kernels" not in stderr


@pytest.mark.parametrize(
    "address", ["tcp://", "tcp://127.0.0.1", "tcp://127.0.0.1:x", "tcp://127.0.0.1:0", "tcp://h:65536"]
)
def test_an_executor_address_that_is_not_host_and_port_is_refused_in_one_line(tmp_path, address, capsys):
    path = tmp_path / "grid.yaml"
    path.write_text("notebook: 02\ngrid:\n  n_weight_draws: 100\n")
    assert cli.main(["--grid", str(path), "--out", str(tmp_path / "out"), "--no-cache", "--executor", address]) == 2
    stderr = capsys.readouterr().err
    assert stderr == f"error: --executor {address!r}: expected tcp://HOST:PORT with a port from 1 to 65535\n"


def test_a_scheduler_that_does_not_answer_is_reported_before_any_point_runs(tmp_path, capsys, monkeypatch):
    import socket
    import time

    computed = []
    monkeypatch.setattr(grid, "compute", lambda task: computed.append(task))
    with socket.socket() as closed:  # bound, never listening: a connection is refused
        closed.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{closed.getsockname()[1]}"
        path = tmp_path / "grid.yaml"
        path.write_text("notebook: 02\ngrid:\n  n_weight_draws: 100\n")
        started = time.perf_counter()
        code = cli.main(["--grid", str(path), "--out", str(tmp_path / "out"), "--no-cache", "--executor", address])
    stderr = capsys.readouterr().err
    assert code == 2 and time.perf_counter() - started < 10 and computed == [], stderr
    assert stderr.startswith(f"error: --executor {address!r}: no Dask scheduler answers at 127.0.0.1:") and (
        stderr.count("\n") == 1
    ), stderr
    assert not (tmp_path / "out").exists()


def test_scenario_all_checks_its_scheduler_before_any_kernel(tmp_path, capsys, monkeypatch):
    """--scenario all runs the explorer's grid on --executor after every scenario's kernels: a scheduler
    that does not answer is one line and exit 2 before the first kernel starts."""
    import socket

    started = []
    monkeypatch.setattr(cli, "execute_site", lambda *a, **k: started.append("kernels") or 0)
    monkeypatch.setattr(cli, "write_explorer", lambda *a, **k: started.append("explorer"))
    with socket.socket() as closed:  # bound, never listening: a connection is refused
        closed.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{closed.getsockname()[1]}"
        code = cli.main(["--scenario", "all", "--out", str(tmp_path / "out"), "--no-cache", "--executor", address])
    stderr = capsys.readouterr().err
    assert code == 2 and started == [], stderr
    assert stderr.startswith(f"error: --executor {address!r}: no Dask scheduler answers at 127.0.0.1:"), stderr
    assert stderr.count("\n") == 1, stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "values",
    [{"cash_usd": "0,0"}, {"arr_growth_annual": "-0.9"}, {"p_never": "1"}],
    ids=["no cash", "revenue falling 90% a year", "a demo never comes"],
)
def test_accepted_extreme_values_compute_without_numpy_warnings(data, values):
    import warnings

    from prequel.pipeline.entry import call

    g = grid.expand(notebook("04"), {"n_sims": "2000", "interval_sets": "10", **values}, data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an empty-slice mean or a log1p of -1 fails the test
        results = call(g.entry_point, data, dict(g.points[0].parameters)).publication()["results"]
    assert 0 <= results["p_miss_window"] <= 1


RUNNER = """
import json, time
from multiprocessing import forkserver, resource_tracker
from prequel.data import load_dataset
from prequel.pipeline import grid
from prequel.pipeline.sources import discover

if __name__ == "__main__":
    nb = next(n for n in discover(warn=False) if n.stem.startswith("02"))
    g = grid.expand(nb, {"n_weight_draws": ["100"], "p_thesis": ["0.2", "0.6"]}, load_dataset(None))
    executor = grid.local_executor(2)
    list(executor([grid.Task(p.index, nb.stem, g.entry_point, p.parameters, str(g.data_dir), "k") for p in g.points]))
    helpers = [forkserver._forkserver._forkserver_pid, resource_tracker._resource_tracker._pid]
    print(json.dumps([*executor.pool._processes, *helpers]), flush=True)
    time.sleep(600)
"""


def test_the_local_workers_exit_when_the_runner_is_killed(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    def alive(pid):
        try:
            return "\nState:\tZ" not in open(f"/proc/{pid}/status").read()
        except FileNotFoundError:
            return False

    script = tmp_path / "runner.py"
    script.write_text(RUNNER)
    runner = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    pids = [pid for pid in json.loads(runner.stdout.readline()) if pid]
    runner.stdout.close()
    os.kill(runner.pid, signal.SIGKILL)
    runner.wait()
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    orphans = [pid for pid in pids if alive(pid)]
    for pid in orphans:  # never left behind by a failing test
        os.kill(pid, signal.SIGKILL)
    assert len(pids) == 4 and orphans == []
