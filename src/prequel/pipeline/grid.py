"""A notebook's analysis over many parameter sets: a grid file expanded, checked, computed and tabulated.

A grid file names a notebook and, under ``grid:``, each parameter's values to cross::

    notebook: 03
    grid:
      scenario: all                                          # every scenarios/*.yaml (or a list of names)
      as_of: {from: 2026-04-30, to: 2028-01-31, by: month}   # dates by month (month ends from a month end)
      q_qualify: [0.3, 0.5, 0.7]                             # a list of values
      p_never: {from: 0, to: 0.3, step: 0.1}                 # a range, both ends included
      zip:                                                   # sets of values taken together
        - {strictness: strict, min_confidence: reported}
        - {strictness: lenient, min_confidence: any}

Every value is checked against the notebook's declared parameters (the errors of ``-p``) before anything
runs. Each point is the notebook's entry point evaluated in-process (no kernel, no page), through the
content-addressed cache (kind ``point``): a point already computed is reused, so an interrupted grid
resumes. Points run on local processes, a local Dask cluster or a running Dask scheduler; a failing point
is reported with its parameters and error and the others complete.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import itertools
import json
import logging
import math
import os
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..csv_cells import csv_text
from ..data import Dataset, load_dataset
from ..declarations import specs
from ..outside import plain, shown
from ..params import ParameterError, check_parameters, nearest_name
from ..results import declarations_from_json, leaves
from . import provenance
from . import scenarios as scenario_files
from .cache import Cache
from .entry import baseline_publication, call, checked_parameters, entry_point_of
from .provenance import Inputs, combined, digest
from .sources import Notebook, discover

#: Keys of a grid file, and what a dimension of ``grid:`` may be besides a parameter.
FILE_KEYS = ("notebook", "grid", "description")
SCENARIO, ZIP = "scenario", "zip"
#: A grid larger than this is refused before it is expanded (a typo in a range, say).
MAX_POINTS = 100_000
DEFAULT_LIMIT_SECONDS = 900


class GridError(ParameterError):
    """A grid file or grid the runner refuses before anything runs: exit status 2."""


@dataclass(frozen=True)
class Point:
    """One parameter set of a grid: its place, the scenario it starts from and its checked parameters."""

    index: int
    scenario: str
    values: dict[str, Any]  # the values the grid sets (checked), scenario values included
    parameters: dict[str, Any]  # every parameter of the notebook, checked against the data


@dataclass
class Grid:
    notebook: Notebook
    entry_point: str
    dimensions: dict[str, int]  # dimension -> number of values, in the file's order
    points: list[Point]
    data_dir: Path
    source: str = ""  # the grid file, for the provenance


@dataclass(frozen=True)
class Task:
    """What a worker needs to compute one point (plain values: it travels to other processes)."""

    index: int
    stem: str
    entry_point: str
    parameters: dict[str, Any]
    data_dir: str
    key: str


@dataclass
class Outcome:
    point: Point
    key: str
    results: dict[str, Any] = field(default_factory=dict)
    declarations: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    reused: bool = False
    seconds: float = 0.0


# ---- reading and expanding a grid file ---------------------------------------------------------------


def _add_months(day: dt.date, months: int, month_ends: bool) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, last if month_ends else min(day.day, last))


def months_between(first: str, last: str) -> list[str]:
    """Dates by month from ``first`` to ``last`` (both included when they fall on the step): month ends when
    ``first`` is a month end, else the same day of each month (the last day of a shorter month)."""
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    month_ends = start.day == calendar.monthrange(start.year, start.month)[1]
    out, step = [], 0
    while (day := _add_months(start, step, month_ends)) <= end:
        out.append(day.isoformat())
        step += 1
    return out


def _steps(low: str, high: str, step: str) -> list[str]:
    """Numbers from ``low`` to ``high`` by ``step`` as text, exact in decimal (0.1 steps never drift)."""
    try:
        a, b, s = (Decimal(v) for v in (low, high, step))
        if s <= 0 or not all(v.is_finite() for v in (a, b, s)):
            raise ValueError("step must be a finite number > 0")
        if (b - a) / s > MAX_POINTS:
            raise ValueError(f"more than {MAX_POINTS:,} values")
    except ArithmeticError:  # decimal's own errors print as a class name: say what is wrong instead
        raise ValueError(
            f"from, to and step must be numbers of ordinary size; more than {MAX_POINTS:,} values"
        ) from None
    count = int((b - a) / s) + 1 if b >= a else 0
    return [str(a + i * s) for i in range(count)]


def _dimension_values(name: str, raw: Any, where: str) -> list[Any]:
    """One parameter's raw values: a list, a range {from, to, step} or dates {from, to, by: month}."""
    if isinstance(raw, list):
        if not raw:
            raise GridError(f"{where}{shown(name)}: an empty list of values")
        return raw
    if isinstance(raw, dict):
        keys = set(raw)
        try:
            if keys == {"from", "to", "by"} and raw["by"] == "month":
                dt.date.fromisoformat(str(raw["from"]))
                dt.date.fromisoformat(str(raw["to"]))
                values = months_between(str(raw["from"]), str(raw["to"]))
            elif keys == {"from", "to", "step"}:
                values = _steps(str(raw["from"]), str(raw["to"]), str(raw["step"]))
            else:
                raise ValueError("unknown form")
        except (ValueError, ArithmeticError) as err:
            raise GridError(
                f"{where}{shown(name)}: {err}; a dimension is a list of values, "
                "{from: LOW, to: HIGH, step: STEP} or {from: DATE, to: DATE, by: month}"
            ) from None
        if not values:
            raise GridError(f"{where}{shown(name)}: the range holds no value (from is after to)")
        return values
    return [raw]  # one value: a fixed parameter


