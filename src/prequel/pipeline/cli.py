"""The collection's command line: check everything, then execute, render and publish.

    python scripts/run_notebooks.py [NOTEBOOK ...] [-p NAME=VALUE ...] [-f params.yaml]
        [--data-dir DIR] [--out DIR] [--jobs N] [--timeout S] [--no-cache] [--cache-dir DIR] [--refresh]
    python scripts/run_notebooks.py --scenario NAME|all [NOTEBOOK ...] [--out ROOT]
    python scripts/run_notebooks.py --compare OLD_DIR NEW_DIR [--tolerance T] [--json FILE]
    python scripts/run_notebooks.py --params [NOTEBOOK ...]
    python scripts/run_notebooks.py --grid FILE.yaml [--out DIR] [--executor local|dask|tcp://HOST:PORT]
        [--jobs N] [--grid-limit SECONDS]

Exit status: 0 success; 1 a notebook, a grid point, a data file or the file system failed (a full disk, a name too long,
a permission: one line naming the path; previous output untouched);
2 bad usage, parameters or output folder (nothing written, no kernel started);
130 interrupted, 143 terminated (SIGTERM), 129 hung up (SIGHUP): kernels stopped, staging removed, previous
output untouched. SIGKILL at any moment leaves the previous output or the new one whole; the next run
cleans up (and completes a refresh that was stopped after its commit point).
Only this module maps errors to exit statuses; an unexpected error keeps its traceback (exit 1).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path
from typing import Any

from .. import SNAPSHOT_DATE
from ..data import DataError, Dataset, load_dataset
from ..declarations import DeclarationError, defaults, describe, specs
from ..outside import plain, printable_lines, shown
from ..params import ParameterError, check_against_data, check_parameters, nearest_name
from ..paths import DEFAULT_DATA_DIR, NOTEBOOKS_DIR, REPO_ROOT
from . import compare, grid, journal, keep, outputs, signals
from . import scenarios as scenario_files
from .build import EXIT_FAILED, execute_site
from .cache import OFF_ENV, Cache, CacheError, inputs_for
from .execute import Interrupted, Job
from .refresh import TRANSACTION_DIR, refresh, refresh_summary
from .sources import Notebook, discover, out_of_sync

EXIT_USAGE = 2


class UsageError(Exception):
    """Refused before anything runs: exit status 2, nothing written."""


# ---- choosing notebooks and checking parameters -------------------------------------------


def select_notebooks(names: list[str], folder: Path = NOTEBOOKS_DIR) -> list[Notebook]:
    """Notebooks by stem, file name, number prefix ('01') or path; all when none are named. The folder is
    read only when a notebook is named by stem or number (a path names its notebook alone)."""
    if not names:
        return discover(folder)
    available: list[Notebook] | None = None
    chosen: list[Notebook] = []
    for name in names:
        path = Path(name)
        if path.suffix in (".py", ".ipynb") and _is_file(path):
            if not scenario_files.SAFE_NAME.fullmatch(path.stem):  # it names the pages and their links
                raise UsageError(f"{plain(name)}: a notebook's file name has only letters, digits, '-' and '_'")
            twin = path.with_suffix(".py")
            if not twin.is_file():
                raise UsageError(f"{plain(name)}: no text twin {plain(twin.name)} beside it (the .py is its source)")
            named = Notebook(path.stem, twin.resolve(), twin.resolve().with_suffix(".ipynb"))
            if named not in chosen:  # named twice (by path and by stem, say): run once
                chosen.append(named)
            continue
        key = path.name.removesuffix(".ipynb").removesuffix(".py")
        available = discover(folder) if available is None else available
        match = [n for n in available if n.stem == key or n.stem.split("_", 1)[0] == key]
        if not match:
            stems = [n.stem for n in available]
            near = nearest_name(key, stems)
            raise UsageError(
                f"unknown notebook {shown(name)}"
                + (f" (did you mean {near!r}?)" if near else "")
                + f"; available: {', '.join(stems)}"
            )
        chosen.extend(n for n in match if n not in chosen)
    return chosen


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long: no such file
        return False


def parse_assignments(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"-p takes NAME=VALUE, got {shown(item)}")
        if name.strip() in out:  # the later one used to win silently
            raise UsageError(
                f"-p {shown(name.strip())} given twice ({shown(out[name.strip()])}, {shown(value)}); give it once"
            )
        out[name.strip()] = value
    return out


def read_parameter_file(path: str) -> dict:
    loaded = scenario_files.read_yaml(Path(path))
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise UsageError(f"parameter file {plain(path)}: expected a mapping of NAME: VALUE")
    return loaded


def resolve_data_dir(raw: str, how: str) -> str:
    """A data folder given on the command line, resolved from the working directory and checked
    (an empty value means the default data folder, as in the notebooks)."""
    if not str(raw).strip():
        return str(DEFAULT_DATA_DIR)
    path = Path(raw).expanduser()
    path = path if path.is_absolute() else Path.cwd() / path
    try:
        if not path.is_dir():
            raise UsageError(f"{how} {plain(raw)}: not a folder (resolved to {plain(path)})")
        return str(path.resolve())
    except OSError as err:  # a name too long, a loop of links
        raise UsageError(f"{how} {plain(raw)}: {err.strerror}") from None


#: Folders of the repository that hold what the runner reads, hashes or tests: no output or cache inside them
#: (in src/ it would change the cache key of every notebook, in tests/ or notebooks/ the test collection).
SOURCE_FOLDERS = ("src", "notebooks", "data", "tests", "scenarios", "scripts", "docs", ".git")


def check_outside_sources(out: Path, cache: Cache | None) -> None:
    """Neither the output nor the cache sits in the repository's own folders (``SOURCE_FOLDERS``); checked
    first, before the notebooks and the data are read."""
    for what, path in (("--out", out.resolve()), ("cache folder", cache.folder.parent.resolve() if cache else None)):
        for name in SOURCE_FOLDERS if path else ():
            source = (REPO_ROOT / name).resolve()
            if path == source or source in path.parents:
                raise UsageError(f"{what} {plain(path)}: inside the repository's {name}/; put it elsewhere")


def check_apart(out: Path, jobs: list[Job], cache: Any = None) -> None:
    """The output folder must not hold the data it reads (a replace would delete it) nor sit inside the
    data folder (the data's hash, and the cache, would see the output); the cache neither."""
    data = Path(next((j.parameters["data_dir"] for j in jobs if j.parameters.get("data_dir")), DEFAULT_DATA_DIR))
    data = data.resolve()
    out = out.resolve()
    if out == data or out in data.parents or data in out.parents:
        raise UsageError(f"--out {out}: overlaps the data folder {data}; write the output elsewhere")
    if cache is not None:
        folder = cache.folder.parent.resolve()
        if folder == out or out in folder.parents or data in folder.parents or folder == data:
            raise UsageError(f"cache folder {folder}: inside the output or the data folder; put it elsewhere")
        if folder in out.parents:  # the output would replace, or be swept with, the cache's entries
            raise UsageError(f"--out {out}: inside the cache folder {folder}; write the output elsewhere")


def assign(jobs: list[Job], requested: dict[str, Any], where: str) -> None:
    """Give each requested value to every notebook that declares it; refuse what none declares."""
    known = sorted({n for job in jobs for n in job.defaults})
    for name, raw in requested.items():
        takers = [job for job in jobs if name in job.defaults]
        if not takers:
            near = nearest_name(name, known)
            raise ParameterError(
                f"{where}unknown parameter {shown(name)}"
                + (f" (did you mean {near!r}?)" if near else "")
                + f"; the selected notebooks take: {', '.join(known)}"
            )
        if name == "data_dir":
            raw = resolve_data_dir(str(raw), f"{where}data_dir")
        for job in takers:
            job.parameters.update(check_parameters(specs(job.notebook.declared), {name: raw}, raw=True, where=where))


def make_jobs(notebooks: list[Notebook]) -> list[Job]:
    jobs = []
    for notebook in notebooks:
        declared = notebook.declared
        jobs.append(Job(notebook, defaults(declared)))
    return jobs


def load_data_for(jobs: list[Job], data_dir: str | None) -> Dataset:
    """The dataset every job will read (one data folder per run), checked before any kernel starts."""
    folders = {job.parameters.get("data_dir") for job in jobs} - {None}
    if data_dir:
        folders.add(data_dir)
    if len(folders) > 1:
        raise UsageError(f"one data folder per run, got {sorted(folders)}")
    folder = folders.pop() if folders else None
    if folder:
        for job in jobs:
            if "data_dir" in job.defaults:
                job.parameters["data_dir"] = folder
    return load_dataset(folder)  # DataError: exit 1 before any kernel starts


def check_with_data(jobs: list[Job], dataset: Dataset, where: str = "") -> None:
    for job in jobs:
        checked = check_against_data(specs(job.notebook.declared), job.effective, dataset, where=where)
        job.parameters.update({k: v for k, v in checked.items() if k in job.parameters})


def prepare(args: argparse.Namespace, requested: list[tuple[dict, str]]) -> tuple[list[Job], Dataset]:
    jobs = make_jobs(select_notebooks(args.notebooks))
    if not jobs:
        raise UsageError(f"no notebooks found in {NOTEBOOKS_DIR}")
    for values, where in requested:
        assign(jobs, values, where)
    data_dir = resolve_data_dir(args.data_dir, "--data-dir") if args.data_dir else None
    dataset = load_data_for(jobs, data_dir)
    check_with_data(jobs, dataset)
    return jobs, dataset


# ---- commands ---------------------------------------------------------------------------------


def open_cache(args: argparse.Namespace) -> Cache | None:
    """The execution cache, unless --no-cache, PREQUEL_NO_CACHE=1 or --refresh (a baseline is always
    executed afresh)."""
    if args.no_cache or args.refresh or os.environ.get(OFF_ENV, "") not in ("", "0"):
        return None
    try:
        return Cache(Path(args.cache_dir) if args.cache_dir else None)
    except OSError as err:  # a name too long
        raise UsageError(f"cache folder {plain(args.cache_dir or '')}: {err.strerror}; {outputs.advice(err)}") from None


def output_folder(path: str | Path) -> Path:
    """``outputs.check_target``, with a name the file system refuses (too long, say) as one bounded line."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        pass  # a new folder
    except OSError as err:
        raise UsageError(f"--out {plain(path)}: {err.strerror}; {outputs.advice(err)}") from None
    return outputs.check_target(Path(path))


def scenario_jobs(scenario: scenario_files.Scenario, notebooks: list[Notebook], data_dir: str | None) -> list[Job]:
    """A job per notebook with the values ``scenario`` gives it, checked (with the data) before any kernel starts."""
    jobs = make_jobs(notebooks)
    where = f"{scenario.path.name}: "
    if scenario.shared:  # every name must be declared somewhere in the collection; selected notebooks take it
        assign(make_jobs(discover(warn=False)), scenario.shared, where)
        assign(jobs, {k: v for k, v in scenario.shared.items() if any(k in j.defaults for j in jobs)}, where)
    for job in jobs:
        values = scenario.parameters.get(job.stem, {})
        job.parameters.update(
            check_parameters(specs(job.notebook.declared), values, raw=True, where=f"{where}{job.stem}: ")
        )
    folder = resolve_data_dir(data_dir, "--data-dir") if data_dir else None
    check_with_data(jobs, load_data_for(jobs, folder), where=where)
    return jobs


def run_scenarios(args: argparse.Namespace) -> int:
    if args.param or args.file or args.refresh:
        raise UsageError("--scenario takes its parameters from scenarios/*.yaml: no -p, -f or --refresh")
    root = output_folder(args.out or "rendered")
    check_outside_sources(root, open_cache(args))
    grid.executor_for(args.executor, args.jobs)  # a bad --executor is refused before anything runs
    explore = args.scenario == "all" and not args.no_explore  # the explorer is written with every scenario
    if explore:  # its grid runs on the executor after every kernel: a scheduler that does not answer fails first
        grid.check_scheduler(args.executor)
    template = select_notebooks(args.notebooks)
    collection = discover(warn=False)
    names = scenario_files.available() if args.scenario == "all" else [args.scenario]
    # the front page reads every scenario folder, and a run of some notebooks keeps the others of its own
    scenario_files.check_rendered(root, set() if args.notebooks else set(names))
    planned = []
    for name in names:  # check every scenario file before any kernel starts
        scenario = scenario_files.load(name, [n.stem for n in collection])
        out = output_folder(root / scenario.name)
        kept = keep.kept_pages(out, {n.stem for n in template}) if args.notebooks else {}
        others = [n for n in collection if n.stem in kept]  # (a notebook named by path has no values to compare)
        jobs = scenario_jobs(scenario, template + others, args.data_dir)
        if kept:
            why = keep.mismatch(out, inputs_for(jobs[0]), jobs[len(template) :])
            if why:
                raise UsageError(
                    f"--scenario {name}: the pages it would keep from its last run ({', '.join(kept)}) {why}; "
                    f"render the whole scenario again (--scenario {name} without naming notebooks)"
                )
        planned.append((scenario, jobs[: len(template)], out, kept))
    status, cache = 0, open_cache(args)
    for _, jobs, out, _ in planned:
        check_apart(out, jobs, cache)
    rendered = scenario_files.rendered_pages(root) | {
        s.name: {job.stem for job in jobs} | set(kept) for s, jobs, _, kept in planned
    }
    for scenario, jobs, out, kept in planned:
        marker = {
            "name": scenario.name,
            "description": scenario.description,
            "changed": {job.stem: {k: v for k, v in job.parameters.items() if k != "data_dir"} for job in jobs},
        }
        code = execute_site(
            jobs, out, args.jobs, args.timeout, extra={"scenario.json": marker}, cache=cache, rendered=rendered,
            explore=explore, kept=kept,
        )  # fmt: skip
        status = status or code
    from .site import render_front_page

    with outputs.locked(root):
        if not root.exists():
            root.mkdir(parents=True)
        if not outputs.is_runner_output(root):
            outputs.mark(root)
    if explore and status == 0:  # the explorer spans every scenario: written with all of them
        write_explorer(args, root, cache)
    with outputs.locked(root):
        render_front_page(root)
    print(f"open {root / 'index.html'}")
    return status


def run_grid(args: argparse.Namespace) -> int:
    """--grid: one notebook's entry point over every point of a grid file, into ``DIR/grid.csv`` with its
    provenance (``DIR/grid.json``); checked whole before anything runs."""
    if args.param or args.file or args.refresh or args.notebooks:
        raise UsageError("--grid takes its notebook and values from the grid file: no NOTEBOOK, -p, -f or --refresh")
    out = output_folder(args.out or "rendered/grid")
    executor = grid.executor_for(args.executor, args.jobs)
    cache = open_cache(args)
    check_outside_sources(out, cache)
    path = Path(args.grid)
    spec = grid.read_grid_file(path)
    where = f"grid file {plain(path.name)}: "
    chosen = select_notebooks([str(spec["notebook"])]) if isinstance(spec["notebook"], str) else []
    if len(chosen) != 1:
        raise UsageError(f"{where}'notebook' must name one notebook (a stem or a number such as 03)")
    data_dir = resolve_data_dir(args.data_dir, "--data-dir") if args.data_dir else None
    dataset = load_dataset(data_dir)
    the_grid = grid.expand(chosen[0], spec["grid"], dataset, where=where)
    the_grid.source = str(path.resolve())
    check_apart(out, [Job(chosen[0], {}, {"data_dir": str(the_grid.data_dir)})], cache)
    grid.check_scheduler(args.executor)  # before the sample point: a wrong address fails in seconds
    started = time.perf_counter()
    with executor:
        outcomes = grid.run_grid(the_grid, executor, cache, args.jobs, args.grid_limit)
    failed = [o for o in outcomes if o.error]
    record = grid.provenance_of(the_grid, outcomes, args.executor, args.jobs, time.perf_counter() - started)
    with outputs.locked(out):
        outputs.recover(out)
        staging = outputs.new_staging(out)
    try:
        (staging / "grid.csv").write_text(grid.table(outcomes), encoding="utf-8")
        outputs.write_json(staging / "grid.json", record)
        with outputs.locked(out):
            outputs.replace(staging, out)
    except OSError as err:
        raise outputs.named(err, staging, out) from None
    finally:
        if staging.exists():
            outputs.remove(staging)
    if cache:
        cache.trim()
    print(
        f"grid: {len(outcomes) - len(failed):,} of {len(outcomes):,} points computed or reused "
        f"({record['computed']:,} computed); {len(failed):,} failed",
        file=sys.stderr,
    )
    print(f"wrote {out / 'grid.csv'}")
    return EXIT_FAILED if failed else 0


def write_explorer(args: argparse.Namespace, root: Path, cache: Cache | None) -> None:
    """``root/explore.html`` over every scenario and month (``explore.py``), its points through the cache."""
    from . import explore

    notebooks = discover(warn=False)
    data_dir = resolve_data_dir(args.data_dir, "--data-dir") if args.data_dir else None
    with grid.executor_for(args.executor, args.jobs) as executor:  # one set of workers for every notebook's grid
        written = explore.build(root, load_dataset(data_dir), cache, executor, args.jobs, notebooks)
    print(f"explorer: {root / explore.EXPLORE_PAGE}" + ("" if written else " (unchanged)"), file=sys.stderr)


def run_compare(args: argparse.Namespace) -> int:
    old, new = (compare.load_summary(p) for p in args.compare)
    report = compare.compare(old, new, args.tolerance)
    print(printable_lines(compare.format_report(report)))  # names and text from the summaries, escaped
    if args.json:
        write_report(Path(args.json), report)
    return 0


def write_report(path: Path, report: dict) -> None:
    """The --compare report as JSON: never over a file that is not an earlier report; atomic."""
    import json

    if path.is_dir() or not path.parent.is_dir():
        raise UsageError(f"--json {path}: " + ("is a folder" if path.is_dir() else "its folder does not exist"))
    if path.exists():
        try:
            earlier = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            earlier = None
        if not (isinstance(earlier, dict) and {"flipped", "moved", "tolerance"} <= set(earlier)):
            raise UsageError(f"--json {path}: exists and is not an earlier --compare report; choose a new file")
    temporary = path.parent / f".{path.name}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps(report, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def show_parameters(args: argparse.Namespace) -> int:
    for notebook in select_notebooks(args.notebooks):
        print(f"{notebook.stem}:")
        for row in describe(notebook.declared):
            print(f"  {row['name']}: {row['type']} = {row['default']}")
            print(f"      {row['help']}\n      allowed: {row['allowed']}")
    return 0


def run(args: argparse.Namespace) -> int:
    if not args.compare and (args.json or args.tolerance is not None):  # else ignored: no report written
        raise UsageError(f"{'--json' if args.json else '--tolerance'} works only with --compare OLD_DIR NEW_DIR")
    if args.no_explore and args.scenario != "all":
        raise UsageError("--no-explore works only with --scenario all (the explorer is written with every scenario)")
    if args.compare:
        return run_compare(args)
    done = journal.recover(TRANSACTION_DIR)  # a refresh that was killed: before anything reads notebooks/
    if done:
        print(f"note: {done} the refresh of notebooks/ and README.md that was stopped", file=sys.stderr)
    if args.params:
        return show_parameters(args)
    if args.out is not None and not args.out.strip():
        raise UsageError("--out: empty; give a folder")
    if args.grid:
        return run_grid(args)
    if args.scenario:
        return run_scenarios(args)
    if args.refresh and (args.file or args.param or args.data_dir or args.out):
        raise UsageError(
            "--refresh rewrites the regression baseline from the defaults: it takes no -p, -f, --data-dir or --out"
        )
    if args.refresh:
        check_readme_markers()
    out = output_folder(args.out or "rendered/custom")
    check_outside_sources(out, open_cache(args))
    requested = []
    if args.file:
        requested.append((read_parameter_file(args.file), f"{plain(args.file)}: "))
    requested.append((parse_assignments(args.param), "-p "))
    jobs, _ = prepare(args, requested)
    if not args.refresh:
        stale = [reason for job in jobs if (reason := out_of_sync(job.notebook)) and job.notebook.baseline.is_file()]
        for reason in stale:
            print(f"note: {reason}", file=sys.stderr)
    cache = open_cache(args)
    check_apart(out, jobs, cache)
    code = execute_site(jobs, out, args.jobs, args.timeout, cache=cache)
    if code == 0 and args.refresh:
        try:
            written = refresh(jobs)
        except OSError as err:
            state = (
                "the next run completes the refresh"
                if journal.pending(TRANSACTION_DIR)
                else "notebooks/, README.md and docs/img are as they were"
            )
            print(f"error: refresh failed: {file_error(err)}; {state}", file=sys.stderr)
            return EXIT_FAILED
        print(
            f"executed {len(jobs)} notebook(s); rewrote {refresh_summary(written)}",
            file=sys.stderr,
        )
    if code == 0:
        print(f"open {out / 'index.html'}")
    return code


def check_readme_markers() -> None:
    """--refresh rewrites the README's findings between its markers: they must be there, once each and in
    order, before anything is executed."""
    from .readme import END, README, START

    try:
        text = README.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"--refresh: {plain(README)} cannot be read ({err})") from None
    if not (text.count(START) == text.count(END) == 1 and text.index(START) < text.index(END)):
        raise UsageError(
            f"--refresh: {plain(README)} needs the line {START}, then {END}, once each, around the findings "
            "(restore them from git), so nothing was executed"
        )


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {shown(text)}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {shown(text)}")
    return value


def tolerance(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a finite number >= 0, got {shown(text)}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"expected a finite number >= 0, got {shown(text)}")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="run_notebooks.py",
        description=(__doc__ or "").split("\n\n")[0],
        epilog=f"Data snapshot and default as_of: {SNAPSHOT_DATE}.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("notebooks", nargs="*", help="notebook stems, number prefixes or paths (default: all)")
    p.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a parameter in every selected notebook that takes it",
    )
    p.add_argument("-f", "--file", metavar="params.yaml", help="parameters from a YAML mapping (-p wins)")
    p.add_argument("--data-dir", help="use this data folder instead of data/ (passed as data_dir)")
    p.add_argument(
        "--out",
        help="output folder: new, empty or a previous output of the runner, which it replaces "
        "(default: rendered/custom; with --scenario, the root of the scenario folders and "
        "the front page: rendered)",
    )
    p.add_argument(
        "--scenario",
        help="render a named scenario of scenarios/*.yaml into <out>/<name>, or 'all'; with notebooks named, only "
        "those, keeping the scenario's other pages from its last run",
    )
    p.add_argument(
        "--compare",
        nargs=2,
        metavar=("OLD_DIR", "NEW_DIR"),
        help="report what differs between two runs' summary.json, then exit",
    )
    p.add_argument(
        "--tolerance",
        type=tolerance,
        default=None,
        help="with --compare: relative change that counts as moved (a finite number >= 0; default: each "
        "result's declared tolerance)",
    )
    p.add_argument("--json", metavar="FILE", help="with --compare: also write the report as JSON")
    p.add_argument(
        "--grid",
        metavar="FILE.yaml",
        help="evaluate one notebook's entry point over a grid of parameters into <out>/grid.csv (default out: "
        "rendered/grid)",
    )
    p.add_argument(
        "--executor",
        default="local",
        help="with --grid: local (processes, default), dask (a local Dask cluster of --jobs workers) or "
        "tcp://HOST:PORT (a running Dask scheduler)",
    )
    p.add_argument(
        "--no-explore",
        action="store_true",
        help="with --scenario all: do not write explore.html (the explorer's precomputed grid)",
    )
    p.add_argument(
        "--grid-limit",
        type=tolerance,
        default=grid.DEFAULT_LIMIT_SECONDS,
        metavar="SECONDS",
        help=f"with --grid: refuse a grid estimated to take longer (default {grid.DEFAULT_LIMIT_SECONDS} s)",
    )
    p.add_argument(
        "--params",
        action="store_true",
        help="list each notebook's parameters (type, default, allowed values, help), then exit",
    )
    p.add_argument(
        "--jobs",
        type=positive_int,
        default=os.cpu_count() or 1,
        help="notebooks run in parallel (>= 1; default: cores)",
    )
    p.add_argument("--timeout", type=positive_int, default=600, help="seconds a cell may run (>= 1; default: 600)")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="execute every notebook: neither read nor write the execution cache",
    )
    p.add_argument(
        "--cache-dir",
        help="the execution cache's folder (default: $PREQUEL_CACHE_DIR, else .cache in the repository)",
    )
    p.add_argument(
        "--refresh",
        action="store_true",
        help="also write the executed notebooks back into notebooks/ with the README's findings "
        "(the regression baseline), all or nothing",
    )
    return p


def file_error(err: OSError) -> str:
    """A file-system error in one line: the path, what went wrong, what to do."""
    where = f"{err.filename}: " if err.filename else ""
    return f"{where}{err.strerror or err}; {outputs.advice(err)}"


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_intermixed_args(argv)
    with signals.handled():
        return _main(args)


def _main(args: argparse.Namespace) -> int:
    try:
        return run(args)
    except BrokenPipeError:  # e.g. `--params | head`: the reader went away
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (
        UsageError,
        ParameterError,
        DeclarationError,
        outputs.OutputError,
        scenario_files.YamlError,
        compare.CompareError,
        CacheError,
    ) as err:
        print(f"error: {printable_lines(str(err))}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as err:
        print(
            "\n".join(f"error: bad data file {line}" for line in printable_lines(str(err)).split("\n")), file=sys.stderr
        )
        return EXIT_FAILED
    except (Interrupted, KeyboardInterrupt):
        if signals.after_commit():  # held until its commit was done: the new output (or refresh) is in place
            print(f"{signals.name()}: stopped right after the new output was put in place", file=sys.stderr)
        else:
            stopped = "grid workers stopped" if args.grid else "kernels stopped"  # a grid starts no kernel
            print(f"{signals.name()}: {stopped}; the previous output is untouched", file=sys.stderr)
        return signals.exit_status()
    except OSError as err:  # a full disk, a name too long, a permission: never a traceback
        print(f"error: {file_error(err)}; the previous output is untouched", file=sys.stderr)
        return EXIT_FAILED
