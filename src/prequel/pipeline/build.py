"""One run: execute the notebooks into a staging folder, render the site, put it in place of the output.

A failed run keeps the previous output and records its failure in ``<out>/_failed/`` (read by the
front page); an interrupted run leaves nothing behind but the previous output.
"""

from __future__ import annotations

import json
import shutil
import sys
import threading
from pathlib import Path
from typing import Any

import nbformat

from . import outputs
from .execute import Job, run_jobs
from .site import collect_results, title_of

EXIT_OK, EXIT_FAILED = 0, 1
FAILED_DIR = "_failed"


def write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def build_site(jobs: list[Job], staging: Path, scenario: str | None = None) -> dict:
    from .site import render_index, render_pages, write_stylesheet  # nbconvert loads only when needed

    summary: dict[str, Any] = {"notebooks": {}}
    entries = []
    write_stylesheet(staging)  # one stylesheet per site, linked by every page
    siblings = [(job.stem, title_of(job.executed)) for job in jobs]
    for job in jobs:
        nbformat.write(job.executed, staging / f"{job.stem}.ipynb")
        render_pages(
            job.executed,
            job.stem,
            staging,
            siblings=siblings,
            parameters=job.effective,
            defaults=job.defaults,
            scenario={"name": scenario} if scenario else None,
        )
        results = collect_results(job.executed)
        summary["notebooks"][job.stem] = {
            "status": "ok",
            "seconds": round(job.seconds, 2),
            "parameters": job.effective,
            "results": results,
        }
        entries.append(
            {
                "stem": job.stem,
                "title": title_of(job.executed),
                "finding": results.get("finding", ""),
                "parameters": job.effective,
                "defaults": job.defaults,
            }
        )
    render_index(entries, staging, scenario)
    write_json(staging / "summary.json", summary)
    return summary


def failure_summary(jobs: list[Job]) -> dict:
    """Every notebook's outcome after a failed run: results of those that succeeded, errors of the others."""
    return {
        "status": "failed",
        "notebooks": {
            job.stem: (
                {"status": "failed", "error": job.error, "seconds": round(job.seconds, 2)}
                if job.error
                else {
                    "status": "ok",
                    "seconds": round(job.seconds, 2),
                    "results": collect_results(job.executed) if job.executed else {},
                }
            )
            for job in jobs
        },
    }


def record_failure(jobs: list[Job], out: Path) -> Path:
    """Write ``<out>/_failed/`` (failed notebooks and every outcome) beside the previous output."""
    if not out.exists():
        out.mkdir(parents=True)
        outputs.mark(out)
    failed_dir = out / FAILED_DIR
    if failed_dir.exists():
        shutil.rmtree(failed_dir)
    failed_dir.mkdir()
    for job in jobs:
        if job.error and job.executed is not None:
            nbformat.write(job.executed, failed_dir / f"{job.stem}.ipynb")
    write_json(failed_dir / "summary.json", failure_summary(jobs))
    return failed_dir


def _preload_renderer() -> None:
    """Import nbconvert and load the page template while the kernels run (it takes about a second)."""
    from .site import warm_up

    warm_up()


def execute_site(jobs: list[Job], out: Path, workers: int, timeout: int, extra: dict | None = None) -> int:
    """Execute, render and put the site in place of ``out``; on failure keep ``out`` as it was.
    ``out`` must have passed ``outputs.check_target``."""
    with outputs.locked(out):
        outputs.remove_stale_staging(out)
        staging = outputs.new_staging(out)
    preload = threading.Thread(target=_preload_renderer, daemon=True)
    preload.start()
    try:
        print(f"output: {out}", file=sys.stderr, flush=True)
        run_jobs(jobs, staging, workers, timeout)
        failed = [job for job in jobs if job.error]
        if failed:
            with outputs.locked(out):
                failed_dir = record_failure(jobs, out)
            for job in failed:
                print(f"error: {job.stem} failed at {job.error}", file=sys.stderr)
            for job in jobs:
                if not job.error:
                    print(f"ok: {job.stem}: {collect_results(job.executed).get('finding', '')}", file=sys.stderr)
            print(
                f"the previous output in {out} is untouched; failed notebooks and all results: {failed_dir}",
                file=sys.stderr,
            )
            return EXIT_FAILED
        preload.join()
        build_site(jobs, staging, (extra or {}).get("scenario.json", {}).get("name"))
        for name, value in (extra or {}).items():
            write_json(staging / name, value)
        with outputs.locked(out):
            outputs.replace(staging, out)
        return EXIT_OK
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