def read_grid_file(path: Path) -> dict[str, Any]:
    """A grid file read strictly (every scalar as text, no aliases or duplicate keys, bounded size)."""
    raw = scenario_files.read_yaml(path)
    where = f"grid file {plain(path.name)}: "
    if not isinstance(raw, dict) or set(raw) - set(FILE_KEYS) or not {"notebook", "grid"} <= set(raw):
        found = ", ".join(shown(k) for k in raw) if isinstance(raw, dict) else type(raw).__name__
        raise GridError(f"{where}expected the keys 'notebook' and 'grid' (and optionally 'description'); found {found}")
    if not isinstance(raw["grid"], dict) or not raw["grid"]:
        raise GridError(f"{where}'grid' must map parameter names to their values")
    return raw


def _check_each_parameter_set_once(dimensions: dict[str, Any], where: str) -> None:
    """Refuses a parameter that two dimensions set (only a scenario's values may be overridden) and data_dir as
    a dimension (every point reads one data folder: --data-dir)."""
    setters: dict[str, list[str]] = {}
    for name, raw in dimensions.items():
        if name == SCENARIO:
            continue
        names = [k for s in raw if isinstance(s, dict) for k in s] if name == ZIP and isinstance(raw, list) else [name]
        for parameter in dict.fromkeys(names):
            setters.setdefault(str(parameter), []).append(name)
    if "data_dir" in setters:
        raise GridError(f"{where}data_dir cannot be a grid dimension; use --data-dir")
    for parameter, by in setters.items():
        if len(by) > 1:
            raise GridError(f"{where}{shown(parameter)} is set by two dimensions ({', '.join(by)})")


