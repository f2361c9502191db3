"""The collection's runner: check parameters, execute notebooks in parallel, render, replace atomically.

    python scripts/run_notebooks.py [NOTEBOOK ...] [-p NAME=VALUE ...] [-f params.yaml]
        [--data-dir DIR] [--out DIR] [--jobs N] [--timeout S] [--refresh]
    python scripts/run_notebooks.py --scenario NAME|all [NOTEBOOK ...] [--out ROOT]
    python scripts/run_notebooks.py --compare OLD_DIR NEW_DIR [--tolerance T] [--json FILE]

Exit status: 0 success; 1 a notebook or a data file failed (previous output untouched);
2 bad usage or parameters (nothing written, no kernel started).
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import fcntl
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import papermill
import yaml

from . import compare
from . import scenarios as scenario_files
from .data import DataError, load_dataset
from .notebooks import DATA_CHECKS, PARAMETERS
from .params import ParameterError, check_parameters, nearest_name, with_company_ids
from .paths import NOTEBOOKS_DIR
from .render import collect_results, title_of

EXIT_FAILED, EXIT_USAGE = 1, 2
VOLATILE_METADATA = ("start_time", "end_time", "duration", "exception", "input_path", "output_path",
                     "environment_variables", "version")


class UsageError(Exception):
    """Refused before anything runs: exit status 2, nothing written."""


@dataclass
class Job:
    stem: str
    path: Path
    defaults: dict
    parameters: dict = field(default_factory=dict)  # values given by the user (checked)
    seconds: float = 0.0
    error: str | None = None
    executed: nbformat.NotebookNode | None = None


# ---- choosing notebooks and checking parameters -------------------------------------------

def all_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def select_notebooks(names: list[str], folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Notebooks by file stem, file name, number prefix ('01') or path; all when none are named."""
    available = all_notebooks(folder)
    if not names:
        return available
    chosen = []
    for name in names:
        if name.endswith(".ipynb") and Path(name).is_file():
            chosen.append(Path(name).resolve())
            continue
        key = Path(name).name.removesuffix(".ipynb")
        match = [p for p in available if p.stem == key or p.stem.split("_", 1)[0] == key]
        if not match:
            stems = [p.stem for p in available]
            near = nearest_name(key, stems)
            raise UsageError(f"unknown notebook {name!r}" + (f" (did you mean {near!r}?)" if near else "")
                             + f"; available: {', '.join(stems)}")
        chosen.extend(p for p in match if p not in chosen)
    return chosen


def notebook_defaults(path: Path) -> dict:
    """Parameter defaults read from the notebook's cell tagged ``parameters`` (papermill)."""
    inspected = papermill.inspect_notebook(str(path))
    declared = PARAMETERS.get(path.stem)
    if declared is None:
        raise UsageError(f"{path.name} has no parameter specification in prequel.notebooks.PARAMETERS")
    if set(inspected) != set(declared):
        raise UsageError(f"{path.name}: its parameters cell declares {sorted(inspected)} but "
                         f"prequel.notebooks declares {sorted(declared)}")
    return {name: ast.literal_eval(p["default"]) for name, p in inspected.items()}


def parse_assignments(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"-p takes NAME=VALUE, got {item!r}")
        out[name.strip()] = value
    return out