def expand(
    notebook: Notebook,
    dimensions: dict[str, Any],
    data: Dataset,
    where: str = "",
    scenario_folder: Path | None = None,
) -> Grid:
    """Every point of the grid, each checked like ``-p`` values and against the data, before anything runs."""
    declared = notebook.declared
    param_specs = specs(declared)
    axes: list[list[tuple[str, dict[str, Any]]]] = []  # per dimension: (scenario or "", raw values)
    sizes: dict[str, int] = {}
    _check_each_parameter_set_once(dimensions, where)
    for name, raw in dimensions.items():
        if name == SCENARIO:
            names = scenario_files.available(scenario_folder, warn=False)
            wanted = names if raw == "all" else (raw if isinstance(raw, list) else [raw])
            stems = [n.stem for n in discover(notebook.source.parent, warn=False)]
            axis = []
            for scenario_name in wanted:
                try:
                    scenario = scenario_files.load(str(scenario_name), stems, scenario_folder)
                except ParameterError as err:
                    raise GridError(f"{where}scenario: {err}") from None
                values = {k: v for k, v in scenario.shared.items() if k in declared}
                values |= scenario.parameters.get(notebook.stem, {})
                check_parameters(param_specs, values, raw=True, where=f"{where}{scenario.path.name}: ")
                axis.append((scenario.name, values))
        elif name == ZIP:
            if not isinstance(raw, list) or not raw or not all(isinstance(s, dict) and s for s in raw):
                raise GridError(f"{where}zip: expected a list of sets of values, each a mapping NAME: VALUE")
            if len({tuple(sorted(s)) for s in raw}) != 1:
                raise GridError(f"{where}zip: every set must name the same parameters")
            for values in raw:
                check_parameters(param_specs, values, raw=True, where=f"{where}zip: ")
            axis = [("", dict(values)) for values in raw]
        else:
            if name not in param_specs:
                near = nearest_name(name, [*param_specs, SCENARIO, ZIP])
                raise GridError(
                    f"{where}unknown parameter {shown(name)}"
                    + (f" (did you mean {near!r}?)" if near else "")
                    + f"; {notebook.stem} takes: {', '.join(param_specs)} (or scenario, zip)"
                )
            axis = []
            for value in _dimension_values(name, raw, where):
                check_parameters(param_specs, {name: value}, raw=True, where=where)
                axis.append(("", {name: value}))
        axes.append(axis)
        sizes[name] = len(axis)
    total = math.prod(sizes.values())
    if total > MAX_POINTS:
        biggest = max(sizes, key=lambda n: sizes[n])
        raise GridError(
            f"{where}{total:,} points (more than {MAX_POINTS:,}); coarsen {biggest!r} ({sizes[biggest]} values)"
        )
    folder = Path(data.data_dir)
    points, passed = [], set()  # the data checks passed so far: each distinct value checked once
    for index, combination in enumerate(itertools.product(*axes)):
        scenario = next((s for s, _ in combination if s), "")
        raw_values: dict[str, Any] = {}
        for _, values in combination:  # later dimensions win over a scenario's value
            raw_values |= values
        values = check_parameters(param_specs, raw_values, raw=True, where=where)
        if "data_dir" in declared:
            values.setdefault("data_dir", str(folder))
        try:
            parameters = checked_parameters(notebook, data, values, passed)
        except ParameterError as err:
            raise GridError(f"{where}point {index + 1}: {err}") from None
        points.append(Point(index, scenario, values, parameters))
    entry_point = entry_point_of(baseline_publication(notebook))
    return Grid(notebook, entry_point, sizes, points, Path(folder))


# ---- computing points ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _dataset(data_dir: str) -> Dataset:
    return load_dataset(data_dir)


def compute(task: Task) -> dict[str, Any]:
    """One point, in whatever process runs it: the entry point's published results, or the error in a line."""
    start = time.perf_counter()
    try:
        publication = call(task.entry_point, _dataset(task.data_dir), dict(task.parameters)).publication()
        out = {"results": publication["results"], "declarations": publication["declarations"]}
    except Exception as err:  # noqa: BLE001 - a failing point is reported, never stops the others
        message = " ".join(str(err).split())[:300]
        out = {"error": f"{type(err).__name__}: {message}"}
    return out | {"seconds": time.perf_counter() - start}


def point_key(grid: Grid, point: Point, inputs: Inputs) -> str:
    """The content address of a point: the notebook's entry point and every parameter but the data folder's
    path, the data files' bytes, the package's source, the lockfile and Python."""
    return digest(
        {
            "kind": "grid-point",
            "stem": grid.notebook.stem,
            "entry_point": grid.entry_point,
            "parameters": {k: v for k, v in point.parameters.items() if k != "data_dir"},
            "data": combined(inputs.data),
            "source": combined(inputs.source),
            "lock": inputs.lock,
            "python": inputs.python,
        }
    )


Executor = Callable[[list[Task]], Iterator[tuple[Task, dict[str, Any]]]]


def _initialise_worker(runner_pid: int | None = None) -> None:
    """A local worker process ignores Ctrl-C (the runner stops it: its parent gets the signal) and exits when
    the runner is gone, even killed with SIGKILL (its parent is the forkserver, so a watcher of the runner's pid)."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if runner_pid is not None:
        threading.Thread(target=_exit_when_gone, args=(runner_pid,), daemon=True, name="runner-watch").start()


def _exit_when_gone(pid: int, every_seconds: float = 0.5) -> None:
    while True:
        time.sleep(every_seconds)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(1)  # the runner is dead: nobody will ever collect this worker's results
        except PermissionError:
            pass  # alive (or reused by another user's process: then the forkserver's own exit stops us)


class PointExecutor:
    """Runs batches of points (an ``Executor``) on workers that live from the first batch until ``close`` (or
    the end of a ``with`` block): the explorer's grids, one per notebook, share warm workers (modules imported,
    data loaded and checked once per worker, not once per grid). A batch cut short (Ctrl-C, a lost worker)
    stops the workers with it."""

    def __call__(self, tasks: list[Task]) -> Iterator[tuple[Task, dict[str, Any]]]:
        finished = False
        try:
            yield from self.run(tasks)
            finished = True
        finally:
            if not finished:
                self.close()

    def run(self, tasks: list[Task]) -> Iterator[tuple[Task, dict[str, Any]]]:
        raise NotImplementedError

    def close(self) -> None:
        """Stops the workers (the next batch starts new ones)."""

    def __enter__(self) -> PointExecutor:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class LocalProcesses(PointExecutor):
    """Points on ``workers`` local processes (in this process when one worker is asked for or one point)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None

    def run(self, tasks: list[Task]) -> Iterator[tuple[Task, dict[str, Any]]]:
        if self.workers == 1 or len(tasks) <= 1:
            for task in tasks:
                yield task, compute(task)
            return
        if self.pool is None:
            import multiprocessing

            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["prequel.pipeline.grid"])
            self.pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_initialise_worker, initargs=(os.getpid(),)
            )
        futures = {self.pool.submit(compute, task): task for task in tasks}
        for future in as_completed(futures):
            yield futures[future], future.result()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def local_executor(workers: int) -> LocalProcesses:
    """Points on ``workers`` local processes (in this process when one worker is asked for)."""
    return LocalProcesses(workers)