def read_parameter_file(path: str) -> dict:
    """YAML read with every scalar as text, so `NO` stays 'NO' and `007` stays '007' until checked."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        loaded = yaml.load(text, Loader=yaml.BaseLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise UsageError(f"parameter file {path}: {err}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise UsageError(f"parameter file {path}: expected a mapping of NAME: VALUE")
    return loaded


def check_requested(jobs: list[Job], requested: dict, company_ids: list[str], where: str = "") -> None:
    """Assign each requested value to every notebook that declares it; refuse what none declares."""
    known = sorted({n for job in jobs for n in PARAMETERS[job.stem]})
    for name, raw in requested.items():
        takers = [job for job in jobs if name in PARAMETERS[job.stem]]
        if not takers:
            near = nearest_name(name, known)
            raise ParameterError(f"{where}unknown parameter {name!r}" + (f" (did you mean {near!r}?)" if near else "")
                                 + f"; the selected notebooks take: {', '.join(known)}")
        for job in takers:
            specs = with_company_ids(PARAMETERS[job.stem], company_ids)
            job.parameters.update(check_parameters(specs, {name: raw}, raw=True, where=where))


# ---- execution -------------------------------------------------------------------------------

def sanitize(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop wall-clock values and machine paths that papermill and nbclient record."""
    meta = nb.metadata.get("papermill", {})
    for key in VOLATILE_METADATA:
        meta.pop(key, None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    return nb


def failing_cell(nb: nbformat.NotebookNode) -> str:
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
                return f"cell {index} ({first[:60]!r}): {output['ename']}: {output['evalue']}"
    return ""


def running_cell(nb: nbformat.NotebookNode) -> int | None:
    """The cell that was executing when the run stopped: the one with an error output, else the one
    papermill marked as running."""
    for index, cell in enumerate(nb.cells):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return index
    for index, cell in enumerate(nb.cells):
        if cell.metadata.get("papermill", {}).get("status") == "running":
            return index
    return None


def execute(job: Job, staging: Path, timeout: int) -> Job:
    output = staging / f"{job.stem}.ipynb"
    start = time.perf_counter()
    try:
        papermill.execute_notebook(str(job.path), str(output), parameters=job.parameters, kernel_name="python3",
                                   cwd=str(job.path.parent), progress_bar=False, log_output=False,
                                   execution_timeout=timeout)
    except papermill.PapermillExecutionError as err:
        timed_out = err.ename == "KeyboardInterrupt"  # nbclient interrupts a cell that runs past the timeout
        job.error = f"cell {err.cell_index}: " + (f"timed out after {timeout} s (--timeout)" if timed_out
                                                  else f"{err.ename}: {err.evalue}")
    except Exception as err:  # timeouts, dead kernels: report, never crash the other notebooks
        message = str(err).strip().splitlines()[0] if str(err).strip() else ""
        timed_out = "timeout" in type(err).__name__.lower() or "timeout" in message.lower()
        job.error = f"timed out after {timeout} s (--timeout)" if timed_out else f"{type(err).__name__}: {message}"
    job.seconds = time.perf_counter() - start
    if output.exists():
        executed = nbformat.read(output, as_version=4)
        if job.error and not job.error.startswith("cell"):
            index = running_cell(executed)
            if job.error.startswith("timed out") or index is None:
                located = f"cell {index}: {job.error}" if index is not None else job.error
            else:
                located = failing_cell(executed) or f"cell {index}: {job.error}"
            job.error = located
        job.executed = sanitize(executed)
    return job


@contextlib.contextmanager
def output_lock(out: Path):
    """One runner at a time replaces a given output folder."""
    lock_path = out.parent / f".{out.name}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def replace_dir(new: Path, out: Path) -> None:
    """Put ``new`` in place of ``out`` with renames on one filesystem (old one removed after)."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        os.rename(out, old)
    os.rename(new, out)
    if old.exists():
        shutil.rmtree(old)


def write_failed(jobs: list[Job], out: Path) -> Path:
    failed_dir = out / "_failed"
    if failed_dir.exists():
        shutil.rmtree(failed_dir)
    failed_dir.mkdir(parents=True)
    for job in jobs:
        if job.error and job.executed is not None:
            nbformat.write(job.executed, failed_dir / f"{job.stem}.ipynb")
    return failed_dir


def build_site(jobs: list[Job], staging: Path, scenario: str | None = None) -> dict:
    from .render import render_index, render_pages  # nbconvert loads only when there is something to render

    summary = {"notebooks": {}}
    entries = []
    for job in jobs:
        nbformat.write(job.executed, staging / f"{job.stem}.ipynb")
        render_pages(job.executed, job.stem, staging)
        results = collect_results(job.executed)
        effective = {**job.defaults, **job.parameters}
        summary["notebooks"][job.stem] = {"status": "ok", "seconds": round(job.seconds, 2),
                                          "parameters": effective, "results": results}
        entries.append({"stem": job.stem, "title": title_of(job.executed), "finding": results.get("finding", ""),
                        "parameters": effective, "defaults": job.defaults})
    render_index(entries, staging, scenario)
    write_json(staging / "summary.json", summary)
    return summary


def write_json(path: Path, value) -> None:
    path.write_text(json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def failure_summary(jobs: list[Job]) -> dict:
    """Every notebook's outcome after a failed run: results of those that succeeded, errors of the others."""
    return {"notebooks": {job.stem: ({"status": "failed", "error": job.error, "seconds": round(job.seconds, 2)}
                                     if job.error else
                                     {"status": "ok", "seconds": round(job.seconds, 2),
                                      "results": collect_results(job.executed) if job.executed else {}})
                          for job in jobs}}


def _preload_renderer() -> None:
    """Import nbconvert and load the page template while the kernels run (it takes about a second)."""
    from .render import warm_up

    warm_up()


def execute_site(jobs: list[Job], out: Path, workers: int, timeout: int, extra: dict | None = None) -> int:
    """Execute, render and put the site in place of ``out`` atomically; on failure keep ``out`` as it was."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    preload = threading.Thread(target=_preload_renderer, daemon=True)
    preload.start()
    try:
        print(f"running {len(jobs)} notebook(s) with {workers} worker(s) into {out}", file=sys.stderr, flush=True)
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = [pool.submit(execute, job, staging, timeout) for job in jobs]
            for done, future in enumerate(as_completed(futures), 1):
                job = future.result()
                state = "ok" if not job.error else "FAILED"
                print(f"[{done}/{len(jobs)}] {job.stem}: {state} ({job.seconds:.1f} s)", file=sys.stderr, flush=True)
        failed = [job for job in jobs if job.error]
        with output_lock(out):
            if failed:
                failed_dir = write_failed(failed, out)
                write_json(failed_dir / "summary.json", failure_summary(jobs))
                for job in failed:
                    print(f"error: {job.stem} failed at {job.error}", file=sys.stderr)
                for job in jobs:
                    if not job.error:
                        finding = collect_results(job.executed).get("finding", "") if job.executed else ""
                        print(f"ok: {job.stem}: {finding}", file=sys.stderr)
                print(f"the previous output in {out} is untouched; failed notebooks and all results: {failed_dir}",
                      file=sys.stderr)
                return EXIT_FAILED
            preload.join()
            build_site(jobs, staging, (extra or {}).get("scenario.json", {}).get("name"))
            for name, value in (extra or {}).items():
                write_json(staging / name, value)
            replace_dir(staging, out)
        return 0
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def prepare_jobs(args: argparse.Namespace) -> tuple[list[Job], object, Path | None]:
    paths = select_notebooks(args.notebooks)
    if not paths:
        raise UsageError(f"no notebooks found in {NOTEBOOKS_DIR}")
    jobs = [Job(p.stem, p, notebook_defaults(p)) for p in paths]
    data_dir = Path(args.data_dir).resolve() if args.data_dir else None
    if data_dir is not None and not data_dir.is_dir():
        raise UsageError(f"--data-dir {args.data_dir}: not a folder")
    dataset = load_dataset(data_dir)  # DataError: exit 1 before any kernel starts
    return jobs, dataset, data_dir


def finish_jobs(jobs: list[Job], dataset, data_dir: Path | None) -> None:
    """Checks that need the data, then the data folder for every notebook."""
    for job in jobs:
        if job.stem in DATA_CHECKS:
            DATA_CHECKS[job.stem](dataset, {**job.defaults, **job.parameters})
        if data_dir is not None:
            job.parameters["data_dir"] = str(data_dir)


def run_scenarios(args: argparse.Namespace) -> int:
    if args.param or args.file or args.refresh:
        raise UsageError("--scenario takes its parameters from scenarios/*.yaml: no -p, -f or --refresh")
    root = Path(args.out or "rendered").resolve()
    names = scenario_files.available() if args.scenario == "all" else [args.scenario]
    template, dataset, data_dir = prepare_jobs(args)
    company_ids = list(dataset.companies["company_id"])
    planned = []
    for name in names:  # check every scenario file before any kernel starts
        scenario = scenario_files.load(name, company_ids)
        jobs = [Job(t.stem, t.path, t.defaults, dict(scenario.parameters.get(t.stem, {}))) for t in template]
        finish_jobs(jobs, dataset, data_dir)
        planned.append((scenario, jobs))
    status = 0
    for scenario, jobs in planned:
        marker = {"name": scenario.name, "description": scenario.description,
                  "changed": {job.stem: {k: v for k, v in job.parameters.items() if k != "data_dir"} for job in jobs}}
        code = execute_site(jobs, root / scenario.name, args.jobs, args.timeout, extra={"scenario.json": marker})
        status = status or code
    from .render import render_front_page

    with output_lock(root / "index.html"):
        render_front_page(root)
    print(f"open {root / 'index.html'}")
    return status


def run_compare(args: argparse.Namespace) -> int:
    old, new = (compare.load_summary(p) for p in args.compare)
    report = compare.compare(old, new, args.tolerance)
    print(compare.format_report(report))
    if args.json:
        write_json(Path(args.json), report)
    return 0


def run(args: argparse.Namespace) -> int:
    if args.compare:
        return run_compare(args)
    if args.scenario:
        return run_scenarios(args)
    requested = read_parameter_file(args.file) if args.file else {}
    if args.refresh and (requested or args.param or args.data_dir):
        raise UsageError("--refresh rewrites the regression baseline from the defaults: "
                         "it takes no -p, -f or --data-dir")
    jobs, dataset, data_dir = prepare_jobs(args)
    company_ids = list(dataset.companies["company_id"])
    check_requested(jobs, requested, company_ids, where=f"{args.file}: " if args.file else "")
    check_requested(jobs, parse_assignments(args.param), company_ids, where="-p ")
    finish_jobs(jobs, dataset, data_dir)
    out = Path(args.out or "rendered/custom").resolve()
    code = execute_site(jobs, out, args.jobs, args.timeout)
    if code == 0 and args.refresh:
        from .readme import update

        for job in jobs:
            nbformat.write(job.executed, job.path)
        update()
        print(f"refreshed {len(jobs)} notebook(s) in {NOTEBOOKS_DIR} and the README's findings", file=sys.stderr)
    if code == 0:
        print(f"open {out / 'index.html'}")
    return code


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="run_notebooks.py", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("notebooks", nargs="*", help="notebook stems, number prefixes or paths (default: all)")
    p.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                   help="set a parameter in every selected notebook that takes it")
    p.add_argument("-f", "--file", metavar="params.yaml", help="parameters from a YAML mapping (-p wins)")
    p.add_argument("--data-dir", help="use this data folder instead of data/ (passed as data_dir)")
    p.add_argument("--out", help="output folder, replaced as a whole (default: rendered/custom; with --scenario, "
                                 "the root of the scenario folders and the front page: rendered)")
    p.add_argument("--scenario", help="render a named scenario of scenarios/*.yaml into <out>/<name>, or 'all'")
    p.add_argument("--compare", nargs=2, metavar=("OLD_DIR", "NEW_DIR"),
                   help="report what differs between two runs' summary.json, then exit")
    p.add_argument("--tolerance", type=float, default=0.01, help="relative change that counts as moved (default 0.01)")
    p.add_argument("--json", metavar="FILE", help="with --compare: also write the report as JSON")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="notebooks run in parallel (default: cores)")
    p.add_argument("--timeout", type=int, default=600, help="seconds a cell may run (default: 600)")
    p.add_argument("--refresh", action="store_true",
                   help="also write the executed notebooks back into notebooks/ (the regression baseline)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_intermixed_args(argv)
    try:
        return run(args)
    except (UsageError, ParameterError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as err:
        print(f"error: bad data file\n{err}", file=sys.stderr)
        return EXIT_FAILED
    except (FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