class DaskCluster(PointExecutor):
    """Points on Dask, one task per point: ``address`` 'dask' starts a local cluster of ``workers`` (processes
    of one thread each, so that points never share a GIL; threads in this process when ``processes`` is false);
    'tcp://HOST:PORT' uses a running scheduler and its workers. The cluster starts with the first batch
    (``start`` starts it ahead) and lives until ``close``."""

    def __init__(self, address: str, workers: int, processes: bool = True) -> None:
        self.address, self.workers, self.processes = address, workers, processes
        self.client: Any = None
        self.cluster: Any = None

    def start(self) -> None:
        """Starts the cluster (or connects to the scheduler) and waits for its workers."""
        if self.client is not None:
            return
        from distributed import Client, LocalCluster

        if self.address == "dask":
            self.cluster = LocalCluster(  # its own lines only on errors: a good run prints only the runner's
                n_workers=self.workers,
                threads_per_worker=1,
                processes=self.processes,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self.client = Client(self.cluster)
            self.client.wait_for_workers(self.workers)
        else:
            self.client = Client(self.address, timeout="30s")

    def run(self, tasks: list[Task]) -> Iterator[tuple[Task, dict[str, Any]]]:
        from distributed import as_completed as dask_completed

        self.start()
        futures = self.client.map(compute, tasks, key=[f"prequel-point-{t.key}" for t in tasks], pure=False)
        by_key = {f.key: t for f, t in zip(futures, tasks, strict=True)}
        for future in dask_completed(futures):
            yield by_key[future.key], future.result()
            future.release()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None


def dask_executor(address: str, workers: int, processes: bool = True) -> DaskCluster:
    """Points on Dask (``DaskCluster``)."""
    return DaskCluster(address, workers, processes)


def scheduler_address(name: str) -> tuple[str, int]:
    """HOST and PORT of ``tcp://HOST:PORT`` (a GridError naming the address when it is not one)."""
    host, _, port = name.removeprefix("tcp://").rpartition(":")
    host = host.removeprefix("[").removesuffix("]")  # an IPv6 address: tcp://[::1]:8786
    if not host or not port.isascii() or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise GridError(f"--executor {shown(name)}: expected tcp://HOST:PORT with a port from 1 to 65535")
    return host, int(port)


def check_scheduler(name: str, timeout: float = 5.0) -> None:
    """A GridError in one line when nothing answers at a ``tcp://`` executor's scheduler (before any work runs);
    the other executors start their own workers."""
    import socket

    if not name.startswith("tcp://"):
        return
    host, port = scheduler_address(name)
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as err:
        reason = err.strerror or str(err) or type(err).__name__
        raise GridError(
            f"--executor {shown(name)}: no Dask scheduler answers at {host}:{port} ({reason}); start one there "
            "(`dask scheduler`) or check the host and port"
        ) from None


def executor_for(name: str, workers: int) -> PointExecutor:
    if name == "local":
        return local_executor(workers)
    if name == "dask":
        return dask_executor(name, workers)
    if name.startswith("tcp://"):
        scheduler_address(name)
        return dask_executor(name, workers)
    raise GridError(f"--executor {shown(name)}: expected local, dask or tcp://HOST:PORT")


def run_grid(
    grid: Grid,
    executor: Executor,
    cache: Cache | None,
    workers: int = 1,
    limit_seconds: float | None = DEFAULT_LIMIT_SECONDS,
    say: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
) -> list[Outcome]:
    """Every point's outcome, in the grid's order: reused from ``cache`` or computed by ``executor``. Before
    the rest runs, one point is computed here as a sample; when the estimate for the others is over
    ``limit_seconds`` a GridError names the dimension to coarsen (nothing else runs)."""
    inputs = Inputs.read(grid.data_dir)
    outcomes: dict[int, Outcome] = {}
    tasks = []
    twins: dict[str, list[int]] = {}  # points with the same key as an earlier one (scenarios that agree): computed once
    for point in grid.points:
        key = point_key(grid, point, inputs)
        if key in twins:
            twins[key].append(point.index)
            continue
        twins[key] = []
        cached = cache.point(key) if cache else None
        if cached is not None:
            outcomes[point.index] = Outcome(point, key, cached["results"], cached["declarations"], reused=True)
        else:
            plain_parameters = json.loads(json.dumps(point.parameters))
            tasks.append(
                Task(point.index, grid.notebook.stem, grid.entry_point, plain_parameters, str(grid.data_dir), key)
            )
    by_index = {p.index: p for p in grid.points}
    for key, indices in twins.items():  # twins of points found in the cache
        first = next((o for o in outcomes.values() if o.key == key), None)
        for index in indices if first is not None else ():
            outcomes[index] = dataclasses.replace(first, point=by_index[index], reused=True)

    def record(task: Task, done: dict[str, Any]) -> Outcome:
        outcome = Outcome(by_index[task.index], task.key, seconds=done.get("seconds", 0.0))
        if "error" in done:
            outcome.error = done["error"]
        else:
            outcome.results, outcome.declarations = done["results"], done["declarations"]
            if cache:  # stored as it arrives: an interrupted grid resumes from here
                cache.store_point(
                    task.key, task.stem, {"results": outcome.results, "declarations": outcome.declarations}
                )
        outcomes[task.index] = outcome
        for index in twins[task.key]:
            outcomes[index] = dataclasses.replace(outcome, point=by_index[index], reused=True)
        return outcome

    def run_all(batch: list[Task]) -> None:
        for task, done in executor(batch) if batch else ():
            report(record(task, done))

    def report(outcome: Outcome) -> None:
        if outcome.error:
            say(f"error: point {outcome.point.index + 1} ({describe_point(outcome.point)}) failed: {outcome.error}")

    shared = sum(len(indices) for indices in twins.values())
    say(
        f"grid: {grid.notebook.stem}: {len(grid.points):,} points, {len(grid.points) - len(tasks) - shared:,} in the "
        f"cache, {shared:,} the same as another point"
    )
    if not tasks or limit_seconds is None:  # no limit: no sample, every point to the executor at once
        run_all(tasks)
        return [outcomes[p.index] for p in grid.points]
    sample = record(tasks[0], compute(tasks[0]))
    report(sample)
    rest = tasks[1:]
    estimate = sample.seconds * len(rest) / max(1, min(workers, len(rest) or 1))
    say(
        f"grid: one point took {sample.seconds:.2f} s; the {len(rest):,} others about {estimate:.0f} s "
        f"on {workers} worker(s)"
    )
    if estimate > limit_seconds:
        biggest = max(grid.dimensions, key=lambda n: grid.dimensions[n])
        raise GridError(
            f"grid: about {estimate:.0f} s for {len(rest):,} points, over the limit of {limit_seconds:.0f} s "
            f"(--grid-limit); coarsen {biggest!r} ({grid.dimensions[biggest]} values) or raise --grid-limit"
        )
    run_all(rest)
    return [outcomes[p.index] for p in grid.points]


def describe_point(point: Point) -> str:
    parts = [f"scenario={point.scenario}"] if point.scenario else []
    parts += [f"{k}={cell(v)}" for k, v in point.values.items() if k != "data_dir"]
    return ", ".join(parts)


def provenance_of(grid: Grid, outcomes: list[Outcome], executor: str, workers: int, seconds: float) -> dict[str, Any]:
    """grid.json: what produced grid.csv (data, code, Python, packages), the grid, and each point's fate."""
    record = provenance.record(Inputs.read(grid.data_dir), {grid.notebook.stem: dict(grid.dimensions)}, None)
    return {
        "provenance": record,
        "grid": {
            "file": grid.source,
            "notebook": grid.notebook.stem,
            "entry_point": grid.entry_point,
            "dimensions": grid.dimensions,
            "points": len(outcomes),
        },
        "computed": sum(1 for o in outcomes if not o.reused and not o.error),
        "reused": sum(1 for o in outcomes if o.reused),
        "failed": [
            {"point": o.point.index + 1, "parameters": describe_point(o.point), "error": o.error}
            for o in outcomes
            if o.error
        ],
        "executor": executor,
        "workers": workers,
        "seconds": round(seconds, 2),
    }


# ---- the tidy table --------------------------------------------------------------------------------------


def cell(value: Any) -> str:
    """A value as one CSV cell: numbers at full precision (repr), lists and mappings as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)


def _csv_cell(value: Any) -> Any:
    """A value for ``csv_text``: a number as itself (written at full precision, never taken for text), else ``cell``."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else cell(value)


def flat_results(outcome: Outcome) -> dict[str, Any]:
    """Every declared result of a point as ``name.key`` columns (records flattened, answer lists as JSON)."""
    declarations = declarations_from_json(outcome.declarations)
    values = {k: v for k, v in outcome.results.items() if k in declarations}
    out = {leaf.key: leaf.value for leaf in leaves(values, declarations)}
    for name in ("finding", "flip", "question"):
        if isinstance(outcome.results.get(name), str):
            out[name] = outcome.results[name]
    for name in ("details", "key_numbers"):
        if name in outcome.results:
            out[name] = outcome.results[name]
    return out


def table(outcomes: list[Outcome]) -> str:
    """grid.csv: a row per point (in the grid's order), a column per parameter and per declared result."""
    parameter_names = list(dict.fromkeys(n for o in outcomes for n in o.point.parameters if n != "data_dir"))
    rows = [flat_results(o) for o in outcomes]  # a result that echoes a parameter is its column already
    rows = [{k: v for k, v in row.items() if k not in parameter_names} for row in rows]
    result_names = list(dict.fromkeys(k for row in rows for k in row))
    has_scenario = any(o.point.scenario for o in outcomes)
    head = ["point", *(["scenario"] if has_scenario else []), "status", "error", "key", *parameter_names, *result_names]
    return csv_text(  # text cells guarded against formulas; a number stays a number
        [
            head,
            *(
                [
                    outcome.point.index + 1,
                    *([outcome.point.scenario] if has_scenario else []),
                    "failed" if outcome.error else "ok",
                    outcome.error,
                    outcome.key,
                    *(_csv_cell(outcome.point.parameters.get(n)) for n in parameter_names),
                    *(_csv_cell(row.get(n)) for n in result_names),
                ]
                for outcome, row in zip(outcomes, rows, strict=True)
            ),
        ]
    )
